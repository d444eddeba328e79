package io.sysotel.collector.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Turns a kernel cgroup id (the inode of the cgroup's directory in the unified hierarchy) into
 * the container id its path names. Reads {@code /proc/PID/cgroup} of the event's process and
 * checks that the path is that cgroup; when the process is gone or has moved since, looks for
 * the directory with that inode. Called once per cgroup.
 */
final class CgroupResolver {

  private static final int MAX_DEPTH = 12;

  private final Path procRoot;
  private final Path cgroupRoot;
  private final boolean unified;

  /**
   * @param cgroupMount where the cgroup hierarchies are mounted: the unified (v2) hierarchy is
   *     there, or under {@code unified/} on a hybrid host
   */
  CgroupResolver(Path procRoot, Path cgroupMount) {
    this.procRoot = procRoot;
    Path hybrid = cgroupMount.resolve("unified");
    if (Files.exists(cgroupMount.resolve("cgroup.controllers"))) {
      this.cgroupRoot = cgroupMount;
      this.unified = true;
    } else {
      this.cgroupRoot = hybrid;
      this.unified = Files.exists(hybrid.resolve("cgroup.controllers"));
    }
  }

  static CgroupResolver host() {
    return new CgroupResolver(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
  }

  /** The container id of cgroup {@code cgroupId}, where process {@code pid} ran; null for none. */
  String containerId(long cgroupId, int pid) {
    String content = read(procRoot.resolve(Integer.toString(pid)).resolve("cgroup"));
    if (!unified) {
      return CgroupPaths.containerIdOfProcFile(content); // v1: the ids of the v2 tree tell nothing
    }
    String path = CgroupPaths.unifiedPath(content);
    if (path != null && inode(cgroupRoot.resolve(path.substring(1))) == cgroupId) {
      return CgroupPaths.containerId(path);
    }
    return CgroupPaths.containerId(find(cgroupId));
  }

  /** The path of the cgroup with this id below the root, or null. */
  private String find(long cgroupId) {
    try (Stream<Path> all = Files.walk(cgroupRoot, MAX_DEPTH)) {
      return all.filter(Files::isDirectory)
          .filter(p -> inode(p) == cgroupId)
          .findFirst()
          .map(p -> "/" + cgroupRoot.relativize(p))
          .orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long inode(Path p) {
    try {
      return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
