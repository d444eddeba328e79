package io.sysotel.collector.bpf;

import jnr.ffi.Pointer;

/** A shared read-write mapping of a map's memory; {@link #close} unmaps it (safe twice). */
public final class MappedMemory implements AutoCloseable {

  private final Native nat;
  private final long address;
  private final long length;
  private final Pointer pointer;
  private boolean closed;

  private MappedMemory(Native nat, long address, long length) {
    this.nat = nat;
    this.address = address;
    this.length = length;
    this.pointer = nat.wrap(address);
  }

  static MappedMemory map(Native nat, int fd, int size, String what) {
    long length = (size + nat.pageSize() - 1) / nat.pageSize() * nat.pageSize();
    return new MappedMemory(nat, nat.mmap(length, Native.PROT_READ | Native.PROT_WRITE, fd, what), length);
  }

  public Pointer pointer() {
    return pointer;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      nat.munmap(address, length);
    }
  }
}
