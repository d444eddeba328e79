package io.sysotel.collector.bpf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * Reads a BPF ring buffer straight from its memory mapping, as libbpf's ring_buffer__consume
 * does but without a native callback per record.
 *
 * <p>Layout of the map's mapping: page 0 holds the consumer position (the only page user space
 * may write), page 1 the producer position, then the data pages. The kernel offers the data
 * pages twice in a row, so that a wrapping record reads as one range; they are mapped once here,
 * since every mapped page counts in the process's resident size, and the few records that wrap
 * past the end are copied into one piece. Each record starts with an 8-byte header (never
 * split: records are 8-aligned) whose length word carries a BUSY bit (still being written) and a
 * DISCARD bit. Positions are read with acquire and the consumer position written with release
 * semantics.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class RingBuffer implements AutoCloseable {

  /** Receives one record: {@code length} bytes at {@code offset} of {@code buffer}. */
  @FunctionalInterface
  public interface RecordHandler {
    void onRecord(ByteBuffer buffer, int offset, int length);

    /**
     * Whether the handler takes another record now. When it does not, draining stops and the
     * records not handed over stay in the ring, where the kernel keeps them (and counts those it
     * has no room for).
     */
    default boolean ready() {
      return true;
    }
  }

  private static final int BUSY_BIT = 1 << 31;
  private static final int DISCARD_BIT = 1 << 30;
  private static final int HEADER_SIZE = 8;
  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final Native nat;
  private final long consumerAddress;
  private final long ringAddress;
  private final long pageSize;
  private final long ringLength;
  private final ByteBuffer consumer;
  private final ByteBuffer ring;
  private final int producerOffset;
  private final int dataOffset;
  private final long mask;
  private final int dataEnd;
  /**
   * A wrapped record, in one piece. Direct, like the mapping: handlers then only ever see one
   * kind of buffer, and the compiled reader is not thrown away the first time a record wraps.
   */
  private ByteBuffer joined = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
  private final int epollFd;
  private final Pointer epollEvents;
  private boolean closed;

  private RingBuffer(Native nat, int fd, int capacity) {
    this.nat = nat;
    this.pageSize = nat.pageSize();
    this.ringLength = 2 * pageSize + capacity;
    this.consumerAddress = nat.mmap(pageSize, Native.PROT_READ | Native.PROT_WRITE, fd, "ring consumer page");
    long ro;
    try {
      ro = nat.mmap(ringLength, Native.PROT_READ, fd, "ring data");
    } catch (RuntimeException e) {
      nat.munmap(consumerAddress, pageSize);
      throw e;
    }
    this.ringAddress = ro;
    int ep;
    try {
      ep = nat.epollFor(fd);
    } catch (RuntimeException e) {
      nat.munmap(ringAddress, ringLength);
      nat.munmap(consumerAddress, pageSize);
      throw e;
    }
    this.epollFd = ep;
    this.epollEvents = nat.allocate(16);
    this.consumer = Native.buffer(consumerAddress, pageSize);
    this.ring = Native.buffer(ringAddress, ringLength);
    this.producerOffset = (int) pageSize;
    this.dataOffset = (int) (2 * pageSize);
    this.mask = capacity - 1L;
    this.dataEnd = dataOffset + capacity;
  }

  /** A ring over memory, nothing to map, unmap or wait on. */
  private RingBuffer(ByteBuffer memory, int pageSize, int capacity) {
    this.nat = null;
    this.pageSize = pageSize;
    this.ringLength = 2L * pageSize + capacity;
    this.consumerAddress = 0;
    this.ringAddress = 0;
    this.epollFd = -1;
    this.epollEvents = null;
    this.consumer = memory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.ring = memory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.producerOffset = pageSize;
    this.dataOffset = 2 * pageSize;
    this.mask = capacity - 1L;
    this.dataEnd = dataOffset + capacity;
  }

  /**
   * A ring over {@code memory} laid out as the map's mapping (the consumer page, the producer
   * page, then {@code capacity} bytes of data, pages of {@code pageSize} bytes), whose records
   * are written by the caller ({@link #append}, or by hand as the kernel writes them): the
   * reader's warm-up reads made-up records through the same code as the kernel's. {@link #poll}
   * only drains.
   */
  public static RingBuffer overMemory(ByteBuffer memory, int pageSize, int capacity) {
    if (Integer.bitCount(capacity) != 1 || !memory.isDirect() || memory.capacity() < 2L * pageSize + capacity) {
      throw new IllegalArgumentException("not a ring's layout: " + memory.capacity() + " bytes for " + capacity);
    }
    return new RingBuffer(memory, pageSize, capacity);
  }

  /**
   * Writes a committed record of {@code length} bytes of {@code src} at the producer position,
   * as the kernel does. Rings over memory only; the records appended since the start must fit in
   * the data without wrapping.
   */
  public void append(ByteBuffer src, int offset, int length) {
    long pos = (long) LONG.getAcquire(ring, producerOffset);
    long next = pos + ((length + HEADER_SIZE + 7) & ~7L);
    if (nat != null || next > mask + 1) {
      throw new IllegalStateException("no room for a record of " + length + " bytes at " + pos);
    }
    int header = dataOffset + (int) pos;
    ring.putInt(header, length); // neither busy nor discarded
    ring.put(header + HEADER_SIZE, src, offset, length);
    LONG.setRelease(ring, producerOffset, next);
  }

  /** Moves the consumer back to the first record: a ring over memory hands its records out again. */
  public void rewind() {
    if (nat != null) {
      throw new IllegalStateException("a mapped ring is the kernel's to fill");
    }
    LONG.setRelease(consumer, 0, 0L);
  }

  /** Maps a loaded ring-buffer map for reading. */
  public static RingBuffer open(BpfMap map) {
    int capacity = map.maxEntries();
    if (Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("ring buffer size is not a power of two: " + capacity);
    }
    return new RingBuffer(Native.get(), map.fd(), capacity);
  }

  /**
   * Hands every committed record to {@code handler}, in order, and frees its space. Stops at a
   * record the kernel is still writing, or when the handler is not {@linkplain
   * RecordHandler#ready ready}.
   *
   * @return the number of records handed over
   */
  public int drain(RecordHandler handler) {
    long consumerPos = (long) LONG.getAcquire(consumer, 0);
    int count = 0;
    while (true) {
      long producerPos = (long) LONG.getAcquire(ring, producerOffset);
      if (consumerPos >= producerPos) {
        return count;
      }
      while (consumerPos < producerPos) {
        if (!handler.ready()) {
          return count;
        }
        int header = dataOffset + (int) (consumerPos & mask);
        int length = (int) INT.getAcquire(ring, header);
        if ((length & BUSY_BIT) != 0) {
          return count;
        }
        int size = length & ~(BUSY_BIT | DISCARD_BIT);
        consumerPos += (size + HEADER_SIZE + 7) & ~7L;
        if ((length & DISCARD_BIT) == 0) {
          deliver(handler, header + HEADER_SIZE, size);
          count++;
        }
        LONG.setRelease(consumer, 0, consumerPos);
      }
    }
  }

  private void deliver(RecordHandler handler, int start, int size) {
    if (start >= dataEnd) { // the header filled the last bytes: the record starts over at the top
      handler.onRecord(ring, start - dataEnd + dataOffset, size);
    } else if (start + size <= dataEnd) {
      handler.onRecord(ring, start, size);
    } else {
      if (joined.capacity() < size) {
        joined = ByteBuffer.allocateDirect(Integer.highestOneBit(size) << 1).order(ByteOrder.LITTLE_ENDIAN);
      }
      int head = dataEnd - start;
      joined.put(0, ring, start, head);
      joined.put(head, ring, dataOffset, size - head);
      handler.onRecord(joined, 0, size);
    }
  }

  /**
   * Drains; if nothing was there, waits up to {@code timeoutMillis} for the kernel's wake-up and
   * drains again.
   */
  public int poll(int timeoutMillis, RecordHandler handler) {
    int n = drain(handler);
    if (n > 0 || nat == null) {
      return n;
    }
    nat.epollWait(epollFd, epollEvents, timeoutMillis);
    return drain(handler);
  }

  /** Unmaps the ring (safe to call twice). Records not yet drained are dropped. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (nat == null) {
      return;
    }
    nat.closeFd(epollFd);
    nat.munmap(ringAddress, ringLength);
    nat.munmap(consumerAddress, pageSize);
  }
}
