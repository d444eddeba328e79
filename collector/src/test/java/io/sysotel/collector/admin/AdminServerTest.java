package io.sysotel.collector.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sysotel.collector.kernel.EnvironmentException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerTest {

  @TempDir Path dir;

  /** Echoes the op back; "boom" throws as a bug in a handler would. */
  private static final AdminServer.Handler ECHO = request -> {
    if (request.path("op").asText().equals("boom")) {
      throw new IllegalStateException("boom");
    }
    if (request.path("op").asText().equals("refuse")) {
      throw new AdminException(AdminException.Code.NOT_FOUND, "no such thing", java.util.List.of("detail"));
    }
    return AdminClient.request().put("echo", request.path("op").asText());
  };

  @Test
  void answersOneRequestPerConnectionOnASocketOnlyItsUserMayOpen() throws Exception {
    Path socket = dir.resolve("run/admin.sock");
    try (AdminServer server = AdminServer.start(socket, ECHO)) {
      assertEquals(socket, server.path());
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
      JsonNode r = AdminClient.call(socket, AdminClient.request().put("op", "list"));
      assertTrue(r.path("ok").asBoolean());
      assertEquals("list", r.path("echo").asText());
    }
    assertTrue(Files.notExists(socket), "close removes the socket file");
  }

  @Test
  void turnsEveryFailureIntoAnErrorResponse() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (AdminServer server = AdminServer.start(socket, ECHO)) {
      assertEquals("bad_request", server.respond("{nope").path("error").path("code").asText());
      assertTrue(server.respond("{nope").path("error").path("message").asText().startsWith("malformed request: not JSON"));
      assertEquals("bad_request", server.respond("42").path("error").path("code").asText());
      assertEquals("bad_request", server.respond("").path("error").path("code").asText());
      assertEquals("bad_request", server.respond(null).path("error").path("code").asText());
      JsonNode bug = server.respond("{\"op\":\"boom\"}");
      assertEquals("internal", bug.path("error").path("code").asText());
      JsonNode refused = AdminClient.call(socket, AdminClient.request().put("op", "refuse"));
      assertEquals(false, refused.path("ok").asBoolean());
      assertEquals("not_found", refused.path("error").path("code").asText());
      assertEquals("detail", refused.path("error").path("problems").get(0).asText());
      // Still serving after all of that.
      assertEquals("x", AdminClient.call(socket, AdminClient.request().put("op", "x")).path("echo").asText());
    }
  }

  @Test
  void replacesAStaleSocketButNotALiveOne() throws Exception {
    Path socket = dir.resolve("admin.sock");
    try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      stale.bind(UnixDomainSocketAddress.of(socket));
    }
    assertTrue(Files.exists(socket), "a socket file nobody listens on");
    try (AdminServer live = AdminServer.start(socket, ECHO)) {
      assertEquals(socket, live.path());
      AdminServer.SocketInUseException e =
          assertThrows(AdminServer.SocketInUseException.class, () -> AdminServer.start(socket, ECHO));
      assertTrue(e.getMessage().contains("another collector serves the admin socket " + socket), e.getMessage());
      assertEquals("y", AdminClient.call(socket, AdminClient.request().put("op", "y")).path("echo").asText());
    }
  }

  @Test
  void refusesAPathThatIsNotASocket() throws Exception {
    Path file = Files.writeString(dir.resolve("admin.sock"), "x");
    EnvironmentException e = assertThrows(EnvironmentException.class, () -> AdminServer.start(file, ECHO));
    assertTrue(e.getMessage().contains("exists and is not a socket"), e.getMessage());
  }

  @Test
  void theClientSaysWhatToDoWhenNoCollectorListens() {
    AdminClient.UnreachableException e = assertThrows(AdminClient.UnreachableException.class,
        () -> AdminClient.call(dir.resolve("none.sock"), AdminClient.request().put("op", "list")));
    assertTrue(e.getMessage().contains("is a collector running?"), e.getMessage());
  }

  @Test
  void servesRequestsConcurrently() throws Exception {
    Path socket = dir.resolve("admin.sock");
    AtomicInteger ok = new AtomicInteger();
    try (AdminServer server = AdminServer.start(socket, ECHO)) {
      assertEquals(socket, server.path());
      Thread[] threads = new Thread[8];
      for (int i = 0; i < threads.length; i++) {
        threads[i] = new Thread(() -> {
          try {
            if (AdminClient.call(socket, AdminClient.request().put("op", "z")).path("ok").asBoolean()) {
              ok.incrementAndGet();
            }
          } catch (AdminClient.UnreachableException e) {
            // counted as not ok
          }
        });
        threads[i].start();
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    assertEquals(8, ok.get());
  }
}
