package io.sysotel.collector.kernel;

import io.sysotel.collector.bpf.BpfException;
import io.sysotel.collector.bpf.BpfMap;
import io.sysotel.collector.bpf.BpfObject;
import io.sysotel.collector.bpf.BpfProgram;
import io.sysotel.collector.bpf.MappedMemory;
import io.sysotel.collector.bpf.Native;
import io.sysotel.collector.bpf.RingBuffer;
import io.sysotel.collector.syscalls.DecodingTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.ffi.Pointer;

/**
 * sysotel's kernel program, loaded and attached at sys_enter: its ring buffer, its run-time
 * control block (which pipelines want which syscall), its verdict cache and its counters.
 *
 * <p>{@link #load} either returns an attached program or throws with nothing left in the
 * kernel; {@link #close} detaches and unloads, and is safe to call twice.
 */
public final class SysotelProgram implements AutoCloseable {

  /** Ring buffer size when not configured: room for about 170k events. */
  public static final int DEFAULT_RING_BYTES = 32 << 20;
  /** Bytes waiting in the ring that make the kernel wake the reader. */
  public static final int DEFAULT_WAKEUP_BYTES = 256 << 10;
  public static final int DEFAULT_VERDICT_ENTRIES = 65536;

  private static final String OBJECT_RESOURCE = "sysotel.bpf.o";
  private static final Path BTF = Path.of("/sys/kernel/btf/vmlinux");

  /** Load-time settings. */
  public record Settings(int ringBytes, int wakeupBytes, int verdictEntries) {
    public static Settings defaults() {
      return new Settings(DEFAULT_RING_BYTES, DEFAULT_WAKEUP_BYTES, DEFAULT_VERDICT_ENTRIES);
    }
  }

  private final Native nat;
  private final BpfObject object;
  private final String attachPoint;
  private final RingBuffer ring;
  private final MappedMemory controlMapping;
  private final Pointer control;
  private final BpfMap verdicts;
  private final BpfMap cpuState;
  private final int cpus;
  private final Pointer verdictKey;
  private final Pointer verdictValue;
  private final Pointer countersKey;
  private final Pointer countersValue;
  private boolean closed;

  private SysotelProgram(Native nat, BpfObject object, String attachPoint, RingBuffer ring) {
    this.nat = nat;
    this.object = object;
    this.attachPoint = attachPoint;
    this.ring = ring;
    this.controlMapping = object.map(Abi.MAP_BSS).mapGlobalData();
    this.control = controlMapping.pointer();
    this.verdicts = object.map(Abi.MAP_VERDICTS);
    this.cpuState = object.map(Abi.MAP_CPU_STATE);
    this.cpus = nat.possibleCpus();
    this.verdictKey = nat.allocate(4);
    this.verdictValue = nat.allocate(Abi.Verdict.SIZE);
    this.countersKey = nat.allocate(4);
    this.countersValue = nat.allocate(Abi.CpuState.SIZE * cpus);
  }

  /**
   * Loads the program at {@code tp_btf/sys_enter}, or at {@code raw_tp/sys_enter} where the
   * kernel lacks tp_btf, attaches it and maps its ring buffer. No syscall is traced until
   * {@link #setSyscallPipelines} names some.
   *
   * @throws EnvironmentException when the machine cannot run it (no BTF, libbpf, or privilege)
   */
  public static SysotelProgram load(Settings settings) {
    if (!Files.exists(BTF)) {
      throw new EnvironmentException(
          "this kernel exposes no BTF (" + BTF + " is missing): sysotel needs a kernel built"
              + " with CONFIG_DEBUG_INFO_BTF=y (Linux 5.8 or later)", null);
    }
    Native nat;
    try {
      nat = Native.get();
    } catch (UnsatisfiedLinkError e) {
      throw new EnvironmentException(
          "libbpf.so.1 could not be loaded (" + e.getMessage() + "): install libbpf1"
              + " (apt-get install libbpf1)", e);
    }
    byte[] elf = readObject();
    try {
      return loadAs(nat, elf, settings, Abi.PROGRAM_TP_BTF, "tp_btf/sys_enter");
    } catch (BpfException e) {
      if (e.isPermissionDenied()) {
        throw noPrivilege(e);
      }
      // Kernels without tp_btf reject the program at load or attach; raw_tp needs no BTF typing.
      try {
        return loadAs(nat, elf, settings, Abi.PROGRAM_RAW_TP, "raw_tp/sys_enter");
      } catch (BpfException raw) {
        if (raw.isPermissionDenied()) {
          throw noPrivilege(raw);
        }
        raw.addSuppressed(e);
        throw raw;
      }
    }
  }

