package io.sysotel.collector.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which metadata a pipeline publishes: the task's {@code meta} option, e.g. {@code
 * process.name+pod.min}. An empty selection publishes everything.
 */
public final class MetaSelection {

  /** A field that can be selected, named as in the selector syntax. */
  public enum Field {
    PROCESS_PID("process.pid"),
    PROCESS_PPID("process.ppid"),
    PROCESS_NAME("process.name"),
    PROCESS_CMD("process.cmd"),
    PROCESS_EXE("process.exe"),
    PROCESS_NS("process.ns"),
    PROCESS_STARTED_AT("process.startedAt"),
    CONTAINER_ID("container.id"),
    CONTAINER_NAME("container.name"),
    CONTAINER_LABELS("container.labels"),
    POD_ID("pod.id"),
    POD_NAME("pod.name"),
    POD_NAMESPACE("pod.namespace"),
    POD_LABELS("pod.labels");

    private final String selector;

    Field(String selector) {
      this.selector = selector;
    }

    public String selector() {
      return selector;
    }
  }

  public static final MetaSelection ALL = new MetaSelection(EnumSet.allOf(Field.class), "");

  private final Set<Field> fields;
  private final String text;

  private MetaSelection(Set<Field> fields, String text) {
    this.fields = fields;
    this.text = text;
  }

  /**
   * Parses a {@code +}-joined list of selectors: {@code process}, {@code container}, {@code pod}
   * (all their fields), {@code group.field}, or {@code pod.min} (name and namespace).
   *
   * @throws IllegalArgumentException naming the first unknown selector and the known ones
   */
  public static MetaSelection parse(String text) {
    if (text == null || text.isBlank()) {
      return ALL;
    }
    EnumSet<Field> fields = EnumSet.noneOf(Field.class);
    for (String raw : text.split("\\+", -1)) {
      String selector = raw.trim();
      if (selector.isEmpty()) {
        throw new IllegalArgumentException("empty selector in meta \"" + text + "\"");
      }
      List<Field> matched = resolve(selector);
      if (matched.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown meta selector \"" + selector + "\"; known: " + String.join(", ", known()));
      }
      fields.addAll(matched);
    }
    return new MetaSelection(fields, text.trim());
  }

  private static List<Field> resolve(String selector) {
    String s = selector.toLowerCase(Locale.ROOT);
    List<Field> out = new ArrayList<>();
    if (s.equals("pod.min")) {
      return List.of(Field.POD_NAME, Field.POD_NAMESPACE);
    }
    for (Field f : Field.values()) {
      String name = f.selector.toLowerCase(Locale.ROOT);
      if (name.equals(s) || name.startsWith(s + ".")) {
        out.add(f);
      }
    }
    return out;
  }

  /** Every selector the parser accepts. */
  public static List<String> known() {
    List<String> out = new ArrayList<>(List.of("process", "container", "pod", "pod.min"));
    for (Field f : Field.values()) {
      out.add(f.selector);
    }
    return out;
  }

  public boolean includes(Field field) {
    return fields.contains(field);
  }

  /** Equal when the same fields are selected, however the text spelled them. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MetaSelection other && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "(all)" : text;
  }
}
