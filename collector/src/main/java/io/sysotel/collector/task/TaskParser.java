package io.sysotel.collector.task;

import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.demo.Simulation;
import io.sysotel.collector.syscalls.CapabilityShorthands;
import io.sysotel.collector.syscalls.SyscallSet;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.util.Durations;
import io.sysotel.collector.util.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the options of a {@code syscalls} task, given either as one line ({@code
 * syscalls|functions:read+write;compact:true}) or as the map YAML gives for a pipeline's {@code
 * syscalls:} block. Both forms go through the same checks and give equal {@link TaskSpec}s.
 *
 * <p>Option keys are case-sensitive, as the reference product spells them: {@code demointerval}
 * is an unknown option whose error suggests {@code demoInterval}, so every config spells a key
 * one way.
 */
public final class TaskParser {

  public static final String TASK_NAME = "syscalls";
  static final List<String> KEYS =
      List.of("functions", "capabilities", "compact", "meta", "demo", "demoInterval", "maxStringBytes",
          "maxBufferBytes", "maxArrayElements");

  private final SyscallTable table;
  private final Path workingDirectory;
  private final InputStream stdin;

  /**
   * @param workingDirectory where {@code @file} names are resolved when relative
   * @param stdin what {@code @-} reads
   */
  public TaskParser(SyscallTable table, Path workingDirectory, InputStream stdin) {
    this.table = table;
    this.workingDirectory = workingDirectory;
    this.stdin = stdin;
  }

  /** A parser for this machine's syscalls, this process's directory and standard input. */
  public static TaskParser forThisProcess() {
    return new TaskParser(SyscallTable.x86_64(), Path.of("").toAbsolutePath(), System.in);
  }

  /** One option as written; columns are 1-based in the one-line form and 0 in the map form. */
  private record Option(String key, Object value, int keyColumn, int valueColumn) {}

  /** A name from a list, with where it came from for messages. */
  private record Name(String text, int column, String origin) {}

  /**
   * Parses {@code syscalls|key:value;key:value...}.
   *
   * @throws TaskException with every problem found
   */
  public TaskSpec parse(String task) {
    List<Problem> problems = new ArrayList<>();
    int bar = task.indexOf('|');
    String name = (bar < 0 ? task : task.substring(0, bar)).trim();
    if (!name.equals(TASK_NAME)) {
      problems.add(
          new Problem(
              "task",
              1,
              "unknown task \""
                  + name
                  + "\""
                  + Suggestions.didYouMean(name, List.of(TASK_NAME))
                  + " (expected syscalls|option:value;...)"));
    }
    List<Option> options = new ArrayList<>();
    int start = bar + 1;
    while (bar >= 0 && start <= task.length()) {
      int end = task.indexOf(';', start);
      end = end < 0 ? task.length() : end;
      String segment = task.substring(start, end);
      if (!segment.isBlank()) {
        int keyStart = start + leadingSpaces(segment);
        int colon = segment.indexOf(':');
        if (colon < 0) {
          problems.add(
              new Problem(segment.trim(), keyStart + 1, "expected key:value, e.g. functions:read"));
        } else {
          String value = segment.substring(colon + 1);
          int valueStart = start + colon + 1 + leadingSpaces(value);
          String key = segment.substring(0, colon).trim();
          options.add(new Option(key, value.trim(), keyStart + 1, valueStart + 1));
        }
      }
      start = end + 1;
    }
    return resolve(options, problems);
  }

  /**
   * Parses the map YAML gives for a {@code syscalls:} block: lists, strings, booleans and
   * integers as Jackson reads them.
   *
   * @throws TaskException with every problem found
   */
  public TaskSpec parse(Map<String, ?> options) {
    List<Option> list = new ArrayList<>();
    options.forEach((key, value) -> list.add(new Option(key, value, 0, 0)));
    return resolve(list, new ArrayList<>());
  }

