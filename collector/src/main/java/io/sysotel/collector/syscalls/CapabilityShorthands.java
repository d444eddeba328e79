package io.sysotel.collector.syscalls;

import io.sysotel.collector.util.Suggestions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The task option {@code capabilities}: each supported capability stands for a fixed list of
 * syscalls, the same lists as the reference product's (chosen by research, not by any kernel
 * documentation, so e.g. CAP_IPC_LOCK names munlock but not mlock).
 */
public final class CapabilityShorthands {

  /** A capability and the syscalls it stands for. */
  public record Shorthand(String capability, List<String> functions) {

    public Shorthand {
      functions = List.copyOf(functions);
    }
  }

  private static final List<Shorthand> ALL =
      List.of(
          new Shorthand(
              "CAP_NET_RAW",
              List.of("socket", "sendto", "recvfrom", "recvmsg", "bind", "setsockopt", "ioctl")),
          new Shorthand(
              "CAP_NET_ADMIN",
              List.of(
                  "bind", "connect", "listen", "accept", "setsockopt", "getsockopt",
                  "getsockname", "getpeername", "ioctl", "recvfrom")),
          new Shorthand(
              "CAP_IPC_LOCK",
              List.of(
                  "munlock", "mlockall", "munlockall", "shmget", "shmat", "shmdt", "shmctl",
                  "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semctl")),
          new Shorthand(
              "CAP_SYS_PTRACE",
              List.of(
                  "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "get_robust_list",
                  "set_robust_list")));

  private static final List<String> SUPPORTED =
      ALL.stream().map(Shorthand::capability).toList();

  private CapabilityShorthands() {}

  /** Every shorthand, in the reference product's order. */
  public static List<Shorthand> all() {
    return ALL;
  }

  /** The supported capability names, e.g. {@code CAP_NET_RAW}. */
  public static List<String> supported() {
    return SUPPORTED;
  }

  /** The shorthand for a capability named in any case, with or without {@code CAP_}. */
  public static Optional<Shorthand> lookup(String capability) {
    String name = canonicalName(capability);
    return ALL.stream().filter(s -> s.capability().equals(name)).findFirst();
  }

  /** The error for a capability without a shorthand. */
  public static UnsupportedCapabilityException unsupported(String capability) {
    String near =
        Suggestions.nearest(canonicalName(capability), SUPPORTED)
            .map(s -> "; did you mean " + s + "?")
            .orElse("");
    return new UnsupportedCapabilityException(
        "unsupported capability \""
            + capability
            + "\""
            + near
            + " (supported: "
            + String.join(", ", SUPPORTED)
            + ")");
  }

  private static String canonicalName(String capability) {
    String upper = capability.trim().toUpperCase(Locale.ROOT);
    return upper.startsWith("CAP_") ? upper : "CAP_" + upper;
  }
}
