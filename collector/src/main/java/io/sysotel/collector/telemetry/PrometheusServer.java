package io.sysotel.collector.telemetry;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.telemetry.TextHttpServer.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} (text format 0.0.4, see {@link
 * PrometheusText}) and {@code GET /healthz} ({@code ok}), on exactly the configured address.
 */
public final class PrometheusServer implements AutoCloseable {

  public static final String METRICS_PATH = "/metrics";
  public static final String HEALTH_PATH = "/healthz";

  private final TextHttpServer server;

  private PrometheusServer(TextHttpServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code hostPort} ({@code host:port} or {@code [v6]:port}; port 0 picks a free one).
   *
   * @throws IOException when the address cannot be bound
   */
  public static PrometheusServer start(String hostPort, MetricRegistry registry) throws IOException {
    return new PrometheusServer(TextHttpServer.start(hostPort, "sysotel-prometheus",
        List.of(METRICS_PATH, HEALTH_PATH),
        path -> path.equals(HEALTH_PATH)
            ? Reply.text(200, "ok\n")
            : new Reply(200, PrometheusText.CONTENT_TYPE, PrometheusText.write(registry))));
  }

  /** Where it listens (the chosen port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.address();
  }

  /** Stops listening. Safe to call twice. */
  @Override
  public void close() {
    server.close();
  }
}
