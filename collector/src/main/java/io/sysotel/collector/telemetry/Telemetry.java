package io.sysotel.collector.telemetry;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.ExporterFactory;
import io.sysotel.collector.api.MetricsReporter;
import io.sysotel.collector.kernel.EnvironmentException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The collector's own metrics on their way out: one reporter per exporter named in {@code
 * service.telemetry.metrics.exporters}, and the Prometheus endpoint when an address is set.
 * {@link #close} stops them in reverse order of starting and is safe to call twice.
 */
public final class Telemetry implements AutoCloseable {

  private static final Logger log = Logger.getLogger(Telemetry.class.getName());

  /**
   * {@code service.telemetry.metrics}.
   *
   * @param interval between two OTLP exports
   * @param exporterIds exporters (of a type that {@link ExporterFactory#exportsMetrics}) to report to
   * @param prometheus {@code host:port} of the scrape endpoint; null for none
   */
  public record Settings(Duration interval, List<String> exporterIds, String prometheus) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    public Settings {
      exporterIds = List.copyOf(exporterIds);
    }

    public static Settings none() {
      return new Settings(DEFAULT_INTERVAL, List.of(), null);
    }
  }

  private final List<AutoCloseable> started = new ArrayList<>();
  private PrometheusServer prometheus;
  private boolean closed;

  private Telemetry() {}

  /**
   * Starts reporting. Either everything starts or nothing stays running.
   *
   * @param reporters creates the reporter of an exporter id (the caller knows the exporters)
   *
   * @throws EnvironmentException when the Prometheus address cannot be bound
   */
  public static Telemetry start(
      Settings settings, Function<String, MetricsReporter> reporters, MetricRegistry registry) {
    Telemetry t = new Telemetry();
    try {
      for (String id : settings.exporterIds()) {
        t.started.add(reporters.apply(id));
      }
      if (settings.prometheus() != null) {
        try {
          t.prometheus = PrometheusServer.start(settings.prometheus(), registry);
        } catch (IOException e) {
          throw new EnvironmentException("cannot serve Prometheus metrics on " + settings.prometheus() + ": " + e.getMessage()
              + "; choose a free address in service.telemetry.metrics.prometheus", e);
        }
        t.started.add(t.prometheus);
      }
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  /** The Prometheus endpoint; null when none is configured. */
  public PrometheusServer prometheus() {
    return prometheus;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.log(Level.WARNING, "stopping metrics reporting: " + e, e);
      }
    }
  }
}
