package io.sysotel.collector.process;

import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.api.ProcessInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Turns the process fields of a kernel event into a shared {@link ProcessInfo}, reading {@code
 * cmd} and {@code exe} from procfs once per process image.
 *
 * <p>Entries are keyed by pid, start time and an exec key the caller changes at every exec, so a
 * reused pid or a new program is a new entry. A process that is already gone is remembered with
 * null {@code cmd} and {@code exe}, so procfs is read once for it too. The cache holds at most
 * {@code maxEntries} processes and evicts the least recently used.
 *
 * <p>Lookups with the same state return the same instance, which lets exporters cache per
 * instance. Thread-safe; meant to be called from the decoding thread.
 */
public final class ProcessCache {

  public static final int DEFAULT_MAX_ENTRIES = 16384;
  /** USER_HZ: the unit of start times in {@code /proc/<pid>/stat} on every Linux architecture. */
  public static final int DEFAULT_CLOCK_TICKS_PER_SECOND = 100;

  private final ProcFs procFs;
  private final long bootTimeUnixNanos;
  private final long nanosPerTick;
  private final LongFunction<String> namespaceNames;
  private final Map<Key, Entry> entries;
  /** Probe for lookups, so a hit allocates nothing; never stored in the map. */
  private final Key probe = new Key();
  private long hits;
  private long misses;

  private ProcessCache(Builder b) {
    this.procFs = b.procFs;
    this.bootTimeUnixNanos = b.bootTimeUnixNanos != null ? b.bootTimeUnixNanos : procFs.bootTimeUnixNanos();
    if (bootTimeUnixNanos < 0) {
      throw new IllegalStateException("boot time unknown: " + procFs + " has no btime; set it explicitly");
    }
    this.nanosPerTick = 1_000_000_000L / b.clockTicksPerSecond;
    this.namespaceNames = b.namespaceNames;
    int maxEntries = b.maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@link #lookup(int, int, String, long, long, long, ContainerInfo, PodInfo)} outside containers. */
  public ProcessInfo lookup(int pid, int ppid, String comm, long startBootNanos, long pidNsInode, long execKey) {
    return lookup(pid, ppid, comm, startBootNanos, pidNsInode, execKey, null, null);
  }

  /**
   * The process as of one event.
   *
   * @param pid the thread group id
   * @param ppid the parent's thread group id (changes when the process is reparented)
   * @param comm the kernel's comm (changes with prctl and exec)
   * @param startBootNanos the thread group leader's {@code start_boottime}: ns since boot, on
   *     the clock {@code /proc/<pid>/stat} counts in ticks, which lets the cache tell a reused pid
   * @param pidNsInode the inode of the process's pid namespace
   * @param execKey any value that changes when the process execs
   * @param container the process's container, or null
   * @param pod the container's pod, or null
   */
  public synchronized ProcessInfo lookup(
      int pid,
      int ppid,
      String comm,
      long startBootNanos,
      long pidNsInode,
      long execKey,
      ContainerInfo container,
      PodInfo pod) {
    probe.set(pid, startBootNanos, execKey);
    Entry entry = entries.get(probe);
    if (entry == null) {
      misses++;
      entry = read(pid, ppid, comm, startBootNanos, pidNsInode, container, pod);
      entries.put(new Key().set(pid, startBootNanos, execKey), entry);
      return entry.info;
    }
    hits++;
    ProcessInfo info = entry.info;
    if (info.ppid() != ppid
        || !info.name().equals(comm)
        || entry.pidNsInode != pidNsInode
        || !Objects.equals(info.container(), container)
        || !Objects.equals(info.pod(), pod)) {
      // Same program, changed state: a new shared instance, without reading procfs again.
      if (entry.pidNsInode != pidNsInode) {
        entry.pidNsInode = pidNsInode;
        entry.ns = namespaceNames.apply(pidNsInode);
      }
      entry.info =
          new ProcessInfo(pid, ppid, comm, info.cmd(), info.exe(), entry.ns, info.startTimeUnixNanos(), container, pod);
    }
    return entry.info;
  }

  private Entry read(
      int pid, int ppid, String comm, long startBootNanos, long pidNsInode, ContainerInfo container, PodInfo pod) {
    String cmd = procFs.cmdline(pid);
    String exe = procFs.exe(pid);
    // Read last: if the pid still belongs to this process now, it did during the reads above.
    if (!sameStart(procFs.startTicks(pid), startBootNanos)) {
      cmd = null; // gone, or its pid already taken by another process
      exe = null;
    }
    Entry entry = new Entry();
    entry.pidNsInode = pidNsInode;
    entry.ns = namespaceNames.apply(pidNsInode);
    entry.info =
        new ProcessInfo(pid, ppid, comm, cmd, exe, entry.ns, bootTimeUnixNanos + startBootNanos, container, pod);
    return entry;
  }

  private boolean sameStart(long ticks, long startBootNanos) {
    // The kernel truncates to ticks; allow one tick either way for a start time rounded elsewhere.
    return ticks >= 0 && Math.abs(ticks - startBootNanos / nanosPerTick) <= 1;
  }

  /** Processes cached now. */
  public synchronized int size() {
    return entries.size();
  }

  /** Lookups answered without reading procfs. */
  public synchronized long hits() {
    return hits;
  }

  /** Lookups that read procfs. */
  public synchronized long misses() {
    return misses;
  }

  private static final class Key {
    int pid;
    long startBootNanos;
    long execKey;

    Key set(int pid, long startBootNanos, long execKey) {
      this.pid = pid;
      this.startBootNanos = startBootNanos;
      this.execKey = execKey;
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.pid == pid && k.startBootNanos == startBootNanos && k.execKey == execKey;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * pid + Long.hashCode(startBootNanos)) + Long.hashCode(execKey);
    }
  }

