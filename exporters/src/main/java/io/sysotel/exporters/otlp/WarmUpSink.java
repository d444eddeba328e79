package io.sysotel.exporters.otlp;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP receiver on a loopback port of the collector's own process that accepts every logs
 * request and keeps nothing: the exporter's warm-up sends it made-up records through the same
 * sender as real ones, so the sender's code (HTTP/2 framing, buffers, socket writes) is compiled
 * before the first burst instead of during it, when the compiler threads would compete with the
 * exporter and the traced programs for the CPUs.
 *
 * <p>gRPC: just enough HTTP/2 for a client that speaks it in clear text from the first byte
 * (prior knowledge): settings and pings are acknowledged, the client may send a whole request
 * without waiting for window updates, and each request is answered with status 200, an empty
 * {@code ExportLogsServiceResponse} and {@code grpc-status: 0}. The client's header blocks are
 * not decoded (nothing depends on them). HTTP/protobuf: the JDK's HTTP/1.1 server, answering
 * 200 with an empty response.
 */
final class WarmUpSink implements AutoCloseable {

  private final Closeable server;
  private final URI endpoint;
  private final AtomicLong requests;

  private WarmUpSink(Closeable server, URI endpoint, AtomicLong requests) {
    this.server = server;
    this.endpoint = endpoint;
    this.requests = requests;
  }

  /** A sink for {@code protocol} on a free loopback port. */
  static WarmUpSink start(Protocol protocol) throws IOException {
    AtomicLong requests = new AtomicLong();
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1}); // as the endpoint names it
    if (protocol == Protocol.HTTP_PROTOBUF) {
      HttpServer http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
      http.createContext("/", exchange -> {
        try (exchange) {
          exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
          requests.incrementAndGet(); // before the answer: the client may look as soon as it has it
          exchange.getResponseHeaders().set("Content-Type", LogsTransport.PROTOBUF);
          exchange.sendResponseHeaders(200, -1);
        }
      });
      http.start();
      return new WarmUpSink(() -> http.stop(0), URI.create("http://127.0.0.1:" + http.getAddress().getPort()), requests);
    }
    ServerSocket socket = new ServerSocket(0, 4, loopback);
    Thread acceptor = new Thread(() -> accept(socket, requests), "sysotel-otlp-warm-up-sink");
    acceptor.setDaemon(true);
    acceptor.start();
    return new WarmUpSink(socket, URI.create("http://127.0.0.1:" + socket.getLocalPort()), requests);
  }

  /** Where to send: {@code http://127.0.0.1:PORT}. */
  URI endpoint() {
    return endpoint;
  }

  /** Requests answered so far. */
  long requests() {
    return requests.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  // HTTP/2 (RFC 9113): frame types, flags and settings used here.
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DATA = 0;
  private static final int HEADERS = 1;
  private static final int SETTINGS = 4;
  private static final int PING = 6;
  private static final int GOAWAY = 7;
  private static final int WINDOW_UPDATE = 8;
  private static final int END_STREAM = 0x1;
  private static final int ACK = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
  private static final int MAX_WINDOW = Integer.MAX_VALUE;
  private static final int DEFAULT_WINDOW = 65_535;

  /**
   * HPACK: ":status: 200" from the static table (0x88); "content-type: application/grpc", its
   * name from the static table (index 31: 0x0f 0x10), not indexed, the value 16 bytes long.
   */
  private static final byte[] RESPONSE_HEADERS = "\210\017\020\020application/grpc".getBytes(StandardCharsets.ISO_8859_1);
  /** HPACK: "grpc-status: 0", a literal name (11 bytes) and value (1 byte), not indexed. */
  private static final byte[] TRAILERS = "\000\013grpc-status\0010".getBytes(StandardCharsets.ISO_8859_1);
  /** An empty message in gRPC's framing: not compressed, length 0. */
  private static final byte[] EMPTY_MESSAGE = new byte[5];

  private static void accept(ServerSocket server, AtomicLong requests) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client, requests), "sysotel-otlp-warm-up-sink-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** One client connection: frames in, acknowledgements and answers out, until either side closes. */
  private static void serve(Socket client, AtomicLong requests) {
    try (client) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 64 << 10));
      OutputStream out = new BufferedOutputStream(client.getOutputStream(), 16 << 10);
      byte[] preface = new byte[PREFACE.length];
      in.readFully(preface);
      if (!Arrays.equals(preface, PREFACE)) {
        return;
      }
      // Windows as large as HTTP/2 allows: the client never waits for them to open.
      frame(out, SETTINGS, 0, 0, new byte[] {0, SETTINGS_INITIAL_WINDOW_SIZE, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
      frame(out, WINDOW_UPDATE, 0, 0, int32(MAX_WINDOW - DEFAULT_WINDOW));
      out.flush();
      byte[] payload = new byte[16_384];
      long received = 0;
      while (true) {
        int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        if (payload.length < length) {
          payload = new byte[length];
        }
        in.readFully(payload, 0, length);
        switch (type) {
          case SETTINGS -> {
            if ((flags & ACK) == 0) {
              frame(out, SETTINGS, ACK, 0, new byte[0]);
            }
          }
          case PING -> {
            if ((flags & ACK) == 0) {
              frame(out, PING, ACK, 0, Arrays.copyOf(payload, length));
            }
          }
          case GOAWAY -> {
            return;
          }
          case DATA -> received += length;
          default -> { }
        }
        if ((type == DATA || type == HEADERS) && (flags & END_STREAM) != 0) {
          frame(out, HEADERS, END_HEADERS, stream, RESPONSE_HEADERS);
          frame(out, DATA, 0, stream, EMPTY_MESSAGE);
          frame(out, HEADERS, END_HEADERS | END_STREAM, stream, TRAILERS);
          if (received > MAX_WINDOW / 2) { // give back what was read of the connection's window
            frame(out, WINDOW_UPDATE, 0, 0, int32((int) received));
            received = 0;
          }
          requests.incrementAndGet(); // before the answer is flushed
        }
        if (in.available() == 0) {
          out.flush();
        }
      }
    } catch (IOException e) {
      // the client closed the connection (EOF), or the sink was closed: the warm-up is over
    }
  }

  private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
    byte[] header = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
        (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream};
    out.write(header);
    out.write(payload);
  }

  private static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }
}
