package io.sysotel.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.sysotel.collector.testing.SyscallHelper;
import io.sysotel.exporters.otlp.OtlpReceiver;
import io.sysotel.exporters.otlp.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `sysotel run` exporting over OTLP to a receiver that speaks the real protocol (gRPC and
 * HTTP/protobuf), while a helper makes known syscalls. Needs root.
 */
@Tag("root")
class OtlpEndToEndTest {

  private static final int WRITES = 100;
  private static final Pattern BODY = Pattern.compile("write\\(fd=1, buf=\"\\+\", count=1\\)");

  /** A log record with the attributes of its resource. */
  record Received(Map<String, AnyValue> resource, LogRecord record) {
    Map<String, AnyValue> attributes() {
      return map(record.getAttributesList());
    }
  }

  private static Map<String, AnyValue> map(List<KeyValue> attributes) {
    Map<String, AnyValue> out = new HashMap<>();
    for (KeyValue kv : attributes) {
      out.put(kv.getKey(), kv.getValue());
    }
    return out;
  }

  private static List<Received> records(OtlpReceiver receiver) {
    List<Received> out = new ArrayList<>();
    for (ExportLogsServiceRequest request : receiver.logs()) {
      for (ResourceLogs rl : request.getResourceLogsList()) {
        Map<String, AnyValue> resource = map(rl.getResource().getAttributesList());
        for (ScopeLogs sl : rl.getScopeLogsList()) {
          for (LogRecord r : sl.getLogRecordsList()) {
            out.add(new Received(resource, r));
          }
        }
      }
    }
    return out;
  }

  /** Traces the helper's writes with sysotel started by {@code args}; returns what arrived. */
  private static void traceHelper(OtlpReceiver receiver, String... args) throws Exception {
    Path helper = SyscallHelper.binary();
    try (Sysotel sysotel = Sysotel.start(args)) {
      sysotel.awaitTracing();
      long before = System.currentTimeMillis() * 1_000_000L;
      Process p = SyscallHelper.start("write", String.valueOf(WRITES), "hold");
      // The helper stays alive until its records are out, so /proc still shows its command line.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (helperRecords(receiver, p.pid()).size() < WRITES && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      p.getOutputStream().close();
      assertEquals(0, p.waitFor());
      long after = System.currentTimeMillis() * 1_000_000L;
      assertEquals(0, sysotel.stop(), sysotel.stderr());

      List<Received> records = helperRecords(receiver, p.pid());
      assertEquals(WRITES, records.size(), sysotel::stderr);
      for (Received r : records) {
        assertTrue(BODY.matcher(r.record().getBody().getStringValue()).matches(), r.record().getBody().toString());
        Map<String, AnyValue> a = r.attributes();
        assertEquals("write", a.get("syscall.function").getStringValue());
        assertEquals(1, a.get("syscall.id").getIntValue());
        assertEquals(p.pid(), a.get("syscall.thread.id").getIntValue());
        assertEquals(1, a.get("syscall.args.fd").getIntValue());
        assertEquals(1, a.get("syscall.args.count").getIntValue());
        assertEquals("+", a.get("syscall.args.buf").getStringValue(), "the byte written, read in the kernel");
        assertEquals("cli", a.get("sysotel.pipeline").getStringValue());
        long t = r.record().getTimeUnixNano();
        assertTrue(t >= before - 5_000_000 && t <= after + 5_000_000, "kernel time within the helper's run");
        Map<String, AnyValue> res = r.resource();
        assertEquals(ProcessHandle.current().pid(), res.get("process.parent_pid").getIntValue());
        assertEquals("syscall-helper", res.get("process.executable.name").getStringValue());
        assertEquals(helper.toString(), res.get("process.executable.path").getStringValue());
        assertEquals(helper + " write " + WRITES + " hold", res.get("process.command_line").getStringValue());
        assertEquals("sysotel", res.get("service.name").getStringValue());
        assertTrue(res.containsKey("host.name"));
      }
    }
  }

  private static List<Received> helperRecords(OtlpReceiver receiver, long pid) {
    return records(receiver).stream()
        .filter(r -> r.resource().containsKey("process.pid") && r.resource().get("process.pid").getIntValue() == pid)
        .toList();
  }

