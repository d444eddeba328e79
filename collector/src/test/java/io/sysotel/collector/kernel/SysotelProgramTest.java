package io.sysotel.collector.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.testing.SyscallHelper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The kernel program on the real kernel: needs root. */
@Tag("root")
class SysotelProgramTest {

  private static final int WRITE = 1;
  private static final int PERSONALITY = 135;

  private static long[] masks(int syscall, long pipelines) {
    long[] masks = new long[Abi.MAX_SYSCALLS];
    masks[syscall] = pipelines;
    return masks;
  }

  /**
   * Drains until the process has exited and a grace period has passed (other processes may
   * keep the ring busy, so an empty poll cannot mark the end); returns the process's events.
   */
  private static List<KernelEvent> collect(SysotelProgram program, Process process, Predicate<KernelEvent> onEach)
      throws InterruptedException {
    List<KernelEvent> events = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long exitedAt = 0;
    while (System.nanoTime() < deadline) {
      program.ring().poll(10, (buf, off, len) -> {
        KernelEvent e = KernelEvent.decode(buf, off, len);
        // Before its exec the child is still the JVM's launcher, which makes syscalls of its own.
        if (e.tgid() == process.pid() && e.comm().equals("syscall-helper")) {
          events.add(e);
          onEach.test(e);
        }
      });
      if (exitedAt == 0 && !process.isAlive()) {
        exitedAt = System.nanoTime();
      }
      if (exitedAt != 0 && System.nanoTime() - exitedAt > TimeUnit.MILLISECONDS.toNanos(300)) {
        return events;
      }
    }
    throw new AssertionError("helper did not finish in time");
  }

  @Test
  void deliversEveryWriteOfTheTracedProcessWithItsIdentity() throws Exception {
    try (SysotelProgram program = SysotelProgram.load(SysotelProgram.Settings.defaults())) {
      program.setSyscallPipelines(masks(WRITE, 1));
      Process helper = SyscallHelper.start("write", "20000");
      List<KernelEvent> events = collect(program, helper, e -> true);
      assertEquals(0, helper.waitFor());

      assertEquals(20000, events.size());
      KernelEvent first = events.get(0);
      assertEquals(WRITE, first.syscallNr());
      assertArrayEquals(new long[] {1, first.args()[1], 1}, new long[] {first.args()[0], first.args()[1], first.args()[2]});
      assertNotEquals(0, first.args()[1]);
      assertEquals((int) helper.pid(), first.tid());
      assertEquals((int) ProcessHandle.current().pid(), first.ptgid());
      assertEquals("syscall-helper", first.comm());
      assertEquals(1, first.pipelines());
      assertFalse(first.verdictApplied());
      assertNotEquals(0, first.capEffective(), "root has effective capabilities");
      assertNotEquals(0, first.capBounding());
      assertNotEquals(0, first.pidNamespaceInode());
      assertTrue(first.startBootNanos() > 0 && first.startBootNanos() <= first.bootTimeNanos());
      for (int i = 1; i < events.size(); i++) {
        assertTrue(events.get(i).bootTimeNanos() >= events.get(i - 1).bootTimeNanos(), "kernel order");
      }
      KernelCounters counters = program.counters();
      assertEquals(0, counters.lost());
      assertEquals(counters.seen(), counters.filtered() + counters.submitted() + counters.lost());
    }
  }

  /**
   * A one-page ring read while it fills: records keep wrapping past the end of the data pages
   * (mapped once), and each must still decode whole.
   */
  @Test
  void recordsWrappingPastTheEndOfTheRingArriveWhole() throws Exception {
    SysotelProgram.Settings onePage = new SysotelProgram.Settings(4096, 1024, 1024);
    try (SysotelProgram program = SysotelProgram.load(onePage)) {
      program.setSyscallPipelines(masks(WRITE, 1));
      // Slow enough for the reader to keep up, mostly: the ring laps many times.
      Process helper = SyscallHelper.start("write", "2000", "slow");
      List<KernelEvent> events = collect(program, helper, e -> true);
      assertEquals(0, helper.waitFor());
      assertTrue(events.size() >= 200, "ten laps of the ring at least: " + events.size());
      for (KernelEvent e : events) {
        assertEquals(WRITE, e.syscallNr());
        assertEquals((int) helper.pid(), e.tid());
        assertArrayEquals(new long[] {1, events.get(0).args()[1], 1}, Arrays.copyOf(e.args(), 3));
        assertEquals("syscall-helper", e.comm());
        assertEquals(events.get(0).state(), e.state(), "the record's last bytes, often past the wrap");
      }
      // Other processes' writes are traced too, so their losses count as well.
      assertTrue(events.size() + program.counters().lost() >= 2000, "every write arrived or was counted lost");
    }
  }

