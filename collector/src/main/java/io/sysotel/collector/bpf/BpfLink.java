package io.sysotel.collector.bpf;

import jnr.ffi.Pointer;

/** An attached program. Closing detaches it; safe to call twice. */
public final class BpfLink implements AutoCloseable {

  private final Native nat;
  private final Pointer link;
  private final String program;
  private boolean closed;

  BpfLink(Native nat, Pointer link, String program) {
    this.nat = nat;
    this.link = link;
    this.program = program;
  }

  public String program() {
    return program;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      nat.destroyLink(link);
    }
  }
}
