package io.sysotel.exporters.otlp;

import com.codahale.metrics.MetricRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.sysotel.collector.api.MetricsReporter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Reports a Dropwizard registry over OTLP with the OpenTelemetry SDK: a meter provider whose
 * periodic reader exports on the interval through the same transport settings as the log
 * exporter (HTTP path {@code /v1/metrics}). The resource names the service, its instance and the
 * host; the instruments are {@link RegistryInstruments}. Temporality is cumulative.
 */
final class OtlpMetricsReporter implements MetricsReporter {

  static final String SCOPE = "io.sysotel.collector";
  private static final Logger log = Logger.getLogger(OtlpMetricsReporter.class.getName());

  private final String id;
  private final MetricRegistry registry;
  private final RegistryInstruments instruments;
  private final SdkMeterProvider provider;
  private boolean closed;

  private OtlpMetricsReporter(String id, MetricRegistry registry, RegistryInstruments instruments, SdkMeterProvider provider) {
    this.id = id;
    this.registry = registry;
    this.instruments = instruments;
    this.provider = provider;
  }

  /** @throws IOException when a TLS file cannot be read */
  static OtlpMetricsReporter start(String id, OtlpSettings s, MetricRegistry registry, Context context, RetryPolicy retry)
      throws IOException {
    PeriodicMetricReader reader = PeriodicMetricReader.builder(SdkExporters.metrics(s, retry))
        .setInterval(context.interval())
        .build();
    Resource resource = Resource.create(Attributes.builder()
        .put(ProcessResources.SERVICE_NAME, s.serviceName())
        .put(ProcessResources.SERVICE_INSTANCE_ID, context.instanceId())
        .put(ProcessResources.HOST_NAME, context.hostname())
        .build());
    SdkMeterProvider provider = SdkMeterProvider.builder()
        .setResource(resource)
        .registerMetricReader(reader)
        .build();
    RegistryInstruments instruments = new RegistryInstruments(provider.get(SCOPE));
    registry.addListener(instruments); // also announces the metrics registered so far
    return new OtlpMetricsReporter(id, registry, instruments, provider);
  }

  /** Exports the current values a last time (waiting up to the request timeout) and stops. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!provider.shutdown().join(30, TimeUnit.SECONDS).isSuccess()) {
      log.warning(id + ": the last metrics export did not succeed");
    }
    registry.removeListener(instruments);
  }
}
