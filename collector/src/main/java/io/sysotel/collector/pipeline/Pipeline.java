package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.task.ArgumentLimits;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A running pipeline: its bit in the kernel's masks, its condition and syscall set, and the
 * exporters it feeds. Records are gathered into batches on the reader thread and handed to the
 * exporters' queues.
 */
final class Pipeline {

  static final int BATCH_SIZE = 512;

  final String id;
  final int bit;
  final Condition condition;
  final BitSet syscalls;
  final boolean compact;
  final ArgumentLimits limits;
  final MetaSelection meta;
  final Source source;
  private final List<ExporterWorker> exporters;
  final Counter matched;
  final DeliveryCounts delivery;
  private List<SyscallRecord> batch = new ArrayList<>(BATCH_SIZE);
  /** Records shed since the last flush, counted then (a counter update per record is dear). */
  private int shed;

  Pipeline(
      String id,
      int bit,
      Condition condition,
      BitSet syscalls,
      boolean compact,
      ArgumentLimits limits,
      MetaSelection meta,
      Source source,
      List<ExporterWorker> exporters,
      Counter matched,
      DeliveryCounts delivery) {
    this.id = id;
    this.bit = bit;
    this.condition = condition;
    this.syscalls = syscalls;
    this.compact = compact;
    this.limits = limits;
    this.meta = meta;
    this.source = source;
    this.exporters = List.copyOf(exporters);
    this.matched = matched;
    this.delivery = delivery;
  }

  int exporterCount() {
    return exporters.size();
  }

  long mask() {
    return 1L << bit;
  }

  /** Whether no exporter of this pipeline could queue a batch now; false without exporters. */
  boolean saturated() {
    if (exporters.isEmpty()) {
      return false;
    }
    for (ExporterWorker w : exporters) {
      if (!w.full(BATCH_SIZE)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Drops and counts the next record before it is built, when no exporter could queue the batch
   * it would start: under overload the reader then spends nothing on records that would be
   * dropped anyway, and the CPU goes to the exporters catching up. Called by the reader thread
   * only.
   *
   * @return true when the record was dropped
   */
  boolean shed() {
    if (!batch.isEmpty() || !saturated()) {
      return false;
    }
    shed++;
    return true;
  }

  /**
   * Called by the reader thread only.
   *
   * @return true when the record completed a batch, which was handed to the exporters
   */
  boolean add(SyscallRecord record) {
    batch.add(record);
    if (batch.size() >= BATCH_SIZE) {
      flush();
      return true;
    }
    return false;
  }

  /**
   * Hands the gathered records to every exporter, and counts the records shed. Called by the
   * reader thread only.
   */
  void flush() {
    if (shed > 0) {
      matched.inc(shed);
      for (ExporterWorker w : exporters) {
        w.drop(shed, delivery);
      }
      shed = 0;
    }
    if (batch.isEmpty()) {
      return;
    }
    matched.inc(batch.size());
    ExportBatch out = new ExportBatch(source, meta, compact, batch);
    for (ExporterWorker w : exporters) {
      w.offer(out, delivery);
    }
    batch = new ArrayList<>(BATCH_SIZE);
  }
}
