package io.sysotel.collector.demo;

import io.sysotel.collector.util.Suggestions;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo simulations of the {@code syscalls} task's {@code demo} option. Each one names the
 * syscalls it exists to make; a simulation may make a few more to set up and clean up.
 */
public enum Simulation {
  CAP_CHOWN("chown"),
  CAP_IPC_LOCK("mlockall", "mlock"),
  CAP_KILL("kill"),
  CAP_NET_RAW("socket", "setsockopt", "bind"),
  CAP_SETUID("setuid", "setreuid"),
  CAP_SYS_CHROOT("chroot", "setns"),
  CAP_SYS_PTRACE("ptrace"),
  ALL;

  private final Set<String> own;

  Simulation(String... syscalls) {
    this.own = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(syscalls)));
  }

  /** The option value that selects this simulation, e.g. {@code cap_net_raw}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The syscalls this simulation makes on every run; {@link #ALL} makes those of all others. */
  public Set<String> syscalls() {
    if (this != ALL) {
      return own;
    }
    Set<String> union = new LinkedHashSet<>();
    for (Simulation part : parts()) {
      union.addAll(part.own);
    }
    return Collections.unmodifiableSet(union);
  }

  /** The single simulations this one runs, in order. */
  List<Simulation> parts() {
    if (this != ALL) {
      return List.of(this);
    }
    return Arrays.stream(values()).filter(s -> s != ALL).collect(Collectors.toUnmodifiableList());
  }

  /**
   * The simulation with this id, ignoring case.
   *
   * @throws IllegalArgumentException naming the known simulations when there is none
   */
  public static Simulation parse(String id) {
    Objects.requireNonNull(id, "id");
    String wanted = id.strip();
    for (Simulation s : values()) {
      if (s.id().equalsIgnoreCase(wanted)) {
        return s;
      }
    }
    List<String> known = Arrays.stream(values()).map(Simulation::id).collect(Collectors.toList());
    throw new IllegalArgumentException(
        "unknown demo \"" + id + "\"" + Suggestions.didYouMean(wanted, known)
            + " (demos: " + String.join(", ", known) + ")");
  }

  @Override
  public String toString() {
    return id();
  }
}
