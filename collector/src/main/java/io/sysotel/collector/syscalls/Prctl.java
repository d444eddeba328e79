package io.sysotel.collector.syscalls;

import io.sysotel.collector.conditions.Capability;
import java.util.Map;

/**
 * prctl's {@code option} and arguments as strace 6.1 shows them at entry (linux/prctl.h): the
 * option by name, and {@code arg2} and {@code arg3} as the option uses them (a signal, a
 * capability, an ambient capability operation, a seccomp mode, secure bits, a number, a
 * pointer); {@code PR_SET_NAME}'s name is read in the kernel ({@link #READS}). Other arguments
 * are shown in hex.
 */
public final class Prctl {

  private static final int PR_SET_NAME = 15;
  /** The options whose {@code arg2} the kernel reads ({@link ArgFormat#commandReads}): PR_SET_NAME's name. */
  static final Map<Long, CommandRead> READS = Map.of((long) PR_SET_NAME, CommandRead.STRING);

  private static final int PR_SET_PDEATHSIG = 1;
  private static final int PR_SET_DUMPABLE = 4;
  private static final int PR_SET_UNALIGN = 6;
  private static final int PR_SET_SECCOMP = 22;
  private static final int PR_CAPBSET_READ = 23;
  private static final int PR_CAPBSET_DROP = 24;
  private static final int PR_SET_TSC = 26;
  private static final int PR_SET_SECUREBITS = 28;
  private static final int PR_SET_TIMERSLACK = 29;
  private static final int PR_MCE_KILL = 33;
  private static final int PR_SET_MM = 35;
  private static final int PR_SET_FP_MODE = 45;
  private static final int PR_CAP_AMBIENT = 47;
  private static final int PR_SET_VMA = 0x53564d41;
  private static final int PR_SET_PTRACER = 0x59616d61;

