package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.kernel.Abi;
import io.sysotel.collector.kernel.SysotelProgram;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.syscalls.SyscallSet;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.testing.CollectingExporterFactory;
import io.sysotel.collector.testing.SyscallHelper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pipelines added to and removed from a running collector, on the real kernel: the program
 * stays attached, a pipeline that stays loses nothing, and a slot reused by a new pipeline never
 * carries the old one's events. Needs root.
 */
@Tag("root")
class PipelineChangesOnTheKernelTest {

  private static final int WRITE = SyscallTable.x86_64().byName("write").orElseThrow().number();

  private Collector collector;

  @BeforeEach
  void clear() {
    CollectingExporterFactory.clear();
  }

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private static PipelineDefinition writes(String id, String condition) {
    return new PipelineDefinition(id, Condition.parse(condition), SyscallSet.of(WRITE), false, MetaSelection.ALL,
        List.of("collect"), null, null);
  }

  private void start(List<PipelineDefinition> pipelines) {
    collector = Collector.start(
        new Collector.Settings("test", "agent", "instance", SysotelProgram.Settings.defaults(), 1 << 20, 1024, Metadata.Settings.off()),
        List.of(new ExporterDefinition("collect", "collect", Map.of())), pipelines, new MetricRegistry());
  }

  private static long run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(SyscallHelper.binary().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return p.pid();
  }

  private static long count(String pipeline, Set<Long> pids) {
    return CollectingExporterFactory.records(pipeline).stream()
        .filter(r -> pids.contains((long) r.process().pid()) && r.syscallId() == WRITE).count();
  }

  @Test
  void thePipelinesAreInstalledOnceTheExportersAreWarm() throws Exception {
    Set<Long> whileWarming = ConcurrentHashMap.newKeySet();
    CollectingExporterFactory.duringWarmUp(() -> {
      try {
        whileWarming.add(run("write", "100"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    start(List.of(writes("base", "process.name:syscall-helper")));
    assertEquals(1, whileWarming.size(), "the start waited for the exporter's warm-up");
    Set<Long> after = Set.of(run("write", "100"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count("base", after) < 100 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(100, count("base", after), "traced once started");
    assertEquals(0, count("base", whileWarming), "nothing traced while the exporter warmed up");
  }

  @Test
  void pipelinesComeAndGoWhileOneStaysAndLosesNothing() throws Exception {
    start(List.of(writes("base", "process.name:syscall-helper")));
    String attachedAt = collector.attachPoint();
    Set<Long> pids = ConcurrentHashMap.newKeySet();
    AtomicBoolean done = new AtomicBoolean();
    List<Throwable> failures = new ArrayList<>();
    Thread load = new Thread(() -> {
      try {
        while (!done.get()) {
          pids.add(run("write", "1000", "slow"));
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    load.start();
    // More changes than slots, so slots are reused; odd pipelines match nothing, so any
    // record they get would be another pipeline's, left behind in a reused slot.
    for (int i = 0; i < 2 * Abi.MAX_PIPELINES + 10; i++) {
      String condition = i % 2 == 0 ? "process.name:syscall-helper" : "process.name:no-such-process";
      collector.add(List.of(writes("p" + i, condition)));
      if (i > 0) {
        Collector.PipelineStatus last = collector.remove("p" + (i - 1));
        assertEquals(last.matched(), last.exported() + last.lost(), "every record of p" + (i - 1) + " accounted for");
      }
    }
    done.set(true);
    load.join();
    assertTrue(failures.isEmpty(), failures.toString());
    assertEquals(attachedAt, collector.attachPoint());
    assertEquals(List.of("base", "p" + (2 * Abi.MAX_PIPELINES + 9)),
        collector.pipelines().stream().map(Collector.PipelineStatus::id).toList());
    Thread.sleep(100);
    collector.close();
    // The helper is paced so the reader keeps up; should the ring still overflow on a loaded
    // machine, the kernel counted each event it dropped. Changes themselves lose nothing.
    long written = pids.size() * 1000L;
    long got = count("base", pids);
    long lost = collector.kernelCounters().lost();
    assertTrue(got <= written, "no write delivered twice: " + got + " of " + written);
    assertTrue(written - got <= lost,
        "every write of " + pids.size() + " runs delivered or counted lost: " + got + " of " + written + ", lost " + lost);
    long even = 0;
    for (int i = 0; i < 2 * Abi.MAX_PIPELINES + 10; i++) {
      long n = CollectingExporterFactory.records("p" + i).size();
      if (i % 2 == 1) {
        assertEquals(0, n, "p" + i + " matches nothing");
      } else {
        even += n;
      }
    }
    assertTrue(even > 0, "the matching pipelines saw the helper");
  }

  @Test
  void the65thPipelineIsRefusedWithAClearMessageAndAFreedSlotIsUsedAgain() {
    List<PipelineDefinition> all = new ArrayList<>();
    for (int i = 0; i < Abi.MAX_PIPELINES; i++) {
      all.add(writes("p" + i, "process.name:no-such-process"));
    }
    start(all);
    Collector.PipelineChangeException e = assertThrows(Collector.PipelineChangeException.class,
        () -> collector.add(List.of(writes("one-more", "process.name:x"))));
    assertTrue(e.getMessage().startsWith("at most 64 pipelines can run at once"), e.getMessage());
    assertTrue(e.getMessage().contains("unsubscribe some first"), e.getMessage());
    assertThrows(Collector.PipelineChangeException.class, () -> collector.add(List.of(writes("p3", "process.name:x"))),
        "ids are unique");
    assertNull(collector.remove("nope"));
    collector.remove("p7");
    collector.add(List.of(writes("one-more", "process.name:x")));
    assertEquals(Abi.MAX_PIPELINES, collector.pipelines().size());
  }
}
