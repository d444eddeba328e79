package io.sysotel.exporters.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.MetaSelection.Field;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.Source;
import java.time.Instant;
import java.util.Map;

/**
 * The OpenTelemetry resource of a process: semantic-convention attributes of the process, its
 * container and pod (as far as the pipeline's {@code meta} selects them), the host and the
 * service. Built once per {@link ProcessInfo} instance (the collector shares one per process
 * state) and cached by identity in a direct-mapped table, so memory stays bounded and a hit
 * allocates nothing. Not thread-safe.
 */
final class ProcessResources {

  static final int DEFAULT_CAPACITY = 1024;

  static final AttributeKey<Long> PROCESS_PID = AttributeKey.longKey("process.pid");
  static final AttributeKey<Long> PROCESS_PARENT_PID = AttributeKey.longKey("process.parent_pid");
  static final AttributeKey<String> PROCESS_EXECUTABLE_NAME = AttributeKey.stringKey("process.executable.name");
  static final AttributeKey<String> PROCESS_EXECUTABLE_PATH = AttributeKey.stringKey("process.executable.path");
  static final AttributeKey<String> PROCESS_COMMAND_LINE = AttributeKey.stringKey("process.command_line");
  static final AttributeKey<String> PROCESS_CREATION_TIME = AttributeKey.stringKey("process.creation.time");
  /** No semantic convention names the pid namespace; ours is under the sysotel prefix. */
  static final AttributeKey<String> PROCESS_NS = AttributeKey.stringKey("sysotel.process.pid_namespace");
  static final AttributeKey<String> CONTAINER_ID = AttributeKey.stringKey("container.id");
  static final AttributeKey<String> CONTAINER_NAME = AttributeKey.stringKey("container.name");
  static final String CONTAINER_LABEL_PREFIX = "container.label.";
  static final AttributeKey<String> K8S_POD_NAME = AttributeKey.stringKey("k8s.pod.name");
  static final AttributeKey<String> K8S_POD_UID = AttributeKey.stringKey("k8s.pod.uid");
  static final AttributeKey<String> K8S_NAMESPACE_NAME = AttributeKey.stringKey("k8s.namespace.name");
  static final String K8S_POD_LABEL_PREFIX = "k8s.pod.label.";
  static final AttributeKey<String> HOST_NAME = AttributeKey.stringKey("host.name");
  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");

  private final String serviceName;
  private final ProcessInfo[] processes;
  private final MetaSelection[] metas;
  private final Source[] sources;
  private final Resource[] resources;
  private final int mask;

  /** @param capacity rounded up to a power of two */
  ProcessResources(String serviceName, int capacity) {
    this.serviceName = serviceName;
    int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    processes = new ProcessInfo[size];
    metas = new MetaSelection[size];
    sources = new Source[size];
    resources = new Resource[size];
    mask = size - 1;
  }

  /** The resource of {@code process} (may be null) as published by a pipeline. */
  Resource get(ProcessInfo process, MetaSelection meta, Source source) {
    int h = System.identityHashCode(process) * 31 + System.identityHashCode(meta);
    int i = (h ^ (h >>> 16)) & mask;
    if (processes[i] == process && metas[i] == meta && sources[i] == source && resources[i] != null) {
      return resources[i];
    }
    Resource r = Resource.create(attributes(process, meta, source));
    processes[i] = process;
    metas[i] = meta;
    sources[i] = source;
    resources[i] = r;
    return r;
  }

  Attributes attributes(ProcessInfo p, MetaSelection meta, Source source) {
    AttributesBuilder b = Attributes.builder();
    put(b, SERVICE_NAME, serviceName);
    put(b, SERVICE_INSTANCE_ID, source.instanceId());
    put(b, HOST_NAME, source.hostname());
    if (p == null) {
      return b.build();
    }
    if (meta.includes(Field.PROCESS_PID)) {
      b.put(PROCESS_PID, (long) p.pid());
    }
    if (meta.includes(Field.PROCESS_PPID)) {
      b.put(PROCESS_PARENT_PID, (long) p.ppid());
    }
    if (meta.includes(Field.PROCESS_NAME)) {
      put(b, PROCESS_EXECUTABLE_NAME, p.name());
    }
    if (meta.includes(Field.PROCESS_EXE)) {
      put(b, PROCESS_EXECUTABLE_PATH, p.exe());
    }
    if (meta.includes(Field.PROCESS_CMD)) {
      put(b, PROCESS_COMMAND_LINE, p.cmd());
    }
    if (meta.includes(Field.PROCESS_NS)) {
      put(b, PROCESS_NS, p.ns());
    }
    if (meta.includes(Field.PROCESS_STARTED_AT) && p.startTimeUnixNanos() > 0) {
      long t = p.startTimeUnixNanos();
      b.put(PROCESS_CREATION_TIME, Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L)).toString());
    }
    ContainerInfo c = p.container();
    if (c != null) {
      if (meta.includes(Field.CONTAINER_ID)) {
        put(b, CONTAINER_ID, c.id());
      }
      if (meta.includes(Field.CONTAINER_NAME)) {
        put(b, CONTAINER_NAME, c.name());
      }
      if (meta.includes(Field.CONTAINER_LABELS)) {
        labels(b, CONTAINER_LABEL_PREFIX, c.labels());
      }
    }
    PodInfo pod = p.pod();
    if (pod != null) {
      if (meta.includes(Field.POD_NAME)) {
        put(b, K8S_POD_NAME, pod.name());
      }
      if (meta.includes(Field.POD_ID)) {
        put(b, K8S_POD_UID, pod.uid());
      }
      if (meta.includes(Field.POD_NAMESPACE)) {
        put(b, K8S_NAMESPACE_NAME, pod.namespace());
      }
      if (meta.includes(Field.POD_LABELS)) {
        labels(b, K8S_POD_LABEL_PREFIX, pod.labels());
      }
    }
    return b.build();
  }

  private static void labels(AttributesBuilder b, String prefix, Map<String, String> labels) {
    labels.forEach((k, v) -> put(b, AttributeKey.stringKey(prefix + k), v));
  }

  private static void put(AttributesBuilder b, AttributeKey<String> key, String value) {
    if (value != null) {
      b.put(key, value);
    }
  }
}
