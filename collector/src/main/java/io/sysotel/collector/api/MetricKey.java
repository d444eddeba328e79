package io.sysotel.collector.api;

import java.util.Map;

/**
 * A metric's exported identity: a name without component ids and the attributes that carry them.
 * The registry's names hold ids inline; exported names keep them in attributes, so one metric
 * covers every pipeline, exporter or CPU:
 *
 * <ul>
 *   <li>{@code sysotel.pipeline.<id>.<what>} becomes {@code sysotel.pipeline.<what>} with
 *       {@code pipeline=<id>};
 *   <li>{@code sysotel.exporter.<id>.<what>} becomes {@code sysotel.exporter.<what>} with
 *       {@code exporter=<id>};
 *   <li>{@code sysotel.kernel.lost.cpu<N>} becomes {@code sysotel.kernel.lost.cpu} with {@code
 *       cpu=<N>} (a name of its own, so summing it never double-counts the total {@code
 *       sysotel.kernel.lost});
 *   <li>every other name stays as it is, without attributes.
 * </ul>
 *
 * Ids may contain dots ({@code otlp/a.b}): the part after the last dot is the metric.
 *
 * @param name the exported name, dot-separated
 * @param attributes zero or one attribute, by key
 */
public record MetricKey(String name, Map<String, String> attributes) {

  public static final String PIPELINE = "pipeline";
  public static final String EXPORTER = "exporter";
  public static final String CPU = "cpu";

  private static final String PIPELINE_PREFIX = "sysotel.pipeline.";
  private static final String EXPORTER_PREFIX = "sysotel.exporter.";
  private static final String LOST_ON_CPU_PREFIX = "sysotel.kernel.lost.cpu";

  public MetricKey {
    attributes = Map.copyOf(attributes);
  }

  /** The exported identity of a registry name. */
  public static MetricKey of(String registryName) {
    if (registryName.startsWith(PIPELINE_PREFIX)) {
      return component(registryName, PIPELINE_PREFIX, PIPELINE);
    }
    if (registryName.startsWith(EXPORTER_PREFIX)) {
      return component(registryName, EXPORTER_PREFIX, EXPORTER);
    }
    if (registryName.startsWith(LOST_ON_CPU_PREFIX)) {
      String cpu = registryName.substring(LOST_ON_CPU_PREFIX.length());
      if (!cpu.isEmpty() && cpu.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return new MetricKey(LOST_ON_CPU_PREFIX, Map.of(CPU, cpu));
      }
    }
    return new MetricKey(registryName, Map.of());
  }

  private static MetricKey component(String registryName, String prefix, String attribute) {
    int dot = registryName.lastIndexOf('.');
    if (dot <= prefix.length()) {
      return new MetricKey(registryName, Map.of());
    }
    return new MetricKey(prefix + registryName.substring(dot + 1),
        Map.of(attribute, registryName.substring(prefix.length(), dot)));
  }
}
