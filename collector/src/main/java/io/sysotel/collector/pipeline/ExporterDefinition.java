package io.sysotel.collector.pipeline;

import java.util.Map;

/** A validated exporter component: id {@code type[/name]} and its settings. */
public record ExporterDefinition(String id, String type, Map<String, Object> settings) {
  public ExporterDefinition {
    settings = Map.copyOf(settings);
  }

  /** The type part of an id {@code type[/name]}. */
  public static String typeOf(String id) {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }
}
