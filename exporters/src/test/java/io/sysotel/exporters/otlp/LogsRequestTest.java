package io.sysotel.exporters.otlp;

import static io.sysotel.exporters.otlp.OtlpRecords.BARE;
import static io.sysotel.exporters.otlp.OtlpRecords.IN_POD;
import static io.sysotel.exporters.otlp.OtlpRecords.SOURCE;
import static io.sysotel.exporters.otlp.OtlpRecords.TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.api.UserBytes;
import io.sysotel.collector.api.Arguments;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The encoded requests, parsed with the official opentelemetry-proto classes. */
class LogsRequestTest {

  private static final long NOW = TIME + 5_000_000;
  private final LogsRequest request = new LogsRequest("sysotel", "1.2.3", 1);

  private ExportLogsServiceRequest encode(ExportBatch... batches) throws InvalidProtocolBufferException {
    for (ExportBatch b : batches) {
      for (SyscallRecord r : b.records()) {
        request.add(b, r, NOW);
      }
    }
    return parse(request.take());
  }

  /** The request's bytes, its first {@code length()} of the buffer, decoded. */
  private static ExportLogsServiceRequest parse(LogsRequest.Encoded e) throws InvalidProtocolBufferException {
    return ExportLogsServiceRequest.parseFrom(ByteBuffer.wrap(e.buffer(), 0, e.length()));
  }

  private LogRecord one(ExportBatch batch) throws InvalidProtocolBufferException {
    ExportLogsServiceRequest req = encode(batch);
    assertEquals(1, req.getResourceLogsCount());
    assertEquals(1, req.getResourceLogs(0).getScopeLogsCount());
    assertEquals(1, req.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount());
    return req.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
  }

  private Map<String, Object> resourceOf(ExportBatch batch) throws InvalidProtocolBufferException {
    return attributes(encode(batch).getResourceLogs(0).getResource().getAttributesList());
  }

