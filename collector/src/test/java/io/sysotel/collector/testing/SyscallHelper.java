package io.sysotel.collector.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds (once per run) and starts src/test/c/syscall-helper.c, which makes exact syscalls; builds
 * the other helper programs of src/test/c.
 */
public final class SyscallHelper {

  private static Path binary;

  private SyscallHelper() {}

  /** The compiled helper, built with the system C compiler into target/. */
  public static synchronized Path binary() throws IOException, InterruptedException {
    if (binary == null) {
      binary = build("syscall-helper");
    }
    return binary;
  }

  /** Builds src/test/c/NAME.c into target/NAME. */
  public static Path build(String name) throws IOException, InterruptedException {
    Path source = null;
    for (String dir : new String[] {"src/test/c/", "../collector/src/test/c/", "collector/src/test/c/"}) {
      if (Files.exists(Path.of(dir + name + ".c"))) {
        source = Path.of(dir + name + ".c").toAbsolutePath();
        break;
      }
    }
    if (source == null) {
      throw new IOException(name + ".c not found from " + Path.of("").toAbsolutePath());
    }
    Path out = Path.of("target/" + name).toAbsolutePath();
    Files.createDirectories(out.getParent());
    Process cc =
        new ProcessBuilder("cc", "-O2", "-Wall", "-Werror", "-o", out.toString(), source.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(cc.getInputStream().readAllBytes());
    if (cc.waitFor() != 0) {
      throw new IOException("cc failed for " + source + ":\n" + log);
    }
    return out;
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
