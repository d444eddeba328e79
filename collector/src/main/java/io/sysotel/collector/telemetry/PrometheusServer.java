package io.sysotel.collector.telemetry;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} (text format 0.0.4, see {@link
 * PrometheusText}) and {@code GET /healthz} ({@code ok}), on exactly the configured address.
 */
public final class PrometheusServer implements AutoCloseable {

  public static final String METRICS_PATH = "/metrics";
  public static final String HEALTH_PATH = "/healthz";

  private final HttpServer server;
  private final ExecutorService executor;
  private final MetricRegistry registry;
  private boolean closed;

  private PrometheusServer(HttpServer server, ExecutorService executor, MetricRegistry registry) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
  }

  /**
   * Listens on {@code hostPort} ({@code host:port} or {@code [v6]:port}; port 0 picks a free one).
   *
   * @throws IOException when the address cannot be bound
   */
  public static PrometheusServer start(String hostPort, MetricRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(address(hostPort), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sysotel-prometheus");
      t.setDaemon(true);
      return t;
    });
    PrometheusServer p = new PrometheusServer(server, executor, registry);
    server.createContext("/", p::handle);
    server.setExecutor(executor);
    server.start();
    return p;
  }

  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not host:port: " + hostPort);
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** Where it listens (the chosen port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!path.equals(METRICS_PATH) && !path.equals(HEALTH_PATH)) {
        HttpReply.send(exchange, 404, HttpReply.TEXT, "not found; try " + METRICS_PATH + "\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        HttpReply.send(exchange, 405, HttpReply.TEXT, "method not allowed\n");
      } else if (path.equals(HEALTH_PATH)) {
        HttpReply.send(exchange, 200, HttpReply.TEXT, "ok\n");
      } else {
        HttpReply.send(exchange, 200, PrometheusText.CONTENT_TYPE, PrometheusText.write(registry));
      }
    }
  }

  /** Stops listening. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
