package io.sysotel.collector.pipeline;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.ExporterFactory;
import io.sysotel.collector.api.MetricsReporter;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.bpf.Native;
import io.sysotel.collector.demo.DemoRunner;
import io.sysotel.collector.kernel.Abi;
import io.sysotel.collector.kernel.BootClock;
import io.sysotel.collector.kernel.CapturePlans;
import io.sysotel.collector.kernel.KernelCounters;
import io.sysotel.collector.kernel.SysotelProgram;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.process.ProcessCache;
import io.sysotel.collector.syscalls.DecodingTable;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.telemetry.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running collector: the kernel program, the reader thread, the pipelines and their
 * exporters. {@link #start} either returns a collector that is tracing or throws with nothing
 * attached; {@link #close} stops it in order and is safe to call twice.
 */
public final class Collector implements AutoCloseable {

  /** Identity and tuning of one collector run. */
  public record Settings(
      String hostname,
      String agentId,
      String instanceId,
      SysotelProgram.Settings kernel,
      int exporterQueueRecords,
      int processCacheEntries,
      Metadata.Settings metadata) {}

  /**
   * A running pipeline as the admin API shows it: its definition, since when it runs, and its
   * counts (matched by the reader; exported or lost at its exporters).
   */
  public record PipelineStatus(
      String id, PipelineDefinition definition, Instant since, long matched, long exported, long lost) {}

  /** A pipeline change that cannot be made: unknown exporter, duplicate id, no free slot. */
  public static final class PipelineChangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PipelineChangeException(String message) {
      super(message);
    }
  }

  private record Running(Pipeline pipeline, PipelineDefinition definition, Instant since, DemoRunner demo) {}

  /** How long the start waits for the exporters to be warm before it installs the pipelines. */
  private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(20);

  /** How long removing a pipeline waits for its exporters to finish with its records. */
  private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Settings settings;
  private final SysotelProgram program;
  private final EventLoop loop;
  private final Metadata metadata;
  /**
   * Held while the pipeline set and the kernel's generation change together: by pipeline
   * changes (under this collector's lock) and by the reader renewing verdicts (which never
   * takes this collector's lock: a pipeline removal waits for the reader).
   */
  private final Object generations;
  private final Thread reader;
  private final Map<String, ExporterWorker> workers;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final MetricRegistry metrics;
  private Telemetry telemetry;
  /** Next slot to try: slots are handed out round robin, so a freed one is reused last. */
  private int nextBit;
  /**
   * Records an exporter's queue holds before it drops (about 1 MB of records): two full OTLP
   * requests, enough to keep an exporter busy. A burst waits in the ring buffer instead, where
   * its records take a quarter of the room and no heap: with 16,384 records here, a burst's
   * records in the queue and in flight outgrew the old generation, and the heap grew by about
   * 15 MB.
   */
  public static final int DEFAULT_EXPORTER_QUEUE_RECORDS = 4096;

  private static final long COUNTS_MAX_AGE_NANOS = 100_000_000L;

  /**
   * Guards the kernel counter reads, apart from the collector's own lock: a pipeline change may
   * hold that one for seconds while a slow exporter settles, and metric reports and scrapes must
   * not wait for it.
   */
  private final Object counters = new Object();
  private final AtomicReference<KernelCounters> lastCounters = new AtomicReference<>();
  private long lastCountersAt = Long.MIN_VALUE / 2; // guarded by counters
  private boolean countersFinal; // guarded by counters: the program is detached, lastCounters final
  private boolean closed;

  private Collector(
      Settings settings,
      SysotelProgram program,
      Metadata metadata,
      Object generations,
      EventLoop loop,
      Map<String, ExporterWorker> workers,
      MetricRegistry metrics) {
    this.settings = settings;
    this.program = program;
    this.metadata = metadata;
    this.generations = generations;
    this.loop = loop;
    this.workers = workers;
    this.metrics = metrics;
    this.reader = new Thread(loop::run, "sysotel-reader");
    registerKernelCounts();
    reader.start();
  }

  /**
   * Loads the kernel program, creates the exporters and starts tracing the pipelines.
   *
   * @throws io.sysotel.collector.kernel.EnvironmentException when the machine cannot trace
   */
  public static Collector start(
      Settings settings,
      List<ExporterDefinition> exporterDefinitions,
      List<PipelineDefinition> pipelineDefinitions,
      MetricRegistry metrics) {
    return start(settings, exporterDefinitions, pipelineDefinitions, metrics, Telemetry.Settings.none());
  }

  /**
   * As {@link #start(Settings, List, List, MetricRegistry)}, and once tracing, reports the
   * metrics as {@code telemetry} says.
   */
  public static Collector start(
      Settings settings,
      List<ExporterDefinition> exporterDefinitions,
      List<PipelineDefinition> pipelineDefinitions,
      MetricRegistry metrics,
      Telemetry.Settings telemetry) {
    Set<String> exporterIds = new HashSet<>();
    exporterDefinitions.forEach(d -> exporterIds.add(d.id()));
    check(pipelineDefinitions, exporterIds, Set.of(), Abi.MAX_PIPELINES);
    SysotelProgram program = SysotelProgram.load(settings.kernel());
    Map<String, ExporterWorker> workers = new LinkedHashMap<>();
    EventLoop loop;
    Metadata metadata = null;
    Object generations = new Object();
    try {
      metadata = Metadata.start(settings.metadata());
      for (ExporterDefinition d : exporterDefinitions) {
        workers.put(d.id(), worker(settings, d, metrics));
      }
      BootClock clock = new BootClock(Native.get());
      ProcessCache processes = ProcessCache.builder()
          .setMaxEntries(settings.processCacheEntries())
          .setBootTimeUnixNanos(clock.toUnixNanos(0))
          .build();
      metrics.register(MetricNames.PROCESS_CACHE_SIZE, (Gauge<Integer>) processes::size);
      Judge judge = new Judge(program::putVerdict, metrics.counter(MetricNames.CONDITION_EVALUATIONS), 65536);
      PipelineSet empty = PipelineSet.of(List.of(), program.generation());
      AtomicReference<EventLoop> reader = new AtomicReference<>();
      loop = new EventLoop(program.ring(), clock, processes, metadata,
          () -> renewVerdicts(program, reader.get(), generations), judge, SyscallTable.x86_64(), empty, metrics);
      reader.set(loop);
      ReaderWarmUp.run(clock, SyscallTable.x86_64());
      awaitWarmUps(workers.values());
    } catch (RuntimeException e) {
      workers.values().forEach(ExporterWorker::close);
      if (metadata != null) {
        metadata.close();
      }
      program.close();
      throw e;
    }
    Collector collector = new Collector(settings, program, metadata, generations, loop, workers, metrics);
    try {
      collector.add(pipelineDefinitions);
      collector.startTelemetry(settings, telemetry, exporterDefinitions);
    } catch (RuntimeException e) {
      collector.close();
      throw e;
    }
    return collector;
  }

  /**
   * Waits, up to {@link #WARM_UP_LIMIT} in all, for the exporters' warm-ups (see {@link
   * io.sysotel.collector.api.Exporter#awaitWarmUp}), which ran beside the reader's.
   */
  private static void awaitWarmUps(Collection<ExporterWorker> workers) {
    long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
    try {
      for (ExporterWorker w : workers) {
        w.awaitWarmUp(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the start is being cancelled: the caller stops next
    }
  }

  private static ExporterWorker worker(Settings settings, ExporterDefinition d, MetricRegistry metrics) {
    ExporterFactory f = Exporters.factories().get(d.type());
    if (f == null) {
      throw new IllegalArgumentException("no exporter of type " + d.type());
    }
    return new ExporterWorker(d.id(), f.create(d.id(), d.settings()), settings.exporterQueueRecords(), metrics);
  }

  /** Checks a set of new pipelines against the exporters, the running ids and the free slots. */
  private static void check(List<PipelineDefinition> defs, Set<String> exporters, Set<String> runningIds, int free) {
    Set<String> ids = new HashSet<>(runningIds);
    for (PipelineDefinition d : defs) {
      if (!ids.add(d.id())) {
        throw new PipelineChangeException("a pipeline with id " + d.id() + " is already running");
      }
      for (String id : d.exporterIds()) {
        if (!exporters.contains(id)) {
          throw new PipelineChangeException("pipeline " + d.id() + " names unknown exporter " + id
              + " (defined: " + String.join(", ", new TreeSet<>(exporters)) + ")");
        }
      }
    }
    if (defs.size() > free) {
      throw new PipelineChangeException("at most " + Abi.MAX_PIPELINES + " pipelines can run at once (the kernel's"
          + " pipeline mask has " + Abi.MAX_PIPELINES + " slots); " + (Abi.MAX_PIPELINES - free) + " are running and "
          + defs.size() + " more were asked for: unsubscribe some first");
    }
  }

  /**
   * Starts more pipelines without detaching the program: the user side learns them first, then
   * the kernel's masks and generation change at once, so cached verdicts are judged again.
   * All or none are added.
   *
   * @throws PipelineChangeException when an id is taken, an exporter unknown or the slots full
   */
  public synchronized void add(List<PipelineDefinition> definitions) {
    if (closed) {
      throw new IllegalStateException("the collector is stopped");
    }
    check(definitions, workers.keySet(), running.keySet(), Abi.MAX_PIPELINES - running.size());
    if (definitions.isEmpty()) {
      return;
    }
    List<Running> added = new ArrayList<>();
    long used = usedBits();
    for (PipelineDefinition d : definitions) {
      int bit = freeBit(used);
      used |= 1L << bit;
      added.add(new Running(pipeline(d, bit), d, Instant.now(), null));
    }
    for (Running r : added) {
      running.put(r.definition().id(), r);
    }
    install(List.of());
    for (Running r : added) {
      if (r.definition().demo() != null) {
        running.put(r.definition().id(), new Running(r.pipeline(), r.definition(), r.since(),
            DemoRunner.start(r.definition().demo(), r.definition().demoInterval())));
      }
    }
  }

  /** Adds exporters for pipelines to come; ids already defined are an error. */
  public synchronized void addExporters(List<ExporterDefinition> definitions) {
    for (ExporterDefinition d : definitions) {
      if (workers.containsKey(d.id())) {
        throw new PipelineChangeException("exporter " + d.id() + " is already defined");
      }
    }
    for (ExporterDefinition d : definitions) {
      workers.put(d.id(), worker(settings, d, metrics));
    }
  }

  /**
   * Closes exporters that no running pipeline uses (after exporting what they hold). Their
   * counters stay, so an exporter defined again under the same id counts on from them.
   *
   * @throws PipelineChangeException when an id is unknown or a running pipeline still uses it
   */
  public synchronized void removeExporters(Collection<String> ids) {
    for (String id : ids) {
      if (!workers.containsKey(id)) {
        throw new PipelineChangeException("no exporter " + id + " is defined");
      }
      for (Running r : running.values()) {
        if (r.definition().exporterIds().contains(id)) {
          throw new PipelineChangeException("exporter " + id + " is used by pipeline " + r.definition().id());
        }
      }
    }
    for (String id : ids) {
      workers.remove(id).close();
      // The queue's gauge reads the closed worker: one defined again under the id registers its own.
      metrics.remove(MetricNames.exporter(id, MetricNames.QUEUED));
    }
  }

  /** The exporters defined, by id. */
  public synchronized Set<String> exporterIds() {
    return Set.copyOf(workers.keySet());
  }

  /**
   * Stops one pipeline while the others keep running: its bit leaves the kernel's masks, the
   * events already in the ring still reach it, its last batch is handed to its exporters, and
   * once they are done with it its metrics are removed.
   *
   * @return its final status, or null when no pipeline has this id
   */
  public synchronized PipelineStatus remove(String id) {
    if (closed) {
      throw new IllegalStateException("the collector is stopped");
    }
    Running r = running.remove(id);
    if (r == null) {
      return null;
    }
    if (r.demo() != null) {
      r.demo().close();
    }
    install(List.of(r.pipeline()));
    // The kernel no longer sends its events: once the reader has read past this point, the
    // pipeline's last events are in its batch and flushed.
    loop.awaitPass();
    synchronized (generations) {
      loop.setPipelines(PipelineSet.of(loop.pipelines().pipelines(), loop.pipelines().generation()));
    }
    loop.awaitPass();
    Pipeline p = r.pipeline();
    long deadline = System.nanoTime() + SETTLE_NANOS;
    while (p.delivery.exported().getCount() + p.delivery.lost().getCount() < p.matched.getCount() * p.exporterCount()
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    PipelineStatus last = status(r);
    for (String what : List.of(MetricNames.MATCHED, MetricNames.EXPORTED, MetricNames.LOST)) {
      metrics.remove(MetricNames.pipeline(id, what));
    }
    return last;
  }

  /** Every running pipeline, in the order added. */
  public synchronized List<PipelineStatus> pipelines() {
    return running.values().stream().map(Collector::status).toList();
  }

  private static PipelineStatus status(Running r) {
    Pipeline p = r.pipeline();
    return new PipelineStatus(r.definition().id(), r.definition(), r.since(), p.matched.getCount(),
        p.delivery.exported().getCount(), p.delivery.lost().getCount());
  }

  private Pipeline pipeline(PipelineDefinition d, int bit) {
    List<ExporterWorker> targets = d.exporterIds().stream().map(workers::get).toList();
    BitSet syscalls = new BitSet();
    d.syscalls().stream().forEach(syscalls::set);
    Source source = new Source(d.id(), settings.hostname(), settings.instanceId(), "syscalls", settings.agentId());
    DeliveryCounts delivery = new DeliveryCounts(metrics.counter(MetricNames.pipeline(d.id(), MetricNames.EXPORTED)),
        metrics.counter(MetricNames.pipeline(d.id(), MetricNames.LOST)));
    return new Pipeline(d.id(), bit, d.condition(), syscalls, d.compact(), d.limits(), d.meta(), source, targets,
        metrics.counter(MetricNames.pipeline(d.id(), MetricNames.MATCHED)), delivery);
  }

  private long usedBits() {
    long used = 0;
    for (Running r : running.values()) {
      used |= r.pipeline().mask();
    }
    return used;
  }

  private int freeBit(long used) {
    for (int i = 0; i < Abi.MAX_PIPELINES; i++) {
      int bit = (nextBit + i) % Abi.MAX_PIPELINES;
      if ((used & (1L << bit)) == 0) {
        nextBit = (bit + 1) % Abi.MAX_PIPELINES;
        return bit;
      }
    }
    throw new IllegalStateException("no free pipeline slot");
  }

  /**
   * Installs the running pipelines: in user space first, under the generation the kernel is
   * about to take, then in the kernel's masks with that generation.
   */
  private void install(List<Pipeline> draining) {
    List<Pipeline> active = running.values().stream().map(Running::pipeline).toList();
    synchronized (generations) {
      PipelineSet set = PipelineSet.of(active, draining, program.generation() + 1);
      loop.setPipelines(set);
      program.setSyscallPipelines(set.syscallMasks(Abi.MAX_SYSCALLS), set.compactMask(),
          CapturePlans.encode(DecodingTable.x86_64(), set.captureLimits(Abi.MAX_SYSCALLS)));
    }
  }

  /**
   * Has every thread judged again, after the container or pod metadata a verdict was computed
   * from changed: the same pipelines under the next generation, in user space first, then in
   * the kernel (whose copies per task and per CPU no map delete would reach).
   */
  private static void renewVerdicts(SysotelProgram program, EventLoop loop, Object generations) {
    synchronized (generations) {
      PipelineSet set = loop.pipelines();
      loop.setPipelines(PipelineSet.of(set.pipelines(), set.draining(), program.generation() + 1));
      program.advanceGeneration();
    }
  }

  /** What container or pod metadata is missing, one line each (said once, at start). */
  public List<String> metadataWarnings() {
    return metadata.warnings();
  }

  private void startTelemetry(Settings settings, Telemetry.Settings telemetry, List<ExporterDefinition> exporters) {
    Map<String, ExporterFactory> factories = Exporters.factories();
    MetricsReporter.Context context =
        new MetricsReporter.Context(telemetry.interval(), settings.hostname(), settings.instanceId());
    Telemetry t = Telemetry.start(telemetry, id -> {
      ExporterDefinition d = exporters.stream().filter(e -> e.id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("metrics name unknown exporter " + id));
      ExporterFactory f = factories.get(d.type());
      if (f == null || !f.exportsMetrics()) {
        throw new IllegalArgumentException("exporter " + id + " cannot export metrics");
      }
      return f.createMetricsReporter(id, d.settings(), metrics, context);
    }, metrics);
    synchronized (this) {
      this.telemetry = t;
    }
  }

  /**
   * What keeps the collector from being ready: nothing while it traces (it exists only once the
   * program is attached) and each exporter of {@code requiredExporters} accepts connections.
   */
  public List<String> readinessProblems(List<String> requiredExporters) {
    List<ExporterWorker> required = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return List.of("stopped: the kernel program is detached");
      }
      for (String id : requiredExporters) {
        ExporterWorker w = workers.get(id);
        if (w != null) {
          required.add(w);
        }
      }
    }
    // Connection checks take up to a second each: not under the lock pipeline changes take.
    List<String> problems = new ArrayList<>();
    for (ExporterWorker w : required) {
      String p = w.connectionProblem();
      if (p != null) {
        problems.add(p);
      }
    }
    return problems;
  }

  /** {@code tp_btf/sys_enter} or {@code raw_tp/sys_enter}. */
  public String attachPoint() {
    return program.attachPoint();
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  /** The kernel's counters now; after close, the last ones read. */
  public KernelCounters kernelCounters() {
    synchronized (counters) {
      if (countersFinal) {
        return lastCounters.get();
      }
      KernelCounters c = program.counters();
      lastCounters.set(c);
      return c;
    }
  }

  /** Reads the counters a last time: the program is detached, they no longer change. */
  private void finalKernelCounters() {
    synchronized (counters) {
      kernelCounters();
      countersFinal = true;
    }
  }

  /**
   * The counters for metric reads: one report or scrape reads every kernel count in a row, so
   * a reading younger than {@link #COUNTS_MAX_AGE_NANOS} serves them all with one map lookup.
   */
  private KernelCounters recentKernelCounters() {
    synchronized (counters) {
      if (countersFinal || System.nanoTime() - lastCountersAt < COUNTS_MAX_AGE_NANOS) {
        return lastCounters.get();
      }
      KernelCounters c = kernelCounters();
      lastCountersAt = System.nanoTime();
      return c;
    }
  }

  private void registerKernelCounts() {
    metrics.register(MetricNames.KERNEL_SEEN, new KernelCount(() -> recentKernelCounters().seen()));
    metrics.register(MetricNames.KERNEL_FILTERED, new KernelCount(() -> recentKernelCounters().filtered()));
    metrics.register(MetricNames.KERNEL_SUBMITTED, new KernelCount(() -> recentKernelCounters().submitted()));
    metrics.register(MetricNames.KERNEL_LOST, new KernelCount(() -> recentKernelCounters().lost()));
    metrics.register(MetricNames.KERNEL_WAKEUPS, new KernelCount(() -> recentKernelCounters().wakeups()));
    for (int cpu = 0; cpu < program.possibleCpus(); cpu++) {
      int c = cpu;
      metrics.register(MetricNames.kernelLostOnCpu(cpu), new KernelCount(() -> recentKernelCounters().lostPerCpu()[c]));
    }
  }

  /**
   * Stops tracing: detaches the program, drains the ring, flushes every pipeline and exporter,
   * reports the metrics a last time and stops reporting, then unloads. Safe to call twice.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      running.values().stream().filter(r -> r.demo() != null).forEach(r -> r.demo().close());
      program.detach();
      finalKernelCounters();
      closed = true;
    }
    loop.stop();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ExporterWorker w : workers.values()) {
      w.close();
    }
    // After the exporters have flushed, so the last report carries the final counts.
    Telemetry t;
    synchronized (this) {
      t = telemetry;
    }
    if (t != null) {
      t.close();
    }
    metadata.close();
    program.close();
  }
}
