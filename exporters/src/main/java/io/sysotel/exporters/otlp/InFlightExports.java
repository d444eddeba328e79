package io.sysotel.exporters.otlp;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OTLP requests outstanding at once, at most {@code max}, and the accounting of their
 * failures. Each request's failure is counted exactly once: by the export call that made it,
 * when the request failed before that call returned (the call then throws, and the worker counts
 * the batch as failed), or else here, as a late failure (the worker already counted the batch as
 * exported), which the next flush reports.
 */
final class InFlightExports {

  private static final int CALLER = 0;
  private static final int RETURNED = 1;
  private static final int ACCOUNTED = 2;

  /** One request; completes on a sender thread. */
  static final class Request {
    private final CompletableResultCode result;
    private final int records;
    private final AtomicInteger state = new AtomicInteger(CALLER);

    private Request(CompletableResultCode result, int records) {
      this.result = result;
      this.records = records;
    }
  }

  /** Late failures since the last {@link #takeLateFailures}. */
  record LateFailures(long requests, long records, Throwable last) {}

  private final int max;
  private final Semaphore slots;
  private final AtomicLong failedRecords = new AtomicLong();
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

  /** Every record in a failed request, whichever way it was counted. */
  long failedRecords() {
    return failedRecords.get();
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
      if (!result.isSuccess() && r.state.compareAndSet(RETURNED, ACCOUNTED)) {
        late(r);
      }
      slots.release(); // last: a caller waiting for this slot then sees the failure as its own
    });
    return r;
  }

  private void late(Request r) {
    failedRecords.addAndGet(r.records);
    synchronized (this) {
      lateRequests++;
      lateRecords += r.records;
      lastLate = r.result.getFailureThrowable();
    }
  }

  /**
   * Called by the export call that made {@code r} as it returns: from now on a failure is late.
   *
   * @return the request's failure when it failed already (the caller reports it), else null
   */
  CompletableResultCode settle(Request r) {
    r.state.set(RETURNED);
    if (r.result.isDone() && !r.result.isSuccess() && r.state.compareAndSet(RETURNED, ACCOUNTED)) {
      failedRecords.addAndGet(r.records);
      return r.result;
    }
    return null;
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
