package io.sysotel.collector.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real podman containers for tests (root): a tiny image imported from a tarball of the host's
 * busybox-static, and podman's Docker-compatible API service on a socket of the test's own.
 * Containers run with runc and rlimits this machine allows raising to.
 */
public final class Podman implements AutoCloseable {

  public static final String IMAGE = "localhost/sysotel-test-busybox:latest";
  private static final List<String> RUN = List.of("podman", "run", "--runtime", "runc",
      "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096");

  private final Path socket;
  private final Process service;
  private final List<String> started = new ArrayList<>();

  private Podman(Path socket, Process service) {
    this.socket = socket;
    this.service = service;
  }

  /** Imports the image if missing and starts the API service on {@code dir/podman.sock}. */
  public static Podman start(Path dir) throws Exception {
    ensureImage(dir);
    Path socket = dir.resolve("podman.sock");
    Process service = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("podman-service.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!answers(socket)) {
      if (System.nanoTime() > deadline || !service.isAlive()) {
        service.destroy();
        throw new IllegalStateException("podman system service did not answer on " + socket + ": "
            + Files.readString(dir.resolve("podman-service.log")));
      }
      Thread.sleep(100);
    }
    return new Podman(socket, service);
  }

  public Path socket() {
    return socket;
  }

  /**
   * Starts a detached container; its full id. {@code labels} values may be empty (a label that
   * is only a key).
   */
  public String runDetached(String name, Map<String, String> labels, String... command) throws Exception {
    return run(true, name, labels, List.of(), command);
  }

  /** As {@link #runDetached(String, Map, String...)}, with more {@code podman run} options. */
  public String runDetached(String name, Map<String, String> labels, List<String> options, String... command)
      throws Exception {
    return run(true, name, labels, options, command);
  }

  /** Runs a container to its end (and removes it); its full id. */
  public String runToEnd(String name, Map<String, String> labels, String... command) throws Exception {
    return run(false, name, labels, List.of(), command);
  }

  private String run(boolean detached, String name, Map<String, String> labels, List<String> options,
      String... command) throws Exception {
    List<String> cmd = new ArrayList<>(RUN);
    cmd.add(detached ? "-d" : "--rm");
    cmd.addAll(List.of("--name", name));
    if (!detached) {
      cmd.addAll(List.of("--cidfile", socket.resolveSibling(name + ".cid").toString()));
    }
    labels.forEach((k, v) -> cmd.addAll(List.of("--label", v.isEmpty() ? k : k + "=" + v)));
    cmd.addAll(options);
    cmd.add(IMAGE);
    cmd.addAll(List.of(command));
    started.add(name);
    String out = exec(cmd);
    String[] lines = out.trim().split("\n");
    return detached ? lines[lines.length - 1].trim() : Files.readString(socket.resolveSibling(name + ".cid")).trim();
  }

  /** Removes a container now. */
  public void remove(String name) throws Exception {
    exec(List.of("podman", "rm", "-f", "-t", "0", name));
    started.remove(name);
  }

  @Override
  public void close() {
    for (String name : List.copyOf(started)) {
      try {
        remove(name);
      } catch (Exception e) {
        // best effort: the container may have removed itself
      }
    }
    service.destroy();
    try {
      service.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void ensureImage(Path dir) throws Exception {
    if (new ProcessBuilder("podman", "image", "exists", IMAGE).start().waitFor() == 0) {
      return;
    }
    Path root = Files.createDirectories(dir.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), root.resolve("busybox"));
    for (String applet : List.of("sh", "sleep", "echo", "cat", "true", "usleep")) {
      Files.createSymbolicLink(root.resolve(applet), Path.of("busybox"));
    }
    Path tar = dir.resolve("rootfs.tar");
    exec(List.of("tar", "-C", dir.resolve("rootfs").toString(), "-cf", tar.toString(), "."));
    exec(List.of("podman", "import", tar.toString(), IMAGE));
  }

  private static boolean answers(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String exec(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(command + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
