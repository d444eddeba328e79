package io.sysotel.collector.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Simulator child run by a test: its exit status and its {@code name=result} lines. */
final class SimulatorRun {

  final int status;
  final Map<String, String> results;

  private SimulatorRun(int status, Map<String, String> results) {
    this.status = status;
    this.results = results;
  }

  /** Runs {@code prefix} (e.g. strace and its options) followed by the simulator's command. */
  static SimulatorRun of(Simulation simulation, List<String> prefix) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(DemoRunner.simulatorCommand(simulation));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("simulator did not finish: " + command);
    }
    // A later line of the same name (a second close) keeps the first result: tests ask for each
    // syscall once.
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        results.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new SimulatorRun(p.exitValue(), results);
  }

  static SimulatorRun of(Simulation simulation) throws IOException, InterruptedException {
    return of(simulation, List.of());
  }

  static boolean succeeded(String result) {
    return result != null && !result.startsWith("-1");
  }
}
