package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Renderings as strace 6.1 printed them for the same calls (see ArgumentFidelityTest for the live comparison). */
class IoctlsTest {

  @Test
  void requestsOfTheTableByName() {
    assertEquals("TCGETS", Ioctls.request(0x5401));
    assertEquals("TIOCSTI", Ioctls.request(0x5412));
    assertEquals("SIOCGIFINDEX", Ioctls.request(0x8933));
    assertEquals("FS_IOC_GETFLAGS", Ioctls.request(0x80086601L));
    assertEquals("TUNSETIFF", Ioctls.request(0x400454caL));
    // names sharing a number, in strace's order
    assertEquals("SNDCTL_TMR_START or TCSETS", Ioctls.request(0x5402));
    assertEquals("BTRFS_IOC_CLONE or FICLONE", Ioctls.request(0x40049409L));
    // an unsigned int: the upper half of the register does not count
    assertEquals("TCGETS", Ioctls.request(0x1_0000_5401L));
  }

  @Test
  void otherRequestsByTheirFields() {
    assertEquals("_IOC(_IOC_READ, 0x78, 0x1, 0x4)", Ioctls.request(0x80047801L));
    assertEquals("_IOC(_IOC_WRITE, 0x78, 0x2, 0x8)", Ioctls.request(0x40087802L));
    assertEquals("_IOC(_IOC_READ|_IOC_WRITE, 0xbe, 0xef, 0x1ead)", Ioctls.request(0xdeadbeefL));
    assertEquals("_IOC(_IOC_NONE, 0x54, 0x99, 0)", Ioctls.request(0x5499));
    assertEquals("_IOC(_IOC_NONE, 0x80, 0, 0)", Ioctls.request(0x8000));
    assertEquals("_IOC(_IOC_WRITE, 0, 0, 0)", Ioctls.request(0x40000000L));
    assertEquals("_IOC(_IOC_NONE, 0, 0, 0)", Ioctls.request(0));
  }

  @Test
  void argumentsAsTheRequestTakesThem() {
    // pointers
    assertEquals("NULL", Ioctls.argument(0x5401, 0));
    assertEquals("0x7ffe0587f3a4", Ioctls.argument(0x5401, 0x7ffe0587f3a4L));
    assertEquals("0xffffffffffffffff", Ioctls.argument(0x541B, -1));
    // numbers in hex, also for requests not in the table and those strace shows no argument of
    assertEquals("0", Ioctls.argument(0x400454caL, 0));
    assertEquals("0x5", Ioctls.argument(0x400454caL, 5));
    assertEquals("0x7", Ioctls.argument(0xdeadbeefL, 7));
    assertEquals("0x5", Ioctls.argument(0x5451, 5));
    // an int, an unsigned long
    assertEquals(1L, Ioctls.argument(0x5409, 0x1_0000_0001L));
    assertEquals(-1L, Ioctls.argument(0x40049409L, -1));
    assertEquals(5L, Ioctls.argument(0x1262, 5));
    assertEquals(new BigInteger("18446744073709551615"), Ioctls.argument(0x1262, -1));
    // named values and flags
    assertEquals("TCIOFLUSH", Ioctls.argument(0x540B, 2));
    assertEquals("0x3 /* TC??? */", Ioctls.argument(0x540B, 3));
    assertEquals("TCOON", Ioctls.argument(0x540A, 1));
    assertEquals("0xffffffffffffffff /* TC??? */", Ioctls.argument(0x540A, -1));
    assertEquals("KD_GRAPHICS", Ioctls.argument(0x4B3A, 1));
    assertEquals("0xffffffff /* KD_??? */", Ioctls.argument(0x4B3A, -1));
    assertEquals("K_OFF", Ioctls.argument(0x4B45, 4));
    assertEquals("-1 /* K_??? */", Ioctls.argument(0x4B45, -1));
    assertEquals("PERF_IOC_FLAG_GROUP|0x4", Ioctls.argument(0x2400, 5));
    assertEquals("0x2 /* PERF_IOC_FLAG_??? */", Ioctls.argument(0x2400, 2));
    assertEquals("0", Ioctls.argument(0x2400, 0x1_0000_0000L));
  }

  @Test
  void theTableIsReadWhole() {
    assertTrue(Ioctls.table().size() > 300, "requests: " + Ioctls.table().size());
    assertEquals(Ioctls.Argument.NONE, Ioctls.argumentOf(0x5451)); // FIOCLEX
    assertEquals(Ioctls.Argument.HEX, Ioctls.argumentOf(0xdeadbeefL));
  }

  /** What the kernel reads for a request follows from how its argument is shown. */
  @Test
  void theRequestsThatGiveTheKernelAValueSayHowManyBytes() {
    Map<Long, CommandRead> reads = ArgFormat.IOCTL.commandReads();
    assertEquals(CommandRead.ofBytes(4), reads.get(0x5421L)); // FIONBIO: an int
    assertEquals(CommandRead.ofBytes(4), reads.get(0x5418L)); // TIOCMSET: the modem lines
    assertEquals(CommandRead.ofBytes(1), reads.get(0x5412L)); // TIOCSTI: a character
    assertEquals(CommandRead.ofBytes(8), reads.get(0x5414L)); // TIOCSWINSZ: struct winsize
    assertFalse(reads.containsKey(0x5401L)); // TCGETS: the kernel fills it
    assertFalse(reads.containsKey(0x5451L)); // FIOCLEX: no argument
    assertEquals(56, reads.size());
    assertTrue(ArgFormat.IOCTL.reads(0x1_0000_5421L), "a request is an unsigned int");
  }

  @Test
  void aBadLineIsNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Ioctls.parse(new BufferedReader(new StringReader("# x\nTCGETS\t5401\tpointer\n")), "t.tsv"));
    assertTrue(e.getMessage().startsWith("t.tsv:2: "), e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> Ioctls.parse(new BufferedReader(new StringReader("TCGETS\t0x5401\tstruct\n")), "t.tsv"));
    assertTrue(e.getMessage().startsWith("t.tsv:1: "), e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> Ioctls.parse(new BufferedReader(new StringReader("A\t0x1\tint\nB\t0x1\thex\n")), "t.tsv"));
    assertTrue(e.getMessage().contains("request 0x1 take different arguments"), e.getMessage());
  }
}
