package io.sysotel.collector.cli;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.admin.AdminServer;
import io.sysotel.collector.admin.Directives;
import io.sysotel.collector.api.ExporterFactory;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.conditions.ConditionSyntaxException;
import io.sysotel.collector.config.CollectorConfig;
import io.sysotel.collector.config.ConfigException;
import io.sysotel.collector.config.ConfigLoader;
import io.sysotel.collector.kernel.EnvironmentException;
import io.sysotel.collector.kernel.KernelCounters;
import io.sysotel.collector.kernel.SysotelProgram;
import io.sysotel.collector.pipeline.Collector;
import io.sysotel.collector.pipeline.ExporterDefinition;
import io.sysotel.collector.pipeline.Exporters;
import io.sysotel.collector.pipeline.Identity;
import io.sysotel.collector.pipeline.MetricNames;
import io.sysotel.collector.process.ProcessCache;
import io.sysotel.collector.task.TaskException;
import io.sysotel.collector.telemetry.HealthServer;
import io.sysotel.collector.telemetry.Telemetry;
import io.sysotel.collector.task.TaskParser;
import io.sysotel.collector.task.TaskSpec;
import io.sysotel.collector.util.Suggestions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sysotel run}: traces until SIGINT or SIGTERM, from a configuration file, from one
 * ad-hoc pipeline ({@code -c COND -t TASK}), or, with neither, from the built-in demo pipeline.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Trace syscalls until SIGINT or SIGTERM.")
final class RunCommand implements Callable<Integer> {

  /** The built-in default: the demo simulations, and exactly the syscalls they make. */
  static final String DEFAULT_CONDITION = "process.name:sysotel-demo";
  static final String DEFAULT_TASK = "syscalls|functions:chown+mlockall+mlock+kill+socket+setsockopt+bind"
      + "+setuid+setreuid+chroot+setns+ptrace;demo:all;demoInterval:10";

  @Spec CommandSpec spec;

  private ConfigLoader configLoader;

  @Option(names = {"--config", "-f"}, paramLabel = "FILE", description = "Run every pipeline of this YAML file.")
  Path config;

  @Option(names = {"-c", "--condition"}, paramLabel = "COND",
      description = "Which processes, e.g. \"process.capeff:CAP_NET_RAW OR process.capamb:CAP_NET_RAW\".")
  String condition;

  @Option(names = {"-t", "--task"}, paramLabel = "TASK",
      description = "Which syscalls, e.g. \"syscalls|functions:read+write;compact:true\".")
  String task;

  @Option(names = "--exporter", paramLabel = "EXPORTER",
      description = "stdout (the default), file=PATH or otlp=URL; repeatable.")
  List<String> exporters = new ArrayList<>();

