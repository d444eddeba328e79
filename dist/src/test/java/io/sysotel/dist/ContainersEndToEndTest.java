package io.sysotel.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.sysotel.collector.testing.MockKubernetes;
import io.sysotel.collector.testing.Podman;
import io.sysotel.exporters.otlp.OtlpReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sysotel run --config` with container and pod metadata from real sources: a podman container
 * with NET_RAW, its pod in the fabric8 mock API server; the seed's sample condition, JSON on
 * stdout and OTLP resource attributes. Needs root and podman.
 */
@Tag("root")
class ContainersEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void theSeedsPodSampleSelectsTheContainerAndPublishesItsContainerAndPod() throws Exception {
    try (MockKubernetes kube = MockKubernetes.start(dir);
        Podman podman = Podman.start(dir);
        OtlpReceiver receiver = OtlpReceiver.start()) {
      String id = podman.runDetached("sysotel-e2e-web", Map.of("app", "web"), List.of("--cap-add", "NET_RAW"),
          "/bin/sh", "-c", "while :; do echo x > /dev/null; sleep 0.05; done");
      String plain = podman.runDetached("sysotel-e2e-plain", Map.of(), List.of("--cap-drop", "ALL"),
          "/bin/sh", "-c", "while :; do echo x > /dev/null; sleep 0.05; done");
      kube.create(MockKubernetes.pod("web-0", "default", "node-a", Map.of("app", "web", "env", "prod"), "web",
          "containerd://" + id));
      kube.create(MockKubernetes.pod("plain-0", "default", "node-a", Map.of("env", "prod"), "plain",
          "containerd://" + plain));
      String uid = kube.uid("default", "web-0");
      Path config = Sysotel.writeTemp("pods.yaml", """
          metadata:
            hold: 2s
            containers:
              socket: unix://%s
            kubernetes:
              node: node-a
              kubeconfig: %s
          exporters:
            stdout: {format: json}
            otlp: {endpoint: "%s", protocol: grpc}
          pipelines:
            seed:
              condition: "process.capprm:CAP_NET_RAW AND pod.namespace:default AND pod.label:prod"
              syscalls: {functions: [write]}
              exporters: [stdout, otlp]
            short:
              condition: "container.name:sysotel-e2e-*"
              syscalls: {functions: [write], meta: container.name+pod.min, compact: true}
              exporters: [stdout]
          """.formatted(podman.socket(), kube.kubeconfig(), receiver.grpcEndpoint()));
      try (Sysotel sysotel = Sysotel.start("run", "--config", config.toString())) {
        sysotel.awaitTracing();
        sysotel.awaitLines(40);
        receiver.awaitLogRecords(10, Duration.ofSeconds(30));
        assertEquals(0, sysotel.stop(), sysotel.stderr());
        assertFalse(sysotel.stderr().contains("warning"), sysotel.stderr());

        List<JsonNode> seed = new ArrayList<>();
        List<JsonNode> named = new ArrayList<>();
        for (String line : sysotel.stdout()) {
          JsonNode m = JSON.readTree(line);
          for (JsonNode d : m.path("data")) {
            (m.path("src").path("directiveID").asText().equals("seed") ? seed : named).add(d.path("data").path("process"));
          }
        }
        assertFalse(seed.isEmpty());
        for (JsonNode p : seed) {
          assertEquals(id, p.path("container").path("id").asText(), p.toString());
          assertEquals("sysotel-e2e-web", p.path("container").path("name").asText());
          assertEquals(uid, p.path("pod").path("id").asText());
          assertEquals("web-0", p.path("pod").path("name").asText());
          assertEquals("default", p.path("pod").path("namespace").asText());
          assertEquals("prod", p.path("pod").path("labels").path("env").asText());
        }
        assertFalse(named.isEmpty());
        for (JsonNode p : named) {
          // meta container.name+pod.min: the container's name, the pod's name and namespace only
          assertTrue(p.path("container").has("name"), p.toString());
          assertFalse(p.path("container").has("id"), p.toString());
          assertTrue(p.path("pod").has("name") && p.path("pod").has("namespace"), p.toString());
          assertFalse(p.path("pod").has("id") || p.path("pod").has("labels"), p.toString());
          assertFalse(p.has("pid"), p.toString());
        }

        Map<String, String> resource = null;
        for (ExportLogsServiceRequest request : receiver.logs()) {
          for (ResourceLogs rl : request.getResourceLogsList()) {
            Map<String, String> attributes = new HashMap<>();
            for (KeyValue kv : rl.getResource().getAttributesList()) {
              attributes.put(kv.getKey(), kv.getValue().getStringValue());
            }
            resource = attributes;
          }
        }
        assertEquals(id, resource.get("container.id"), String.valueOf(resource));
        assertEquals("sysotel-e2e-web", resource.get("container.name"));
        assertEquals("web-0", resource.get("k8s.pod.name"));
        assertEquals(uid, resource.get("k8s.pod.uid"));
        assertEquals("default", resource.get("k8s.namespace.name"));
        assertEquals("prod", resource.get("k8s.pod.label.env"));
        assertEquals("web", resource.get("k8s.pod.label.app"));
      }
    }
  }
}
