package io.sysotel.collector.telemetry;

import io.sysotel.collector.telemetry.TextHttpServer.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
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

  private TextHttpServer server;
  private volatile Supplier<List<String>> readiness = () -> List.of(STARTING);

  private HealthServer() {}

  /**
   * Listens on {@code hostPort} ({@code host:port} or {@code [v6]:port}; port 0 picks a free one).
   *
   * @throws IOException when the address cannot be bound
   */
  public static HealthServer start(String hostPort) throws IOException {
    HealthServer h = new HealthServer();
    h.server = TextHttpServer.start(hostPort, "sysotel-health", List.of(LIVE_PATH, READY_PATH), h::answer);
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
    return server.address();
  }

  private Reply answer(String path) {
    if (path.equals(LIVE_PATH)) {
      return Reply.text(200, "ok\n");
    }
    List<String> problems = readinessProblems();
    return problems.isEmpty()
        ? Reply.text(200, "ready\n")
        : Reply.text(503, "not ready\n" + String.join("\n", problems) + "\n");
  }

  /** Stops listening. Safe to call twice. */
  @Override
  public void close() {
    server.close();
  }
}
