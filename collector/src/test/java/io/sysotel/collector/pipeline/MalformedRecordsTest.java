package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.bpf.Native;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.kernel.Abi;
import io.sysotel.collector.kernel.BootClock;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.process.ProcessCache;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.task.ArgumentLimits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ring record the reader cannot take for an event is skipped, and counted: never lost silently. */
class MalformedRecordsTest {

  @Test
  void recordsTooShortOrOfAnUnknownTypeAreCountedAndTheRestGoOn() {
    MetricRegistry metrics = new MetricRegistry();
    BootClock clock = new BootClock(Native.get());
    try (Metadata none = Metadata.start(Metadata.Settings.off())) {
      ProcessCache processes = ProcessCache.builder().setMaxEntries(16).setBootTimeUnixNanos(clock.toUnixNanos(0)).build();
      Judge judge = new Judge((tid, state, match, generation) -> {}, metrics.counter("evaluations"), 16);
      BitSet all = new BitSet();
      all.set(0, Abi.MAX_SYSCALLS);
      Pipeline p = new Pipeline("p", 0, Condition.parse("process.pid:1"), all, true, ArgumentLimits.DEFAULTS,
          MetaSelection.ALL, new Source(null, "localhost", "test", "syscalls", "test"), List.of(),
          metrics.counter("p.matched"), new DeliveryCounts(metrics.counter("p.exported"), metrics.counter("p.lost")));
      EventLoop loop = new EventLoop(null, clock, processes, none, () -> {}, judge, SyscallTable.x86_64(),
          PipelineSet.of(List.of(p), 0), metrics);

      loop.onRecord(event(Abi.EVENT_SYSCALL), 0, Abi.Event.SIZE - 8); // cut short
      loop.onRecord(event(99), 0, Abi.Event.SIZE); // a type this collector does not know
      loop.onRecord(event(Abi.EVENT_SYSCALL), 0, Abi.Event.SIZE);
      loop.flushAll();

      assertEquals(2, metrics.counter(MetricNames.MALFORMED).getCount());
      assertEquals(1, metrics.counter(MetricNames.DECODED).getCount());
      assertEquals(1, metrics.counter("p.matched").getCount());
    }
  }

  /** A read(2) of this process, judged in the kernel for pipeline 0, with the given type. */
  private static ByteBuffer event(int type) {
    ByteBuffer b = ByteBuffer.allocate(Abi.Event.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    int pid = (int) ProcessHandle.current().pid();
    b.putInt(Abi.Event.TYPE, type);
    b.putInt(Abi.Event.SIZE_FIELD, Abi.Event.SIZE);
    b.putLong(Abi.Event.KTIME_NS, 1_000_000_000L);
    b.putLong(Abi.Event.PIPELINES, 1);
    b.putInt(Abi.Event.TGID, pid);
    b.putInt(Abi.Event.TID, pid);
    b.putInt(Abi.Event.PTGID, 1);
    b.putInt(Abi.Event.SYSCALL_NR, 0);
    b.putInt(Abi.Event.PIDNS_INUM, 1);
    b.putInt(Abi.Event.FLAGS, Abi.FLAG_VERDICT);
    b.putLong(Abi.Event.CGROUP_ID, 1);
    return b;
  }
}
