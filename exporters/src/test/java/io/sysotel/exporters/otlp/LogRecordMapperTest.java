package io.sysotel.exporters.otlp;

import static io.sysotel.exporters.otlp.OtlpRecords.BARE;
import static io.sysotel.exporters.otlp.OtlpRecords.IN_POD;
import static io.sysotel.exporters.otlp.OtlpRecords.SOURCE;
import static io.sysotel.exporters.otlp.OtlpRecords.TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.SyscallRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRecordMapperTest {

  private static final long NOW = TIME + 5_000_000;
  private final LogRecordMapper mapper = new LogRecordMapper("sysotel", new FixedClock(NOW));

  private LogRecordData one(ExportBatch batch) {
    List<LogRecordData> out = mapper.map(batch);
    assertEquals(1, out.size());
    return out.get(0);
  }

  @Test
  void bodyIsTheCallAsStracePrintsIt() {
    LogRecordData log = one(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals("write(fd=1, buf=94251629957120, count=1)", log.getBodyValue().asString());
  }

  @Test
  void textArgumentsAreQuotedWithCEscapes() {
    SyscallRecord r = new SyscallRecord(TIME, 1, 2, "openat",
        List.of(new Argument("dfd", -100L), new Argument("filename", "a\"b\\c\n\t\u0001"), new Argument("flags", 0L)),
        IN_POD);
    LogRecordData log = one(OtlpRecords.batch(r));
    assertEquals("openat(dfd=-100, filename=\"a\\\"b\\\\c\\n\\t\\x01\", flags=0)", log.getBodyValue().asString());
    assertEquals("a\"b\\c\n\t\u0001", log.getAttributes().get(AttributeKey.stringKey("syscall.args.filename")));
  }

  @Test
  void timestampIsTheKernelsAndObservedIsWhenMapped() {
    LogRecordData log = one(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals(TIME, log.getTimestampEpochNanos());
    assertEquals(NOW, log.getObservedTimestampEpochNanos());
    assertEquals(Severity.UNDEFINED_SEVERITY_NUMBER, log.getSeverity());
    assertEquals("io.sysotel", log.getInstrumentationScopeInfo().getName());
  }

  @Test
  void attributesNameTheCallTheThreadTheTypedArgumentsAndThePipeline() {
    LogRecordData raw = one(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals(
        Attributes.builder()
            .put("syscall.function", "write")
            .put("syscall.id", 1L)
            .put("syscall.thread.id", 1644021L)
            .put("syscall.args.fd", 1L)
            .put("syscall.args.buf", 94251629957120L)
            .put("syscall.args.count", 1L)
            .put("sysotel.pipeline", "net-raw")
            .build(),
        raw.getAttributes());
    LogRecordData text = one(OtlpRecords.batch(OtlpRecords.textWrite(IN_POD)));
    assertEquals(1L, text.getAttributes().get(AttributeKey.longKey("syscall.args.fd")));
    assertEquals("+", text.getAttributes().get(AttributeKey.stringKey("syscall.args.buf")));
    assertEquals("write(fd=1, buf=\"+\", count=1)", text.getBodyValue().asString());
    LogRecordData decoded = one(OtlpRecords.batch(OtlpRecords.decodedWrite(IN_POD)));
    assertEquals("write(fd=1, buf=\"+\\0\", count=2)", decoded.getBodyValue().asString());
    assertEquals(1L, decoded.getAttributes().get(AttributeKey.longKey("syscall.args.fd")));
    assertEquals("+\\0", decoded.getAttributes().get(AttributeKey.stringKey("syscall.args.buf")));
    assertEquals(2L, decoded.getAttributes().get(AttributeKey.longKey("syscall.args.count")));
  }

  @Test
  void compactRecordsCarryNoArgumentsAndAnElidedBody() {
    ExportBatch compact = new ExportBatch(SOURCE, MetaSelection.ALL, true, List.of(OtlpRecords.rawWrite(IN_POD, TIME)));
    LogRecordData log = one(compact);
    assertEquals("write(...)", log.getBodyValue().asString());
    assertEquals(
        Attributes.builder()
            .put("syscall.function", "write")
            .put("syscall.id", 1L)
            .put("syscall.thread.id", 1644021L)
            .put("sysotel.pipeline", "net-raw")
            .build(),
        log.getAttributes());
  }

  @Test
  void resourceCarriesProcessContainerPodHostAndServiceBySemanticConventions() {
    LogRecordData log = one(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals(
        Attributes.builder()
            .put("service.name", "sysotel")
            .put("service.instance.id", "run-42")
            .put("host.name", "node-1")
            .put("process.pid", 1644020L)
            .put("process.parent_pid", 1643994L)
            .put("process.executable.name", "simulator")
            .put("process.executable.path", "/app/simulator")
            .put("process.command_line", "/app/simulator -sims webfetch")
            .put("process.creation.time", "2023-12-11T21:04:00.654321Z")
            .put("sysotel.process.pid_namespace", "4-4026533309")
            .put("container.id", "780f159f59c7")
            .put("container.name", "/minikube")
            .put("container.label.tier", "web")
            .put("k8s.pod.name", "web-0")
            .put("k8s.pod.uid", "6b1f-uid")
            .put("k8s.namespace.name", "default")
            .put("k8s.pod.label.app", "web")
            .put("k8s.pod.label.env", "prod")
            .build(),
        log.getResource().getAttributes());
  }

  @Test
  void unknownValuesAreLeftOutOfTheResource() {
    LogRecordData log = one(OtlpRecords.batch(OtlpRecords.rawWrite(BARE, TIME)));
    assertEquals(
        Attributes.builder()
            .put("service.name", "sysotel")
            .put("service.instance.id", "run-42")
            .put("host.name", "node-1")
            .put("process.pid", 77L)
            .put("process.parent_pid", 1L)
            .put("process.executable.name", "curl")
            .build(),
        log.getResource().getAttributes());
  }

  @Test
  void metaSelectsResourceAttributesAsForJson() {
    ExportBatch batch = new ExportBatch(SOURCE, MetaSelection.parse("process.name+pod.min"), false,
        List.of(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals(
        Attributes.builder()
            .put("service.name", "sysotel")
            .put("service.instance.id", "run-42")
            .put("host.name", "node-1")
            .put("process.executable.name", "simulator")
            .put("k8s.pod.name", "web-0")
            .put("k8s.namespace.name", "default")
            .build(),
        one(batch).getResource().getAttributes());
    ExportBatch labels = new ExportBatch(SOURCE, MetaSelection.parse("container.labels+pod.labels"), false,
        List.of(OtlpRecords.rawWrite(IN_POD, TIME)));
    assertEquals(
        Attributes.builder()
            .put("service.name", "sysotel")
            .put("service.instance.id", "run-42")
            .put("host.name", "node-1")
            .put("container.label.tier", "web")
            .put("k8s.pod.label.app", "web")
            .put("k8s.pod.label.env", "prod")
            .build(),
        one(labels).getResource().getAttributes());
  }

  @Test
  void serviceNameComesFromTheSettings() {
    LogRecordMapper named = new LogRecordMapper("edge-tracer", new FixedClock(NOW));
    LogRecordData log = named.map(OtlpRecords.batch(OtlpRecords.rawWrite(BARE, TIME))).get(0);
    assertEquals("edge-tracer", log.getResource().getAttribute(AttributeKey.stringKey("service.name")));
  }

  @Test
  void resourceIsBuiltOncePerProcessInstance() {
    List<LogRecordData> logs = mapper.map(OtlpRecords.numbered(IN_POD, 3));
    assertSame(logs.get(0).getResource(), logs.get(1).getResource());
    assertSame(logs.get(0).getResource(), logs.get(2).getResource());
    assertSame(logs.get(0).getResource(), one(OtlpRecords.batch(OtlpRecords.rawWrite(IN_POD, TIME))).getResource());

    ProcessInfo sameValues = new ProcessInfo(IN_POD.pid(), IN_POD.ppid(), IN_POD.name(), IN_POD.cmd(), IN_POD.exe(),
        IN_POD.ns(), IN_POD.startTimeUnixNanos(), IN_POD.container(), IN_POD.pod());
    LogRecordData other = one(OtlpRecords.batch(OtlpRecords.rawWrite(sameValues, TIME)));
    assertNotSame(logs.get(0).getResource(), other.getResource()); // a new process state, built anew
    assertEquals(logs.get(0).getResource(), other.getResource());
  }

  /** A clock that always says the same time. */
  record FixedClock(long nanos) implements io.opentelemetry.sdk.common.Clock {
    @Override
    public long now() {
      return nanos;
    }

    @Override
    public long nanoTime() {
      return nanos;
    }
  }
}
