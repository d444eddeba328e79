package io.sysotel.collector.pipeline;

import java.util.logging.Logger;

/** Logs at most one warning per interval, with how many were suppressed since the last. */
final class RateLimitedLog {

  private final Logger log;
  private final long intervalNanos;
  private long last = Long.MIN_VALUE;
  private long suppressed;

  RateLimitedLog(Logger log, long intervalNanos) {
    this.log = log;
    this.intervalNanos = intervalNanos;
  }

  synchronized void warn(String message) {
    long now = System.nanoTime();
    if (last != Long.MIN_VALUE && now - last < intervalNanos) {
      suppressed++;
      return;
    }
    log.warning(suppressed == 0 ? message : message + " (" + suppressed + " similar messages suppressed)");
    last = now;
    suppressed = 0;
  }
}
