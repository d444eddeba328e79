package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.testing.CollectingExporterFactory;
import io.sysotel.collector.testing.Podman;
import java.nio.file.Path;
import java.time.Duration;
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
 * Container keys on the real kernel with real podman containers, their names and labels read
 * from podman's Docker-compatible API. Needs root and podman.
 */
@Tag("root")
class ContainersOnTheKernelTest {

  private static final int WRITE = SyscallTable.x86_64().byName("write").orElseThrow().number();
  /** A container's busy loop: a write every 50 ms. */
  static final String[] WRITE_LOOP = {"/bin/sh", "-c", "while :; do echo x > /dev/null; sleep 0.05; done"};

  @TempDir
  static Path dir;
  static Podman podman;
  static String web;
  static String db;

  private Collector collector;
  private MetricRegistry metrics;

  @BeforeAll
  static void containers() throws Exception {
    podman = Podman.start(dir);
    web = podman.runDetached("sysotel-web-1", Map.of("app", "web", "tier", "frontend"), WRITE_LOOP);
    db = podman.runDetached("sysotel-db-1", Map.of("app", "db", "prod", ""), WRITE_LOOP);
  }

  @AfterAll
  static void removeContainers() throws Exception {
    if (podman != null) {
      podman.close();
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

  private void start(Metadata.Settings metadataSettings, String... idConditionPairs) {
    metrics = new MetricRegistry();
    collector = WriteTracing.start(metadataSettings, metrics, idConditionPairs);
  }

  private static Metadata.Settings fromPodman() {
    return new Metadata.Settings(true, podman.socket(), false, null, null, Duration.ofSeconds(2));
  }

  /** The containers (id and name) of a pipeline's records. */
  private static Set<ContainerInfo> containers(String pipeline) {
    return CollectingExporterFactory.records(pipeline).stream()
        .map(r -> r.process().container() == null ? null : new ContainerInfo(r.process().container().id(),
            r.process().container().name(), Map.of()))
        .collect(Collectors.toSet());
  }

  @Test
  void containerKeysSelectRunningContainersAndTheirEventsCarryNameAndId() throws Exception {
    start(fromPodman(),
        "by-id", "container.id:" + web,
        "by-name-glob", "container.name:sysotel-web*",
        "by-label-key-value", "container.label:app=web",
        "by-label-value", "container.label:db",
        "by-label-key-only", "container.label:prod=*",
        "no-match", "container.name:nothing-* OR container.label:app=nothing");
    assertTrue(collector.metadataWarnings().isEmpty(), collector.metadataWarnings().toString());
    Thread.sleep(1500);
    collector.close();
    ContainerInfo webInfo = new ContainerInfo(web, "sysotel-web-1", Map.of());
    ContainerInfo dbInfo = new ContainerInfo(db, "sysotel-db-1", Map.of());
    for (String p : List.of("by-id", "by-name-glob", "by-label-key-value")) {
      assertEquals(Set.of(webInfo), containers(p), p);
    }
    assertEquals(Set.of(dbInfo), containers("by-label-value"));
    assertEquals(Set.of(dbInfo), containers("by-label-key-only"));
    assertTrue(CollectingExporterFactory.records("no-match").isEmpty());
    SyscallRecord r = CollectingExporterFactory.records("by-id").get(0);
    assertEquals(Map.of("app", "web", "tier", "frontend"), r.process().container().labels());
    assertEquals("sh", r.process().name());
  }

  @Test
  void aContainerStartedAfterSysotelIsPickedUp() throws Exception {
    start(fromPodman(), "late", "container.name:sysotel-late-*");
    String late = podman.runDetached("sysotel-late-1", Map.of("app", "late"), WRITE_LOOP);
    Thread.sleep(1500);
    podman.remove("sysotel-late-1");
    collector.close();
    assertEquals(Set.of(new ContainerInfo(late, "sysotel-late-1", Map.of())), containers("late"));
  }

  @Test
  void aContainerLivingUnderASecondStillGetsItsMetadata() throws Exception {
    start(fromPodman(), "short", "container.label:app=short", "all-writes-of-short", "process.name:sh");
    long began = System.nanoTime();
    String id = podman.runToEnd("sysotel-short-1", Map.of("app", "short"),
        "/bin/sh", "-c", "echo 1 > /dev/null; echo 2 > /dev/null; echo 3 > /dev/null");
    assertTrue(System.nanoTime() - began < 5_000_000_000L);
    Thread.sleep(2500); // past the hold time
    collector.close();
    // runc's own processes run in the container's cgroup too; the container's program is sh.
    List<SyscallRecord> records = CollectingExporterFactory.records("short").stream()
        .filter(r -> r.process().name().equals("sh")).toList();
    assertEquals(3, records.size());
    for (SyscallRecord r : records) {
      assertEquals(new ContainerInfo(id, "sysotel-short-1", Map.of("app", "short")), r.process().container());
    }
    assertTrue(CollectingExporterFactory.records("all-writes-of-short").stream()
        .anyMatch(r -> r.process().container() != null && r.process().container().id().equals(id)));
    assertTrue(metrics.counter(MetricNames.METADATA_HELD).getCount() > 0);
    assertEquals(0, metrics.counter(MetricNames.METADATA_MISSING).getCount());
  }

  @Test
  void withoutARuntimeSocketContainerNamesMatchNothingAndOneWarningSaysSo() throws Exception {
    start(new Metadata.Settings(true, dir.resolve("no-such.sock"), false, null, null, Duration.ofSeconds(2)),
        "by-name", "container.name:sysotel-web*",
        "by-id", "container.id:" + web);
    assertEquals(1, collector.metadataWarnings().size(), collector.metadataWarnings().toString());
    assertTrue(collector.metadataWarnings().get(0).contains("no-such.sock"), collector.metadataWarnings().get(0));
    Thread.sleep(1000);
    collector.close();
    assertTrue(CollectingExporterFactory.records("by-name").isEmpty());
    assertEquals(Set.of(new ContainerInfo(web, null, Map.of())), containers("by-id"));
  }
}
