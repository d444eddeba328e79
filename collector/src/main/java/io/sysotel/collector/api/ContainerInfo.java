package io.sysotel.collector.api;

import java.util.Map;

/** The container a process runs in. {@code name} may be null until the runtime answers. */
public record ContainerInfo(String id, String name, Map<String, String> labels) {
  public ContainerInfo {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
