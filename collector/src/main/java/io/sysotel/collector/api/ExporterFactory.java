package io.sysotel.collector.api;

import java.util.List;
import java.util.Map;

/**
 * Creates exporters of one type ({@code stdout}, {@code file}, {@code otlp}). Factories are found
 * with {@link java.util.ServiceLoader}, so the collector never depends on an exporter module.
 */
public interface ExporterFactory {

  /** The type part of component ids {@code type[/name]}. */
  String type();

  /**
   * Checks an exporter's settings (the YAML map under its id) without side effects.
   *
   * @return one problem per bad key, each as {@code key: what is wrong}; empty when valid
   */
  List<String> validate(Map<String, Object> settings);

  /** Creates an exporter from settings that passed {@link #validate}. */
  Exporter create(String id, Map<String, Object> settings);
}
