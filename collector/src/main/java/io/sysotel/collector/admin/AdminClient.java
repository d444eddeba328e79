package io.sysotel.collector.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends one request to a collector's admin socket and returns its response. */
public final class AdminClient {

  /** The collector cannot be reached: the message says what to do. */
  public static final class UnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreachableException(String message) {
      super(message);
    }
  }

  private AdminClient() {}

  public static ObjectNode request() {
    return AdminServer.JSON.createObjectNode();
  }

  public static JsonNode call(Path socket, ObjectNode request) throws UnreachableException {
    if (!Files.exists(socket)) {
      throw new UnreachableException("no admin socket at " + socket + ": is a collector running? Start one with"
          + " sysotel run --config FILE, or point at its socket with --socket PATH or --config FILE");
    }
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(socket));
      c.write(ByteBuffer.wrap((AdminServer.JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8)));
      c.shutdownOutput();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(8192);
      while (c.read(buf.clear()) >= 0) {
        out.write(buf.array(), 0, buf.position());
      }
      String text = out.toString(StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        throw new UnreachableException("the collector at " + socket + " closed the connection without an answer");
      }
      return AdminServer.JSON.readTree(text);
    } catch (IOException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("Permission denied")) {
        throw new UnreachableException("permission denied on " + socket + ": the admin socket serves only the"
            + " collector's user; run sysotel d as that user (e.g. with sudo)");
      }
      if (m.contains("Connection refused")) {
        throw new UnreachableException("nothing listens on " + socket + " (a stale socket file?): is the collector"
            + " running?");
      }
      throw new UnreachableException("cannot talk to the collector at " + socket + ": " + m);
    }
  }
}
