package io.sysotel.collector.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The few calls of the Docker Engine API sysotel makes (served by Docker and by podman's
 * compatible service), as HTTP/1.1 over the runtime's unix socket. One connection per call.
 */
final class DockerApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path socket;

  DockerApi(Path socket) {
    this.socket = socket;
  }

  Path socket() {
    return socket;
  }

  /** GET {@code path}; the parsed body, or null for 404. */
  JsonNode get(String path) throws IOException {
    try (SocketChannel ch = connect()) {
      InputStream in = request(ch, path);
      Head head = head(in);
      int status = head.status;
      InputStream body = body(in, head);
      if (status == 404) {
        return null;
      }
      byte[] bytes = body.readAllBytes();
      if (status != 200) {
        throw new IOException("GET " + path + " on " + socket + ": HTTP " + status + " "
            + new String(bytes, StandardCharsets.UTF_8).trim());
      }
      return JSON.readTree(bytes);
    }
  }

  /**
   * GET {@code path} of a streaming endpoint ({@code /events}), handing each JSON object to
   * {@code onObject} until the runtime closes the stream, {@code onOpen} once it answered.
   */
  void stream(String path, Runnable onOpen, Consumer<JsonNode> onObject, Consumer<SocketChannel> channelSink)
      throws IOException {
    try (SocketChannel ch = connect()) {
      channelSink.accept(ch);
      InputStream in = request(ch, path);
      Head head = head(in);
      int status = head.status;
      InputStream body = body(in, head);
      if (status != 200) {
        throw new IOException("GET " + path + " on " + socket + ": HTTP " + status);
      }
      onOpen.run();
      try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(body)) {
        while (it.hasNextValue()) {
          onObject.accept(it.nextValue());
        }
      }
    }
  }

  private SocketChannel connect() throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return ch;
  }

  private static InputStream request(SocketChannel ch, String path) throws IOException {
    OutputStream out = Channels.newOutputStream(ch);
    out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: sysotel\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return new java.io.BufferedInputStream(Channels.newInputStream(ch), 8192);
  }

  private record Head(int status, long contentLength, boolean chunked) {}

  private Head head(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer on " + socket + ": " + statusLine);
    }
    long contentLength = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      }
    }
    return new Head(Integer.parseInt(parts[1]), contentLength, chunked);
  }

  private static InputStream body(InputStream in, Head head) {
    if (head.chunked) {
      return new ChunkedInputStream(in);
    }
    if (head.contentLength >= 0) {
      return new BoundedInputStream(in, head.contentLength);
    }
    return in;
  }

  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c < 0 && b.size() == 0) {
      throw new IOException("connection closed");
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** HTTP/1.1 chunked transfer coding, decoded as it arrives. */
  static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    private boolean next() throws IOException {
      if (done) {
        return false;
      }
      if (left == 0) {
        String size = line(in);
        if (size.isEmpty()) {
          size = line(in); // the CRLF that ends the previous chunk
        }
        int semi = size.indexOf(';');
        left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        if (left == 0) {
          done = true;
          return false;
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      if (!next()) {
        return -1;
      }
      int c = in.read();
      if (c >= 0) {
        left--;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!next()) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int c = in.read();
      if (c >= 0) {
        left--;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
