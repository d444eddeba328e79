package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.bpf.RingBuffer;
import io.sysotel.collector.kernel.Abi;
import io.sysotel.collector.kernel.BootClock;
import io.sysotel.collector.kernel.CommNames;
import io.sysotel.collector.kernel.KernelEvent;
import io.sysotel.collector.process.ProcessCache;
import io.sysotel.collector.syscalls.Syscall;
import io.sysotel.collector.syscalls.SyscallTable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The reader thread: drains the ring buffer, decides the verdicts the kernel could not, enriches
 * each event with its process, and gathers records into each matching pipeline's batch.
 * Data flows one way: ring, decode, judge, enrich, batch; exporters run on threads of their own.
 */
final class EventLoop implements RingBuffer.RecordHandler {

  private static final Logger log = Logger.getLogger(EventLoop.class.getName());
  private static final int POLL_MILLIS = 20;
  private static final long CLOCK_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final String[] UNKNOWN_ARGUMENTS = {"arg0", "arg1", "arg2", "arg3", "arg4", "arg5"};

  private final RingBuffer ring;
  private final BootClock clock;
  private final ProcessCache processes;
  private final Judge judge;
  private final String[][] argumentNames;
  private final String[] functionNames;
  private final CommNames commNames = new CommNames();
  private final Counter decoded;
  private final Counter filtered;
  private final Counter unrouted;
  private final RateLimitedLog badRecords = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(10));
  private volatile PipelineSet pipelines;
  // The last process looked up, with the event fields it was looked up by.
  private ProcessInfo lastProcess;
  private int lastTgid;
  private int lastPtgid;
  private long lastStart;
  private long lastPidns;
  private long lastExec;
  private long lastComm0;
  private long lastComm1;
  private volatile boolean stopping;
  /** Loop iterations completed: lets a pipeline change wait until the ring was read past it. */
  private final AtomicLong passes = new AtomicLong();

  EventLoop(
      RingBuffer ring,
      BootClock clock,
      ProcessCache processes,
      Judge judge,
      SyscallTable table,
      PipelineSet pipelines,
      MetricRegistry metrics) {
    this.ring = ring;
    this.clock = clock;
    this.processes = processes;
    this.judge = judge;
    this.pipelines = pipelines;
    this.decoded = metrics.counter(MetricNames.DECODED);
    this.filtered = metrics.counter(MetricNames.USER_FILTERED);
    this.unrouted = metrics.counter(MetricNames.UNROUTED);
    int max = table.maxNumber() + 1;
    this.functionNames = new String[max];
    this.argumentNames = new String[max][];
    for (Syscall s : table.all()) {
      functionNames[s.number()] = s.name();
      argumentNames[s.number()] = s.args().stream().map(a -> a.name()).toArray(String[]::new);
    }
  }

  void setPipelines(PipelineSet set) {
    this.pipelines = set;
  }

  PipelineSet pipelines() {
    return pipelines;
  }

  /**
   * Waits until the reader has run one whole iteration that began after this call: every event
   * the kernel committed before the call has then been read, and the pipeline set in force at
   * the call is the one the reader uses. Returns at once when the reader has stopped.
   */
  void awaitPass() {
    long target = passes.get() + 2;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (passes.get() < target && !stopping && System.nanoTime() < deadline) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Runs until {@link #stop}; then drains what the ring still holds and flushes every batch. */
  void run() {
    long lastClockRefresh = System.nanoTime();
    while (!stopping) {
      ring.poll(POLL_MILLIS, this);
      flushAll();
      long now = System.nanoTime();
      if (now - lastClockRefresh > CLOCK_REFRESH_NANOS) {
        clock.refresh();
        lastClockRefresh = now;
      }
      passes.incrementAndGet();
    }
    while (ring.drain(this) > 0) {
      // keep draining: the program is detached, so the ring only empties
    }
    flushAll();
  }

  void stop() {
    stopping = true;
  }

  private void flushAll() {
    PipelineSet set = pipelines;
    for (Pipeline p : set.pipelines()) {
      p.flush();
    }
    for (Pipeline p : set.draining()) {
      p.flush();
    }
  }

  /**
   * One ring record. Events the kernel already judged (the common case) are read field by field
   * from the ring, without decoding a whole {@link KernelEvent}.
   */
  @Override
  public void onRecord(ByteBuffer b, int off, int length) {
    if (length < Abi.Event.SIZE || b.getInt(off + Abi.Event.TYPE) != Abi.EVENT_SYSCALL) {
      badRecords.warn("skipping a ring record of " + length + " bytes, type " + b.getInt(off + Abi.Event.TYPE));
      return;
    }
    decoded.inc();
    PipelineSet set = pipelines;
    long mask = b.getLong(off + Abi.Event.PIPELINES);
    if ((b.getInt(off + Abi.Event.FLAGS) & Abi.FLAG_VERDICT) == 0) {
      KernelEvent event = KernelEvent.decode(b, off, length, commNames);
      mask &= judge.decide(event, new EventSubject(event, () -> process(b, off)), set);
    }
    if (mask == 0) {
      filtered.inc();
      return;
    }
    ProcessInfo process = process(b, off);
    long time = clock.toUnixNanos(b.getLong(off + Abi.Event.KTIME_NS));
    int tid = b.getInt(off + Abi.Event.TID);
    int nr = b.getInt(off + Abi.Event.SYSCALL_NR);
    String function = function(nr);
    SyscallRecord full = null;
    SyscallRecord compact = null;
    for (long m = mask; m != 0; m &= m - 1) {
      Pipeline p = set.byBit()[Long.numberOfTrailingZeros(m)];
      if (p == null) {
        unrouted.inc(); // a pipeline removed while its events were still in the ring
        continue;
      }
      if (p.compact) {
        if (compact == null) {
          compact = new SyscallRecord(time, tid, nr, function, List.of(), process);
        }
        p.add(compact);
      } else {
        if (full == null) {
          full = new SyscallRecord(time, tid, nr, function, arguments(nr, b, off), process);
        }
        p.add(full);
      }
    }
  }

  /** The event's process; consecutive events of one process state share one lookup. */
  private ProcessInfo process(ByteBuffer b, int off) {
    int tgid = b.getInt(off + Abi.Event.TGID);
    int ptgid = b.getInt(off + Abi.Event.PTGID);
    long start = b.getLong(off + Abi.Event.START_BOOT_NS);
    long pidns = Integer.toUnsignedLong(b.getInt(off + Abi.Event.PIDNS_INUM));
    long exec = b.getLong(off + Abi.Event.STATE + Abi.ProcState.EXEC_ID);
    long comm0 = b.getLong(off + Abi.Event.STATE + Abi.ProcState.COMM);
    long comm1 = b.getLong(off + Abi.Event.STATE + Abi.ProcState.COMM + 8);
    if (lastProcess != null && tgid == lastTgid && ptgid == lastPtgid && start == lastStart
        && pidns == lastPidns && exec == lastExec && comm0 == lastComm0 && comm1 == lastComm1) {
      return lastProcess;
    }
    String comm = commNames.get(b, off + Abi.Event.STATE + Abi.ProcState.COMM);
    lastProcess = processes.lookup(tgid, ptgid, comm, start, pidns, exec);
    lastTgid = tgid;
    lastPtgid = ptgid;
    lastStart = start;
    lastPidns = pidns;
    lastExec = exec;
    lastComm0 = comm0;
    lastComm1 = comm1;
    return lastProcess;
  }

  private String function(int nr) {
    String name = nr >= 0 && nr < functionNames.length ? functionNames[nr] : null;
    return name != null ? name : "syscall_" + nr;
  }

  /** Raw argument values named by the syscall table; unknown syscalls get all six as arg0..arg5. */
  private List<Argument> arguments(int nr, ByteBuffer b, int off) {
    String[] names = nr >= 0 && nr < argumentNames.length ? argumentNames[nr] : null;
    long[] raw = new long[6];
    for (int i = 0; i < 6; i++) {
      raw[i] = b.getLong(off + Abi.Event.ARGS + 8 * i);
    }
    return new Arguments(names != null ? names : UNKNOWN_ARGUMENTS, raw);
  }
}
