package io.sysotel.collector.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysotel.collector.kernel.EnvironmentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The admin API: a unix socket, mode 0600, that serves only the collector's own user (checked
 * with SO_PEERCRED on every connection). One request per connection: a JSON object on one
 * line, answered by a JSON object on one line. No request, however malformed, stops the
 * collector: every failure becomes an error response.
 */
public final class AdminServer implements AutoCloseable {

  /** Answers one request; {@link AdminException} becomes an error response. */
  public interface Handler {
    ObjectNode handle(JsonNode request) throws AdminException;
  }

  static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final long REQUEST_TIMEOUT_SECONDS = 10;
  private static final Logger log = Logger.getLogger(AdminServer.class.getName());
  static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final ServerSocketChannel server;
  private final UserPrincipal owner;
  private final Handler handler;
  private final Thread acceptor;
  private final ExecutorService requests = Executors.newFixedThreadPool(2, daemon("sysotel-admin"));
  private final ScheduledExecutorService timeouts =
      Executors.newSingleThreadScheduledExecutor(daemon("sysotel-admin-timeout"));
  private volatile boolean closed;

  private AdminServer(Path path, ServerSocketChannel server, UserPrincipal owner, Handler handler) {
    this.path = path;
    this.server = server;
    this.owner = owner;
    this.handler = handler;
    this.acceptor = new Thread(this::accept, "sysotel-admin-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Listens at {@code path}, replacing a stale socket file left by a collector that died.
   *
   * @throws SocketInUseException when another collector answers there
   * @throws EnvironmentException when the socket cannot be created
   */
  public static AdminServer start(Path path, Handler handler) {
    path = path.toAbsolutePath();
    try {
      if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        if (!"socket".equals(fileType(path))) {
          throw new EnvironmentException("the admin socket path " + path + " exists and is not a socket:"
              + " remove it or set service.admin.socket to another path", null);
        }
        if (answers(path)) {
          throw new SocketInUseException(path);
        }
        Files.delete(path);
      }
      Files.createDirectories(path.getParent());
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        server.bind(UnixDomainSocketAddress.of(path));
      } catch (BindException e) {
        server.close();
        throw new SocketInUseException(path);
      }
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      return new AdminServer(path, server, Files.getOwner(path), handler);
    } catch (IOException e) {
      throw new EnvironmentException("cannot create the admin socket " + path + ": " + e.getMessage()
          + " (check that its directory is writable, or set service.admin.socket)", e);
    }
  }

  private static String fileType(Path path) throws IOException {
    Object mode = Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    return ((Integer) mode & 0170000) == 0140000 ? "socket" : "other";
  }

  private static boolean answers(Path path) {
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      return c.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  /** Another collector already serves this path. */
  public static final class SocketInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SocketInUseException(Path path) {
      super("another collector serves the admin socket " + path
          + ": stop it, or give this one another service.admin.socket");
    }
  }

  public Path path() {
    return path;
  }

  private void accept() {
    while (!closed) {
      SocketChannel c;
      try {
        c = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.log(Level.WARNING, "admin socket: accept failed: " + e.getMessage());
        continue;
      }
      try {
        requests.execute(() -> serve(c));
      } catch (RuntimeException e) {
        close(c);
      }
    }
  }

  private void serve(SocketChannel c) {
    ScheduledFuture<?> timeout = timeouts.schedule(() -> close(c), REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    try (c) {
      ObjectNode response;
      UnixDomainPrincipal peer = c.getOption(ExtendedSocketOptions.SO_PEERCRED);
      // Read before answering even a refused request: closing with unread data resets the
      // connection, and the client would never see why.
      String request = read(c);
      if (!owner.equals(peer.user())) {
        response = error(new AdminException(AdminException.Code.FORBIDDEN, "the admin socket serves only user "
            + owner.getName() + ", and this request came from user " + peer.user().getName()
            + ": run sysotel d as " + owner.getName()));
      } else {
        response = respond(request);
      }
      c.write(ByteBuffer.wrap((JSON.writeValueAsString(response) + "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // the client went away or timed out: nothing to answer
    } catch (RuntimeException e) {
      log.log(Level.WARNING, "admin socket: request failed", e);
    } finally {
      timeout.cancel(false);
    }
  }

  /** One request line, or null when it is too long or the client sent nothing. */
  private static String read(SocketChannel c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(8192);
    while (out.size() <= MAX_REQUEST_BYTES) {
      buf.clear();
      int n = c.read(buf);
      if (n < 0) {
        break;
      }
      int newline = -1;
      for (int i = 0; i < n; i++) {
        if (buf.get(i) == '\n') {
          newline = i;
          break;
        }
      }
      out.write(buf.array(), 0, newline >= 0 ? newline : n);
      if (newline >= 0) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }
    return out.size() > MAX_REQUEST_BYTES ? null : out.toString(StandardCharsets.UTF_8);
  }

  /** The response to one request line. Never throws. */
  ObjectNode respond(String line) {
    try {
      if (line == null) {
        throw new AdminException(AdminException.Code.BAD_REQUEST,
            "request larger than " + MAX_REQUEST_BYTES + " bytes");
      }
      if (line.isBlank()) {
        throw new AdminException(AdminException.Code.BAD_REQUEST,
            "empty request: send one JSON object on one line, e.g. {\"op\":\"list\"}");
      }
      JsonNode request;
      try {
        request = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new AdminException(AdminException.Code.BAD_REQUEST, "malformed request: not JSON ("
            + e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr()
            + "): send one JSON object on one line, e.g. {\"op\":\"list\"}");
      }
      if (request == null || !request.isObject()) {
        throw new AdminException(AdminException.Code.BAD_REQUEST,
            "malformed request: a JSON object is expected, e.g. {\"op\":\"list\"}");
      }
      ObjectNode response = handler.handle(request);
      response.put("ok", true);
      return response;
    } catch (AdminException e) {
      return error(e);
    } catch (RuntimeException e) {
      log.log(Level.WARNING, "admin request failed", e);
      return error(new AdminException(AdminException.Code.INTERNAL, "the collector failed to answer: " + e));
    }
  }

  static ObjectNode error(AdminException e) {
    ObjectNode out = JSON.createObjectNode();
    out.put("ok", false);
    ObjectNode err = out.putObject("error");
    err.put("code", e.code().wire);
    err.put("message", e.getMessage());
    if (!e.problems().isEmpty()) {
      e.problems().forEach(err.putArray("problems")::add);
    }
    return out;
  }

  private static void close(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops listening and removes the socket file. Safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    requests.shutdown();
    timeouts.shutdownNow();
    try {
      requests.awaitTermination(15, TimeUnit.SECONDS);
      acceptor.join(1000);
      Files.deleteIfExists(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.log(Level.FINE, "cannot remove " + path, e);
    }
  }
}
