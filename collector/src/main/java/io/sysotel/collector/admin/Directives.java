package io.sysotel.collector.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysotel.collector.admin.AdminException.Code;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.conditions.ConditionSyntaxException;
import io.sysotel.collector.config.CollectorConfig;
import io.sysotel.collector.config.ConfigException;
import io.sysotel.collector.config.ConfigLoader;
import io.sysotel.collector.kernel.Abi;
import io.sysotel.collector.pipeline.Collector;
import io.sysotel.collector.pipeline.ExporterDefinition;
import io.sysotel.collector.pipeline.PipelineDefinition;
import io.sysotel.collector.syscalls.SyscallSet;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.task.TaskException;
import io.sysotel.collector.task.TaskParser;
import io.sysotel.collector.task.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The admin API's operations on a running collector: {@code sub}, {@code list}, {@code unsub}
 * and {@code reload}. Pipelines from the configuration file and directives subscribed over the
 * socket run side by side; a reload changes only the former. Directives live in memory unless
 * {@code service.admin.state} names a file, where they are saved on every change and from
 * which they are subscribed again at start.
 */
public final class Directives implements AdminServer.Handler {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final String ORIGIN_CONFIG = "config";
  private static final String ORIGIN_CLI = "cli";
  private static final char[] BASE32 = "0123456789abcdefghijklmnopqrstuv".toCharArray();

  /** What a running pipeline was made from, as the user wrote it. */
  private record Entry(String origin, String condition, String task, CollectorConfig.Pipeline config) {}

  private final Collector collector;
  private final Path configFile;
  private final ConfigLoader loader;
  private final Path stateFile;
  private final TaskParser tasks =
      new TaskParser(SyscallTable.x86_64(), Path.of("/"), InputStream.nullInputStream());
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private CollectorConfig config;

  /**
   * @param config the configuration the collector started from
   * @param configFile where to reread it on reload; null when the collector runs without one
   * @param stateFile where subscribed directives are kept; null to keep them in memory only
   */
  public Directives(Collector collector, CollectorConfig config, Path configFile, ConfigLoader loader, Path stateFile) {
    this.collector = collector;
    this.config = config;
    this.configFile = configFile;
    this.loader = loader;
    this.stateFile = stateFile;
    for (CollectorConfig.Pipeline p : config.pipelines()) {
      entries.put(p.id(), new Entry(ORIGIN_CONFIG, p.conditionText(), taskLine(p.task()), p));
    }
  }

  @Override
  public synchronized ObjectNode handle(JsonNode request) throws AdminException {
    String op = text(request, "op", true);
    return switch (op) {
      case "sub" -> subscribe(request);
      case "list" -> list();
      case "unsub" -> unsubscribe(text(request, "id", true));
      case "reload" -> reload();
      default -> throw new AdminException(Code.BAD_REQUEST,
          "unknown op \"" + op + "\" (known: sub, list, unsub, reload)");
    };
  }

  private ObjectNode subscribe(JsonNode request) throws AdminException {
    String conditionText = text(request, "condition", false);
    String taskText = text(request, "task", true);
    String id = text(request, "id", false);
    List<String> exporters = strings(request, "exporters");
    Condition condition;
    try {
      // Without a condition a directive is kept but traces nothing, as in the reference product.
      condition = Condition.parse(conditionText == null ? "process.name:*" : conditionText);
    } catch (ConditionSyntaxException e) {
      throw new AdminException(Code.BAD_REQUEST, e.getMessage());
    }
    if (taskText.matches("(?s).*functions\\s*:\\s*@.*")) {
      throw new AdminException(Code.BAD_REQUEST, "task: functions:@FILE and functions:@- are read by the client"
          + " (sysotel d sub); over the socket, send the function names, e.g. functions:read+write");
    }
    TaskSpec task;
    try {
      task = tasks.parse(taskText);
    } catch (TaskException e) {
      throw new AdminException(Code.BAD_REQUEST, "task: " + e.getMessage(),
          e.problems().stream().map(Object::toString).toList());
    }
    if (id == null) {
      id = newId();
    } else if (!ID.matcher(id).matches()) {
      throw new AdminException(Code.BAD_REQUEST, "id \"" + id + "\" must be 1 to 64 letters, digits, '_', '.' or '-',"
          + " starting with a letter or digit");
    } else if (entries.containsKey(id)) {
      throw new AdminException(Code.CONFLICT, "a directive with id " + id + " is already running (from "
          + entries.get(id).origin() + "): choose another --id or unsubscribe it first");
    }
    if (exporters.isEmpty()) {
      exporters = collector.exporterIds().stream().sorted().toList();
    }
    PipelineDefinition d = conditionText == null
        ? new PipelineDefinition(id, condition, SyscallSet.of(), task.compact(), task.meta(), exporters, null,
            task.demoInterval(), task.limits())
        : new PipelineDefinition(id, condition, task.syscalls(), task.compact(), task.meta(), exporters, task.demo(),
            task.demoInterval(), task.limits());
    try {
      collector.add(List.of(d));
    } catch (Collector.PipelineChangeException e) {
      throw new AdminException(Code.CONFLICT, e.getMessage());
    }
    entries.put(id, new Entry(ORIGIN_CLI, conditionText == null ? "" : conditionText, taskText, null));
    save();
    ObjectNode out = AdminServer.JSON.createObjectNode();
    out.set("directive", describe(find(id)));
    if (conditionText == null) {
      out.put("warning", "no condition: directive " + id + " is kept but traces nothing (a task runs only with a"
          + " condition; process.name:* matches every process)");
    }
    return out;
  }

