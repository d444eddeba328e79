package io.sysotel.exporters.otlp;

import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Builds the OpenTelemetry SDK's OTLP metric exporter for the settings, and the log sender's
 * threads. The SDK retries what the OTLP specification calls retryable (gRPC UNAVAILABLE and kin, HTTP 429/502/503/504, refused
 * connections) with exponential backoff and jitter, within the request timeout.
 */
final class SdkExporters {

  static final int DEFAULT_MAX_ATTEMPTS = 5;
  static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  static final double DEFAULT_BACKOFF_MULTIPLIER = 1.5;

  static final RetryPolicy DEFAULT_RETRY = RetryPolicy.builder()
      .setMaxAttempts(DEFAULT_MAX_ATTEMPTS)
      .setInitialBackoff(DEFAULT_INITIAL_BACKOFF)
      .setMaxBackoff(DEFAULT_MAX_BACKOFF)
      .setBackoffMultiplier(DEFAULT_BACKOFF_MULTIPLIER)
      .build();

  private SdkExporters() {}

  /**
   * Threads for the log sender: daemon threads, made as needed, none refused (the SDK's own
   * executor has at most five behind a hand-off queue, and refuses a request when a thread that
   * just finished one has not yet returned to the pool, which happens with several requests in
   * flight at high rates). The caller owns the executor and shuts it down.
   */
  static ExecutorService senderThreads(String id) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sysotel-otlp-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** @throws IOException when a TLS file cannot be read */
  static MetricExporter metrics(OtlpSettings s, RetryPolicy retry) throws IOException {
    if (s.protocol() == Protocol.GRPC) {
      OtlpGrpcMetricExporterBuilder b = OtlpGrpcMetricExporter.builder();
      configure(s, s.metricsEndpoint(), retry, b::setEndpoint, b::setTimeout, b::setCompression, b::setRetryPolicy,
          b::addHeader, b::setTrustedCertificates, b::setClientTls);
      return b.build();
    }
    OtlpHttpMetricExporterBuilder b = OtlpHttpMetricExporter.builder();
    configure(s, s.metricsEndpoint(), retry, b::setEndpoint, b::setTimeout, b::setCompression, b::setRetryPolicy,
        b::addHeader, b::setTrustedCertificates, b::setClientTls);
    return b.build();
  }

  /**
   * Applies the settings to one of the SDK's four OTLP builders, which share these setters but no
   * type; hence the setters as parameters.
   */
  private static void configure(
      OtlpSettings s,
      String endpoint,
      RetryPolicy retry,
      Consumer<String> setEndpoint,
      Consumer<Duration> setTimeout,
      Consumer<String> setCompression,
      Consumer<RetryPolicy> setRetryPolicy,
      BiConsumer<String, String> addHeader,
      Consumer<byte[]> setTrustedCertificates,
      BiConsumer<byte[], byte[]> setClientTls) throws IOException {
    setEndpoint.accept(endpoint);
    setTimeout.accept(s.timeout());
    setCompression.accept(s.compression());
    setRetryPolicy.accept(retry);
    s.headers().forEach(addHeader);
    OtlpSettings.Tls tls = s.tls();
    if (tls == null) {
      return;
    }
    byte[] ca = read(tls.ca());
    byte[] cert = read(tls.cert());
    byte[] key = read(tls.key());
    if (ca != null) {
      setTrustedCertificates.accept(ca);
    }
    if (cert != null && key != null) {
      setClientTls.accept(key, cert);
    }
  }

  private static byte[] read(Path file) throws IOException {
    return file == null ? null : Files.readAllBytes(file);
  }
}
