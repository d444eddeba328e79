package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SyscallSetTest {

  @Test
  void keepsItsOwnCopyOfTheBits() {
    BitSet bits = new BitSet();
    bits.set(1);
    SyscallSet set = SyscallSet.of(bits);
    bits.set(0);
    assertFalse(set.contains(0));
    assertTrue(set.contains(1));
    assertEquals(1, set.size());
  }

  @Test
  void equalsAnotherSetOfTheSameNumbers() {
    assertEquals(SyscallSet.of(257, 0, 1), SyscallSet.of(0, 1, 257));
    assertEquals(SyscallSet.of(0, 1).hashCode(), SyscallSet.of(1, 0).hashCode());
    assertArrayEquals(new int[] {0, 1, 257}, SyscallSet.of(257, 1, 0).stream().toArray());
  }

  @Test
  void containsNoNegativeNumber() {
    assertFalse(SyscallSet.of(0).contains(-1));
    assertTrue(SyscallSet.of().isEmpty());
  }
}
