package io.sysotel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * otel-collector/sidecar.yaml and gateway.yaml: what the OpenTelemetry Collector would check at
 * start (every component a pipeline names is defined, of a type the contrib distribution ships)
 * and what joins them to sysotel (the OTLP receiver's port is the one the chart's exporter uses).
 */
class OtelCollectorConfigTest {

  /**
   * Component types of the OpenTelemetry Collector contrib distribution
   * (opentelemetry-collector-releases, distributions/otelcol-contrib/manifest.yaml), for the
   * kinds these configurations use. A type outside this list fails the collector at start.
   */
  static final Map<String, Set<String>> CONTRIB = Map.of(
      "receivers", Set.of("otlp", "prometheus", "filelog", "hostmetrics", "k8s_cluster", "k8s_events",
          "k8sobjects", "kubeletstats", "journald", "jaeger", "zipkin", "syslog", "loki"),
      "processors", Set.of("batch", "memory_limiter", "attributes", "resource", "resourcedetection",
          "k8sattributes", "filter", "transform", "tail_sampling", "probabilistic_sampler",
          "groupbyattrs", "cumulativetodelta", "deltatocumulative", "metricstransform"),
      "exporters", Set.of("otlp", "otlphttp", "debug", "nop", "prometheus", "prometheusremotewrite",
          "loadbalancing", "file", "kafka", "elasticsearch", "clickhouse"),
      "extensions", Set.of("health_check", "pprof", "zpages", "basicauth", "bearertokenauth",
          "oauth2client", "file_storage", "k8s_observer", "headers_setter"),
      "connectors", Set.of("forward", "spanmetrics", "count", "routing", "servicegraph"));

  private static final Path DIR = Chart.ROOT.resolve("otel-collector");

  private static String type(String id) {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> names(JsonNode map) {
    return map.properties().stream().map(Map.Entry::getKey).toList();
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sidecar.yaml", "gateway.yaml"})
  void everyComponentIsDefinedUsedAndShippedByContrib(String file) {
    JsonNode config = Chart.yaml(DIR.resolve(file));
    List<String> problems = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (String kind : CONTRIB.keySet()) {
      for (String id : names(config.path(kind))) {
        if (!CONTRIB.get(kind).contains(type(id))) {
          problems.add(kind + ": " + id + " is not a component type of the contrib distribution");
        }
      }
    }
    JsonNode pipelines = config.path("service").path("pipelines");
    assertTrue(pipelines.size() > 0, "no pipelines");
    for (Map.Entry<String, JsonNode> p : pipelines.properties()) {
      assertTrue(Set.of("logs", "metrics", "traces").contains(type(p.getKey())), p.getKey());
      assertFalse(p.getValue().path("receivers").isEmpty(), p.getKey() + " has no receivers");
      assertFalse(p.getValue().path("exporters").isEmpty(), p.getKey() + " has no exporters");
      for (String kind : List.of("receivers", "processors", "exporters")) {
        for (String id : ids(p.getValue().path(kind))) {
          used.add(kind + "/" + id);
          if (!config.path(kind).has(id)) {
            problems.add("pipeline " + p.getKey() + " names " + kind + " " + id + ", which is not defined");
          }
        }
      }
      List<String> processors = ids(p.getValue().path("processors"));
      assertEquals("memory_limiter", processors.get(0), p.getKey() + ": memory_limiter comes first");
      assertEquals("batch", processors.get(processors.size() - 1), p.getKey() + ": batch comes last");
    }
    for (String id : ids(config.path("service").path("extensions"))) {
      used.add("extensions/" + id);
      if (!config.path("extensions").has(id)) {
        problems.add("service.extensions names " + id + ", which is not defined");
      }
    }
    for (String kind : List.of("receivers", "processors", "exporters", "extensions")) {
      for (String id : names(config.path(kind))) {
        if (!used.contains(kind + "/" + id)) {
          problems.add(kind + " " + id + " is defined but no pipeline uses it");
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(config.path("exporters").has("otlphttp/loki") && config.path("exporters").has("debug"));
    assertTrue(config.path("processors").has("memory_limiter") && config.path("processors").has("batch"));
  }

  @Test
  void theSidecarReceivesOnThePortTheChartsExporterSendsTo() {
    JsonNode sidecar = Chart.yaml(DIR.resolve("sidecar.yaml"));
    URI exporter = URI.create(Chart.render(Map.of("sidecar.enabled", true)).sysotelConfig()
        .path("exporters").path("otlp").path("endpoint").asText());
    assertEquals(port(sidecar.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText()),
        exporter.getPort());
  }

  @Test
  void theGatewayReceivesOnThePortTheChartsExporterSendsTo() {
    JsonNode gateway = Chart.yaml(DIR.resolve("gateway.yaml"));
    URI exporter = URI.create(Chart.render(Map.of("gateway.enabled", true)).sysotelConfig()
        .path("exporters").path("otlp").path("endpoint").asText());
    String grpc = gateway.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText();
    assertEquals(port(grpc), exporter.getPort());
    assertTrue(grpc.startsWith("0.0.0.0:"), "a gateway listens beyond its pod: " + grpc);
  }

  @Test
  void bothHaveTheHealthCheckTheChartsProbesAsk() {
    for (String file : List.of("sidecar.yaml", "gateway.yaml")) {
      JsonNode c = Chart.yaml(DIR.resolve(file));
      assertEquals(13133, port(c.path("extensions").path("health_check").path("endpoint").asText()), file);
    }
    Chart.Rendered r = Chart.render(Map.of("sidecar.enabled", true));
    assertEquals(13133, r.container("otel-collector").path("readinessProbe").path("httpGet").path("port").asInt());
  }
}
