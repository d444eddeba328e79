package io.sysotel.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the sysotel command line in a process of its own, as a user would. */
final class Sysotel implements AutoCloseable {

  private final Process process;
  private final List<String> stdoutLines = java.util.Collections.synchronizedList(new ArrayList<>());
  private final CompletableFuture<Void> stdout;
  private final StringBuffer stderr = new StringBuffer();
  private final CompletableFuture<Void> stderrDone;

  /** The sysotel programs loaded before this collector started: other collectors', if any. */
  private final Set<Integer> programsBefore;

  /**
   * The programs that appeared while this collector started: its own (and any another collector
   * loaded in those seconds). Null until it traces. Programs loaded later are not its own.
   */
  private volatile Set<Integer> programsAtStart;

  private Sysotel(ProcessBuilder builder) throws IOException {
    this.programsBefore = programIds();
    this.process = builder.start();
    // Own threads, not the common pool: with few cores it would run one reader at a time and
    // a full pipe would block sysotel.
    this.stdout = CompletableFuture.runAsync(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          stdoutLines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, Sysotel::daemon);
    this.stderrDone = CompletableFuture.runAsync(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          stderr.append(line).append('\n');
        }
      } catch (IOException e) {
        // the process ended
      }
    }, Sysotel::daemon);
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "sysotel-test-reader");
    t.setDaemon(true);
    t.start();
  }

  /** The command line as the launcher would run it, from this test's class path. */
  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    // The signals the tests send, at their default disposition whatever the test run inherited:
    // under nohup SIGHUP is ignored, in a background job SIGINT, and a JVM started with a signal
    // ignored installs no handler for it (no reload on SIGHUP, no orderly stop on SIGINT).
    cmd.addAll(List.of("env", "--default-signal=HUP,INT,TERM"));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.sysotel.collector.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Sysotel start(String... args) throws IOException {
    return new Sysotel(new ProcessBuilder(command(args)));
  }

  /** Starts sysotel with {@code stdin} written to its standard input, then closed. */
  static Sysotel startWithInput(String stdin, String... args) throws IOException {
    Sysotel s = new Sysotel(new ProcessBuilder(command(args)));
    try (var in = s.process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    return s;
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
    return new Sysotel(new ProcessBuilder(cmd).directory(dir.toFile()));
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until stderr says the program is attached. */
  void awaitTracing() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (stderr.indexOf("sysotel: tracing") >= 0) {
        Set<Integer> mine = programIds();
        mine.removeAll(programsBefore);
        programsAtStart = mine;
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
    // Through the handle: Process.destroy() would also close our ends of its pipes.
    process.toHandle().destroy();
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

  /** Everything sysotel printed on stdout, once it has exited. */
  List<String> stdout() {
    stdout.join();
    return List.copyOf(stdoutLines);
  }

  /** Waits until sysotel has printed at least {@code n} lines on stdout. */
  void awaitLines(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (stdoutLines.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + stdoutLines.size() + " of " + n + " lines:\n" + stderr);
      }
      Thread.sleep(10);
    }
  }

  /** What sysotel printed on stdout so far, without waiting for it to exit. */
  List<String> stdoutSoFar() {
    synchronized (stdoutLines) {
      return List.copyOf(stdoutLines);
    }
  }

  long pid() {
    return process.pid();
  }

  /** What sysotel printed on stderr so far, without waiting for it to exit. */
  String stderrSoFar() {
    return stderr.toString();
  }

  /** Everything sysotel printed on stderr, once it has exited. */
  String stderr() {
    stderrDone.join();
    return stderr.toString();
  }

  /** Ids of the sysotel programs loaded now (prog ids are not reused soon: they count up). */
  static Set<Integer> programIds() throws IOException {
    Process p = new ProcessBuilder("bpftool", "prog", "show").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Set<Integer> ids = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^(\\d+): .* name sysotel_sys_ent").matcher(out);
    while (m.find()) {
      ids.add(Integer.parseInt(m.group(1)));
    }
    return ids;
  }

  /** Ids of the sysotel programs loaded since this collector started: its own. */
  Set<Integer> ownPrograms() throws IOException {
    Set<Integer> now = programIds();
    now.removeAll(programsBefore);
    return now;
  }

  /**
   * True once no program this collector loaded is left (the kernel frees detached programs
   * after a grace period). Programs of other collectors running on the machine are ignored.
   */
  boolean nothingAttached() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Set<Integer> now = programIds();
      now.removeAll(programsBefore);
      if (programsAtStart != null) {
        now.retainAll(programsAtStart);
      }
      if (now.isEmpty()) {
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
