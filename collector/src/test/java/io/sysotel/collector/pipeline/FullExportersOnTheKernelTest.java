package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.kernel.SysotelProgram;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.syscalls.SyscallSet;
import io.sysotel.collector.testing.CollectingExporterFactory;
import io.sysotel.collector.testing.SyscallHelper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A burst while every exporter is full, on the real kernel. Needs root. */
@Tag("root")
class FullExportersOnTheKernelTest {

  private static final int WRITES = 20_000;

  @AfterEach
  void release() {
    CollectingExporterFactory.clear();
  }

  /**
   * While no exporter can take a record the reader leaves events in the ring instead of reading
   * and dropping them: a burst the ring can hold arrives whole once the exporter goes on.
   */
  @Test
  void aBurstWaitsInTheRingWhileEveryExporterIsFull() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    try (Collector collector = startHeld(metrics)) {
      assertEquals(1, collector.pipelines().size());
      Process helper = burst();
      CollectingExporterFactory.release();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (mine(helper).size() < WRITES && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(WRITES, mine(helper).size(), "every write arrived");
      assertEquals(0, metrics.counter(MetricNames.exporter("collect", MetricNames.DROPPED)).getCount());
      assertEquals(0, metrics.getCounters().get(MetricNames.KERNEL_LOST).getCount());
    }
  }

  /**
   * A collector stopped while its exporter is full waits for the exporter to take the ring's
   * backlog: every write arrives, none is dropped.
   */
  @Test
  void stoppingWhileTheExporterIsFullExportsTheBacklog() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    Collector collector = startHeld(metrics);
    Process helper = burst();
    releaseAfter(500);
    long closeMillis = closeTimed(collector);
    assertEquals(WRITES, mine(helper).size(), "every write arrived");
    assertEquals(0, metrics.counter(MetricNames.exporter("collect", MetricNames.DROPPED)).getCount());
    assertEquals(0, metrics.getCounters().get(MetricNames.KERNEL_LOST).getCount());
    assertTrue(closeMillis >= 400, "stopping waited for the exporter: " + closeMillis + " ms");
  }

  /**
   * Stopping waits for a full exporter only so long: past {@link EventLoop#STOP_DRAIN_NANOS} the
   * rest of the ring is read and dropped at the full queue, and counted.
   */
  @Test
  void stoppingGivesUpOnAnExporterThatStaysFull() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    long patienceMillis = TimeUnit.NANOSECONDS.toMillis(EventLoop.STOP_DRAIN_NANOS);
    Collector collector = startHeld(metrics);
    Process helper = burst();
    // Released only after the reader gave up (the exporter's own close waits for it).
    releaseAfter(patienceMillis + 1000);
    long closeMillis = closeTimed(collector);
    long dropped = metrics.counter(MetricNames.exporter("collect", MetricNames.DROPPED)).getCount();
    assertTrue(dropped > 0, "the backlog beyond the queue was dropped");
    assertEquals(WRITES, mine(helper).size() + dropped, "every write arrived or was counted as dropped");
    assertEquals(0, metrics.getCounters().get(MetricNames.KERNEL_LOST).getCount());
    assertTrue(closeMillis >= patienceMillis, "stopping waited " + closeMillis + " ms");
  }

  /** The helper's writes, made while the exporter is held: they wait in the ring. */
  private static Process burst() throws Exception {
    Process helper = new ProcessBuilder(SyscallHelper.binary().toString(), "write", String.valueOf(WRITES))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(helper.waitFor(30, TimeUnit.SECONDS));
    Thread.sleep(200); // the reader has seen the queue full and paused
    return helper;
  }

  private static long closeTimed(Collector collector) {
    long start = System.nanoTime();
    collector.close();
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void releaseAfter(long millis) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      CollectingExporterFactory.release();
    });
    t.setDaemon(true);
    t.start();
  }

  /**
   * Removing a pipeline waits (up to seconds) for its exporter to settle, under the collector's
   * lock; the kernel's counters are read under a lock of their own, so metric reports and
   * scrapes go on meanwhile.
   */
  @Test
  void metricReadsGoOnWhileARemovalWaitsForASlowExporter() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    try (Collector collector = startHeld(metrics)) {
      Process helper = new ProcessBuilder(SyscallHelper.binary().toString(), "write", "100")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(helper.waitFor(30, TimeUnit.SECONDS));
      // The helper's writes are matched and their batch is held at the exporter.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (CollectingExporterFactory.waiting() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(1, CollectingExporterFactory.waiting(), "an export waits at the gate");
      Thread remover = new Thread(() -> collector.remove("held"));
      remover.start();
      Thread.sleep(500); // the removal now waits for the held exporter
      long start = System.nanoTime();
      metrics.getCounters().get(MetricNames.KERNEL_SUBMITTED).getCount();
      collector.kernelCounters();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(remover.isAlive(), "the removal was still waiting during the reads");
      CollectingExporterFactory.release();
      remover.join();
      assertTrue(tookMillis < 1000, "metric reads waited " + tookMillis + " ms for the removal");
    }
  }

  /**
   * A collector with one pipeline "held" tracing the helpers' writes into the `collect`
   * exporter, whose exports wait until released, behind a queue of 1,024 records.
   */
  private static Collector startHeld(MetricRegistry metrics) {
    CollectingExporterFactory.clear();
    CollectingExporterFactory.hold();
    PipelineDefinition writes = new PipelineDefinition("held", Condition.parse("process.name:syscall-helper"),
        SyscallSet.of(WriteTracing.WRITE), false, MetaSelection.ALL, List.of("collect"), null, null);
    return Collector.start(
        new Collector.Settings("test", "agent", "instance", SysotelProgram.Settings.defaults(), 1024, 1024,
            Metadata.Settings.off()),
        List.of(new ExporterDefinition("collect", "collect", Map.of())), List.of(writes), metrics);
  }

  private static List<SyscallRecord> mine(Process helper) {
    return CollectingExporterFactory.records("held").stream().filter(r -> r.process().pid() == helper.pid()).toList();
  }
}
