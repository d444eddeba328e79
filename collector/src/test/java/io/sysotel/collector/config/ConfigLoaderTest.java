package io.sysotel.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.api.ExporterFactory;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.task.TaskParser;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  /** Stand-ins for exporter factories: the collector module cannot see the real ones. */
  private static ExporterFactory factory(String type, String requiredKey) {
    return new ExporterFactory() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public List<String> validate(Map<String, Object> settings) {
        return requiredKey != null && !settings.containsKey(requiredKey) ? List.of(requiredKey + ": required") : List.of();
      }

      @Override
      public Exporter create(String id, Map<String, Object> settings) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private final ConfigLoader loader = new ConfigLoader(
      new TaskParser(SyscallTable.x86_64(), Path.of("/tmp"), new ByteArrayInputStream(new byte[0])),
      Map.of("stdout", factory("stdout", null), "file", factory("file", "path"), "otlp", factory("otlp", "endpoint")));

  private List<ConfigProblem> problems(String yaml) {
    return assertThrows(ConfigException.class, () -> loader.parse(yaml, "c.yaml")).problems();
  }

  private static void assertProblem(List<ConfigProblem> ps, int line, int column, String text) {
    assertTrue(ps.stream().anyMatch(p -> p.line() == line && p.column() == column && p.message().contains(text)),
        "expected " + line + ":" + column + " " + text + " in\n" + ps);
  }

  @Test
  void theAnnotatedExampleLoads() throws Exception {
    CollectorConfig c = loader.load(Path.of("../config.example.yaml"));
    assertEquals(List.of("net-raw", "curl-all", "demo"), c.pipelines().stream().map(CollectorConfig.Pipeline::id).toList());
    CollectorConfig.Pipeline netRaw = c.pipelines().get(0);
    assertEquals("process.capeff:CAP_NET_RAW OR process.capamb:CAP_NET_RAW", netRaw.conditionText());
    SyscallTable t = SyscallTable.x86_64();
    for (String f : List.of("read", "write", "socket", "sendto", "recvfrom", "recvmsg", "bind", "setsockopt", "ioctl")) {
      assertTrue(netRaw.task().syscalls().contains(t.byName(f).orElseThrow().number()), f);
    }
    assertEquals(MetaSelection.parse("process.name+pod.min"), netRaw.task().meta());
    assertTrue(c.pipelines().get(1).task().all());
    assertEquals(List.of("file"), c.pipelines().get(1).exporters());
    assertEquals(Duration.ofSeconds(10), c.pipelines().get(2).task().demoInterval());
    assertEquals(32 << 20, c.service().ringBufferBytes());
    assertEquals(Path.of("/run/sysotel/admin.sock"), c.service().adminSocket());
    assertEquals("127.0.0.1:9464", c.service().prometheus());
    assertEquals(Duration.ofSeconds(10), c.service().metricsInterval());
  }

  @Test
  void readsTheAdminSocketAndTheDirectivesStateFile() throws Exception {
    CollectorConfig c = loader.parse("""
        service:
          admin: { socket: /tmp/a.sock, state: /tmp/directives.json }
        exporters:
          stdout: {}
        pipelines:
          p: { condition: "process.name:x", task: "syscalls|functions:write", exporters: [stdout] }
        """, "c.yaml");
    assertEquals(Path.of("/tmp/a.sock"), c.service().adminSocket());
    assertEquals(Path.of("/tmp/directives.json"), c.service().adminState());
    assertEquals(null, loader.load(Path.of("../config.example.yaml")).service().adminState(), "memory only by default");
    assertProblem(problems("""
        service:
          admin: { sockett: /tmp/a.sock }
        pipelines:
          p: { condition: "process.name:x", task: "syscalls|functions:write", exporters: [] }
        """), 2, 12, "unknown key \"sockett\" in service.admin");
  }

  @Test
  void reportsEveryProblemAtOnceWithLineAndColumn() {
    List<ConfigProblem> ps = problems("""
        servce:
          name: x
        exporters:
          file: {}
          kafka: {}
        pipelines:
          a:
            syscalls:
              functions: [read]
            exporters: [stdout]
          b:
            condition: "process.nme:curl"
            task: "syscalls|functions:wirte"
            exporters: [file]
        """);
    assertProblem(ps, 1, 1, "unknown key \"servce\" in top level; did you mean service?");
    assertProblem(ps, 4, 3, "exporter file: path: required");
    assertProblem(ps, 5, 3, "unknown exporter type \"kafka\"");
    assertProblem(ps, 7, 3, "pipeline a has no condition");
    assertProblem(ps, 10, 17, "unknown exporter \"stdout\"");
    assertProblem(ps, 12, 17, "process.nme");
    assertProblem(ps, 13, 31, "unknown syscall \"wirte\"; did you mean write?");
    assertEquals(7, ps.size(), ps.toString());
  }

  @Test
  void aFileAndAListTogetherIsAnError() {
    List<ConfigProblem> ps = problems("""
        exporters: {stdout: {}}
        pipelines:
          p:
            condition: process.name:curl
            syscalls:
              functions: ["@/tmp/x", read]
            exporters: [stdout]
        """);
    assertProblem(ps, 6, 7, "one or the other");
  }

  @Test
  void syscallsAndTaskTogetherIsAnError() {
    List<ConfigProblem> ps = problems("""
        exporters: {stdout: }
        pipelines:
          p:
            condition: process.name:curl
            syscalls: {functions: read}
            task: "syscalls|functions:read"
            exporters: [stdout]
        """);
    assertProblem(ps, 6, 11, "either syscalls: or task:");
  }

  @Test
  void yamlSyntaxErrorsHaveTheirPlace() {
    List<ConfigProblem> ps = problems("pipelines:\n  p: [unclosed\n");
    assertEquals(1, ps.size());
    assertTrue(ps.get(0).message().startsWith("invalid YAML"), ps.toString());
  }

  @Test
  void duplicateKeysAreErrors() {
    assertProblem(problems("pipelines: {}\npipelines: {}\n"), 2, 1, "duplicate key \"pipelines\"");
  }

  @Test
  void noPipelinesIsAnError() {
    assertProblem(problems("exporters: {stdout: {}}\n"), 1, 1, "no pipelines");
  }

  @Test
  void serviceSettingsParseUnitsAndRejectBadValues() throws Exception {
    CollectorConfig c = loader.parse("""
        service:
          kernel: {ringBufferSize: 64MiB, wakeupBytes: 64KiB}
          telemetry: {metrics: {interval: 30s, prometheus: "127.0.0.1:9464"}}
        exporters: {stdout: {}}
        pipelines: {p: {condition: "process.pid:1", task: "syscalls|functions:read", exporters: [stdout]}}
        """, "c.yaml");
    assertEquals(64 << 20, c.service().ringBufferBytes());
    assertEquals(64 << 10, c.service().wakeupBytes());
    assertEquals(Duration.ofSeconds(30), c.service().metricsInterval());
    List<ConfigProblem> ps = problems("""
        service:
          kernel: {ringBufferSize: lots}
          telemetry: {metrics: {interval: soon, prometheus: nowhere}}
        exporters: {stdout: {}}
        pipelines: {p: {condition: "process.pid:1", task: "syscalls|functions:read", exporters: [stdout]}}
        """);
    assertProblem(ps, 2, 28, "ringBufferSize");
    assertProblem(ps, 3, 35, "interval");
    assertProblem(ps, 3, 53, "host:port");
  }

  @Test
  void metricsGoOnlyToExportersThatCanCarryThem() throws Exception {
    ExporterFactory otlp = new ExporterFactory() {
      @Override
      public String type() {
        return "otlp";
      }

      @Override
      public List<String> validate(Map<String, Object> settings) {
        return List.of();
      }

      @Override
      public Exporter create(String id, Map<String, Object> settings) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean exportsMetrics() {
        return true;
      }
    };
    ConfigLoader withMetrics = new ConfigLoader(
        new TaskParser(SyscallTable.x86_64(), Path.of("/tmp"), new ByteArrayInputStream(new byte[0])),
        Map.of("stdout", factory("stdout", null), "otlp", otlp));
    String yaml = """
        service:
          telemetry:
            metrics: {interval: 200ms, exporters: [otlp/a, %s]}
        exporters: {stdout: {}, otlp/a: {}}
        pipelines: {p: {condition: "process.pid:1", task: "syscalls|functions:read", exporters: [stdout]}}
        """;
    CollectorConfig c = withMetrics.parse(yaml.formatted("otlp/a"), "c.yaml");
    assertEquals(List.of("otlp/a", "otlp/a"), c.service().metricsExporters());
    assertEquals(Duration.ofMillis(200), c.service().metricsInterval());

    List<ConfigProblem> ps = assertThrows(ConfigException.class,
        () -> withMetrics.parse(yaml.formatted("stdout"), "c.yaml")).problems();
    assertEquals(1, ps.size(), ps.toString());
    assertProblem(ps, 3, 52, "exporter \"stdout\" of type stdout cannot export metrics (types that can: otlp)");
  }
}
