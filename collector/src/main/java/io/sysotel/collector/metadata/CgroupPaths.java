package io.sysotel.collector.metadata;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the container id in a cgroup path, as the container runtimes and cgroup drivers name
 * their cgroups. One table row per naming scheme; the path is searched from its leaf upwards,
 * so a container's sub-cgroups (podman's {@code /container}, a nested {@code init}) resolve to
 * the container, and a runtime's monitor cgroups ({@code libpod-conmon-...},
 * {@code crio-conmon-...}) match no row.
 */
public final class CgroupPaths {

  private CgroupPaths() {}

  /** One naming scheme: the runtime and driver that use it and the component it matches. */
  record Scheme(String runtime, Pattern component) {}

  private static final String ID = "(?<id>[0-9a-f]{64})";

  /** The naming schemes, most specific first. */
  static final List<Scheme> SCHEMES = List.of(
      // systemd driver: one scope unit per container
      new Scheme("docker", Pattern.compile("docker-" + ID + "\\.scope")),
      new Scheme("podman", Pattern.compile("libpod-" + ID + "(?:\\.scope)?")),
      new Scheme("containerd", Pattern.compile("cri-containerd-" + ID + "\\.scope")),
      new Scheme("cri-o", Pattern.compile("crio-" + ID + "(?:\\.scope)?")),
      new Scheme("nerdctl", Pattern.compile("nerdctl-" + ID + "\\.scope")),
      // cgroupfs driver: the bare id under /docker, /kubepods/<qos>/pod<uid>, /default, ...
      new Scheme("cgroupfs", Pattern.compile(ID)));

  /** The container id in {@code path} (one line's path of /proc/PID/cgroup), or null. */
  public static String containerId(String path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    int end = path.length();
    while (end > 0) {
      int start = path.lastIndexOf('/', end - 1) + 1;
      String component = path.substring(start, end);
      for (Scheme s : SCHEMES) {
        Matcher m = s.component.matcher(component);
        if (m.matches()) {
          return m.group("id");
        }
      }
      end = start - 1;
    }
    return null;
  }

  /**
   * The container id in the content of {@code /proc/PID/cgroup}: the unified (v2) line's path
   * if it names one, else the first v1 hierarchy's that does.
   */
  public static String containerIdOfProcFile(String content) {
    if (content == null) {
      return null;
    }
    String found = null;
    for (String line : content.split("\n")) {
      int first = line.indexOf(':');
      int second = first < 0 ? -1 : line.indexOf(':', first + 1);
      if (second < 0) {
        continue;
      }
      String id = containerId(line.substring(second + 1).trim());
      if (line.startsWith("0::") && id != null) {
        return id;
      }
      if (found == null) {
        found = id;
      }
    }
    return found;
  }

  /** The unified (v2) hierarchy's path in the content of {@code /proc/PID/cgroup}, or null. */
  public static String unifiedPath(String content) {
    if (content == null) {
      return null;
    }
    for (String line : content.split("\n")) {
      if (line.startsWith("0::")) {
        return line.substring(3).trim();
      }
    }
    return null;
  }
}