  @Test
  void argumentsAreNotCapturedWhenOnlyCompactPipelinesWantTheEvent() throws Exception {
    try (SysotelProgram program = SysotelProgram.load(SysotelProgram.Settings.defaults())) {
      program.setSyscallPipelines(masks(WRITE, 0b11), 0b10);
      Process full = SyscallHelper.start("write", "10");
      List<KernelEvent> both = collect(program, full, e -> true);
      program.setSyscallPipelines(masks(WRITE, 0b10), 0b10);
      Process compact = SyscallHelper.start("write", "10");
      List<KernelEvent> compactOnly = collect(program, compact, e -> true);
      assertEquals(10, both.size());
      assertEquals(10, compactOnly.size());
      assertEquals(1, both.get(0).args()[0], "a full pipeline wants it: fd captured");
      assertEquals(1, both.get(0).args()[2]);
      assertArrayEquals(new long[6], compactOnly.get(0).args(), "only a compact pipeline: nothing captured");
    }
  }

  @Test
  void aCachedVerdictFiltersTheProcessInTheKernel() throws Exception {
    try (SysotelProgram program = SysotelProgram.load(SysotelProgram.Settings.defaults())) {
      long generation = program.setSyscallPipelines(masks(WRITE, 1));
      Process helper = SyscallHelper.start("write", "1000", "pause");
      List<KernelEvent> events = collect(program, helper, e -> {
        // The first write: decide "no pipeline matches" for this state, then let it go on.
        program.putVerdict(e.tid(), e.state(), 0, generation);
        letGoOn(helper);
        return true;
      });
      assertEquals(0, helper.waitFor());
      assertEquals(1, events.size(), "only the write before the verdict reaches user space");
      assertTrue(program.counters().filtered() >= 999);
    }
  }

