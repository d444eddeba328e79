package io.sysotel.collector.api;

/**
 * What is known of a process at the time of a syscall. Instances are shared by all events of
 * the same process state, so exporters may cache per instance (identity).
 *
 * @param pid the thread group id, as user space calls a pid
 * @param ppid the parent's thread group id
 * @param name the kernel's comm (at most 15 characters)
 * @param cmd the command line, arguments joined by spaces; null when /proc could not tell
 * @param exe the executable's path; null when /proc could not tell
 * @param ns the pid namespace as {@code {device}-{inode}}
 * @param startTimeUnixNanos when the process started, nanoseconds since the epoch
 * @param container null when not in a container
 * @param pod null when not in a Kubernetes pod
 */
public record ProcessInfo(
    int pid,
    int ppid,
    String name,
    String cmd,
    String exe,
    String ns,
    long startTimeUnixNanos,
    ContainerInfo container,
    PodInfo pod) {}
