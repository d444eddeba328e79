package io.sysotel.collector.conditions;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.PodInfo;

/**
 * What a condition asks about a process, in its state at the time of a syscall. Capability sets are
 * 64-bit masks as in {@link Capability}. Text a source could not tell is null, which no term
 * matches.
 */
public interface Subject {

  /** The process id (the kernel's thread group id). */
  int pid();

  /** The kernel's name of the process (comm), at most 15 characters. */
  String comm();

  /** The command line, arguments joined by spaces. */
  String cmd();

  /** The executable's path. */
  String exe();

  long capInheritable();

  long capPermitted();

  long capEffective();

  long capBounding();

  long capAmbient();

  /** The container the process runs in, null when it runs in none. */
  ContainerInfo container();

  /** The Kubernetes pod the process runs in, null when it runs in none. */
  PodInfo pod();
}
