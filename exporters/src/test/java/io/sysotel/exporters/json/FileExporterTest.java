package io.sysotel.exporters.json;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysotel.collector.api.Exporter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileExporterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  private List<Long> numbers(Path file) throws Exception {
    List<Long> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(MAPPER.readTree(line).at("/data/0/data/args/0/value").asLong());
    }
    return out;
  }

  @Test
  void appendsJsonLinesCreatingMissingDirectories() throws Exception {
    Path file = tmp.resolve("logs/sysotel/events.jsonl");
    try (Exporter exporter = new FileExporterFactory().create("file", Map.of("path", file.toString()))) {
      exporter.export(StdoutExporterTest.batch(0, 2));
    }
    try (Exporter again = new FileExporterFactory().create("file", Map.of("path", file.toString()))) {
      again.export(StdoutExporterTest.batch(2, 1));
    }
    assertEquals(List.of(0L, 1L, 2L), numbers(file));
  }

  @Test
  void rotatesBySizeKeepingMaxFilesOfWholeLinesNewestFirst() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    int lineBytes;
    try (FileExporter exporter = FileExporter.open("file", new FileSettings(file, 1, 0))) {
      exporter.export(StdoutExporterTest.batch(0, 1));
      lineBytes = (int) Files.size(file);
    }
    Files.delete(file);

    long maxBytes = 3L * lineBytes + lineBytes / 2; // three lines fit, a fourth does not
    try (FileExporter exporter = FileExporter.open("file", new FileSettings(file, maxBytes, 2))) {
      for (long i = 0; i < 14; i++) {
        exporter.export(StdoutExporterTest.batch(i, 1)); // one line per write
      }
    }
    // 14 lines, 3 per file: [0..2] [3..5] [6..8] [9..11] [12,13]; two rotated files kept.
    assertEquals(List.of(12L, 13L), numbers(file));
    assertEquals(List.of(9L, 10L, 11L), numbers(tmp.resolve("events.jsonl.1")));
    assertEquals(List.of(6L, 7L, 8L), numbers(tmp.resolve("events.jsonl.2")));
    assertFalse(Files.exists(tmp.resolve("events.jsonl.3")));
    for (String name : List.of("events.jsonl", "events.jsonl.1", "events.jsonl.2")) {
      assertTrue(Files.size(tmp.resolve(name)) <= maxBytes, name);
    }
  }

  @Test
  void startsTheFileOverWhenNoRotatedFilesAreKept() throws Exception {
    Path file = tmp.resolve("events.jsonl");
    try (FileExporter exporter = FileExporter.open("file", new FileSettings(file, 1, 0))) {
      exporter.export(StdoutExporterTest.batch(0, 1));
      exporter.export(StdoutExporterTest.batch(1, 1));
    }
    assertEquals(List.of(1L), numbers(file));
    assertFalse(Files.exists(tmp.resolve("events.jsonl.1")));
  }

  @Test
  void failsAtCreationWhenThePathCannotBeOpened() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("a-directory"));
    assertThrows(UncheckedIOException.class, () -> new FileExporterFactory().create("file", Map.of("path", dir.toString())));
  }

  @Test
  void closesTwiceQuietly() throws Exception {
    Exporter exporter = new FileExporterFactory().create("file", Map.of("path", tmp.resolve("x").toString()));
    exporter.close();
    assertDoesNotThrow(exporter::close);
  }
}
