package io.sysotel.collector.pipeline;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.bpf.RingBuffer;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.kernel.Abi;
import io.sysotel.collector.kernel.BootClock;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.process.ProcessCache;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.task.ArgumentLimits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Readies the reader's hot path before tracing starts: made-up records, laid out as the kernel
 * writes them, in a ring of memory, are drained by the same ring reader into a reader of their
 * own (its own process cache, no metadata sources, pipelines without exporters), so draining,
 * decoding, enrichment and batching are compiled before the first burst. A cold reader decodes
 * its first hundreds of thousands of events in the interpreter while the compiler threads
 * compete with it and with the traced programs for the CPUs: on two cores most of a
 * two-million-event burst was lost that way.
 */
final class ReaderWarmUp {

  /** Records read at most, and the time that may take. */
  static final int RECORDS = 300_000;
  static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The made-up ring: its page size and data capacity (a power of two that holds the records). */
  private static final int PAGE = 4096;
  private static final int RING_CAPACITY = 128 * 1024;

  private static final int READ = 0;
  private static final int WRITE = 1;
  private static final int CLOSE = 3;
  private static final int OPENAT = 257;

  private ReaderWarmUp() {}

  /** Runs the warm-up in the calling thread; returns the records read. */
  static int run(BootClock clock, SyscallTable table) {
    return run(clock, table, new MetricRegistry(), RECORDS);
  }

  /** As {@link #run(BootClock, SyscallTable)}, counting in {@code scratch}, up to {@code records} records. */
  static int run(BootClock clock, SyscallTable table, MetricRegistry scratch, int records) {
    try (Metadata none = Metadata.start(Metadata.Settings.off())) {
      ProcessCache processes = ProcessCache.builder()
          .setMaxEntries(16)
          .setBootTimeUnixNanos(clock.toUnixNanos(0))
          .build();
      Judge judge = new Judge((tid, state, match, generation) -> {}, scratch.counter("evaluations"), 16);
      PipelineSet set = PipelineSet.of(List.of(pipeline(0, false, scratch), pipeline(1, true, scratch)), 0);
      EventLoop loop = new EventLoop(null, clock, processes, none, () -> {}, judge, table, set, scratch);
      RingBuffer ring = ring(records());
      long deadline = System.nanoTime() + BUDGET_NANOS;
      int read = 0;
      while (read < records && System.nanoTime() < deadline) {
        ring.rewind(); // read the same records again
        read += ring.drain(loop);
        loop.flushAll();
      }
      return read;
    }
  }

  /** A ring in memory holding the records. */
  private static RingBuffer ring(ByteBuffer records) {
    ByteBuffer memory = ByteBuffer.allocateDirect(2 * PAGE + RING_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
    RingBuffer ring = RingBuffer.overMemory(memory, PAGE, RING_CAPACITY);
    for (int off = 0; off < records.limit(); ) {
      int size = records.getInt(off + Abi.Event.SIZE_FIELD);
      ring.append(records, off, size);
      off += (size + 7) & ~7;
    }
    return ring;
  }

  private static Pipeline pipeline(int bit, boolean compact, MetricRegistry scratch) {
    String id = "warm-up-" + bit;
    BitSet all = new BitSet();
    all.set(0, Abi.MAX_SYSCALLS);
    return new Pipeline(id, bit, Condition.parse("process.pid:1"), all, compact, ArgumentLimits.DEFAULTS,
        MetaSelection.ALL, new Source(null, "localhost", "warm-up", "syscalls", "warm-up"), List.of(),
        scratch.counter(id + ".matched"), new DeliveryCounts(scratch.counter(id + ".exported"), scratch.counter(id + ".lost")));
  }

  /** Records of this process writing, reading, opening and closing, for one or both pipelines. */
  private static ByteBuffer records() {
    ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    int pid = (int) ProcessHandle.current().pid();
    int off = 0;
    for (int i = 0; i < 128; i++) {
      long pipelines = 1 + i % 3; // full, compact, both
      off = event(b, off, pid, pipelines, READ, new long[] {0, 0x7ffd0000L + i, 1, 0, 0, 0}, -1, null);
      byte[] written = {'+', (byte) i, '\n'};
      off = event(b, off, pid, pipelines, WRITE, new long[] {1, 0x7ffd1000L + i, written.length, 0, 0, 0}, 1, written);
      if (i % 16 == 0) {
        byte[] path = ("/var/lib/warm-up/" + i).getBytes(StandardCharsets.US_ASCII);
        off = event(b, off, pid, pipelines, OPENAT, new long[] {-100, 0x7ffd2000L, 0x80000, 0, 0, 0}, 1, path);
        off = event(b, off, pid, pipelines, CLOSE, new long[] {3, 0, 0, 0, 0, 0}, -1, null);
      }
    }
    b.limit(off);
    return b;
  }

  /** Writes one record at {@code off} with at most one captured argument; returns the next offset. */
  private static int event(ByteBuffer b, int off, int pid, long pipelines, int nr, long[] args, int arg, byte[] data) {
    int size = Abi.Event.SIZE + (data == null ? 0 : Abi.Chunk.SIZE + ((data.length + 7) & ~7));
    for (int i = 0; i < size; i++) {
      b.put(off + i, (byte) 0);
    }
    b.putInt(off + Abi.Event.TYPE, Abi.EVENT_SYSCALL);
    b.putInt(off + Abi.Event.SIZE_FIELD, size);
    b.putLong(off + Abi.Event.KTIME_NS, 1_000_000_000L + off);
    b.putLong(off + Abi.Event.PIPELINES, pipelines);
    b.putInt(off + Abi.Event.TGID, pid);
    b.putInt(off + Abi.Event.TID, pid);
    b.putInt(off + Abi.Event.PTGID, 1);
    b.putInt(off + Abi.Event.SYSCALL_NR, nr);
    for (int i = 0; i < 6; i++) {
      b.putLong(off + Abi.Event.ARGS + 8 * i, args[i]);
    }
    b.putInt(off + Abi.Event.PIDNS_INUM, 1);
    b.putInt(off + Abi.Event.FLAGS, Abi.FLAG_VERDICT);
    b.putLong(off + Abi.Event.CGROUP_ID, 1);
    byte[] comm = "warm-up".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < comm.length; i++) {
      b.put(off + Abi.Event.STATE + Abi.ProcState.COMM + i, comm[i]);
    }
    if (data != null) {
      int chunk = off + Abi.Event.SIZE;
      b.put(chunk + Abi.Chunk.ARG, (byte) arg);
      b.put(chunk + Abi.Chunk.KIND, (byte) (nr == OPENAT ? Abi.ARG_STRING : Abi.ARG_BUFFER));
      b.putShort(chunk + Abi.Chunk.LEN, (short) data.length);
      b.put(chunk + Abi.Chunk.SIZE, data);
    }
    return off + size;
  }
}
