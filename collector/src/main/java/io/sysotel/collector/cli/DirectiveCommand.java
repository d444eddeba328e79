package io.sysotel.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysotel.collector.admin.AdminClient;
import io.sysotel.collector.config.CollectorConfig;
import io.sysotel.collector.config.ConfigException;
import io.sysotel.collector.config.ConfigLoader;
import io.sysotel.collector.pipeline.Exporters;
import io.sysotel.collector.task.TaskException;
import io.sysotel.collector.task.TaskParser;
import io.sysotel.collector.task.TaskSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sysotel d} / {@code sysotel directive}: directives on a running collector, over its admin socket. */
@Command(name = "directive", aliases = "d", mixinStandardHelpOptions = true,
    description = "Subscribe, list and unsubscribe directives on a running collector, or make it reload its configuration.",
    subcommands = {DirectiveCommand.Sub.class, DirectiveCommand.ListDirectives.class, DirectiveCommand.Unsub.class,
        DirectiveCommand.Reload.class})
final class DirectiveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"--socket", "-s"}, paramLabel = "PATH", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The collector's admin socket (default: service.admin.socket of --config, else "
          + "/run/sysotel/admin.sock).")
  Path socket;

  @Option(names = {"--config", "-f"}, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Find the admin socket in this configuration file.")
  Path config;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.BAD_INPUT;
  }

  /** Sends a request; prints errors and returns the exit code, or -1 with the response in {@code out[0]}. */
  int send(PrintWriter err, ObjectNode request, JsonNode[] out) {
    Path path = socket;
    if (path == null && config != null) {
      try {
        path = new ConfigLoader(TaskParser.forThisProcess(), Exporters.factories()).load(config).service().adminSocket();
      } catch (ConfigException e) {
        e.problems().forEach(err::println);
        return Main.BAD_INPUT;
      }
    }
    if (path == null) {
      path = CollectorConfig.Service.DEFAULT_ADMIN_SOCKET;
    }
    JsonNode response;
    try {
      response = AdminClient.call(path, request);
    } catch (AdminClient.UnreachableException e) {
      err.println("sysotel: " + e.getMessage());
      return Main.ENVIRONMENT;
    }
    if (!response.path("ok").asBoolean(false)) {
      JsonNode e = response.path("error");
      err.println("sysotel: " + e.path("message").asText("the collector refused the request"));
      for (JsonNode p : e.path("problems")) {
        err.println("  " + p.asText());
      }
      String code = e.path("code").asText("");
      return code.equals("forbidden") || code.equals("internal") ? Main.ENVIRONMENT : Main.BAD_INPUT;
    }
    out[0] = response;
    return -1;
  }

  @Command(name = "sub", mixinStandardHelpOptions = true, description = "Subscribe a directive; prints its id.")
  static final class Sub implements Callable<Integer> {
    @ParentCommand DirectiveCommand parent;
    @Spec CommandSpec spec;

    @Option(names = {"-c", "--condition"}, paramLabel = "COND",
        description = "Which processes, e.g. \"process.name:curl\". Without one the directive traces nothing.")
    String condition;

    @Option(names = {"-t", "--task"}, paramLabel = "TASK", required = true,
        description = "Which syscalls, e.g. \"syscalls|functions:read+write\"; functions:@FILE and functions:@-"
            + " (standard input) are read here. Repeatable: one directive per task.")
    List<String> tasks;

    @Option(names = "--exporter", paramLabel = "ID", description = "An exporter the collector defines"
        + " (default: all of them); repeatable.")
    List<String> exporters = new ArrayList<>();

    @Option(names = "--id", paramLabel = "ID", description = "The directive's id (default: a new random one).")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (id != null && tasks.size() > 1) {
        err.println("sysotel: --id names one directive, but " + tasks.size() + " tasks were given");
        return Main.BAD_INPUT;
      }
      List<String> resolved = new ArrayList<>();
      TaskParser parser = TaskParser.forThisProcess();
      for (String task : tasks) {
        try {
          resolved.add(resolveFiles(task, parser));
        } catch (TaskException e) {
          err.println("sysotel: task: " + e.getMessage());
          return Main.BAD_INPUT;
        }
      }
      for (String task : resolved) {
        ObjectNode r = AdminClient.request().put("op", "sub").put("task", task);
        if (condition != null) {
          r.put("condition", condition);
        }
        if (id != null) {
          r.put("id", id);
        }
        if (!exporters.isEmpty()) {
          exporters.forEach(r.putArray("exporters")::add);
        }
        JsonNode[] response = new JsonNode[1];
        int code = parent.send(err, r, response);
        if (code >= 0) {
          return code;
        }
        if (response[0].has("warning")) {
          err.println("sysotel: warning: " + response[0].get("warning").asText());
          err.flush();
        }
        out.println(response[0].path("directive").path("id").asText());
        out.flush();
      }
      return Main.OK;
    }
  }

  private static final Pattern FILE_FUNCTIONS = Pattern.compile("(functions\\s*:\\s*)@[^;]*");

  /**
   * The task with {@code functions:@FILE} or {@code functions:@-} replaced by the names read
   * here, on the client, since the collector sees neither this directory nor this stdin.
   */
  static String resolveFiles(String task, TaskParser parser) {
    Matcher m = FILE_FUNCTIONS.matcher(task);
    if (!m.find()) {
      return task;
    }
    TaskSpec spec = parser.parse(task);
    String names = spec.all() ? "ALL" : String.join("+", spec.functions());
    return task.substring(0, m.start()) + m.group(1) + names + task.substring(m.end());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the running directives and pipelines.")
  static final class ListDirectives implements Callable<Integer> {
    @ParentCommand DirectiveCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the collector's JSON answer as is.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode[] response = new JsonNode[1];
      int code = parent.send(spec.commandLine().getErr(), AdminClient.request().put("op", "list"), response);
      if (code >= 0) {
        return code;
      }
      if (json) {
        out.println(response[0]);
        out.flush();
        return Main.OK;
      }
      out.printf("%-22s %-6s %-20s %10s %10s %8s  %-16s %s | %s%n",
          "ID", "ORIGIN", "SINCE", "MATCHED", "EXPORTED", "LOST", "EXPORTERS", "CONDITION", "TASK");
      for (JsonNode d : response[0].path("directives")) {
        List<String> exporters = new ArrayList<>();
        d.path("exporters").forEach(e -> exporters.add(e.asText()));
        String since = d.path("since").asText();
        out.printf("%-22s %-6s %-20s %10d %10d %8d  %-16s %s | %s%n", d.path("id").asText(), d.path("origin").asText(),
            since.length() > 19 ? since.substring(0, 19) + "Z" : since, d.path("matched").asLong(),
            d.path("exported").asLong(), d.path("lost").asLong(), String.join(",", exporters),
            d.path("condition").asText(), d.path("task").asText());
      }
      out.flush();
      return Main.OK;
    }
  }

  @Command(name = "unsub", mixinStandardHelpOptions = true, description = "Unsubscribe a directive by id.")
  static final class Unsub implements Callable<Integer> {
    @ParentCommand DirectiveCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "The directive's id, as sub printed it.")
    List<String> ids;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (String id : ids) {
        JsonNode[] response = new JsonNode[1];
        int code = parent.send(spec.commandLine().getErr(), AdminClient.request().put("op", "unsub").put("id", id), response);
        if (code >= 0) {
          return code;
        }
        JsonNode d = response[0].path("directive");
        out.printf("unsubscribed %s: %d matched, %d exported, %d lost%n", id, d.path("matched").asLong(),
            d.path("exported").asLong(), d.path("lost").asLong());
        out.flush();
      }
      return Main.OK;
    }
  }

  @Command(name = "reload", mixinStandardHelpOptions = true,
      description = "Make the collector reread its configuration file and apply the difference (as SIGHUP does).")
  static final class Reload implements Callable<Integer> {
    @ParentCommand DirectiveCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode[] response = new JsonNode[1];
      int code = parent.send(spec.commandLine().getErr(), AdminClient.request().put("op", "reload"), response);
      if (code >= 0) {
        return code;
      }
      JsonNode r = response[0];
      out.printf("reloaded %s: added %s, removed %s, replaced %s, unchanged %s%n", r.path("config").asText(),
          names(r.path("added")), names(r.path("removed")), names(r.path("replaced")), names(r.path("unchanged")));
      out.flush();
      return Main.OK;
    }

    private static String names(JsonNode list) {
      List<String> out = new ArrayList<>();
      list.forEach(n -> out.add(n.asText()));
      return out.isEmpty() ? "none" : String.join(", ", out);
    }
  }
}
