package io.sysotel.collector.api;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A syscall's arguments as the kernel passed them: names shared by every call of the syscall,
 * and the raw register values. A list of {@link Argument}s for general use; exporters on a hot
 * path read {@link #name} and {@link #raw} directly and allocate nothing.
 */
public final class Arguments extends AbstractList<Argument> implements RandomAccess {

  private final String[] names;
  private final long[] raw;

  /**
   * @param names the argument names, in order; not copied, so callers share one array per syscall
   * @param raw at least {@code names.length} values; not copied
   */
  public Arguments(String[] names, long[] raw) {
    if (raw.length < names.length) {
      throw new IllegalArgumentException(names.length + " names but " + raw.length + " values");
    }
    this.names = names;
    this.raw = raw;
  }

  @Override
  public int size() {
    return names.length;
  }

  public String name(int index) {
    return names[index];
  }

  /** The raw 64-bit value of argument {@code index}. */
  public long raw(int index) {
    if (index >= names.length) {
      throw new IndexOutOfBoundsException(index);
    }
    return raw[index];
  }

  @Override
  public Argument get(int index) {
    return new Argument(name(index), raw(index));
  }
}
