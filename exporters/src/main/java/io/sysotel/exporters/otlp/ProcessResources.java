package io.sysotel.exporters.otlp;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.MetaSelection.Field;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.Source;
import java.time.Instant;
import java.util.Map;

/**
 * The OpenTelemetry resource of a process, encoded as an OTLP {@code Resource} message:
 * semantic-convention attributes of the process, its container and pod (as far as the
 * pipeline's {@code meta} selects them), the host and the service. Encoded once per {@link
 * ProcessInfo} instance (the collector shares one per process state) and cached by identity in a
 * direct-mapped table, so memory stays bounded and a hit allocates nothing. Not thread-safe.
 */
final class ProcessResources {

  static final int DEFAULT_CAPACITY = 1024;

  /** Resource.attributes */
  private static final int RESOURCE_ATTRIBUTES = 1;

  static final String PROCESS_PID = "process.pid";
  static final String PROCESS_PARENT_PID = "process.parent_pid";
  static final String PROCESS_EXECUTABLE_NAME = "process.executable.name";
  static final String PROCESS_EXECUTABLE_PATH = "process.executable.path";
  static final String PROCESS_COMMAND_LINE = "process.command_line";
  static final String PROCESS_CREATION_TIME = "process.creation.time";
  /** No semantic convention names the pid namespace; ours is under the sysotel prefix. */
  static final String PROCESS_NS = "sysotel.process.pid_namespace";
  static final String CONTAINER_ID = "container.id";
  static final String CONTAINER_NAME = "container.name";
  static final String CONTAINER_LABEL_PREFIX = "container.label.";
  static final String K8S_POD_NAME = "k8s.pod.name";
  static final String K8S_POD_UID = "k8s.pod.uid";
  static final String K8S_NAMESPACE_NAME = "k8s.namespace.name";
  static final String K8S_POD_LABEL_PREFIX = "k8s.pod.label.";
  static final String HOST_NAME = "host.name";
  static final String SERVICE_NAME = "service.name";
  static final String SERVICE_INSTANCE_ID = "service.instance.id";

  private final String serviceName;
  private final ProcessInfo[] processes;
  private final MetaSelection[] metas;
  private final Source[] sources;
  private final byte[][] resources;
  private final int mask;
  private final ProtoWriter out = new ProtoWriter(1024);

  /** @param capacity rounded up to a power of two */
  ProcessResources(String serviceName, int capacity) {
    this.serviceName = serviceName;
    int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    processes = new ProcessInfo[size];
    metas = new MetaSelection[size];
    sources = new Source[size];
    resources = new byte[size][];
    mask = size - 1;
  }

  /**
   * The encoded resource of {@code process} (may be null) as published by a pipeline: the same
   * array for as long as it stays cached.
   */
  byte[] get(ProcessInfo process, MetaSelection meta, Source source) {
    int h = System.identityHashCode(process) * 31 + System.identityHashCode(meta);
    int i = (h ^ (h >>> 16)) & mask;
    if (processes[i] == process && metas[i] == meta && sources[i] == source && resources[i] != null) {
      return resources[i];
    }
    out.reset();
    attributes(process, meta, source);
    byte[] r = out.toByteArray();
    processes[i] = process;
    metas[i] = meta;
    sources[i] = source;
    resources[i] = r;
    return r;
  }

  private void attributes(ProcessInfo p, MetaSelection meta, Source source) {
    put(SERVICE_NAME, serviceName);
    put(SERVICE_INSTANCE_ID, source.instanceId());
    put(HOST_NAME, source.hostname());
    if (p == null) {
      return;
    }
    if (meta.includes(Field.PROCESS_PID)) {
      LogEncoding.attribute(out, RESOURCE_ATTRIBUTES, LogEncoding.key(PROCESS_PID), p.pid());
    }
    if (meta.includes(Field.PROCESS_PPID)) {
      LogEncoding.attribute(out, RESOURCE_ATTRIBUTES, LogEncoding.key(PROCESS_PARENT_PID), p.ppid());
    }
    if (meta.includes(Field.PROCESS_NAME)) {
      put(PROCESS_EXECUTABLE_NAME, p.name());
    }
    if (meta.includes(Field.PROCESS_EXE)) {
      put(PROCESS_EXECUTABLE_PATH, p.exe());
    }
    if (meta.includes(Field.PROCESS_CMD)) {
      put(PROCESS_COMMAND_LINE, p.cmd());
    }
    if (meta.includes(Field.PROCESS_NS)) {
      put(PROCESS_NS, p.ns());
    }
    if (meta.includes(Field.PROCESS_STARTED_AT) && p.startTimeUnixNanos() > 0) {
      long t = p.startTimeUnixNanos();
      put(PROCESS_CREATION_TIME, Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L)).toString());
    }
    ContainerInfo c = p.container();
    if (c != null) {
      if (meta.includes(Field.CONTAINER_ID)) {
        put(CONTAINER_ID, c.id());
      }
      if (meta.includes(Field.CONTAINER_NAME)) {
        put(CONTAINER_NAME, c.name());
      }
      if (meta.includes(Field.CONTAINER_LABELS)) {
        labels(CONTAINER_LABEL_PREFIX, c.labels());
      }
    }
    PodInfo pod = p.pod();
    if (pod != null) {
      if (meta.includes(Field.POD_NAME)) {
        put(K8S_POD_NAME, pod.name());
      }
      if (meta.includes(Field.POD_ID)) {
        put(K8S_POD_UID, pod.uid());
      }
      if (meta.includes(Field.POD_NAMESPACE)) {
        put(K8S_NAMESPACE_NAME, pod.namespace());
      }
      if (meta.includes(Field.POD_LABELS)) {
        labels(K8S_POD_LABEL_PREFIX, pod.labels());
      }
    }
  }

  private void labels(String prefix, Map<String, String> labels) {
    labels.forEach((k, v) -> put(prefix + k, v));
  }

  private void put(String key, String value) {
    if (value != null) {
      LogEncoding.attribute(out, RESOURCE_ATTRIBUTES, LogEncoding.key(key), value);
    }
  }
}
