package io.sysotel.collector.api;

import java.time.Duration;

/**
 * Sends the collector's metrics somewhere on an interval, from a thread of its own, reading the
 * registry it was created with (names mapped by {@link MetricKey}). Created by {@link
 * ExporterFactory#createMetricsReporter}.
 */
public interface MetricsReporter extends AutoCloseable {

  /**
   * What a reporter needs besides its exporter's settings.
   *
   * @param interval between two exports
   * @param hostname the {@code host.name} resource attribute
   * @param instanceId the {@code service.instance.id} resource attribute
   */
  record Context(Duration interval, String hostname, String instanceId) {}

  /** Exports the current values a last time and stops. Safe to call more than once. */
  @Override
  void close();
}
