package io.sysotel.exporters.json;

import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.MetaSelection.Field;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.api.UserBytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one syscall as one JSON message line, in the seed's shape:
 *
 * <pre>{"data":[{"data":{"args":[{"name":"fd","value":1}],"function":"write","process":{...}},
 * "type":"syscalls"}],"src":{...},"timestamp":"2023-12-11T22:03:59.277299703Z"}</pre>
 *
 * Keys are in the seed's order (alphabetical, {@code agentID} last in {@code src}); null fields
 * and empty objects are left out. Integer arguments are printed as signed 64-bit numbers, so
 * {@code AT_FDCWD} reads -100. The rendered {@code process} and {@code src} objects are cached
 * per instance, so a message costs its arguments, function and timestamp. Not thread-safe.
 */
final class JsonEventWriter {

  static final int DEFAULT_PROCESS_CACHE_SIZE = 1024;
  private static final int SOURCE_CACHE_SIZE = 16;
  private static final int MAX_CACHED_SYSCALL = 1024;

  private static final byte[] START = ascii("{\"data\":[{\"data\":{");
  private static final byte[] ARGS_START = ascii("\"args\":[");
  private static final byte[] ARG_NAME = ascii("{\"name\":");
  private static final byte[] ARG_VALUE = ascii(",\"value\":");
  private static final byte[] ARGS_END = ascii("],");
  private static final byte[] FUNCTION = ascii("\"function\":");
  private static final byte[] TYPE_AND_SRC = ascii("},\"type\":\"syscalls\"}],\"src\":");
  private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
  private static final byte[] END = ascii("\"}\n");
  private static final byte[] NULL = ascii("null");

  private final Rfc3339 timestamps = new Rfc3339();
  private final RenderCache processes;
  private final RenderCache sources = new RenderCache(SOURCE_CACHE_SIZE);
  // Rendered function and argument-name fragments by syscall number (numbers are small), each
  // kept with the name it renders: names come from one table, so a hit is one identity check.
  private final String[] functionKeys = new String[MAX_CACHED_SYSCALL];
  private final byte[][] functions = new byte[MAX_CACHED_SYSCALL][];
  private final String[][] argumentKeys = new String[MAX_CACHED_SYSCALL][];
  private final byte[][][] argumentNames = new byte[MAX_CACHED_SYSCALL][][];
  // The last process and source rendered: consecutive records mostly share both.
  private ProcessInfo lastProcess;
  private MetaSelection lastMeta;
  private byte[] lastProcessFragment;
  private Source lastSource;
  private byte[] lastSourceObject;
  private final JsonBytes scratch = new JsonBytes(512);

  JsonEventWriter() {
    this(DEFAULT_PROCESS_CACHE_SIZE);
  }

  JsonEventWriter(int processCacheSize) {
    processes = new RenderCache(processCacheSize);
  }

  /** Appends the message for {@code record} and a newline to {@code out}. */
  void write(JsonBytes out, Source source, MetaSelection meta, boolean compact, SyscallRecord record) {
    out.raw(START);
    if (!compact) {
      writeArgs(out, record.syscallId(), record.args());
    }
    out.raw(functionFragment(record.syscallId(), record.function()));
    out.raw(processFragment(record.process(), meta));
    out.raw(TYPE_AND_SRC).raw(sourceObject(source));
    out.raw(TIMESTAMP);
    timestamps.writeNanos(out, record.timeUnixNanos());
    out.raw(END);
  }

  private byte[] functionFragment(int syscall, String function) {
    if (syscall < 0 || syscall >= MAX_CACHED_SYSCALL) {
      return new JsonBytes(32).raw(FUNCTION).string(function).toByteArray();
    }
    if (functionKeys[syscall] != function) {
      functions[syscall] = new JsonBytes(32).raw(FUNCTION).string(function).toByteArray();
      functionKeys[syscall] = function;
    }
    return functions[syscall];
  }

  /** {@code {"name":"fd","value":} for argument {@code index} of a syscall. */
  private byte[] argumentFragment(int syscall, int index, String name) {
    if (syscall < 0 || syscall >= MAX_CACHED_SYSCALL || index >= 6) {
      return new JsonBytes(32).raw(ARG_NAME).string(name).raw(ARG_VALUE).toByteArray();
    }
    if (argumentKeys[syscall] == null) {
      argumentKeys[syscall] = new String[6];
      argumentNames[syscall] = new byte[6][];
    }
    if (argumentKeys[syscall][index] != name) {
      argumentNames[syscall][index] = new JsonBytes(32).raw(ARG_NAME).string(name).raw(ARG_VALUE).toByteArray();
      argumentKeys[syscall][index] = name;
    }
    return argumentNames[syscall][index];
  }

  private void writeArgs(JsonBytes out, int syscall, List<Argument> args) {
    out.raw(ARGS_START);
    if (args instanceof Arguments decoded) {
      // The common case: integers written without boxing.
      for (int i = 0, n = decoded.size(); i < n; i++) {
        if (i > 0) {
          out.raw((byte) ',');
        }
        out.raw(argumentFragment(syscall, i, decoded.name(i)));
        if (decoded.isNumber(i)) {
          out.number(decoded.number(i));
        } else if (decoded.isAddress(i)) {
          out.address(decoded.raw(i));
        } else {
          writeValue(out, decoded.value(i));
        }
        out.raw((byte) '}');
      }
      out.raw(ARGS_END);
      return;
    }
    for (int i = 0, n = args.size(); i < n; i++) {
      Argument arg = args.get(i);
      if (i > 0) {
        out.raw((byte) ',');
      }
      out.raw(ARG_NAME).string(arg.name()).raw(ARG_VALUE);
      writeValue(out, arg.value());
      out.raw((byte) '}');
    }
    out.raw(ARGS_END);
  }