  /** Attributes in their order, integers as Long and strings as String (nothing else is sent). */
  static Map<String, Object> attributes(List<KeyValue> kvs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      AnyValue v = kv.getValue();
      Object value = switch (v.getValueCase()) {
        case INT_VALUE -> v.getIntValue();
        case STRING_VALUE -> v.getStringValue();
        default -> throw new AssertionError("unexpected value " + v);
      };
      assertEquals(null, out.put(kv.getKey(), value), "key " + kv.getKey() + " twice");
    }
    return out;
  }

  @Test
  void bodyIsTheCallAsStracePrintsIt() throws Exception {
    LogRecord log = one(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals("write(fd=1, buf=94251629957120, count=1)", log.getBody().getStringValue());
  }

  @Test
  void textArgumentsAreQuotedWithCEscapesAndSentAsUtf8() throws Exception {
    SyscallRecord r = new SyscallRecord(TIME, 1, 2, "openat",
        List.of(new Argument("dfd", -100L), new Argument("filename", "a\"b\\c\n\t\u0001 é €𝄞"), new Argument("flags", 0L)),
        IN_POD);
    LogRecord log = one(OtlpRecords.batch(r));
    assertEquals("openat(dfd=-100, filename=\"a\\\"b\\\\c\\n\\t\\x01 é €𝄞\", flags=0)", log.getBody().getStringValue());
    Map<String, Object> a = attributes(log.getAttributesList());
    assertEquals("a\"b\\c\n\t\u0001 é €𝄞", a.get("syscall.args.filename"));
    assertEquals(-100L, a.get("syscall.args.dfd"));
  }

  @Test
  void timestampIsTheKernelsAndObservedIsWhenAdded() throws Exception {
    ExportLogsServiceRequest req = encode(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME)));
    LogRecord log = req.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertEquals(TIME, log.getTimeUnixNano());
    assertEquals(NOW, log.getObservedTimeUnixNano());
    assertEquals(SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED, log.getSeverityNumber());
    assertTrue(log.getTraceId().isEmpty() && log.getSpanId().isEmpty());
    assertEquals("io.sysotel", req.getResourceLogs(0).getScopeLogs(0).getScope().getName());
    assertEquals("1.2.3", req.getResourceLogs(0).getScopeLogs(0).getScope().getVersion());
  }

  @Test
  void attributesNameTheCallTheThreadTheTypedArgumentsAndThePipeline() throws Exception {
    LogRecord raw = one(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals(
        Map.of("syscall.function", "write", "syscall.id", 1L, "syscall.thread.id", 1644021L, "syscall.args.fd", 1L,
            "syscall.args.buf", 94251629957120L, "syscall.args.count", 1L, "sysotel.pipeline", "net-raw"),
        attributes(raw.getAttributesList()));
    LogRecord text = one(OtlpRecords.batch(OtlpRecords.textWrite(IN_POD)));
    assertEquals(1L, attributes(text.getAttributesList()).get("syscall.args.fd"));
    assertEquals("+", attributes(text.getAttributesList()).get("syscall.args.buf"));
    assertEquals("write(fd=1, buf=\"+\", count=1)", text.getBody().getStringValue());
    LogRecord decoded = one(OtlpRecords.batch(OtlpRecords.decodedWrite(IN_POD)));
    assertEquals("write(fd=1, buf=\"+\\0\", count=2)", decoded.getBody().getStringValue());
    Map<String, Object> a = attributes(decoded.getAttributesList());
    assertEquals(1L, a.get("syscall.args.fd"));
    assertEquals("+\\0", a.get("syscall.args.buf"));
    assertEquals(2L, a.get("syscall.args.count"));
  }

  @Test
  void compactRecordsCarryNoArgumentsAndAnElidedBody() throws Exception {
    ExportBatch compact = new ExportBatch(SOURCE, MetaSelection.ALL, true, List.of(OtlpRecords.rawWrite(IN_POD, TIME)));
    LogRecord log = one(compact);
    assertEquals("write(...)", log.getBody().getStringValue());
    assertEquals(Map.of("syscall.function", "write", "syscall.id", 1L, "syscall.thread.id", 1644021L,
        "sysotel.pipeline", "net-raw"), attributes(log.getAttributesList()));
  }

  @Test
  void resourceCarriesProcessContainerPodHostAndServiceBySemanticConventions() throws Exception {
    Map<String, Object> want = new LinkedHashMap<>();
    want.put("service.name", "sysotel");
    want.put("service.instance.id", "run-42");
    want.put("host.name", "node-1");
    want.put("process.pid", 1644020L);
    want.put("process.parent_pid", 1643994L);
    want.put("process.executable.name", "simulator");
    want.put("process.executable.path", "/app/simulator");
    want.put("process.command_line", "/app/simulator -sims webfetch");
    want.put("sysotel.process.pid_namespace", "4-4026533309");
    want.put("process.creation.time", "2023-12-11T21:04:00.654321Z");
    want.put("container.id", "780f159f59c7");
    want.put("container.name", "/minikube");
    want.put("container.label.tier", "web");
    want.put("k8s.pod.name", "web-0");
    want.put("k8s.pod.uid", "6b1f-uid");
    want.put("k8s.namespace.name", "default");
    want.put("k8s.pod.label.app", "web");
    want.put("k8s.pod.label.env", "prod");
    assertEquals(want, resourceOf(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME))));
  }

  @Test
  void unknownValuesAreLeftOutOfTheResource() throws Exception {
    assertEquals(Map.of("service.name", "sysotel", "service.instance.id", "run-42", "host.name", "node-1",
        "process.pid", 77L, "process.parent_pid", 1L, "process.executable.name", "curl"),
        resourceOf(OtlpRecords.batch(OtlpRecords.rawWrite(BARE, TIME))));
  }

  @Test
  void metaSelectsResourceAttributesAsForJson() throws Exception {
    ExportBatch batch = new ExportBatch(SOURCE, MetaSelection.parse("process.name+pod.min"), false,
        List.of(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals(Map.of("service.name", "sysotel", "service.instance.id", "run-42", "host.name", "node-1",
        "process.executable.name", "simulator", "k8s.pod.name", "web-0", "k8s.namespace.name", "default"),
        resourceOf(batch));
    ExportBatch labels = new ExportBatch(SOURCE, MetaSelection.parse("container.labels+pod.labels"), false,
        List.of(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals(Map.of("service.name", "sysotel", "service.instance.id", "run-42", "host.name", "node-1",
        "container.label.tier", "web", "k8s.pod.label.app", "web", "k8s.pod.label.env", "prod"),
        resourceOf(labels));
  }

  @Test
  void serviceNameComesFromTheSettings() throws Exception {
    LogsRequest named = new LogsRequest("edge-tracer", null, 1);
    ExportBatch b = OtlpRecords.batch(OtlpRecords.rawWrite(BARE, TIME));
    named.add(b, b.records().get(0), NOW);
    ExportLogsServiceRequest req = parse(named.take());
    assertEquals("edge-tracer", attributes(req.getResourceLogs(0).getResource().getAttributesList()).get("service.name"));
    assertEquals("", req.getResourceLogs(0).getScopeLogs(0).getScope().getVersion());
  }

  @Test
  void recordsOfOneProcessShareOneResourceAcrossBatchesInKernelOrder() throws Exception {
    ProcessInfo other = new ProcessInfo(IN_POD.pid(), IN_POD.ppid(), IN_POD.name(), IN_POD.cmd(), IN_POD.exe(),
        IN_POD.ns(), IN_POD.startTimeUnixNanos(), IN_POD.container(), IN_POD.pod());
    ExportLogsServiceRequest req = encode(OtlpRecords.numbered(IN_POD, 3), OtlpRecords.batch(OtlpRecords.rawWrite(BARE, TIME + 10)),
        OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME + 3)), OtlpRecords.batch(OtlpRecords.rawWrite(other, TIME + 4)));
    // a new process state is a resource of its own, even with the same values
    assertEquals(3, req.getResourceLogsCount());
    ResourceLogs first = req.getResourceLogs(0);
    assertEquals(1644020L, attributes(first.getResource().getAttributesList()).get("process.pid"));
    ScopeLogs logs = first.getScopeLogs(0);
    assertEquals(List.of(TIME, TIME + 1, TIME + 2, TIME + 3),
        logs.getLogRecordsList().stream().map(LogRecord::getTimeUnixNano).toList());
    assertEquals(77L, attributes(req.getResourceLogs(1).getResource().getAttributesList()).get("process.pid"));
    assertEquals(first.getResource(), req.getResourceLogs(2).getResource());
  }

  @Test
  void takeStartsAnEmptyRequestAndLargeRecordsKeepTheirLengths() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      big.append((char) ('a' + i % 26));
    }
    SyscallRecord r = new SyscallRecord(TIME, 1, 1, "write",
        List.of(new Argument("fd", 1L), new Argument("buf", big.toString()), new Argument("count", 5000L)), IN_POD);
    ExportBatch batch = OtlpRecords.batch(r, OtlpRecords.rawWrite(BARE, TIME));
    ExportLogsServiceRequest req = encode(batch);
    assertEquals(big.toString(), attributes(req.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getAttributesList())
        .get("syscall.args.buf"));
    assertEquals(0, request.records());
    assertEquals(0, parse(request.take()).getResourceLogsCount());
    assertEquals(req, encode(batch), "a reused request encodes the same bytes");
  }

  @Test
  void aReleasedBufferCarriesTheNextRequestAndOnlyItsLengthCounts() throws Exception {
    LogsRequest twoOut = new LogsRequest("sysotel", "1.2.3", 2);
    ExportBatch many = OtlpRecords.batch(IntStream.range(0, 500)
        .mapToObj(i -> OtlpRecords.rawWrite(i % 2 == 0 ? IN_POD : BARE, TIME + i)).toArray(SyscallRecord[]::new));
    ExportBatch one = OtlpRecords.batch(OtlpRecords.rawWrite(BARE, TIME));
    for (SyscallRecord r : many.records()) {
      twoOut.add(many, r, NOW);
    }
    LogsRequest.Encoded big = twoOut.take();
    twoOut.add(one, one.records().get(0), NOW);
    LogsRequest.Encoded held = twoOut.take();
    assertNotSame(big.buffer(), held.buffer(), "a buffer not released is not handed out again");
    twoOut.release(big);
    twoOut.add(one, one.records().get(0), NOW);
    LogsRequest.Encoded small = twoOut.take();
    assertSame(big.buffer(), small.buffer(), "the released buffer is reused");
    assertTrue(small.length() < big.length());
    assertEquals(parse(held), parse(small),
        "the reused buffer's earlier bytes past the length are not part of the request");
  }

  /**
   * Decoded arguments are written from bytes encoded once per syscall; the body and attributes
   * must read exactly as the general renderings ({@link CallBody}, each value's text) do.
   */
  @Test
  void decodedArgumentsReadAsTheGeneralRenderingsDo() throws Exception {
    byte[] every = new byte[256];
    for (int i = 0; i < 256; i++) {
      every[i] = (byte) i;
    }
    String[] names = {"fd", "buf", "count", "flags", "addr", "big"};
    List<SyscallRecord> records = new ArrayList<>();
    for (boolean truncated : new boolean[] {false, true}) {
      Object[] values = {null, new UserBytes(every, truncated, 300), null, "O_RDONLY|O_CLOEXEC", Arguments.ADDRESS,
          new java.math.BigInteger("18446744073709551615")};
      records.add(new SyscallRecord(TIME, 7, 1, "write",
          new Arguments(names, new long[] {-1, 0x7ffd0000L, Long.MIN_VALUE, 0x80000, 0x7ffd1000L, -1}, values), IN_POD));
      records.add(new SyscallRecord(TIME, 7, 0, "read", new Arguments(names, new long[] {0, 1, 2, 3, 4, Long.MAX_VALUE}), IN_POD));
      Object[] addresses = {Arguments.ADDRESS, Arguments.ADDRESS, Arguments.ADDRESS, null, null, null};
      records.add(new SyscallRecord(TIME, 7, 9, "mmap", new Arguments(names, new long[] {0, 0xf, -1, 0, 0, 0}, addresses), IN_POD));
    }
    ExportLogsServiceRequest req = encode(OtlpRecords.batch(records.toArray(new SyscallRecord[0])));
    List<LogRecord> logs = req.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertEquals(records.size(), logs.size());
    for (int i = 0; i < records.size(); i++) {
      SyscallRecord r = records.get(i);
      Arguments a = (Arguments) r.args();
      assertEquals(new CallBody().render(r.function(), a, false).toString(), logs.get(i).getBody().getStringValue());
      Map<String, Object> attributes = attributes(logs.get(i).getAttributesList());
      for (int j = 0; j < a.size(); j++) {
        Object expected = a.isNumber(j) ? (Object) a.number(j) : a.value(j).toString();
        assertEquals(expected, attributes.get(LogsRequest.SYSCALL_ARGS_PREFIX + a.name(j)), r.function() + " " + a.name(j));
      }
    }
  }
}
