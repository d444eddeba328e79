package io.sysotel.exporters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.ExporterFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterFactoriesTest {

  private final StdoutExporterFactory stdout = new StdoutExporterFactory();
  private final FileExporterFactory file = new FileExporterFactory();

  @Test
  void serviceLoaderFindsStdoutAndFile() {
    List<String> types = new ArrayList<>();
    ServiceLoader.load(ExporterFactory.class).forEach(f -> types.add(f.type()));
    assertTrue(types.containsAll(List.of("stdout", "file")), "found: " + types);
  }

  @Test
  void awaitWarmUpReturnsOnceTheRenderingWarmUpIsOver(@TempDir Path dir) throws Exception {
    try (Exporter out = stdout.create("stdout/warm", Map.of());
        Exporter f = file.create("file/warm", Map.of("path", dir.resolve("events.jsonl").toString()))) {
      out.awaitWarmUp(Duration.ofSeconds(60));
      f.awaitWarmUp(Duration.ofSeconds(60));
      assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().endsWith("/warm-warm-up")),
          "no warm-up thread still running");
    }
  }

  @Test
  void stdoutAcceptsJsonOrNothing() {
    assertEquals(List.of(), stdout.validate(Map.of("format", "json")));
    assertEquals(List.of(), stdout.validate(Map.of()));
    assertEquals(List.of(), stdout.validate(null));
  }

  @Test
  void stdoutRejectsOtherFormatsAndUnknownKeys() {
    assertEquals(List.of("format: unknown format \"xml\"; known: json"), stdout.validate(Map.of("format", "xml")));
    assertEquals(List.of("format: must be a non-empty string, got 3"), stdout.validate(Map.of("format", 3)));
    assertEquals(
        List.of("fromat: unknown key; known: format; did you mean format?"), stdout.validate(Map.of("fromat", "json")));
    assertThrows(IllegalArgumentException.class, () -> stdout.create("stdout", Map.of("format", "xml")));
  }

  @Test
  void fileRequiresAPath() {
    assertEquals(List.of("path: required"), file.validate(Map.of()));
    assertEquals(List.of("path: must be a non-empty string, got true"), file.validate(Map.of("path", true)));
  }

  @Test
  void fileReadsSizesFromIntegersOrStringsWithDefaults() {
    assertEquals(new FileSettings(Path.of("/x"), 100L << 20, 5), FileSettings.parse(Map.of("path", "/x")));
    assertEquals(
        new FileSettings(Path.of("/x"), 7L << 20, 0),
        FileSettings.parse(Map.of("path", "/x", "maxSizeMb", "7", "maxFiles", 0)));
  }

  @Test
  void fileReportsEveryBadKeyAtOnce() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("maxSizeMb", 0);
    settings.put("maxFiles", "many");
    settings.put("pth", "/x");
    List<String> problems = file.validate(settings);
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.contains("path: required"));
    assertTrue(problems.contains("maxSizeMb: must be a whole number from 1 to 1048576, got 0"));
    assertTrue(problems.contains("maxFiles: must be a whole number from 0 to 1000, got \"many\""));
    assertTrue(problems.contains("pth: unknown key; known: path, maxSizeMb, maxFiles; did you mean path?"));
  }
}
