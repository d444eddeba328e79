package io.sysotel.collector.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.sysotel.collector.api.ContainerInfo;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Container names and labels from the container runtime's Docker Engine API: listed at start,
 * kept current from the runtime's event stream, and looked up on demand for a container seen
 * in a cgroup before its event arrived. Thread-safe.
 */
final class RuntimeContainers implements AutoCloseable {

  private static final Logger log = Logger.getLogger(RuntimeContainers.class.getName());

  /** Sockets probed, in order, when none is configured and DOCKER_HOST names none. */
  static final List<Path> DEFAULT_SOCKETS = List.of(
      Path.of("/run/docker.sock"),
      Path.of("/var/run/docker.sock"),
      Path.of("/run/podman/podman.sock"),
      Path.of("/var/run/podman/podman.sock"));
  /** The environment variable naming the socket when the configuration does not (the Helm chart sets it). */
  static final String SOCKET_ENV = "CONTAINER_RUNTIME_SOCKET";
  /** How long a removed container's metadata stays, for its events still in flight. */
  private static final long FORGET_AFTER_SECONDS = 30;
  private static final long RECONNECT_MILLIS = 1000;

  private final DockerApi api;
  private final Consumer<String> onChange;
  private final Map<String, ContainerInfo> known = new ConcurrentHashMap<>();
  /** Ids the runtime said it does not know (a container of another runtime). */
  private final Set<String> unknown = ConcurrentHashMap.newKeySet();
  private final Set<String> asked = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService lookups;
  private final Thread watcher;
  private volatile SocketChannel eventChannel;
  private volatile boolean closed;

  private RuntimeContainers(DockerApi api, Consumer<String> onChange) {
    this.api = api;
    this.onChange = onChange;
    this.lookups = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sysotel-runtime-lookup"));
    this.watcher = daemon(this::watch, "sysotel-runtime-events");
  }

  /**
   * Connects to the runtime at {@code socket} (or the first default that answers), lists its
   * containers and starts following its events; null when no runtime answers.
   */
  static RuntimeContainers start(Path socket, Consumer<String> onChange, Consumer<String> warn) {
    List<Path> candidates;
    if (socket != null) {
      candidates = List.of(socket);
    } else {
      String fromEnv = System.getenv(SOCKET_ENV);
      String dockerHost = System.getenv("DOCKER_HOST");
      if (fromEnv != null && !fromEnv.isBlank()) {
        candidates = List.of(Path.of(fromEnv.startsWith("unix://") ? fromEnv.substring("unix://".length()) : fromEnv));
      } else if (dockerHost != null && dockerHost.startsWith("unix://")) {
        candidates = List.of(Path.of(dockerHost.substring("unix://".length())));
      } else {
        candidates = DEFAULT_SOCKETS;
      }
    }
    List<String> problems = new java.util.ArrayList<>();
    for (Path p : candidates) {
      if (!Files.exists(p)) {
        continue;
      }
      DockerApi api = new DockerApi(p);
      try {
        api.get("/version");
      } catch (IOException | RuntimeException e) {
        problems.add(p + " does not answer the Docker Engine API (" + e.getMessage() + ")");
        continue;
      }
      RuntimeContainers r = new RuntimeContainers(api, onChange);
      r.list();
      r.watcher.start();
      log.info("container names and labels from the runtime at " + p);
      return r;
    }
    warn.accept((problems.isEmpty() ? "no container runtime socket found (tried " + candidates + ")"
        : String.join("; ", problems))
        + "; set metadata.containers.socket: container.name and container.label match nothing outside pods");
    return null;
  }

  Path socket() {
    return api.socket();
  }

  /** The container's name and labels, or null when not (yet) known. */
  ContainerInfo get(String id) {
    return known.get(id);
  }

  /** True when the runtime answered for this container, whether it knows it or not. */
  boolean settled(String id) {
    return known.containsKey(id) || unknown.contains(id);
  }

  /** Asks the runtime about a container not known yet, once, in the background. */
  void request(String id) {
    if (!settled(id) && asked.add(id)) {
      lookups.execute(() -> inspect(id));
    }
  }

  private void inspect(String id) {
    try {
      JsonNode c = api.get("/containers/" + id + "/json");
      if (c == null) {
        unknown.add(id);
      } else {
        put(id, c.path("Name").asText(null), c.path("Config").path("Labels"));
      }
    } catch (IOException | RuntimeException e) {
      log.log(Level.FINE, "inspecting container " + id, e);
      asked.remove(id); // asked again at its next event
      return;
    }
    onChange.accept(id);
  }

  private void list() {
    try {
      JsonNode all = api.get("/containers/json?all=true");
      if (all != null) {
        for (JsonNode c : all) {
          JsonNode names = c.path("Names");
          put(c.path("Id").asText(), names.size() > 0 ? names.get(0).asText() : null, c.path("Labels"));
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warning("listing containers on " + api.socket() + ": " + e.getMessage());
    }
  }

  private void put(String id, String name, JsonNode labels) {
    Map<String, String> map = new HashMap<>();
    labels.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    if (name != null && name.startsWith("/")) {
      name = name.substring(1);
    }
    known.put(id, new ContainerInfo(id, name, map));
    unknown.remove(id);
  }

  /** Follows the runtime's container events; reconnects (and lists again) when the stream ends. */
  private void watch() {
    boolean first = true;
    while (!closed) {
      try {
        boolean relist = !first;
        api.stream("/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D", () -> {
          if (relist) {
            list(); // events missed while disconnected
          }
        }, this::onEvent, ch -> eventChannel = ch);
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          log.warning("container runtime events on " + api.socket() + ": " + e.getMessage() + "; reconnecting");
        }
      }
      first = false;
      if (!closed) {
        try {
          Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void onEvent(JsonNode e) {
    String id = e.path("Actor").path("ID").asText(e.path("id").asText(""));
    String action = e.path("Action").asText(e.path("status").asText(""));
    if (id.isEmpty()) {
      return;
    }
    switch (action) {
      case "create", "start", "rename", "update" -> {
        asked.add(id);
        lookups.execute(() -> inspect(id));
      }
      case "destroy", "remove" -> lookups.schedule(() -> {
        known.remove(id);
        unknown.remove(id);
        asked.remove(id);
      }, FORGET_AFTER_SECONDS, TimeUnit.SECONDS);
      default -> { }
    }
  }

  @Override
  public void close() {
    closed = true;
    SocketChannel ch = eventChannel;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    watcher.interrupt();
    lookups.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
