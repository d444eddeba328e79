package io.sysotel.exporters.otlp;

import static io.sysotel.exporters.otlp.LogEncoding.ANY_VALUE_STRING;
import static io.sysotel.exporters.otlp.LogEncoding.LOG_ATTRIBUTES;

import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.api.SyscallRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One OTLP {@code ExportLogsServiceRequest} being filled, encoded straight from the collector's
 * records: each syscall a log record whose timestamp is the kernel's event time, observed
 * timestamp when it was added, body the call as strace prints it, attributes under {@code
 * syscall.*} (arguments typed: integers as ints, text as strings) and the pipeline id; records
 * are grouped under one {@code ResourceLogs} per process resource ({@link ProcessResources}), so
 * backends group them by process and pod. Records from several batches fill one request.
 *
 * <p>The buffers are reused rather than left to the garbage collector: a busy exporter encodes
 * a megabyte or more per request, and buffers that live until their request is answered would
 * otherwise outlive young collections and fill the old generation. Not thread-safe: the exporter
 * fills it from its one thread; only {@link #release} may be called from another.
 */
final class LogsRequest {

  static final String SCOPE_NAME = "io.sysotel";
  static final String SYSCALL_FUNCTION = "syscall.function";
  static final String SYSCALL_ID = "syscall.id";
  static final String SYSCALL_THREAD_ID = "syscall.thread.id";
  static final String SYSCALL_ARGS_PREFIX = "syscall.args.";
  static final String SYSOTEL_PIPELINE = "sysotel.pipeline";

  private static final byte[] THREAD_KEY = LogEncoding.key(SYSCALL_THREAD_ID);
  private static final byte[] PIPELINE_KEY = LogEncoding.key(SYSOTEL_PIPELINE);

  /** Groups kept for reuse, and the room of their buffers together: what an idle exporter holds on to. */
  private static final int MAX_SPARE_GROUPS = 16;
  private static final int MAX_SPARE_GROUP_BYTES = 2 * OtlpExporter.MAX_REQUEST_BYTES;
  /** Request buffers are allocated in steps of this, so a slightly larger request still fits. */
  private static final int REQUEST_BUFFER_STEP = 256 << 10;

  /**
   * An encoded request: the first {@code length} bytes of {@code buffer}. The buffer is the
   * request's until it is {@linkplain #release released}.
   */
  record Encoded(byte[] buffer, int length) {}

  /** The log records of one resource. */
  private static final class Group {
    byte[] resource;
    final ProtoWriter logs = new ProtoWriter(4096);
  }

  private final ProcessResources resources;
  private final byte[] scope;
  private final CallBody body = new CallBody();
  private final CallFragments calls = new CallFragments();
  /** Key fields per argument name; names come from the syscall table, so the map stays small. */
  private final Map<String, byte[]> argumentKeys = new HashMap<>();
  /** Groups by resource array: the cache hands out one array per process while it is cached. */
  private final Map<byte[], Group> byResource = new IdentityHashMap<>();
  private final List<Group> groups = new ArrayList<>();
  private final ArrayDeque<Group> spare = new ArrayDeque<>();
  private int spareGroupBytes;
  /** Buffers of answered requests, for the next ones. */
  private final BlockingQueue<byte[]> spareBuffers;
  private int records;
  private int bytes;
  /** The last source seen and its pipeline attribute: a batch's records share one source. */
  private Source lastSource;
  private byte[] lastPipelineAttribute;

  /** {@code maxOutstanding}: requests taken and not yet released, at most; as many buffers are kept. */
  LogsRequest(String serviceName, String scopeVersion, int maxOutstanding) {
    this.resources = new ProcessResources(serviceName, ProcessResources.DEFAULT_CAPACITY);
    this.scope = LogEncoding.scope(SCOPE_NAME, scopeVersion);
    this.spareBuffers = new ArrayBlockingQueue<>(maxOutstanding);
  }

  /** Records added since the last {@link #take}. */
  int records() {
    return records;
  }

  /** About the size the request would have now, in bytes. */
  int bytes() {
    return bytes;
  }

  /** Adds one record of {@code batch}, observed at {@code observedUnixNanos}. */
  void add(ExportBatch batch, SyscallRecord r, long observedUnixNanos) {
    byte[] resource = resources.get(r.process(), batch.meta(), batch.source());
    Group g = byResource.get(resource);
    if (g == null) {
      if (spare.isEmpty()) {
        g = new Group();
      } else {
        g = spare.poll();
        spareGroupBytes -= g.logs.capacity();
      }
      g.resource = resource;
      byResource.put(resource, g);
      groups.add(g);
      bytes += resource.length + scope.length + 16;
    }
    ProtoWriter w = g.logs;
    int before = w.size();
    int rec = w.begin(LogEncoding.SCOPE_LOGS_LOG_RECORDS);
    w.fixed64Field(LogEncoding.LOG_TIME_UNIX_NANO, r.timeUnixNanos());
    w.fixed64Field(LogEncoding.LOG_OBSERVED_TIME_UNIX_NANO, observedUnixNanos);
    int value = w.begin(LogEncoding.LOG_BODY);
    if (!batch.compact() && r.args() instanceof Arguments decoded) {
      int text = w.begin(ANY_VALUE_STRING);
      calls.body(w, r.syscallId(), r.function(), decoded);
      w.end(text);
    } else {
      w.stringField(ANY_VALUE_STRING, body.render(r.function(), r.args(), batch.compact()));
    }
    w.end(value);
    calls.identity(w, r.syscallId(), r.function());
    LogEncoding.attribute(w, LOG_ATTRIBUTES, THREAD_KEY, r.tid());
    if (!batch.compact()) {
      arguments(w, r);
    }
    byte[] pipeline = pipelineAttribute(batch.source());
    w.write(pipeline, 0, pipeline.length);
    w.end(rec);
    bytes += w.size() - before;
    records++;
  }

  private void arguments(ProtoWriter w, SyscallRecord r) {
    if (r.args() instanceof Arguments decoded) {
      calls.attributes(w, LOG_ATTRIBUTES, r.syscallId(), r.function(), decoded);
      return;
    }
    for (Argument arg : r.args()) {
      Object v = arg.value();
      if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        LogEncoding.attribute(w, LOG_ATTRIBUTES, argumentKey(arg.name()), ((Number) v).longValue());
      } else if (v != null) {
        LogEncoding.attribute(w, LOG_ATTRIBUTES, argumentKey(arg.name()), v.toString());
      }
    }
  }

  /** The {@code sysotel.pipeline} attribute of records from {@code source}, empty without a pipeline id. */
  private byte[] pipelineAttribute(Source source) {
    if (source != lastSource) {
      ProtoWriter w = new ProtoWriter(64);
      if (source.directiveId() != null) {
        LogEncoding.attribute(w, LOG_ATTRIBUTES, PIPELINE_KEY, source.directiveId());
      }
      lastPipelineAttribute = w.toByteArray();
      lastSource = source;
    }
    return lastPipelineAttribute;
  }

  private byte[] argumentKey(String name) {
    return argumentKeys.computeIfAbsent(name, n -> LogEncoding.key(SYSCALL_ARGS_PREFIX + n));
  }

  /**
   * The request with every record added since the last call, encoded into a spare buffer (or a
   * new one); starts the next request empty.
   */
  Encoded take() {
    int total = 0;
    for (Group g : groups) {
      total += ProtoWriter.lengthDelimitedSize(LogEncoding.REQUEST_RESOURCE_LOGS, resourceLogsSize(g));
    }
    ProtoWriter out = new ProtoWriter(buffer(total));
    for (Group g : groups) {
      out.lengthDelimited(LogEncoding.REQUEST_RESOURCE_LOGS, resourceLogsSize(g));
      out.bytesField(LogEncoding.RESOURCE_LOGS_RESOURCE, g.resource);
      out.lengthDelimited(LogEncoding.RESOURCE_LOGS_SCOPE_LOGS, scopeLogsSize(g));
      out.bytesField(LogEncoding.SCOPE_LOGS_SCOPE, scope);
      out.write(g.logs);
      g.resource = null;
      if (spare.size() < MAX_SPARE_GROUPS && spareGroupBytes + g.logs.capacity() <= MAX_SPARE_GROUP_BYTES) {
        g.logs.reset();
        spare.add(g);
        spareGroupBytes += g.logs.capacity();
      }
    }
    groups.clear();
    byResource.clear();
    records = 0;
    bytes = 0;
    return new Encoded(out.buffer(), out.size());
  }

  /** Gives the buffer of a request taken earlier back, once the request is answered. */
  void release(Encoded request) {
    spareBuffers.offer(request.buffer());
  }

  /** A spare buffer of at least {@code size} bytes; spare buffers too small are let go. */
  private byte[] buffer(int size) {
    byte[] b;
    while ((b = spareBuffers.poll()) != null) {
      if (b.length >= size) {
        return b;
      }
    }
    return new byte[(size + REQUEST_BUFFER_STEP - 1) / REQUEST_BUFFER_STEP * REQUEST_BUFFER_STEP];
  }

  private int scopeLogsSize(Group g) {
    return ProtoWriter.lengthDelimitedSize(LogEncoding.SCOPE_LOGS_SCOPE, scope.length) + g.logs.size();
  }

  private int resourceLogsSize(Group g) {
    return ProtoWriter.lengthDelimitedSize(LogEncoding.RESOURCE_LOGS_RESOURCE, g.resource.length)
        + ProtoWriter.lengthDelimitedSize(LogEncoding.RESOURCE_LOGS_SCOPE_LOGS, scopeLogsSize(g));
  }

  /** Forgets the records added since the last {@link #take}. */
  void clear() {
    release(take());
  }
}
