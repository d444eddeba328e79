package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.bpf.RingBuffer;
import io.sysotel.collector.kernel.BootClock;
import io.sysotel.collector.kernel.CommNames;
import io.sysotel.collector.kernel.KernelEvent;
import io.sysotel.collector.process.ProcessCache;
import io.sysotel.collector.syscalls.Syscall;
import io.sysotel.collector.syscalls.SyscallTable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  private final RateLimitedLog badRecords = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(10));
  private volatile PipelineSet pipelines;
  private volatile boolean stopping;

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
    for (Pipeline p : pipelines.pipelines()) {
      p.flush();
    }
  }

  @Override
  public void onRecord(ByteBuffer buffer, int offset, int length) {
    KernelEvent event;
    try {
      event = KernelEvent.decode(buffer, offset, length, commNames);
    } catch (IllegalArgumentException e) {
      badRecords.warn("skipping a ring record: " + e.getMessage());
      return;
    }
    decoded.inc();
    PipelineSet set = pipelines;
    EventSubject subject = new EventSubject(event, this::process);
    long mask = event.pipelines();
    if (!event.verdictApplied()) {
      mask &= judge.decide(event, subject, set);
    }
    if (mask == 0) {
      filtered.inc();
      return;
    }
    ProcessInfo process = subject.process();
    long time = clock.toUnixNanos(event.bootTimeNanos());
    SyscallRecord full = null;
    SyscallRecord compact = null;
    for (long m = mask; m != 0; m &= m - 1) {
      Pipeline p = set.byBit()[Long.numberOfTrailingZeros(m)];
      if (p == null) {
        continue; // a pipeline removed while its events were in the ring
      }
      if (p.compact) {
        if (compact == null) {
          compact = new SyscallRecord(time, event.tid(), event.syscallNr(), function(event), List.of(), process);
        }
        p.add(compact);
      } else {
        if (full == null) {
          full = new SyscallRecord(time, event.tid(), event.syscallNr(), function(event), arguments(event), process);
        }
        p.add(full);
      }
    }
  }

  private ProcessInfo process(KernelEvent e) {
    return processes.lookup(
        e.tgid(), e.ptgid(), e.comm(), e.startBootNanos(), e.pidNamespaceInode(), e.state().execId());
  }

  private String function(KernelEvent e) {
    int nr = e.syscallNr();
    String name = nr >= 0 && nr < functionNames.length ? functionNames[nr] : null;
    return name != null ? name : "syscall_" + nr;
  }

  /** Raw argument values named by the syscall table; unknown syscalls get all six as arg0..arg5. */
  private List<Argument> arguments(KernelEvent e) {
    int nr = e.syscallNr();
    String[] names = nr >= 0 && nr < argumentNames.length ? argumentNames[nr] : null;
    return new Arguments(names != null ? names : UNKNOWN_ARGUMENTS, e.args());
  }
}
