package io.sysotel.collector.bpf;

import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * A BPF ELF object: opened from bytes, configured, loaded into the kernel, closed. Programs and
 * maps are looked up by name; a missing name fails loudly, so a rename on one side of the
 * kernel/user contract cannot go unnoticed.
 */
public final class BpfObject implements AutoCloseable {

  private final Native nat;
  private final Pointer object;
  private final Pointer elf; // libbpf keeps referring to the buffer until close
  private final List<BpfLink> links = new ArrayList<>();
  private boolean closed;

  private BpfObject(Native nat, Pointer object, Pointer elf) {
    this.nat = nat;
    this.object = object;
    this.elf = elf;
  }

  /** Parses an ELF object; nothing reaches the kernel until {@link #load}. */
  public static BpfObject open(byte[] elfBytes) {
    Native nat = Native.get();
    Pointer elf = nat.copyToNative(elfBytes);
    return new BpfObject(nat, nat.openObject(elf, elfBytes.length), elf);
  }

  public BpfProgram program(String name) {
    Pointer p = nat.findProgram(object, name);
    if (p == null) {
      throw new IllegalStateException("BPF object has no program \"" + name + "\"");
    }
    return new BpfProgram(this, p, name);
  }

  public BpfMap map(String name) {
    Pointer p = nat.findMap(object, name);
    if (p == null) {
      throw new IllegalStateException("BPF object has no map \"" + name + "\"");
    }
    return new BpfMap(nat, p, name);
  }

  /** Creates the maps and verifies and loads the programs that are set to autoload. */
  public void load() {
    nat.loadObject(object);
  }

  BpfLink attach(BpfProgram program, Pointer handle) {
    BpfLink link = new BpfLink(nat, nat.attach(handle), program.name());
    links.add(link);
    return link;
  }

  /** Detaches every link, newest first; maps stay readable. Safe to call twice. */
  public void detach() {
    RuntimeException failure = null;
    for (int i = links.size() - 1; i >= 0; i--) {
      try {
        links.get(i).close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Detaches every link, then unloads programs and maps. Safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      detach();
    } finally {
      nat.closeObject(object);
    }
  }

  @Override
  public String toString() {
    return "BpfObject[" + elf.size() + " bytes]";
  }
}
