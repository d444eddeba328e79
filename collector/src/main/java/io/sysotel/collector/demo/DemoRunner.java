package io.sysotel.collector.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Runs a demo {@link Simulation} in the background: at once, and again each time {@code
 * interval} has passed since the previous run ended. Every run is a child JVM running {@link
 * Simulator}, so the simulated syscalls never come from, nor change, the collector's process.
 * A run that outlives {@link #RUN_TIMEOUT} is killed. {@link #close()} stops the schedule and
 * kills a running child.
 */
public final class DemoRunner implements AutoCloseable {

  /** The {@code demoInterval} default. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  /** A run takes well under a second; this only catches a child that hangs. */
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

  /** A small, quick-starting JVM: the simulator needs little heap and no optimising compiler. */
  private static final List<String> JVM_FLAGS =
      List.of("-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  private static final Logger log = Logger.getLogger(DemoRunner.class.getName());

  private final List<String> command;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private boolean closed; // guarded by this
  private Process running; // guarded by this

  private DemoRunner(List<String> command, Duration timeout) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              // Not "sysotel-demo...": a condition on that name must select the simulator only.
              Thread t = new Thread(r, "demo-runner");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts running {@code simulation} (a name such as {@code cap_chown}, any case) now and then
   * every {@code interval}.
   *
   * @throws IllegalArgumentException for an unknown simulation or an interval that is not positive
   */
  public static DemoRunner start(String simulation, Duration interval) {
    return start(Simulation.parse(simulation), interval);
  }

  /** Starts running {@code simulation} now and then every {@code interval}. */
  public static DemoRunner start(Simulation simulation, Duration interval) {
    Objects.requireNonNull(simulation, "simulation");
    return start(simulatorCommand(simulation), interval, RUN_TIMEOUT);
  }

  /** Runs any {@code command} on the schedule; tests use it with commands of known behaviour. */
  static DemoRunner start(List<String> command, Duration interval, Duration timeout) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("demo interval must be positive: " + interval);
    }
    DemoRunner runner = new DemoRunner(command, timeout);
    runner.scheduler.scheduleWithFixedDelay(runner::runOnce, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    return runner;
  }

  /** {@code java <flags> -cp <this JVM's class path> io.sysotel.collector.demo.Simulator <id>}. */
  static List<String> simulatorCommand(Simulation simulation) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Simulator.class.getName());
    command.add(simulation.id());
    return command;
  }

  /** Runs that have ended, killed or not. */
  public long runs() {
    return runs.get();
  }

  /** Runs that could not start, exited with a non-zero status, or were killed for taking too long. */
  public long failures() {
    return failures.get();
  }

  /** Stops the schedule and kills a running child and its children. Safe to call again. */
  @Override
  public void close() {
    Process child;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      child = running;
    }
    scheduler.shutdownNow();
    if (child != null) {
      kill(child);
    }
    try {
      scheduler.awaitTermination(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runOnce() {
    Process child;
    try {
      synchronized (this) {
        if (closed) {
          return;
        }
        child = start();
        running = child;
      }
    } catch (IOException | RuntimeException e) {
      fail("demo run could not start: " + e);
      runs.incrementAndGet();
      return;
    }
    try {
      if (!child.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        kill(child);
        fail("demo run killed after " + timeout);
      } else if (child.exitValue() != 0) {
        fail("demo run exited with status " + child.exitValue());
      }
    } catch (InterruptedException e) {
      kill(child); // close() interrupts: the child must not outlive the runner
      Thread.currentThread().interrupt();
    } finally {
      synchronized (this) {
        running = null;
      }
      runs.incrementAndGet();
    }
  }

  private Process start() throws IOException {
    // stdout is a line per call: noise at every interval. stderr only speaks when it breaks.
    return new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  /** The first failure is logged; later ones are only counted, a failing demo repeats forever. */
  private void fail(String message) {
    if (failures.getAndIncrement() == 0) {
      log.warning(message + " (later failures are counted, not logged)");
    }
  }

  /** Kills the child first so it starts no more, then the children it had (its sleep targets). */
  private static void kill(Process child) {
    List<ProcessHandle> descendants = new ArrayList<>();
    child.descendants().forEach(descendants::add);
    child.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      child.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String javaBinary() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(java)) {
      return java.toString();
    }
    return ProcessHandle.current().info().command().orElse("java");
  }
}