  private static int leadingSpaces(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private TaskSpec resolve(List<Option> options, List<Problem> problems) {
    Map<String, Option> byKey = new LinkedHashMap<>();
    for (Option o : options) {
      if (!KEYS.contains(o.key())) {
        problems.add(
            new Problem(
                o.key(),
                o.keyColumn(),
                "unknown option \""
                    + o.key()
                    + "\""
                    + Suggestions.didYouMean(o.key(), KEYS)
                    + " (options: "
                    + String.join(", ", KEYS)
                    + ")"));
      } else if (byKey.putIfAbsent(o.key(), o) != null) {
        problems.add(new Problem(o.key(), o.keyColumn(), "given twice"));
      }
    }
    Draft d = new Draft(problems);
    byKey.values().forEach(o -> read(o, d));
    if (!byKey.containsKey("functions") && !byKey.containsKey("capabilities")) {
      problems.add(new Problem("task", 0, "name the syscalls to trace with functions, capabilities or both"));
    }
    if (!problems.isEmpty()) {
      throw new TaskException(problems);
    }
    if (d.all) {
      table.all().forEach(s -> d.numbers.set(s.number()));
    }
    return d.build();
  }

  private void read(Option o, Draft d) {
    if (o.value() == null) {
      d.problem(o, o.keyColumn(), "needs a value");
      return;
    }
    switch (o.key()) {
      case "functions" -> functions(o, d);
      case "capabilities" -> capabilities(o, d);
      case "compact" -> compact(o, d);
      case "meta" -> meta(o, d);
      case "demo" -> demo(o, d);
      case "demoInterval" -> demoInterval(o, d);
      case "maxStringBytes" -> d.maxStringBytes = limit(o, d, ArgumentLimits.MAX_STRING_BYTES, d.maxStringBytes);
      case "maxBufferBytes" -> d.maxBufferBytes = limit(o, d, ArgumentLimits.MAX_BUFFER_BYTES, d.maxBufferBytes);
      case "maxArrayElements" ->
          d.maxArrayElements = limit(o, d, ArgumentLimits.MAX_ARRAY_ELEMENTS, d.maxArrayElements);
      default -> throw new IllegalStateException("unhandled option " + o.key());
    }
  }

  private void functions(Option o, Draft d) {
    List<Name> names = names(o, d);
    Name file = names.stream().filter(n -> n.text().startsWith("@")).findFirst().orElse(null);
    if (file != null) {
      if (o.value() instanceof List<?>) {
        d.problem(o, file.column(), "a list cannot hold " + file.text() + "; write functions: \""
            + file.text() + "\" to read names from a file, or list names; use one or the other");
        return;
      }
      if (names.size() > 1) {
        d.problem(o, file.column(), "reads names from " + file.text()
            + " and lists names too; use one or the other");
        return;
      }
      names = readNames(file, o, d);
      if (names == null) {
        return;
      }
      if (names.isEmpty()) {
        d.problem(o, file.column(), file.text() + " names no syscalls");
      }
    }
    for (Name n : names) {
      if (n.text().equalsIgnoreCase("ALL")) {
        d.all = true;
        continue;
      }
      var syscall = table.byName(n.text());
      if (syscall.isPresent()) {
        d.numbers.set(syscall.get().number());
        d.functions.add(n.text());
      } else {
        d.problem(o, n.column(), n.origin() + table.unknown(n.text()).getMessage());
      }
    }
  }

  /** The names of a {@code +}-joined string or a YAML list, with their columns. */
  private static List<Name> names(Option o, Draft d) {
    List<Name> names = new ArrayList<>();
    boolean empty =
        o.value() instanceof String s && s.isBlank() || o.value() instanceof List<?> l && l.isEmpty();
    if (empty) {
      d.problem(o, o.valueColumn(), "names nothing");
      return List.of();
    }
    if (o.value() instanceof String s) {
      int offset = 0;
      for (String piece : s.split("\\+", -1)) {
        int column = o.valueColumn() == 0 ? 0 : o.valueColumn() + offset + leadingSpaces(piece);
        names.add(new Name(piece.trim(), column, ""));
        offset += piece.length() + 1;
      }
    } else if (o.value() instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String s) {
          names.add(new Name(s.trim(), 0, ""));
        } else {
          d.problem(o, 0, "expected names, got " + item);
        }
      }
    } else {
      d.problem(o, o.valueColumn(), "expected a list of names or a string like read+write, got "
          + o.value());
      return List.of();
    }
    for (Name n : names) {
      if (n.text().isEmpty()) {
        d.problem(o, n.column(), "empty name");
      }
    }
    return names.stream().filter(n -> !n.text().isEmpty()).toList();
  }

  /**
   * Names from {@code @path} or {@code @-}: separated by {@code +} or white space, {@code #}
   * starting a comment. Null when the source cannot be read.
   */
  private List<Name> readNames(Name file, Option o, Draft d) {
    String source = file.text().substring(1).trim();
    String text;
    try {
      if (source.isEmpty()) {
        d.problem(o, file.column(), "@ needs a file name, or - for standard input");
        return null;
      } else if (source.equals("-")) {
        source = "stdin";
        text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      } else {
        text = Files.readString(workingDirectory.resolve(source));
      }
    } catch (NoSuchFileException e) {
      d.problem(o, file.column(), "cannot read " + source + ": no such file");
      return null;
    } catch (IOException e) {
      d.problem(o, file.column(), "cannot read " + source + ": " + e.getMessage());
      return null;
    }
    List<Name> names = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      for (String token : (hash < 0 ? line : line.substring(0, hash)).split("[+\\s]+")) {
        if (!token.isEmpty()) {
          names.add(new Name(token, file.column(), source + ":" + (i + 1) + ": "));
        }
      }
    }
    return names;
  }

  private void capabilities(Option o, Draft d) {
    for (Name n : names(o, d)) {
      var shorthand = CapabilityShorthands.lookup(n.text());
      if (shorthand.isEmpty()) {
        d.problem(o, n.column(), CapabilityShorthands.unsupported(n.text()).getMessage());
        continue;
      }
      d.capabilities.add(shorthand.get().capability());
      for (String f : shorthand.get().functions()) {
        table.byName(f).ifPresent(s -> d.numbers.set(s.number()));
      }
    }
  }

  private static void compact(Option o, Draft d) {
    if (o.value() instanceof Boolean b) {
      d.compact = b;
    } else if ("true".equalsIgnoreCase(String.valueOf(o.value()))) {
      d.compact = true;
    } else if ("false".equalsIgnoreCase(String.valueOf(o.value()))) {
      d.compact = false;
    } else {
      d.problem(o, o.valueColumn(), "expected true or false, got \"" + o.value() + "\"");
    }
  }

  private static void meta(Option o, Draft d) {
    if (!(o.value() instanceof String s)) {
      d.problem(o, o.valueColumn(), "expected selectors such as process.name+pod.min");
      return;
    }
    try {
      d.meta = MetaSelection.parse(s);
    } catch (IllegalArgumentException e) {
      d.problem(o, o.valueColumn(), e.getMessage());
    }
  }

  private static void demo(Option o, Draft d) {
    try {
      d.demo = Simulation.parse(String.valueOf(o.value()));
    } catch (IllegalArgumentException e) {
      d.problem(o, o.valueColumn(), e.getMessage());
    }
  }

  private static void demoInterval(Option o, Draft d) {
    Duration interval = null;
    if (o.value() instanceof Integer || o.value() instanceof Long) {
      interval = Duration.ofSeconds(((Number) o.value()).longValue());
    } else if (o.value() instanceof String s) {
      interval = Durations.parse(s).orElse(null);
    }
    if (interval == null) {
      d.problem(o, o.valueColumn(),
          "expected seconds or a duration like 10s or 500ms, got \"" + o.value() + "\"");
    } else if (interval.isZero()) {
      d.problem(o, o.valueColumn(), "must be more than zero");
    } else {
      d.demoInterval = interval;
    }
  }

  /** A capture limit: a whole number from 0 to {@code max}; the old value when it is not. */
  private static int limit(Option o, Draft d, int max, int old) {
    long value;
    if (o.value() instanceof Integer || o.value() instanceof Long) {
      value = ((Number) o.value()).longValue();
    } else {
      try {
        value = Long.parseLong(String.valueOf(o.value()).trim());
      } catch (NumberFormatException e) {
        d.problem(o, o.valueColumn(), "expected a whole number from 0 to " + max + ", got \"" + o.value() + "\"");
        return old;
      }
    }
    if (value < 0 || value > max) {
      d.problem(o, o.valueColumn(), "must be 0 to " + max + ", got " + value);
      return old;
    }
    return (int) value;
  }

  /** What the options said so far, and what was wrong with them. */
  private static final class Draft {
    final List<Problem> problems;
    final BitSet numbers = new BitSet();
    final Set<String> functions = new LinkedHashSet<>();
    final Set<String> capabilities = new LinkedHashSet<>();
    boolean all;
    boolean compact;
    MetaSelection meta = MetaSelection.ALL;
    Simulation demo;
    Duration demoInterval = TaskSpec.DEFAULT_DEMO_INTERVAL;
    int maxStringBytes = ArgumentLimits.DEFAULTS.maxStringBytes();
    int maxBufferBytes = ArgumentLimits.DEFAULTS.maxBufferBytes();
    int maxArrayElements = ArgumentLimits.DEFAULTS.maxArrayElements();

    Draft(List<Problem> problems) {
      this.problems = problems;
    }

    void problem(Option o, int column, String message) {
      problems.add(new Problem(o.key(), column, message));
    }

    TaskSpec build() {
      return new TaskSpec(
          SyscallSet.of(numbers),
          all,
          List.copyOf(functions),
          List.copyOf(capabilities),
          compact,
          meta,
          demo,
          demoInterval,
          new ArgumentLimits(maxStringBytes, maxBufferBytes, maxArrayElements));
    }
  }
}
