package io.sysotel.collector.conditions;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Linux capabilities with their kernel numbers (linux/capability.h). A capability set is a
 * 64-bit mask in which bit {@code n} stands for the capability numbered {@code n}.
 */
public enum Capability {
  CAP_CHOWN(0),
  CAP_DAC_OVERRIDE(1),
  CAP_DAC_READ_SEARCH(2),
  CAP_FOWNER(3),
  CAP_FSETID(4),
  CAP_KILL(5),
  CAP_SETGID(6),
  CAP_SETUID(7),
  CAP_SETPCAP(8),
  CAP_LINUX_IMMUTABLE(9),
  CAP_NET_BIND_SERVICE(10),
  CAP_NET_BROADCAST(11),
  CAP_NET_ADMIN(12),
  CAP_NET_RAW(13),
  CAP_IPC_LOCK(14),
  CAP_IPC_OWNER(15),
  CAP_SYS_MODULE(16),
  CAP_SYS_RAWIO(17),
  CAP_SYS_CHROOT(18),
  CAP_SYS_PTRACE(19),
  CAP_SYS_PACCT(20),
  CAP_SYS_ADMIN(21),
  CAP_SYS_BOOT(22),
  CAP_SYS_NICE(23),
  CAP_SYS_RESOURCE(24),
  CAP_SYS_TIME(25),
  CAP_SYS_TTY_CONFIG(26),
  CAP_MKNOD(27),
  CAP_LEASE(28),
  CAP_AUDIT_WRITE(29),
  CAP_AUDIT_CONTROL(30),
  CAP_SETFCAP(31),
  CAP_MAC_OVERRIDE(32),
  CAP_MAC_ADMIN(33),
  CAP_SYSLOG(34),
  CAP_WAKE_ALARM(35),
  CAP_BLOCK_SUSPEND(36),
  CAP_AUDIT_READ(37),
  CAP_PERFMON(38),
  CAP_BPF(39),
  CAP_CHECKPOINT_RESTORE(40);

  /** The prefix every capability name carries; lookups accept names without it. */
  public static final String PREFIX = "CAP_";

  /** A mask holding every capability this enum knows. */
  public static final long ALL_MASK = mask(EnumSet.allOf(Capability.class));

  private static final Capability[] BY_NUMBER = values();
  private static final Map<String, Capability> BY_NAME =
      Arrays.stream(BY_NUMBER)
          .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

  private final int number;

  Capability(int number) {
    this.number = number;
  }

  /** The kernel's number for this capability. */
  public int number() {
    return number;
  }

  /** This capability's bit in a capability set. */
  public long bit() {
    return 1L << number;
  }

  /** The name without the {@code CAP_} prefix, e.g. {@code NET_RAW}. */
  public String shortName() {
    return name().substring(PREFIX.length());
  }

  /** Whether the capability set {@code set} holds this capability. */
  public boolean in(long set) {
    return (set & bit()) != 0;
  }

  /** Looks a capability up by name, case-insensitive, with or without the {@code CAP_} prefix. */
  public static Optional<Capability> byName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    Capability c = BY_NAME.get(upper.startsWith(PREFIX) ? upper : PREFIX + upper);
    return Optional.ofNullable(c);
  }

  /** The capability with kernel number {@code number}, if this enum knows it. */
  public static Optional<Capability> byNumber(int number) {
    return number >= 0 && number < BY_NUMBER.length
        ? Optional.of(BY_NUMBER[number])
        : Optional.empty();
  }

  /** The known capabilities in {@code set}; bits this enum does not know are left out. */
  public static Set<Capability> of(long set) {
    EnumSet<Capability> result = EnumSet.noneOf(Capability.class);
    for (Capability c : BY_NUMBER) {
      if (c.in(set)) {
        result.add(c);
      }
    }
    return result;
  }

  /** The capability set holding exactly {@code capabilities}. */
  public static long mask(Set<Capability> capabilities) {
    long m = 0;
    for (Capability c : capabilities) {
      m |= c.bit();
    }
    return m;
  }

  /**
   * The names in {@code set}, by number, comma-separated ({@code CAP_KILL,CAP_NET_RAW}); a bit
   * newer than this enum shows as its number so that nothing is hidden; {@code ""} for none.
   */
  public static String names(long set) {
    StringJoiner joiner = new StringJoiner(",");
    for (int n = 0; n < Long.SIZE; n++) {
      if ((set & (1L << n)) != 0) {
        joiner.add(n < BY_NUMBER.length ? BY_NUMBER[n].name() : Integer.toString(n));
      }
    }
    return joiner.toString();
  }
}