  private static SysotelProgram loadAs(
      Native nat, byte[] elf, Settings settings, String programName, String attachPoint) {
    BpfObject object = BpfObject.open(elf);
    RingBuffer ring = null;
    try {
      BpfProgram chosen = object.program(programName);
      for (String name : new String[] {Abi.PROGRAM_TP_BTF, Abi.PROGRAM_RAW_TP}) {
        object.program(name).setAutoload(name.equals(programName));
      }
      BpfMap events = object.map(Abi.MAP_EVENTS);
      events.setMaxEntries(ringBytes(settings.ringBytes(), nat.pageSize()));
      object.map(Abi.MAP_VERDICTS).setMaxEntries(settings.verdictEntries());
      configure(object, settings);
      checkSize(object.map(Abi.MAP_BSS), Abi.Control.SIZE);
      object.load();
      writeCommandReads(nat, object.map(Abi.MAP_COMMAND_READS));
      chosen.attach();
      ring = RingBuffer.open(events);
      return new SysotelProgram(nat, object, attachPoint, ring);
    } catch (RuntimeException e) {
      if (ring != null) {
        ring.close();
      }
      object.close();
      throw e;
    }
  }

  private static void configure(BpfObject object, Settings settings) {
    BpfMap rodata = object.map(Abi.MAP_RODATA);
    checkSize(rodata, Abi.Config.SIZE);
    Pointer config = rodata.initialValue();
    config.putInt(Abi.Config.ABI_VERSION, Abi.VERSION);
    config.putInt(Abi.Config.WAKEUP_BYTES, settings.wakeupBytes());
  }

  /** Fills {@code command_reads} from the collector's tables, before the program runs. */
  private static void writeCommandReads(Native nat, BpfMap map) {
    Pointer key = nat.allocate(Abi.CommandKey.SIZE);
    Pointer value = nat.allocate(Abi.CommandReadValue.SIZE);
    for (CapturePlans.CommandEntry e : CapturePlans.commandReads(DecodingTable.x86_64())) {
      key.putInt(Abi.CommandKey.NR, e.nr());
      key.putInt(Abi.CommandKey.COMMAND, e.command());
      value.putShort(Abi.CommandReadValue.BYTES, (short) e.read().bytes());
      value.putShort(Abi.CommandReadValue.FLAGS, (short) (e.read().string() ? Abi.READ_STRING : 0));
      map.update(key, value, BpfMap.ANY);
    }
  }

  private static void checkSize(BpfMap map, int expected) {
    if (map.valueSize() != expected) {
      throw new IllegalStateException(
          "BPF object's " + map.name() + " is " + map.valueSize() + " bytes, the collector expects "
              + expected + ": bpf/sysotel.h and kernel/Abi.java disagree");
    }
  }

  /** The kernel requires a power of two multiple of the page size. */
  static int ringBytes(int requested, long pageSize) {
    long size = Math.max(requested, pageSize);
    long pow = Long.highestOneBit(size);
    if (pow < size) {
      pow <<= 1;
    }
    if (pow > (1 << 30)) {
      throw new IllegalArgumentException("ring buffer of " + requested + " bytes is over 1 GiB");
    }
    return (int) pow;
  }

  private static EnvironmentException noPrivilege(BpfException e) {
    return new EnvironmentException(
        "not permitted to load BPF programs (" + e.getMessage() + "): run sysotel as root, or"
            + " grant it CAP_BPF, CAP_PERFMON and CAP_SYS_PTRACE (and CAP_SYS_RESOURCE before Linux 5.11)", e);
  }

