package io.sysotel.collector.api;

/**
 * A sink for syscall records. The collector calls an exporter from one thread of its own, so
 * implementations need no locking; a slow exporter delays only its own queue.
 */
public interface Exporter extends AutoCloseable {

  /** Exports a batch. Throws {@link ExportException} when the batch could not be delivered. */
  void export(ExportBatch batch) throws ExportException;

  /** Pushes out whatever is buffered. */
  void flush() throws ExportException;

  /** Flushes and releases resources. Safe to call more than once. */
  @Override
  void close();
}
