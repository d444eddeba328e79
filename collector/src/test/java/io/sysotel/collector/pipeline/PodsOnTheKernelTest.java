package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static io.sysotel.collector.testing.MockKubernetes.pod;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.testing.CollectingExporterFactory;
import io.sysotel.collector.testing.MockKubernetes;
import io.sysotel.collector.testing.Podman;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pod keys on the real kernel: real podman containers, and the fabric8 Kubernetes mock server
 * (CRUD mode) as the API server, holding pods whose container statuses carry those containers'
 * ids. Needs root and podman.
 */
@Tag("root")
class PodsOnTheKernelTest {

  private static final int WRITE = SyscallTable.x86_64().byName("write").orElseThrow().number();
  private static final String NODE = "node-a";
  private static final List<String> WITH_NET_RAW = List.of("--cap-add", "NET_RAW");
  private static final String SEED_SAMPLE = "process.capprm:CAP_NET_RAW AND pod.namespace:default AND pod.label:prod";

  @TempDir
  static Path dir;
  static Podman podman;
  static MockKubernetes kube;
  /** Container ids by name. */
  static final Map<String, String> ids = new HashMap<>();

  private Collector collector;
  private MetricRegistry metrics;

  @BeforeAll
  static void clusterAndContainers() throws Exception {
    kube = MockKubernetes.start(dir);
    podman = Podman.start(dir);
    String[] loop = ContainersOnTheKernelTest.WRITE_LOOP;
    ids.put("web", podman.runDetached("sysotel-pod-web", Map.of(), WITH_NET_RAW, loop));
    ids.put("db", podman.runDetached("sysotel-pod-db", Map.of(), loop));
    ids.put("api", podman.runDetached("sysotel-pod-api", Map.of(), WITH_NET_RAW, loop));
    ids.put("far", podman.runDetached("sysotel-pod-far", Map.of(), WITH_NET_RAW, loop));
    kube.create(pod("web-0", "default", NODE, Map.of("app", "web", "env", "prod"), "web", "containerd://" + ids.get("web")));
    kube.create(pod("db-0", "data", NODE, Map.of("app", "db", "env", "prod"), "db", "cri-o://" + ids.get("db")));
    kube.create(pod("api-0", "default", NODE, Map.of("app", "api"), "api", "containerd://" + ids.get("api")));
    // Another node's pod, claiming a container of this machine: this node's informer leaves it out.
    kube.create(pod("far-0", "default", "node-b", Map.of("env", "prod"), "far", "containerd://" + ids.get("far")));
  }

  @AfterAll
  static void tearDown() {
    if (podman != null) {
      podman.close();
    }
    if (kube != null) {
      kube.close();
    }
  }

  @BeforeEach
  void clear() {
    CollectingExporterFactory.clear();
  }

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private void start(String... idConditionPairs) {
    metrics = new MetricRegistry();
    collector = WriteTracing.start(
        new Metadata.Settings(true, podman.socket(), true, NODE, kube.kubeconfig(), Duration.ofSeconds(2)),
        metrics, idConditionPairs);
    assertTrue(collector.metadataWarnings().isEmpty(), collector.metadataWarnings().toString());
  }

  /** The containers (by name in {@link #ids}) whose writes a pipeline exported. */
  private static Set<String> containers(String pipeline) {
    Map<String, String> names = ids.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    return CollectingExporterFactory.records(pipeline).stream()
        .map(r -> r.process().container() == null ? "(host)" : names.getOrDefault(r.process().container().id(), "(other)"))
        .collect(Collectors.toSet());
  }

  @Test
  void podKeysSelectTheContainersOfThisNodesPods() throws Exception {
    start("pod-name", "pod.name:web-0",
        "pod-namespace", "pod.namespace:data",
        "pod-label-value", "pod.label:prod",
        "pod-label-key-value", "pod.label:app=web",
        "pod-id", "pod.id:" + kube.uid("data", "db-0"),
        "seed", SEED_SAMPLE);
    Thread.sleep(1500);
    collector.close();
    assertEquals(Set.of("web"), containers("pod-name"));
    assertEquals(Set.of("db"), containers("pod-namespace"));
    assertEquals(Set.of("web", "db"), containers("pod-label-value"));
    assertEquals(Set.of("web"), containers("pod-label-key-value"));
    assertEquals(Set.of("db"), containers("pod-id"));
    assertEquals(Set.of("web"), containers("seed"));
    assertTrue(kube.askedForNode(NODE), "the informer asks for this node's pods only");
    SyscallRecord r = CollectingExporterFactory.records("pod-name").get(0);
    assertEquals(new PodInfo(kube.uid("default", "web-0"), "web-0", "default", Map.of("app", "web", "env", "prod")),
        r.process().pod());
    assertEquals("sysotel-pod-web", r.process().container().name());
  }

  @Test
  void aLabelAddedToAPodChangesTheVerdictWithoutARestart() throws Exception {
    start("seed", SEED_SAMPLE);
    Thread.sleep(1500);
    assertEquals(Set.of("web"), containers("seed"));
    kube.edit("default", "api-0", p -> new PodBuilder(p).editMetadata().addToLabels("env", "prod").endMetadata().build());
    long labelled = System.currentTimeMillis() * 1_000_000L;
    Thread.sleep(1500);
    collector.close();
    assertEquals(Set.of("web", "api"), containers("seed"));
    List<SyscallRecord> api = CollectingExporterFactory.records("seed").stream()
        .filter(r -> r.process().container().id().equals(ids.get("api"))).toList();
    for (SyscallRecord r : api) {
      assertEquals("prod", r.process().pod().labels().get("env"));
      assertTrue(r.timeUnixNanos() > labelled - 200_000_000L, "a write before the label was added");
    }
    kube.edit("default", "api-0", p -> new PodBuilder(p).editMetadata().removeFromLabels("env").endMetadata().build());
  }

  @Test
  void aContainerOfAnotherNodesPodHasNoPod() throws Exception {
    start("far", "container.name:sysotel-pod-far");
    Thread.sleep(3000); // past the hold time: emitted with what is known
    collector.close();
    List<SyscallRecord> far = CollectingExporterFactory.records("far");
    assertTrue(!far.isEmpty());
    far.forEach(r -> assertNull(r.process().pod()));
    assertTrue(metrics.counter(MetricNames.METADATA_MISSING).getCount() > 0);
  }
}
