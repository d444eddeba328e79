package io.sysotel.collector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The committed bpf/sysotel.bpf.o must come from the committed sources: its recorded source
 * hashes are compared here (no clang needed), and {@code make -C bpf check} rebuilds and
 * compares the bytes (run by CI).
 */
class BpfObjectFreshnessTest {

  @Test
  void recordedSourceHashesMatchTheSources() throws IOException, NoSuchAlgorithmException {
    Path bpf = Path.of("../bpf");
    for (String line : Files.readAllLines(bpf.resolve("sysotel.bpf.o.sources"))) {
      String[] parts = line.split("\\s+", 2);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(bpf.resolve(parts[1])));
      assertEquals(parts[0], HexFormat.of().formatHex(digest),
          "bpf/" + parts[1] + " changed since bpf/sysotel.bpf.o was built: run make -C bpf and commit");
    }
  }

  @Test
  void everySourceIsRecorded() throws IOException {
    String recorded = Files.readString(Path.of("../bpf/sysotel.bpf.o.sources"));
    for (String source : new String[] {"sysotel.bpf.c", "sysotel.h", "include/vmlinux.h"}) {
      assertEquals(true, recorded.contains(" " + source + "\n"), source + " is in the record");
    }
  }
}
