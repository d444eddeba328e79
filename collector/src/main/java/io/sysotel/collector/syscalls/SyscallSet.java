package io.sysotel.collector.syscalls;

import java.util.BitSet;
import java.util.stream.IntStream;

/** An immutable set of syscall numbers: what a task traces, and what the kernel filter loads. */
public final class SyscallSet {

  private final BitSet numbers;

  private SyscallSet(BitSet numbers) {
    this.numbers = numbers;
  }

  /** A copy of {@code numbers}; later changes to it do not show here. */
  public static SyscallSet of(BitSet numbers) {
    return new SyscallSet((BitSet) numbers.clone());
  }

  public static SyscallSet of(int... numbers) {
    BitSet bits = new BitSet();
    for (int n : numbers) {
      bits.set(n);
    }
    return new SyscallSet(bits);
  }

  public boolean contains(int number) {
    return number >= 0 && numbers.get(number);
  }

  public int size() {
    return numbers.cardinality();
  }

  public boolean isEmpty() {
    return numbers.isEmpty();
  }

  /** The numbers in ascending order. */
  public IntStream stream() {
    return numbers.stream();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyscallSet other && numbers.equals(other.numbers);
  }

  @Override
  public int hashCode() {
    return numbers.hashCode();
  }

  @Override
  public String toString() {
    return numbers.toString();
  }
}
