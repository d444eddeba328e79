package io.sysotel.exporters.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.sysotel.collector.api.Exporter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightExportsTest {

  private static final Duration SHORT = Duration.ofMillis(20);
  private final InFlightExports inFlight = new InFlightExports(2);

  private InFlightExports.Request send(CompletableResultCode result, int records) throws InterruptedException {
    assertTrue(inFlight.acquire(SHORT));
    return inFlight.track(result, records);
  }

  @Test
  void aFailureBeforeTheCallReturnsIsTheCallersAndNotLate() throws Exception {
    CompletableResultCode result = new CompletableResultCode();
    InFlightExports.Request r = send(result, 5);
    result.failExceptionally(new IllegalStateException("refused"));
    assertNotNull(inFlight.settle(List.of(r), false));
    assertEquals(Exporter.Unsettled.NONE, inFlight.unsettled());
    assertEquals(0, inFlight.takeLateFailures().records());
  }

  @Test
  void aFailureAfterTheCallReturnedIsCountedLateOnce() throws Exception {
    CompletableResultCode result = new CompletableResultCode();
    InFlightExports.Request r = send(result, 7);
    assertNull(inFlight.settle(List.of(r), false));
    assertEquals(new Exporter.Unsettled(7, 0), inFlight.unsettled());
    result.fail();
    assertEquals(new Exporter.Unsettled(0, 7), inFlight.unsettled());
    InFlightExports.LateFailures late = inFlight.takeLateFailures();
    assertEquals(1, late.requests());
    assertEquals(7, late.records());
    assertEquals(0, inFlight.takeLateFailures().requests());
    assertEquals(new Exporter.Unsettled(0, 7), inFlight.unsettled(), "the total stays");
  }

  @Test
  void aSuccessAfterTheCallReturnedSettlesThePendingRecords() throws Exception {
    CompletableResultCode result = new CompletableResultCode();
    assertNull(inFlight.settle(List.of(send(result, 4)), false));
    assertEquals(new Exporter.Unsettled(4, 0), inFlight.unsettled());
    result.succeed();
    assertEquals(Exporter.Unsettled.NONE, inFlight.unsettled());
  }

  @Test
  void whenOneRequestOfACallFailedTheOthersAreTheCallersToo() throws Exception {
    CompletableResultCode open = new CompletableResultCode();
    InFlightExports.Request first = send(CompletableResultCode.ofFailure(), 3);
    InFlightExports.Request second = send(open, 2);
    assertNotNull(inFlight.settle(List.of(first, second), false));
    open.fail();
    assertEquals(Exporter.Unsettled.NONE, inFlight.unsettled(), "counted once, by the caller");
    assertEquals(0, inFlight.takeLateFailures().requests());
    assertEquals(0, inFlight.outstanding());
  }

  @Test
  void aCallerThatFailsForItsOwnReasonTakesItsOpenRequests() throws Exception {
    CompletableResultCode open = new CompletableResultCode();
    assertNull(inFlight.settle(List.of(send(open, 6)), true));
    assertEquals(Exporter.Unsettled.NONE, inFlight.unsettled());
    open.succeed();
    assertEquals(Exporter.Unsettled.NONE, inFlight.unsettled());
  }

  @Test
  void atMostMaxRequestsAreOutstandingAndCompletionFreesASlot() throws Exception {
    CompletableResultCode first = new CompletableResultCode();
    inFlight.settle(List.of(send(first, 1)), false);
    inFlight.settle(List.of(send(new CompletableResultCode(), 1)), false);
    assertEquals(2, inFlight.outstanding());
    assertFalse(inFlight.acquire(SHORT));
    assertFalse(inFlight.awaitFree(SHORT));
    first.succeed();
    assertTrue(inFlight.awaitFree(SHORT));
    assertFalse(inFlight.awaitAll(SHORT));
    assertEquals(1, inFlight.outstanding());
    assertEquals(new Exporter.Unsettled(1, 0), inFlight.unsettled());
  }
}
