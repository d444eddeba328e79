package io.sysotel.collector.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.ProcessInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCacheTest {

  private static final long NS_INODE = 4026531836L;
  private static final long TICK = 10_000_000L;
  private static final long START_TICKS = 360_000; // one hour after boot
  private static final long START = START_TICKS * TICK + 3_456_789; // within the tick

  @TempDir Path tmp;
  private FakeProc proc;
  private CountingProcFs procFs;
  private ProcessCache cache;

  @BeforeEach
  void setUp() {
    proc = new FakeProc(tmp).process(100, "sim", "/app/simulator", START_TICKS, "/app/simulator", "-loop");
    procFs = new CountingProcFs(ProcFs.at(tmp));
    cache = ProcessCache.builder().setProcFs(procFs).setNamespaceNames(i -> "4-" + i).build();
  }

  @Test
  void fillsCmdExeAndStartTimeFromProcfs() {
    ProcessInfo p = cache.lookup(100, 1, "sim", START, NS_INODE, 1);
    assertEquals(100, p.pid());
    assertEquals(1, p.ppid());
    assertEquals("sim", p.name());
    assertEquals("/app/simulator -loop", p.cmd());
    assertEquals("/app/simulator", p.exe());
    assertEquals("4-4026531836", p.ns());
    assertEquals(FakeProc.BOOT_TIME_SECONDS * 1_000_000_000L + START, p.startTimeUnixNanos());
  }

  @Test
  void returnsTheSameInstanceForTheSameStateWithoutReadingProcfsAgain() {
    ProcessInfo first = cache.lookup(100, 1, "sim", START, NS_INODE, 1);
    ProcessInfo second = cache.lookup(100, 1, new String("sim"), START, NS_INODE, 1);
    assertSame(first, second);
    assertEquals(1, procFs.cmdlineReads.get());
    assertEquals(1, cache.hits());
    assertEquals(1, cache.misses());
    assertEquals(1, cache.size());
  }

  @Test
  void treatsAReusedPidAsANewProcess() {
    ProcessInfo old = cache.lookup(100, 1, "sim", START, NS_INODE, 1);
    proc.process(100, "curl", "/usr/bin/curl", START_TICKS + 500, "curl", "example.com");
    ProcessInfo reused = cache.lookup(100, 7, "curl", START + 500 * TICK, NS_INODE, 1);
    assertNotSame(old, reused);
    assertEquals("curl example.com", reused.cmd());
    assertEquals("/usr/bin/curl", reused.exe());
    assertEquals(2, cache.size());
  }

  @Test
  void readsProcfsAgainAfterAnExec() {
    cache.lookup(100, 1, "sim", START, NS_INODE, 1);
    proc.process(100, "sh", "/bin/sh", START_TICKS, "/bin/sh", "-c", "true");
    ProcessInfo after = cache.lookup(100, 1, "sh", START, NS_INODE, 2);
    assertEquals("/bin/sh -c true", after.cmd());
    assertEquals("/bin/sh", after.exe());
    assertEquals(2, cache.misses());
  }

  @Test
  void keepsKernelFieldsOfAGoneProcessAndRemembersItIsGone() {
    proc.remove(100);
    ProcessInfo gone = cache.lookup(100, 1, "sim", START, NS_INODE, 1);
    assertEquals("sim", gone.name());
    assertEquals(1, gone.ppid());
    assertEquals("4-4026531836", gone.ns());
    assertTrue(gone.startTimeUnixNanos() > 0);
    assertNull(gone.cmd());
    assertNull(gone.exe());
    assertSame(gone, cache.lookup(100, 1, "sim", START, NS_INODE, 1));
    assertEquals(1, procFs.cmdlineReads.get());
  }

  @Test
  void doesNotLendAnotherProcessItsCmdWhenThePidWasAlreadyReused() {
    // The event's process (started 5 s earlier) exited; pid 100 now belongs to the simulator.
    ProcessInfo p = cache.lookup(100, 1, "old", START - 500 * TICK, NS_INODE, 1);
    assertEquals("old", p.name());
    assertNull(p.cmd());
    assertNull(p.exe());
  }

  @Test
  void givesANewInstanceWhenCommOrParentChangesButKeepsCmdWithoutRereading() {
    ProcessInfo first = cache.lookup(100, 1, "sim", START, NS_INODE, 1);
    ProcessInfo renamed = cache.lookup(100, 1, "worker", START, NS_INODE, 1);
    ProcessInfo reparented = cache.lookup(100, 55, "worker", START, NS_INODE, 1);
    assertNotSame(first, renamed);
    assertEquals("worker", renamed.name());
    assertEquals("/app/simulator -loop", renamed.cmd());
    assertEquals(55, reparented.ppid());
    assertSame(reparented, cache.lookup(100, 55, "worker", START, NS_INODE, 1));
    assertEquals(1, procFs.cmdlineReads.get());
  }

  @Test
  void givesANewInstanceWhenTheContainerChanges() {
    ContainerInfo c = new ContainerInfo("abc", "/web", Map.of());
    ProcessInfo bare = cache.lookup(100, 1, "sim", START, NS_INODE, 1);
    ProcessInfo inContainer = cache.lookup(100, 1, "sim", START, NS_INODE, 1, c, null);
    assertNotSame(bare, inContainer);
    assertSame(c, inContainer.container());
    assertSame(inContainer, cache.lookup(100, 1, "sim", START, NS_INODE, 1, c, null));
  }

  @Test
  void evictsTheLeastRecentlyUsedProcessBeyondTheLimit() {
    ProcessCache small = ProcessCache.builder().setProcFs(procFs).setMaxEntries(2).setNamespaceNames(i -> "n").build();
    ProcessInfo a = small.lookup(1, 0, "a", 1, NS_INODE, 0);
    small.lookup(2, 0, "b", 1, NS_INODE, 0);
    small.lookup(1, 0, "a", 1, NS_INODE, 0); // a is now the most recent
    small.lookup(3, 0, "c", 1, NS_INODE, 0); // evicts b
    assertEquals(2, small.size());
    assertSame(a, small.lookup(1, 0, "a", 1, NS_INODE, 0));
    long misses = small.misses();
    small.lookup(2, 0, "b", 1, NS_INODE, 0);
    assertEquals(misses + 1, small.misses());
  }

  @Test
  void describesTheRunningJvmFromTheHostProcfs() {
    ProcFs host = ProcFs.host();
    int pid = (int) ProcessHandle.current().pid();
    long startBootNanos = host.startTicks(pid) * TICK;
    ProcessInfo self = ProcessCache.builder().build().lookup(pid, 1, "java", startBootNanos, NS_INODE, 0);
    assertTrue(self.cmd() != null && self.cmd().contains("java"), "cmd: " + self.cmd());
    assertTrue(self.exe() != null && self.exe().endsWith("/java"), "exe: " + self.exe());
    Instant expected = ProcessHandle.current().info().startInstant().orElseThrow();
    long skewMillis = Math.abs(self.startTimeUnixNanos() / 1_000_000 - expected.toEpochMilli());
    assertTrue(skewMillis < 2_000, "start time off by " + skewMillis + " ms");
  }

  /** Counts procfs reads, to show what the cache spares. */
  private static final class CountingProcFs implements ProcFs {
    final ProcFs delegate;
    final AtomicInteger cmdlineReads = new AtomicInteger();

    CountingProcFs(ProcFs delegate) {
      this.delegate = delegate;
    }

    @Override
    public String cmdline(int pid) {
      cmdlineReads.incrementAndGet();
      return delegate.cmdline(pid);
    }

    @Override
    public String exe(int pid) {
      return delegate.exe(pid);
    }

    @Override
    public long startTicks(int pid) {
      return delegate.startTicks(pid);
    }

    @Override
    public long bootTimeUnixNanos() {
      return delegate.bootTimeUnixNanos();
    }
  }
}