  /**
   * Events sent under a cached verdict take the cgroup id and pid namespace from the CPU's
   * recent-thread entry instead of reading them again: they must still be the thread's own.
   * Two helpers in different cgroups take turns on CPU 0, so values the first left in the
   * entry would show in the second's events.
   */
  @Test
  void eventsUnderACachedVerdictCarryTheThreadsCgroupAndPidNamespace() throws Exception {
    try (SysotelProgram program = SysotelProgram.load(SysotelProgram.Settings.defaults())) {
      long generation = program.setSyscallPipelines(masks(WRITE, 1));
      Path tree = unifiedCgroupTree();
      Path own = Files.createDirectory(tree.resolve("sysotel-test-" + ProcessHandle.current().pid()));
      try {
        Path mine = tree.resolve(Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
            .filter(l -> l.startsWith("0::")).findFirst().orElseThrow().substring(4));
        for (Path cgroup : List.of(mine, own)) {
          Process helper = new ProcessBuilder("sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs")
              + " && exec taskset -c 0 " + SyscallHelper.binary() + " write 1000 pause")
              .redirectError(ProcessBuilder.Redirect.INHERIT).start();
          long cgroupInode = (long) Files.getAttribute(cgroup, "unix:ino");
          long pidNsInode = (long) Files.getAttribute(Path.of("/proc/" + helper.pid() + "/ns/pid"), "unix:ino");
          List<KernelEvent> events = collect(program, helper, e -> {
            if (!e.verdictApplied()) {
              program.putVerdict(e.tid(), e.state(), 1, generation);
              letGoOn(helper);
            }
            return true;
          });
          assertEquals(0, helper.waitFor());
          assertEquals(1000, events.size());
          assertTrue(events.stream().skip(1).allMatch(KernelEvent::verdictApplied), "all but the first under the verdict");
          for (KernelEvent e : events) {
            assertEquals(cgroupInode, e.cgroupId(), "cgroup id in " + cgroup);
            assertEquals(pidNsInode, e.pidNamespaceInode());
          }
        }
      } finally {
        removeWhenEmpty(own);
      }
    }
  }

  /** Lets a helper started with {@code pause} go on past its first write. */
  private static void letGoOn(Process helper) {
    try {
      helper.getOutputStream().write('x');
      helper.getOutputStream().flush();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Where the cgroup v2 tree is mounted (/sys/fs/cgroup, or its unified part on hybrid hosts). */
  private static Path unifiedCgroupTree() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
        .map(line -> line.split(" "))
        .filter(f -> f.length > 2 && f[2].equals("cgroup2"))
        .map(f -> Path.of(f[1]))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cgroup2 mount"));
  }

  /** Removes a cgroup once the kernel has released its last (exited) task. */
  private static void removeWhenEmpty(Path cgroup) throws IOException, InterruptedException {
    for (int i = 0; ; i++) {
      try {
        Files.delete(cgroup);
        return;
      } catch (IOException e) {
        if (i == 100) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  @Test
  void aFullRingCountsEveryEventItLoses() throws Exception {
    SysotelProgram.Settings tiny = new SysotelProgram.Settings(4096, 1 << 20, 1024);
    try (SysotelProgram program = SysotelProgram.load(tiny)) {
      program.setSyscallPipelines(masks(PERSONALITY, 1));
      Process helper = SyscallHelper.start("personality", "5000");
      assertTrue(helper.waitFor(30, TimeUnit.SECONDS));
      int[] received = new int[2];
      program.ring().drain((buf, off, len) -> {
        KernelEvent e = KernelEvent.decode(buf, off, len);
        received[e.tgid() == helper.pid() ? 0 : 1]++;
      });
      KernelCounters counters = program.counters();
      assertEquals(0, received[1], "no other process calls personality(0xffffffff)");
      assertTrue(counters.lost() > 0, "a one-page ring must overflow");
      assertEquals(5000, received[0] + counters.lost(), "every missing event is counted as lost");
      assertEquals(5000, counters.seen());
      assertEquals(counters.lost(), java.util.Arrays.stream(counters.lostPerCpu()).sum());
    }
  }

  @Test
  void closeLeavesNothingAttached() throws Exception {
    // Other collectors may run on this machine at the same time: follow this one's own ids.
    SysotelProgram program = SysotelProgram.load(SysotelProgram.Settings.defaults());
    Set<String> progs = ownBpfIds("prog_id"), links = ownBpfIds("link_id");
    assertFalse(progs.isEmpty(), "a program is loaded while open");
    assertFalse(links.isEmpty(), "a link is attached while open");
    program.close();
    program.close();
    assertEquals(Set.of(), ownBpfIds("prog_id"), "no program referenced after close");
    for (String link : links) {
      assertFalse(bpftool("link", "id", link).contains("sysotel_sys_ent"), "link " + link + " left");
    }
    // The kernel frees a detached tracing program after an RCU grace period, not at once.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Set<String> left = new TreeSet<>(progs);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      for (String id : List.copyOf(left)) {
        if (!bpftool("prog", "id", id).contains("sysotel_sys_ent")) {
          left.remove(id);
        }
      }
      Thread.sleep(50);
    }
    assertEquals(Set.of(), left, "no program left after close");
  }

  /** The ids ({@code prog_id}, {@code link_id}) of the BPF objects this process holds open. */
  static Set<String> ownBpfIds(String key) throws IOException {
    Set<String> ids = new TreeSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fdinfo"))) {
      for (Path fd : fds) {
        List<String> lines;
        try {
          lines = Files.readAllLines(fd);
        } catch (IOException closedMeanwhile) {
          continue;
        }
        for (String line : lines) {
          if (line.startsWith(key + ":")) {
            ids.add(line.substring(key.length() + 1).trim());
          }
        }
      }
    }
    return ids;
  }

  static String bpftool(String object, String... selector) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bpftool", object, "show"));
    command.addAll(List.of(selector));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}
