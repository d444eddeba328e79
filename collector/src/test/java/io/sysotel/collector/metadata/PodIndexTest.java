package io.sysotel.collector.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sysotel.collector.api.PodInfo;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodIndexTest {

  static final String A = "3f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";
  static final String B = "b72da19de6b192916733d88a660b7fbff99810a57c71d26719854a0c7bd4df83";
  static final String C = "d363a12290dd3a9823625799ba26650e597b01a38430cbf2623cd7fb4cc93a92";

  static Pod pod(String uid, String name, Map<String, String> labels, String... nameIdPairs) {
    PodBuilder b = new PodBuilder().withNewMetadata().withUid(uid).withName(name).withNamespace("default")
        .withLabels(labels).endMetadata().withNewStatus().endStatus();
    for (int i = 0; i < nameIdPairs.length; i += 2) {
      b.editStatus().addToContainerStatuses(new ContainerStatusBuilder()
          .withName(nameIdPairs[i]).withContainerID(nameIdPairs[i + 1]).build()).endStatus();
    }
    return b.build();
  }

  @Test
  void stripsTheRuntimePrefixOfContainerIds() {
    assertEquals(A, PodIndex.stripRuntimePrefix("containerd://" + A));
    assertEquals(A, PodIndex.stripRuntimePrefix("cri-o://" + A));
    assertEquals(A, PodIndex.stripRuntimePrefix("docker://" + A));
    assertEquals(A, PodIndex.stripRuntimePrefix(A));
    assertNull(PodIndex.stripRuntimePrefix(""));
    assertNull(PodIndex.stripRuntimePrefix(null));
    assertNull(PodIndex.stripRuntimePrefix("containerd://"));
  }

  @Test
  void findsThePodAndContainerNameOfEachContainerId() {
    PodIndex index = new PodIndex();
    assertEquals(Set.of(A, B), index.put(pod("u1", "web-0", Map.of("app", "web"),
        "web", "containerd://" + A, "sidecar", "containerd://" + B)));
    PodInfo web = new PodInfo("u1", "web-0", "default", Map.of("app", "web"));
    assertEquals(new PodIndex.PodContainer(web, "web"), index.get(A));
    assertEquals(new PodIndex.PodContainer(web, "sidecar"), index.get(B));
    assertNull(index.get(C));
  }

  @Test
  void aContainerNotStartedYetHasNoIdAndIsLeftOut() {
    PodIndex index = new PodIndex();
    assertEquals(Set.of(A), index.put(pod("u1", "web-0", Map.of(), "web", "containerd://" + A, "late", "")));
    assertEquals(1, index.size());
  }

  @Test
  void anUpdateReportsTheContainersWhosePodChanged() {
    PodIndex index = new PodIndex();
    index.put(pod("u1", "web-0", Map.of("app", "web"), "web", "containerd://" + A, "sidecar", "containerd://" + B));
    // Same pod again: nothing changed.
    assertEquals(Set.of(), index.put(pod("u1", "web-0", Map.of("app", "web"),
        "web", "containerd://" + A, "sidecar", "containerd://" + B)));
    // A label added: both containers' pod changed.
    assertEquals(Set.of(A, B), index.put(pod("u1", "web-0", Map.of("app", "web", "env", "prod"),
        "web", "containerd://" + A, "sidecar", "containerd://" + B)));
    assertEquals(Map.of("app", "web", "env", "prod"), index.get(A).pod().labels());
    // A container restarted with a new id: the old id is gone, the new one is there.
    assertEquals(Set.of(B, C), index.put(pod("u1", "web-0", Map.of("app", "web", "env", "prod"),
        "web", "containerd://" + A, "sidecar", "containerd://" + C)));
    assertNull(index.get(B));
    assertEquals("sidecar", index.get(C).containerName());
  }

  @Test
  void aDeletedPodTakesItsContainersAlong() {
    PodIndex index = new PodIndex();
    Pod p = pod("u1", "web-0", Map.of(), "web", "containerd://" + A);
    index.put(p);
    index.put(pod("u2", "db-0", Map.of(), "db", "cri-o://" + B));
    assertEquals(Set.of(A), index.remove(p));
    assertNull(index.get(A));
    assertEquals("db-0", index.get(B).pod().name());
    assertEquals(1, index.size());
  }
}
