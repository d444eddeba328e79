package io.sysotel.collector.pipeline;

import io.sysotel.collector.task.ArgumentLimits;
import java.util.List;

/**
 * The pipelines in force and the kernel generation they were installed under. Replaced as a
 * whole when pipelines change, so the reader thread always sees a consistent set. Draining
 * pipelines were removed from the kernel's masks but may still have events in the ring: they
 * receive those events and are flushed, but are no longer judged.
 */
record PipelineSet(List<Pipeline> pipelines, List<Pipeline> draining, Pipeline[] byBit, long generation) {

  static PipelineSet of(List<Pipeline> pipelines, long generation) {
    return of(pipelines, List.of(), generation);
  }

  static PipelineSet of(List<Pipeline> pipelines, List<Pipeline> draining, long generation) {
    Pipeline[] byBit = new Pipeline[64];
    for (Pipeline p : pipelines) {
      byBit[p.bit] = p;
    }
    for (Pipeline p : draining) {
      byBit[p.bit] = p;
    }
    return new PipelineSet(List.copyOf(pipelines), List.copyOf(draining), byBit, generation);
  }

  /**
   * Whether there are pipelines and none of them could queue a batch now: reading the ring would
   * only drop records.
   */
  boolean saturated() {
    if (pipelines.isEmpty() && draining.isEmpty()) {
      return false;
    }
    for (Pipeline p : pipelines) {
      if (!p.saturated()) {
        return false;
      }
    }
    for (Pipeline p : draining) {
      if (!p.saturated()) {
        return false;
      }
    }
    return true;
  }

  /** The pipelines that publish no arguments. */
  long compactMask() {
    long mask = 0;
    for (Pipeline p : pipelines) {
      if (p.compact) {
        mask |= p.mask();
      }
    }
    return mask;
  }

  /** Per syscall number, the largest limits of the pipelines that trace it with arguments. */
  ArgumentLimits[] captureLimits(int maxSyscalls) {
    ArgumentLimits[] limits = new ArgumentLimits[maxSyscalls];
    for (Pipeline p : pipelines) {
      if (p.compact) {
        continue;
      }
      for (int nr = p.syscalls.nextSetBit(0); nr >= 0 && nr < maxSyscalls; nr = p.syscalls.nextSetBit(nr + 1)) {
        limits[nr] = limits[nr] == null ? p.limits : limits[nr].max(p.limits);
      }
    }
    return limits;
  }

  /** The kernel mask for each syscall number: which pipelines want it. */
  long[] syscallMasks(int maxSyscalls) {
    long[] masks = new long[maxSyscalls];
    for (Pipeline p : pipelines) {
      for (int nr = p.syscalls.nextSetBit(0); nr >= 0 && nr < maxSyscalls; nr = p.syscalls.nextSetBit(nr + 1)) {
        masks[nr] |= p.mask();
      }
    }
    return masks;
  }
}
