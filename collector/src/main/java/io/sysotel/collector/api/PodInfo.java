package io.sysotel.collector.api;

import java.util.Map;

/** The Kubernetes pod a container belongs to. */
public record PodInfo(String uid, String name, String namespace, Map<String, String> labels) {
  public PodInfo {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
