package io.sysotel.collector.telemetry;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.sysotel.collector.api.MetricKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Writes a Dropwizard registry in the Prometheus text exposition format 0.0.4. Names are the
 * {@link MetricKey} names with every character outside {@code [a-zA-Z0-9_:]} turned into
 * {@code _}; ids become the labels {@code pipeline}, {@code exporter}, {@code cpu}. Counters end in
 * {@code _total}; timers are summaries in seconds ({@code _seconds}, quantiles 0.5 and 0.99 of the
 * recent window, and {@code _count}); gauges with a numeric value are gauges.
 */
public final class PrometheusText {

  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final double[] QUANTILES = {0.5, 0.99};

  private PrometheusText() {}

  public static String write(MetricRegistry registry) {
    Map<String, Family> families = new TreeMap<>();
    registry.getCounters().forEach((name, c) -> sample(families, name, "_total", "counter", c.getCount()));
    registry.getGauges().forEach((name, g) -> {
      Object v = value(g);
      if (v instanceof Number n) {
        sample(families, name, "", "gauge", n);
      }
    });
    registry.getTimers().forEach((name, t) -> summary(families, name, t));
    StringBuilder out = new StringBuilder();
    families.forEach((family, f) -> out.append("# TYPE ").append(family).append(' ').append(f.type).append('\n')
        .append(f.samples));
    return out.toString();
  }

  /** Prometheus' name: {@code sysotel.exporter.latency} becomes {@code sysotel_exporter_latency}. */
  static String name(String dotted) {
    StringBuilder b = new StringBuilder(dotted.length());
    for (int i = 0; i < dotted.length(); i++) {
      char c = dotted.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= '0' && c <= '9' && i > 0;
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  private static Object value(Gauge<?> g) {
    try {
      return g.getValue();
    } catch (RuntimeException e) {
      return null; // a gauge that cannot be read now is left out of this scrape
    }
  }

  private static void sample(Map<String, Family> families, String registryName, String suffix, String type, Number v) {
    MetricKey key = MetricKey.of(registryName);
    String family = name(key.name()) + suffix;
    Family f = families.computeIfAbsent(family, k -> new Family(type));
    line(f.samples, family, key.attributes(), null, v);
  }

  private static void summary(Map<String, Family> families, String registryName, Timer t) {
    MetricKey key = MetricKey.of(registryName);
    String family = name(key.name()) + "_seconds";
    Family f = families.computeIfAbsent(family, k -> new Family("summary"));
    Snapshot s = t.getSnapshot();
    for (double q : QUANTILES) {
      line(f.samples, family, key.attributes(), Double.toString(q), s.getValue(q) / TimeUnit.SECONDS.toNanos(1));
    }
    line(f.samples, family + "_count", key.attributes(), null, t.getCount());
  }

  private static void line(StringBuilder out, String name, Map<String, String> labels, String quantile, Number v) {
    out.append(name);
    if (!labels.isEmpty() || quantile != null) {
      out.append('{');
      String sep = "";
      for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
        out.append(sep).append(e.getKey()).append("=\"");
        escape(out, e.getValue());
        out.append('"');
        sep = ",";
      }
      if (quantile != null) {
        out.append(sep).append("quantile=\"").append(quantile).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(number(v)).append('\n');
  }

  private static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  static String number(Number v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return Long.toString(v.longValue());
    }
    double d = v.doubleValue();
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(d);
  }

  private static final class Family {
    final String type;
    final StringBuilder samples = new StringBuilder();

    Family(String type) {
      this.type = type;
    }
  }
}
