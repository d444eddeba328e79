package io.sysotel.exporters.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.sysotel.collector.api.Exporter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InFlightExportsTest {

  private static final Duration SHORT = Duration.ofMillis(20);
  private final InFlightExports inFlight = new InFlightExports(2);

  private CompletableResultCode send(int records) throws InterruptedException {
    CompletableResultCode result = new CompletableResultCode();
    assertTrue(inFlight.acquire(SHORT));
    inFlight.track(result, records);
    return result;
  }

  @Test
  void acceptedRecordsArePendingUntilTheirRequestSucceeds() throws Exception {
    inFlight.accepted(10);
    assertEquals(new Exporter.Unsettled(10, 0), inFlight.unsettled(), "accepted, not yet sent");
    CompletableResultCode result = send(4);
    assertEquals(new Exporter.Unsettled(10, 0), inFlight.unsettled());
    result.succeed();
    assertEquals(new Exporter.Unsettled(6, 0), inFlight.unsettled());
  }

  @Test
  void aFailedRequestIsCountedOnceAndReportedOnce() throws Exception {
    inFlight.accepted(7);
    IllegalStateException why = new IllegalStateException("refused");
    send(7).failExceptionally(why);
    assertEquals(new Exporter.Unsettled(0, 7), inFlight.unsettled());
    InFlightExports.Failures f = inFlight.takeFailures();
    assertEquals(1, f.requests());
    assertEquals(7, f.records());
    assertSame(why, f.last());
    assertEquals(0, inFlight.takeFailures().requests());
    assertEquals(new Exporter.Unsettled(0, 7), inFlight.unsettled(), "the total stays");
  }

  @Test
  void recordsThatNeverGetARequestFailToo() {
    inFlight.accepted(5);
    inFlight.failed(5, new IllegalStateException("no slot"));
    assertEquals(new Exporter.Unsettled(0, 5), inFlight.unsettled());
    assertEquals(5, inFlight.takeFailures().records());
  }

  @Test
  void atMostMaxRequestsAreOutstandingAndCompletionFreesASlot() throws Exception {
    inFlight.accepted(2);
    CompletableResultCode first = send(1);
    send(1);
    assertEquals(2, inFlight.outstanding());
    assertFalse(inFlight.acquire(SHORT));
    first.succeed();
    assertTrue(inFlight.acquire(SHORT));
    assertFalse(inFlight.awaitAll(SHORT));
    assertEquals(2, inFlight.outstanding());
    assertEquals(new Exporter.Unsettled(1, 0), inFlight.unsettled());
  }
}
