package io.sysotel.exporters.otlp;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.ExportException;
import io.sysotel.collector.api.Exporter;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Sends syscall records as OTLP log records through the OpenTelemetry SDK's exporter, with up to
 * {@code maxInFlight} requests outstanding so one slow round trip does not hold up the next.
 *
 * <p>{@link #export} maps the batch, sends it (as requests of at most {@code maxBatch} records)
 * and returns once a request slot is free for the next call. A request that failed by then
 * makes {@code export} throw, so the collector counts the batch as failed; with {@code
 * maxInFlight: 1} that is every failure. Records of requests still open when it returns are
 * reported {@linkplain #unsettled() unsettled} until answered, so the collector counts them as
 * exported or failed once they are; a request that fails then is also reported by the next
 * {@link #flush()} as an {@link ExportException}, which the collector logs (rate-limited). Every
 * failure message names the exporter and the receiver's gRPC or HTTP status. The collector calls
 * all methods but {@link #unsettled} from one thread.
 */
public final class OtlpExporter implements Exporter {

  private static final Logger log = Logger.getLogger(OtlpExporter.class.getName());

  private final String id;
  private final LogRecordExporter delegate;
  private final LogRecordMapper mapper;
  private final int maxBatch;
  private final Duration exportTimeout;
  private final InFlightExports inFlight;
  private final URI endpoint;
  private final ExecutorService senders;
  private final AtomicLong failedInCalls = new AtomicLong();
  private boolean closed;

  /** How long a readiness check waits for the destination to accept a connection. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  OtlpExporter(String id, URI endpoint, LogRecordExporter delegate, ExecutorService senders, LogRecordMapper mapper,
      int maxBatch, int maxInFlight, Duration exportTimeout) {
    this.id = id;
    this.endpoint = endpoint;
    this.senders = senders;
    this.delegate = delegate;
    this.mapper = mapper;
    this.maxBatch = maxBatch;
    this.exportTimeout = exportTimeout;
    this.inFlight = new InFlightExports(maxInFlight);
  }

  /** @throws IOException when a TLS file cannot be read */
  static OtlpExporter create(String id, OtlpSettings s, RetryPolicy retry) throws IOException {
    ExecutorService senders = SdkExporters.senderThreads(id);
    try {
      return new OtlpExporter(id, s.endpoint(), SdkExporters.logs(s, retry, senders), senders,
          new LogRecordMapper(s.serviceName(), Clock.getDefault()), s.maxBatch(), s.maxInFlight(), s.exportTimeout());
    } catch (IOException | RuntimeException e) {
      senders.shutdown();
      throw e;
    }
  }

  /**
   * Records that failed: those of export calls that threw, and those of requests that failed
   * after their export call returned.
   */
  public long failedRecords() {
    return failedInCalls.get() + inFlight.unsettled().failedLate();
  }

  @Override
  public Unsettled unsettled() {
    return inFlight.unsettled();
  }

  /** Requests sent and not yet answered. */
  public int inFlight() {
    return inFlight.outstanding();
  }

  @Override
  public void export(ExportBatch batch) throws ExportException {
    try {
      send(batch);
    } catch (ExportException e) {
      failedInCalls.addAndGet(batch.records().size());
      throw e;
    }
  }

  private void send(ExportBatch batch) throws ExportException {
    if (closed) {
      throw new ExportException(id + ": exporter is closed", null);
    }
    if (batch.records().isEmpty()) {
      return;
    }
    List<LogRecordData> logs;
    try {
      logs = mapper.map(batch);
    } catch (RuntimeException e) {
      throw new ExportException(id + ": cannot map records: " + e, e);
    }
    List<InFlightExports.Request> sent = new ArrayList<>(1 + logs.size() / maxBatch);
    ExportException problem = null;
    try {
      for (int from = 0; from < logs.size(); from += maxBatch) {
        List<LogRecordData> chunk = logs.subList(from, Math.min(logs.size(), from + maxBatch));
        if (!inFlight.acquire(exportTimeout)) {
          problem = new ExportException(id + ": " + inFlight.max() + " requests still in flight after " + exportTimeout, null);
          break;
        }
        CompletableResultCode result;
        try {
          result = delegate.export(chunk);
        } catch (RuntimeException e) {
          inFlight.release();
          problem = new ExportException(id + ": " + e, e);
          break;
        }
        sent.add(inFlight.track(result, chunk.size()));
      }
      if (problem == null) {
        inFlight.awaitFree(exportTimeout); // when still full, the next call waits (and may fail) instead
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = new ExportException(id + ": interrupted while waiting for a request slot", e);
    }
    CompletableResultCode failed = inFlight.settle(sent, problem != null);
    if (failed != null && problem == null) {
      problem = new ExportException(id + ": " + describe(failed.getFailureThrowable()), failed.getFailureThrowable());
    }
    if (problem != null) {
      throw problem;
    }
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
   * Reports the requests that failed after their export call returned. Nothing is buffered here,
   * so this does not wait for the requests in flight: waiting would stall the next batches behind
   * the slowest request, which the collector's periodic flush would do several times a second.
   */
  @Override
  public void flush() throws ExportException {
    if (closed) {
      return;
    }
    InFlightExports.LateFailures late = inFlight.takeLateFailures();
    if (late.requests() > 0) {
      throw new ExportException(id + ": " + late.records() + " records in " + late.requests()
          + " requests failed after they were sent; last: " + describe(late.last()), late.last());
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
   * Waits (up to the export timeout) for requests in flight, logs what failed since the last
   * flush, then shuts the SDK exporter down.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      awaitInFlight();
      flush();
    } catch (ExportException e) {
      log.warning("exporter " + id + " failed while closing: " + e.getMessage());
    }
    closed = true;
    delegate.shutdown().join(exportTimeout.toNanos(), TimeUnit.NANOSECONDS);
    senders.shutdown();
  }

  /** What went wrong, with the receiver's status when it answered. */
  static String describe(Throwable t) {
    if (t == null) {
      return "the receiver did not accept the records";
    }
    if (t instanceof FailedExportException.GrpcExportException g && g.getResponse() != null) {
      GrpcResponse r = g.getResponse();
      return "receiver answered gRPC status " + r.getStatusCode() + " (" + r.getStatusCode().getValue() + ")"
          + (r.getStatusDescription() == null || r.getStatusDescription().isEmpty() ? "" : ": " + r.getStatusDescription());
    }
    if (t instanceof FailedExportException.HttpExportException h && h.getResponse() != null) {
      HttpResponse r = h.getResponse();
      return "receiver answered HTTP status " + r.getStatusCode()
          + (r.getStatusMessage() == null || r.getStatusMessage().isEmpty() ? "" : " " + r.getStatusMessage());
    }
    Throwable cause = t instanceof FailedExportException && t.getCause() != null ? t.getCause() : t;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  @Override
  public String toString() {
    return id;
  }
}
