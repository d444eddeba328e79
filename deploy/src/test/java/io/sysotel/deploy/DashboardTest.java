package io.sysotel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * charts/sysotel/dashboards/sysotel.json asks for what sysotel really exports: Prometheus
 * metric names and labels scraped from a running collector, and Loki fields that are the OTLP
 * attributes the docs list (Loki turns dots into underscores).
 */
class DashboardTest {

  private static final Path FILE = Chart.DIR.resolve("dashboards/sysotel.json");
  private static final Pattern METRIC = Pattern.compile("\\bsysotel_[a-z0-9_]+");
  private static final Pattern BY = Pattern.compile("by \\(([^)]*)\\)");

  private static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(FILE.toFile());
  }

  /** Every target expression of the panels whose data source is of {@code type}. */
  private static List<String> expressions(String type) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard().path("panels")) {
      if (panel.path("datasource").path("type").asText().equals(type)) {
        panel.path("targets").forEach(t -> out.add(t.path("expr").asText()));
      }
    }
    return out;
  }

  @Test
  void panelsCoverWhatTheIssueAsksForAndEachHasAQuery() throws Exception {
    JsonNode d = dashboard();
    assertEquals("sysotel", d.path("uid").asText());
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : d.path("panels")) {
      titles.add(panel.path("title").asText());
      assertTrue(panel.path("targets").size() > 0, panel.path("title").asText());
      panel.path("targets").forEach(t -> assertTrue(!t.path("expr").asText().isBlank(), panel.path("title").asText()));
    }
    for (String wanted : List.of("Events/s per pipeline", "Lost events/s", "Export latency", "Export failures/s",
        "Top syscalls", "Top processes")) {
      assertTrue(titles.stream().anyMatch(t -> t.startsWith(wanted)), wanted + " in " + titles);
    }
  }

  @Test
  void lokiFieldsAreTheDocumentedOtlpAttributes() throws Exception {
    String docs = Files.readString(Chart.ROOT.resolve("docs/CONFIGURATION.md"));
    Set<String> fields = new TreeSet<>();
    for (String expr : expressions("loki")) {
      Matcher by = BY.matcher(expr);
      while (by.find()) {
        for (String f : by.group(1).split(",")) {
          fields.add(f.trim());
        }
      }
      Matcher sel = Pattern.compile("([a-z0-9_]+)\\s*(=|!=)").matcher(expr);
      while (sel.find()) {
        fields.add(sel.group(1));
      }
    }
    assertTrue(fields.containsAll(Set.of("syscall_function", "process_executable_name", "service_name")), fields.toString());
    for (String f : fields) {
      String attribute = f.replace('_', '.');
      assertTrue(docs.contains("`" + attribute + "`"), f + ": " + attribute + " is not an attribute docs/CONFIGURATION.md lists");
    }
  }

  /** Runs sysotel with its Prometheus endpoint and checks every name and label the dashboard asks for. Needs root. */
  @Test
  @Tag("root")
  void metricNamesAndLabelsAreThoseARunningCollectorServes() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path out = Files.createTempDirectory("sysotel-dash").resolve("events.jsonl");
    Path config = Cli.writeTemp("sysotel.yaml", """
        service:
          telemetry:
            metrics: { prometheus: "127.0.0.1:%d" }
        exporters:
          file: { path: "%s" }
        pipelines:
          p:
            condition: "process.name:sysotel-none"
            task: "syscalls|functions:personality"
            exporters: [file]
        """.formatted(port, out));
    String scrape;
    try (Cli.Running sysotel = Cli.start(List.of(), "run", "--config", config.toString())) {
      assertTrue(sysotel.awaitTracing(), sysotel.stderr());
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      scrape = r.body();
      assertEquals(0, sysotel.stop(), sysotel.stderr());
      assertTrue(sysotel.nothingAttached(), "nothing attached after exit");
    }
    Map<String, Set<String>> served = new java.util.HashMap<>();
    for (String line : scrape.lines().toList()) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
      Set<String> labels = served.computeIfAbsent(name, n -> new TreeSet<>());
      if (brace >= 0 && brace < space) {
        for (String kv : line.substring(brace + 1, line.indexOf('}')).split(",")) {
          labels.add(kv.substring(0, kv.indexOf('=')));
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (String expr : expressions("prometheus")) {
      Matcher m = METRIC.matcher(expr);
      while (m.find()) {
        String name = m.group();
        if (!served.containsKey(name)) {
          problems.add(name + " is not served (" + expr + ")");
          continue;
        }
        Matcher by = BY.matcher(expr);
        while (by.find()) {
          for (String label : by.group(1).split(",")) {
            if (!served.get(name).contains(label.trim())) {
              problems.add(name + " has no label " + label.trim() + " (" + expr + ")");
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems, "served: " + served);
  }
}