  @Option(names = "--admin-socket", paramLabel = "PATH",
      description = "Serve the admin API (sysotel d ...) here; with --config, service.admin.socket says where.")
  Path adminSocket;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    CollectorConfig cfg;
    try {
      cfg = configuration();
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println(p));
      return Main.BAD_INPUT;
    } catch (BadInput e) {
      err.println("sysotel: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    Identity id = Identity.ofThisHost();
    CollectorConfig.Service s = cfg.service();
    Collector.Settings settings = new Collector.Settings(id.hostname(), id.agentId(), id.instanceId(),
        new SysotelProgram.Settings(s.ringBufferBytes(), s.wakeupBytes(), SysotelProgram.DEFAULT_VERDICT_ENTRIES),
        Collector.DEFAULT_EXPORTER_QUEUE_RECORDS, ProcessCache.DEFAULT_MAX_ENTRIES, cfg.metadata());
    CountDownLatch stop = Signals.onTermination();
    MetricRegistry metrics = new MetricRegistry();
    HealthServer health;
    Collector collector;
    try {
      health = startHealth(s.health());
    } catch (EnvironmentException e) {
      err.println("sysotel: " + e.getMessage());
      return Main.ENVIRONMENT;
    }
    try {
      collector = Collector.start(settings, cfg.exporters(),
          cfg.pipelines().stream().map(CollectorConfig.Pipeline::definition).toList(), metrics,
          new Telemetry.Settings(s.metricsInterval(), s.metricsExporters(), s.prometheus()));
    } catch (EnvironmentException e) {
      if (health != null) {
        health.close();
      }
      err.println("sysotel: " + e.getMessage());
      return Main.ENVIRONMENT;
    }
    collector.metadataWarnings().forEach(w -> err.println("sysotel: warning: " + w));
    Directives directives = new Directives(collector, cfg, config, configLoader, s.adminState());
    AdminServer admin;
    try {
      admin = startAdmin(err, s, directives);
    } catch (EnvironmentException | AdminServer.SocketInUseException e) {
      collector.close();
      if (health != null) {
        health.close();
      }
      err.println("sysotel: " + e.getMessage());
      return Main.ENVIRONMENT;
    }
    Thread hook = new Thread(() -> {
      if (admin != null) {
        admin.close();
      }
      collector.close();
    }, "sysotel-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (config != null) {
      Signals.onHangup(() -> directives.reloadAndReport(err));
    }
    directives.restore(err);
    err.printf("sysotel: tracing %d pipeline%s at %s%s%n", cfg.pipelines().size(),
        cfg.pipelines().size() == 1 ? "" : "s", collector.attachPoint(),
        admin == null ? "" : "; admin socket " + admin.path());
    err.flush();
    if (health != null) {
      // Ready from here on: attached, pipelines and the admin API up (while required exporters connect).
      List<String> required = s.health().requireExporters();
      health.setReadiness(() -> collector.readinessProblems(required));
    }
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (admin != null) {
      admin.close();
    }
    collector.close();
    if (health != null) {
      health.close();
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    summary(err, collector);
    return Main.OK;
  }

  /** The health endpoint, listening before the program is loaded so liveness holds meanwhile. */
  private static HealthServer startHealth(CollectorConfig.Health h) {
    if (h.endpoint() == null) {
      return null;
    }
    try {
      return HealthServer.start(h.endpoint());
    } catch (java.io.IOException e) {
      throw new EnvironmentException("cannot serve the health endpoint on " + h.endpoint() + ": " + e.getMessage()
          + "; choose a free address in service.telemetry.health.endpoint", e);
    }
  }

  /**
   * The admin socket: for a configuration file, the one it names (when it names none, the
   * default, which another collector may already serve: then this one runs without it); for
   * an ad-hoc pipeline, only with --admin-socket.
   */
  private AdminServer startAdmin(PrintWriter err, CollectorConfig.Service s, Directives directives) {
    Path path = config != null ? s.adminSocket() : adminSocket;
    if (path == null) {
      return null;
    }
    try {
      return AdminServer.start(path, directives);
    } catch (AdminServer.SocketInUseException e) {
      if (config != null && path.equals(CollectorConfig.Service.DEFAULT_ADMIN_SOCKET)) {
        err.println("sysotel: " + e.getMessage() + "; running without the admin API");
        return null;
      }
      throw e;
    }
  }

  private static void summary(PrintWriter err, Collector collector) {
    KernelCounters k = collector.kernelCounters();
    MetricRegistry m = collector.metrics();
    err.printf("sysotel: stopped; kernel: %d seen, %d filtered, %d submitted, %d lost, %d wake-ups; user space: %d filtered, %d malformed%n",
        k.seen(), k.filtered(), k.submitted(), k.lost(), k.wakeups(), m.counter(MetricNames.USER_FILTERED).getCount(),
        m.counter(MetricNames.MALFORMED).getCount());
    m.getCounters((name, metric) -> name.startsWith("sysotel.exporter.")).forEach((name, c) ->
        err.printf("sysotel: %s %d%n", name, c.getCount()));
    err.flush();
  }

  private CollectorConfig configuration() throws ConfigException {
    TaskParser tasks = TaskParser.forThisProcess();
    Map<String, ExporterFactory> factories = Exporters.factories();
    configLoader = new ConfigLoader(tasks, factories);
    if (config != null) {
      if (condition != null || task != null || !exporters.isEmpty()) {
        throw new BadInput("--config cannot be combined with -c, -t or --exporter");
      }
      return configLoader.load(config);
    }
    if (condition == null && task == null) {
      condition = DEFAULT_CONDITION;
      task = DEFAULT_TASK;
    } else if (condition == null) {
      throw new BadInput("a condition is required (-c), e.g. -c process.name:curl;"
          + " nothing is traced without one (process.name:* matches every process)");
    } else if (task == null) {
      throw new BadInput("a task is required (-t), e.g. -t \"syscalls|functions:read+write\"");
    }
    Condition parsed;
    try {
      parsed = Condition.parse(condition);
    } catch (ConditionSyntaxException e) {
      throw new BadInput(e.getMessage());
    }
    TaskSpec spec;
    try {
      spec = tasks.parse(task);
    } catch (TaskException e) {
      throw new BadInput("task: " + e.getMessage());
    }
    List<ExporterDefinition> defs = exporterDefinitions(factories);
    CollectorConfig.Pipeline pipeline = new CollectorConfig.Pipeline("cli", condition, parsed, spec,
        defs.stream().map(ExporterDefinition::id).toList());
    return new CollectorConfig(CollectorConfig.Service.defaults(), defs, List.of(pipeline));
  }

  /** {@code stdout}, {@code file=PATH}, {@code otlp=URL}; ids get a /N suffix when a type repeats. */
  private List<ExporterDefinition> exporterDefinitions(Map<String, ExporterFactory> factories) {
    List<String> specs = exporters.isEmpty() ? List.of("stdout") : exporters;
    Map<String, ExporterDefinition> out = new LinkedHashMap<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      String type = eq < 0 ? s : s.substring(0, eq);
      String value = eq < 0 ? null : s.substring(eq + 1);
      ExporterFactory f = factories.get(type);
      if (f == null) {
        throw new BadInput("unknown exporter \"" + type + "\"" + Suggestions.didYouMean(type, factories.keySet())
            + " (available: " + String.join(", ", factories.keySet()) + ")");
      }
      Map<String, Object> settings = new LinkedHashMap<>();
      if (value != null) {
        switch (type) {
          case "file" -> settings.put("path", value);
          case "otlp" -> settings.put("endpoint", value);
          default -> throw new BadInput("exporter " + type + " takes no value (got \"" + value + "\")");
        }
      }
      List<String> problems = f.validate(settings);
      if (!problems.isEmpty()) {
        throw new BadInput("--exporter " + s + ": " + String.join("; ", problems));
      }
      String id = type;
      for (int n = 2; out.containsKey(id); n++) {
        id = type + "/" + n;
      }
      out.put(id, new ExporterDefinition(id, type, settings));
    }
    return new ArrayList<>(out.values());
  }

  /** Bad command-line input: printed as one message, exit 2. */
  private static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }
}