  private ObjectNode list() {
    ObjectNode out = AdminServer.JSON.createObjectNode();
    ArrayNode all = out.putArray("directives");
    for (Collector.PipelineStatus s : collector.pipelines()) {
      all.add(describe(s));
    }
    return out;
  }

  private ObjectNode unsubscribe(String id) throws AdminException {
    if (!entries.containsKey(id)) {
      throw new AdminException(Code.NOT_FOUND, "no directive " + id + " is running"
          + (entries.isEmpty() ? "" : " (running: " + String.join(", ", entries.keySet()) + ")"));
    }
    Collector.PipelineStatus last = collector.remove(id);
    ObjectNode out = AdminServer.JSON.createObjectNode();
    if (last != null) {
      out.set("directive", describe(last));
    }
    entries.remove(id);
    save();
    return out;
  }

  /**
   * Rereads the configuration file and applies the difference: new pipelines are added, removed
   * ones stopped, changed ones replaced, unchanged ones left running; new exporters are set up,
   * removed ones closed, changed ones set up anew with the pipelines that use them replaced. A
   * file with any problem changes nothing.
   */
  public synchronized ObjectNode reload() throws AdminException {
    if (configFile == null) {
      throw new AdminException(Code.BAD_REQUEST, "this collector runs without a configuration file: nothing to reload");
    }
    CollectorConfig next;
    try {
      next = loader.load(configFile);
    } catch (ConfigException e) {
      throw new AdminException(Code.BAD_REQUEST, configFile + " has " + e.problems().size() + " problem"
          + (e.problems().size() == 1 ? "" : "s") + "; nothing changed",
          e.problems().stream().map(Object::toString).toList());
    }
    List<String> problems = new ArrayList<>();
    Map<String, ExporterDefinition> before = new LinkedHashMap<>();
    config.exporters().forEach(x -> before.put(x.id(), x));
    List<ExporterDefinition> newExporters = new ArrayList<>();
    List<ExporterDefinition> changedExporters = new ArrayList<>();
    for (ExporterDefinition x : next.exporters()) {
      ExporterDefinition old = before.remove(x.id());
      if (old == null) {
        newExporters.add(x);
      } else if (!old.equals(x)) {
        changedExporters.add(x);
      }
    }
    Set<String> closing = new LinkedHashSet<>(before.keySet()); // removed, and changed (set up anew)
    changedExporters.forEach(x -> closing.add(x.id()));
    for (String x : closing) {
      if (config.service().metricsExporters().contains(x)) {
        problems.add("exporter " + x + " carries the collector's own metrics (service.telemetry.metrics): restart the"
            + " collector to change or remove it");
      }
    }
    // A pipeline on a changed exporter is replaced with it; a directive cannot be, so it blocks.
    Set<String> onChanged = new LinkedHashSet<>();
    for (Collector.PipelineStatus s : collector.pipelines()) {
      for (String x : s.definition().exporterIds()) {
        if (!closing.contains(x)) {
          continue;
        }
        Entry e = entries.get(s.id());
        if (e == null || !e.origin().equals(ORIGIN_CONFIG)) {
          problems.add("exporter " + x + (before.containsKey(x) ? " was removed" : " changed") + " but directive "
              + s.id() + " sends to it: unsubscribe the directive first");
        } else {
          onChanged.add(s.id());
        }
      }
    }
    List<String> removed = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<PipelineDefinition> toAdd = new ArrayList<>();
    Map<String, CollectorConfig.Pipeline> wanted = new LinkedHashMap<>();
    next.pipelines().forEach(p -> wanted.put(p.id(), p));
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (!e.getValue().origin().equals(ORIGIN_CONFIG)) {
        if (wanted.containsKey(e.getKey())) {
          problems.add("pipeline " + e.getKey() + " has the id of a subscribed directive: rename it or unsubscribe the directive");
        }
        continue;
      }
      CollectorConfig.Pipeline now = wanted.get(e.getKey());
      if (now == null) {
        removed.add(e.getKey());
      } else if (!same(now, e.getValue().config()) || onChanged.contains(e.getKey())) {
        replaced.add(e.getKey());
      } else {
        unchanged.add(e.getKey());
      }
    }
    List<String> added = new ArrayList<>();
    for (CollectorConfig.Pipeline p : next.pipelines()) {
      if (!entries.containsKey(p.id())) {
        added.add(p.id());
      }
      if (!unchanged.contains(p.id()) && !problems.stream().anyMatch(x -> x.startsWith("pipeline " + p.id() + " "))) {
        toAdd.add(p.definition());
      }
    }
    int after = entries.size() - removed.size() - replaced.size() + toAdd.size();
    if (after > Abi.MAX_PIPELINES) {
      problems.add("the new configuration would run " + after + " pipelines with the subscribed directives;"
          + " at most " + Abi.MAX_PIPELINES + " can run at once");
    }
    if (!problems.isEmpty()) {
      throw new AdminException(Code.BAD_REQUEST, "cannot apply " + configFile + "; nothing changed", problems);
    }
    for (String id : removed) {
      collector.remove(id);
      entries.remove(id);
    }
    for (String id : replaced) {
      collector.remove(id);
      entries.remove(id);
    }
    try {
      collector.removeExporters(closing);
      collector.addExporters(newExporters);
      collector.addExporters(changedExporters);
      collector.add(toAdd);
    } catch (Collector.PipelineChangeException e) {
      throw new AdminException(Code.INTERNAL, "reload stopped half-way: " + e.getMessage());
    }
    for (CollectorConfig.Pipeline p : next.pipelines()) {
      if (!unchanged.contains(p.id())) {
        entries.put(p.id(), new Entry(ORIGIN_CONFIG, p.conditionText(), taskLine(p.task()), p));
      }
    }
    config = next;
    ObjectNode out = AdminServer.JSON.createObjectNode();
    out.put("config", configFile.toString());
    ArrayNode a = out.putArray("added");
    added.forEach(a::add);
    ArrayNode r = out.putArray("removed");
    removed.forEach(r::add);
    ArrayNode c = out.putArray("replaced");
    replaced.forEach(c::add);
    ArrayNode u = out.putArray("unchanged");
    unchanged.forEach(u::add);
    return out;
  }

  /** Reload for SIGHUP: the outcome, or every problem, printed as lines on {@code err}. */
  public void reloadAndReport(PrintWriter err) {
    try {
      ObjectNode r = reload();
      err.println("sysotel: reloaded " + r.get("config").asText() + ": added " + r.get("added") + ", removed "
          + r.get("removed") + ", replaced " + r.get("replaced") + ", unchanged " + r.get("unchanged"));
    } catch (AdminException e) {
      err.println("sysotel: reload: " + e.getMessage());
      e.problems().forEach(p -> err.println("  " + p));
    } catch (RuntimeException e) {
      err.println("sysotel: reload failed: " + e);
    }
    err.flush();
  }

  private static boolean same(CollectorConfig.Pipeline a, CollectorConfig.Pipeline b) {
    return a.conditionText().equals(b.conditionText()) && a.task().equals(b.task()) && a.exporters().equals(b.exporters());
  }

  /**
   * Subscribes again the directives kept in the state file; one that no longer fits (an
   * exporter gone, say) is reported on {@code err} and dropped.
   */
  public synchronized void restore(PrintWriter err) {
    if (stateFile == null || !Files.exists(stateFile)) {
      return;
    }
    JsonNode saved;
    try {
      saved = AdminServer.JSON.readTree(stateFile.toFile());
    } catch (IOException e) {
      err.println("sysotel: cannot read the directives state file " + stateFile + ": " + e.getMessage()
          + "; starting without its directives");
      err.flush();
      return;
    }
    for (JsonNode d : saved.path("directives")) {
      try {
        subscribe(d);
      } catch (AdminException | RuntimeException e) {
        err.println("sysotel: directive " + d.path("id").asText("?") + " from " + stateFile + " dropped: " + e.getMessage());
      }
    }
    err.flush();
    save();
  }

  /** Writes the subscribed directives to the state file, atomically; no-op without one. */
  private void save() {
    if (stateFile == null) {
      return;
    }
    ObjectNode root = AdminServer.JSON.createObjectNode();
    ArrayNode all = root.putArray("directives");
    for (Collector.PipelineStatus s : collector.pipelines()) {
      Entry e = entries.get(s.id());
      if (e == null || !e.origin().equals(ORIGIN_CLI)) {
        continue;
      }
      ObjectNode d = all.addObject();
      d.put("id", s.id());
      if (!e.condition().isEmpty()) {
        d.put("condition", e.condition());
      }
      d.put("task", e.task());
      s.definition().exporterIds().forEach(d.putArray("exporters")::add);
    }
    try {
      Files.createDirectories(stateFile.toAbsolutePath().getParent());
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      Files.writeString(tmp, AdminServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
      Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the directives state file " + stateFile + ": " + e.getMessage(), e);
    }
  }

  private Collector.PipelineStatus find(String id) {
    return collector.pipelines().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private ObjectNode describe(Collector.PipelineStatus s) {
    Entry e = entries.get(s.id());
    ObjectNode d = AdminServer.JSON.createObjectNode();
    d.put("id", s.id());
    d.put("origin", e == null ? ORIGIN_CLI : e.origin());
    d.put("condition", e == null ? "" : e.condition());
    d.put("task", e == null ? "" : e.task());
    s.definition().exporterIds().forEach(d.putArray("exporters")::add);
    d.put("since", s.since().toString());
    d.put("matched", s.matched());
    d.put("exported", s.exported());
    d.put("lost", s.lost());
    return d;
  }

  /** A task in the one-line form, for listing a pipeline that a YAML syscalls: block defined. */
  static String taskLine(TaskSpec t) {
    List<String> options = new ArrayList<>();
    if (t.all()) {
      options.add("functions:ALL");
    } else if (!t.functions().isEmpty()) {
      options.add("functions:" + String.join("+", t.functions()));
    }
    if (!t.capabilities().isEmpty()) {
      options.add("capabilities:" + String.join("+", t.capabilities()));
    }
    if (t.compact()) {
      options.add("compact:true");
    }
    String meta = t.meta().toString();
    if (!meta.equals("(all)")) {
      options.add("meta:" + meta);
    }
    if (t.demo() != null) {
      options.add("demo:" + t.demo().id());
      options.add("demoInterval:" + t.demoInterval().toSeconds());
    }
    return TaskParser.TASK_NAME + "|" + String.join(";", options);
  }

  /** A directive id like the reference product's: 20 characters of base32 from 96 random bits. */
  private String newId() {
    while (true) {
      byte[] bytes = new byte[12];
      random.nextBytes(bytes);
      StringBuilder b = new StringBuilder(20);
      long bits = 0;
      int have = 0;
      for (byte x : bytes) {
        bits = (bits << 8) | (x & 0xff);
        have += 8;
        while (have >= 5) {
          b.append(BASE32[(int) (bits >>> (have - 5)) & 31]);
          have -= 5;
        }
      }
      if (have > 0) {
        b.append(BASE32[(int) (bits << (5 - have)) & 31]);
      }
      String id = b.toString();
      if (!entries.containsKey(id)) {
        return id;
      }
    }
  }

  private static String text(JsonNode request, String field, boolean required) throws AdminException {
    JsonNode n = request.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new AdminException(Code.BAD_REQUEST, "missing field \"" + field + "\"");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new AdminException(Code.BAD_REQUEST, "field \"" + field + "\" must be a string");
    }
    return n.asText();
  }

  private static List<String> strings(JsonNode request, String field) throws AdminException {
    JsonNode n = request.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new AdminException(Code.BAD_REQUEST, "field \"" + field + "\" must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isTextual()) {
        throw new AdminException(Code.BAD_REQUEST, "field \"" + field + "\" must be a list of strings");
      }
      out.add(Objects.requireNonNull(x.asText()));
    }
    return out;
  }
}
