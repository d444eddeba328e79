package io.sysotel.collector.metadata;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Keeps a {@link PodIndex} of this node's pods from an informer (list, then watch) on the pods
 * whose {@code spec.nodeName} is this node. Needs get, list and watch on pods.
 */
final class PodWatcher implements AutoCloseable {

  private static final Logger log = Logger.getLogger(PodWatcher.class.getName());
  private static final long RESYNC_MILLIS = TimeUnit.MINUTES.toMillis(10);
  private static final long SYNC_WAIT_SECONDS = 10;

  private final KubernetesClient client;
  private final SharedIndexInformer<Pod> informer;

  private PodWatcher(KubernetesClient client, SharedIndexInformer<Pod> informer) {
    this.client = client;
    this.informer = informer;
  }

  /**
   * Starts the informer for {@code node}'s pods with the kubeconfig at {@code kubeconfig}, or
   * the in-cluster configuration (else {@code ~/.kube/config}) when null; waits a few seconds
   * for the first list so pods running now are known from the first event.
   */
  static PodWatcher start(String node, Path kubeconfig, PodIndex index, Consumer<Set<String>> onChange,
      Consumer<String> warn) throws IOException {
    Config config = kubeconfig != null
        ? Config.fromKubeconfig(Files.readString(kubeconfig))
        : Config.autoConfigure(null);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace()
        .withField("spec.nodeName", node)
        .runnableInformer(RESYNC_MILLIS);
    informer.addEventHandler(new ResourceEventHandler<Pod>() {
      @Override
      public void onAdd(Pod pod) {
        if (onNode(pod, node)) {
          onChange.accept(index.put(pod));
        }
      }

      @Override
      public void onUpdate(Pod before, Pod pod) {
        if (onNode(pod, node)) {
          onChange.accept(index.put(pod));
        }
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        onChange.accept(index.remove(pod));
      }
    });
    PodWatcher watcher = new PodWatcher(client, informer);
    try {
      informer.start().toCompletableFuture().get(SYNC_WAIT_SECONDS, TimeUnit.SECONDS);
      log.info("pods of node " + node + " from " + config.getMasterUrl() + ": " + index.size() + " now");
    } catch (java.util.concurrent.TimeoutException e) {
      warn.accept("Kubernetes API at " + config.getMasterUrl() + " did not list the pods of node " + node
          + " within " + SYNC_WAIT_SECONDS + " s; pod metadata follows once it does");
    } catch (java.util.concurrent.ExecutionException e) {
      warn.accept("Kubernetes API at " + config.getMasterUrl() + ": " + e.getCause().getMessage()
          + "; pod metadata follows once it answers");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return watcher;
  }

  /** The field selector already asks for this node's pods; checked again for servers that ignore it. */
  private static boolean onNode(Pod pod, String node) {
    return pod.getSpec() == null || pod.getSpec().getNodeName() == null || node.equals(pod.getSpec().getNodeName());
  }

  @Override
  public void close() {
    informer.close();
    client.close();
  }
}
