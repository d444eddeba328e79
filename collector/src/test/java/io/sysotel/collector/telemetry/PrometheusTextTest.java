package io.sysotel.collector.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.pipeline.MetricNames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  /** Samples by {@code name{sorted labels}}, and TYPE lines by family; fails on a line it cannot read. */
  static Map<String, Double> parse(String text, Map<String, String> types) {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] p = line.split(" ");
        assertEquals(null, types.put(p[2], p[3]), "one TYPE line per family: " + line);
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a sample line: " + line);
      Map<String, String> labels = new java.util.TreeMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        int end = 0;
        while (l.find() && l.start() == end) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
          end = l.end();
        }
        assertEquals(m.group(2).length(), end, "labels of " + line);
      }
      samples.put(m.group(1) + labels, Double.parseDouble(m.group(3).replace("+Inf", "Infinity")));
    }
    return samples;
  }

  @Test
  void countersGaugesAndTimersWithTheirLabels() {
    MetricRegistry r = new MetricRegistry();
    r.counter(MetricNames.pipeline("net-raw", MetricNames.MATCHED)).inc(7);
    r.counter(MetricNames.pipeline("curl", MetricNames.MATCHED)).inc(2);
    r.counter(MetricNames.exporter("otlp/loki", MetricNames.EXPORTED)).inc(5);
    r.counter(MetricNames.kernelLostOnCpu(3)).inc(4);
    r.counter(MetricNames.KERNEL_LOST).inc(4);
    r.register(MetricNames.PROCESS_CACHE_SIZE, (Gauge<Integer>) () -> 42);
    r.gauge(MetricNames.exporter("stdout", MetricNames.QUEUED), () -> () -> 9);
    r.register("sysotel.test.text", (Gauge<String>) () -> "not a number");
    r.timer(MetricNames.exporter("stdout", MetricNames.LATENCY)).update(20, TimeUnit.MILLISECONDS);
    r.timer(MetricNames.exporter("stdout", MetricNames.LATENCY)).update(20, TimeUnit.MILLISECONDS);

    Map<String, String> types = new HashMap<>();
    Map<String, Double> s = parse(PrometheusText.write(r), types);

    assertEquals(7.0, s.get("sysotel_pipeline_matched_total{pipeline=net-raw}"));
    assertEquals(2.0, s.get("sysotel_pipeline_matched_total{pipeline=curl}"));
    assertEquals(5.0, s.get("sysotel_exporter_exported_total{exporter=otlp/loki}"));
    assertEquals(4.0, s.get("sysotel_kernel_lost_cpu_total{cpu=3}"));
    assertEquals(4.0, s.get("sysotel_kernel_lost_total{}"));
    assertEquals(42.0, s.get("sysotel_process_cache_size{}"));
    assertEquals(9.0, s.get("sysotel_exporter_queued{exporter=stdout}"));
    assertEquals(0.02, s.get("sysotel_exporter_latency_seconds{exporter=stdout, quantile=0.99}"), 1e-6);
    assertEquals(0.02, s.get("sysotel_exporter_latency_seconds{exporter=stdout, quantile=0.5}"), 1e-6);
    assertEquals(2.0, s.get("sysotel_exporter_latency_seconds_count{exporter=stdout}"));
    assertFalse(s.keySet().stream().anyMatch(k -> k.startsWith("sysotel_test_text")), "a gauge that is no number is left out");

    assertEquals("counter", types.get("sysotel_pipeline_matched_total"));
    assertEquals("gauge", types.get("sysotel_process_cache_size"));
    assertEquals("summary", types.get("sysotel_exporter_latency_seconds"));
  }

  @Test
  void labelValuesAreEscaped() {
    MetricRegistry r = new MetricRegistry();
    r.counter(MetricNames.pipeline("a\"b\\c\nd", MetricNames.MATCHED)).inc();
    String text = PrometheusText.write(r);
    assertTrue(text.contains("{pipeline=\"a\\\"b\\\\c\\nd\"}"), text);
    assertEquals(1.0, parse(text, new HashMap<>()).get("sysotel_pipeline_matched_total{pipeline=a\"b\\c\nd}"));
  }

  @Test
  void namesKeepOnlyWhatPrometheusAllows() {
    assertEquals("sysotel_process_cache_size", PrometheusText.name("sysotel.process_cache.size"));
    assertEquals("_a_b", PrometheusText.name("9a-b"));
  }

  @Test
  void numbersInTheTextFormat() {
    assertEquals("12", PrometheusText.number(12L));
    assertEquals("0.5", PrometheusText.number(0.5));
    assertEquals("NaN", PrometheusText.number(Double.NaN));
    assertEquals("+Inf", PrometheusText.number(Double.POSITIVE_INFINITY));
  }
}
