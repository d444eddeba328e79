package io.sysotel.exporters.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.ExportException;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.SyscallRecord;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StdoutExporterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static ExportBatch batch(long from, int count) {
    List<SyscallRecord> records = new ArrayList<>();
    for (long i = from; i < from + count; i++) {
      records.add(Records.numbered(i));
    }
    return new ExportBatch(Records.SOURCE, MetaSelection.ALL, false, records);
  }

  @Test
  void writesOneJsonMessagePerLineToSystemOut() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, false, StandardCharsets.UTF_8));
      try (Exporter exporter = new StdoutExporterFactory().create("stdout", Map.of("format", "json"))) {
        exporter.export(batch(0, 3));
        exporter.flush();
      }
    } finally {
      System.setOut(original);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length);
    for (int i = 0; i < 3; i++) {
      assertEquals(i, MAPPER.readTree(lines[i]).at("/data/0/data/args/0/value").asLong());
    }
  }

  @Test
  void splitsABigBatchIntoSeveralWritesOnLineBoundaries() throws Exception {
    List<Integer> writeSizes = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    OutputStream recording =
        new OutputStream() {
          @Override
          public void write(int b) {
            throw new AssertionError("byte-wise write");
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writeSizes.add(len);
            assertEquals('\n', b[off + len - 1], "each write ends a line");
            all.write(b, off, len);
          }
        };
    try (StdoutExporter exporter = new StdoutExporter("stdout", recording)) {
      exporter.export(batch(0, 5_000));
    }
    assertTrue(writeSizes.size() > 1, "writes: " + writeSizes);
    assertEquals(5_000, all.toString(StandardCharsets.UTF_8).split("\n").length);
  }

  @Test
  void reportsABrokenStdout() {
    PrintStream broken =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
              }
            });
    StdoutExporter exporter = new StdoutExporter("stdout", broken);
    assertThrows(ExportException.class, () -> exporter.export(batch(0, 1)));
    exporter.close();
  }

  @Test
  void closesTwiceQuietlyAndRefusesBatchesAfterClose() throws Exception {
    StdoutExporter exporter = new StdoutExporter("stdout", new ByteArrayOutputStream());
    exporter.close();
    assertDoesNotThrow(exporter::close);
    assertDoesNotThrow(exporter::flush);
    assertThrows(ExportException.class, () -> exporter.export(batch(0, 1)));
  }
}
