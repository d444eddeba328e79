package io.sysotel.collector.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The small HTTP servers of the collector's own telemetry (Prometheus, health): one daemon
 * thread, a fixed set of paths answering GET and HEAD with a text body, 404 elsewhere, 405 for
 * other methods.
 */
final class TextHttpServer implements AutoCloseable {

  static final String TEXT = "text/plain; charset=utf-8";

  /** One answer: status, content type and body. */
  record Reply(int status, String type, String body) {
    static Reply text(int status, String body) {
      return new Reply(status, TEXT, body);
    }
  }

  /** Answers a request for one of the server's paths. */
  @FunctionalInterface
  interface Handler {
    Reply answer(String path);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private boolean closed;

  private TextHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code hostPort} ({@code host:port} or {@code [v6]:port}; port 0 picks a free one).
   *
   * @throws IOException when the address cannot be bound
   */
  static TextHttpServer start(String hostPort, String threadName, List<String> paths, Handler handler)
      throws IOException {
    HttpServer server = HttpServer.create(address(hostPort), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    server.createContext("/", exchange -> handle(exchange, paths, handler));
    server.setExecutor(executor);
    server.start();
    return new TextHttpServer(server, executor);
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
  InetSocketAddress address() {
    return server.getAddress();
  }

  private static void handle(HttpExchange exchange, List<String> paths, Handler handler) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!paths.contains(path)) {
        send(exchange, Reply.text(404, "not found; try " + String.join(" or ", paths) + "\n"));
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, Reply.text(405, "method not allowed\n"));
      } else {
        send(exchange, handler.answer(path));
      }
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", reply.type());
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(reply.status(), head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
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
