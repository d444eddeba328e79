package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.kernel.KernelCounters;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.testing.CollectingExporterFactory;
import io.sysotel.collector.testing.SyscallHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditions judged at every syscall, on the real kernel, with real processes whose capability
 * sets, names and programs are arranged with setpriv, capset, prctl and exec. Needs root.
 */
@Tag("root")
class ConditionsOnTheKernelTest {

  private static final int WRITE = SyscallTable.x86_64().byName("write").orElseThrow().number();
  private static final List<String> AS_NOBODY_WITH_NET_RAW = List.of("setpriv", "--reuid=65534",
      "--regid=65534", "--clear-groups", "--inh-caps=+net_raw", "--ambient-caps=+net_raw");
  private static final List<String> AS_NOBODY =
      List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

  private static final List<String> LAUNCHERS = List.of("java", "jspawnhelper", "setpriv", "taskset");

  private Collector collector;
  private MetricRegistry metrics;

  @BeforeEach
  void clear() {
    CollectingExporterFactory.clear();
  }

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  /** Starts a collector with one write-tracing pipeline per (id, condition) pair. */
  private void start(String... idConditionPairs) {
    metrics = new MetricRegistry();
    collector = WriteTracing.start(Metadata.Settings.off(), metrics, idConditionPairs);
  }

