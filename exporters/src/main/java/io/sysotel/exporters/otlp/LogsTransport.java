package io.sysotel.exporters.otlp;

import io.opentelemetry.exporter.internal.TlsUtil;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends encoded {@code ExportLogsServiceRequest}s through the OpenTelemetry SDK's OTLP sender
 * (the one its own exporters use: OkHttp, gRPC framing, compression, TLS, and retries with
 * exponential backoff and jitter on what the OTLP specification calls retryable, within the
 * request timeout). A request that the receiver refuses, or that never reaches it, completes as
 * failed with a {@link Refused} naming the gRPC or HTTP status.
 */
final class LogsTransport {

  static final String GRPC_METHOD = "opentelemetry.proto.collector.logs.v1.LogsService/Export";
  static final String PROTOBUF = "application/x-protobuf";

  /** Why a request failed, as the receiver said or as the connection failed. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final BiConsumer<MessageWriter, CompletableResultCode> sender;
  private final Supplier<CompletableResultCode> shutdown;

  private LogsTransport(BiConsumer<MessageWriter, CompletableResultCode> sender, Supplier<CompletableResultCode> shutdown) {
    this.sender = sender;
    this.shutdown = shutdown;
  }

  /** The settings as both of the SDK's sender configurations ask for them. */
  private record Config(URI endpoint, Compressor compressor, Duration timeout, Map<String, List<String>> headers,
      RetryPolicy retry, Tls tls, ExecutorService executor) implements GrpcSenderConfig, HttpSenderConfig {
    @Override public URI getEndpoint() { return endpoint; }
    @Override public String getFullMethodName() { return GRPC_METHOD; }
    @Override public String getContentType() { return PROTOBUF; }
    @Override public Compressor getCompressor() { return compressor; }
    @Override public Duration getTimeout() { return timeout; }
    @Override public Duration getConnectTimeout() { return timeout; }
    @Override public Supplier<Map<String, List<String>>> getHeadersSupplier() { return () -> headers; }
    @Override public ProxyOptions getProxyOptions() { return null; }
    @Override public RetryPolicy getRetryPolicy() { return retry; }
    @Override public SSLContext getSslContext() { return tls.context(); }
    @Override public X509TrustManager getTrustManager() { return tls.trust(); }
    @Override public ExecutorService getExecutorService() { return executor; }
    @Override public long getMaxResponseBodySize() { return GrpcSenderConfig.super.getMaxResponseBodySize(); }
    @Override public List<String> getEnabledProtocols() { return GrpcSenderConfig.super.getEnabledProtocols(); }
  }

  /**
   * A transport for the settings, sending on {@code executor} (which the caller owns).
   *
   * @throws IOException when a TLS file cannot be read or holds no usable certificate or key
   */
  static LogsTransport create(OtlpSettings s, RetryPolicy retry, ExecutorService executor) throws IOException {
    Config config = new Config(URI.create(s.logsEndpoint()),
        OtlpSettings.COMPRESSION_GZIP.equals(s.compression()) ? Gzip.INSTANCE : null, s.timeout(),
        s.headers().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
        retry, Tls.of(s.tls()), executor);
    if (s.protocol() == Protocol.GRPC) {
      GrpcSender grpc = provider(GrpcSenderProvider.class).createSender(config);
      return new LogsTransport((m, result) -> grpc.send(m, r -> completed(r, result), e -> failed(e, result)), grpc::shutdown);
    }
    HttpSender http = provider(HttpSenderProvider.class).createSender(config);
    return new LogsTransport((m, result) -> http.send(m, r -> completed(r, result), e -> failed(e, result)), http::shutdown);
  }

  /**
   * Sends one encoded request, the first {@code length} bytes of {@code request}, which must stay
   * unchanged until the result completes: when the receiver answered or retries ran out.
   */
  CompletableResultCode send(byte[] request, int length) {
    CompletableResultCode result = new CompletableResultCode();
    try {
      sender.accept(new Message(request, length), result);
    } catch (RuntimeException e) {
      failed(e, result);
    }
    return result;
  }

  CompletableResultCode shutdown() {
    return shutdown.get();
  }

  private static void completed(GrpcResponse r, CompletableResultCode result) {
    GrpcStatusCode code = r.getStatusCode();
    if (code == GrpcStatusCode.OK) {
      result.succeed();
      return;
    }
    String description = r.getStatusDescription();
    result.failExceptionally(new Refused("receiver answered gRPC status " + code + " (" + code.getValue() + ")"
        + (description == null || description.isEmpty() ? "" : ": " + description), null));
  }

  private static void completed(HttpResponse r, CompletableResultCode result) {
    int code = r.getStatusCode();
    if (code >= 200 && code < 300) {
      result.succeed();
      return;
    }
    String message = r.getStatusMessage();
    result.failExceptionally(new Refused("receiver answered HTTP status " + code
        + (message == null || message.isEmpty() ? "" : " " + message), null));
  }

  private static void failed(Throwable e, CompletableResultCode result) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    result.failExceptionally(new Refused(text, e));
  }

  private static <T> T provider(Class<T> type) {
    return ServiceLoader.load(type, LogsTransport.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " on the class path"));
  }

  /** A request's bytes; written again for each retry. */
  private record Message(byte[] bytes, int length) implements MessageWriter {
    @Override
    public void writeMessage(OutputStream out) throws IOException {
      out.write(bytes, 0, length);
    }

    @Override
    public int getContentLength() {
      return length;
    }
  }

  /** gzip, as OTLP names it in {@code grpc-encoding} and {@code Content-Encoding}. */
  private enum Gzip implements Compressor {
    INSTANCE;

    @Override
    public String getEncoding() {
      return "gzip";
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
      return new GZIPOutputStream(out);
    }
  }

  /** The TLS context from the settings' PEM files; both null without TLS settings (the JVM's defaults apply). */
  private record Tls(SSLContext context, X509TrustManager trust) {
    static Tls of(OtlpSettings.Tls files) throws IOException {
      if (files == null || (files.ca() == null && (files.cert() == null || files.key() == null))) {
        return new Tls(null, null);
      }
      try {
        X509TrustManager trust = files.ca() == null ? TlsUtil.defaultTrustManager() : TlsUtil.trustManager(read(files.ca()));
        X509KeyManager key = files.cert() == null || files.key() == null ? null
            : TlsUtil.keyManager(read(files.key()), read(files.cert()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(key == null ? null : new KeyManager[] {key}, new TrustManager[] {trust}, null);
        return new Tls(context, trust);
      } catch (GeneralSecurityException e) {
        throw new IOException(e.getMessage(), e);
      }
    }

    private static byte[] read(Path file) throws IOException {
      return Files.readAllBytes(file);
    }
  }
}
