package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Renderings as strace 6.1 printed them for the same calls (ArgumentFidelityTest compares them live). */
class PrctlTest {

  @Test
  void optionsByName() {
    assertEquals("PR_SET_NAME", Prctl.option(15));
    assertEquals("PR_CAP_AMBIENT", Prctl.option(47));
    assertEquals("PR_SET_PTRACER", Prctl.option(0x59616d61));
    assertEquals("0x11 /* PR_??? */", Prctl.option(17));
    assertEquals("PR_SET_NAME", Prctl.option(0x1_0000_000fL)); // an int
  }

  @Test
  void arg2AsTheOptionUsesIt() {
    assertEquals("CAP_NET_RAW", Prctl.arg2(24, 13));
    assertEquals("0x63 /* CAP_??? */", Prctl.arg2(24, 99));
    assertEquals("0xffffffffffffffff /* CAP_??? */", Prctl.arg2(23, -1));
    assertEquals("SIGTERM", Prctl.arg2(1, 15));
    assertEquals(0L, Prctl.arg2(1, 0));
    assertEquals(new BigInteger("18446744073709551615"), Prctl.arg2(1, -1));
    assertEquals("SUID_DUMP_USER", Prctl.arg2(4, 1));
    assertEquals("0x7 /* SUID_DUMP_??? */", Prctl.arg2(4, 7));
    assertEquals("SECCOMP_MODE_FILTER", Prctl.arg2(22, 2));
    assertEquals("PR_CAP_AMBIENT_RAISE", Prctl.arg2(47, 2));
    assertEquals("0 /* PR_CAP_AMBIENT_??? */", Prctl.arg2(47, 0));
    assertEquals("SECBIT_NOROOT|SECBIT_NO_SETUID_FIXUP", Prctl.arg2(28, 5));
    assertEquals("PR_UNALIGN_NOPRINT|PR_UNALIGN_SIGBUS|0xfffffffc", Prctl.arg2(6, -1));
    assertEquals("0xffffffff /* PR_TSC_??? */", Prctl.arg2(26, -1));
    assertEquals("PR_SET_MM_START_STACK", Prctl.arg2(35, 5));
    assertEquals(-1L, Prctl.arg2(29, -1));
    assertEquals(5L, Prctl.arg2(38, 5));
    assertEquals("PR_SET_PTRACER_ANY", Prctl.arg2(0x59616d61, -1));
    assertEquals("NULL", Prctl.arg2(2, 0));
    assertEquals("0x7ffd0000", Prctl.arg2(16, 0x7ffd0000L));
    assertEquals("0x5", Prctl.arg2(17, 5));
  }

  @Test
  void arg3IsTheAmbientCapabilityOrHex() {
    assertEquals("CAP_NET_BIND_SERVICE", Prctl.arg3(47, 1, 10));
    assertEquals("0x1", Prctl.arg3(47, 9, 1));
    assertEquals("0", Prctl.arg3(47, 4, 0));
    assertEquals("0x5", Prctl.arg3(22, 5, 5));
  }
}
