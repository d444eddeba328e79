package io.sysotel.collector.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The health endpoint ({@code service.telemetry.health.endpoint}), for Kubernetes probes:
 * {@code GET /healthz} answers 200 {@code ok} while the process serves requests; {@code GET
 * /readyz} answers 200 {@code ready} when the readiness check finds no problem, else 503 with
 * one problem per line. Until {@link #setReadiness} is called the collector is starting and
 * not ready. It listens before the kernel program is loaded, so liveness holds during start.
 */
public final class HealthServer implements AutoCloseable {

  public static final String LIVE_PATH = "/healthz";
  public static final String READY_PATH = "/readyz";
  static final String STARTING = "starting: the kernel program is not attached yet";

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile Supplier<List<String>> readiness = () -> List.of(STARTING);
  private boolean closed;

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code hostPort} ({@code host:port} or {@code [v6]:port}; port 0 picks a free one).
   *
   * @throws IOException when the address cannot be bound
   */
  public static HealthServer start(String hostPort) throws IOException {
    HttpServer server = HttpServer.create(PrometheusServer.address(hostPort), 8);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sysotel-health");
      t.setDaemon(true);
      return t;
    });
    HealthServer h = new HealthServer(server, executor);
    server.createContext("/", h::handle);
    server.setExecutor(executor);
    server.start();
    return h;
  }

  /** From now on, {@code problems} decides readiness: ready when it returns an empty list. */
  public void setReadiness(Supplier<List<String>> problems) {
    this.readiness = problems;
  }

  /** The problems that make {@code /readyz} answer 503; empty when ready. */
  public List<String> readinessProblems() {
    try {
      return readiness.get();
    } catch (RuntimeException e) {
      return List.of("readiness check failed: " + e);
    }
  }

  /** Where it listens (the chosen port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!path.equals(LIVE_PATH) && !path.equals(READY_PATH)) {
        HttpReply.send(exchange, 404, HttpReply.TEXT, "not found; try " + LIVE_PATH + " or " + READY_PATH + "\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        HttpReply.send(exchange, 405, HttpReply.TEXT, "method not allowed\n");
      } else if (path.equals(LIVE_PATH)) {
        HttpReply.send(exchange, 200, HttpReply.TEXT, "ok\n");
      } else {
        List<String> problems = readinessProblems();
        HttpReply.send(exchange, problems.isEmpty() ? 200 : 503, HttpReply.TEXT,
            problems.isEmpty() ? "ready\n" : "not ready\n" + String.join("\n", problems) + "\n");
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
