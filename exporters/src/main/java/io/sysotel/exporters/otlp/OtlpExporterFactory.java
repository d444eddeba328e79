package io.sysotel.exporters.otlp;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.ExporterFactory;
import io.sysotel.collector.api.MetricsReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code otlp} exporter: one OpenTelemetry log record per syscall, over OTLP/gRPC or
 * OTLP/HTTP with protobuf bodies. Settings: {@code endpoint} (required), {@code protocol},
 * {@code headers}, {@code compression}, {@code timeout}, {@code tls: {ca, cert, key}}, {@code
 * serviceName}, {@code batch: {maxBatch, maxInFlight, exportTimeout}}; see docs/CONFIGURATION.md.
 * The same settings carry the collector's metrics when the id is named in {@code
 * service.telemetry.metrics.exporters}.
 */
public final class OtlpExporterFactory implements ExporterFactory {

  public static final String TYPE = "otlp";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> validate(Map<String, Object> settings) {
    List<String> problems = new ArrayList<>();
    OtlpSettings.parse(settings, problems);
    return problems;
  }

  /**
   * Builds the exporter; it connects lazily, so a receiver that is not up yet is no error.
   *
   * @throws UncheckedIOException when a TLS file cannot be read
   */
  @Override
  public Exporter create(String id, Map<String, Object> settings) {
    OtlpSettings parsed = OtlpSettings.parse(settings);
    try {
      return OtlpExporter.create(id, parsed, SdkExporters.DEFAULT_RETRY);
    } catch (IOException e) {
      throw new UncheckedIOException(id + ": cannot read a TLS file: " + e, e);
    }
  }

  @Override
  public boolean exportsMetrics() {
    return true;
  }

  /**
   * Starts a reporter; it connects lazily, like the exporter.
   *
   * @throws UncheckedIOException when a TLS file cannot be read
   */
  @Override
  public MetricsReporter createMetricsReporter(
      String id, Map<String, Object> settings, MetricRegistry registry, MetricsReporter.Context context) {
    OtlpSettings parsed = OtlpSettings.parse(settings);
    try {
      return OtlpMetricsReporter.start(id, parsed, registry, context, SdkExporters.DEFAULT_RETRY);
    } catch (IOException e) {
      throw new UncheckedIOException(id + ": cannot read a TLS file: " + e, e);
    }
  }
}
