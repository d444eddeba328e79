package io.sysotel.collector.metadata;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.sysotel.collector.api.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This node's pods by container id, as the pod informer delivers them: each pod's uid, name,
 * namespace and labels, and the ids of its containers from {@code status.containerStatuses}
 * (init and ephemeral containers too). Thread-safe.
 */
final class PodIndex {

  /** A container of a pod: the pod and the container's name in its spec. */
  record PodContainer(PodInfo pod, String containerName) {}

  private final Map<String, PodContainer> byContainer = new HashMap<>();
  private final Map<String, Set<String>> containersByPod = new HashMap<>();

  /**
   * A container id as the kubelet reports it, {@code <runtime>://<id>} ({@code
   * containerd://}, {@code cri-o://}, {@code docker://}), without its runtime prefix; null for
   * none (a container not started yet).
   */
  static String stripRuntimePrefix(String containerId) {
    if (containerId == null || containerId.isBlank()) {
      return null;
    }
    int sep = containerId.indexOf("://");
    String id = sep < 0 ? containerId : containerId.substring(sep + 3);
    return id.isEmpty() ? null : id;
  }

  /** Adds or replaces a pod; returns the container ids whose pod or name changed. */
  synchronized Set<String> put(Pod pod) {
    ObjectMeta m = pod.getMetadata();
    PodInfo info = new PodInfo(m.getUid(), m.getName(), m.getNamespace(), m.getLabels());
    Map<String, PodContainer> now = new HashMap<>();
    PodStatus status = pod.getStatus();
    if (status != null) {
      List<ContainerStatus> all = new ArrayList<>();
      addAll(all, status.getContainerStatuses());
      addAll(all, status.getInitContainerStatuses());
      addAll(all, status.getEphemeralContainerStatuses());
      for (ContainerStatus s : all) {
        String id = stripRuntimePrefix(s.getContainerID());
        if (id != null) {
          now.put(id, new PodContainer(info, s.getName()));
        }
      }
    }
    Set<String> changed = new HashSet<>();
    for (String gone : removeContainers(key(m))) {
      if (!now.containsKey(gone)) {
        byContainer.remove(gone);
        changed.add(gone);
      }
    }
    for (Map.Entry<String, PodContainer> e : now.entrySet()) {
      PodContainer before = byContainer.put(e.getKey(), e.getValue());
      if (!e.getValue().equals(before)) {
        changed.add(e.getKey());
      }
    }
    containersByPod.put(key(m), new HashSet<>(now.keySet()));
    return changed;
  }

  /** Removes a pod; returns its container ids. */
  synchronized Set<String> remove(Pod pod) {
    Set<String> ids = removeContainers(key(pod.getMetadata()));
    ids.forEach(byContainer::remove);
    return ids;
  }

  /** The pod and container name of a container id, or null. */
  synchronized PodContainer get(String containerId) {
    return byContainer.get(containerId);
  }

  synchronized int size() {
    return containersByPod.size();
  }

  private Set<String> removeContainers(String podKey) {
    Set<String> ids = containersByPod.remove(podKey);
    return ids != null ? ids : new HashSet<>();
  }

  private static String key(ObjectMeta m) {
    return m.getUid() != null ? m.getUid() : m.getNamespace() + "/" + m.getName();
  }

  private static void addAll(List<ContainerStatus> to, List<ContainerStatus> from) {
    if (from != null) {
      to.addAll(from);
    }
  }
}
