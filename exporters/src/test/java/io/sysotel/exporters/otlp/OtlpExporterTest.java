package io.sysotel.exporters.otlp;

import static io.sysotel.exporters.otlp.OtlpRecords.IN_POD;
import static io.sysotel.exporters.otlp.OtlpRecords.TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.sysotel.collector.api.ExportException;
import io.sysotel.collector.api.Exporter;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpExporterTest {

  /** Retries soon, so failing tests fail fast. */
  private static final RetryPolicy FAST_RETRY = RetryPolicy.builder()
      .setMaxAttempts(3)
      .setInitialBackoff(Duration.ofMillis(20))
      .setMaxBackoff(Duration.ofMillis(50))
      .build();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private OtlpReceiver receiver;
  private OtlpExporter exporter;

  @AfterEach
  void tearDown() {
    if (exporter != null) {
      exporter.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private OtlpExporter exporter(String endpoint, String protocol, Map<String, Object> extra, RetryPolicy retry)
      throws IOException {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("endpoint", endpoint);
    settings.put("protocol", protocol);
    settings.put("timeout", "5s");
    settings.putAll(extra);
    exporter = OtlpExporter.create("otlp", OtlpSettings.parse(settings), retry);
    return exporter;
  }

  /** Sends the open request, waits for the requests in flight, then flushes (which reports failures). */
  private void drain() throws ExportException {
    exporter.flush();
    exporter.awaitInFlight();
    exporter.flush();
  }

  private static Map<String, AnyValue> attributes(List<KeyValue> list) {
    Map<String, AnyValue> out = new LinkedHashMap<>();
    list.forEach(kv -> out.put(kv.getKey(), kv.getValue()));
    return out;
  }

  private static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  private static AnyValue num(long n) {
    return AnyValue.newBuilder().setIntValue(n).build();
  }

  /** The one request of three writes by IN_POD, exactly as sent. */
  private static void assertThreeWrites(List<ExportLogsServiceRequest> requests) {
    assertEquals(1, requests.size());
    assertEquals(1, requests.get(0).getResourceLogsCount());
    ResourceLogs rl = requests.get(0).getResourceLogs(0);
    Map<String, AnyValue> resource = attributes(rl.getResource().getAttributesList());
    assertEquals(str("sysotel"), resource.get("service.name"));
    assertEquals(str("run-42"), resource.get("service.instance.id"));
    assertEquals(str("node-1"), resource.get("host.name"));
    assertEquals(num(1644020), resource.get("process.pid"));
    assertEquals(num(1643994), resource.get("process.parent_pid"));
    assertEquals(str("simulator"), resource.get("process.executable.name"));
    assertEquals(str("/app/simulator"), resource.get("process.executable.path"));
    assertEquals(str("/app/simulator -sims webfetch"), resource.get("process.command_line"));
    assertEquals(str("2023-12-11T21:04:00.654321Z"), resource.get("process.creation.time"));
    assertEquals(str("780f159f59c7"), resource.get("container.id"));
    assertEquals(str("/minikube"), resource.get("container.name"));
    assertEquals(str("web-0"), resource.get("k8s.pod.name"));
    assertEquals(str("6b1f-uid"), resource.get("k8s.pod.uid"));
    assertEquals(str("default"), resource.get("k8s.namespace.name"));
    assertEquals(str("prod"), resource.get("k8s.pod.label.env"));
    assertEquals(1, rl.getScopeLogsCount());
    ScopeLogs sl = rl.getScopeLogs(0);
    assertEquals("io.sysotel", sl.getScope().getName());
    assertEquals(3, sl.getLogRecordsCount());
    for (int i = 0; i < 3; i++) {
      LogRecord log = sl.getLogRecords(i);
      assertEquals(TIME + i, log.getTimeUnixNano());
      assertTrue(log.getObservedTimeUnixNano() > TIME, "observed " + log.getObservedTimeUnixNano());
      assertEquals(str("write(fd=1, buf=94251629957120, count=1)"), log.getBody());
      Map<String, AnyValue> a = attributes(log.getAttributesList());
      assertEquals(
          Map.of(
              "syscall.function", str("write"),
              "syscall.id", num(1),
              "syscall.thread.id", num(1644021),
              "syscall.args.fd", num(1),
              "syscall.args.buf", num(94251629957120L),
              "syscall.args.count", num(1),
              "sysotel.pipeline", str("net-raw")),
          a);
    }
  }

  @Test
  void grpcDeliversEachRecordWithTimestampsBodyAttributesAndResource() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.grpcEndpoint(), "grpc", Map.of(), FAST_RETRY).export(OtlpRecords.numbered(IN_POD, 3));
    drain();
    assertThreeWrites(receiver.logs());
    assertEquals("grpc", receiver.received().get(0).transport());
    assertEquals(0, exporter.failedRecords());
  }

  @Test
  void httpProtobufDeliversTheSameRecordsUnderTheEndpointsBasePath() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.httpEndpoint() + "/otlp", "http/protobuf", Map.of(), FAST_RETRY)
        .export(OtlpRecords.numbered(IN_POD, 3));
    drain();
    assertThreeWrites(receiver.logs());
    assertEquals("/otlp/v1/logs", receiver.received().get(0).path());
  }

  @Test
  void httpSendsGzipBodiesAndTheConfiguredHeaders() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.httpEndpoint(), "http/protobuf",
        Map.of("compression", "gzip", "headers", Map.of("authorization", "Bearer t0k", "x-scope-orgid", "tenant-1")),
        FAST_RETRY).export(OtlpRecords.numbered(IN_POD, 3));
    drain();
    assertThreeWrites(receiver.logs());
    Map<String, String> headers = receiver.received().get(0).headers();
    assertEquals("gzip", headers.get("content-encoding"));
    assertEquals("Bearer t0k", headers.get("authorization"));
    assertEquals("tenant-1", headers.get("x-scope-orgid"));
    assertEquals("/v1/logs", receiver.received().get(0).path());
  }

  @Test
  void httpWithoutCompressionSendsPlainBodies() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.httpEndpoint(), "http/protobuf", Map.of("compression", "none"), FAST_RETRY)
        .export(OtlpRecords.numbered(IN_POD, 3));
    drain();
    assertThreeWrites(receiver.logs());
    assertEquals(null, receiver.received().get(0).headers().get("content-encoding"));
  }

  @Test
  void grpcSendsGzipMessagesAndTheConfiguredHeaders() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.grpcEndpoint(), "grpc",
        Map.of("compression", "gzip", "headers", Map.of("authorization", "Bearer t0k")), FAST_RETRY)
        .export(OtlpRecords.numbered(IN_POD, 3));
    drain();
    assertThreeWrites(receiver.logs());
    Map<String, String> headers = receiver.received().get(0).headers();
    assertEquals("Bearer t0k", headers.get("authorization"));
    assertEquals("gzip", headers.get("grpc-encoding"));
  }

  @Test
  void batchesLargerThanMaxBatchGoAsSeveralRequests() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.grpcEndpoint(), "grpc", Map.of("batch", Map.of("maxBatch", 2)), FAST_RETRY)
        .export(OtlpRecords.numbered(IN_POD, 5));
    drain();
    List<Integer> sizes = receiver.logs().stream()
        .map(r -> r.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount())
        .sorted()
        .toList();
    assertEquals(List.of(1, 2, 2), sizes);
    assertEquals(5, receiver.logRecords().size());
  }

  @Test
  void aReceiverThatStartsLateGetsTheRetriedBatchAndLaterOnes() throws Exception {
    receiver = OtlpReceiver.notStarted();
    exporter(receiver.grpcEndpoint(), "grpc", Map.of("timeout", "20s"), SdkExporters.DEFAULT_RETRY)
        .export(OtlpRecords.numbered(IN_POD, 3)); // refused: nothing listens yet
    Thread.sleep(150);
    receiver.startServers();
    exporter.export(OtlpRecords.numbered(IN_POD, 2));
    drain();
    assertEquals(5, receiver.awaitLogRecords(5, WAIT));
    assertEquals(0, exporter.failedRecords());
    assertEquals(Exporter.Unsettled.NONE, exporter.unsettled(), "all answered");
  }

  @Test
  void aReceiverRestartedOnItsPortGetsLaterBatches() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.httpEndpoint(), "http/protobuf", Map.of(), SdkExporters.DEFAULT_RETRY)
        .export(OtlpRecords.numbered(IN_POD, 1));
    drain();
    receiver.stopServers();
    receiver.startServers();
    exporter.export(OtlpRecords.numbered(IN_POD, 2));
    drain();
    assertEquals(3, receiver.awaitLogRecords(3, WAIT));
  }

  @Test
  void smallBatchesFillOneRequestUntilTheFlush() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.grpcEndpoint(), "grpc", Map.of("batch", Map.of("maxBatch", 4)), FAST_RETRY);
    for (int i = 0; i < 3; i++) {
      exporter.export(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME + i)));
    }
    assertEquals(new Exporter.Unsettled(3, 0), exporter.unsettled(), "accepted, not sent yet");
    assertEquals(0, receiver.logs().size());
    drain();
    assertThreeWrites(receiver.logs());
    assertEquals(Exporter.Unsettled.NONE, exporter.unsettled());
    exporter.export(OtlpRecords.numbered(IN_POD, 2));
    exporter.export(OtlpRecords.numbered(IN_POD, 2));
    assertEquals(7, receiver.awaitLogRecords(7, WAIT), "the fourth record filled the request: sent without a flush");
  }

  @Test
  void aRefusedRequestIsCountedFailedAndReportedOnceByTheNextFlush() throws Exception {
    receiver = OtlpReceiver.start();
    receiver.answerErrors(Status.INVALID_ARGUMENT.withDescription("bad records"), 400);
    exporter(receiver.grpcEndpoint(), "grpc", Map.of("batch", Map.of("maxInFlight", 1)), FAST_RETRY);
    exporter.export(OtlpRecords.numbered(IN_POD, 3));
    ExportException e = assertThrows(ExportException.class, this::drain);
    assertEquals("otlp: 3 records in 1 requests failed; last: receiver answered gRPC status INVALID_ARGUMENT (3): bad records",
        e.getMessage());
    assertEquals(3, exporter.failedRecords());
    assertEquals(new Exporter.Unsettled(0, 3), exporter.unsettled(), "the collector moves them to failed");
    assertEquals(1, receiver.attempts(), "INVALID_ARGUMENT is not retryable");
    drain(); // reported once

    receiver.answerOk();
    exporter.export(OtlpRecords.numbered(IN_POD, 2));
    drain();
    assertEquals(2, receiver.logRecords().size());
    assertEquals(3, exporter.failedRecords());
  }

  @Test
  void httpErrorStatusIsCountedFailedWithItsCode() throws Exception {
    receiver = OtlpReceiver.start();
    receiver.answerErrors(Status.INVALID_ARGUMENT, 400);
    exporter(receiver.httpEndpoint(), "http/protobuf", Map.of("batch", Map.of("maxInFlight", 1)), FAST_RETRY);
    exporter.export(OtlpRecords.numbered(IN_POD, 4));
    ExportException e = assertThrows(ExportException.class, this::drain);
    assertTrue(e.getMessage().contains("last: receiver answered HTTP status 400"), e.getMessage());
    assertEquals(4, exporter.failedRecords());
  }

  @Test
  void unavailableIsRetriedThenCountedAndReportedByTheNextFlush() throws Exception {
    receiver = OtlpReceiver.start();
    receiver.answerErrors(Status.UNAVAILABLE, 503);
    exporter(receiver.grpcEndpoint(), "grpc", Map.of(), FAST_RETRY);
    exporter.export(OtlpRecords.numbered(IN_POD, 3));
    ExportException e = assertThrows(ExportException.class, this::drain);
    assertEquals("otlp: 3 records in 1 requests failed; last: "
        + "receiver answered gRPC status UNAVAILABLE (14)", e.getMessage());
    assertEquals(3, exporter.failedRecords());
    assertEquals(new Exporter.Unsettled(0, 3), exporter.unsettled(), "the collector moves them to failed");
    assertEquals(3, receiver.attempts(), "attempts with FAST_RETRY");
    drain(); // reported once
  }

  @Test
  void http503IsRetriedThenCountedAndReportedByTheNextFlush() throws Exception {
    receiver = OtlpReceiver.start();
    receiver.answerErrors(Status.UNAVAILABLE, 503);
    exporter(receiver.httpEndpoint(), "http/protobuf", Map.of(), FAST_RETRY);
    exporter.export(OtlpRecords.numbered(IN_POD, 2));
    ExportException e = assertThrows(ExportException.class, this::drain);
    assertTrue(e.getMessage().endsWith("last: receiver answered HTTP status 503 Service Unavailable"), e.getMessage());
    assertEquals(2, exporter.failedRecords());
    assertEquals(new Exporter.Unsettled(0, 2), exporter.unsettled());
    assertEquals(3, receiver.attempts());
  }

  @Test
  void deliversOverTlsWithAClientCertificateOverGrpcAndHttp() throws Exception {
    TestCertificates certs = TestCertificates.create();
    receiver = OtlpReceiver.start(new OtlpReceiver.Tls(certs, certs.ca()));
    Map<String, Object> tls = Map.of("tls", Map.of("ca", certs.ca().toString(), "cert", certs.clientCert().toString(),
        "key", certs.clientKey().toString()));
    exporter(receiver.grpcEndpoint(), "grpc", tls, FAST_RETRY).export(OtlpRecords.numbered(IN_POD, 2));
    drain();
    exporter.close();
    exporter(receiver.httpEndpoint(), "http/protobuf", tls, FAST_RETRY).export(OtlpRecords.numbered(IN_POD, 3));
    drain();
    assertEquals(5, receiver.logRecords().size());
    assertEquals(List.of("grpc", "http"), receiver.received().stream().map(OtlpReceiver.Received::transport).toList());
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() throws Exception {
    TestCertificates certs = TestCertificates.create();
    receiver = OtlpReceiver.start(new OtlpReceiver.Tls(certs, null));
    exporter(receiver.grpcEndpoint(), "grpc", Map.of("tls", Map.of("ca", certs.otherCa().toString())), FAST_RETRY)
        .export(OtlpRecords.numbered(IN_POD, 2));
    assertThrows(ExportException.class, this::drain);
    assertEquals(2, exporter.failedRecords());
    assertEquals(0, receiver.logRecords().size());
  }

  @Test
  void withoutTheRequiredClientCertificateNothingIsAccepted() throws Exception {
    TestCertificates certs = TestCertificates.create();
    receiver = OtlpReceiver.start(new OtlpReceiver.Tls(certs, certs.ca()));
    exporter(receiver.httpEndpoint(), "http/protobuf", Map.of("tls", Map.of("ca", certs.ca().toString())), FAST_RETRY)
        .export(OtlpRecords.numbered(IN_POD, 2));
    assertThrows(ExportException.class, this::drain);
    assertEquals(2, exporter.failedRecords());
    assertEquals(0, receiver.logRecords().size());
  }

  @Test
  void exportAfterCloseFailsAndCloseIsIdempotent() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.grpcEndpoint(), "grpc", Map.of(), FAST_RETRY).export(OtlpRecords.numbered(IN_POD, 1));
    exporter.close(); // sends the open request and waits for it
    assertEquals(1, receiver.logRecords().size());
    exporter.close();
    exporter.flush();
    assertThrows(ExportException.class, () -> exporter.export(OtlpRecords.numbered(IN_POD, 1)));
  }

  @Test
  void checkConnectionPassesWhileTheEndpointAcceptsAndNamesItWhenRefused() throws Exception {
    int port;
    try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = listening.getLocalPort();
      exporter("http://127.0.0.1:" + port, "grpc", Map.of(), FAST_RETRY).checkConnection();
    }
    ExportException refused = assertThrows(ExportException.class, exporter::checkConnection);
    assertTrue(refused.getMessage().startsWith("cannot connect to 127.0.0.1:" + port + ": "), refused.getMessage());
    assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
  }

  @Test
  void theConnectionIsOpenedWithOneEmptyRequestOverGrpcAndHttp() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.grpcEndpoint(), "grpc", Map.of(), FAST_RETRY);
    awaitEmptyRequests(1);
    exporter.close();
    exporter(receiver.httpEndpoint(), "http/protobuf", Map.of("compression", "gzip"), FAST_RETRY);
    awaitEmptyRequests(2);
    assertEquals(0, receiver.attempts(), "no records, nothing else sent");
    assertEquals(Exporter.Unsettled.NONE, exporter.unsettled());
    assertTrue(exporter.warmUpRequests() > 0, "the made-up records went through the sender to the warm-up's sink");
  }

  @Test
  void awaitWarmUpReturnsOnceTheMadeUpRecordsWentThroughAndTheConnectionIsOpen() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.grpcEndpoint(), "grpc", Map.of(), FAST_RETRY);
    exporter.awaitWarmUp(Duration.ofSeconds(60));
    assertTrue(exporter.warmUpRequests() > 0, "the warm-up is over: its sink's count is known");
    awaitEmptyRequests(1);
  }

  @Test
  void closingStopsTheWarmUpBeforeItOpensTheConnection() throws Exception {
    receiver = OtlpReceiver.start();
    exporter(receiver.grpcEndpoint(), "grpc", Map.of(), FAST_RETRY);
    long start = System.nanoTime();
    exporter.close();
    long closingMillis = (System.nanoTime() - start) / 1_000_000;
    // The warm-up takes seconds; stopped, it ends after its current batch.
    assertTrue(closingMillis < 2_000, "close waited " + closingMillis + " ms for the warm-up");
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("sysotel-otlp-otlp-warm-up")),
        "no warm-up thread left");
    Thread.sleep(500);
    assertEquals(0, receiver.emptyLogRequests(), "the warm-up ended without its empty request");
  }

  private void awaitEmptyRequests(int n) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (receiver.emptyLogRequests() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(n, receiver.emptyLogRequests());
  }
}
