package io.sysotel.collector.api;

/**
 * A sink for syscall records. The collector calls an exporter from one thread of its own, so
 * implementations need no locking; a slow exporter delays only its own queue.
 */
public interface Exporter extends AutoCloseable {

  /** Exports a batch. Throws {@link ExportException} when the batch could not be delivered. */
  void export(ExportBatch batch) throws ExportException;

  /**
   * Checks that the destination accepts connections now, for the readiness endpoint. Called
   * from the health endpoint's thread, so implementations must not touch export state. The
   * default (exporters without a remote destination) is always reachable.
   *
   * @throws ExportException naming the destination and why it cannot be reached
   */
  default void checkConnection() throws ExportException {}

  /** Pushes out whatever is buffered. */
  void flush() throws ExportException;

  /** Flushes and releases resources. Safe to call more than once. */
  @Override
  void close();
}
