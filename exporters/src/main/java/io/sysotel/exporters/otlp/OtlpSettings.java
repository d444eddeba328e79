package io.sysotel.exporters.otlp;

import io.sysotel.exporters.settings.SettingsReader;
import io.sysotel.collector.util.Suggestions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code otlp} exporter's settings.
 *
 * @param endpoint {@code http(s)://host:port}, for HTTP with an optional base path
 * @param protocol gRPC or HTTP with protobuf bodies
 * @param headers sent with every request (e.g. an authorization header)
 * @param compression {@code gzip} or {@code none}
 * @param timeout of one request, retries included
 * @param tls trusted CA and client certificate files; null without
 * @param serviceName the {@code service.name} resource attribute
 * @param maxBatch records per request; a bigger batch is sent as several requests
 * @param maxInFlight requests outstanding at once
 * @param exportTimeout how long an export or flush waits for a free request slot
 */
record OtlpSettings(
    URI endpoint,
    Protocol protocol,
    Map<String, String> headers,
    String compression,
    Duration timeout,
    Tls tls,
    String serviceName,
    int maxBatch,
    int maxInFlight,
    Duration exportTimeout) {

  /**
   * PEM files for TLS; each may be null.
   *
   * @param ca certificates to trust instead of the JVM's
   * @param cert client certificate (mutual TLS), together with {@code key}
   * @param key the client certificate's private key (PKCS#8)
   */
  record Tls(Path ca, Path cert, Path key) {}

  static final String ENDPOINT = "endpoint";
  static final String PROTOCOL = "protocol";
  static final String HEADERS = "headers";
  static final String COMPRESSION = "compression";
  static final String TIMEOUT = "timeout";
  static final String TLS = "tls";
  static final String SERVICE_NAME = "serviceName";
  static final String BATCH = "batch";
  static final List<String> KEYS =
      List.of(ENDPOINT, PROTOCOL, HEADERS, COMPRESSION, TIMEOUT, TLS, SERVICE_NAME, BATCH);

  static final String TLS_CA = "ca";
  static final String TLS_CERT = "cert";
  static final String TLS_KEY = "key";
  static final List<String> TLS_KEYS = List.of(TLS_CA, TLS_CERT, TLS_KEY);

  static final String MAX_BATCH = "maxBatch";
  static final String MAX_IN_FLIGHT = "maxInFlight";
  static final String EXPORT_TIMEOUT = "exportTimeout";
  static final List<String> BATCH_KEYS = List.of(MAX_BATCH, MAX_IN_FLIGHT, EXPORT_TIMEOUT);

  static final Protocol DEFAULT_PROTOCOL = Protocol.GRPC;
  static final String COMPRESSION_GZIP = "gzip";
  static final String COMPRESSION_NONE = "none";
  static final List<String> COMPRESSIONS = List.of(COMPRESSION_GZIP, COMPRESSION_NONE);
  static final String DEFAULT_COMPRESSION = COMPRESSION_GZIP;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final String DEFAULT_SERVICE_NAME = "sysotel";
  static final int DEFAULT_MAX_BATCH = 2048;
  static final int DEFAULT_MAX_IN_FLIGHT = 4;
  static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(30);
  /** The OTLP/HTTP path of logs, appended to the endpoint's base path. */
  static final String LOGS_PATH = "/v1/logs";
  /** The OTLP/HTTP path of metrics. */
  static final String METRICS_PATH = "/v1/metrics";

  private static final int MAX_BATCH_LIMIT = 1 << 20;
  private static final int MAX_IN_FLIGHT_LIMIT = 64;

  /** Parses YAML settings; each problem found is added to {@code problems}. */
  static OtlpSettings parse(Map<String, Object> values, List<String> problems) {
    SettingsReader s = new SettingsReader(values, problems);
    s.rejectUnknownKeys(KEYS);

    String protocolText = s.string(PROTOCOL, DEFAULT_PROTOCOL.text(), false);
    Protocol protocol = protocolText == null ? DEFAULT_PROTOCOL : Protocol.of(protocolText);
    if (protocol == null) {
      s.problem(PROTOCOL, "unknown protocol \"" + protocolText + "\"; known: " + String.join(", ", Protocol.names())
          + Suggestions.didYouMean(protocolText, Protocol.names()));
      protocol = DEFAULT_PROTOCOL;
    }
    URI endpoint = endpoint(s, s.string(ENDPOINT, null, true), protocol);

    Map<String, String> headers = s.stringMap(HEADERS);
    String compression = s.string(COMPRESSION, DEFAULT_COMPRESSION, false);
    if (compression != null && !COMPRESSIONS.contains(compression.toLowerCase(Locale.ROOT))) {
      s.problem(COMPRESSION, "unknown compression \"" + compression + "\"; known: " + String.join(", ", COMPRESSIONS));
    }
    compression = compression == null ? DEFAULT_COMPRESSION : compression.toLowerCase(Locale.ROOT);
    Duration timeout = s.duration(TIMEOUT, DEFAULT_TIMEOUT);
    Tls tls = s.has(TLS) ? tls(s.nested(TLS), endpoint) : null;
    String serviceName = s.string(SERVICE_NAME, DEFAULT_SERVICE_NAME, false);

    SettingsReader b = s.nested(BATCH);
    b.rejectUnknownKeys(BATCH_KEYS);
    int maxBatch = b.wholeNumber(MAX_BATCH, DEFAULT_MAX_BATCH, 1, MAX_BATCH_LIMIT);
    int maxInFlight = b.wholeNumber(MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT, 1, MAX_IN_FLIGHT_LIMIT);
    Duration exportTimeout = b.duration(EXPORT_TIMEOUT, DEFAULT_EXPORT_TIMEOUT);

    return new OtlpSettings(
        endpoint, protocol, Map.copyOf(headers), compression, timeout, tls,
        serviceName == null ? DEFAULT_SERVICE_NAME : serviceName, maxBatch, maxInFlight, exportTimeout);
  }

  /** Parses settings that must be valid. */
  static OtlpSettings parse(Map<String, Object> values) {
    List<String> problems = new ArrayList<>();
    OtlpSettings settings = parse(values, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid otlp exporter settings: " + String.join("; ", problems));
    }
    return settings;
  }

  private static URI endpoint(SettingsReader s, String text, Protocol protocol) {
    if (text == null) {
      return null;
    }
    String expected = "must be an http:// or https:// URL such as http://127.0.0.1:4317, got \"" + text + "\"";
    if (!text.contains("://")) {
      s.problem(ENDPOINT, expected);
      return null;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      s.problem(ENDPOINT, "not a URL: " + e.getMessage());
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      s.problem(ENDPOINT, expected);
      return null;
    }
    if (uri.getHost() == null) {
      s.problem(ENDPOINT, "has no host: \"" + text + "\"");
      return null;
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      s.problem(ENDPOINT, "must have no user, query or fragment: \"" + text + "\"");
      return null;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (protocol == Protocol.GRPC && !path.isEmpty() && !path.equals("/")) {
      s.problem(ENDPOINT, "a gRPC endpoint is host and port only, got the path \"" + path + "\"");
      return null;
    }
    return uri;
  }

  private static Tls tls(SettingsReader t, URI endpoint) {
    t.rejectUnknownKeys(TLS_KEYS);
    Path ca = file(t, TLS_CA);
    Path cert = file(t, TLS_CERT);
    Path key = file(t, TLS_KEY);
    if (t.has(TLS_CERT) != t.has(TLS_KEY)) {
      t.problem(t.has(TLS_CERT) ? TLS_KEY : TLS_CERT, "required with " + (t.has(TLS_CERT) ? TLS_CERT : TLS_KEY));
    }
    if (endpoint != null && !"https".equalsIgnoreCase(endpoint.getScheme())) {
      t.problem("endpoint", "TLS needs an https:// endpoint, got " + endpoint);
    }
    return new Tls(ca, cert, key);
  }

  private static Path file(SettingsReader t, String key) {
    String text = t.string(key, null, false);
    if (text == null) {
      return null;
    }
    try {
      Path p = Path.of(text);
      if (!Files.isRegularFile(p)) {
        t.problem(key, "no such file " + text);
      } else if (!Files.isReadable(p)) {
        t.problem(key, "cannot read " + text);
      }
      return p;
    } catch (InvalidPathException e) {
      t.problem(key, "not a valid path: " + e.getReason());
      return null;
    }
  }

  /** The same settings for a receiver at {@code endpoint} in clear text, without the headers. */
  OtlpSettings sendingTo(URI endpoint) {
    return new OtlpSettings(endpoint, protocol, Map.of(), compression, timeout, null, serviceName, maxBatch, maxInFlight,
        exportTimeout);
  }

  /**
   * Where log requests go. gRPC: the endpoint itself. HTTP: the endpoint's base path followed by
   * {@code /v1/logs}, as the OpenTelemetry Collector's {@code otlphttp} exporter does; so {@code
   * http://loki:3100/otlp} posts to {@code http://loki:3100/otlp/v1/logs}.
   */
  String logsEndpoint() {
    return signalEndpoint(LOGS_PATH);
  }

  /** Where metric requests go: as {@link #logsEndpoint}, with {@code /v1/metrics}. */
  String metricsEndpoint() {
    return signalEndpoint(METRICS_PATH);
  }

  /** A base path that already ends with a signal's path ({@code .../v1/logs}) stands for its base. */
  private String signalEndpoint(String signalPath) {
    String base = endpoint.toString();
    if (protocol == Protocol.GRPC) {
      return base;
    }
    for (String p : List.of(LOGS_PATH, METRICS_PATH)) {
      if (base.endsWith(p)) {
        base = base.substring(0, base.length() - p.length());
      }
    }
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + signalPath;
  }
}
