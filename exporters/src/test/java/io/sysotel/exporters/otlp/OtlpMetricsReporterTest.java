package io.sysotel.exporters.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.sysotel.collector.api.MetricsReporter;
import io.sysotel.collector.pipeline.MetricNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpMetricsReporterTest {

  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final MetricsReporter.Context CONTEXT = new MetricsReporter.Context(INTERVAL, "node-1", "instance-1");

  private final MetricRegistry registry = new MetricRegistry();
  private OtlpReceiver receiver;
  private MetricsReporter reporter;

  @AfterEach
  void tearDown() {
    if (reporter != null) {
      reporter.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  /** One data point as received: metric name, kind, attributes, value. */
  record Point(String name, String kind, Map<String, String> attributes, double value, boolean monotonic, String unit) {}

  private static List<Point> points(ExportMetricsServiceRequest request) {
    List<Point> out = new java.util.ArrayList<>();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          if (m.hasSum()) {
            m.getSum().getDataPointsList().forEach(p -> out.add(point(m, "sum", p, m.getSum().getIsMonotonic())));
          } else if (m.hasGauge()) {
            m.getGauge().getDataPointsList().forEach(p -> out.add(point(m, "gauge", p, false)));
          }
        }
      }
    }
    return out;
  }

  private static Point point(Metric m, String kind, NumberDataPoint p, boolean monotonic) {
    double v = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
    return new Point(m.getName(), kind, strings(p.getAttributesList()), v, monotonic, m.getUnit());
  }

  private static Map<String, String> strings(List<KeyValue> kvs) {
    Map<String, String> out = new TreeMap<>();
    kvs.forEach(kv -> out.put(kv.getKey(), kv.getValue().getStringValue()));
    return out;
  }

  /** Waits for a request holding a point that satisfies {@code wanted}; returns that request. */
  private ExportMetricsServiceRequest await(Predicate<Point> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<ExportMetricsServiceRequest> all = receiver.metrics();
      for (int i = all.size() - 1; i >= 0; i--) {
        if (points(all.get(i)).stream().anyMatch(wanted)) {
          return all.get(i);
        }
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("no point as wanted in " + receiver.metrics().stream().map(OtlpMetricsReporterTest::points).toList());
  }

  private static Predicate<Point> is(String name, Map<String, String> attributes, double value) {
    return p -> p.name().equals(name) && p.attributes().equals(attributes) && p.value() == value;
  }

  private void start(String endpoint, String protocol) throws Exception {
    receiver = OtlpReceiver.start();
    Map<String, Object> settings = Map.of("endpoint", endpoint.equals("grpc") ? receiver.grpcEndpoint() : receiver.httpEndpoint(),
        "protocol", protocol, "timeout", "5s", "serviceName", "sysotel-test");
    OtlpExporterFactory factory = new OtlpExporterFactory();
    assertTrue(factory.exportsMetrics());
    reporter = factory.createMetricsReporter("otlp", settings, registry, CONTEXT);
  }

  private void countersGaugesAndTimersArrive() throws Exception {
    registry.counter(MetricNames.pipeline("net-raw", MetricNames.MATCHED)).inc(3);
    registry.counter(MetricNames.kernelLostOnCpu(1)).inc(2);
    registry.register(MetricNames.PROCESS_CACHE_SIZE, (Gauge<Integer>) () -> 42);
    registry.timer(MetricNames.exporter("otlp/a.b", MetricNames.LATENCY)).update(4, TimeUnit.MILLISECONDS);

    ExportMetricsServiceRequest r = await(is("sysotel.pipeline.matched", Map.of("pipeline", "net-raw"), 3));
    List<Point> ps = points(r);
    assertTrue(ps.contains(new Point("sysotel.pipeline.matched", "sum", Map.of("pipeline", "net-raw"), 3, true, "")), ps.toString());
    assertTrue(ps.contains(new Point("sysotel.kernel.lost.cpu", "sum", Map.of("cpu", "1"), 2, true, "")), ps.toString());
    assertTrue(ps.contains(new Point("sysotel.process_cache.size", "gauge", Map.of(), 42, false, "")), ps.toString());
    Map<String, String> exporter = Map.of("exporter", "otlp/a.b");
    assertTrue(ps.contains(new Point("sysotel.exporter.latency.count", "sum", exporter, 1, true, "")), ps.toString());
    assertTrue(ps.contains(new Point("sysotel.exporter.latency.mean", "gauge", exporter, 4.0, false, "ms")), ps.toString());
    assertTrue(ps.contains(new Point("sysotel.exporter.latency.p99", "gauge", exporter, 4.0, false, "ms")), ps.toString());
    Map<String, String> resource = strings(r.getResourceMetrics(0).getResource().getAttributesList());
    assertEquals("sysotel-test", resource.get("service.name"));
    assertEquals("node-1", resource.get("host.name"));
    assertEquals("instance-1", resource.get("service.instance.id"));
    assertEquals(OtlpMetricsReporter.SCOPE, r.getResourceMetrics(0).getScopeMetrics(0).getScope().getName());

    // An update, and a pipeline registered after the start, show in a later interval.
    registry.counter(MetricNames.pipeline("net-raw", MetricNames.MATCHED)).inc(4);
    registry.counter(MetricNames.pipeline("later", MetricNames.MATCHED)).inc();
    await(is("sysotel.pipeline.matched", Map.of("pipeline", "later"), 1));
    await(is("sysotel.pipeline.matched", Map.of("pipeline", "net-raw"), 7));
  }

  @Test
  void metricsReachTheReceiverOverGrpc() throws Exception {
    start("grpc", "grpc");
    countersGaugesAndTimersArrive();
    assertTrue(receiver.received().stream().anyMatch(x -> x.path().equals("MetricsService/Export")), receiver.received().toString());
  }

  @Test
  void metricsReachTheReceiverOverHttpAtV1Metrics() throws Exception {
    start("http", "http/protobuf");
    countersGaugesAndTimersArrive();
    assertTrue(receiver.received().stream().allMatch(x -> x.path().equals("/v1/metrics")), receiver.received().toString());
  }

  @Test
  void closeExportsTheLastValuesAndIsSafeTwice() throws Exception {
    receiver = OtlpReceiver.start();
    reporter = new OtlpExporterFactory().createMetricsReporter("otlp", Map.of("endpoint", receiver.grpcEndpoint()), registry,
        new MetricsReporter.Context(Duration.ofHours(1), "node-1", "instance-1"));
    registry.counter(MetricNames.exporter("stdout", MetricNames.EXPORTED)).inc(11);
    reporter.close();
    reporter.close();
    List<ExportMetricsServiceRequest> all = receiver.metrics();
    assertEquals(1, all.size(), "one export, at close");
    assertTrue(points(all.get(0)).stream().anyMatch(is("sysotel.exporter.exported", Map.of("exporter", "stdout"), 11)));
  }
}
