package io.sysotel.collector.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names pid namespaces as {@code {device}-{inode}}: the inode the kernel reports and the device
 * of the nsfs filesystem that holds every namespace, so names are unique on the host.
 */
public final class PidNamespaces {

  private PidNamespaces() {}

  /** The name of the pid namespace with this inode, e.g. {@code 4-4026531836}. */
  public static String format(long inode) {
    return format(NsfsDevice.ID, inode);
  }

  static String format(long device, long inode) {
    return Long.toUnsignedString(device) + '-' + Long.toUnsignedString(inode);
  }

  /** The nsfs device number (st_dev of any namespace file), read once. */
  public static long device() {
    return NsfsDevice.ID;
  }

  static long readDevice(Path namespaceFile) {
    try {
      Object dev = Files.getAttribute(namespaceFile, "unix:dev");
      return ((Number) dev).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
      return 0; // not Linux: nothing to trace anyway, keep names well-formed
    }
  }

  /** Lazy holder: the stat happens at first use, not at class load of callers. */
  private static final class NsfsDevice {
    static final long ID = readDevice(ProcFs.HOST_ROOT.resolve("self/ns/pid"));
  }
}
