package io.sysotel.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.sysotel.collector.pipeline.Collector;
import io.sysotel.collector.testing.SyscallHelper;
import io.sysotel.exporters.otlp.OtlpReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `sysotel run` exporting over OTLP to a receiver that goes away or refuses: the collector keeps
 * running with bounded memory, and every event seen in the kernel stays accounted for
 * (seen = filtered + lost + exported + dropped + failed). Needs root.
 */
@Tag("root")
class OtlpFaultTest {

  /** The exporter queue's bound in records. */
  private static final long QUEUE_LIMIT = Collector.DEFAULT_EXPORTER_QUEUE_RECORDS;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The counts sysotel prints when it stops. */
  record Summary(long seen, long kernelFiltered, long submitted, long lost, long userFiltered,
      long exported, long dropped, long failed) {

    static Summary of(String stderr) {
      Matcher kernel = Pattern.compile("kernel: (\\d+) seen, (\\d+) filtered, (\\d+) submitted, (\\d+) lost").matcher(stderr);
      Matcher user = Pattern.compile("user space: (\\d+) filtered").matcher(stderr);
      assertTrue(kernel.find() && user.find(), stderr);
      return new Summary(Long.parseLong(kernel.group(1)), Long.parseLong(kernel.group(2)),
          Long.parseLong(kernel.group(3)), Long.parseLong(kernel.group(4)), Long.parseLong(user.group(1)),
          counter(stderr, "exported"), counter(stderr, "dropped"), counter(stderr, "failed"));
    }

    private static long counter(String stderr, String what) {
      Matcher m = Pattern.compile("sysotel\\.exporter\\.otlp\\." + what + " (\\d+)").matcher(stderr);
      assertTrue(m.find(), what + " in " + stderr);
      return Long.parseLong(m.group(1));
    }

    void assertConserved(String stderr) {
      assertEquals(seen, kernelFiltered + submitted + lost, stderr);
      assertEquals(submitted, userFiltered + exported + dropped + failed, stderr);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Path config(String endpoint, String protocol, int prometheusPort) throws IOException {
    return Sysotel.writeTemp("otlp.yaml", """
        service:
          telemetry:
            metrics: { prometheus: 127.0.0.1:%d }
        exporters:
          otlp: { endpoint: %s, protocol: %s }
        pipelines:
          cli:
            condition: process.name:syscall-helper
            task: "syscalls|functions:write"
            exporters: [otlp]
        """.formatted(prometheusPort, endpoint, protocol));
  }

  /** A value scraped from the Prometheus endpoint. */
  private static long scrape(HttpClient http, int port, String series) throws IOException, InterruptedException {
    String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+)").matcher(text);
    assertTrue(m.find(), series + " in " + text);
    return Long.parseLong(m.group(1));
  }

  /** Log records the receiver accepted from process {@code pid}. */
  private static long recordsOf(OtlpReceiver receiver, long pid) {
    return receiver.logs().stream()
        .flatMap(req -> req.getResourceLogsList().stream())
        .filter(rl -> rl.getResource().getAttributesList().stream()
            .anyMatch(kv -> kv.getKey().equals("process.pid") && kv.getValue().getIntValue() == pid))
        .mapToLong(rl -> rl.getScopeLogsList().stream().mapToLong(sl -> sl.getLogRecordsCount()).sum())
        .sum();
  }

  private static long residentKb(long pid) throws IOException {
    Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  @Test
  void aReceiverStoppedForSecondsCostsCountedDropsAndTheRestArrives() throws Exception {
    int prometheus = freePort();
    HttpClient http = HTTP;
    try (OtlpReceiver receiver = OtlpReceiver.start();
        Sysotel sysotel = Sysotel.start("run", "--config", config(receiver.grpcEndpoint(), "grpc", prometheus).toString())) {
      sysotel.awaitTracing();
      assertEquals(0, SyscallHelper.start("write", "1000").waitFor());
      assertEquals(1000, receiver.awaitLogRecords(1000, Duration.ofSeconds(30)), sysotel::stderrSoFar);

      receiver.stopServers();
      Process burst = SyscallHelper.start("write", "60000");
      long maxQueued = 0;
      long maxResidentKb = 0;
      long outageEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      while (System.nanoTime() < outageEnd) {
        maxQueued = Math.max(maxQueued, scrape(http, prometheus, "sysotel_exporter_queued{exporter=\"otlp\"}"));
        maxResidentKb = Math.max(maxResidentKb, residentKb(sysotel.pid()));
        Thread.sleep(100);
      }
      assertEquals(0, burst.waitFor());
      assertTrue(sysotel.isAlive(), sysotel::stderrSoFar);
      long droppedDuringOutage = scrape(http, prometheus, "sysotel_exporter_dropped_total{exporter=\"otlp\"}");
      receiver.startServers();

      // After the outage: the requests in flight are retried and the queue drains, without a restart.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (scrape(http, prometheus, "sysotel_exporter_queued{exporter=\"otlp\"}") > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Process after = SyscallHelper.start("write", "1000", "hold");
      long afterPid = after.pid();
      while (recordsOf(receiver, afterPid) < 1000 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      after.getOutputStream().close();
      assertEquals(0, after.waitFor());
      assertEquals(0, sysotel.stop(), sysotel.stderr());
      String stderr = sysotel.stderr();
      Summary s = Summary.of(stderr);
      s.assertConserved(stderr);

      assertTrue(maxQueued <= QUEUE_LIMIT, "queued at most the queue's bound: " + maxQueued);
      assertTrue(maxResidentKb < 512 * 1024, "resident size during the outage: " + maxResidentKb + " kB");
      // What the queue cannot hold waits in the ring while the exporter is full; what neither
      // holds is lost in the kernel, dropped or failed, and counted.
      assertTrue(s.dropped() >= droppedDuringOutage, stderr);
      assertTrue(s.exported() + s.dropped() + s.failed() + s.lost() >= 62000, "the helpers' writes, at least: " + stderr);
      assertTrue(receiver.logRecords().size() >= s.exported(), "exported records reached the receiver: " + stderr);
      assertEquals(1000, recordsOf(receiver, afterPid), "the writes after the outage all arrived: " + stderr);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "grpc, INVALID_ARGUMENT, 0, gRPC status INVALID_ARGUMENT (3): bad records",
      "http/protobuf, OK, 500, HTTP status 500",
      "http/protobuf, OK, 503, HTTP status 503",
  })
  void aReceiverAnsweringErrorsCostsFailedRecordsAndOneLogLine(String protocol, String grpcCode, int httpStatus,
      String expected) throws Exception {
    int prometheus = freePort();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.answerErrors(Status.fromCode(Status.Code.valueOf(grpcCode)).withDescription("bad records"), httpStatus);
      String endpoint = protocol.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint();
      String stderr;
      try (Sysotel sysotel = Sysotel.start("run", "--config", config(endpoint, protocol, prometheus).toString())) {
        sysotel.awaitTracing();
        for (int i = 0; i < 4; i++) {
          assertEquals(0, SyscallHelper.start("write", "100").waitFor());
          Thread.sleep(300);
        }
        // Retryable answers (503) are retried for a few seconds before the records count as failed.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (scrape(HTTP, prometheus, "sysotel_exporter_failed_total{exporter=\"otlp\"}") < 400
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertEquals(0, sysotel.stop(), sysotel.stderr());
        stderr = sysotel.stderr();
      }
      Summary s = Summary.of(stderr);
      s.assertConserved(stderr);
      assertEquals(0, s.exported(), stderr);
      // At least the helpers' 400 writes: other syscall-helper processes on the machine match too.
      assertTrue(s.failed() >= 400, "every write refused, and counted as failed: " + stderr);
      assertTrue(receiver.attempts() >= 2, "several requests refused: " + receiver.attempts());
      long lines = stderr.lines().filter(l -> l.contains("exporter otlp failed")).count();
      assertEquals(1, lines, "one line per 10 s, naming the exporter: " + stderr);
      assertTrue(stderr.contains("receiver answered " + expected), stderr);
    }
  }
}
