package io.sysotel.exporters.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/**
 * One syscall as an OpenTelemetry log record: no severity and no span context (a syscall
 * belongs to no trace the collector knows of); the body is the rendered call.
 */
record SyscallLogRecord(
    Resource resource,
    InstrumentationScopeInfo scope,
    long timestampEpochNanos,
    long observedTimestampEpochNanos,
    String body,
    Attributes attributes)
    implements LogRecordData {

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public long getTimestampEpochNanos() {
    return timestampEpochNanos;
  }

  @Override
  public long getObservedTimestampEpochNanos() {
    return observedTimestampEpochNanos;
  }

  @Override
  public SpanContext getSpanContext() {
    return SpanContext.getInvalid();
  }

  @Override
  public Severity getSeverity() {
    return Severity.UNDEFINED_SEVERITY_NUMBER;
  }

  @Override
  public String getSeverityText() {
    return null;
  }

  /** Required by the interface; the exporters read {@link #getBodyValue}. */
  @Override
  @Deprecated
  public Body getBody() {
    return Body.string(body);
  }

  @Override
  public Value<?> getBodyValue() {
    return Value.of(body);
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return attributes.size();
  }
}
