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
import io.sysotel.collector.kernel.KernelCounters;
import io.sysotel.collector.kernel.SysotelProgram;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.process.ProcessCache;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private final SysotelProgram program;
  private final EventLoop loop;
  private final Metadata metadata;
  private final Thread reader;
  private final List<ExporterWorker> workers;
  private final List<DemoRunner> demos = new ArrayList<>();
  private final MetricRegistry metrics;
  private Telemetry telemetry;
  /** Records an exporter's queue holds before it drops (about 4 MB of records). */
  public static final int DEFAULT_EXPORTER_QUEUE_RECORDS = 16384;

  private static final long COUNTS_MAX_AGE_NANOS = 100_000_000L;

  private final AtomicReference<KernelCounters> lastCounters = new AtomicReference<>();
  private long lastCountersAt = Long.MIN_VALUE / 2;
  private boolean closed;

  private Collector(
      SysotelProgram program, Metadata metadata, EventLoop loop, List<ExporterWorker> workers, MetricRegistry metrics) {
    this.program = program;
    this.metadata = metadata;
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
    if (pipelineDefinitions.size() > Abi.MAX_PIPELINES) {
      throw new IllegalArgumentException("at most " + Abi.MAX_PIPELINES + " pipelines can run at once");
    }
    SysotelProgram program = SysotelProgram.load(settings.kernel());
    Map<String, ExporterWorker> workers = new LinkedHashMap<>();
    EventLoop loop;
    Metadata metadata = null;
    try {
      metadata = Metadata.start(settings.metadata());
      Map<String, ExporterFactory> factories = Exporters.factories();
      for (ExporterDefinition d : exporterDefinitions) {
        ExporterFactory f = factories.get(d.type());
        if (f == null) {
          throw new IllegalArgumentException("no exporter of type " + d.type());
        }
        workers.put(d.id(), new ExporterWorker(d.id(), f.create(d.id(), d.settings()), settings.exporterQueueRecords(), metrics));
      }
      List<Pipeline> pipelines = new ArrayList<>();
      int bit = 0;
      for (PipelineDefinition d : pipelineDefinitions) {
        List<ExporterWorker> targets = new ArrayList<>();
        for (String id : d.exporterIds()) {
          ExporterWorker w = workers.get(id);
          if (w == null) {
            throw new IllegalArgumentException("pipeline " + d.id() + " names unknown exporter " + id);
          }
          targets.add(w);
        }
        BitSet syscalls = new BitSet();
        d.syscalls().stream().forEach(syscalls::set);
        Source source = new Source(d.id(), settings.hostname(), settings.instanceId(), "syscalls", settings.agentId());
        pipelines.add(new Pipeline(d.id(), bit++, d.condition(), syscalls, d.compact(), d.meta(), source,
            targets, metrics.counter(MetricNames.pipeline(d.id(), MetricNames.MATCHED))));
      }
      BootClock clock = new BootClock(Native.get());
      ProcessCache processes = ProcessCache.builder()
          .setMaxEntries(settings.processCacheEntries())
          .setBootTimeUnixNanos(clock.toUnixNanos(0))
          .build();
      metrics.register(MetricNames.PROCESS_CACHE_SIZE, (Gauge<Integer>) processes::size);
      Judge.VerdictSink verdicts = new Judge.VerdictSink() {
        @Override
        public void put(int tid, io.sysotel.collector.kernel.KernelEvent.ProcessState state, long match, long generation) {
          program.putVerdict(tid, state, match, generation);
        }

        @Override
        public long generation() {
          return program.generation();
        }

        @Override
        public void advanceGeneration() {
          program.advanceGeneration();
        }
      };
      Judge judge = new Judge(verdicts, metrics.counter(MetricNames.CONDITION_EVALUATIONS), 65536);
      PipelineSet empty = PipelineSet.of(List.of(), program.generation());
      loop = new EventLoop(program.ring(), clock, processes, metadata, judge, SyscallTable.x86_64(), empty, metrics);
      // Install the pipelines in user space before the kernel starts sending their events.
      long nextGeneration = program.generation() + 1;
      PipelineSet set = PipelineSet.of(pipelines, nextGeneration);
      loop.setPipelines(set);
      program.setSyscallPipelines(set.syscallMasks(Abi.MAX_SYSCALLS), set.compactMask());
    } catch (RuntimeException e) {
      workers.values().forEach(ExporterWorker::close);
      if (metadata != null) {
        metadata.close();
      }
      program.close();
      throw e;
    }
    Collector collector = new Collector(program, metadata, loop, new ArrayList<>(workers.values()), metrics);
    try {
      for (PipelineDefinition d : pipelineDefinitions) {
        if (d.demo() != null) {
          collector.demos.add(DemoRunner.start(d.demo(), d.demoInterval()));
        }
      }
      collector.startTelemetry(settings, telemetry, exporterDefinitions);
    } catch (RuntimeException e) {
      collector.close();
      throw e;
    }
    return collector;
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

  /** What container or pod metadata is missing, one line each (said once, at start). */
  public List<String> metadataWarnings() {
    return metadata.warnings();
  }

  /** {@code tp_btf/sys_enter} or {@code raw_tp/sys_enter}. */
  public String attachPoint() {
    return program.attachPoint();
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  /** The kernel's counters now; after close, the last ones read. */
  public synchronized KernelCounters kernelCounters() {
    if (closed) {
      return lastCounters.get();
    }
    KernelCounters c = program.counters();
    lastCounters.set(c);
    return c;
  }

  /**
   * The counters for metric reads: one report or scrape reads every kernel count in a row, so
   * a reading younger than {@link #COUNTS_MAX_AGE_NANOS} serves them all with one map lookup.
   */
  private synchronized KernelCounters recentKernelCounters() {
    if (closed || System.nanoTime() - lastCountersAt < COUNTS_MAX_AGE_NANOS) {
      return lastCounters.get();
    }
    KernelCounters c = kernelCounters();
    lastCountersAt = System.nanoTime();
    return c;
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
      demos.forEach(DemoRunner::close);
      program.detach();
      kernelCounters();
      closed = true;
    }
    loop.stop();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ExporterWorker w : workers) {
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
