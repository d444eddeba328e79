package io.sysotel.collector.syscalls;

import java.util.Map;
import java.util.Set;

/**
 * ptrace's {@code addr} and {@code data} as strace 6.1 shows them at entry, by request: the
 * signal a resuming request delivers ({@code SIGTRAP}), the tracing options of
 * PTRACE_SETOPTIONS and PTRACE_SEIZE ({@code PTRACE_O_TRACESYSGOOD|PTRACE_O_EXITKILL}), the note
 * type of PTRACE_GETREGSET/SETREGSET ({@code NT_PRSTATUS}), the sizes some requests take in
 * {@code addr} in decimal; addresses otherwise ({@code NULL} or hex). strace leaves out the
 * arguments some requests do not use (PTRACE_ATTACH's addr and data, PTRACE_GETREGS's addr);
 * they are shown here all the same.
 */
public final class Ptrace {

  private static final long SETOPTIONS = 0x4200;
  private static final long GETREGSET = 0x4204;
  private static final long SETREGSET = 0x4205;
  private static final long SEIZE = 0x4206;
  /** Requests whose data is the signal delivered on resuming: CONT, SINGLESTEP, DETACH, SYSCALL, SYSEMU, SYSEMU_SINGLESTEP. */
  private static final Set<Long> RESUMING = Set.of(7L, 9L, 17L, 24L, 31L, 32L);
  /** Requests whose addr is a size or count: GETSIGMASK, SETSIGMASK, SECCOMP_GET_FILTER, SECCOMP_GET_METADATA, GET_SYSCALL_INFO. */
  private static final Set<Long> ADDR_NUMBER = Set.of(0x420aL, 0x420bL, 0x420cL, 0x420dL, 0x420eL);

  private static final Symbols.Bit[] OPTIONS = {
    new Symbols.Bit(0x1, "PTRACE_O_TRACESYSGOOD"), new Symbols.Bit(0x2, "PTRACE_O_TRACEFORK"),
    new Symbols.Bit(0x4, "PTRACE_O_TRACEVFORK"), new Symbols.Bit(0x8, "PTRACE_O_TRACECLONE"),
    new Symbols.Bit(0x10, "PTRACE_O_TRACEEXEC"), new Symbols.Bit(0x20, "PTRACE_O_TRACEVFORKDONE"),
    new Symbols.Bit(0x40, "PTRACE_O_TRACEEXIT"), new Symbols.Bit(0x80, "PTRACE_O_TRACESECCOMP"),
    new Symbols.Bit(0x100000, "PTRACE_O_EXITKILL"), new Symbols.Bit(0x200000, "PTRACE_O_SUSPEND_SECCOMP"),
  };

  /** ELF note types (linux/elf.h), as strace 6.1 names them (a sweep of the ranges in use). */
  private static final Map<Long, String> NOTE_TYPES = Map.ofEntries(
      Map.entry(1L, "NT_PRSTATUS"), Map.entry(2L, "NT_FPREGSET"), Map.entry(3L, "NT_PRPSINFO"),
      Map.entry(4L, "NT_PRXREG"), Map.entry(5L, "NT_PLATFORM"), Map.entry(6L, "NT_AUXV"), Map.entry(7L, "NT_GWINDOWS"),
      Map.entry(8L, "NT_ASRS"), Map.entry(10L, "NT_PSTATUS"), Map.entry(13L, "NT_PSINFO"), Map.entry(14L, "NT_PRCRED"),
      Map.entry(15L, "NT_UTSNAME"), Map.entry(16L, "NT_LWPSTATUS"), Map.entry(17L, "NT_LWPSINFO"),
      Map.entry(20L, "NT_PRFPXREG"), Map.entry(0x200L, "NT_386_TLS"), Map.entry(0x201L, "NT_386_IOPERM"),
      Map.entry(0x202L, "NT_X86_XSTATE"), Map.entry(0x300L, "NT_S390_HIGH_GPRS"), Map.entry(0x400L, "NT_ARM_VFP"),
      Map.entry(0x401L, "NT_ARM_TLS"), Map.entry(0x402L, "NT_ARM_HW_BREAK"), Map.entry(0x403L, "NT_ARM_HW_WATCH"),
      Map.entry(0x404L, "NT_ARM_SYSTEM_CALL"), Map.entry(0x405L, "NT_ARM_SVE"), Map.entry(0x406L, "NT_ARM_PAC_MASK"),
      Map.entry(0x407L, "NT_ARM_PACA_KEYS"), Map.entry(0x408L, "NT_ARM_PACG_KEYS"),
      Map.entry(0x409L, "NT_ARM_TAGGED_ADDR_CTRL"), Map.entry(0x40aL, "NT_ARM_PAC_ENABLED_KEYS"),
      Map.entry(0x40bL, "NT_ARM_SSVE"), Map.entry(0x40cL, "NT_ARM_ZA"), Map.entry(0x46494c45L, "NT_FILE"),
      Map.entry(0x53494749L, "NT_SIGINFO"));

  private Ptrace() {}

  /** {@code addr} as request {@code request} uses it. */
  public static Object addr(long request, long value) {
    if (request == GETREGSET || request == SETREGSET) {
      return Symbols.named(NOTE_TYPES, value & 0xffffffffL, "NT_???"); // an unsigned int
    }
    if (ADDR_NUMBER.contains(request)) {
      return Symbols.unsigned(value);
    }
    return Symbols.pointer(value);
  }

  /** {@code data} as request {@code request} uses it. */
  public static String data(long request, long value) {
    if (RESUMING.contains(request)) {
      return Symbols.signal((int) value);
    }
    if (request == SETOPTIONS || request == SEIZE) {
      return Symbols.bits(OPTIONS, value, null);
    }
    return Symbols.pointer(value);
  }
}
