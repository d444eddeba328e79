package io.sysotel.collector.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Decoding ring records from byte fixtures laid out as bpf/sysotel.h says. */
class KernelEventTest {

  /** A record as the kernel writes it, at an offset inside a larger buffer. */
  private static ByteBuffer fixture(int at, String comm, int flags) {
    ByteBuffer b = ByteBuffer.allocate(at + Abi.Event.SIZE + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(at + Abi.Event.TYPE, Abi.EVENT_SYSCALL);
    b.putInt(at + Abi.Event.SIZE_FIELD, Abi.Event.SIZE);
    b.putLong(at + Abi.Event.KTIME_NS, 123_456_789_000L);
    b.putLong(at + Abi.Event.PIPELINES, 0b101);
    b.putInt(at + Abi.Event.TGID, 4242);
    b.putInt(at + Abi.Event.TID, 4243);
    b.putInt(at + Abi.Event.PTGID, 1);
    b.putInt(at + Abi.Event.SYSCALL_NR, 1);
    long[] args = {1, 0x7ffd_0000_1000L, 1, -100, 0, -1};
    for (int i = 0; i < 6; i++) {
      b.putLong(at + Abi.Event.ARGS + 8 * i, args[i]);
    }
    b.putLong(at + Abi.Event.CAP_INH, 0);
    b.putLong(at + Abi.Event.CAP_PRM, 1L << 13);
    b.putLong(at + Abi.Event.CAP_EFF, 1L << 13);
    b.putLong(at + Abi.Event.CAP_BND, 0x1ff_ffff_ffffL);
    b.putLong(at + Abi.Event.CAP_AMB, 1L << 12);
    b.putLong(at + Abi.Event.START_BOOT_NS, 100_000_000_000L);
    b.putInt(at + Abi.Event.PIDNS_INUM, (int) 4026531836L);
    b.putInt(at + Abi.Event.FLAGS, flags);
    b.putLong(at + Abi.Event.STATE + Abi.ProcState.CRED, 0xffff_8880_0123_4560L);
    b.putLong(at + Abi.Event.CGROUP_ID, 7777);
    b.putLong(at + Abi.Event.STATE + Abi.ProcState.CGROUPS, 0xffff_8880_0555_0000L);
    b.putLong(at + Abi.Event.STATE + Abi.ProcState.EXEC_ID, 3);
    byte[] name = comm.getBytes(StandardCharsets.UTF_8);
    b.put(at + Abi.Event.STATE + Abi.ProcState.COMM, name, 0, Math.min(name.length, 15));
    return b;
  }

  @Test
  void decodesEveryFieldAtItsOffset() {
    KernelEvent e = KernelEvent.decode(fixture(64, "dd", 0), 64, Abi.Event.SIZE);
    assertEquals(123_456_789_000L, e.bootTimeNanos());
    assertEquals(0b101, e.pipelines());
    assertEquals(4242, e.tgid());
    assertEquals(4243, e.tid());
    assertEquals(1, e.ptgid());
    assertEquals(1, e.syscallNr());
    assertArrayEquals(new long[] {1, 0x7ffd_0000_1000L, 1, -100, 0, -1}, e.args());
    assertEquals(1L << 13, e.capPermitted());
    assertEquals(1L << 13, e.capEffective());
    assertEquals(0x1ff_ffff_ffffL, e.capBounding());
    assertEquals(1L << 12, e.capAmbient());
    assertEquals(0, e.capInheritable());
    assertEquals(100_000_000_000L, e.startBootNanos());
    assertEquals(4026531836L, e.pidNamespaceInode(), "the inode is unsigned");
    assertEquals("dd", e.comm());
    assertEquals(7777, e.cgroupId());
    assertEquals(0xffff_8880_0555_0000L, e.state().cgroups());
    assertEquals(3, e.state().execId());
  }

  @Test
  void theVerdictFlagMeansTheKernelDecided() {
    assertTrue(KernelEvent.decode(fixture(0, "x", Abi.FLAG_VERDICT), 0, Abi.Event.SIZE).verdictApplied());
    assertEquals(false, KernelEvent.decode(fixture(0, "x", 0), 0, Abi.Event.SIZE).verdictApplied());
  }

  @Test
  void aFifteenCharacterCommHasNoTerminator() {
    assertEquals("abcdefghijklmno", KernelEvent.decode(fixture(8, "abcdefghijklmnopq", 0), 8, Abi.Event.SIZE).comm());
  }

  @Test
  void theStateRoundTripsBitForBit() {
    ByteBuffer b = fixture(0, "name\u00e9", 0);
    KernelEvent e = KernelEvent.decode(b, 0, Abi.Event.SIZE);
    ByteBuffer out = ByteBuffer.allocate(Abi.ProcState.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    e.state().encode(out, 0);
    for (int i = 0; i < Abi.ProcState.SIZE; i++) {
      assertEquals(b.get(Abi.Event.STATE + i), out.get(i), "byte " + i);
    }
  }

  @Test
  void rejectsShortAndUnknownRecords() {
    assertThrows(IllegalArgumentException.class, () -> KernelEvent.decode(fixture(0, "x", 0), 0, 100));
    ByteBuffer b = fixture(0, "x", 0);
    b.putInt(Abi.Event.TYPE, 99);
    assertThrows(IllegalArgumentException.class, () -> KernelEvent.decode(b, 0, Abi.Event.SIZE));
  }
}
