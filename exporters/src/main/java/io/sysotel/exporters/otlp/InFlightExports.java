package io.sysotel.exporters.otlp;

import io.sysotel.collector.api.Exporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The accounting of records handed to the exporter: each is pending from the moment its export
 * call accepted it until the request carrying it is answered, then delivered or failed. At most
 * {@code max} requests are outstanding at once. Failures are kept for the next {@link
 * #takeFailures}, which the exporter's flush reports.
 */
final class InFlightExports {

  /** Failures since the last {@link #takeFailures}. */
  record Failures(long requests, long records, Throwable last) {}

  private final int max;
  private final Semaphore slots;
  private long pending;
  private long failed;
  private long failedRequests;
  private long failedRecords;
  private Throwable lastFailure;

  InFlightExports(int max) {
    this.max = max;
    this.slots = new Semaphore(max);
  }

  int max() {
    return max;
  }

  int outstanding() {
    return max - slots.availablePermits();
  }

  /** Records pending and records failed (since creation), read together. */
  synchronized Exporter.Unsettled unsettled() {
    return new Exporter.Unsettled(pending, failed);
  }

  /** Records accepted by an export call, now pending. */
  synchronized void accepted(long records) {
    pending += records;
  }

  /** Takes a slot for a new request; false when none became free in time. */
  boolean acquire(Duration timeout) throws InterruptedException {
    return slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Tracks a request made in a slot taken with {@link #acquire}: its records settle when it
   * completes, and the slot is freed then.
   */
  void track(CompletableResultCode result, int records) {
    result.whenComplete(() -> {
      if (result.isSuccess()) {
        delivered(records);
      } else {
        failed(records, result.getFailureThrowable());
      }
      slots.release(); // last: a caller waiting for this slot then sees the outcome counted
    });
  }

  private synchronized void delivered(int records) {
    pending -= records;
  }

  /** Pending records that failed without a request (no slot, or a request that could not be made). */
  synchronized void failed(int records, Throwable why) {
    pending -= records;
    failed += records;
    failedRequests++;
    failedRecords += records;
    lastFailure = why;
  }

  /** Waits until no request is outstanding. */
  boolean awaitAll(Duration timeout) throws InterruptedException {
    if (!slots.tryAcquire(max, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    slots.release(max);
    return true;
  }

  synchronized Failures takeFailures() {
    Failures f = new Failures(failedRequests, failedRecords, lastFailure);
    failedRequests = 0;
    failedRecords = 0;
    lastFailure = null;
    return f;
  }
}
