package io.sysotel.exporters.json;

import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.ExportException;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.exporters.warmup.WarmUp;
import java.io.IOException;
import java.time.Duration;

/**
 * Renders batches as JSON lines into one reused buffer and hands the bytes to its output once
 * per batch (sooner for big batches), always on line boundaries. Called from one thread.
 */
abstract sealed class JsonLinesExporter implements Exporter
    permits StdoutExporter, FileExporter, JsonLinesExporter.Discarding {

  /** Bytes rendered before they are written out mid-batch. */
  static final int WRITE_THRESHOLD = 256 * 1024;

  private final String id;
  private final JsonEventWriter writer = new JsonEventWriter();
  private final JsonBytes buffer = new JsonBytes(64 * 1024);
  private boolean closed;
  private WarmUp.Background warmUp;

  JsonLinesExporter(String id) {
    this.id = id;
  }

  /** Writes whole lines. */
  abstract void writeLines(byte[] bytes, int off, int len) throws IOException;

  abstract void flushOutput() throws IOException;

  abstract void closeOutput() throws IOException;

  @Override
  public final void export(ExportBatch batch) throws ExportException {
    if (closed) {
      throw new ExportException(id + ": exporter is closed", null);
    }
    try {
      for (SyscallRecord record : batch.records()) {
        writer.write(buffer, batch.source(), batch.meta(), batch.compact(), record);
        if (buffer.length() >= WRITE_THRESHOLD) {
          drain();
        }
      }
      drain();
    } catch (IOException | RuntimeException e) {
      buffer.reset(); // the batch is lost (the caller counts it); the next one starts clean
      throw new ExportException(id + ": " + e.getMessage(), e);
    }
  }

  private void drain() throws IOException {
    if (buffer.length() > 0) {
      writeLines(buffer.array(), 0, buffer.length());
      buffer.reset();
    }
  }

  @Override
  public final void flush() throws ExportException {
    if (closed) {
      return;
    }
    try {
      flushOutput();
    } catch (IOException e) {
      throw new ExportException(id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public final void awaitWarmUp(Duration limit) throws InterruptedException {
    if (warmUp != null) {
      warmUp.await(limit);
    }
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (warmUp != null) {
      warmUp.stop();
    }
    try {
      flushOutput();
    } catch (IOException e) {
      // Nothing is left to report to at shutdown; export() and flush() already surfaced errors.
    } finally {
      try {
        closeOutput();
      } catch (IOException e) {
        // as above
      }
    }
  }

  @Override
  public String toString() {
    return id;
  }

  /**
   * Renders made-up records through {@link #export} of an exporter of its own, on a thread of
   * its own, the lines thrown away, so that rendering is compiled before this exporter gets its
   * first burst (see {@link WarmUp}). Returns this exporter.
   */
  final JsonLinesExporter warmUpInBackground() {
    warmUp = WarmUp.inBackground("sysotel-" + id + "-warm-up", () -> WarmUp.run(new Discarding()));
    return this;
  }

  /** Renders and forgets: the warm-up's output. */
  static final class Discarding extends JsonLinesExporter {
    Discarding() {
      super("warm-up");
    }

    @Override
    void writeLines(byte[] bytes, int off, int len) {}

    @Override
    void flushOutput() {}

    @Override
    void closeOutput() {}
  }
}
