package io.sysotel.collector.bpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ring reader over memory laid out as the kernel's mapping, with records written here as the
 * kernel writes them: an 8-byte header (length with the BUSY and DISCARD bits, page offset),
 * records 8-aligned, positions growing without bound and masked by the capacity.
 */
class RingBufferTest {

  private static final int PAGE = 4096;
  private static final int CAPACITY = 4096;
  private static final int BUSY = 1 << 31;
  private static final int DISCARD = 1 << 30;

  private final ByteBuffer memory = ByteBuffer.allocateDirect(2 * PAGE + CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
  private final RingBuffer ring = RingBuffer.overMemory(memory, PAGE, CAPACITY);
  private final List<byte[]> read = new ArrayList<>();
  private final RingBuffer.RecordHandler collect = (b, off, len) -> {
    byte[] r = new byte[len];
    b.get(off, r);
    read.add(r);
  };

  private static byte[] record(int size, int seed) {
    byte[] r = new byte[size];
    for (int i = 0; i < size; i++) {
      r[i] = (byte) (seed * 31 + i);
    }
    return r;
  }

  /**
   * Writes a record at position {@code pos}, its bytes past the end of the data continuing at
   * its start; returns the next position.
   */
  private long put(long pos, byte[] record, int bits) {
    int header = (int) (pos & (CAPACITY - 1));
    memory.putInt(2 * PAGE + header, record.length | bits);
    for (int i = 0; i < record.length; i++) {
      memory.put(2 * PAGE + (int) ((pos + 8 + i) & (CAPACITY - 1)), record[i]);
    }
    return pos + ((record.length + 8 + 7) & ~7);
  }

  private void positions(long consumer, long producer) {
    memory.putLong(0, consumer);
    memory.putLong(PAGE, producer);
  }

  private long consumer() {
    return memory.getLong(0);
  }

  @Test
  void recordsArriveInOrderWhole() {
    byte[] a = record(24, 1);
    byte[] b = record(5, 2);
    byte[] c = record(200, 3);
    long end = put(put(put(0, a, 0), b, 0), c, 0);
    positions(0, end);

    assertEquals(3, ring.drain(collect));
    assertEquals(3, read.size());
    assertArrayEquals(a, read.get(0));
    assertArrayEquals(b, read.get(1));
    assertArrayEquals(c, read.get(2));
    assertEquals(end, consumer(), "the consumer position is handed back past the last record");
    assertEquals(0, ring.drain(collect), "nothing twice");
  }

  @Test
  void discardedRecordsAreSkippedAndABusyOneStopsTheDrain() {
    byte[] a = record(16, 1);
    long p1 = put(0, a, 0);
    long p2 = put(p1, record(32, 2), DISCARD);
    long p3 = put(p2, record(8, 3), BUSY);
    long end = put(p3, record(8, 4), 0);
    positions(0, end);

    assertEquals(1, ring.drain(collect));
    assertArrayEquals(a, read.get(0));
    assertEquals(p2, consumer(), "stops at the record still being written, past the discarded one");

    memory.putInt(2 * PAGE + (int) p2, 8); // the kernel committed it
    assertEquals(2, ring.drain(collect));
    assertEquals(end, consumer());
  }

  @Test
  void aRecordThatWrapsPastTheEndOfTheDataArrivesInOnePiece() {
    long start = 5 * CAPACITY - 16; // positions keep growing; only their low bits address the data
    byte[] wrapped = record(100, 7);
    byte[] next = record(8, 8);
    long end = put(put(start, wrapped, 0), next, 0);
    positions(start, end);

    assertEquals(2, ring.drain(collect));
    assertArrayEquals(wrapped, read.get(0));
    assertArrayEquals(next, read.get(1));
  }

  @Test
  void aHeaderInTheLastBytesOfTheDataHasItsRecordAtTheStart() {
    long start = CAPACITY - 8;
    byte[] r = record(40, 9);
    long end = put(start, r, 0);
    positions(start, end);

    assertEquals(1, ring.drain(collect));
    assertArrayEquals(r, read.get(0));
  }

  @Test
  void aHandlerThatIsNotReadyLeavesTheRestInTheRing() {
    long p1 = put(0, record(8, 1), 0);
    long end = put(p1, record(8, 2), 0);
    positions(0, end);
    RingBuffer.RecordHandler once = new RingBuffer.RecordHandler() {
      @Override
      public void onRecord(ByteBuffer b, int off, int len) {
        collect.onRecord(b, off, len);
      }

      @Override
      public boolean ready() {
        return read.isEmpty();
      }
    };

    assertEquals(1, ring.drain(once));
    assertEquals(p1, consumer());
    assertEquals(1, ring.drain(collect));
    assertEquals(end, consumer());
  }

  @Test
  void appendedRecordsAreReadAsTheKernelsAndAgainAfterARewind() {
    byte[] a = record(24, 1);
    byte[] b = record(5, 2);
    ring.append(ByteBuffer.wrap(a), 0, a.length);
    ring.append(ByteBuffer.wrap(b), 0, b.length);

    assertEquals(2, ring.drain(collect));
    ring.rewind();
    assertEquals(2, ring.drain(collect));
    assertEquals(4, read.size());
    assertArrayEquals(a, read.get(2));
    assertArrayEquals(b, read.get(3));
    assertEquals(32 + 16, consumer(), "each record behind its 8-byte header, 8-aligned");
  }

  @Test
  void appendingPastTheEndOfTheDataIsRefused() {
    byte[] big = record(CAPACITY - 16, 1);
    ring.append(ByteBuffer.wrap(big), 0, big.length);
    assertThrows(IllegalStateException.class, () -> ring.append(ByteBuffer.wrap(big), 0, 9));
  }

  @Test
  void memoryThatIsNotARingIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RingBuffer.overMemory(memory, PAGE, 3000));
    assertThrows(IllegalArgumentException.class, () -> RingBuffer.overMemory(memory, PAGE, 2 * CAPACITY));
    assertThrows(IllegalArgumentException.class,
        () -> RingBuffer.overMemory(ByteBuffer.allocate(2 * PAGE + CAPACITY), PAGE, CAPACITY));
  }
}
