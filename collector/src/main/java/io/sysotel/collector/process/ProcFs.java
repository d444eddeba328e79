package io.sysotel.collector.process;

import java.nio.file.Path;

/**
 * The few facts sysotel reads from procfs. Every method answers "unknown" (null or -1) instead
 * of throwing: a process may exit between the kernel event and the read, which is normal.
 */
public interface ProcFs {

  /** Where the host's procfs is mounted. */
  Path HOST_ROOT = Path.of("/proc");

  /** The command line, arguments joined by spaces; null when the process is gone or has none. */
  String cmdline(int pid);

  /** The target of the {@code exe} link; null when the process is gone or it cannot be read. */
  String exe(int pid);

  /**
   * When the process started, in clock ticks since boot (field 22 of {@code stat}); -1 when the
   * process is gone.
   */
  long startTicks(int pid);

  /** When the machine booted ({@code btime} of {@code stat}), ns since the epoch; -1 if unknown. */
  long bootTimeUnixNanos();

  /** A procfs mounted at {@code root}; tests point it at a fake tree. */
  static ProcFs at(Path root) {
    return new DirectoryProcFs(root, DirectoryProcFs.DEFAULT_MAX_CMDLINE_BYTES);
  }

  /** The host's procfs. */
  static ProcFs host() {
    return at(HOST_ROOT);
  }
}
