package io.sysotel.exporters.otlp;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds the OpenTelemetry SDK's OTLP log exporter for the settings. The SDK retries what the
 * OTLP specification calls retryable (gRPC UNAVAILABLE and kin, HTTP 429/502/503/504, refused
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

  /** @throws IOException when a TLS file cannot be read */
  static LogRecordExporter create(OtlpSettings s, RetryPolicy retry) throws IOException {
    OtlpSettings.Tls tls = s.tls();
    byte[] ca = tls == null ? null : read(tls.ca());
    byte[] cert = tls == null ? null : read(tls.cert());
    byte[] key = tls == null ? null : read(tls.key());
    if (s.protocol() == Protocol.GRPC) {
      OtlpGrpcLogRecordExporterBuilder b = OtlpGrpcLogRecordExporter.builder()
          .setEndpoint(s.logsEndpoint())
          .setTimeout(s.timeout())
          .setCompression(s.compression())
          .setRetryPolicy(retry);
      s.headers().forEach(b::addHeader);
      if (ca != null) {
        b.setTrustedCertificates(ca);
      }
      if (cert != null && key != null) {
        b.setClientTls(key, cert);
      }
      return b.build();
    }
    OtlpHttpLogRecordExporterBuilder b = OtlpHttpLogRecordExporter.builder()
        .setEndpoint(s.logsEndpoint())
        .setTimeout(s.timeout())
        .setCompression(s.compression())
        .setRetryPolicy(retry);
    s.headers().forEach(b::addHeader);
    if (ca != null) {
      b.setTrustedCertificates(ca);
    }
    if (cert != null && key != null) {
      b.setClientTls(key, cert);
    }
    return b.build();
  }

  private static byte[] read(Path file) throws IOException {
    return file == null ? null : Files.readAllBytes(file);
  }
}
