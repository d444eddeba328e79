package io.sysotel.collector.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.pipeline.MetricNames;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class PrometheusServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(PrometheusServer s, String path, String method) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + s.address().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheRegistryAndHealthOnLoopback() throws Exception {
    MetricRegistry r = new MetricRegistry();
    try (PrometheusServer s = PrometheusServer.start("127.0.0.1:0", r)) {
      assertEquals(InetAddress.getByName("127.0.0.1"), s.address().getAddress(), "binds the configured address only");
      r.counter(MetricNames.pipeline("p", MetricNames.MATCHED)).inc(3);
      HttpResponse<String> metrics = get(s, "/metrics", "GET");
      assertEquals(200, metrics.statusCode());
      assertEquals(PrometheusText.CONTENT_TYPE, metrics.headers().firstValue("Content-Type").orElseThrow());
      assertEquals(3.0, PrometheusTextTest.parse(metrics.body(), new HashMap<>()).get("sysotel_pipeline_matched_total{pipeline=p}"));

      r.counter(MetricNames.pipeline("p", MetricNames.MATCHED)).inc();
      assertTrue(get(s, "/metrics", "GET").body().contains("sysotel_pipeline_matched_total{pipeline=\"p\"} 4\n"));

      HttpResponse<String> health = get(s, "/healthz", "GET");
      assertEquals(200, health.statusCode());
      assertEquals("ok\n", health.body());
      assertEquals(404, get(s, "/other", "GET").statusCode());
      assertEquals(405, get(s, "/metrics", "POST").statusCode());
    }
  }

  @Test
  void closeStopsListeningAndIsSafeTwice() throws Exception {
    PrometheusServer s = PrometheusServer.start("127.0.0.1:0", new MetricRegistry());
    s.close();
    s.close();
    assertThrows(ConnectException.class, () -> get(s, "/healthz", "GET"));
  }

  @Test
  void anAddressInUseFails() throws Exception {
    try (PrometheusServer s = PrometheusServer.start("127.0.0.1:0", new MetricRegistry())) {
      assertThrows(IOException.class, () -> PrometheusServer.start("127.0.0.1:" + s.address().getPort(), new MetricRegistry()));
    }
  }

  @Test
  void parsesHostPortAndBracketedV6() {
    assertEquals(9464, TextHttpServer.address("127.0.0.1:9464").getPort());
    assertTrue(TextHttpServer.address("[::1]:9464").getAddress().isLoopbackAddress());
  }
}
