package io.sysotel.collector.bpf;

import jnr.ffi.Pointer;

/** One map of a {@link BpfObject}: settings before load, element access after. */
public final class BpfMap {

  /** bpf_map_update_elem flag: create or replace. */
  public static final long ANY = 0;

  private final Native nat;
  private final Pointer handle;
  private final String name;
  private int fd = -1;

  BpfMap(Native nat, Pointer handle, String name) {
    this.nat = nat;
    this.handle = handle;
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** The map's file descriptor, once loaded; asked of libbpf once. */
  public int fd() {
    if (fd < 0) {
      fd = nat.mapFd(handle);
    }
    return fd;
  }

  /** Before load. For ring buffers: bytes, a power of two multiple of the page size. */
  public void setMaxEntries(int maxEntries) {
    nat.setMaxEntries(handle, maxEntries);
  }

  public int maxEntries() {
    return nat.maxEntries(handle);
  }

  public int valueSize() {
    return nat.valueSize(handle);
  }

  /** Before load: the initial value of a global data section ({@code .rodata}, {@code .bss}). */
  public Pointer initialValue() {
    return nat.initialValue(handle, name);
  }

  /**
   * After load: maps a global data section read-write, so the collector changes what the
   * running program reads. (libbpf 1.1 remaps these only for skeletons, so we map it here.)
   */
  public MappedMemory mapGlobalData() {
    return MappedMemory.map(nat, fd(), valueSize(), name);
  }

  /** Looks up {@code key} into {@code value}; false when absent. */
  public boolean lookup(Pointer key, Pointer value) {
    return nat.lookup(fd(), key, value);
  }

  public void update(Pointer key, Pointer value, long flags) {
    nat.update(fd(), key, value, flags);
  }

  /** Deletes {@code key}; false when it was absent. */
  public boolean delete(Pointer key) {
    return nat.delete(fd(), key);
  }
}
