package io.sysotel.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the sysotel command line in a process of its own, as a user would. */
final class Sysotel implements AutoCloseable {

  private final Process process;
  private final CompletableFuture<List<String>> stdout;
  private final StringBuffer stderr = new StringBuffer();
  private final CompletableFuture<Void> stderrDone;

  private Sysotel(Process process) {
    this.process = process;
    this.stdout = CompletableFuture.supplyAsync(() -> lines(process.getInputStream()));
    this.stderrDone = CompletableFuture.runAsync(() -> {
      for (String line : lines(process.getErrorStream())) {
        stderr.append(line).append('\n');
      }
    });
  }

  /** The command line as the launcher would run it, from this test's class path. */
  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.sysotel.collector.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Sysotel start(String... args) throws IOException {
    return new Sysotel(new ProcessBuilder(command(args)).start());
  }

  /**
   * Runs as another user (through {@code prefix}, e.g. setpriv). The class path is copied to a
   * world-readable directory first, since the Maven repository under /root is private.
   */
  static Sysotel startAs(List<String> prefix, String... args) throws IOException {
    Path dir = Files.createTempDirectory("sysotel-cp");
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path from = Path.of(entry);
      if (Files.isRegularFile(from)) {
        Path to = dir.resolve((n++) + "-" + from.getFileName());
        Files.copy(from, to);
        entries.add(to.toString());
      } else if (Files.isDirectory(from)) {
        Path to = dir.resolve("d" + (n++));
        try (var walk = Files.walk(from)) {
          for (Path f : (Iterable<Path>) walk::iterator) {
            Path target = to.resolve(from.relativize(f).toString());
            if (Files.isDirectory(f)) {
              Files.createDirectories(target);
            } else {
              Files.copy(f, target);
            }
          }
        }
        entries.add(to.toString());
      }
    }
    try (var walk = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) walk::iterator) {
        f.toFile().setReadable(true, false);
        f.toFile().setExecutable(Files.isDirectory(f), false);
      }
    }
    List<String> cmd = new ArrayList<>(prefix);
    List<String> base = command(args);
    base.set(base.indexOf("-cp") + 1, String.join(java.io.File.pathSeparator, entries));
    cmd.addAll(base);
    return new Sysotel(new ProcessBuilder(cmd).directory(dir.toFile()).start());
  }

  /** Waits until stderr says the program is attached. */
  void awaitTracing() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (stderr.indexOf("sysotel: tracing") >= 0) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("sysotel exited with " + process.exitValue() + ":\n" + stderr);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("sysotel did not start tracing:\n" + stderr);
  }

  /** SIGTERM, then waits for the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    return await();
  }

  int await() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sysotel did not exit:\n" + stderr);
    }
    stderrDone.join();
    return process.exitValue();
  }

  List<String> stdout() {
    return stdout.join();
  }

  String stderr() {
    stderrDone.join();
    return stderr.toString();
  }

  static List<String> lines(java.io.InputStream in) {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
    } catch (IOException e) {
      // the process ended
    }
    return out;
  }

  static String bpftoolProgs() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bpftool", "prog", "show").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /** True once no sysotel program is loaded (the kernel frees detached programs after a grace period). */
  static boolean nothingAttached() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!bpftoolProgs().contains("sysotel_sys_ent")) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  static Path writeTemp(String name, String content) throws IOException {
    Path dir = Files.createTempDirectory("sysotel-test");
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
