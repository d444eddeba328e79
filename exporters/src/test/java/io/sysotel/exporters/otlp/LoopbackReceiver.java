package io.sysotel.exporters.otlp;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/gRPC logs receiver for the benchmark (bench/run.py): it decodes every request with the
 * official protocol classes, as a real receiver does, but keeps only counts. It listens on a free
 * loopback port and prints {@code grpc PORT}; each line {@code count} on standard input is
 * answered with {@code records R requests Q first F last L} (F and L: wall-clock times, in
 * nanoseconds since the epoch, of the first and last request accepted; 0 before any). It exits
 * when standard input closes.
 */
public final class LoopbackReceiver {

  private final AtomicLong records = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();

  private LoopbackReceiver() {}

  public static void main(String[] args) throws Exception {
    LoopbackReceiver r = new LoopbackReceiver();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .maxInboundMessageSize(64 << 20)
        .addService(r.new Logs())
        .build()
        .start();
    System.out.println("grpc " + server.getPort());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.trim().equals("count")) {
        System.out.println("records " + r.records.get() + " requests " + r.requests.get()
            + " first " + r.first.get() + " last " + r.last.get());
        System.out.flush();
      }
    }
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Logs extends LogsServiceGrpc.LogsServiceImplBase {
    @Override
    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> response) {
      long n = 0;
      for (ResourceLogs rl : request.getResourceLogsList()) {
        for (ScopeLogs sl : rl.getScopeLogsList()) {
          n += sl.getLogRecordsCount();
        }
      }
      records.addAndGet(n);
      requests.incrementAndGet();
      long now = nowNanos();
      first.compareAndSet(0, now);
      last.accumulateAndGet(now, Math::max);
      response.onNext(ExportLogsServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
