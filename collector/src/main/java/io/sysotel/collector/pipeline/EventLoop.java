package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.bpf.RingBuffer;
import io.sysotel.collector.kernel.Abi;
import io.sysotel.collector.kernel.ArgumentDecoder;
import io.sysotel.collector.kernel.BootClock;
import io.sysotel.collector.kernel.CommNames;
import io.sysotel.collector.kernel.KernelEvent;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.process.ProcessCache;
import io.sysotel.collector.syscalls.DecodingTable;
import io.sysotel.collector.syscalls.Syscall;
import io.sysotel.collector.syscalls.SyscallTable;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
  private static final long SATURATED_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /**
   * How long stopping waits for full exporters to take the ring's last records; what they have
   * no room for then is read and dropped (counted).
   */
  static final long STOP_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final RingBuffer ring;
  private final BootClock clock;
  private final ProcessCache processes;
  private final Metadata metadata;
  private final long holdNanos;
  /** Events of containers whose metadata is still coming, oldest first. */
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final Map<Metadata.Known, Integer> heldPerContainer = new IdentityHashMap<>();
  private final Runnable renewVerdicts;
  private final Judge judge;
  private final ArgumentDecoder arguments;
  private final String[] functionNames;
  private final CommNames commNames = new CommNames();
  private final Counter decoded;
  /** Records decoded since the last {@link #flushAll}: counted there, not one by one. */
  private long decodedSinceFlush;
  private final Counter filtered;
  private final Counter unrouted;
  private final Counter malformed;
  private final Counter heldEvents;
  private final Counter resolvedLate;
  private final Counter withoutMetadata;
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
  private Metadata.Known lastKnown;
  private Object lastContainer;
  private Object lastPod;
  private volatile boolean stopping;
  /** Every pipeline's exporters were full when last looked at (see {@link #ready}). */
  private boolean saturated;
  /** Stopping has waited long enough for full exporters: the rest is read and dropped. */
  private boolean impatient;

  /** An event waiting for its container's metadata: a copy of its ring record. */
  private record Held(ByteBuffer record, Metadata.Known known) {}

  /** Events held at most at once; beyond, the oldest goes on with what is known. */
  static final int MAX_HELD = 65536;
  /** Loop iterations completed: lets a pipeline change wait until the ring was read past it. */
  private final AtomicLong passes = new AtomicLong();

  EventLoop(
      RingBuffer ring,
      BootClock clock,
      ProcessCache processes,
      Metadata metadata,
      Runnable renewVerdicts,
      Judge judge,
      SyscallTable table,
      PipelineSet pipelines,
      MetricRegistry metrics) {
    this.ring = ring;
    this.clock = clock;
    this.processes = processes;
    this.metadata = metadata;
    this.holdNanos = metadata.hold().toNanos();
    this.renewVerdicts = renewVerdicts;
    this.judge = judge;
    this.pipelines = pipelines;
    this.decoded = metrics.counter(MetricNames.DECODED);
    this.filtered = metrics.counter(MetricNames.USER_FILTERED);
    this.unrouted = metrics.counter(MetricNames.UNROUTED);
    this.malformed = metrics.counter(MetricNames.MALFORMED);
    this.heldEvents = metrics.counter(MetricNames.METADATA_HELD);
    this.resolvedLate = metrics.counter(MetricNames.METADATA_RESOLVED_LATE);
    this.withoutMetadata = metrics.counter(MetricNames.METADATA_MISSING);
    int max = table.maxNumber() + 1;
    this.functionNames = new String[max];
    for (Syscall s : table.all()) {
      functionNames[s.number()] = s.name();
    }
    this.arguments = new ArgumentDecoder(table, DecodingTable.x86_64());
  }

  void setPipelines(PipelineSet set) {
    this.pipelines = set;
  }

  PipelineSet pipelines() {
    return pipelines;
  }

  /**
   * Waits until the reader has run one whole iteration that began after this call: every event
   * the kernel committed before the call has then been read (unless every exporter was full, see
   * {@link #ready}: those events are read later, and those of a pipeline removed meanwhile count
   * as unrouted), and the pipeline set in force at the call is the one the reader uses. Returns
   * at once when the reader has stopped.
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
      saturated = pipelines.saturated();
      if (saturated) {
        LockSupport.parkNanos(SATURATED_PAUSE_NANOS);
      } else {
        ring.poll(POLL_MILLIS, this);
      }
      LongPredicate changed = metadata.drainChanges();
      if (changed != null && judge.judgedAny(changed)) {
        renewVerdicts.run();
      }
      release(false);
      flushAll();
      long now = System.nanoTime();
      if (now - lastClockRefresh > CLOCK_REFRESH_NANOS) {
        clock.refresh();
        lastClockRefresh = now;
      }
      passes.incrementAndGet();
    }
    drainWhileStopping();
    release(true);
    flushAll();
  }

  /**
   * Reads what the ring still holds (the program is detached, so it only empties), as the
   * exporters make room for it, for up to {@link #STOP_DRAIN_NANOS}: a collector stopped during a
   * burst exports its backlog rather than dropping it. Past that, the rest is read and counted
   * as dropped at the full queues.
   */
  private void drainWhileStopping() {
    long giveUp = System.nanoTime() + STOP_DRAIN_NANOS;
    while (true) {
      impatient = System.nanoTime() >= giveUp;
      saturated = pipelines.saturated();
      if (saturated && !impatient) {
        LockSupport.parkNanos(SATURATED_PAUSE_NANOS);
        continue;
      }
      int read = ring.drain(this);
      flushAll();
      if (read == 0) {
        return;
      }
    }
  }

  void stop() {
    stopping = true;
  }

  /**
   * False while no pipeline could take a record (every exporter's queue is full): the records
   * then wait in the ring, which holds them (the kernel counts what does not fit) until an
   * exporter has room, rather than being read and dropped. Always true once stopping has waited
   * {@link #STOP_DRAIN_NANOS}, so the last drain reads and counts everything.
   */
  @Override
  public boolean ready() {
    return !saturated || impatient;
  }

  /** Counts what was decoded and hands every pipeline's batch on. Reader thread only. */
  void flushAll() {
    decoded.inc(decodedSinceFlush);
    decodedSinceFlush = 0;
    PipelineSet set = pipelines;
    for (Pipeline p : set.pipelines()) {
      p.flush();
    }
    for (Pipeline p : set.draining()) {
      p.flush();
    }
  }

  /**
   * One ring record. An event of a container whose metadata is still coming is held (copied)
   * until it comes or the hold time is up, and so are the later events of that container, to
   * keep their order.
   */
  @Override
  public void onRecord(ByteBuffer b, int off, int length) {
    if (length < Abi.Event.SIZE || b.getInt(off + Abi.Event.TYPE) != Abi.EVENT_SYSCALL) {
      malformed.inc();
      badRecords.warn(length < Abi.Event.SIZE
          ? "skipping a ring record of " + length + " bytes, too short for an event"
          : "skipping a ring record of unknown type " + b.getInt(off + Abi.Event.TYPE));
      return;
    }
    decodedSinceFlush++;
    Metadata.Known known = metadata.resolve(b.getLong(off + Abi.Event.CGROUP_ID), b.getInt(off + Abi.Event.TGID));
    if (known != null) {
      if ((!heldPerContainer.isEmpty() && heldPerContainer.containsKey(known))
          || (!known.complete() && System.nanoTime() - known.firstSeenNanos() < holdNanos)) {
        hold(b, off, length, known);
        return;
      }
      if (!known.complete()) {
        withoutMetadata.inc();
      }
    }
    handle(b, off, length, known);
  }

  private void hold(ByteBuffer b, int off, int length, Metadata.Known known) {
    if (held.size() >= MAX_HELD) {
      release(held.poll());
    }
    ByteBuffer copy = ByteBuffer.allocate(length).order(b.order());
    copy.put(0, b, off, length);
    process(b, off, null); // reads procfs while the process still lives; enriched on release
    held.add(new Held(copy, known));
    heldPerContainer.merge(known, 1, Integer::sum);
    heldEvents.inc();
  }

  /** Goes on with the held events whose metadata came or waited long enough; with all at the end. */
  private void release(boolean all) {
    if (held.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
      Held h = it.next();
      if (all || h.known.complete() || now - h.known.firstSeenNanos() >= holdNanos) {
        it.remove();
        release(h);
      }
    }
  }

  private void release(Held h) {
    heldPerContainer.computeIfPresent(h.known, (k, n) -> n == 1 ? null : n - 1);
    (h.known.complete() ? resolvedLate : withoutMetadata).inc();
    handle(h.record, 0, h.record.capacity(), h.known);
  }

  /**
   * Judges, enriches and batches one event. Events the kernel already judged (the common case)
   * are read field by field, without decoding a whole {@link KernelEvent}.
   */
  private void handle(ByteBuffer b, int off, int length, Metadata.Known known) {
    PipelineSet set = pipelines;
    long mask = b.getLong(off + Abi.Event.PIPELINES);
    if ((b.getInt(off + Abi.Event.FLAGS) & Abi.FLAG_VERDICT) == 0) {
      KernelEvent event = KernelEvent.decode(b, off, length, commNames);
      mask &= judge.decide(event, new EventSubject(event, () -> process(b, off, known)), set);
    }
    if (mask == 0) {
      filtered.inc();
      return;
    }
    ProcessInfo process = process(b, off, known);
    long time = clock.toUnixNanos(b.getLong(off + Abi.Event.KTIME_NS));
    int tid = b.getInt(off + Abi.Event.TID);
    int nr = b.getInt(off + Abi.Event.SYSCALL_NR);
    String function = function(nr);
    SyscallRecord full = null;
    SyscallRecord compact = null;
    boolean handedOver = false;
    for (long m = mask; m != 0; m &= m - 1) {
      Pipeline p = set.byBit()[Long.numberOfTrailingZeros(m)];
      if (p == null) {
        unrouted.inc(); // a pipeline removed while its events were still in the ring
        continue;
      }
      if (p.shed()) {
        continue;
      }
      if (p.compact) {
        if (compact == null) {
          compact = new SyscallRecord(time, tid, nr, function, List.of(), process);
        }
        handedOver |= p.add(compact);
      } else {
        if (full == null) {
          full = new SyscallRecord(time, tid, nr, function, arguments.decode(b, off, length), process);
        }
        handedOver |= p.add(full);
      }
    }
    if (handedOver) {
      saturated = set.saturated();
    }
  }

  /** The event's process; consecutive events of one process state share one lookup. */
  private ProcessInfo process(ByteBuffer b, int off, Metadata.Known known) {
    int tgid = b.getInt(off + Abi.Event.TGID);
    int ptgid = b.getInt(off + Abi.Event.PTGID);
    long start = b.getLong(off + Abi.Event.START_BOOT_NS);
    long pidns = Integer.toUnsignedLong(b.getInt(off + Abi.Event.PIDNS_INUM));
    long exec = b.getLong(off + Abi.Event.STATE + Abi.ProcState.EXEC_ID);
    long comm0 = b.getLong(off + Abi.Event.STATE + Abi.ProcState.COMM);
    long comm1 = b.getLong(off + Abi.Event.STATE + Abi.ProcState.COMM + 8);
    if (lastProcess != null && tgid == lastTgid && ptgid == lastPtgid && start == lastStart
        && pidns == lastPidns && exec == lastExec && comm0 == lastComm0 && comm1 == lastComm1
        && known == lastKnown && (known == null || (known.container() == lastContainer && known.pod() == lastPod))) {
      return lastProcess;
    }
    String comm = commNames.get(b, off + Abi.Event.STATE + Abi.ProcState.COMM);
    lastProcess = known == null
        ? processes.lookup(tgid, ptgid, comm, start, pidns, exec)
        : processes.lookup(tgid, ptgid, comm, start, pidns, exec, known.container(), known.pod());
    lastKnown = known;
    lastContainer = known != null ? known.container() : null;
    lastPod = known != null ? known.pod() : null;
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
}
