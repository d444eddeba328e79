package io.sysotel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The sysotel.yaml the chart renders passes `sysotel validate`, the collector's own check. */
class ChartConfigValidatesTest {

  static List<Map<String, Object>> renderings() {
    return List.of(
        Map.of(),
        Map.of("sidecar.enabled", true),
        Map.of("gateway.enabled", true, "metrics.otlp", true),
        Map.of("health.requireExporter", false, "sidecar.enabled", true),
        Map.of("config.exporters.file.path", "/var/log/sysotel/events.jsonl",
            "config.pipelines.curl.condition", "process.name:curl",
            "config.pipelines.curl.task", "syscalls|functions:ALL",
            "config.pipelines.curl.exporters[0]", "file"));
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void theRenderedConfigurationIsValid(Map<String, Object> set) throws Exception {
    Path file = Cli.writeTemp("sysotel.yaml", Chart.render(set).sysotelConfigText());
    Cli.Result r = Cli.run("validate", "--config", file.toString());
    assertEquals(0, r.exit(), r.stdout() + r.stderr());
  }

  @Test
  void aBadPipelineInTheValuesFailsValidation() throws Exception {
    // The schema only checks the shape; the collector finds the misspelt key.
    Path file = Cli.writeTemp("sysotel.yaml", Chart.render(Map.of(
        "config.pipelines.typo.condition", "proces.name:curl",
        "config.pipelines.typo.task", "syscalls|functions:read")).sysotelConfigText());
    Cli.Result r = Cli.run("validate", "--config", file.toString());
    assertEquals(2, r.exit(), r.stdout() + r.stderr());
    assertTrue(r.stderr().contains("did you mean process.name?"), r.stderr());
  }
}
