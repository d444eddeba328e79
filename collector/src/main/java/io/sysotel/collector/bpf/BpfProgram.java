package io.sysotel.collector.bpf;

import jnr.ffi.Pointer;

/** One program of a {@link BpfObject}. */
public final class BpfProgram {

  private final BpfObject object;
  private final Pointer handle;
  private final String name;

  BpfProgram(BpfObject object, Pointer handle, String name) {
    this.object = object;
    this.handle = handle;
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Before load: whether this program is verified and loaded with its object. */
  public void setAutoload(boolean autoload) {
    Native.get().setAutoload(handle, autoload);
  }

  /** Attaches at the point its section names; the object detaches it on close. */
  public BpfLink attach() {
    return object.attach(this, handle);
  }
}
