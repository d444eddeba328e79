package io.sysotel.exporters.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A real OTLP receiver for tests, built on the official opentelemetry-proto classes: a grpc-java
 * server with LogsService and MetricsService, and a JDK HTTP server taking POST {@code .../v1/logs}
 * and {@code .../v1/metrics} with protobuf bodies (gzip when the request says so). It stores what
 * it accepts, can answer errors on demand, and can be stopped and started again on its ports.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** What one accepted request carried besides its body. */
  public record Received(String transport, String path, Map<String, String> headers) {}

  private static final Metadata.Key<String> ENCODING = Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Serving TLS with the server certificate of {@code certificates}; when {@code clientCa} is not
   * null, a client certificate signed by it is required.
   */
  public record Tls(TestCertificates certificates, Path clientCa) {}

  private final InetAddress loopback = InetAddress.getLoopbackAddress();
  private final int grpcPort;
  private final int httpPort;
  private final Tls tls;
  private final List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
  private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger emptyLogRequests = new AtomicInteger();
  private volatile Status grpcError;
  private volatile int httpError;
  private Server grpc;
  private HttpServer http;

  private OtlpReceiver(int grpcPort, int httpPort, Tls tls) {
    this.grpcPort = grpcPort;
    this.httpPort = httpPort;
    this.tls = tls;
  }

  /** A receiver on two free loopback ports, started. */
  public static OtlpReceiver start() throws IOException {
    return start(null);
  }

  /** A receiver on two free loopback ports serving TLS (plain text when {@code tls} is null), started. */
  public static OtlpReceiver start(Tls tls) throws IOException {
    OtlpReceiver r = new OtlpReceiver(freePort(), freePort(), tls);
    r.startServers();
    return r;
  }

  /** A receiver on the given ports, started: for a receiver process whose ports are chosen by its caller. */
  public static OtlpReceiver start(int grpcPort, int httpPort) throws IOException {
    OtlpReceiver r = new OtlpReceiver(grpcPort, httpPort, null);
    r.startServers();
    return r;
  }

  /** A receiver whose ports are chosen but which is not listening yet. */
  public static OtlpReceiver notStarted() throws IOException {
    return new OtlpReceiver(freePort(), freePort(), null);
  }

  public String grpcEndpoint() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + grpcPort;
  }

  public String httpEndpoint() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + httpPort;
  }

  /** Starts listening (again) on the same ports. */
  public synchronized void startServers() throws IOException {
    if (grpc != null) {
      return;
    }
    ServerInterceptor headers = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata md, ServerCallHandler<Q, A> next) {
        Map<String, String> h = new TreeMap<>();
        for (String k : md.keys()) {
          if (!k.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            h.put(k, md.get(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER)));
          }
        }
        h.putIfAbsent("grpc-encoding", md.get(ENCODING) == null ? "identity" : md.get(ENCODING));
        return Contexts.interceptCall(io.grpc.Context.current().withValue(HEADERS, h), call, md, next);
      }
    };
    InetSocketAddress grpcAddress = new InetSocketAddress(loopback, grpcPort);
    NettyServerBuilder builder;
    if (tls == null) {
      builder = NettyServerBuilder.forAddress(grpcAddress);
    } else {
      TlsServerCredentials.Builder credentials = TlsServerCredentials.newBuilder()
          .keyManager(tls.certificates().serverCert().toFile(), tls.certificates().serverKey().toFile());
      if (tls.clientCa() != null) {
        credentials.trustManager(tls.clientCa().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      builder = NettyServerBuilder.forAddress(grpcAddress, credentials.build());
    }
    grpc = builder
        .addService(ServerInterceptors.intercept(new Logs(), headers))
        .addService(ServerInterceptors.intercept(new Metrics(), headers))
        .build()
        .start();
    InetSocketAddress httpAddress = new InetSocketAddress(loopback, httpPort);
    if (tls == null) {
      http = HttpServer.create(httpAddress, 16);
    } else {
      HttpsServer https = HttpsServer.create(httpAddress, 16);
      SSLContext context;
      try {
        context = tls.certificates().serverContext(tls.clientCa());
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot set up TLS: " + e, e);
      }
      boolean requireClient = tls.clientCa() != null;
      https.setHttpsConfigurator(new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters p = context.getDefaultSSLParameters();
          p.setNeedClientAuth(requireClient);
          params.setSSLParameters(p);
        }
      });
      http = https;
    }
    http.createContext("/", this::handleHttp);
    http.start();
  }

  /** Stops listening; connections are cut. */
  public synchronized void stopServers() {
    if (grpc == null) {
      return;
    }
    try {
      grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.stop(0);
    grpc = null;
    http = null;
  }

  /** From now on every request is refused: over gRPC with {@code status}, over HTTP with {@code httpStatus}. */
  public void answerErrors(Status status, int httpStatus) {
    this.grpcError = status;
    this.httpError = httpStatus;
  }

  public void answerOk() {
    grpcError = null;
    httpError = 0;
  }

  /**
   * Log requests without records: the exporter's connection warm-up. Accepted whatever the
   * receiver answers others, and left out of every other count and list.
   */
  public int emptyLogRequests() {
    return emptyLogRequests.get();
  }

  /** Requests that arrived, accepted or not. */
  public int attempts() {
    return attempts.get();
  }

  public List<ExportLogsServiceRequest> logs() {
    return List.copyOf(logs);
  }

  public List<ExportMetricsServiceRequest> metrics() {
    return List.copyOf(metrics);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Every log record accepted, in arrival order. */
  public List<LogRecord> logRecords() {
    List<LogRecord> out = new ArrayList<>();
    for (ExportLogsServiceRequest req : logs) {
      for (ResourceLogs rl : req.getResourceLogsList()) {
        for (ScopeLogs sl : rl.getScopeLogsList()) {
          out.addAll(sl.getLogRecordsList());
        }
      }
    }
    return out;
  }

  /** Waits until at least {@code n} log records were accepted; returns how many were. */
  public int awaitLogRecords(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int count;
    while ((count = logRecords().size()) < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return count;
  }

  @Override
  public void close() {
    stopServers();
  }

  private static final io.grpc.Context.Key<Map<String, String>> HEADERS = io.grpc.Context.key("headers");

  private final class Logs extends LogsServiceGrpc.LogsServiceImplBase {
    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> response) {
      if (request.getResourceLogsCount() == 0) {
        emptyLogRequests.incrementAndGet();
        response.onNext(ExportLogsServiceResponse.getDefaultInstance());
        response.onCompleted();
        return;
      }
      attempts.incrementAndGet();
      Status error = grpcError;
      if (error != null) {
        response.onError(error.asRuntimeException());
        return;
      }
      logs.add(request);
      received.add(new Received("grpc", "LogsService/Export", HEADERS.get()));
      response.onNext(ExportLogsServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private final class Metrics extends MetricsServiceGrpc.MetricsServiceImplBase {
    @Override
    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> response) {
      attempts.incrementAndGet();
      Status error = grpcError;
      if (error != null) {
        response.onError(error.asRuntimeException());
        return;
      }
      metrics.add(request);
      received.add(new Received("grpc", "MetricsService/Export", HEADERS.get()));
      response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private void handleHttp(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = body(exchange)) {
        body = in.readAllBytes();
      }
      if (path.endsWith("/v1/logs") && body.length == 0) {
        emptyLogRequests.incrementAndGet();
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      attempts.incrementAndGet();
      boolean isLogs = path.endsWith("/v1/logs");
      boolean isMetrics = path.endsWith("/v1/metrics");
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!exchange.getRequestMethod().equals("POST") || !(isLogs || isMetrics)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (type == null || !type.startsWith("application/x-protobuf")) {
        exchange.sendResponseHeaders(415, -1);
        return;
      }
      int error = httpError;
      if (error != 0) {
        exchange.sendResponseHeaders(error, -1);
        return;
      }
      try {
        if (isLogs) {
          logs.add(ExportLogsServiceRequest.parseFrom(body));
        } else {
          metrics.add(ExportMetricsServiceRequest.parseFrom(body));
        }
      } catch (InvalidProtocolBufferException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      received.add(new Received("http", path, headers));
      byte[] answer = isLogs
          ? ExportLogsServiceResponse.getDefaultInstance().toByteArray()
          : ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        exchange.getResponseBody().write(answer);
      }
    }
  }

  private static InputStream body(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    InputStream in = exchange.getRequestBody();
    return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(in) : in;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
