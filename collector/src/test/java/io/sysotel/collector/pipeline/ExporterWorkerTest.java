package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.ExportException;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.task.ArgumentLimits;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExporterWorkerTest {

  /** An exporter whose export calls return before delivery, as the OTLP exporter's do. */
  private static class Asynchronous implements Exporter {
    final AtomicReference<Unsettled> unsettled = new AtomicReference<>(Unsettled.NONE);
    volatile int handed;

    @Override
    public void export(ExportBatch batch) {
      unsettled.getAndUpdate(u -> new Unsettled(u.pending() + batch.records().size(), u.failedLate()));
      handed += batch.records().size();
    }

    void answer(int delivered, int refused) {
      unsettled.getAndUpdate(u -> new Unsettled(u.pending() - delivered - refused, u.failedLate() + refused));
    }

    @Override
    public void flush() throws ExportException {}

    @Override
    public Unsettled unsettled() {
      return unsettled.get();
    }

    @Override
    public void close() {}
  }

  private static ExportBatch batch(int n) {
    return new ExportBatch(new Source("d", "h", "i", "n", "a"), MetaSelection.ALL, false,
        Collections.nCopies(n, (SyscallRecord) null));
  }

  private static void await(Runnable check) throws InterruptedException {
    for (int i = 0; ; i++) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (i == 500) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }

  @Test
  void recordsCountAsExportedOnceAnsweredAndLateFailuresAsFailed() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    Asynchronous exporter = new Asynchronous();
    DeliveryCounts pipeline = new DeliveryCounts(metrics.counter("p.exported"), metrics.counter("p.lost"));
    try (ExporterWorker worker = new ExporterWorker("otlp", exporter, 1000, metrics)) {
      worker.offer(batch(10), pipeline);
      await(() -> assertEquals(10, exporter.handed));
      Thread.sleep(100); // the worker settles on every poll
      assertEquals(0, metrics.counter("sysotel.exporter.otlp.exported").getCount(), "nothing answered yet");
      exporter.answer(6, 0);
      await(() -> assertEquals(6, metrics.counter("sysotel.exporter.otlp.exported").getCount()));
      exporter.answer(0, 4);
      await(() -> assertEquals(4, metrics.counter("sysotel.exporter.otlp.failed").getCount()));
      assertEquals(6, metrics.counter("sysotel.exporter.otlp.exported").getCount());
      assertEquals(6, pipeline.exported().getCount(), "the pipeline's count follows");
      assertEquals(4, pipeline.lost().getCount());
    }
  }

  @Test
  void closingSettlesWhatTheExporterAnsweredWhileClosing() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    Asynchronous exporter = new Asynchronous() {
      @Override
      public void close() {
        answer(2, 3); // a close that waits for the requests in flight
      }
    };
    ExporterWorker worker = new ExporterWorker("otlp", exporter, 1000, metrics);
    DeliveryCounts first = new DeliveryCounts(metrics.counter("a.exported"), metrics.counter("a.lost"));
    DeliveryCounts second = new DeliveryCounts(metrics.counter("b.exported"), metrics.counter("b.lost"));
    worker.offer(batch(2), first);
    worker.offer(batch(3), second);
    await(() -> assertEquals(5, exporter.handed));
    worker.close();
    assertEquals(2, metrics.counter("sysotel.exporter.otlp.exported").getCount());
    assertEquals(3, metrics.counter("sysotel.exporter.otlp.failed").getCount());
    assertEquals(2, first.exported().getCount() + first.lost().getCount(), "each pipeline's records all settled");
    assertEquals(3, second.exported().getCount() + second.lost().getCount());
  }

  /** An exporter that takes one batch and then blocks until released. */
  private static class Stuck extends Asynchronous {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void export(ExportBatch batch) {
      super.export(batch);
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aPipelineWhoseExportersAreAllFullDropsAndCountsRecordsBeforeBuildingThem() throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    Stuck stuck = new Stuck();
    Stuck other = new Stuck();
    DeliveryCounts counts = new DeliveryCounts(metrics.counter("p.exported"), metrics.counter("p.lost"));
    try (ExporterWorker full = new ExporterWorker("full", stuck, Pipeline.BATCH_SIZE, metrics);
        ExporterWorker roomy = new ExporterWorker("roomy", other, 100 * Pipeline.BATCH_SIZE, metrics)) {
      Pipeline alone = pipeline(List.of(full), counts, metrics.counter("alone.matched"));
      Pipeline both = pipeline(List.of(full, roomy), counts, metrics.counter("both.matched"));
      full.offer(batch(Pipeline.BATCH_SIZE), counts); // taken by the stuck export call
      await(() -> assertEquals(Pipeline.BATCH_SIZE, stuck.handed));
      assertFalse(alone.shed(), "an empty queue takes a batch");
      full.offer(batch(Pipeline.BATCH_SIZE), counts); // now the queue holds its limit
      assertTrue(alone.shed());
      assertTrue(alone.shed());
      assertEquals(0, metrics.counter("alone.matched").getCount(), "counted when the pipeline flushes");
      alone.flush();
      assertEquals(2, metrics.counter("alone.matched").getCount());
      assertEquals(2, metrics.counter("sysotel.exporter.full.dropped").getCount());
      assertEquals(2, counts.lost().getCount());
      assertFalse(both.shed(), "another exporter still has room");
      both.add(null);
      assertFalse(both.shed(), "a batch already started is finished first");
      stuck.release.countDown();
      other.release.countDown();
    }
  }

  private static Pipeline pipeline(List<ExporterWorker> workers, DeliveryCounts counts, Counter matched) {
    return new Pipeline("p", 0, Condition.parse("process.name:x"), new BitSet(), false, ArgumentLimits.DEFAULTS, MetaSelection.ALL, new Source("p", "h", "i", "n", "a"),
        workers, matched, counts);
  }
}
