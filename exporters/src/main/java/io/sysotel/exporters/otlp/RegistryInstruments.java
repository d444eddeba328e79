package io.sysotel.exporters.otlp;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistryListener;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.sysotel.collector.api.MetricKey;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Asynchronous OpenTelemetry instruments that read a Dropwizard registry when the SDK collects.
 * Listening to the registry, it adds an instrument the first time an exported name ({@link
 * MetricKey}) appears, so metrics registered later (a new pipeline) are reported too. Counters
 * become monotonic counters, numeric gauges become gauges (long or double as the first value
 * read), and a timer {@code x} becomes the counter {@code x.count} and the gauges {@code x.mean}
 * and {@code x.p99} in milliseconds. Values are read under the SDK's collection thread.
 */
final class RegistryInstruments extends MetricRegistryListener.Base {

  static final String COUNT = ".count";
  static final String MEAN = ".mean";
  static final String P99 = ".p99";
  static final String MILLISECONDS = "ms";
  private static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  /** Metrics of one exported name, by registry name. */
  private static final class Family<M> {
    final ConcurrentMap<String, Series<M>> series = new ConcurrentHashMap<>();
  }

  private record Series<M>(M metric, Attributes attributes) {}

  private final Meter meter;
  private final Map<String, Family<Counter>> counters = new HashMap<>();
  private final Map<String, Family<Gauge<?>>> longGauges = new HashMap<>();
  private final Map<String, Family<Gauge<?>>> doubleGauges = new HashMap<>();
  private final Map<String, Family<Timer>> timers = new HashMap<>();

  RegistryInstruments(Meter meter) {
    this.meter = meter;
  }

  @Override
  public synchronized void onCounterAdded(String name, Counter counter) {
    MetricKey key = MetricKey.of(name);
    family(counters, key.name(), f -> meter.counterBuilder(key.name()).buildWithCallback(m -> observeCounts(f, m)))
        .series.put(name, new Series<>(counter, attributes(key)));
  }

  @Override
  public synchronized void onGaugeAdded(String name, Gauge<?> gauge) {
    MetricKey key = MetricKey.of(name);
    Object v = read(gauge);
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      if (!doubleGauges.containsKey(key.name())) {
        family(longGauges, key.name(), f -> meter.gaugeBuilder(key.name()).ofLongs().buildWithCallback(m -> observeLongs(f, m)))
            .series.put(name, new Series<>(gauge, attributes(key)));
      }
    } else if (v instanceof Number && !longGauges.containsKey(key.name())) {
      family(doubleGauges, key.name(), f -> meter.gaugeBuilder(key.name()).buildWithCallback(m -> observeDoubles(f, m)))
          .series.put(name, new Series<>(gauge, attributes(key)));
    }
  }

  @Override
  public synchronized void onTimerAdded(String name, Timer timer) {
    MetricKey key = MetricKey.of(name);
    family(timers, key.name(), f -> {
      meter.counterBuilder(key.name() + COUNT).buildWithCallback(m ->
          f.series.values().forEach(s -> m.record(s.metric().getCount(), s.attributes())));
      meter.gaugeBuilder(key.name() + MEAN).setUnit(MILLISECONDS).buildWithCallback(m ->
          observeSnapshots(f, (s, a) -> m.record(s.getMean() / NANOS_PER_MILLI, a)));
      meter.gaugeBuilder(key.name() + P99).setUnit(MILLISECONDS).buildWithCallback(m ->
          observeSnapshots(f, (s, a) -> m.record(s.get99thPercentile() / NANOS_PER_MILLI, a)));
    }).series.put(name, new Series<>(timer, attributes(key)));
  }

  @Override
  public synchronized void onCounterRemoved(String name) {
    remove(counters, name);
  }

  @Override
  public synchronized void onGaugeRemoved(String name) {
    remove(longGauges, name);
    remove(doubleGauges, name);
  }

  @Override
  public synchronized void onTimerRemoved(String name) {
    remove(timers, name);
  }

  private static <M> Family<M> family(
      Map<String, Family<M>> families, String name, Consumer<Family<M>> createInstrument) {
    Family<M> f = families.get(name);
    if (f == null) {
      f = new Family<>();
      families.put(name, f);
      createInstrument.accept(f);
    }
    return f;
  }

  private static <M> void remove(Map<String, Family<M>> families, String registryName) {
    Family<M> f = families.get(MetricKey.of(registryName).name());
    if (f != null) {
      f.series.remove(registryName);
    }
  }

  private static void observeCounts(Family<Counter> f, ObservableLongMeasurement m) {
    f.series.values().forEach(s -> m.record(s.metric().getCount(), s.attributes()));
  }

  private static void observeLongs(Family<Gauge<?>> f, ObservableLongMeasurement m) {
    f.series.values().forEach(s -> {
      if (read(s.metric()) instanceof Number n) {
        m.record(n.longValue(), s.attributes());
      }
    });
  }

  private static void observeDoubles(Family<Gauge<?>> f, ObservableDoubleMeasurement m) {
    f.series.values().forEach(s -> {
      if (read(s.metric()) instanceof Number n) {
        m.record(n.doubleValue(), s.attributes());
      }
    });
  }

  private static void observeSnapshots(Family<Timer> f, BiConsumer<Snapshot, Attributes> record) {
    f.series.values().forEach(s -> record.accept(s.metric().getSnapshot(), s.attributes()));
  }

  private static Object read(Gauge<?> g) {
    try {
      return g.getValue();
    } catch (RuntimeException e) {
      return null; // a gauge that cannot be read now is left out of this collection
    }
  }

  private static Attributes attributes(MetricKey key) {
    if (key.attributes().isEmpty()) {
      return Attributes.empty();
    }
    AttributesBuilder b = Attributes.builder();
    key.attributes().forEach(b::put);
    return b.build();
  }
}
