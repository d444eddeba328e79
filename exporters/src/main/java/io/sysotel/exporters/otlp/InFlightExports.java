package io.sysotel.exporters.otlp;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.sysotel.collector.api.Exporter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP requests outstanding at once, at most {@code max}, and the accounting of their
 * outcomes. The requests of one export call are settled together as it returns: when one of them
 * failed already, or the call fails for another reason, the call throws and the collector counts
 * its whole batch as failed, so nothing more is counted for those requests. Otherwise the
 * requests still open become pending, and each one's outcome is counted here when it completes:
 * a failure then is a late failure, which the next flush reports.
 */
final class InFlightExports {

  private enum State { CALLER, PENDING, ABANDONED, DONE }

  /** One request; completes on a sender thread. Its state is guarded by the InFlightExports. */
  static final class Request {
    private final CompletableResultCode result;
    private final int records;
    private State state = State.CALLER;

    private Request(CompletableResultCode result, int records) {
      this.result = result;
      this.records = records;
    }
  }

  /** Late failures since the last {@link #takeLateFailures}. */
  record LateFailures(long requests, long records, Throwable last) {}

  private final int max;
  private final Semaphore slots;
  private long pendingRecords;
  private long failedLateRecords;
  private long lateRequests;
  private long lateRecords;
  private Throwable lastLate;

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

  /** Records of pending requests, and of those that failed late, read together. */
  synchronized Exporter.Unsettled unsettled() {
    return new Exporter.Unsettled(pendingRecords, failedLateRecords);
  }

  /** Takes a slot for a new request; false when none became free in time. */
  boolean acquire(Duration timeout) throws InterruptedException {
    return slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Gives back a slot taken for a request that was never made. */
  void release() {
    slots.release();
  }

  /** Tracks a request made in a slot taken with {@link #acquire}; the slot is freed when it completes. */
  Request track(CompletableResultCode result, int records) {
    Request r = new Request(result, records);
    result.whenComplete(() -> {
      completed(r);
      slots.release(); // last: a caller waiting for this slot then sees the outcome counted
    });
    return r;
  }

  private synchronized void completed(Request r) {
    if (r.state == State.PENDING) {
      pendingRecords -= r.records;
      if (!r.result.isSuccess()) {
        failedLateRecords += r.records;
        lateRequests++;
        lateRecords += r.records;
        lastLate = r.result.getFailureThrowable();
      }
    }
    r.state = State.DONE;
  }

  /**
   * Called by the export call that made {@code requests} as it returns. When {@code callerFails}
   * or one of them failed already, none of them is counted here any more (the caller counts its
   * batch as failed); otherwise the open ones become pending.
   *
   * @return the first request that failed already, or null
   */
  synchronized CompletableResultCode settle(List<Request> requests, boolean callerFails) {
    CompletableResultCode failed = null;
    for (Request r : requests) {
      if (r.state == State.DONE && !r.result.isSuccess()) {
        failed = r.result;
        break;
      }
    }
    for (Request r : requests) {
      if (r.state == State.CALLER) {
        if (failed != null || callerFails) {
          r.state = State.ABANDONED;
        } else {
          r.state = State.PENDING;
          pendingRecords += r.records;
        }
      }
    }
    return failed;
  }

  /** Waits until a slot is free (without taking it). */
  boolean awaitFree(Duration timeout) throws InterruptedException {
    if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    slots.release();
    return true;
  }

  /** Waits until no request is outstanding. */
  boolean awaitAll(Duration timeout) throws InterruptedException {
    if (!slots.tryAcquire(max, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    slots.release(max);
    return true;
  }

  synchronized LateFailures takeLateFailures() {
    LateFailures f = new LateFailures(lateRequests, lateRecords, lastLate);
    lateRequests = 0;
    lateRecords = 0;
    lastLate = null;
    return f;
  }
}