  private static final Map<Long, String> OPTIONS = Map.ofEntries(
      Map.entry(1L, "PR_SET_PDEATHSIG"), Map.entry(2L, "PR_GET_PDEATHSIG"), Map.entry(3L, "PR_GET_DUMPABLE"),
      Map.entry(4L, "PR_SET_DUMPABLE"), Map.entry(5L, "PR_GET_UNALIGN"), Map.entry(6L, "PR_SET_UNALIGN"),
      Map.entry(7L, "PR_GET_KEEPCAPS"), Map.entry(8L, "PR_SET_KEEPCAPS"), Map.entry(9L, "PR_GET_FPEMU"),
      Map.entry(10L, "PR_SET_FPEMU"), Map.entry(11L, "PR_GET_FPEXC"), Map.entry(12L, "PR_SET_FPEXC"),
      Map.entry(13L, "PR_GET_TIMING"), Map.entry(14L, "PR_SET_TIMING"), Map.entry(15L, "PR_SET_NAME"),
      Map.entry(16L, "PR_GET_NAME"), Map.entry(19L, "PR_GET_ENDIAN"), Map.entry(20L, "PR_SET_ENDIAN"),
      Map.entry(21L, "PR_GET_SECCOMP"), Map.entry(22L, "PR_SET_SECCOMP"), Map.entry(23L, "PR_CAPBSET_READ"),
      Map.entry(24L, "PR_CAPBSET_DROP"), Map.entry(25L, "PR_GET_TSC"), Map.entry(26L, "PR_SET_TSC"),
      Map.entry(27L, "PR_GET_SECUREBITS"), Map.entry(28L, "PR_SET_SECUREBITS"), Map.entry(29L, "PR_SET_TIMERSLACK"),
      Map.entry(30L, "PR_GET_TIMERSLACK"), Map.entry(31L, "PR_TASK_PERF_EVENTS_DISABLE"),
      Map.entry(32L, "PR_TASK_PERF_EVENTS_ENABLE"), Map.entry(33L, "PR_MCE_KILL"), Map.entry(34L, "PR_MCE_KILL_GET"),
      Map.entry(35L, "PR_SET_MM"), Map.entry(36L, "PR_SET_CHILD_SUBREAPER"), Map.entry(37L, "PR_GET_CHILD_SUBREAPER"),
      Map.entry(38L, "PR_SET_NO_NEW_PRIVS"), Map.entry(39L, "PR_GET_NO_NEW_PRIVS"), Map.entry(40L, "PR_GET_TID_ADDRESS"),
      Map.entry(41L, "PR_SET_THP_DISABLE"), Map.entry(42L, "PR_GET_THP_DISABLE"),
      Map.entry(43L, "PR_MPX_ENABLE_MANAGEMENT"), Map.entry(44L, "PR_MPX_DISABLE_MANAGEMENT"),
      Map.entry(45L, "PR_SET_FP_MODE"), Map.entry(46L, "PR_GET_FP_MODE"), Map.entry(47L, "PR_CAP_AMBIENT"),
      Map.entry(50L, "PR_SVE_SET_VL"), Map.entry(51L, "PR_SVE_GET_VL"), Map.entry(52L, "PR_GET_SPECULATION_CTRL"),
      Map.entry(53L, "PR_SET_SPECULATION_CTRL"), Map.entry(54L, "PR_PAC_RESET_KEYS"),
      Map.entry(55L, "PR_SET_TAGGED_ADDR_CTRL"), Map.entry(56L, "PR_GET_TAGGED_ADDR_CTRL"),
      Map.entry(57L, "PR_SET_IO_FLUSHER"), Map.entry(58L, "PR_GET_IO_FLUSHER"),
      Map.entry(59L, "PR_SET_SYSCALL_USER_DISPATCH"), Map.entry(60L, "PR_PAC_SET_ENABLED_KEYS"),
      Map.entry(61L, "PR_PAC_GET_ENABLED_KEYS"), Map.entry(62L, "PR_SCHED_CORE"), Map.entry(63L, "PR_SME_SET_VL"),
      Map.entry(64L, "PR_SME_GET_VL"), Map.entry((long) PR_SET_VMA, "PR_SET_VMA"),
      Map.entry((long) PR_SET_PTRACER, "PR_SET_PTRACER"));
  private static final Map<Long, String> DUMPABLE =
      Map.of(0L, "SUID_DUMP_DISABLE", 1L, "SUID_DUMP_USER", 2L, "SUID_DUMP_ROOT");
  private static final Map<Long, String> SECCOMP_MODES =
      Map.of(0L, "SECCOMP_MODE_DISABLED", 1L, "SECCOMP_MODE_STRICT", 2L, "SECCOMP_MODE_FILTER");
  private static final Map<Long, String> TSC = Map.of(1L, "PR_TSC_ENABLE", 2L, "PR_TSC_SIGSEGV");
  private static final Map<Long, String> MCE_KILL = Map.of(0L, "PR_MCE_KILL_CLEAR", 1L, "PR_MCE_KILL_SET");
  private static final Map<Long, String> AMBIENT = Map.of(1L, "PR_CAP_AMBIENT_IS_SET", 2L, "PR_CAP_AMBIENT_RAISE",
      3L, "PR_CAP_AMBIENT_LOWER", 4L, "PR_CAP_AMBIENT_CLEAR_ALL");
  private static final Map<Long, String> SET_MM = Map.ofEntries(
      Map.entry(1L, "PR_SET_MM_START_CODE"), Map.entry(2L, "PR_SET_MM_END_CODE"), Map.entry(3L, "PR_SET_MM_START_DATA"),
      Map.entry(4L, "PR_SET_MM_END_DATA"), Map.entry(5L, "PR_SET_MM_START_STACK"), Map.entry(6L, "PR_SET_MM_START_BRK"),
      Map.entry(7L, "PR_SET_MM_BRK"), Map.entry(8L, "PR_SET_MM_ARG_START"), Map.entry(9L, "PR_SET_MM_ARG_END"),
      Map.entry(10L, "PR_SET_MM_ENV_START"), Map.entry(11L, "PR_SET_MM_ENV_END"), Map.entry(12L, "PR_SET_MM_AUXV"),
      Map.entry(13L, "PR_SET_MM_EXE_FILE"), Map.entry(14L, "PR_SET_MM_MAP"), Map.entry(15L, "PR_SET_MM_MAP_SIZE"));
  private static final Map<Long, String> SET_VMA = Map.of(0L, "PR_SET_VMA_ANON_NAME");
  private static final Symbols.Bit[] UNALIGN = {
    new Symbols.Bit(1, "PR_UNALIGN_NOPRINT"), new Symbols.Bit(2, "PR_UNALIGN_SIGBUS"),
  };
  private static final Symbols.Bit[] FP_MODE = {new Symbols.Bit(1, "PR_FP_MODE_FR"), new Symbols.Bit(2, "PR_FP_MODE_FRE")};
  private static final Symbols.Bit[] SECUREBITS = {
    new Symbols.Bit(0x1, "SECBIT_NOROOT"), new Symbols.Bit(0x2, "SECBIT_NOROOT_LOCKED"),
    new Symbols.Bit(0x4, "SECBIT_NO_SETUID_FIXUP"), new Symbols.Bit(0x8, "SECBIT_NO_SETUID_FIXUP_LOCKED"),
    new Symbols.Bit(0x10, "SECBIT_KEEP_CAPS"), new Symbols.Bit(0x20, "SECBIT_KEEP_CAPS_LOCKED"),
    new Symbols.Bit(0x40, "SECBIT_NO_CAP_AMBIENT_RAISE"), new Symbols.Bit(0x80, "SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED"),
  };

