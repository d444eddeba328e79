package io.sysotel.collector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The simulator child as root, where every simulated call is allowed and must succeed. */
@Tag("root")
class SimulatorTest {

  @ParameterizedTest
  @EnumSource(Simulation.class)
  void makesEverySyscallOfItsSimulationFromTheRenamedThread(Simulation simulation) throws Exception {
    SimulatorRun run = SimulatorRun.of(simulation);

    assertEquals(0, run.status);
    assertEquals("sysotel-demo", run.results.get("comm"));
    for (String syscall : simulation.syscalls()) {
      String result = run.results.get(syscall);
      assertTrue(SimulatorRun.succeeded(result), simulation + ": " + syscall + "=" + result);
    }
  }

  @Test
  void makesNoSyscallOfAnotherSimulation() throws Exception {
    SimulatorRun run = SimulatorRun.of(Simulation.CAP_SETUID);

    List<String> others = new ArrayList<>(Simulation.ALL.syscalls());
    others.removeAll(Simulation.CAP_SETUID.syscalls());
    for (String syscall : others) {
      assertFalse(run.results.containsKey(syscall), syscall);
    }
  }

  /** strace sees each call reach the kernel, from the demo thread, and every child end. */
  @Test
  void syscallsReachTheKernelFromTheDemoThreadAndLeaveNothingBehind() throws Exception {
    Path log = Files.createTempFile("sysotel-demo-strace", ".txt");
    try {
      List<String> traced = new ArrayList<>(Simulation.ALL.syscalls());
      traced.add("prctl");
      // -Y prints each pid with its comm; -f follows threads and children.
      List<String> strace =
          List.of("strace", "-f", "-Y", "-q", "-e", "trace=" + String.join(",", traced), "-o", log.toString());
      SimulatorRun run = SimulatorRun.of(Simulation.ALL, strace);
      assertEquals(0, run.status);
      String tid = run.results.get("tid");
      List<String> lines = Files.readAllLines(log);

      String demoThread = tid + "<sysotel-demo> ";
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith(tid + "<") && l.contains("prctl(PR_SET_NAME, \"sysotel-demo\") = 0")),
          "thread " + tid + " was not renamed:\n" + String.join("\n", lines));
      for (String syscall : Simulation.ALL.syscalls()) {
        assertTrue(
            lines.stream().anyMatch(l -> l.startsWith(demoThread + syscall + "(")),
            syscall + " not seen from thread " + tid + " named sysotel-demo:\n" + String.join("\n", lines));
      }
      assertEveryTargetKilled(lines);
      assertTemporaryFileRemoved(lines);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The children signalled and traced are the simulator's own sleep children, and they die. */
  private static void assertEveryTargetKilled(List<String> lines) {
    Pattern target = Pattern.compile("(?:kill\\(|ptrace\\(PTRACE_SEIZE, )(\\d+)<([^>]*)>");
    List<String> targets = new ArrayList<>();
    for (String line : lines) {
      Matcher m = target.matcher(line);
      if (m.find()) {
        assertEquals("sleep", m.group(2), line);
        targets.add(m.group(1));
      }
    }
    assertEquals(3, targets.size(), "kill, ptrace and the tracee's kill: " + targets);
    for (String pid : targets) {
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith(pid + "<") && l.contains("+++ killed by SIGKILL +++")),
          "sleep child " + pid + " was not killed");
    }
  }

  private static void assertTemporaryFileRemoved(List<String> lines) {
    Pattern chown = Pattern.compile("chown\\(\"([^\"]+)\"");
    String path =
        lines.stream()
            .map(chown::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no chown traced"));
    assertTrue(path.contains("sysotel-demo-"), path);
    assertFalse(Files.exists(Path.of(path)), path + " left behind");
  }
}
