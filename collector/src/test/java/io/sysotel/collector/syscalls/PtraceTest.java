package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Renderings as strace 6.1 printed the same calls (a sweep of requests, note types and signals). */
class PtraceTest {

  @Test
  void resumingRequestsDeliverASignal() {
    assertEquals("SIGTRAP", Ptrace.data(7, 5)); // PTRACE_CONT
    assertEquals("SIGKILL", Ptrace.data(17, 9)); // PTRACE_DETACH
    assertEquals("0", Ptrace.data(24, 0)); // PTRACE_SYSCALL
    assertEquals("SIGRTMIN", Ptrace.data(9, 32));
    assertEquals("SIGRT_32", Ptrace.data(31, 64));
    assertEquals("65", Ptrace.data(32, 65));
    assertEquals("-1", Ptrace.data(7, -1));
    assertEquals("2147418112", Ptrace.data(7, 0x7fff0000L));
    assertEquals("SIGTRAP", Ptrace.data(7, 0x1_0000_0005L), "the signal is an int");
  }

  @Test
  void optionsAreFlags() {
    assertEquals("PTRACE_O_TRACESYSGOOD|PTRACE_O_TRACEVFORK", Ptrace.data(0x4200, 5));
    assertEquals("PTRACE_O_TRACESYSGOOD|PTRACE_O_EXITKILL", Ptrace.data(0x4206, 0x100001));
    assertEquals("0", Ptrace.data(0x4200, 0));
    assertEquals("PTRACE_O_TRACESYSGOOD|PTRACE_O_TRACEFORK|PTRACE_O_TRACEVFORK|PTRACE_O_TRACECLONE|PTRACE_O_TRACEEXEC"
            + "|PTRACE_O_TRACEVFORKDONE|PTRACE_O_TRACEEXIT|PTRACE_O_TRACESECCOMP|PTRACE_O_EXITKILL"
            + "|PTRACE_O_SUSPEND_SECCOMP|0xffffffffffcfff00",
        Ptrace.data(0x4200, -1));
  }

  @Test
  void addrByRequest() {
    assertEquals("NT_PRSTATUS", Ptrace.addr(0x4204, 1));
    assertEquals("NT_X86_XSTATE", Ptrace.addr(0x4205, 0x202));
    assertEquals("0 /* NT_??? */", Ptrace.addr(0x4204, 0));
    assertEquals("0xffffffff /* NT_??? */", Ptrace.addr(0x4204, -1));
    assertEquals(88L, Ptrace.addr(0x420e, 88)); // PTRACE_GET_SYSCALL_INFO: a size
    assertEquals(new BigInteger("18446744073709551615"), Ptrace.addr(0x420a, -1));
    assertEquals("NULL", Ptrace.addr(1, 0));
    assertEquals("0xffffffffffffffff", Ptrace.addr(1, -1));
    assertEquals("0x5", Ptrace.data(1, 5)); // PTRACE_PEEKTEXT: where the word goes
  }
}
