package io.sysotel.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sysotel command line in a child process, from this module's class path (collector and exporters). */
final class Cli {

  private Cli() {}

  record Result(int exit, String stdout, String stderr) {}

  static List<String> command(List<String> prefix, String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.sysotel.collector.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs to completion (at most a minute), output in files so no pipe fills. */
  static Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("sysotel-out", ".txt");
    Path err = Files.createTempFile("sysotel-err", ".txt");
    Process p = new ProcessBuilder(command(List.of(), args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sysotel " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  static Path writeTemp(String name, String content) throws IOException {
    Path file = Files.createTempDirectory("sysotel-deploy").resolve(name);
    Files.writeString(file, content);
    return file;
  }

  /** Starts {@code prefix + sysotel args}, output in files. */
  static Running start(List<String> prefix, String... args) throws IOException {
    Set<Integer> before = programIds();
    Path out = Files.createTempFile("sysotel-out", ".txt");
    Path err = Files.createTempFile("sysotel-err", ".txt");
    Process p = new ProcessBuilder(command(prefix, args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new Running(p, out, err, before);
  }

  /** Ids of the sysotel programs loaded now (prog ids count up, so they are not reused soon). */
  static Set<Integer> programIds() throws IOException {
    Process p = new ProcessBuilder("bpftool", "prog", "show").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Set<Integer> ids = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^(\\d+): .* name sysotel_sys_ent").matcher(text);
    while (m.find()) {
      ids.add(Integer.parseInt(m.group(1)));
    }
    return ids;
  }

  /** A running `sysotel run`. */
  record Running(Process process, Path out, Path err, Set<Integer> programsBefore) implements AutoCloseable {

    /**
     * True once no program loaded since this one started is left (the kernel frees detached
     * programs after a grace period); collectors started before it are ignored.
     */
    boolean nothingAttached() throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        Set<Integer> now = programIds();
        now.removeAll(programsBefore);
        if (now.isEmpty()) {
          return true;
        }
        Thread.sleep(50);
      }
      return false;
    }

    String stdout() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Waits until it traces; false when it exited first (its exit code is then set). */
    boolean awaitTracing() throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        if (stderr().contains("sysotel: tracing")) {
          return true;
        }
        if (!process.isAlive()) {
          return false;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("sysotel neither traced nor exited:\n" + stderr());
    }

    /** SIGTERM (to the JVM: the prefix programs exec it), then the exit code. */
    int stop() throws InterruptedException {
      process.toHandle().destroy();
      return await();
    }

    int await() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("sysotel did not exit");
      }
      return process.exitValue();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