  private Prctl() {}

  /** The option by name, or {@code 0x11 /* PR_??? *}{@code /}. An int. */
  public static String option(long option) {
    return Symbols.named(OPTIONS, option & 0xffffffffL, "PR_???");
  }

  /**
   * {@code arg2} as option {@code option} uses it; not PR_SET_NAME's, a string the kernel reads
   * (ArgumentDecoder renders it).
   */
  public static Object arg2(long option, long value) {
    long u = value & 0xffffffffL;
    return switch ((int) option) {
      // where the kernel writes (PR_GET_PDEATHSIG, PR_GET_NAME, ...)
      case 2, 5, 9, 11, 16, 19, 25, 37, 40 -> Symbols.pointer(value);
      // a number (PR_SET_KEEPCAPS, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS, ...)
      case 8, 10, 12, 14, 20, 36, 38, 41, 57 -> Symbols.unsigned(value);
      case PR_SET_PTRACER -> value == -1 ? "PR_SET_PTRACER_ANY" : Symbols.unsigned(value);
      case PR_SET_PDEATHSIG -> value > 0 && value <= 64 ? Symbols.signal((int) value) : Symbols.unsigned(value);
      case PR_CAPBSET_READ, PR_CAPBSET_DROP -> capability(value);
      case PR_SET_TIMERSLACK -> value;
      case PR_SET_UNALIGN -> Symbols.bits(UNALIGN, u, null);
      case PR_SET_FP_MODE -> Symbols.bits(FP_MODE, u, null);
      case PR_SET_SECUREBITS -> Symbols.bits(SECUREBITS, value, null);
      case PR_SET_TSC -> Symbols.named(TSC, u, "PR_TSC_???");
      case PR_SET_MM -> Symbols.named(SET_MM, u, "PR_SET_MM_???");
      case PR_SET_DUMPABLE -> Symbols.named(DUMPABLE, value, "SUID_DUMP_???");
      case PR_SET_SECCOMP -> Symbols.named(SECCOMP_MODES, value, "SECCOMP_MODE_???");
      case PR_MCE_KILL -> Symbols.named(MCE_KILL, value, "PR_MCE_KILL_???");
      case PR_CAP_AMBIENT -> Symbols.named(AMBIENT, value, "PR_CAP_AMBIENT_???");
      case PR_SET_VMA -> Symbols.named(SET_VMA, value, "PR_SET_VMA_???");
      default -> Symbols.hex(value);
    };
  }

  /** {@code arg3}: the capability of an ambient capability test, raise or lower; else in hex. */
  public static String arg3(long option, long arg2, long value) {
    if ((int) option == PR_CAP_AMBIENT && arg2 >= 1 && arg2 <= 3) {
      return capability(value);
    }
    return Symbols.hex(value);
  }

  private static String capability(long value) {
    return value >= 0 && value < 64
        ? Capability.byNumber((int) value).map(Enum::name).orElse(Symbols.hex(value) + " /* CAP_??? */")
        : Symbols.hex(value) + " /* CAP_??? */";
  }

}
