package io.sysotel.exporters.json;

/**
 * Rendered JSON fragments keyed by the identity of two objects (a process and a meta selection,
 * a source). Direct-mapped: a colliding key replaces the old one, so memory stays bounded and a
 * hit allocates nothing.
 */
final class RenderCache {

  private final Object[] firsts;
  private final Object[] seconds;
  private final byte[][] values;
  private final int mask;

  /** @param capacity rounded up to a power of two */
  RenderCache(int capacity) {
    int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    firsts = new Object[size];
    seconds = new Object[size];
    values = new byte[size][];
    mask = size - 1;
  }

  /** The fragment cached for exactly these two instances, or null. */
  byte[] get(Object first, Object second) {
    int i = index(first, second);
    return firsts[i] == first && seconds[i] == second ? values[i] : null;
  }

  void put(Object first, Object second, byte[] value) {
    int i = index(first, second);
    firsts[i] = first;
    seconds[i] = second;
    values[i] = value;
  }

  private int index(Object first, Object second) {
    int h = System.identityHashCode(first) * 31 + System.identityHashCode(second);
    return (h ^ (h >>> 16)) & mask;
  }
}
