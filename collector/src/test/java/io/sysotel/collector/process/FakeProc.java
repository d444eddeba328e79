package io.sysotel.collector.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a procfs-like tree under a temporary directory. */
final class FakeProc {

  static final long BOOT_TIME_SECONDS = 1_700_000_000L;

  final Path root;

  FakeProc(Path root) {
    this.root = root;
    write(root.resolve("stat"), "cpu  1 2 3\nbtime " + BOOT_TIME_SECONDS + "\nprocesses 42\n");
  }

  /** A process with an argv (NUL-separated, as the kernel writes it), exe and start time in ticks. */
  FakeProc process(int pid, String comm, String exe, long startTicks, String... argv) {
    Path dir = root.resolve(Integer.toString(pid));
    StringBuilder cmdline = new StringBuilder();
    for (String arg : argv) {
      cmdline.append(arg).append('\0');
    }
    write(dir.resolve("cmdline"), cmdline.toString());
    write(dir.resolve("stat"), stat(pid, comm, startTicks));
    try {
      Files.deleteIfExists(dir.resolve("exe"));
      Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  void remove(int pid) {
    Path dir = root.resolve(Integer.toString(pid));
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String stat(int pid, String comm, long startTicks) {
    // Fields 3..21 then starttime (22) and a few more, as in a real stat line.
    return pid + " (" + comm + ") S 1 " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 "
        + startTicks + " 3133440 415 18446744073709551615 0 0\n";
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