  private static byte[] readObject() {
    try (InputStream in = SysotelProgram.class.getResourceAsStream(OBJECT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the BPF object " + OBJECT_RESOURCE + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code tp_btf/sys_enter} or {@code raw_tp/sys_enter}. */
  public String attachPoint() {
    return attachPoint;
  }

  public RingBuffer ring() {
    return ring;
  }

  public int possibleCpus() {
    return cpus;
  }

  /**
   * Sets, for each syscall number, the mask of pipelines that want it, and starts a new
   * generation so that verdicts computed for the previous pipelines are no longer used.
   */
  public synchronized long setSyscallPipelines(long[] masks) {
    return setSyscallPipelines(masks, 0);
  }

  /**
   * As {@link #setSyscallPipelines(long[])}; {@code compact} names the pipelines that publish no
   * arguments, so the kernel skips capturing them when only such pipelines want an event.
   */
  public synchronized long setSyscallPipelines(long[] masks, long compact) {
    return setSyscallPipelines(masks, compact, new byte[Abi.ArgPlan.SIZE * Abi.MAX_SYSCALLS]);
  }

  /**
   * As {@link #setSyscallPipelines(long[], long)}, with the argument plans of {@link
   * CapturePlans#encode}. The plans are written before the masks that make the kernel use them.
   */
  public synchronized long setSyscallPipelines(long[] masks, long compact, byte[] plans) {
    if (plans.length != Abi.ArgPlan.SIZE * Abi.MAX_SYSCALLS) {
      throw new IllegalArgumentException("plans of " + plans.length + " bytes");
    }
    control.put(Abi.Control.PLANS, plans, 0, plans.length);
    if (masks.length > Abi.MAX_SYSCALLS) {
      throw new IllegalArgumentException("at most " + Abi.MAX_SYSCALLS + " syscall numbers");
    }
    long generation = control.getLong(Abi.Control.GENERATION) + 1;
    control.putLong(Abi.Control.GENERATION, generation);
    control.putLong(Abi.Control.COMPACT_PIPELINES, compact);
    for (int nr = 0; nr < Abi.MAX_SYSCALLS; nr++) {
      control.putLong(Abi.Control.SYSCALL_PIPELINES + 8L * nr, nr < masks.length ? masks[nr] : 0);
    }
    return generation;
  }

  /** The generation verdicts must carry to be used. */
  public long generation() {
    return control.getLong(Abi.Control.GENERATION);
  }

  /** Caches the verdict for a thread in a given state: the kernel then filters without us. */
  public synchronized void putVerdict(int tid, KernelEvent.ProcessState state, long match, long generation) {
    verdictKey.putInt(0, tid);
    ByteBuffer value = ByteBuffer.allocate(Abi.Verdict.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    state.encode(value, Abi.Verdict.STATE);
    value.putLong(Abi.Verdict.MATCH, match);
    value.putLong(Abi.Verdict.GENERATION, generation);
    verdictValue.put(0, value.array(), 0, Abi.Verdict.SIZE);
    verdicts.update(verdictKey, verdictValue, BpfMap.ANY);
  }

  /**
   * Makes every cached verdict stale (the map's, each task's copy and each CPU's last one) by
   * bumping the generation, for when what verdicts were computed from changed, such as a pod's
   * labels. Returns the new generation.
   */
  public synchronized long advanceGeneration() {
    long generation = control.getLong(Abi.Control.GENERATION) + 1;
    control.putLong(Abi.Control.GENERATION, generation);
    return generation;
  }

  /**
   * Reads and sums the per-CPU counters. The kernel counts each wanted syscall once, as
   * filtered, submitted or lost; their sum is the number seen, consistent by construction.
   */
  public synchronized KernelCounters counters() {
    Pointer value = countersValue;
    cpuState.lookup(countersKey, value);
    long filtered = 0, submitted = 0, lost = 0, wakeups = 0;
    long[] lostPerCpu = new long[cpus];
    for (int cpu = 0; cpu < cpus; cpu++) {
      long base = (long) cpu * Abi.CpuState.SIZE + Abi.CpuState.COUNTERS;
      filtered += value.getLong(base + Abi.Counters.FILTERED);
      submitted += value.getLong(base + Abi.Counters.SUBMITTED);
      lostPerCpu[cpu] = value.getLong(base + Abi.Counters.LOST);
      lost += lostPerCpu[cpu];
      wakeups += value.getLong(base + Abi.Counters.WAKEUPS);
    }
    return new KernelCounters(filtered + submitted + lost, filtered, submitted, lost, wakeups, lostPerCpu);
  }

  /**
   * Stops tracing: detaches the program while the ring stays mapped, so the reader can drain
   * what was already written. Safe to call twice.
   */
  public synchronized void detach() {
    object.detach();
  }

  /** Detaches the program, unmaps the ring and unloads everything. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      ring.close();
      controlMapping.close();
    } finally {
      object.close();
    }
  }
}
