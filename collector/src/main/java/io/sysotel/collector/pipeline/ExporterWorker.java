package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.ExportException;
import io.sysotel.collector.api.Exporter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one exporter on a thread of its own behind a bounded queue, so a slow exporter delays
 * only itself. When the queue is full the batch is dropped and counted: the ring reader never
 * waits for an exporter.
 */
final class ExporterWorker implements AutoCloseable {

  private static final Logger log = Logger.getLogger(ExporterWorker.class.getName());
  private static final long IDLE_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final String id;
  private final Exporter exporter;
  private final BlockingQueue<Queued> queue;
  private final AtomicInteger queuedRecords = new AtomicInteger();
  private final int maxQueuedRecords;
  private final Counter exported;
  private final Counter failed;
  private final Counter dropped;
  private final Timer latency;
  private final Thread thread;
  private final RateLimitedLog failures;
  private volatile boolean stopping;
  private boolean closed;
  // Settling asynchronous delivery (Exporter.unsettled); guarded by settling, not by this,
  // which close() holds while it waits for the thread.
  private final Object settling = new Object();
  private long handedOver;
  private long countedExported;
  private long countedFailedLate;
  /** Batches handed over and not wholly settled, oldest first, for the pipelines' counts. */
  private final ArrayDeque<Handed> unsettledBatches = new ArrayDeque<>();

  /** Records of one handed-over batch not yet counted for its pipeline. */
  private static final class Handed {
    final DeliveryCounts counts;
    int left;

    Handed(DeliveryCounts counts, int left) {
      this.counts = counts;
      this.left = left;
    }
  }

  /** A batch and the counts of the pipeline it came from. */
  private record Queued(ExportBatch batch, DeliveryCounts counts) {}

  ExporterWorker(String id, Exporter exporter, int maxQueuedRecords, MetricRegistry metrics) {
    this.id = id;
    this.exporter = exporter;
    this.maxQueuedRecords = maxQueuedRecords;
    this.queue = new ArrayBlockingQueue<>(Math.max(16, maxQueuedRecords / 64));
    this.exported = metrics.counter(MetricNames.exporter(id, MetricNames.EXPORTED));
    this.failed = metrics.counter(MetricNames.exporter(id, MetricNames.FAILED));
    this.dropped = metrics.counter(MetricNames.exporter(id, MetricNames.DROPPED));
    this.latency = metrics.timer(MetricNames.exporter(id, MetricNames.LATENCY));
    metrics.gauge(MetricNames.exporter(id, MetricNames.QUEUED), () -> queuedRecords::get);
    this.failures = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(10));
    this.thread = new Thread(this::run, "sysotel-exporter-" + id);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  String id() {
    return id;
  }

  /** See {@link Exporter#awaitWarmUp}. */
  void awaitWarmUp(Duration limit) throws InterruptedException {
    exporter.awaitWarmUp(limit);
  }

  /** Why the exporter's destination cannot be reached now; null when it can. */
  String connectionProblem() {
    try {
      exporter.checkConnection();
      return null;
    } catch (ExportException | RuntimeException e) {
      return "exporter " + id + ": " + e.getMessage();
    }
  }

  /**
   * Queues a batch, or drops and counts it when the queue holds its limit of records (which
   * bounds the memory a slow exporter can take). Never blocks.
   */
  void offer(ExportBatch batch, DeliveryCounts counts) {
    int n = batch.records().size();
    if (full(n)) {
      drop(n, counts);
      return;
    }
    // Counted before it is queued: the exporter thread may take it (and subtract) at once.
    queuedRecords.addAndGet(n);
    if (!queue.offer(new Queued(batch, counts))) {
      queuedRecords.addAndGet(-n);
      drop(n, counts);
    }
  }

  /** Whether a batch of {@code records} would be dropped now. */
  boolean full(int records) {
    return stopping || queuedRecords.get() + records > maxQueuedRecords;
  }

  /** Counts records dropped before they reached the queue. */
  void drop(int records, DeliveryCounts counts) {
    dropped.inc(records);
    counts.lost().inc(records);
  }

  private void run() {
    long lastFlush = System.nanoTime();
    boolean dirty = false;
    while (true) {
      Queued batch;
      try {
        batch = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (batch != null) {
        export(batch);
        dirty = true;
      } else if (stopping) {
        break;
      }
      settle();
      long now = System.nanoTime();
      if (dirty && (batch == null || now - lastFlush > IDLE_FLUSH_NANOS)) {
        flush();
        dirty = false;
        lastFlush = now;
      }
    }
    Queued rest;
    while ((rest = queue.poll()) != null) {
      export(rest);
    }
    flush();
    settle();
  }

  private void export(Queued queued) {
    ExportBatch batch = queued.batch();
    int n = batch.records().size();
    queuedRecords.addAndGet(-n);
    long start = System.nanoTime();
    try {
      exporter.export(batch);
      synchronized (settling) {
        handedOver += n;
        unsettledBatches.add(new Handed(queued.counts(), n));
      }
    } catch (ExportException | RuntimeException e) {
      failed.inc(n);
      queued.counts().lost().inc(n);
      failures.warn("exporter " + id + " failed to export " + n + " records: " + e.getMessage());
    } finally {
      latency.update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private void flush() {
    try {
      exporter.flush();
    } catch (ExportException | RuntimeException e) {
      failures.warn("exporter " + id + " failed to flush: " + e.getMessage());
    }
  }

  /**
   * Counts as exported the records handed over that the exporter no longer reports unsettled, and
   * as failed those it reports refused since they were handed over. Both counters only grow.
   */
  private void settle() {
    synchronized (settling) {
      Exporter.Unsettled u = exporter.unsettled();
      long failedLate = u.failedLate() - countedFailedLate;
      if (failedLate > 0) {
        failed.inc(failedLate);
        countedFailedLate = u.failedLate();
      }
      long delivered = handedOver - u.pending() - u.failedLate() - countedExported;
      if (delivered > 0) {
        exported.inc(delivered);
        countedExported += delivered;
      }
      attribute(Math.max(0, failedLate), Math.max(0, delivered));
    }
  }

  /**
   * Counts settled records for their pipelines, oldest batches first. The exporter reports
   * totals only, so when pipelines share an exporter and a later request fails before an
   * earlier one is answered, the split between their exported and lost counts can be off by
   * those records; each pipeline's exported + lost is exact once its records are settled.
   */
  private void attribute(long lost, long delivered) {
    while ((lost > 0 || delivered > 0) && !unsettledBatches.isEmpty()) {
      Handed h = unsettledBatches.peek();
      int asLost = (int) Math.min(h.left, lost);
      int asExported = (int) Math.min(h.left - asLost, delivered);
      h.counts.lost().inc(asLost);
      h.counts.exported().inc(asExported);
      lost -= asLost;
      delivered -= asExported;
      h.left -= asLost + asExported;
      if (h.left == 0) {
        unsettledBatches.poll();
      }
    }
  }

  /** Exports what is queued, flushes and closes the exporter. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.log(Level.WARNING, "exporter " + id + " did not finish within 30 s; closing it anyway");
    }
    exporter.close();
    settle();
  }
}
