package io.sysotel.collector.testing;

import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.ExporterFactory;
import io.sysotel.collector.api.SyscallRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exporter of type {@code collect} that keeps every record in memory, by pipeline, so tests
 * of the collector can look at exactly what it exported. Registered for tests only.
 */
public final class CollectingExporterFactory implements ExporterFactory {

  private static final Map<String, List<SyscallRecord>> byPipeline = new ConcurrentHashMap<>();

  /** Records exported so far for a pipeline (a copy). */
  public static List<SyscallRecord> records(String pipelineId) {
    List<SyscallRecord> list = byPipeline.getOrDefault(pipelineId, List.of());
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  public static void clear() {
    byPipeline.clear();
    release();
    warmUp = () -> {};
  }

  /** Runs {@code work} in the exporters' {@link Exporter#awaitWarmUp}, until {@link #clear}. */
  public static void duringWarmUp(Runnable work) {
    warmUp = work;
  }

  /** Makes every export wait until {@link #release}: the exporters stop taking records. */
  public static void hold() {
    gate = new CountDownLatch(1);
  }

  /** Lets held and later exports go on. */
  public static void release() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  /** Exports waiting at the gate now. */
  public static int waiting() {
    return waiting.get();
  }

  private static volatile CountDownLatch gate;
  private static volatile Runnable warmUp = () -> {};
  private static final AtomicInteger waiting = new AtomicInteger();

  @Override
  public String type() {
    return "collect";
  }

  @Override
  public List<String> validate(Map<String, Object> settings) {
    return settings.isEmpty() ? List.of() : List.of(settings.keySet().iterator().next() + ": unknown setting");
  }

  @Override
  public Exporter create(String id, Map<String, Object> settings) {
    return new Exporter() {
      @Override
      public void export(ExportBatch batch) {
        CountDownLatch g = gate;
        if (g != null) {
          waiting.incrementAndGet();
          try {
            g.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            waiting.decrementAndGet();
          }
        }
        List<SyscallRecord> list =
            byPipeline.computeIfAbsent(batch.source().directiveId(), k -> new ArrayList<>());
        synchronized (list) {
          list.addAll(batch.records());
        }
      }

      @Override
      public void awaitWarmUp(Duration limit) {
        warmUp.run();
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
