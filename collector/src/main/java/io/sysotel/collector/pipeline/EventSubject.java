package io.sysotel.collector.pipeline;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.conditions.Subject;
import io.sysotel.collector.kernel.KernelEvent;
import java.util.function.Supplier;

/**
 * What conditions see of an event's thread: identity and capability sets from the kernel event
 * (exact at the syscall), command line and executable from the process cache, looked up only
 * when a condition asks.
 */
final class EventSubject implements Subject {

  private final KernelEvent event;
  private final Supplier<ProcessInfo> lookup;
  private ProcessInfo process;

  EventSubject(KernelEvent event, Supplier<ProcessInfo> lookup) {
    this.event = event;
    this.lookup = lookup;
  }

  ProcessInfo process() {
    if (process == null) {
      process = lookup.get();
    }
    return process;
  }

  @Override
  public int pid() {
    return event.tgid();
  }

  @Override
  public String comm() {
    return event.comm();
  }

  @Override
  public String cmd() {
    return process().cmd();
  }

  @Override
  public String exe() {
    return process().exe();
  }

  @Override
  public long capInheritable() {
    return event.capInheritable();
  }

  @Override
  public long capPermitted() {
    return event.capPermitted();
  }

  @Override
  public long capEffective() {
    return event.capEffective();
  }

  @Override
  public long capBounding() {
    return event.capBounding();
  }

  @Override
  public long capAmbient() {
    return event.capAmbient();
  }

  @Override
  public ContainerInfo container() {
    return process().container();
  }

  @Override
  public PodInfo pod() {
    return process().pod();
  }
}
