package io.sysotel.collector.kernel;

import io.sysotel.collector.bpf.Native;

/**
 * Turns the kernel's boot-relative timestamps (bpf_ktime_get_boot_ns) into Unix time. The offset
 * between the two clocks moves when the wall clock is adjusted, so the reader refreshes it.
 */
public final class BootClock {

  private final Native nat;
  private volatile long offsetNanos;

  public BootClock(Native nat) {
    this.nat = nat;
    refresh();
  }

  /** Re-reads both clocks; the tighter of two samples bounds the error to one clock read. */
  public void refresh() {
    long best = Long.MAX_VALUE;
    long offset = 0;
    for (int i = 0; i < 2; i++) {
      long boot1 = nat.clockNanos(Native.CLOCK_BOOTTIME);
      long real = nat.clockNanos(Native.CLOCK_REALTIME);
      long boot2 = nat.clockNanos(Native.CLOCK_BOOTTIME);
      if (boot2 - boot1 < best) {
        best = boot2 - boot1;
        offset = real - (boot1 + (boot2 - boot1) / 2);
      }
    }
    offsetNanos = offset;
  }

  public long toUnixNanos(long bootNanos) {
    return bootNanos + offsetNanos;
  }

}