  /** Runs the helper (through a command prefix such as setpriv) to completion; its pid. */
  private static long run(List<String> prefix, String... args) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.add(SyscallHelper.binary().toString());
    command.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "helper " + command);
    return p.pid();
  }

  /** Stops the collector, which drains the ring and flushes every exporter. */
  private void drain() throws InterruptedException {
    Thread.sleep(100);
    collector.close();
  }

  /**
   * The pipeline's write records of one process, after {@link #drain}. Before its exec the
   * child is still the JVM's launcher (and setpriv), whose own writes are left out.
   */
  /** Records dropped at the test exporter's queue (counted losses, like the kernel's). */
  private long dropped() {
    return metrics.counter(MetricNames.exporter("collect", MetricNames.DROPPED)).getCount();
  }

  /**
   * Where a pipeline's events went in user space, and how the process's records were named: for
   * the message of a test that finds writes missing.
   */
  private String account(String pipeline, long pid) {
    Map<String, Long> names = CollectingExporterFactory.records(pipeline).stream()
        .filter(r -> r.process().pid() == pid && r.syscallId() == WRITE)
        .collect(Collectors.groupingBy(r -> r.process().name(), Collectors.counting()));
    return "kernel: " + collector.kernelCounters()
        + "; reader decoded " + metrics.counter(MetricNames.DECODED).getCount()
        + ", filtered " + metrics.counter(MetricNames.USER_FILTERED).getCount()
        + ", unrouted " + metrics.counter(MetricNames.UNROUTED).getCount()
        + "; pipeline matched " + metrics.counter(MetricNames.pipeline(pipeline, MetricNames.MATCHED)).getCount()
        + ", exported " + metrics.counter(MetricNames.pipeline(pipeline, MetricNames.EXPORTED)).getCount()
        + ", lost " + metrics.counter(MetricNames.pipeline(pipeline, MetricNames.LOST)).getCount()
        + "; dropped at the queue " + dropped() + "; the process's writes by name " + names;
  }

  private static List<SyscallRecord> writes(String pipeline, long pid) {
    return CollectingExporterFactory.records(pipeline).stream()
        .filter(r -> r.process().pid() == pid && r.syscallId() == WRITE)
        .filter(r -> !LAUNCHERS.contains(r.process().name()))
        .toList();
  }

  @Test
  void capabilitySetsSelectAProcessWithAmbientNetRawAndNotOneWithout() throws Exception {
    start("seed", "process.capeff:CAP_NET_RAW OR process.capamb:CAP_NET_RAW",
        "prm", "process.capprm:~NET~",
        "inh", "process.capinh:CAP_NET_RAW",
        "amb", "process.capamb:net_raw");
    long with = run(AS_NOBODY_WITH_NET_RAW, "write", "20");
    long without = run(AS_NOBODY, "write", "20");
    drain();
    for (String pipeline : List.of("seed", "prm", "inh", "amb")) {
      assertEquals(20, writes(pipeline, with).size(), pipeline);
      assertEquals(0, writes(pipeline, without).size(), pipeline);
    }
  }

  /**
   * The kernel keeps the last thread's verdict per CPU; two processes taking turns on one CPU
   * must each be judged by their own.
   */
  @Test
  void processesTakingTurnsOnOneCpuAreEachJudgedByTheirOwnVerdict() throws Exception {
    start("amb", "process.capamb:net_raw");
    List<String> onCpu0 = List.of("taskset", "-c", "0");
    List<Process> helpers = new ArrayList<>();
    for (List<String> user : List.of(AS_NOBODY_WITH_NET_RAW, AS_NOBODY, AS_NOBODY_WITH_NET_RAW, AS_NOBODY)) {
      List<String> command = new ArrayList<>(onCpu0);
      command.addAll(user);
      command.addAll(List.of(SyscallHelper.binary().toString(), "write", "20000"));
      helpers.add(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
    for (Process p : helpers) {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
    }
    drain();
    // The matching helpers' writes all arrive, or were lost and counted: refused by the ring
    // (kernel lost) or dropped at the exporter's queue (CI runs missed 872, 1,289 of one
    // helper's with no kernel loss; this message now says where they went); the others' none.
    KernelCounters kernel = collector.kernelCounters();
    long dropped = dropped();
    List<Integer> delivered = helpers.stream().map(p -> writes("amb", p.pid()).size()).toList();
    String counts = "delivered per helper " + delivered + "; " + account("amb", helpers.get(0).pid());
    for (int i = 0; i < helpers.size(); i++) {
      if (i % 2 == 0) {
        assertTrue(delivered.get(i) <= 20000 && 20000 - delivered.get(i) <= kernel.lost() + dropped,
            "helper " + i + " delivered " + delivered.get(i) + " of 20000; " + counts);
      } else {
        assertEquals(0, delivered.get(i), "helper " + i + "; " + counts);
      }
    }
  }

  @Test
  void eachCapabilitySetIsJudgedOnItsOwn() throws Exception {
    String[] sets = {"capinh", "capprm", "capeff", "capamb", "capbnd"};
    List<String> pipelines = new ArrayList<>();
    for (String set : sets) {
      pipelines.add(set);
      pipelines.add("process.name:syscall-helper AND process." + set + ":CAP_NET_RAW");
    }
    start(pipelines.toArray(String[]::new));
    // Inheritable only: a non-root process keeps it across exec, without ambient it gets no more.
    long inheritable = run(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "--inh-caps=+net_raw"), "write", "10");
    long ambient = run(AS_NOBODY_WITH_NET_RAW, "write", "10");
    // Root: permitted and effective, then effective dropped with capset after 10 writes.
    long effectiveDropped = run(List.of(), "dropeff", "10");
    long none = run(AS_NOBODY, "write", "10");
    drain();
    Map<String, List<Integer>> expected = Map.of(
        //               inheritable, ambient, effectiveDropped, none
        "capinh", List.of(10, 10, 0, 0),
        "capprm", List.of(0, 10, 20, 0),
        "capeff", List.of(0, 10, 10, 0),
        "capamb", List.of(0, 10, 0, 0),
        "capbnd", List.of(10, 10, 20, 10));
    long[] pids = {inheritable, ambient, effectiveDropped, none};
    for (String set : sets) {
      for (int i = 0; i < pids.length; i++) {
        assertEquals((int) expected.get(set).get(i), writes(set, pids[i]).size(), set + " of process " + i);
      }
    }
  }

  @Test
  void theBoundingSetIsJudgedOnItsOwn() throws Exception {
    start("bnd", "process.name:syscall-helper AND NOT process.capbnd:CAP_NET_RAW");
    long dropped = run(List.of("setpriv", "--bounding-set=-net_raw"), "write", "15");
    long full = run(List.of(), "write", "15");
    drain();
    assertEquals(15, writes("bnd", dropped).size());
    assertEquals(0, writes("bnd", full).size());
  }

  @Test
  void aProcessThatDropsNetRawStopsMatchingAtItsNextSyscall() throws Exception {
    start("eff", "process.name:syscall-helper AND process.capeff:CAP_NET_RAW");
    long pid = run(List.of(), "dropcap", "25");
    drain();
    assertEquals(25, writes("eff", pid).size(), "only the writes before capset");
  }

  @Test
  void aRenamedProcessIsJudgedByItsNewName() throws Exception {
    start("new", "process.name:renamed-helper", "old", "process.name:syscall-helper");
    long pid = run(List.of(), "rename", "30", "renamed-helper");
    drain();
    List<SyscallRecord> renamed = writes("new", pid);
    assertEquals(30, renamed.size(), "the writes after prctl, none before");
    assertTrue(renamed.stream().allMatch(r -> r.process().name().equals("renamed-helper")));
    assertEquals(30, writes("old", pid).size(), "the writes before prctl");
  }

  @Test
  void aProcessThatExecsStopsMatchingAtTheExec() throws Exception {
    start("helper", "process.name:syscall-helper");
    long pid = run(List.of(), "exec", "12", "/bin/echo", "after-exec");
    drain();
    assertEquals(12, writes("helper", pid).size(), "echo's write after the exec is not the helper's");
  }

  @Test
  void aProcessThatExecsIntoAMatchingProgramStartsMatchingAtTheExec() throws Exception {
    start("echo", "process.name:echo");
    long pid = run(List.of(), "exec", "12", "/bin/echo", "after-exec");
    drain();
    List<SyscallRecord> writes = writes("echo", pid);
    assertEquals(1, writes.size(), "echo's one write; none of the helper's before the exec");
  }

  @Test
  void aCommandLineWithSpacesIsMatchedQuoted() throws Exception {
    String helper = SyscallHelper.binary().toString();
    start("cmd", "process.cmd:\"" + helper + " write 40 hold\"");
    Process p = new ProcessBuilder(helper, "write", "40", "hold")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    Thread.sleep(500); // alive while the collector reads its command line
    p.getOutputStream().close();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    drain();
    assertEquals(40, writes("cmd", p.pid()).size());
  }

  @Test
  void everyProcessNameMatchesTheStarGlob() throws Exception {
    start("all", "process.name:*");
    long pid = run(List.of(), "write", "10");
    drain();
    assertEquals(10, writes("all", pid).size());
  }

  @Test
  void twoPipelinesEachGetTheEventsTheyMatch() throws Exception {
    start("a", "process.name:syscall-helper", "b", "process.name:syscall-*", "c", "process.name:other");
    long pid = run(List.of(), "write", "50");
    drain();
    assertEquals(50, writes("a", pid).size());
    assertEquals(50, writes("b", pid).size());
    assertEquals(0, writes("c", pid).size());
  }

  @Test
  void conditionsAreEvaluatedPerThreadStateNotPerEvent(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("other-helper");
    Files.copy(SyscallHelper.binary(), other);
    other.toFile().setExecutable(true);
    start("one", "process.name:syscall-helper");
    long pid = run(List.of(), "write", "20000");
    // The reader may still be working through those events: only once they are all out does a
    // new evaluation mean the other process below was judged.
    long out = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (writes("one", pid).size() + collector.kernelCounters().lost() < 20000 && System.nanoTime() < out) {
      Thread.sleep(10);
    }
    long before = metrics.counter(MetricNames.CONDITION_EVALUATIONS).getCount();
    // The other process writes once and waits until user space has judged it.
    Process p = new ProcessBuilder(other.toString(), "write", "200000", "pause")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (metrics.counter(MetricNames.CONDITION_EVALUATIONS).getCount() == before && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(100);
    p.getOutputStream().write('x');
    p.getOutputStream().close();
    assertEquals(0, p.waitFor());
    long evaluations = metrics.counter(MetricNames.CONDITION_EVALUATIONS).getCount();
    drain();
    // Every write arrives, or was lost and counted (refused by the ring, dropped at the queue).
    // The 4 MB of events fit in the ring, yet CI runs missed 2 and 337 of them with no kernel
    // loss (cause not found yet: the message now gives every count in user space too).
    int delivered = writes("one", pid).size();
    KernelCounters kernel = collector.kernelCounters();
    assertTrue(delivered <= 20000 && 20000 - delivered <= kernel.lost() + dropped(),
        "delivered " + delivered + " of 20000; " + account("one", pid));
    assertTrue(evaluations < 2000, "evaluations grow with thread states, not events: " + evaluations);
    // Its first write reaches user space, which judges it once; the kernel drops the rest.
    assertTrue(collector.kernelCounters().filtered() >= 199_999,
        "a non-matching process is filtered in the kernel: " + collector.kernelCounters());
  }
}
