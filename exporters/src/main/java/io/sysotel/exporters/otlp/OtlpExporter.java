package io.sysotel.exporters.otlp;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.ExportException;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.exporters.warmup.WarmUp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends syscall records as OTLP log records: {@link LogsRequest} encodes them straight into the
 * request, {@link LogsTransport} sends it through the OpenTelemetry SDK's sender, with up to
 * {@code maxInFlight} requests outstanding so one slow round trip does not hold up the next.
 *
 * <p>Records of several batches fill one request until it holds {@code maxBatch} records (or
 * {@link #MAX_REQUEST_BYTES}), or the collector flushes; so a busy exporter sends full requests
 * and a quiet one sends each batch within its flush interval. {@link #export} returns once the
 * records are accepted; they stay {@linkplain #unsettled() unsettled} until their request is
 * answered, and the collector counts them as exported or failed then. A request that fails is
 * reported by the next {@link #flush()} as an {@link ExportException} naming the receiver's gRPC
 * or HTTP status, which the collector logs (rate-limited). The collector calls all methods but
 * {@link #unsettled} from one thread.
 */
public final class OtlpExporter implements Exporter {

  private static final Logger log = Logger.getLogger(OtlpExporter.class.getName());

  /** Requests stay below the 4 MiB that gRPC servers accept by default. */
  static final int MAX_REQUEST_BYTES = 2 << 20;

  private final String id;
  private final LogsTransport transport;
  private final LogsRequest request;
  private final Clock clock;
  private final int maxBatch;
  private final Duration exportTimeout;
  private final InFlightExports inFlight;
  private final URI endpoint;
  private final ExecutorService senders;
  private boolean closed;
  private WarmUp.Background warmUp;
  /** Requests the warm-up's sink answered; for tests. */
  private volatile long warmUpRequests;

  /** Made-up records the warm-up exports at most, and the time that may take (see {@link #warmUp}). */
  static final int WARM_UP_RECORDS = 3_000_000;
  static final Duration WARM_UP_BUDGET = Duration.ofSeconds(8);

  /** How long a readiness check waits for the destination to accept a connection. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  OtlpExporter(String id, URI endpoint, LogsTransport transport, ExecutorService senders, LogsRequest request,
      Clock clock, int maxBatch, int maxInFlight, Duration exportTimeout) {
    this.id = id;
    this.endpoint = endpoint;
    this.senders = senders;
    this.transport = transport;
    this.request = request;
    this.clock = clock;
    this.maxBatch = maxBatch;
    this.exportTimeout = exportTimeout;
    this.inFlight = new InFlightExports(maxInFlight);
  }

  /** @throws IOException when a TLS file cannot be read */
  static OtlpExporter create(String id, OtlpSettings s, RetryPolicy retry) throws IOException {
    ExecutorService senders = SdkExporters.senderThreads(id);
    try {
      LogsTransport transport = LogsTransport.create(s, retry, senders);
      OtlpExporter exporter = new OtlpExporter(id, s, transport, senders);
      exporter.warmUp(s, retry);
      return exporter;
    } catch (IOException | RuntimeException e) {
      senders.shutdown();
      throw e;
    }
  }

  private OtlpExporter(String id, OtlpSettings s, LogsTransport transport, ExecutorService senders) {
    // A request being filled, and up to maxInFlight sent and not yet answered.
    this(id, s.endpoint(), transport, senders,
        new LogsRequest(s.serviceName(), OtlpExporter.class.getPackage().getImplementationVersion(), s.maxInFlight() + 1),
        Clock.getDefault(), s.maxBatch(), s.maxInFlight(), s.exportTimeout());
  }

  /**
   * Readies the hot paths in the background while the collector starts. A scratch exporter of the
   * same settings exports made-up records (see {@link WarmUp}) through the same code, its sender
   * included, to a {@link WarmUpSink} in this process, which keeps nothing; then the real
   * transport sends one empty request, which opens the connection to the receiver. An empty
   * {@code ExportLogsServiceRequest} carries nothing; its outcome is not counted, and a receiver
   * that is not up yet only makes it fail.
   *
   * <p>A cold exporter compiles its encoding and its sender's code during the first burst: on two
   * cores the compiler then took about a second of CPU from the exporter in a two-million-event
   * burst. The warm-up runs {@link #WARM_UP_RECORDS} records (about 1,500 requests) because the
   * sender's per-request code reaches the optimizing compiler only after hundreds of requests:
   * with 200,000 records (about 100 requests) the compiler still took 0.8-1.1 s of CPU in the
   * burst, with 3,000,000 0.35-0.65 s, and the records received per second rose by about a
   * third (bench/README.md). It takes about 4 s of one core here.
   */
  private void warmUp(OtlpSettings s, RetryPolicy retry) {
    warmUp = WarmUp.inBackground("sysotel-otlp-" + id + "-warm-up", () -> {
      try (WarmUpSink sink = WarmUpSink.start(s.protocol())) {
        OtlpSettings local = s.sendingTo(sink.endpoint());
        LogsTransport toSink = LogsTransport.create(local, retry, senders);
        try {
          OtlpExporter scratch = new OtlpExporter(id + "-warm-up", local, toSink, senders);
          WarmUp.run(scratch, WARM_UP_RECORDS, WARM_UP_BUDGET);
          scratch.flush();
          scratch.awaitInFlight();
          warmUpRequests = sink.requests();
        } finally {
          toSink.shutdown().join(exportTimeout.toNanos(), TimeUnit.NANOSECONDS); // leaves the shared senders running
        }
      } catch (Exception e) {
        log.fine("exporter " + id + ": warming up against a local sink failed: " + e);
      }
      if (!Thread.currentThread().isInterrupted()) { // not closing
        transport.send(new byte[0], 0);
      }
    });
  }

  @Override
  public void awaitWarmUp(Duration limit) throws InterruptedException {
    if (warmUp != null) {
      warmUp.await(limit);
    }
  }

  /** Requests of made-up records the warm-up sent through the sender, once it is over (0 before). */
  long warmUpRequests() {
    return warmUpRequests;
  }

  /** Records that failed since the exporter was created. */
  public long failedRecords() {
    return inFlight.unsettled().failedLate();
  }

  @Override
  public Unsettled unsettled() {
    return inFlight.unsettled();
  }

  /** Requests sent and not yet answered. */
  public int inFlight() {
    return inFlight.outstanding();
  }

  /**
   * Accepts the batch's records into the open request, sending it each time it is full. A record
   * that cannot be encoded fails with the rest of the batch and the open request: counted, and
   * reported by the next flush.
   *
   * @throws ExportException when the exporter is closed (nothing is accepted)
   */
  @Override
  public void export(ExportBatch batch) throws ExportException {
    if (closed) {
      throw new ExportException(id + ": exporter is closed", null);
    }
    List<SyscallRecord> records = batch.records();
    long observed = clock.now();
    int accepted = 0;
    for (int i = 0; i < records.size(); i++) {
      try {
        request.add(batch, records.get(i), observed);
      } catch (RuntimeException e) {
        int rest = records.size() - i;
        inFlight.accepted(accepted + rest);
        inFlight.failed(request.records() + rest, new ExportException("cannot encode a record: " + e, e));
        request.clear();
        return;
      }
      accepted++;
      if (request.records() >= maxBatch || request.bytes() >= MAX_REQUEST_BYTES) {
        inFlight.accepted(accepted);
        accepted = 0;
        send();
      }
    }
    inFlight.accepted(accepted);
  }

  /**
   * Sends the open request in a free slot, waiting up to the export timeout for one; when none
   * frees in time its records fail (the receiver is that far behind).
   */
  private void send() {
    int records = request.records();
    if (records == 0) {
      return;
    }
    LogsRequest.Encoded message = request.take();
    try {
      if (!inFlight.acquire(exportTimeout)) {
        request.release(message);
        inFlight.failed(records, new ExportException(inFlight.max() + " requests still in flight after " + exportTimeout, null));
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.release(message);
      inFlight.failed(records, e);
      return;
    }
    CompletableResultCode result = transport.send(message.buffer(), message.length());
    result.whenComplete(() -> request.release(message)); // before track's: the slot frees last
    inFlight.track(result, records);
  }

  /**
   * Opens (and closes) a TCP connection to the endpoint's host and port: a refused or timed-out
   * connection makes the collector not ready when this exporter is required for readiness.
   */
  @Override
  public void checkConnection() throws ExportException {
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
    } catch (IOException e) {
      throw new ExportException("cannot connect to " + endpoint.getHost() + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends the open request and reports the requests that failed since the last flush. Does not
   * wait for the requests in flight: that would stall the next batches behind the slowest
   * request.
   */
  @Override
  public void flush() throws ExportException {
    if (closed) {
      return;
    }
    send();
    InFlightExports.Failures f = inFlight.takeFailures();
    if (f.requests() > 0) {
      throw new ExportException(id + ": " + f.records() + " records in " + f.requests()
          + " requests failed; last: " + describe(f.last()), f.last());
    }
  }

  /** Waits (up to the export timeout) for every request in flight. */
  void awaitInFlight() throws ExportException {
    try {
      if (!inFlight.awaitAll(exportTimeout)) {
        throw new ExportException(id + ": " + inFlight.outstanding() + " requests still in flight after " + exportTimeout, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExportException(id + ": interrupted while waiting for requests in flight", e);
    }
  }

  /**
   * Sends the open request, waits (up to the export timeout) for the requests in flight, logs
   * what failed since the last flush, then shuts the sender down.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (warmUp != null) { // a scratch exporter has none
      warmUp.stop();
      try {
        warmUp.await(exportTimeout); // it shares the senders shut down below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      send();
      awaitInFlight();
      flush();
    } catch (ExportException e) {
      log.warning("exporter " + id + " failed while closing: " + e.getMessage());
    }
    closed = true;
    transport.shutdown().join(exportTimeout.toNanos(), TimeUnit.NANOSECONDS);
    senders.shutdown();
  }

  /** What went wrong, with the receiver's status when it answered. */
  static String describe(Throwable t) {
    if (t == null) {
      return "the receiver did not accept the records";
    }
    if (t instanceof LogsTransport.Refused || t instanceof ExportException) {
      return t.getMessage();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  @Override
  public String toString() {
    return id;
  }
}
