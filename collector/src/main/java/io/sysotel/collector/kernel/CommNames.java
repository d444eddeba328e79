package io.sysotel.collector.kernel;

import java.nio.ByteBuffer;

/**
 * Turns the kernel's 16-byte comm into a String, remembering recent ones: a busy process's
 * events then cost no allocation for its name. One reader thread owns an instance.
 */
public final class CommNames {

  private static final int SLOTS = 1024;

  private final long[] first = new long[SLOTS];
  private final long[] second = new long[SLOTS];
  private final String[] names = new String[SLOTS];

  /** The comm of 16 bytes at {@code offset}. */
  public String get(ByteBuffer b, int offset) {
    long c0 = b.getLong(offset);
    long c1 = b.getLong(offset + 8);
    long h = c0 * 0x9E3779B97F4A7C15L ^ c1;
    int slot = (int) (h ^ (h >>> 32)) & (SLOTS - 1);
    String name = names[slot];
    if (name != null && first[slot] == c0 && second[slot] == c1) {
      return name;
    }
    name = KernelEvent.cString(b, offset, Abi.COMM_LEN);
    first[slot] = c0;
    second[slot] = c1;
    names[slot] = name;
    return name;
  }
}
