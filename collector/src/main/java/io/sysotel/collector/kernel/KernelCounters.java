package io.sysotel.collector.kernel;

/**
 * The kernel's counters summed over CPUs, with the ring-buffer losses also per CPU.
 *
 * @param seen syscalls in some pipeline's set
 * @param filtered dropped in the kernel by a cached verdict
 * @param submitted written into the ring buffer
 * @param lost not written: the ring buffer was full
 * @param wakeups submissions that woke the reader
 * @param lostPerCpu {@code lost} by CPU
 */
public record KernelCounters(
    long seen, long filtered, long submitted, long lost, long wakeups, long[] lostPerCpu) {}
