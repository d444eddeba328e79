package io.sysotel.collector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRunnerTest {

  private static final Duration INTERVAL = Duration.ofMillis(200);

  @Test
  void runsTheSimulatorAtOnceThenRepeatsUntilClosed() throws Exception {
    DemoRunner runner = DemoRunner.start("all", INTERVAL);
    try {
      await(() -> runner.runs() >= 3, Duration.ofSeconds(30));
      assertEquals(0, runner.failures());
    } finally {
      runner.close();
    }
    assertNoChildLeft();
    long runs = runner.runs();
    Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
    assertEquals(runs, runner.runs(), "ran after close");
  }

  @Test
  void firstRunIsImmediateAndRunsAreAnIntervalApart(@TempDir Path dir) throws Exception {
    Path stamps = dir.resolve("stamps");
    long startedNanos = System.currentTimeMillis() * 1_000_000;
    List<String> stamp = List.of("sh", "-c", "date +%s%N >> " + stamps);
    try (DemoRunner runner = DemoRunner.start(stamp, INTERVAL, DemoRunner.RUN_TIMEOUT)) {
      await(() -> runner.runs() >= 4, Duration.ofSeconds(30));
    }
    List<Long> nanos = Files.readAllLines(stamps).stream().map(Long::parseLong).collect(Collectors.toList());
    assertTrue(nanos.get(0) - startedNanos < Duration.ofSeconds(2).toNanos(), "first run was late");
    for (int i = 1; i < nanos.size(); i++) {
      assertTrue(nanos.get(i) - nanos.get(i - 1) >= INTERVAL.toNanos(), "runs " + i + " closer than the interval");
    }
  }

  @Test
  void killsARunThatOutlivesItsTimeout() throws Exception {
    try (DemoRunner runner = DemoRunner.start(List.of("sleep", "60"), INTERVAL, Duration.ofMillis(300))) {
      await(() -> runner.failures() >= 2, Duration.ofSeconds(10));
      assertTrue(runner.runs() >= 2);
      assertTrue(ProcessHandle.current().children().count() <= 1, "a killed run is still alive");
    }
    assertNoChildLeft();
  }

  @Test
  void closeKillsTheRunningChildAndItsChildren() throws Exception {
    DemoRunner runner =
        DemoRunner.start(List.of("sh", "-c", "sleep 60 & sleep 60; wait"), INTERVAL, DemoRunner.RUN_TIMEOUT);
    await(() -> ProcessHandle.current().descendants().count() >= 3, Duration.ofSeconds(10));
    List<ProcessHandle> family = ProcessHandle.current().descendants().collect(Collectors.toList());

    runner.close();

    for (ProcessHandle p : family) {
      p.onExit().get(5, TimeUnit.SECONDS);
      assertFalse(p.isAlive(), p + " survived close");
    }
    assertEquals(1, runner.runs(), "no run after the one that close killed");
  }

  @Test
  void closeTwiceIsSafe() {
    DemoRunner runner = DemoRunner.start(List.of("true"), INTERVAL, DemoRunner.RUN_TIMEOUT);
    runner.close();
    runner.close();
  }

  @Test
  void countsARunThatFailsAndKeepsRepeating() throws Exception {
    try (DemoRunner runner = DemoRunner.start(List.of("false"), INTERVAL, DemoRunner.RUN_TIMEOUT)) {
      await(() -> runner.failures() >= 2, Duration.ofSeconds(10));
    }
    try (DemoRunner runner =
        DemoRunner.start(List.of("/nonexistent/sysotel-demo"), INTERVAL, DemoRunner.RUN_TIMEOUT)) {
      await(() -> runner.failures() >= 2, Duration.ofSeconds(10));
    }
  }

  @Test
  void rejectsAnUnknownSimulationAndANonPositiveInterval() {
    assertThrows(IllegalArgumentException.class, () -> DemoRunner.start("cap_sys_admin", INTERVAL));
    assertThrows(IllegalArgumentException.class, () -> DemoRunner.start("all", Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> DemoRunner.start("all", Duration.ofSeconds(-1)));
  }

  @Test
  void childIsASmallJvmRunningTheSimulatorOnThisClassPath() {
    List<String> command = DemoRunner.simulatorCommand(Simulation.CAP_NET_RAW);

    assertTrue(command.get(0).endsWith("/bin/java"), command.get(0));
    assertTrue(command.containsAll(List.of("-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto")));
    int cp = command.indexOf("-cp");
    assertEquals(System.getProperty("java.class.path"), command.get(cp + 1));
    assertEquals(List.of(Simulator.class.getName(), "cap_net_raw"), command.subList(command.size() - 2, command.size()));
  }

  private static void assertNoChildLeft() throws InterruptedException {
    await(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(5));
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
