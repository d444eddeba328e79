package io.sysotel.exporters.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.SyscallRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns syscall records into OpenTelemetry log records: timestamp = the kernel's event time,
 * observed timestamp = when mapped, body = the call as strace prints it, attributes under
 * {@code syscall.*} (arguments typed: integers as ints, text as strings) and the pipeline id,
 * resource = the process (see {@link ProcessResources}). Not thread-safe: the exporter calls it
 * from its one thread.
 */
final class LogRecordMapper {

  static final String SCOPE_NAME = "io.sysotel";
  static final AttributeKey<String> SYSCALL_FUNCTION = AttributeKey.stringKey("syscall.function");
  static final AttributeKey<Long> SYSCALL_ID = AttributeKey.longKey("syscall.id");
  static final AttributeKey<Long> SYSCALL_THREAD_ID = AttributeKey.longKey("syscall.thread.id");
  static final String SYSCALL_ARGS_PREFIX = "syscall.args.";
  static final AttributeKey<String> SYSOTEL_PIPELINE = AttributeKey.stringKey("sysotel.pipeline");

  private final InstrumentationScopeInfo scope;
  private final ProcessResources resources;
  private final Clock clock;
  private final CallBody body = new CallBody();
  /** Keys per argument name; names come from the syscall table, so the maps stay small. */
  private final Map<String, AttributeKey<Long>> longKeys = new HashMap<>();
  private final Map<String, AttributeKey<String>> stringKeys = new HashMap<>();

  LogRecordMapper(String serviceName, Clock clock) {
    this.resources = new ProcessResources(serviceName, ProcessResources.DEFAULT_CAPACITY);
    this.clock = clock;
    this.scope = scope(LogRecordMapper.class.getPackage().getImplementationVersion());
  }

  static InstrumentationScopeInfo scope(String version) {
    return version == null
        ? InstrumentationScopeInfo.create(SCOPE_NAME)
        : InstrumentationScopeInfo.builder(SCOPE_NAME).setVersion(version).build();
  }

  /** The batch's records, in order. */
  List<LogRecordData> map(ExportBatch batch) {
    List<SyscallRecord> records = batch.records();
    List<LogRecordData> out = new ArrayList<>(records.size());
    long observed = clock.now();
    for (SyscallRecord r : records) {
      out.add(map(batch, r, observed));
    }
    return out;
  }

  LogRecordData map(ExportBatch batch, SyscallRecord r, long observedEpochNanos) {
    Resource resource = resources.get(r.process(), batch.meta(), batch.source());
    AttributesBuilder a = Attributes.builder()
        .put(SYSCALL_FUNCTION, r.function())
        .put(SYSCALL_ID, (long) r.syscallId())
        .put(SYSCALL_THREAD_ID, (long) r.tid());
    if (!batch.compact()) {
      arguments(a, r.args());
    }
    if (batch.source().directiveId() != null) {
      a.put(SYSOTEL_PIPELINE, batch.source().directiveId());
    }
    return new SyscallLogRecord(
        resource,
        scope,
        r.timeUnixNanos(),
        observedEpochNanos,
        body.render(r.function(), r.args(), batch.compact()),
        a.build());
  }

  private void arguments(AttributesBuilder a, List<Argument> args) {
    if (args instanceof Arguments decoded) {
      for (int i = 0, n = decoded.size(); i < n; i++) {
        if (decoded.isNumber(i)) {
          a.put(longKey(decoded.name(i)), decoded.number(i));
        } else {
          // strings and buffers as their escaped text; flags, addresses and arrays in strace's notation
          a.put(stringKey(decoded.name(i)), decoded.value(i).toString());
        }
      }
      return;
    }
    for (Argument arg : args) {
      Object v = arg.value();
      if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        a.put(longKey(arg.name()), ((Number) v).longValue());
      } else if (v != null) {
        a.put(stringKey(arg.name()), v.toString());
      }
    }
  }

  private AttributeKey<Long> longKey(String name) {
    return longKeys.computeIfAbsent(name, n -> AttributeKey.longKey(SYSCALL_ARGS_PREFIX + n));
  }

  private AttributeKey<String> stringKey(String name) {
    return stringKeys.computeIfAbsent(name, n -> AttributeKey.stringKey(SYSCALL_ARGS_PREFIX + n));
  }
}