  private static final class Entry {
    ProcessInfo info;
    long pidNsInode;
    String ns;
  }

  /** Settings of a {@link ProcessCache}; defaults read the host's procfs. */
  public static final class Builder {
    private ProcFs procFs = ProcFs.host();
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private Long bootTimeUnixNanos;
    private int clockTicksPerSecond = DEFAULT_CLOCK_TICKS_PER_SECOND;
    private LongFunction<String> namespaceNames = PidNamespaces::format;

    private Builder() {}

    public Builder setProcFs(ProcFs procFs) {
      this.procFs = Objects.requireNonNull(procFs, "procFs");
      return this;
    }

    public Builder setMaxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * When the machine booted, ns since the epoch: turns boot-relative start times into {@code
     * startTimeUnixNanos}. Default: procfs's {@code btime}. Set it to the offset the event
     * decoder uses, so start and event times agree.
     */
    public Builder setBootTimeUnixNanos(long bootTimeUnixNanos) {
      if (bootTimeUnixNanos < 0) {
        throw new IllegalArgumentException("bootTimeUnixNanos must not be negative");
      }
      this.bootTimeUnixNanos = bootTimeUnixNanos;
      return this;
    }

    /** USER_HZ, the unit of {@code /proc/<pid>/stat} start times. */
    public Builder setClockTicksPerSecond(int clockTicksPerSecond) {
      if (clockTicksPerSecond < 1 || clockTicksPerSecond > 1_000_000_000) {
        throw new IllegalArgumentException("clockTicksPerSecond out of range: " + clockTicksPerSecond);
      }
      this.clockTicksPerSecond = clockTicksPerSecond;
      return this;
    }

    /** Names pid namespaces from their inode; default {@link PidNamespaces#format(long)}. */
    public Builder setNamespaceNames(LongFunction<String> namespaceNames) {
      this.namespaceNames = Objects.requireNonNull(namespaceNames, "namespaceNames");
      return this;
    }

    public ProcessCache build() {
      return new ProcessCache(this);
    }
  }
}
