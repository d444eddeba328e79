package io.sysotel.collector.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds (once per run) and starts src/test/c/syscall-helper.c, which makes exact syscalls. */
public final class SyscallHelper {

  private static Path binary;

  private SyscallHelper() {}

  /** The compiled helper, built with the system C compiler into target/. */
  public static synchronized Path binary() throws IOException, InterruptedException {
    if (binary == null) {
      Path source = null;
      for (String candidate : new String[] {
          "src/test/c/syscall-helper.c", "../collector/src/test/c/syscall-helper.c", "collector/src/test/c/syscall-helper.c"}) {
        if (Files.exists(Path.of(candidate))) {
          source = Path.of(candidate).toAbsolutePath();
          break;
        }
      }
      if (source == null) {
        throw new IOException("syscall-helper.c not found from " + Path.of("").toAbsolutePath());
      }
      Path out = Path.of("target/syscall-helper").toAbsolutePath();
      Files.createDirectories(out.getParent());
      Process cc =
          new ProcessBuilder("cc", "-O2", "-Wall", "-Werror", "-o", out.toString(), source.toString())
              .redirectErrorStream(true)
              .start();
      String log = new String(cc.getInputStream().readAllBytes());
      if (cc.waitFor() != 0) {
        throw new IOException("cc failed for " + source + ":\n" + log);
      }
      binary = out;
    }
    return binary;
  }

  /** Starts the helper with stdout discarded and stdin a pipe the test controls. */
  public static Process start(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
