package io.sysotel.exporters.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InFlightExportsTest {

  private static final Duration SHORT = Duration.ofMillis(20);
  private final InFlightExports inFlight = new InFlightExports(2);

  @Test
  void aFailureBeforeTheCallReturnsIsTheCallersAndNotLate() throws Exception {
    assertTrue(inFlight.acquire(SHORT));
    CompletableResultCode result = new CompletableResultCode();
    InFlightExports.Request r = inFlight.track(result, 5);
    result.failExceptionally(new IllegalStateException("refused"));
    assertNotNull(inFlight.settle(r));
    assertEquals(5, inFlight.failedRecords());
    assertEquals(0, inFlight.takeLateFailures().records());
  }

  @Test
  void aFailureAfterTheCallReturnedIsCountedLateOnce() throws Exception {
    assertTrue(inFlight.acquire(SHORT));
    CompletableResultCode result = new CompletableResultCode();
    InFlightExports.Request r = inFlight.track(result, 7);
    assertNull(inFlight.settle(r));
    result.fail();
    assertEquals(7, inFlight.failedRecords());
    InFlightExports.LateFailures late = inFlight.takeLateFailures();
    assertEquals(1, late.requests());
    assertEquals(7, late.records());
    assertEquals(0, inFlight.takeLateFailures().requests());
  }

  @Test
  void aRequestAlreadyFailedWhenTrackedIsTheCallers() throws Exception {
    assertTrue(inFlight.acquire(SHORT));
    InFlightExports.Request r = inFlight.track(CompletableResultCode.ofFailure(), 3);
    assertNotNull(inFlight.settle(r));
    assertEquals(3, inFlight.failedRecords());
    assertEquals(0, inFlight.outstanding());
  }

  @Test
  void atMostMaxRequestsAreOutstandingAndCompletionFreesASlot() throws Exception {
    CompletableResultCode first = new CompletableResultCode();
    assertTrue(inFlight.acquire(SHORT));
    inFlight.settle(inFlight.track(first, 1));
    assertTrue(inFlight.acquire(SHORT));
    inFlight.settle(inFlight.track(new CompletableResultCode(), 1));
    assertEquals(2, inFlight.outstanding());
    assertFalse(inFlight.acquire(SHORT));
    assertFalse(inFlight.awaitFree(SHORT));
    first.succeed();
    assertTrue(inFlight.awaitFree(SHORT));
    assertFalse(inFlight.awaitAll(SHORT));
    assertEquals(1, inFlight.outstanding());
    assertEquals(0, inFlight.failedRecords());
  }
}
