package io.sysotel.collector.config;

import io.sysotel.collector.api.ExporterFactory;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.conditions.ConditionSyntaxException;
import io.sysotel.collector.pipeline.ExporterDefinition;
import io.sysotel.collector.task.Problem;
import io.sysotel.collector.task.TaskException;
import io.sysotel.collector.task.TaskParser;
import io.sysotel.collector.task.TaskSpec;
import io.sysotel.collector.util.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a configuration file. Every problem is reported at once, each with its
 * file, line and column, before anything is started.
 */
public final class ConfigLoader {

  private static final Set<String> TOP = Set.of("service", "exporters", "pipelines");
  private static final Set<String> SERVICE = Set.of("name", "admin", "telemetry", "kernel");
  private static final Set<String> ADMIN = Set.of("socket", "state");
  private static final Set<String> TELEMETRY = Set.of("metrics");
  private static final Set<String> METRICS = Set.of("interval", "exporters", "prometheus");
  private static final Set<String> KERNEL = Set.of("ringBufferSize", "wakeupBytes");
  private static final Set<String> PIPELINE = Set.of("condition", "syscalls", "task", "exporters");
  private static final Pattern COMPONENT_ID = Pattern.compile("[a-z][a-z0-9_]*(/[A-Za-z0-9_.-]+)?");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s:]+:\\d{1,5}|\\[[0-9a-fA-F:]+]:\\d{1,5}");

  private final TaskParser taskParser;
  private final Map<String, ExporterFactory> factories;

  public ConfigLoader(TaskParser taskParser, Map<String, ExporterFactory> factories) {
    this.taskParser = taskParser;
    this.factories = factories;
  }

  /** Reads a file; an unreadable file is a problem at line 1, column 1. */
  public CollectorConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigProblem(file.toString(), 1, 1,
          "cannot read the configuration: " + e.getClass().getSimpleName().replace("Exception", "")
              + " " + e.getMessage())));
    }
    return parse(text, file.toString());
  }

  public CollectorConfig parse(String text, String file) throws ConfigException {
    YamlNode root = YamlReader.read(text, file);
    return new Validation(text, file).run(root);
  }

  /** One validation pass, gathering problems. */
  private final class Validation {
    private final String[] lines;
    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    Validation(String text, String file) {
      this.lines = text.split("\n", -1);
      this.file = file;
    }

    CollectorConfig run(YamlNode root) throws ConfigException {
      YamlNode.Mapping top = mapping(root, "the configuration");
      if (top == null) {
        throw new ConfigException(problems);
      }
      checkKeys(top, TOP, "top level");
      List<ExporterDefinition> exporters = exporters(top.get("exporters"));
      List<String> exporterIds = exporters.stream().map(ExporterDefinition::id).toList();
      CollectorConfig.Service service = service(top.get("service"), exporterIds);
      List<CollectorConfig.Pipeline> pipelines = pipelines(top, exporterIds);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new CollectorConfig(service, exporters, pipelines);
    }

    private List<ExporterDefinition> exporters(YamlNode node) {
      List<ExporterDefinition> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      YamlNode.Mapping map = mapping(node, "exporters");
      if (map == null) {
        return out;
      }
      map.entries().forEach((id, entry) -> {
        if (!COMPONENT_ID.matcher(id).matches()) {
          problem(entry.keyLocation(), "exporter id \"" + id + "\" is not of the form type[/name]");
          return;
        }
        String type = ExporterDefinition.typeOf(id);
        ExporterFactory factory = factories.get(type);
        if (factory == null) {
          problem(entry.keyLocation(), "unknown exporter type \"" + type + "\""
              + Suggestions.didYouMean(type, factories.keySet()) + " (known: " + String.join(", ", factories.keySet()) + ")");
          return;
        }
        YamlNode value = entry.value();
        Map<String, Object> settings;
        if (value instanceof YamlNode.Scalar s && s.value() == null) {
          settings = Map.of();
        } else {
          YamlNode.Mapping m = mapping(value, "exporter " + id);
          if (m == null) {
            return;
          }
          settings = m.toPlainMap();
          for (String p : factory.validate(settings)) {
            int colon = p.indexOf(':');
            String key = colon > 0 ? p.substring(0, colon) : "";
            YamlNode.Entry at = m.entries().get(key);
            problem(at != null ? at.keyLocation() : entry.keyLocation(), "exporter " + id + ": " + p);
          }
        }
        out.add(new ExporterDefinition(id, type, settings));
      });
      return out;
    }

    private CollectorConfig.Service service(YamlNode node, List<String> exporterIds) {
      CollectorConfig.Service d = CollectorConfig.Service.defaults();
      if (node == null) {
        return d;
      }
      YamlNode.Mapping map = mapping(node, "service");
      if (map == null) {
        return d;
      }
      checkKeys(map, SERVICE, "service");
      String name = text(map, "name", d.name());
      Path socket = d.adminSocket();
      Path state = d.adminState();
      YamlNode.Mapping admin = optionalMapping(map, "admin");
      if (admin != null) {
        checkKeys(admin, ADMIN, "service.admin");
        socket = Path.of(text(admin, "socket", socket.toString()));
        String s = text(admin, "state", null);
        state = s == null ? null : Path.of(s);
      }
      Duration interval = d.metricsInterval();
      List<String> metricsExporters = d.metricsExporters();
      String prometheus = d.prometheus();
      YamlNode.Mapping telemetry = optionalMapping(map, "telemetry");
      YamlNode.Mapping metrics = telemetry == null ? null : optionalMapping(telemetry, "metrics");
      if (telemetry != null) {
        checkKeys(telemetry, TELEMETRY, "service.telemetry");
      }
      if (metrics != null) {
        checkKeys(metrics, METRICS, "service.telemetry.metrics");
        YamlNode i = metrics.get("interval");
        if (i != null) {
          try {
            interval = Units.duration(((YamlNode.Scalar) i).value());
          } catch (IllegalArgumentException | ClassCastException e) {
            problem(i.location(), "interval: " + message(e, "a duration"));
          }
        }
        metricsExporters = exporterRefs(metrics.get("exporters"), exporterIds, "service.telemetry.metrics");
        checkMetricsExporters(metrics.get("exporters"), metricsExporters);
        prometheus = text(metrics, "prometheus", null);
        if (prometheus != null && !HOST_PORT.matcher(prometheus).matches()) {
          problem(metrics.get("prometheus").location(), "prometheus: \"" + prometheus + "\" is not host:port");
        }
      }
      long ring = d.ringBufferBytes();
      long wakeup = d.wakeupBytes();
      YamlNode.Mapping kernel = optionalMapping(map, "kernel");
      if (kernel != null) {
        checkKeys(kernel, KERNEL, "service.kernel");
        ring = size(kernel, "ringBufferSize", ring, 4096, 1L << 30);
        wakeup = size(kernel, "wakeupBytes", wakeup, 1, 1L << 30);
      }
      return new CollectorConfig.Service(name, socket, state, interval, metricsExporters, prometheus, (int) ring, (int) wakeup);
    }

    private List<CollectorConfig.Pipeline> pipelines(YamlNode.Mapping top, List<String> exporterIds) {
      List<CollectorConfig.Pipeline> out = new ArrayList<>();
      YamlNode node = top.get("pipelines");
      if (node == null) {
        problem(top.location(), "no pipelines: add a pipelines: section with at least one pipeline");
        return out;
      }
      YamlNode.Mapping map = mapping(node, "pipelines");
      if (map == null) {
        return out;
      }
      if (map.entries().isEmpty()) {
        problem(map.location(), "pipelines: is empty; define at least one pipeline");
      }
      map.entries().forEach((id, entry) -> {
        YamlNode.Mapping p = mapping(entry.value(), "pipeline " + id);
        if (p == null) {
          return;
        }
        checkKeys(p, PIPELINE, "pipeline " + id);
        String conditionText = null;
        Condition condition = null;
        YamlNode c = p.get("condition");
        if (c == null) {
          problem(entry.keyLocation(), "pipeline " + id + " has no condition: a pipeline traces nothing"
              + " without one (use process.name:* for every process)");
        } else if (c instanceof YamlNode.Scalar s && s.value() != null) {
          conditionText = s.text();
          try {
            condition = Condition.parse(conditionText);
          } catch (ConditionSyntaxException e) {
            YamlNode.Location at = inside(s, e.position());
            problem(at, "pipeline " + id + ": " + e.getMessage());
          }
        } else {
          problem(c.location(), "pipeline " + id + ": condition must be a string, not " + YamlNode.kind(c));
        }
        TaskSpec task = task(id, entry, p);
        List<String> exporters = exporterRefs(p.get("exporters"), exporterIds, "pipeline " + id);
        if (p.get("exporters") == null) {
          problem(entry.keyLocation(), "pipeline " + id + " names no exporters: add exporters: [stdout] or another");
        }
        if (condition != null && task != null) {
          out.add(new CollectorConfig.Pipeline(id, conditionText, condition, task, exporters));
        }
      });
      return out;
    }

    private TaskSpec task(String id, YamlNode.Entry entry, YamlNode.Mapping p) {
      YamlNode syscalls = p.get("syscalls");
      YamlNode line = p.get("task");
      if (syscalls != null && line != null) {
        problem(line.location(), "pipeline " + id + ": give either syscalls: or task:, not both");
        return null;
      }
      if (syscalls == null && line == null) {
        problem(entry.keyLocation(), "pipeline " + id + " has no task: add a syscalls: block or a task: line");
        return null;
      }
      try {
        if (line != null) {
          if (!(line instanceof YamlNode.Scalar s) || s.value() == null) {
            problem(line.location(), "pipeline " + id + ": task must be a string like \"syscalls|functions:read+write\"");
            return null;
          }
          return taskParser.parse(s.text());
        }
        YamlNode.Mapping m = mapping(syscalls, "pipeline " + id + " syscalls");
        return m == null ? null : taskParser.parse(m.toPlainMap());
      } catch (TaskException e) {
        for (Problem problem : e.problems()) {
          YamlNode.Location at;
          if (line != null) {
            at = problem.column() > 0 ? inside((YamlNode.Scalar) line, problem.column() - 1) : line.location();
          } else {
            YamlNode.Entry option = ((YamlNode.Mapping) syscalls).entries().get(problem.where());
            at = option != null ? option.keyLocation() : syscalls.location();
          }
          problem(at, "pipeline " + id + ": " + problem.where() + ": " + problem.message());
        }
        return null;
      }
    }

    private List<String> exporterRefs(YamlNode node, List<String> known, String where) {
      List<String> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      if (!(node instanceof YamlNode.Sequence seq)) {
        problem(node.location(), where + ": exporters must be a list of exporter ids, e.g. [stdout]");
        return out;
      }
      for (YamlNode item : seq.items()) {
        String id = item instanceof YamlNode.Scalar s ? s.text() : "";
        if (!known.contains(id)) {
          problem(item.location(), where + ": unknown exporter \"" + id + "\"" + Suggestions.didYouMean(id, known)
              + (known.isEmpty() ? " (no exporters: section defines any)" : " (defined: " + String.join(", ", known) + ")"));
        } else {
          out.add(id);
        }
      }
      return out;
    }

    /** Each id named for metrics must be of a type that can export them, e.g. otlp. */
    private void checkMetricsExporters(YamlNode node, List<String> ids) {
      if (!(node instanceof YamlNode.Sequence seq)) {
        return;
      }
      List<String> capable = factories.values().stream().filter(ExporterFactory::exportsMetrics)
          .map(ExporterFactory::type).sorted().toList();
      for (YamlNode item : seq.items()) {
        String id = item instanceof YamlNode.Scalar s ? s.text() : "";
        ExporterFactory f = factories.get(ExporterDefinition.typeOf(id));
        if (ids.contains(id) && f != null && !f.exportsMetrics()) {
          problem(item.location(), "service.telemetry.metrics: exporter \"" + id + "\" of type " + f.type()
              + " cannot export metrics" + (capable.isEmpty() ? "" : " (types that can: " + String.join(", ", capable) + ")"));
        }
      }
    }

    private long size(YamlNode.Mapping map, String key, long fallback, long min, long max) {
      YamlNode n = map.get(key);
      if (n == null) {
        return fallback;
      }
      try {
        long v = Units.bytes(((YamlNode.Scalar) n).value());
        if (v < min || v > max) {
          problem(n.location(), key + ": " + v + " bytes is outside " + min + ".." + max);
          return fallback;
        }
        return v;
      } catch (IllegalArgumentException | ClassCastException e) {
        problem(n.location(), key + ": " + message(e, "a size"));
        return fallback;
      }
    }

    private String text(YamlNode.Mapping map, String key, String fallback) {
      YamlNode n = map.get(key);
      if (n == null) {
        return fallback;
      }
      if (n instanceof YamlNode.Scalar s && s.value() != null) {
        return s.text();
      }
      problem(n.location(), key + " must be a value, not " + YamlNode.kind(n));
      return fallback;
    }

    private YamlNode.Mapping optionalMapping(YamlNode.Mapping parent, String key) {
      YamlNode n = parent.get(key);
      return n == null ? null : mapping(n, key);
    }

    private YamlNode.Mapping mapping(YamlNode node, String what) {
      if (node instanceof YamlNode.Mapping m) {
        return m;
      }
      problem(node.location(), what + " must be a map, not " + YamlNode.kind(node));
      return null;
    }

    private void checkKeys(YamlNode.Mapping map, Set<String> known, String where) {
      map.entries().forEach((key, entry) -> {
        if (!known.contains(key)) {
          problem(entry.keyLocation(), "unknown key \"" + key + "\" in " + where + Suggestions.didYouMean(key, known)
              + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
      });
    }

    /** Where character {@code index} of a scalar's text is, allowing for an opening quote. */
    private YamlNode.Location inside(YamlNode.Scalar s, int index) {
      YamlNode.Location at = s.location();
      int line = at.line() - 1;
      int col = at.column() - 1;
      boolean quoted = line < lines.length && col < lines[line].length()
          && (lines[line].charAt(col) == '"' || lines[line].charAt(col) == '\'');
      return new YamlNode.Location(at.line(), at.column() + index + (quoted ? 1 : 0));
    }

    private void problem(YamlNode.Location at, String message) {
      problems.add(new ConfigProblem(file, at.line(), at.column(), message));
    }

    private String message(RuntimeException e, String what) {
      return e instanceof ClassCastException ? "must be " + what : e.getMessage();
    }
  }
}