  private static void writeValue(JsonBytes out, Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.number(((Number) value).longValue());
    } else if (value instanceof UserBytes u) {
      out.straceString(u);
    } else if (value instanceof String s) {
      out.string(s);
    } else if (value == null) {
      out.raw(NULL);
    } else if (value instanceof BigInteger b) {
      out.raw(ascii(b.toString()));
    } else {
      out.string(String.valueOf(value));
    }
  }

  /** {@code ,"process":{...}}, or nothing when the selection leaves the object empty. */
  private byte[] processFragment(ProcessInfo process, MetaSelection meta) {
    if (process == lastProcess && meta == lastMeta && lastProcessFragment != null) {
      return lastProcessFragment;
    }
    byte[] cached = processes.get(process, meta);
    if (cached == null) {
      cached = renderProcess(process, meta);
      processes.put(process, meta, cached);
    }
    lastProcess = process;
    lastMeta = meta;
    lastProcessFragment = cached;
    return cached;
  }

  private byte[] renderProcess(ProcessInfo p, MetaSelection meta) {
    if (p == null) {
      return new byte[0];
    }
    scratch.reset();
    ObjectWriter o = new ObjectWriter(scratch);
    o.string(meta.includes(Field.PROCESS_CMD), "cmd", p.cmd());
    if (p.container() != null) {
      o.fragment("container", renderContainer(p.container(), meta));
    }
    o.string(meta.includes(Field.PROCESS_EXE), "exe", p.exe());
    o.string(meta.includes(Field.PROCESS_NAME), "name", p.name());
    o.string(meta.includes(Field.PROCESS_NS), "ns", p.ns());
    if (meta.includes(Field.PROCESS_PID)) {
      o.key("pid").number(p.pid());
    }
    if (p.pod() != null) {
      o.fragment("pod", renderPod(p.pod(), meta));
    }
    if (meta.includes(Field.PROCESS_PPID)) {
      o.key("ppid").number(p.ppid());
    }
    if (meta.includes(Field.PROCESS_STARTED_AT) && p.startTimeUnixNanos() > 0) {
      Rfc3339.writeSeconds(o.key("startedAt").raw((byte) '"'), p.startTimeUnixNanos());
      scratch.raw((byte) '"');
    }
    if (o.isEmpty()) {
      return new byte[0];
    }
    o.end();
    byte[] object = scratch.toByteArray();
    return new JsonBytes(object.length + 12).raw(ascii(",\"process\":")).raw(object).toByteArray();
  }

  private static byte[] renderContainer(ContainerInfo c, MetaSelection meta) {
    JsonBytes out = new JsonBytes(128);
    ObjectWriter o = new ObjectWriter(out);
    o.string(meta.includes(Field.CONTAINER_ID), "id", c.id());
    if (meta.includes(Field.CONTAINER_LABELS)) {
      writeLabels(o, c.labels());
    }
    o.string(meta.includes(Field.CONTAINER_NAME), "name", c.name());
    return o.isEmpty() ? null : o.end().toByteArray();
  }

  private static byte[] renderPod(PodInfo p, MetaSelection meta) {
    JsonBytes out = new JsonBytes(128);
    ObjectWriter o = new ObjectWriter(out);
    o.string(meta.includes(Field.POD_ID), "id", p.uid());
    if (meta.includes(Field.POD_LABELS)) {
      writeLabels(o, p.labels());
    }
    o.string(meta.includes(Field.POD_NAME), "name", p.name());
    o.string(meta.includes(Field.POD_NAMESPACE), "namespace", p.namespace());
    return o.isEmpty() ? null : o.end().toByteArray();
  }

  /** Labels as an object with sorted keys, so equal label sets render equally. */
  private static void writeLabels(ObjectWriter o, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return;
    }
    JsonBytes out = new JsonBytes(64);
    ObjectWriter inner = new ObjectWriter(out);
    new TreeMap<>(labels).forEach((k, v) -> inner.string(true, k, v));
    o.fragment("labels", inner.end().toByteArray());
  }

  private byte[] sourceObject(Source source) {
    if (source == lastSource) {
      return lastSourceObject;
    }
    byte[] cached = sources.get(source, null);
    if (cached == null) {
      JsonBytes out = new JsonBytes(256);
      ObjectWriter o = new ObjectWriter(out);
      o.string(true, "directiveID", source.directiveId());
      o.string(true, "hostname", source.hostname());
      o.string(true, "instanceID", source.instanceId());
      o.string(true, "name", source.name());
      o.string(true, "agentID", source.agentId());
      cached = o.end().toByteArray();
      sources.put(source, null, cached);
    }
    lastSource = source;
    lastSourceObject = cached;
    return cached;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes the members of one object, with commas, leaving out nulls. Used only when rendering caches. */
  private static final class ObjectWriter {
    private final JsonBytes out;
    private boolean empty = true;

    ObjectWriter(JsonBytes out) {
      this.out = out;
    }

    JsonBytes key(String name) {
      out.raw((byte) (empty ? '{' : ','));
      empty = false;
      return out.string(name).raw((byte) ':');
    }

    void string(boolean selected, String name, String value) {
      if (selected && value != null) {
        key(name).string(value);
      }
    }

    void fragment(String name, byte[] object) {
      if (object != null) {
        key(name).raw(object);
      }
    }

    boolean isEmpty() {
      return empty;
    }

    JsonBytes end() {
      if (empty) {
        out.raw((byte) '{');
      }
      return out.raw((byte) '}');
    }
  }
}