  @Test
  void recordsArriveOverGrpcWithTheirProcessAsResource() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      traceHelper(receiver, "run", "-c", "process.name:syscall-helper", "-t", "syscalls|functions:write",
          "--exporter", "otlp=" + receiver.grpcEndpoint());
    }
  }

  @Test
  void recordsArriveOverHttpProtobufFromAConfigFile() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Path config = Sysotel.writeTemp("otlp.yaml", """
          exporters:
            otlp/http:
              endpoint: %s
              protocol: http/protobuf
          pipelines:
            cli:
              condition: process.name:syscall-helper
              task: "syscalls|functions:write"
              exporters: [otlp/http]
          """.formatted(receiver.httpEndpoint()));
      traceHelper(receiver, "run", "--config", config.toString());
      assertTrue(receiver.received().stream().allMatch(r -> r.path().endsWith("/v1/logs")), receiver.received().toString());
    }
  }

  @Test
  void recordsArriveOverTlsWithAClientCertificateOverGrpcAndHttp() throws Exception {
    TestCertificates certs = TestCertificates.create();
    try (OtlpReceiver receiver = OtlpReceiver.start(new OtlpReceiver.Tls(certs, certs.ca()))) {
      for (String[] exporter : List.of(new String[] {"grpc", receiver.grpcEndpoint()},
          new String[] {"http/protobuf", receiver.httpEndpoint()})) {
        Path config = Sysotel.writeTemp("otlp-tls.yaml", """
            exporters:
              otlp:
                endpoint: %s
                protocol: %s
                tls: { ca: %s, cert: %s, key: %s }
            pipelines:
              cli:
                condition: process.name:syscall-helper
                task: "syscalls|functions:write"
                exporters: [otlp]
            """.formatted(exporter[1], exporter[0], certs.ca(), certs.clientCert(), certs.clientKey()));
        traceHelper(receiver, "run", "--config", config.toString());
      }
      assertEquals(List.of("grpc", "http"), receiver.received().stream().map(OtlpReceiver.Received::transport)
          .distinct().toList());
    }
  }

  @Test
  void aReceiverStartedLateStillGetsTheRecords() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.notStarted()) {
      try (Sysotel sysotel = Sysotel.start("run", "-c", "process.name:syscall-helper",
          "-t", "syscalls|functions:personality", "--exporter", "otlp=" + receiver.grpcEndpoint())) {
        sysotel.awaitTracing();
        assertEquals(0, SyscallHelper.start("personality", "10").waitFor());
        Thread.sleep(500);
        receiver.startServers();
        int received = receiver.awaitLogRecords(10, Duration.ofSeconds(30));
        assertEquals(10, received, sysotel::stderrSoFar);
        assertEquals(0, sysotel.stop(), sysotel.stderr());
      }
    }
  }

  @Test
  void metaSelectsTheResourceAttributes() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      try (Sysotel sysotel = Sysotel.start("run", "-c", "process.name:syscall-helper",
          "-t", "syscalls|functions:personality;meta:process.name", "--exporter", "otlp=" + receiver.grpcEndpoint())) {
        sysotel.awaitTracing();
        assertEquals(0, SyscallHelper.start("personality", "5").waitFor());
        assertEquals(5, receiver.awaitLogRecords(5, Duration.ofSeconds(30)), sysotel::stderrSoFar);
        assertEquals(0, sysotel.stop(), sysotel.stderr());
      }
      Map<String, AnyValue> resource = records(receiver).get(0).resource();
      assertEquals("syscall-helper", resource.get("process.executable.name").getStringValue());
      for (String left : List.of("process.pid", "process.parent_pid", "process.command_line", "process.executable.path")) {
        assertTrue(!resource.containsKey(left), left + " is not selected: " + resource.keySet());
      }
    }
  }

  @Test
  void everyEventSeenInTheKernelIsAccountedFor() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String stderr;
      try (Sysotel sysotel = Sysotel.start("run", "-c", "process.name:syscall-helper",
          "-t", "syscalls|functions:write", "--exporter", "otlp=" + receiver.grpcEndpoint())) {
        sysotel.awaitTracing();
        assertEquals(0, SyscallHelper.start("write", "50000").waitFor());
        assertEquals(0, sysotel.stop(), sysotel.stderr());
        stderr = sysotel.stderr();
      }
      // The summary sysotel prints when it stops: kernel and user-space counts.
      var kernel = Pattern.compile("kernel: (\\d+) seen, (\\d+) filtered, (\\d+) submitted, (\\d+) lost")
          .matcher(stderr);
      var user = Pattern.compile("user space: (\\d+) filtered").matcher(stderr);
      assertTrue(kernel.find() && user.find(), stderr);
      long seen = Long.parseLong(kernel.group(1));
      long kernelFiltered = Long.parseLong(kernel.group(2));
      long submitted = Long.parseLong(kernel.group(3));
      long lost = Long.parseLong(kernel.group(4));
      long userFiltered = Long.parseLong(user.group(1));
      long exported = counter(stderr, "exported");
      long dropped = counter(stderr, "dropped");
      long failed = counter(stderr, "failed");
      assertEquals(seen, kernelFiltered + submitted + lost, stderr);
      assertEquals(submitted, userFiltered + exported + dropped + failed, stderr);
      assertEquals(exported, records(receiver).size(), "every exported record reached the receiver");
      // A burst may outrun the exporter: what its queue cannot hold is dropped, and counted.
      assertTrue(exported + dropped + failed >= 50000, "the helper's writes, at least: " + stderr);
    }
  }

  private static long counter(String stderr, String what) {
    var m = Pattern.compile("sysotel\\.exporter\\.otlp\\." + what + " (\\d+)").matcher(stderr);
    assertTrue(m.find(), what + " in " + stderr);
    return Long.parseLong(m.group(1));
  }
}
