package io.sysotel.collector.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The fabric8 Kubernetes mock API server in CRUD mode, with a kubeconfig file pointing at it,
 * and a client for the test to create and edit pods.
 */
public final class MockKubernetes implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Path kubeconfig;
  private final NodeSelectingDispatcher dispatcher;

  private MockKubernetes(KubernetesMockServer server, NodeSelectingDispatcher dispatcher, Path kubeconfig) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.client = server.createClient();
    this.kubeconfig = kubeconfig;
  }

  /** Starts the server; writes {@code dir/kubeconfig}. */
  public static MockKubernetes start(Path dir) throws IOException {
    NodeSelectingDispatcher dispatcher = new NodeSelectingDispatcher();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        dispatcher, false);
    server.init();
    Path kubeconfig = dir.resolve("kubeconfig");
    MockKubernetes k = new MockKubernetes(server, dispatcher, kubeconfig);
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s"}
        contexts:
        - name: mock
          context: {cluster: mock, user: mock, namespace: default}
        current-context: mock
        users:
        - name: mock
          user: {token: sysotel-test}
        """.formatted(k.client.getMasterUrl()));
    return k;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public KubernetesClient client() {
    return client;
  }

  /** True once a client asked for the pods of {@code node} with a {@code spec.nodeName} field selector. */
  public boolean askedForNode(String node) {
    return dispatcher.nodes.containsKey(node);
  }

  /** A running pod on {@code node} with one container whose status carries {@code containerId}. */
  public static Pod pod(String name, String namespace, String node, Map<String, String> labels, String container,
      String containerId) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName(container).withImage(Podman.IMAGE).endContainer()
        .endSpec()
        .withNewStatus().withPhase("Running")
        .addToContainerStatuses(new ContainerStatusBuilder().withName(container).withContainerID(containerId).build())
        .endStatus()
        .build();
  }

  public void create(Pod p) {
    client.pods().inNamespace(p.getMetadata().getNamespace()).resource(p).create();
  }

  public void edit(String namespace, String name, UnaryOperator<Pod> change) {
    client.pods().inNamespace(namespace).withName(name).edit(change);
  }

  public String uid(String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get().getMetadata().getUid();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  /**
   * The CRUD dispatcher knows no {@code spec.nodeName} field selector (it matches nothing);
   * this one answers such a request with every pod, as a server that ignores the selector
   * would, and remembers that it was asked. Other nodes' pods then reach the informer, which
   * must leave them out itself.
   */
  private static final class NodeSelectingDispatcher extends KubernetesCrudDispatcher {
    private static final String SELECTOR = "fieldSelector=spec.nodeName%3D";
    final Map<String, Boolean> nodes = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      int at = path == null ? -1 : path.indexOf(SELECTOR);
      if (at >= 0) {
        int end = path.indexOf('&', at);
        nodes.put(path.substring(at + SELECTOR.length(), end < 0 ? path.length() : end), true);
        String rest = (path.substring(0, at) + (end < 0 ? "" : path.substring(end + 1))).replaceAll("[?&]$", "");
        request = new RecordedRequest(request.getHttpVersion(), request.method(), rest, request.getHeaders(),
            request.getBody());
      }
      return super.dispatch(request);
    }
  }
}
