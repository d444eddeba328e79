package io.sysotel.exporters.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.ExporterFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpExporterFactoryTest {

  private final OtlpExporterFactory factory = new OtlpExporterFactory();

  @TempDir Path dir;

  @Test
  void serviceLoaderFindsOtlpBesideTheJsonExporters() {
    List<String> types = ServiceLoader.load(ExporterFactory.class).stream().map(p -> p.get().type()).toList();
    assertTrue(types.containsAll(List.of("stdout", "file", "otlp")), "found: " + types);
  }

  @Test
  void anEndpointAloneGivesTheThroughputDefaults() {
    OtlpSettings s = OtlpSettings.parse(Map.of("endpoint", "http://127.0.0.1:4317"));
    assertEquals(Protocol.GRPC, s.protocol());
    assertEquals("http://127.0.0.1:4317", s.logsEndpoint());
    assertEquals("gzip", s.compression());
    assertEquals(Duration.ofSeconds(10), s.timeout());
    assertEquals("sysotel", s.serviceName());
    assertEquals(2048, s.maxBatch());
    assertEquals(4, s.maxInFlight());
    assertEquals(Duration.ofSeconds(30), s.exportTimeout());
    assertEquals(Map.of(), s.headers());
    assertEquals(null, s.tls());
  }

  @Test
  void everySettingIsRead() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("endpoint", "https://otel.example:4318");
    values.put("protocol", "http/protobuf");
    values.put("headers", Map.of("authorization", "Bearer x", "x-scope-orgid", 7));
    values.put("compression", "none");
    values.put("timeout", "500ms");
    values.put("serviceName", "edge");
    values.put("batch", Map.of("maxBatch", 100, "maxInFlight", "1", "exportTimeout", 5));
    OtlpSettings s = OtlpSettings.parse(values);
    assertEquals(Protocol.HTTP_PROTOBUF, s.protocol());
    assertEquals(Map.of("authorization", "Bearer x", "x-scope-orgid", "7"), s.headers());
    assertEquals("none", s.compression());
    assertEquals(Duration.ofMillis(500), s.timeout());
    assertEquals("edge", s.serviceName());
    assertEquals(100, s.maxBatch());
    assertEquals(1, s.maxInFlight());
    assertEquals(Duration.ofSeconds(5), s.exportTimeout());
  }

  @Test
  void httpAppendsTheLogsPathToTheEndpointsBasePath() {
    assertEquals("http://h:4318/v1/logs", http("http://h:4318"));
    assertEquals("http://h:4318/v1/logs", http("http://h:4318/"));
    assertEquals("http://loki:3100/otlp/v1/logs", http("http://loki:3100/otlp"));
    assertEquals("http://h:4318/custom/v1/logs", http("http://h:4318/custom/v1/logs"));
  }

  @Test
  void httpMetricsGoToV1MetricsUnderTheSameBasePath() {
    assertEquals("http://h:4318/v1/metrics", httpMetrics("http://h:4318"));
    assertEquals("http://loki:3100/otlp/v1/metrics", httpMetrics("http://loki:3100/otlp/"));
    assertEquals("http://h:4318/custom/v1/metrics", httpMetrics("http://h:4318/custom/v1/logs"));
    assertEquals("http://h:4317", OtlpSettings.parse(Map.of("endpoint", "http://h:4317")).metricsEndpoint());
  }

  private static String httpMetrics(String endpoint) {
    return OtlpSettings.parse(Map.of("endpoint", endpoint, "protocol", "http/protobuf")).metricsEndpoint();
  }

  private static String http(String endpoint) {
    return OtlpSettings.parse(Map.of("endpoint", endpoint, "protocol", "http/protobuf")).logsEndpoint();
  }

  @Test
  void endpointMustBeAnHttpOrHttpsUrlWithAHost() {
    assertEquals(List.of("endpoint: required"), factory.validate(Map.of()));
    assertEquals(List.of("endpoint: must be an http:// or https:// URL such as http://127.0.0.1:4317, got \"127.0.0.1:4317\""),
        factory.validate(Map.of("endpoint", "127.0.0.1:4317")));
    assertEquals(List.of("endpoint: must be an http:// or https:// URL such as http://127.0.0.1:4317, got \"ftp://h:21\""),
        factory.validate(Map.of("endpoint", "ftp://h:21")));
    assertTrue(factory.validate(Map.of("endpoint", "http://h :4317")).get(0).startsWith("endpoint: not a URL: "));
    assertEquals(List.of("endpoint: has no host: \"http:///x\""), factory.validate(Map.of("endpoint", "http:///x")));
    assertEquals(List.of("endpoint: a gRPC endpoint is host and port only, got the path \"/v1/logs\""),
        factory.validate(Map.of("endpoint", "http://h:4317/v1/logs")));
  }

  @Test
  void unknownProtocolCompressionAndKeysAreNamedWithSuggestions() {
    assertEquals(List.of("protocol: unknown protocol \"grcp\"; known: grpc, http/protobuf; did you mean grpc?"),
        factory.validate(Map.of("endpoint", "http://h:4317", "protocol", "grcp")));
    assertEquals(List.of("compression: unknown compression \"zstd\"; known: gzip, none"),
        factory.validate(Map.of("endpoint", "http://h:4317", "compression", "zstd")));
    assertEquals(
        List.of("endpiont: unknown key; known: endpoint, protocol, headers, compression, timeout, tls, serviceName, batch;"
            + " did you mean endpoint?", "endpoint: required"),
        factory.validate(Map.of("endpiont", "http://h:4317")));
    assertEquals(List.of("batch: maxQueue: unknown key; known: maxBatch, maxInFlight, exportTimeout"),
        factory.validate(Map.of("endpoint", "http://h:4317", "batch", Map.of("maxQueue", 10))));
  }

  @Test
  void badNumbersDurationsAndMapsAreReportedPerKey() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("endpoint", "http://h:4317");
    values.put("timeout", "soon");
    values.put("headers", "authorization");
    values.put("batch", Map.of("maxInFlight", 0));
    assertEquals(
        List.of(
            "headers: must be a map of names to values, got \"authorization\"",
            "timeout: must be a duration of more than zero such as 10s, 500ms or 2m, got \"soon\"",
            "batch: maxInFlight: must be a whole number from 1 to 64, got 0"),
        factory.validate(values));
  }

  @Test
  void tlsFilesMustExistAndCertComesWithKey() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
    String missing = dir.resolve("client.pem").toString();
    assertEquals(List.of(), factory.validate(Map.of("endpoint", "https://h:4317", "tls", Map.of("ca", ca.toString()))));
    assertEquals(
        List.of("tls: cert: no such file " + missing, "tls: key: required with cert"),
        factory.validate(Map.of("endpoint", "https://h:4317", "tls", Map.of("cert", missing))));
    assertEquals(
        List.of("tls: endpoint: TLS needs an https:// endpoint, got http://h:4317"),
        factory.validate(Map.of("endpoint", "http://h:4317", "tls", Map.of("ca", ca.toString()))));
    assertEquals(
        List.of("tls: crt: unknown key; known: ca, cert, key; did you mean cert?"),
        factory.validate(Map.of("endpoint", "https://h:4317", "tls", Map.of("crt", ca.toString()))));
  }

  @Test
  void createBuildsAnOtlpExporterWithoutAReceiverAndRejectsBadSettings() {
    Exporter e = factory.create("otlp", Map.of("endpoint", "http://127.0.0.1:1"));
    assertInstanceOf(OtlpExporter.class, e);
    e.close();
    e.close();
    assertThrows(IllegalArgumentException.class, () -> factory.create("otlp", Map.of("endpoint", "nowhere")));
  }
}
