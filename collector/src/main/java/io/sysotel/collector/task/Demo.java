package io.sysotel.collector.task;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The task option {@code demo}: a simulation run in the background, and the syscalls it makes. */
public enum Demo {
  CAP_CHOWN(List.of("chown")),
  CAP_IPC_LOCK(List.of("mlockall", "mlock")),
  CAP_KILL(List.of("kill")),
  CAP_NET_RAW(List.of("socket", "setsockopt", "bind")),
  CAP_SETUID(List.of("setuid", "setreuid")),
  CAP_SYS_CHROOT(List.of("chroot", "setns")),
  CAP_SYS_PTRACE(List.of("ptrace")),
  /** Every simulation above. */
  ALL(List.of());

  private final List<String> functions;

  Demo(List<String> functions) {
    this.functions = functions;
  }

  /** The name used in tasks, e.g. {@code cap_chown}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The syscalls the simulation makes; for {@link #ALL} those of every simulation. */
  public List<String> functions() {
    if (this != ALL) {
      return functions;
    }
    return Stream.of(values()).flatMap(d -> d.functions.stream()).toList();
  }

  /** The demo of that id, in any case. */
  public static Optional<Demo> byId(String id) {
    return Stream.of(values()).filter(d -> d.id().equalsIgnoreCase(id.trim())).findFirst();
  }

  static List<String> ids() {
    return Stream.of(values()).map(Demo::id).toList();
  }
}
