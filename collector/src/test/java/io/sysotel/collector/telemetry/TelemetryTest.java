package io.sysotel.collector.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.MetricsReporter;
import io.sysotel.collector.kernel.EnvironmentException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryTest {

  private final List<String> events = new ArrayList<>();

  private MetricsReporter reporter(String id) {
    events.add("start " + id);
    return () -> events.add("close " + id);
  }

  @Test
  void startsEachReporterAndClosesInReverseOrderOnce() {
    Telemetry t = Telemetry.start(new Telemetry.Settings(Duration.ofSeconds(1), List.of("otlp", "otlp/b"), "127.0.0.1:0"),
        this::reporter, new MetricRegistry());
    assertEquals(List.of("start otlp", "start otlp/b"), events);
    int port = t.prometheus().address().getPort();
    t.close();
    t.close();
    assertEquals(List.of("start otlp", "start otlp/b", "close otlp/b", "close otlp"), events);
    // The endpoint is gone: its port can be bound again.
    try (PrometheusServer again = PrometheusServer.start("127.0.0.1:" + port, new MetricRegistry())) {
      assertEquals(port, again.address().getPort());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFailedStartStopsWhatHadStarted() throws Exception {
    try (PrometheusServer taken = PrometheusServer.start("127.0.0.1:0", new MetricRegistry())) {
      Telemetry.Settings s = new Telemetry.Settings(Duration.ofSeconds(1), List.of("otlp"),
          "127.0.0.1:" + taken.address().getPort());
      assertThrows(EnvironmentException.class, () -> Telemetry.start(s, this::reporter, new MetricRegistry()));
      assertEquals(List.of("start otlp", "close otlp"), events);
    }
  }

  @Test
  void noneStartsNothing() {
    try (Telemetry t = Telemetry.start(Telemetry.Settings.none(), this::reporter, new MetricRegistry())) {
      assertEquals(null, t.prometheus());
    }
    assertEquals(List.of(), events);
  }
}
