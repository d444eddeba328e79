package io.sysotel.collector.metadata;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.PodInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongPredicate;

/**
 * The container and pod of a process: the container id from its cgroup, name and labels from
 * the container runtime, the pod from the Kubernetes API. Sources answer on threads of their
 * own; the reader thread sees their answers through {@link #resolve} and learns what changed
 * from {@link #drainChanges}, so everything it holds is its own.
 */
public final class Metadata implements AutoCloseable {

  /** Where metadata comes from. */
  public record Settings(
      boolean containers, Path runtimeSocket, boolean kubernetes, String nodeName, Path kubeconfig, Duration hold) {

    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(2);
    /** The environment variable a DaemonSet sets to the node's name (the downward API). */
    public static final String NODE_NAME_ENV = "NODE_NAME";

    public Settings {
      Objects.requireNonNull(hold, "hold");
    }

    /** Runtime socket probed, Kubernetes when NODE_NAME is set, a hold of 2 s. */
    public static Settings defaults() {
      return new Settings(true, null, true, null, null, DEFAULT_HOLD);
    }

    /** No runtime and no Kubernetes: the container id from the cgroup, nothing else, no hold. */
    public static Settings off() {
      return new Settings(false, null, false, null, null, Duration.ZERO);
    }
  }

  /**
   * What the reader knows of one container. Mutated by the reader thread only; the instances of
   * {@link #container} and {@link #pod} stay the same until they change, so exporters may cache
   * per instance.
   */
  public static final class Known {
    private final String containerId;
    private final long firstSeenNanos;
    private ContainerInfo container;
    private PodInfo pod;
    private boolean complete;

    Known(String containerId, long firstSeenNanos) {
      this.containerId = containerId;
      this.firstSeenNanos = firstSeenNanos;
    }

    public String containerId() {
      return containerId;
    }

    public ContainerInfo container() {
      return container;
    }

    public PodInfo pod() {
      return pod;
    }

    /** True when every source has answered for this container. */
    public boolean complete() {
      return complete;
    }

    /** When the reader first saw this container (System.nanoTime()). */
    public long firstSeenNanos() {
      return firstSeenNanos;
    }
  }

  private static final int MAX_CGROUPS = 16384;
  private static final Known NOT_A_CONTAINER = new Known(null, 0);

  private final CgroupResolver cgroups;
  private final RuntimeContainers runtime;
  private final PodIndex pods;
  private final PodWatcher podWatcher;
  private final Duration hold;
  private final List<String> warnings;
  private final ConcurrentLinkedQueue<String> changed;
  private final Map<Long, Known> byCgroup = lru();
  private final Map<String, Known> byContainer = lru();
  private long lastCgroup = -1;
  private Known last;

  private Metadata(CgroupResolver cgroups, RuntimeContainers runtime, PodIndex pods, PodWatcher podWatcher,
      Duration hold, List<String> warnings, ConcurrentLinkedQueue<String> changed) {
    this.changed = changed;
    this.cgroups = cgroups;
    this.runtime = runtime;
    this.pods = pods;
    this.podWatcher = podWatcher;
    this.hold = hold;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Connects to the sources {@code settings} name. A source that is missing or does not answer
   * leaves its keys unset (they match nothing) with one warning in {@link #warnings()}.
   */
  public static Metadata start(Settings settings) {
    return start(settings, CgroupResolver.host());
  }

  static Metadata start(Settings settings, CgroupResolver cgroups) {
    List<String> warnings = new ArrayList<>();
    ConcurrentLinkedQueue<String> changes = new ConcurrentLinkedQueue<>();
    RuntimeContainers runtime = settings.containers()
        ? RuntimeContainers.start(settings.runtimeSocket(), changes::add, warnings::add)
        : null;
    PodIndex pods = null;
    PodWatcher watcher = null;
    if (settings.kubernetes()) {
      String node = settings.nodeName() != null ? settings.nodeName() : System.getenv(Settings.NODE_NAME_ENV);
      if (node == null || node.isBlank()) {
        warnings.add("no Kubernetes node name (" + Settings.NODE_NAME_ENV
            + " unset, metadata.kubernetes.node not given): pod.* keys match nothing");
      } else {
        pods = new PodIndex();
        try {
          watcher = PodWatcher.start(node, settings.kubeconfig(), pods, changes::addAll, warnings::add);
        } catch (IOException | RuntimeException e) {
          warnings.add("Kubernetes API unusable (" + e.getMessage() + "): pod.* keys match nothing");
          pods = null;
        }
      }
    }
    return new Metadata(cgroups, runtime, pods, watcher, settings.hold(), warnings, changes);
  }

  /** What went missing at start, one line each. */
  public List<String> warnings() {
    return warnings;
  }

  /** How long events wait for a container's metadata. */
  public Duration hold() {
    return hold;
  }

  /** The container of cgroup {@code cgroupId}, where process {@code pid} ran; null for none. */
  public Known resolve(long cgroupId, int pid) {
    if (cgroupId == lastCgroup && last != null) {
      return last == NOT_A_CONTAINER ? null : last;
    }
    Known k = byCgroup.get(cgroupId);
    if (k == null) {
      String id = cgroups.containerId(cgroupId, pid);
      k = id == null ? NOT_A_CONTAINER : byContainer.computeIfAbsent(id, i -> refresh(new Known(i, System.nanoTime())));
      byCgroup.put(cgroupId, k);
    }
    lastCgroup = cgroupId;
    last = k;
    return k == NOT_A_CONTAINER ? null : k;
  }

  /**
   * Applies what the sources learnt since the last call; returns the cgroups whose container
   * or pod changed (their cached verdicts are stale), or null when none did.
   */
  public LongPredicate drainChanges() {
    Set<String> ids = null;
    for (String id; (id = changed.poll()) != null; ) {
      Known k = byContainer.get(id);
      if (k != null) {
        ContainerInfo c = k.container;
        PodInfo p = k.pod;
        refresh(k);
        if (!Objects.equals(c, k.container) || !Objects.equals(p, k.pod)) {
          if (ids == null) {
            ids = new HashSet<>();
          }
          ids.add(id);
        }
      }
    }
    if (ids == null) {
      return null;
    }
    Set<Long> affected = new HashSet<>();
    for (Map.Entry<Long, Known> e : byCgroup.entrySet()) {
      if (ids.contains(e.getValue().containerId)) {
        affected.add(e.getKey());
      }
    }
    return affected::contains;
  }

  private Known refresh(Known k) {
    ContainerInfo fromRuntime = runtime != null ? runtime.get(k.containerId) : null;
    PodIndex.PodContainer inPod = pods != null ? pods.get(k.containerId) : null;
    String name = fromRuntime != null && fromRuntime.name() != null ? fromRuntime.name()
        : inPod != null ? inPod.containerName() : null;
    ContainerInfo c = new ContainerInfo(k.containerId, name, fromRuntime != null ? fromRuntime.labels() : Map.of());
    if (!c.equals(k.container)) {
      k.container = c;
    }
    PodInfo p = inPod != null ? inPod.pod() : null;
    if (!Objects.equals(p, k.pod)) {
      k.pod = p;
    }
    k.complete = (runtime == null || runtime.settled(k.containerId)) && (pods == null || inPod != null);
    if (runtime != null && !runtime.settled(k.containerId)) {
      runtime.request(k.containerId);
    }
    return k;
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.close();
    }
    if (podWatcher != null) {
      podWatcher.close();
    }
  }

  private static <K> Map<K, Known> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Known> eldest) {
        return size() > MAX_CGROUPS;
      }
    };
  }
}
