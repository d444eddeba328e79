package io.sysotel.collector.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * What one run acts on, all its own: a temporary file, and {@code sleep} children to signal and
 * to trace. Made before the thread is renamed, so the setup's syscalls are not part of the demo.
 */
final class Scratch implements AutoCloseable {

  /** Outlives any run, yet ends by itself if the simulator is killed before its cleanup. */
  private static final String CHILD_SECONDS = "30";

  private final Path file;
  private final Process victim;
  private final Process tracee;

  private Scratch(Path file, Process victim, Process tracee) {
    this.file = file;
    this.victim = victim;
    this.tracee = tracee;
  }

  static Scratch prepare(List<Simulation> parts) {
    Path file = parts.contains(Simulation.CAP_CHOWN) ? temporaryFile() : null;
    Process victim = parts.contains(Simulation.CAP_KILL) ? sleeper() : null;
    Process tracee = parts.contains(Simulation.CAP_SYS_PTRACE) ? sleeper() : null;
    return new Scratch(file, victim, tracee);
  }

  /** A file this run created; a path that does not exist if none could be (chown then fails). */
  Path file() {
    return file;
  }

  /** A child to kill, if one could be started. */
  OptionalInt victim() {
    return pidOf(victim);
  }

  /** A child to trace, if one could be started. */
  OptionalInt tracee() {
    return pidOf(tracee);
  }

  @Override
  public void close() {
    end(victim);
    end(tracee);
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a file in the temporary directory; nothing else to do
      }
    }
  }

  private static Path temporaryFile() {
    try {
      return Files.createTempFile("sysotel-demo-", ".tmp");
    } catch (IOException e) {
      return Path.of(System.getProperty("java.io.tmpdir"), "sysotel-demo-" + ProcessHandle.current().pid());
    }
  }

  private static Process sleeper() {
    try {
      return new ProcessBuilder("sleep", CHILD_SECONDS)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return null;
    }
  }

  private static OptionalInt pidOf(Process p) {
    return p == null ? OptionalInt.empty() : OptionalInt.of((int) p.pid());
  }

  private static void end(Process p) {
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
