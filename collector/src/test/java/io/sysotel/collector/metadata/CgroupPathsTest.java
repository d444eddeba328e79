package io.sysotel.collector.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CgroupPathsTest {

  static final String A = "3f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // Docker, systemd driver, cgroup v2
      "docker systemd v2|/system.slice/docker-" + A + ".scope",
      // Docker, cgroupfs driver, cgroup v1 and v2
      "docker cgroupfs|/docker/" + A,
      // podman rootful, systemd driver (the container's own sub-cgroup below its scope)
      "podman systemd|/machine.slice/libpod-" + A + ".scope/container",
      "podman systemd leaf|/machine.slice/libpod-" + A + ".scope",
      // podman, cgroupfs driver
      "podman cgroupfs|/libpod_parent/libpod-" + A,
      // podman rootless
      "podman rootless|/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + A + ".scope",
      // containerd CRI, systemd driver
      "containerd systemd|/kubepods.slice/kubepods-besteffort.slice/"
          + "kubepods-besteffort-pod5b1c0d8e_6f0a_4a5e_9d21_0c8e7b6a5f43.slice/cri-containerd-" + A + ".scope",
      // containerd CRI, cgroupfs driver (v1 line)
      "containerd cgroupfs|/kubepods/burstable/pod5b1c0d8e-6f0a-4a5e-9d21-0c8e7b6a5f43/" + A,
      // CRI-O, systemd and cgroupfs drivers
      "cri-o systemd|/kubepods.slice/kubepods-burstable.slice/"
          + "kubepods-burstable-pod5b1c0d8e_6f0a_4a5e_9d21_0c8e7b6a5f43.slice/crio-" + A + ".scope",
      "cri-o cgroupfs|/kubepods/pod5b1c0d8e-6f0a-4a5e-9d21-0c8e7b6a5f43/crio-" + A,
      // Docker as a Kubernetes runtime (dockershim), systemd driver
      "dockershim systemd|/kubepods.slice/kubepods-pod5b1c0d8e_6f0a_4a5e_9d21_0c8e7b6a5f43.slice/docker-" + A + ".scope",
      // nerdctl (plain containerd), systemd driver
      "nerdctl|/system.slice/nerdctl-" + A + ".scope",
  })
  void findsTheContainerId(String scheme, String path) {
    assertEquals(A, CgroupPaths.containerId(path), scheme);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "root|/",
      "user session|/user.slice/user-0.slice/session-3.scope",
      "system service|/system.slice/sshd.service",
      "podman monitor|/machine.slice/libpod-conmon-" + A + ".scope",
      "cri-o monitor|/kubepods.slice/kubepods-burstable.slice/crio-conmon-" + A + ".scope",
      "pod slice only|/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod5b1c0d8e_6f0a.slice",
      "short hex|/docker/3f1a2b3c4d5e",
  })
  void findsNoneOutsideContainers(String what, String path) {
    assertNull(CgroupPaths.containerId(path), what);
  }

  @Test
  void readsTheUnifiedLineOfAProcFile() {
    String v2 = "0::/machine.slice/libpod-" + A + ".scope/container\n";
    assertEquals(A, CgroupPaths.containerIdOfProcFile(v2));
    assertEquals("/machine.slice/libpod-" + A + ".scope/container", CgroupPaths.unifiedPath(v2));
  }

  @Test
  void readsV1HierarchiesOfAProcFile() {
    String v1 = "12:pids:/docker/" + A + "\n"
        + "11:cpu,cpuacct:/docker/" + A + "\n"
        + "1:name=systemd:/docker/" + A + "\n"
        + "0::/system.slice/containerd.service\n";
    assertEquals(A, CgroupPaths.containerIdOfProcFile(v1));
    assertNull(CgroupPaths.containerIdOfProcFile("0::/init.scope\n"));
  }
}
