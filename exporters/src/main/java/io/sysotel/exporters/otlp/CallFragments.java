package io.sysotel.exporters.otlp;

import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.UserBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a decoded call's body ({@code write(fd=1, buf="+", count=1)}, as {@link CallBody}
 * renders it) and its {@code syscall.args.*} attributes straight into a request, from byte
 * fragments encoded once per syscall: the function with its parenthesis, its {@code
 * syscall.function} and {@code syscall.id} attributes, each argument's {@code name=} and its
 * attribute key. Not thread-safe.
 */
final class CallFragments {

  private static final int MAX_CACHED_SYSCALL = 1024;

  /** The fragments of one syscall, kept with the names they were encoded from. */
  private static final class Call {
    final String function;
    final byte[] open;
    /** The {@code syscall.function} and {@code syscall.id} attributes, as fields of a log record. */
    final byte[] identity;
    String[] names = new String[6];
    byte[][] prefixes = new byte[6][];
    byte[][] keys = new byte[6][];

    Call(int syscall, String function) {
      this.function = function;
      this.open = (function + "(").getBytes(StandardCharsets.UTF_8);
      ProtoWriter w = new ProtoWriter(64);
      LogEncoding.attribute(w, LogEncoding.LOG_ATTRIBUTES, FUNCTION_KEY, function);
      LogEncoding.attribute(w, LogEncoding.LOG_ATTRIBUTES, ID_KEY, syscall);
      this.identity = w.toByteArray();
    }
  }

  private static final byte[] FUNCTION_KEY = LogEncoding.key(LogsRequest.SYSCALL_FUNCTION);
  private static final byte[] ID_KEY = LogEncoding.key(LogsRequest.SYSCALL_ID);

  private final Call[] calls = new Call[MAX_CACHED_SYSCALL];

  /** Writes the record's {@code syscall.function} and {@code syscall.id} attributes. */
  void identity(ProtoWriter w, int syscall, String function) {
    byte[] fields = call(syscall, function).identity;
    w.write(fields, 0, fields.length);
  }

  /** Writes the body text (the content of an AnyValue string field). */
  void body(ProtoWriter w, int syscall, String function, Arguments args) {
    Call c = call(syscall, function);
    w.write(c.open, 0, c.open.length);
    for (int i = 0, n = args.size(); i < n; i++) {
      byte[] prefix = fragment(c, i, args.name(i)).prefixes[i];
      w.write(prefix, 0, prefix.length);
      if (args.isNumber(i)) {
        w.decimal(args.number(i));
      } else if (args.isAddress(i)) {
        w.address(args.raw(i));
      } else if (args.value(i) instanceof UserBytes b) {
        w.strace(b, true);
      } else {
        w.text(args.value(i).toString());
      }
    }
    w.raw((byte) ')');
  }

  /** Writes one {@code syscall.args.<name>} attribute per argument, integers typed. */
  void attributes(ProtoWriter w, int field, int syscall, String function, Arguments args) {
    Call c = call(syscall, function);
    for (int i = 0, n = args.size(); i < n; i++) {
      byte[] key = fragment(c, i, args.name(i)).keys[i];
      if (args.isNumber(i)) {
        LogEncoding.attribute(w, field, key, args.number(i));
      } else if (args.isAddress(i)) {
        LogEncoding.addressAttribute(w, field, key, args.raw(i));
      } else if (args.value(i) instanceof UserBytes b) {
        LogEncoding.attribute(w, field, key, b);
      } else {
        // flags, addresses and arrays in strace's notation
        LogEncoding.attribute(w, field, key, args.value(i).toString());
      }
    }
  }

  private Call call(int syscall, String function) {
    if (syscall < 0 || syscall >= MAX_CACHED_SYSCALL) {
      return new Call(syscall, function);
    }
    Call c = calls[syscall];
    if (c == null || c.function != function) {
      c = calls[syscall] = new Call(syscall, function);
    }
    return c;
  }

  /** {@code c} with the fragments of argument {@code i} named {@code name}. */
  private static Call fragment(Call c, int i, String name) {
    if (i >= c.names.length) {
      c.names = Arrays.copyOf(c.names, i + 1);
      c.prefixes = Arrays.copyOf(c.prefixes, i + 1);
      c.keys = Arrays.copyOf(c.keys, i + 1);
    }
    if (c.names[i] != name) {
      c.prefixes[i] = ((i == 0 ? "" : ", ") + name + "=").getBytes(StandardCharsets.UTF_8);
      c.keys[i] = LogEncoding.key(LogsRequest.SYSCALL_ARGS_PREFIX + name);
      c.names[i] = name;
    }
    return c;
  }
}
