package io.sysotel.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.exporters.otlp.OtlpReceiver;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint of `sysotel run` as Kubernetes probes use it: /healthz while the process
 * serves, /readyz only once the program is attached and the required exporters accept
 * connections. Needs root.
 */
@Tag("root")
class HealthEndToEndTest {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Status and body, or -1 while nothing listens yet. */
  private HttpResponse<String> get(int port, String path) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Path config(int healthPort, String otlpEndpoint, boolean requireOtlp) throws IOException {
    return Sysotel.writeTemp("health.yaml", """
        service:
          telemetry:
            health: { endpoint: "127.0.0.1:%d"%s }
        exporters:
          otlp: { endpoint: "%s", protocol: grpc }
        pipelines:
          p:
            condition: "process.name:sysotel-none"
            task: "syscalls|functions:personality"
            exporters: [otlp]
        """.formatted(healthPort, requireOtlp ? ", requireExporters: [otlp]" : "", otlpEndpoint));
  }

  @Test
  void readyOnlyOnceTheProgramIsAttached() throws Exception {
    int port = freePort();
    try (OtlpReceiver receiver = OtlpReceiver.notStarted();
         Sysotel sysotel = Sysotel.start("run", "--config", config(port, receiver.grpcEndpoint(), false).toString())) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      HttpResponse<String> ready = null;
      while (System.nanoTime() < deadline) {
        HttpResponse<String> r = get(port, "/readyz");
        if (r != null && r.statusCode() == 200) {
          ready = r;
          break;
        }
        if (r != null) {
          assertEquals(503, r.statusCode());
          assertTrue(r.body().startsWith("not ready\nstarting"), r.body());
          assertEquals(200, get(port, "/healthz").statusCode(), "alive while starting");
        }
        Thread.sleep(5);
      }
      assertTrue(ready != null, "never ready:\n" + sysotel.stderrSoFar());
      assertEquals("ready\n", ready.body());
      assertFalse(sysotel.ownPrograms().isEmpty(), "ready means attached");
      assertTrue(sysotel.stderrSoFar().contains("sysotel: tracing"), sysotel.stderrSoFar());
      // The exporter is not required: its receiver being down does not matter.
      assertEquals(0, sysotel.stop(), sysotel.stderr());
      assertTrue(sysotel.nothingAttached());
    }
  }

  @Test
  void notReadyWhileARequiredExportersConnectionIsRefused() throws Exception {
    int port = freePort();
    try (OtlpReceiver receiver = OtlpReceiver.notStarted();
         Sysotel sysotel = Sysotel.start("run", "--config", config(port, receiver.grpcEndpoint(), true).toString())) {
      sysotel.awaitTracing();
      HttpResponse<String> refused = get(port, "/readyz");
      assertEquals(503, refused.statusCode(), refused.body());
      String hostPort = URI.create(receiver.grpcEndpoint()).getAuthority();
      assertTrue(refused.body().startsWith("not ready\nexporter otlp: cannot connect to " + hostPort + ": "), refused.body());
      assertTrue(refused.body().contains("refused"), refused.body());
      assertEquals(200, get(port, "/healthz").statusCode(), "alive all the same");

      receiver.startServers();
      HttpResponse<String> ready = get(port, "/readyz");
      assertEquals(200, ready.statusCode(), ready.body());

      receiver.stopServers();
      assertEquals(503, get(port, "/readyz").statusCode(), "readiness follows the destination");
      assertEquals(0, sysotel.stop(), sysotel.stderr());
      assertTrue(sysotel.nothingAttached());
    }
  }

  @Test
  void aHealthAddressInUseIsAnEnvironmentError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
         Sysotel sysotel = Sysotel.start("run", "--config",
             config(taken.getLocalPort(), "http://127.0.0.1:4317", false).toString())) {
      assertEquals(3, sysotel.await());
      assertTrue(sysotel.stderr().contains("cannot serve the health endpoint on 127.0.0.1:" + taken.getLocalPort()),
          sysotel.stderr());
      assertTrue(sysotel.nothingAttached());
    }
  }
}
