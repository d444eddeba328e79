package io.sysotel.collector.conditions;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.PodInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a condition term can look at, named as in the condition text. */
public enum ConditionKey {
  PROCESS_PID("process.pid", Group.PROCESS, Kind.PID, true),
  PROCESS_NAME("process.name", Group.PROCESS, Kind.TEXT, true),
  PROCESS_CMD("process.cmd", Group.PROCESS, Kind.TEXT, false),
  PROCESS_EXE("process.exe", Group.PROCESS, Kind.TEXT, false),
  PROCESS_CAPINH("process.capinh", Group.PROCESS, Kind.CAPABILITIES, true),
  PROCESS_CAPPRM("process.capprm", Group.PROCESS, Kind.CAPABILITIES, true),
  PROCESS_CAPEFF("process.capeff", Group.PROCESS, Kind.CAPABILITIES, true),
  PROCESS_CAPBND("process.capbnd", Group.PROCESS, Kind.CAPABILITIES, true),
  PROCESS_CAPAMB("process.capamb", Group.PROCESS, Kind.CAPABILITIES, true),
  CONTAINER_ID("container.id", Group.CONTAINER, Kind.TEXT, false),
  CONTAINER_NAME("container.name", Group.CONTAINER, Kind.TEXT, false),
  CONTAINER_LABEL("container.label", Group.CONTAINER, Kind.LABELS, false),
  POD_ID("pod.id", Group.POD, Kind.TEXT, false),
  POD_NAME("pod.name", Group.POD, Kind.TEXT, false),
  POD_NAMESPACE("pod.namespace", Group.POD, Kind.TEXT, false),
  POD_LABEL("pod.label", Group.POD, Kind.LABELS, false);

  /** Where the data of a key comes from. */
  public enum Group {
    PROCESS,
    CONTAINER,
    POD
  }

  /** What a key's values are, which decides how its values are parsed. */
  enum Kind {
    PID,
    TEXT,
    CAPABILITIES,
    LABELS
  }

  private static final Map<String, ConditionKey> BY_TEXT =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(ConditionKey::text, Function.identity()));

  /** Every key's text, in declaration order, for suggestions and docs. */
  static final List<String> TEXTS = Arrays.stream(values()).map(ConditionKey::text).toList();

  private final String text;
  private final Group group;
  private final Kind kind;
  private final boolean kernelReadable;

  ConditionKey(String text, Group group, Kind kind, boolean kernelReadable) {
    this.text = text;
    this.group = group;
    this.kind = kind;
    this.kernelReadable = kernelReadable;
  }

  /** The key as written in a condition, e.g. {@code process.capeff}. */
  public String text() {
    return text;
  }

  public Group group() {
    return group;
  }

  /**
   * Whether the kernel knows this key's value at {@code sys_enter} by itself (pid, comm and the
   * credentials' capability sets), so no /proc read or container/pod metadata is needed.
   */
  public boolean kernelReadable() {
    return kernelReadable;
  }

  Kind kind() {
    return kind;
  }

  /** The key written exactly so (keys are case-sensitive, like OpenTelemetry attribute names). */
  public static Optional<ConditionKey> byText(String text) {
    return Optional.ofNullable(BY_TEXT.get(text));
  }

  @Override
  public String toString() {
    return text;
  }

  /** The capability set this key names; only for {@link Kind#CAPABILITIES} keys. */
  long capabilities(Subject s) {
    return switch (this) {
      case PROCESS_CAPINH -> s.capInheritable();
      case PROCESS_CAPPRM -> s.capPermitted();
      case PROCESS_CAPEFF -> s.capEffective();
      case PROCESS_CAPBND -> s.capBounding();
      case PROCESS_CAPAMB -> s.capAmbient();
      default -> throw new IllegalStateException(text + " is not a capability set");
    };
  }

  /** The labels this key names, null when the subject is in no container or pod. */
  Map<String, String> labels(Subject s) {
    return switch (this) {
      case CONTAINER_LABEL -> s.container() == null ? null : s.container().labels();
      case POD_LABEL -> s.pod() == null ? null : s.pod().labels();
      default -> throw new IllegalStateException(text + " is not a label key");
    };
  }

  /** Whether {@code m} matches this key's text in {@code s}; false when the subject lacks it. */
  boolean testText(TextMatcher m, Subject s) {
    ContainerInfo c = s.container();
    PodInfo p = s.pod();
    return switch (this) {
      case PROCESS_NAME -> ProcessNames.matches(m, s.comm(), s.exe());
      case PROCESS_CMD -> matches(m, s.cmd());
      case PROCESS_EXE -> matches(m, s.exe());
      case CONTAINER_ID -> c != null && matches(m, c.id());
      case CONTAINER_NAME -> c != null && containerNameMatches(m, c.name());
      case POD_ID -> p != null && matches(m, p.uid());
      case POD_NAME -> p != null && matches(m, p.name());
      case POD_NAMESPACE -> p != null && matches(m, p.namespace());
      default -> throw new IllegalStateException(text + " is not a text key");
    };
  }

  private static boolean matches(TextMatcher m, String value) {
    return value != null && m.matches(value);
  }

  // Docker reports names as "/web"; users write "web".
  private static boolean containerNameMatches(TextMatcher m, String name) {
    return matches(m, name)
        || (name != null && name.startsWith("/") && m.matches(name.substring(1)));
  }
}
