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
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
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
 * judging, decoding, enrichment and batching are compiled before the first burst. A cold reader
 * decodes its first hundreds of thousands of events in the interpreter while the compiler
 * threads compete with it and with the traced programs for the CPUs: on two cores most of a
 * two-million-event burst was lost that way.
 *
 * <p>What is compiled must also stay compiled once tracing starts. The ring reader's {@code
 * drain} is entered once per poll, so the records alone left it short of the calls that get it
 * optimized; records without a verdict, and conditions of every kind, run the code the first
 * real events run; and the records keep flowing until the compiler has gone quiet, since code
 * compiled early in the warm-up can be thrown away and compiled again later in it. Otherwise the
 * first traced events had the reader's hot path compiled again, 30-300 ms of the optimizing
 * compiler while the traced programs ran.
 */
final class ReaderWarmUp {

  /** Records read, unless the time runs out first. */
  static final int RECORDS = 300_000;
  static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(1);
  /**
   * Then the records keep flowing until the compiler has been quiet this long (longer than one
   * compilation of the hot path takes here), for this long at most.
   */
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
  static final long QUIET_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** Calls of the ring reader's loop on the emptied ring each pass: it is entered once per poll. */
  static final int EMPTY_DRAINS_PER_PASS = 16;

  /** The made-up ring: its page size and data capacity (a power of two that holds the records). */
  private static final int PAGE = 4096;
  private static final int RING_CAPACITY = 128 * 1024;

  /**
   * The warm-up pipelines' condition: a term of each kind (a pid, texts, a capability set,
   * labels), none true of this process, so judging runs the code real conditions run.
   */
  static final String CONDITION = "process.pid:1 OR process.name:sysotel-warm-up OR process.cmd:sysotel-warm-up"
      + " OR process.capamb:CAP_SYS_MODULE OR pod.label:app=sysotel-warm-up";

  /** One read in this many has no verdict. */
  static final int UNJUDGED_EVERY = 8;

  private static final int READ = 0;
  private static final int WRITE = 1;
  private static final int CLOSE = 3;
  private static final int OPENAT = 257;

  private ReaderWarmUp() {}

  /** Runs the warm-up in the calling thread; returns the records read. */
  static int run(BootClock clock, SyscallTable table) {
    return run(clock, table, new MetricRegistry(), RECORDS);
  }

  /**
   * As {@link #run(BootClock, SyscallTable)}, counting in {@code scratch}, reading {@code records}
   * records (or for {@link #BUDGET_NANOS}), then until the compiler is quiet.
   */
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
      CompilerActivity compiler = new CompilerActivity();
      long start = System.nanoTime();
      int read = 0;
      while (true) {
        ring.rewind(); // read the same records again
        read += ring.drain(loop);
        loop.flushAll();
        for (int i = 0; i < EMPTY_DRAINS_PER_PASS; i++) {
          ring.drain(loop); // nothing left to read: the call alone counts
        }
        long now = System.nanoTime();
        boolean enough = read >= records || now - start >= BUDGET_NANOS;
        if (enough && compiler.quietFor(QUIET_NANOS, now) || now - start >= BUDGET_NANOS + QUIET_BUDGET_NANOS) {
          return read;
        }
      }
    }
  }

  /**
   * Whether the JIT compilers have finished no compilation for a while, from the total
   * compilation time (which grows when a compilation ends). Checked while the records flow, a
   * quiet compiler means the hot path's compiled code is in place and stays.
   */
  private static final class CompilerActivity {
    private final CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
    private long spent = -1;
    private long quietSince;

    boolean quietFor(long nanos, long now) {
      if (bean == null || !bean.isCompilationTimeMonitoringSupported()) {
        return true;
      }
      long total = bean.getTotalCompilationTime();
      if (total != spent) {
        spent = total;
        quietSince = now;
      }
      return now - quietSince >= nanos;
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
    return new Pipeline(id, bit, Condition.parse(CONDITION), all, compact, ArgumentLimits.DEFAULTS,
        MetaSelection.ALL, new Source(null, "localhost", "warm-up", "syscalls", "warm-up"), List.of(),
        scratch.counter(id + ".matched"), new DeliveryCounts(scratch.counter(id + ".exported"), scratch.counter(id + ".lost")));
  }

  /**
   * Records of this process writing, reading, opening and closing, for one or both pipelines;
   * one read in {@link #UNJUDGED_EVERY} comes without the kernel's verdict, as a process's first
   * events do, and is judged (the warm-up's conditions do not match this process) and filtered.
   */
  private static ByteBuffer records() {
    ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    int pid = (int) ProcessHandle.current().pid();
    int off = 0;
    for (int i = 0; i < 128; i++) {
      long pipelines = 1 + i % 3; // full, compact, both
      if (i % UNJUDGED_EVERY == 0) {
        off = event(b, off, pid, 3, READ, new long[] {0, 0x7ffd0000L + i, 1, 0, 0, 0}, -1, null);
        b.putInt(off - Abi.Event.SIZE + Abi.Event.FLAGS, 0); // no verdict
      }
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
