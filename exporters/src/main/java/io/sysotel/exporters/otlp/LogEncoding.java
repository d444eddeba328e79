package io.sysotel.exporters.otlp;

import io.sysotel.collector.api.UserBytes;
/**
 * Field numbers of the OTLP log messages (opentelemetry-proto {@code logs/v1}, {@code
 * common/v1}, {@code collector/logs/v1}) and writers of their common pieces. The tests check the
 * encoding by parsing it with the official generated classes.
 */
final class LogEncoding {

  static final int REQUEST_RESOURCE_LOGS = 1;
  static final int RESOURCE_LOGS_RESOURCE = 1;
  static final int RESOURCE_LOGS_SCOPE_LOGS = 2;
  static final int SCOPE_LOGS_SCOPE = 1;
  static final int SCOPE_LOGS_LOG_RECORDS = 2;
  static final int SCOPE_NAME = 1;
  static final int SCOPE_VERSION = 2;
  static final int LOG_TIME_UNIX_NANO = 1;
  static final int LOG_BODY = 5;
  static final int LOG_ATTRIBUTES = 6;
  static final int LOG_OBSERVED_TIME_UNIX_NANO = 11;
  private static final int KEY_VALUE_KEY = 1;
  private static final int KEY_VALUE_VALUE = 2;
  static final int ANY_VALUE_STRING = 1;
  private static final int ANY_VALUE_INT = 3;

  private LogEncoding() {}

  /** A KeyValue field with a string value whose key field was encoded before ({@link #key}). */
  static void attribute(ProtoWriter out, int field, byte[] key, CharSequence value) {
    int kv = out.begin(field);
    out.write(key, 0, key.length);
    int v = out.begin(KEY_VALUE_VALUE);
    out.stringField(ANY_VALUE_STRING, value);
    out.end(v);
    out.end(kv);
  }

  /** A KeyValue field with process bytes as their escaped text ({@link UserBytes#toString()}). */
  static void attribute(ProtoWriter out, int field, byte[] key, UserBytes value) {
    int kv = out.begin(field);
    out.write(key, 0, key.length);
    int v = out.begin(KEY_VALUE_VALUE);
    int s = out.begin(ANY_VALUE_STRING);
    out.strace(value, false);
    out.end(s);
    out.end(v);
    out.end(kv);
  }

  /** A KeyValue field with an address as its text ({@code 0x7ffd1000}). */
  static void addressAttribute(ProtoWriter out, int field, byte[] key, long address) {
    int kv = out.begin(field);
    out.write(key, 0, key.length);
    int v = out.begin(KEY_VALUE_VALUE);
    int s = out.begin(ANY_VALUE_STRING);
    out.address(address);
    out.end(s);
    out.end(v);
    out.end(kv);
  }

  /** A KeyValue field with an integer value whose key field was encoded before ({@link #key}). */
  static void attribute(ProtoWriter out, int field, byte[] key, long value) {
    int kv = out.begin(field);
    out.write(key, 0, key.length);
    int v = out.begin(KEY_VALUE_VALUE);
    out.varintField(ANY_VALUE_INT, value);
    out.end(v);
    out.end(kv);
  }

  /** The key field of a KeyValue, encoded once for {@link #attribute(ProtoWriter, int, byte[], long)}. */
  static byte[] key(String key) {
    ProtoWriter w = new ProtoWriter(key.length() + 4);
    w.stringField(KEY_VALUE_KEY, key);
    return w.toByteArray();
  }

  /** An InstrumentationScope message. */
  static byte[] scope(String name, String version) {
    ProtoWriter w = new ProtoWriter(64);
    w.stringField(SCOPE_NAME, name);
    if (version != null) {
      w.stringField(SCOPE_VERSION, version);
    }
    return w.toByteArray();
  }
}
