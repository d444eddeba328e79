package io.sysotel.exporters.warmup;

import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.ExportException;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.api.UserBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Readies an exporter's hot path before the first events arrive: made-up records go through
 * the same code the exporter runs, and the output is thrown away. A collector started on a
 * busy node otherwise renders its first burst in the interpreter while the compiler threads
 * wait for a CPU; on two cores that held a cold exporter near 10,000 records/s for the whole of
 * a two-million-event burst.
 */
public final class WarmUp {

  /** Records run through at most by default, and the time that may take. */
  public static final int RECORDS = 200_000;
  public static final Duration BUDGET = Duration.ofSeconds(1);

  private WarmUp() {}

  /**
   * Made-up records of a process writing and reading, as a full or a compact pipeline would
   * hand them over: write with its buffer read from the process, read with its pointer, openat
   * with a path.
   */
  public static ExportBatch batch(boolean compact) {
    ProcessInfo process = new ProcessInfo(1, 0, "warm-up", "warm-up --now", "/usr/bin/warm-up", "4-4026531836",
        1_000_000_000L, null, null);
    Source source = new Source(null, "localhost", "warm-up", "syscalls", "warm-up");
    String[] io = {"fd", "buf", "count"};
    String[] open = {"dfd", "filename", "flags", "mode"};
    List<SyscallRecord> records = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Object[] written = {null, new UserBytes(new byte[] {'+', (byte) i, '\n'}, false, 3), null};
      Object[] readInto = {null, Arguments.ADDRESS, null};
      records.add(new SyscallRecord(i, 1, 1, "write", new Arguments(io, new long[] {1, 0x7ffd0000L + i, 3}, written), process));
      records.add(new SyscallRecord(i, 1, 0, "read", new Arguments(io, new long[] {0, 0x7ffd0000L + i, 1}, readInto), process));
      if (i % 8 == 0) {
        Object[] path = {"AT_FDCWD", new UserBytes(("/var/lib/warm-up/" + i).getBytes(), false, -1), "O_RDONLY|O_CLOEXEC", null};
        records.add(new SyscallRecord(i, 1, 257, "openat", new Arguments(open, new long[] {-100, 0x7ffd1000L, 0x80000, 0}, path), process));
      }
    }
    return new ExportBatch(source, MetaSelection.ALL, compact, records);
  }

  /** One round of the exporter's work on {@code batch}, its output thrown away. */
  @FunctionalInterface
  public interface Round {
    void run(ExportBatch batch);
  }

  /**
   * Runs {@code work} (which calls {@link #run}) on a daemon thread, while the collector starts;
   * the collector waits for it before it installs its pipelines (see {@link Exporter#awaitWarmUp}).
   */
  public static Background inBackground(String threadName, Runnable work) {
    Thread t = new Thread(work, threadName);
    t.setDaemon(true);
    t.start();
    return new Background(t);
  }

  /** A warm-up on a thread of its own. */
  public static final class Background {
    private final Thread thread;

    private Background(Thread thread) {
      this.thread = thread;
    }

    /** Waits up to {@code limit} for the warm-up to end. */
    public void await(Duration limit) throws InterruptedException {
      thread.join(Math.max(1, limit.toMillis()));
    }

    /** Ends the warm-up after its current round (its exporter is closing). */
    public void stop() {
      thread.interrupt();
    }
  }

  /** {@link #run(Exporter, int, Duration)} with the default limits. */
  public static void run(Exporter exporter) {
    run(exporter, RECORDS, BUDGET);
  }

  /**
   * Exports rounds of made-up batches through {@code exporter} in the calling thread, up to
   * {@code records} records or {@code budget}; an export that fails ends the warm-up with an
   * {@link IllegalStateException}.
   */
  public static void run(Exporter exporter, int records, Duration budget) {
    run(batch -> {
      try {
        exporter.export(batch);
      } catch (ExportException e) {
        throw new IllegalStateException(e);
      }
    }, records, budget.toNanos());
  }

  /**
   * Runs rounds of full and compact batches in the calling thread until {@code records} records
   * went through, {@code budgetNanos} passed or the thread is interrupted.
   */
  public static void run(Round round, int records, long budgetNanos) {
    ExportBatch full = batch(false);
    ExportBatch compact = batch(true);
    long deadline = System.nanoTime() + budgetNanos;
    for (int done = 0; done < records && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted();
        done += 2 * full.records().size()) {
      round.run(full);
      round.run(compact);
    }
  }
}
