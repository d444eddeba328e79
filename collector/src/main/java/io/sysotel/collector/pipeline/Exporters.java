package io.sysotel.collector.pipeline;

import io.sysotel.collector.api.ExporterFactory;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The exporter factories on the class path, by type. */
public final class Exporters {

  private Exporters() {}

  public static Map<String, ExporterFactory> factories() {
    Map<String, ExporterFactory> byType = new TreeMap<>();
    for (ExporterFactory f : ServiceLoader.load(ExporterFactory.class)) {
      byType.put(f.type(), f);
    }
    return byType;
  }
}
