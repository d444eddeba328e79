package io.sysotel.collector.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PidNamespacesTest {

  @Test
  void joinsDeviceAndInodeWithADash() {
    assertEquals("4-4026531836", PidNamespaces.format(4, 4026531836L));
  }

  @Test
  void usesTheDeviceOfTheNsfsFilesystem() throws Exception {
    Path self = Path.of("/proc/self/ns/pid");
    long dev = ((Number) Files.getAttribute(self, "unix:dev")).longValue();
    long inode = ((Number) Files.getAttribute(self, "unix:ino")).longValue();
    assertEquals(dev, PidNamespaces.device());
    assertEquals(dev + "-" + inode, PidNamespaces.format(inode));
    // the link text names the same inode, e.g. pid:[4026531836]
    assertEquals("pid:[" + inode + "]", Files.readSymbolicLink(self).toString());
  }
}
