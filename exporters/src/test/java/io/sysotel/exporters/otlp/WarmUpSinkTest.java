package io.sysotel.exporters.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The warm-up's sink answers the OpenTelemetry SDK's own senders as a receiver would: requests of
 * several megabytes (far past HTTP/2's default flow-control windows and frame size), several in
 * flight on one connection, compressed or not, each accepted.
 */
class WarmUpSinkTest {

  @ParameterizedTest
  @CsvSource({"grpc, none", "grpc, gzip", "http/protobuf, none", "http/protobuf, gzip"})
  void everyRequestOfTheSdksSenderIsAccepted(String protocol, String compression) throws Exception {
    ExecutorService senders = SdkExporters.senderThreads("sink-test");
    try (WarmUpSink sink = WarmUpSink.start(Protocol.of(protocol))) {
      OtlpSettings settings = OtlpSettings.parse(
          Map.of("endpoint", sink.endpoint().toString(), "protocol", protocol, "compression", compression));
      LogsTransport transport = LogsTransport.create(settings, null, senders); // no retries: a failure shows
      Random random = new Random(7);
      List<CompletableResultCode> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        byte[] request = new byte[3 << 20];
        random.nextBytes(request);
        results.add(transport.send(request, request.length - i));
      }
      results.add(transport.send(new byte[0], 0));
      for (CompletableResultCode r : results) {
        r.join(10, TimeUnit.SECONDS);
        assertTrue(r.isSuccess(), "request failed: " + r.getFailureThrowable());
      }
      assertEquals(results.size(), sink.requests());
      transport.shutdown().join(10, TimeUnit.SECONDS);
    } finally {
      senders.shutdown();
    }
  }
}
