package io.sysotel.exporters.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/gRPC logs receiver for the benchmark (bench/run.py). It serves the real LogsService
 * Export method with grpc-java, and decodes each request's protobuf wire format with {@link
 * CodedInputStream} down to its log records, counting them without building objects for their
 * fields (so the receiver, on the same machine as the collector, takes as little CPU from it as a
 * receiver can). It listens on a free loopback port and prints {@code grpc PORT}; each line
 * {@code count} on standard input is answered with {@code records R requests Q first F last L}
 * (F and L: wall-clock times, in nanoseconds since the epoch, of the first and last request
 * accepted; 0 before any). It exits when standard input closes.
 *
 * <p>Before it prints its port it sends itself made-up requests for up to two seconds and then
 * forgets them: a fresh receiver otherwise spends about a second of CPU compiling its receive
 * path during the measured run, on the cores the collector being measured needs (the harness
 * also runs it with the client compiler only, whose code is slower but compiled at a fraction
 * of the cost, and which does not keep recompiling as the optimizing compiler did here).
 */
public final class LoopbackReceiver {

  // Field numbers of ExportLogsServiceRequest.resource_logs, ResourceLogs.scope_logs and
  // ScopeLogs.log_records (opentelemetry-proto).
  private static final int RESOURCE_LOGS = 1;
  private static final int SCOPE_LOGS = 2;
  private static final int LOG_RECORDS = 2;

  private final AtomicLong records = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();

  private LoopbackReceiver() {}

  public static void main(String[] args) throws Exception {
    LoopbackReceiver r = new LoopbackReceiver();
    MethodDescriptor<Long, ExportLogsServiceResponse> export = LogsServiceGrpc.getExportMethod().toBuilder(
        new CountingMarshaller(), ProtoUtils.marshaller(ExportLogsServiceResponse.getDefaultInstance())).build();
    ServerServiceDefinition service = ServerServiceDefinition.builder(LogsServiceGrpc.SERVICE_NAME)
        .addMethod(export, ServerCalls.asyncUnaryCall(r::export))
        .build();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .maxInboundMessageSize(64 << 20)
        .addService(service)
        .build()
        .start();
    r.warmUp(server.getPort());
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

  /** Sends made-up requests of sysotel's shape to this receiver, then forgets them. */
  private void warmUp(int port) throws InterruptedException {
    LogRecord.Builder record = LogRecord.newBuilder()
        .setTimeUnixNano(1)
        .setBody(AnyValue.newBuilder().setStringValue("write(fd=1, buf=\"+\", count=1)"));
    for (String key : new String[] {"syscall.function", "syscall.args.buf", "sysotel.pipeline"}) {
      record.addAttributes(KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue("warm-up")));
    }
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < 2048; i++) {
      scope.addLogRecords(record.setObservedTimeUnixNano(i));
    }
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
        .build();
    ManagedChannel channel = NettyChannelBuilder.forAddress(InetAddress.getLoopbackAddress().getHostAddress(), port)
        .usePlaintext()
        .build();
    try {
      LogsServiceGrpc.LogsServiceBlockingStub stub = LogsServiceGrpc.newBlockingStub(channel);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      for (int i = 0; i < 500 && System.nanoTime() < deadline; i++) {
        stub.export(request);
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    records.set(0);
    requests.set(0);
    first.set(0);
    last.set(0);
  }

  private void export(Long logRecords, StreamObserver<ExportLogsServiceResponse> response) {
    records.addAndGet(logRecords);
    requests.incrementAndGet();
    long now = nowNanos();
    first.compareAndSet(0, now);
    last.accumulateAndGet(now, Math::max);
    response.onNext(ExportLogsServiceResponse.getDefaultInstance());
    response.onCompleted();
  }

  private static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Reads an ExportLogsServiceRequest as the number of log records in it. */
  private static final class CountingMarshaller implements MethodDescriptor.Marshaller<Long> {
    @Override
    public InputStream stream(Long value) {
      throw new UnsupportedOperationException("the receiver only reads requests");
    }

    @Override
    public Long parse(InputStream stream) {
      try {
        return count(CodedInputStream.newInstance(stream), RESOURCE_LOGS, 0);
      } catch (IOException e) {
        throw Status.INVALID_ARGUMENT.withDescription("not an ExportLogsServiceRequest: " + e).withCause(e)
            .asRuntimeException();
      }
    }

    /**
     * Counts the log records under the message that {@code in} reads up to its limit: at depth 0
     * the request, 1 a ResourceLogs, 2 a ScopeLogs; every other field is skipped.
     */
    private static long count(CodedInputStream in, int field, int depth) throws IOException {
      long n = 0;
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (WireFormat.getTagFieldNumber(tag) != field || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          in.skipField(tag);
        } else if (depth == 2) {
          in.skipField(tag); // a LogRecord
          n++;
        } else {
          int limit = in.pushLimit(in.readRawVarint32());
          n += count(in, depth == 0 ? SCOPE_LOGS : LOG_RECORDS, depth + 1);
          in.popLimit(limit);
        }
      }
      return n;
    }
  }
}
