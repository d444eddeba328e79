package io.sysotel.collector.api;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A syscall's arguments: names shared by every call of the syscall, the raw register values,
 * and each argument's decoded value. A list of {@link Argument}s for general use; exporters on
 * a hot path read {@link #name}, {@link #isNumber}, {@link #number} and {@link #value} directly.
 *
 * <p>A decoded value is a {@link Long} (integers, file descriptors), a {@link BigInteger} (an
 * unsigned 64-bit value above {@link Long#MAX_VALUE}), a {@link UserBytes} (a string or
 * buffer read from the process) or a {@link String} already in strace's notation (flags such
 * as {@code O_RDONLY|O_CLOEXEC}, pointers such as {@code 0x7ffd1000}, {@code NULL}, socket
 * addresses, string arrays, an unreadable pointer as {@code 0x1 /* EFAULT *}{@code /}).
 */
public final class Arguments extends AbstractList<Argument> implements RandomAccess {

  /**
   * The decoded value of an address argument (a pointer whose target is not shown, or a value
   * typed as an address): it reads {@code 0x} and its raw value in hex, rendered only when asked
   * for ({@link #value}), so the common case allocates nothing.
   */
  public static final Object ADDRESS = new Object() {
    @Override
    public String toString() {
      return "ADDRESS";
    }
  };

  private final String[] names;
  private final long[] raw;
  private final Object[] values;

  /**
   * Arguments shown as raw numbers.
   *
   * @param names the argument names, in order; not copied, so callers share one array per syscall
   * @param raw at least {@code names.length} values; not copied
   */
  public Arguments(String[] names, long[] raw) {
    this(names, raw, null);
  }

  /**
   * @param values decoded values, one per name, null where the raw value is the value; the array
   *     itself may be null; not copied
   */
  public Arguments(String[] names, long[] raw, Object[] values) {
    if (raw.length < names.length) {
      throw new IllegalArgumentException(names.length + " names but " + raw.length + " values");
    }
    this.names = names;
    this.raw = raw;
    this.values = values;
  }

  @Override
  public int size() {
    return names.length;
  }

  public String name(int index) {
    return names[index];
  }

  /**
   * The 64-bit value of argument {@code index}: for an integer, its value as its C type gives
   * it (an {@code int} of -1 is -1, not 4294967295); otherwise the register as it was.
   */
  public long raw(int index) {
    if (index >= names.length) {
      throw new IndexOutOfBoundsException(index);
    }
    return raw[index];
  }

  /** Whether argument {@code index} is an integer that fits a long: read it with {@link #number}. */
  public boolean isNumber(int index) {
    return values == null || values[index] == null || values[index] instanceof Long;
  }

  /** The integer value of an argument for which {@link #isNumber} holds. */
  public long number(int index) {
    Object v = values == null ? null : values[index];
    return v instanceof Long l ? l : raw(index);
  }

  /** Whether argument {@code index} is an address: {@code 0x} and {@link #raw} in hex. */
  public boolean isAddress(int index) {
    return values != null && values[index] == ADDRESS;
  }

  /** The decoded value: Long, BigInteger, UserBytes or String (see the class comment). */
  public Object value(int index) {
    Object v = values == null ? null : values[index];
    if (v == ADDRESS) {
      return "0x" + Long.toHexString(raw(index));
    }
    return v != null ? v : (Object) raw(index);
  }

  /** Appends the argument as strace prints it: text quoted, everything else as is. */
  public StringBuilder appendTo(StringBuilder out, int index) {
    Object v = value(index);
    return v instanceof UserBytes b ? out.append(b.quoted()) : out.append(v);
  }

  @Override
  public Argument get(int index) {
    return new Argument(name(index), value(index));
  }
}
