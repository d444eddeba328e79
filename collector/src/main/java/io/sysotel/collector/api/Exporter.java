package io.sysotel.collector.api;

import java.time.Duration;

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

  /**
   * Waits up to {@code limit} until the exporter is warm. An exporter that readies its hot paths
   * on made-up records in the background returns once that is over; a starting collector
   * installs its pipelines only then, so a first burst meets compiled code rather than the
   * interpreter and a busy compiler. The default (nothing to ready) returns at once.
   */
  default void awaitWarmUp(Duration limit) throws InterruptedException {}

  /** Pushes out whatever is buffered. */
  void flush() throws ExportException;

  /**
   * For exporters whose {@link #export} returns before the destination answered: of the records
   * of export calls that returned normally, how many still await an answer ({@code pending}) and
   * how many were refused afterwards ({@code failedLate}, since the exporter was created). The
   * collector counts a record as exported once it is neither, and a late failure as failed.
   * Exporters that deliver before export returns keep the default: none of either.
   */
  default Unsettled unsettled() {
    return Unsettled.NONE;
  }

  /** See {@link #unsettled}; both counts read at one instant. */
  record Unsettled(long pending, long failedLate) {
    public static final Unsettled NONE = new Unsettled(0, 0);
  }

  /** Flushes and releases resources. Safe to call more than once. */
  @Override
  void close();
}
