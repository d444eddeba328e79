package io.sysotel.collector.api;

import java.util.List;

/**
 * One syscall as exporters see it: decoded, enriched, and shared by every pipeline it matched.
 *
 * @param timeUnixNanos the kernel's event time, nanoseconds since the epoch
 * @param tid the calling thread's id
 * @param syscallId the syscall number on this architecture
 * @param function the syscall's name, as in the syscall table
 * @param args the named arguments; empty for compact pipelines
 * @param process the calling process
 */
public record SyscallRecord(
    long timeUnixNanos,
    int tid,
    int syscallId,
    String function,
    List<Argument> args,
    ProcessInfo process) {}
