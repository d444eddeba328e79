package io.sysotel.collector.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(HealthServer s, String path, String method) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + s.address().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aliveAtOnceReadyOnlyWhenTheCheckFindsNoProblem() throws Exception {
    try (HealthServer s = HealthServer.start("127.0.0.1:0")) {
      assertEquals(200, get(s, "/healthz", "GET").statusCode());
      assertEquals("ok\n", get(s, "/healthz", "GET").body());
      HttpResponse<String> starting = get(s, "/readyz", "GET");
      assertEquals(503, starting.statusCode());
      assertEquals("not ready\n" + HealthServer.STARTING + "\n", starting.body());

      AtomicReference<List<String>> problems = new AtomicReference<>(List.of());
      s.setReadiness(problems::get);
      HttpResponse<String> ready = get(s, "/readyz", "GET");
      assertEquals(200, ready.statusCode());
      assertEquals("ready\n", ready.body());

      problems.set(List.of("exporter otlp: cannot connect to gateway:4317: Connection refused", "second"));
      HttpResponse<String> down = get(s, "/readyz", "GET");
      assertEquals(503, down.statusCode());
      assertEquals("not ready\nexporter otlp: cannot connect to gateway:4317: Connection refused\nsecond\n", down.body());
      assertEquals(200, get(s, "/healthz", "GET").statusCode(), "liveness does not follow readiness");
    }
  }

  @Test
  void aFailingCheckMeansNotReady() throws Exception {
    try (HealthServer s = HealthServer.start("127.0.0.1:0")) {
      s.setReadiness(() -> {
        throw new IllegalStateException("boom");
      });
      HttpResponse<String> r = get(s, "/readyz", "GET");
      assertEquals(503, r.statusCode());
      assertEquals("not ready\nreadiness check failed: java.lang.IllegalStateException: boom\n", r.body());
    }
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    try (HealthServer s = HealthServer.start("127.0.0.1:0")) {
      assertEquals(404, get(s, "/metrics", "GET").statusCode());
      HttpResponse<String> post = get(s, "/readyz", "POST");
      assertEquals(405, post.statusCode());
      assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
      HttpResponse<String> head = get(s, "/healthz", "HEAD");
      assertEquals(200, head.statusCode());
      assertEquals("", head.body());
    }
  }

  @Test
  void closeStopsListeningAndIsSafeTwice() throws Exception {
    HealthServer s = HealthServer.start("127.0.0.1:0");
    s.close();
    s.close();
    assertThrows(ConnectException.class, () -> get(s, "/healthz", "GET"));
  }
}
