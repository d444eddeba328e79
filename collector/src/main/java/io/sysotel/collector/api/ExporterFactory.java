package io.sysotel.collector.api;

import com.codahale.metrics.MetricRegistry;
import java.util.List;
import java.util.Map;

/**
 * Creates exporters of one type ({@code stdout}, {@code file}, {@code otlp}). Factories are found
 * with {@link java.util.ServiceLoader}, so the collector never depends on an exporter module.
 */
public interface ExporterFactory {

  /** The type part of component ids {@code type[/name]}. */
  String type();

  /**
   * Checks an exporter's settings (the YAML map under its id) without side effects.
   *
   * @return one problem per bad key, each as {@code key: what is wrong}; empty when valid
   */
  List<String> validate(Map<String, Object> settings);

  /** Creates an exporter from settings that passed {@link #validate}. */
  Exporter create(String id, Map<String, Object> settings);

  /** Whether exporters of this type can carry the collector's own metrics. */
  default boolean exportsMetrics() {
    return false;
  }

  /**
   * Starts reporting {@code registry} to the destination of an exporter's settings (which passed
   * {@link #validate}); only called when {@link #exportsMetrics} is true.
   */
  default MetricsReporter createMetricsReporter(
      String id, Map<String, Object> settings, MetricRegistry registry, MetricsReporter.Context context) {
    throw new UnsupportedOperationException("exporters of type " + type() + " cannot export metrics");
  }
}
