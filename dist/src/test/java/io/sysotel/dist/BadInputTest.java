package io.sysotel.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bad input exits 2 and bad environments exit 3, each with a clear message and nothing attached. */
class BadInputTest {

  private static String run(int expectedExit, String... args) throws Exception {
    try (Sysotel s = Sysotel.start(args)) {
      int code = s.await();
      String err = s.stderr();
      assertEquals(expectedExit, code, err);
      assertTrue(s.nothingAttached(), "nothing attached");
      return err;
    }
  }

  @Test
  void unknownSyscallExits2WithTheNearestName() throws Exception {
    String err = run(2, "run", "-c", "process.name:curl", "-t", "syscalls|functions:wirte");
    assertTrue(err.contains("unknown syscall \"wirte\"") && err.contains("did you mean write?"), err);
  }

  @Test
  void emptyConditionExits2() throws Exception {
    String err = run(2, "run", "-c", "", "-t", "syscalls|functions:read");
    assertTrue(err.contains("condition"), err);
  }

  @Test
  void missingConditionExits2() throws Exception {
    String err = run(2, "run", "-t", "syscalls|functions:read");
    assertTrue(err.contains("a condition is required"), err);
  }

  @Test
  void malformedTaskExits2() throws Exception {
    String err = run(2, "run", "-c", "process.name:curl", "-t", "syscall|functions");
    assertTrue(err.contains("task"), err);
  }

  @Test
  void unreadableConfigExits2NamingTheFile() throws Exception {
    String err = run(2, "run", "--config", "/nonexistent/sysotel.yaml");
    assertTrue(err.contains("/nonexistent/sysotel.yaml:1:1: cannot read the configuration"), err);
  }

  @Test
  void invalidConfigExits2WithLineAndColumn() throws Exception {
    Path config = Sysotel.writeTemp("bad.yaml", """
        pipelines:
          p:
            condition: "process.name:curl"
            syscalls:
              functions: [wirte]
            exporters: [stdot]
        """);
    String err = run(2, "validate", "--config", config.toString());
    assertTrue(err.contains(config + ":5:7: pipeline p: functions: unknown syscall \"wirte\"; did you mean write?"), err);
    assertTrue(err.contains(config + ":6:17: pipeline p: unknown exporter \"stdot\""), err);
  }

  /** {@code sysotel run} with this configuration file exits 2; returns stderr. */
  private static String runConfig(String name, String yaml) throws Exception {
    Path config = Sysotel.writeTemp(name, yaml);
    return run(2, "run", "--config", config.toString()).replace(config.toString(), "FILE");
  }

  @Test
  void otlpMistakesExit2NamingThePlaceBeforeAnythingIsAttached() throws Exception {
    String err = runConfig("otlp.yaml", """
        exporters:
          otlp/a:
            endpoint: "127.0.0.1:4317"
          otlp/b:
            endpoint: http://127.0.0.1:4318
            protocol: http/protobof
          otlp/c:
            endpoint: https://127.0.0.1:4317
            tls:
              ca: /nonexistent/ca.pem
        pipelines:
          p:
            condition: "process.name:curl"
            task: "syscalls|functions:write"
            exporters: [otlp/a, otlp/b, otlp/c, otlp/d]
        """);
    assertTrue(err.contains("FILE:3:5: exporter otlp/a: endpoint: must be an http:// or https:// URL"), err);
    assertTrue(err.contains("FILE:6:5: exporter otlp/b: protocol: unknown protocol \"http/protobof\""), err);
    assertTrue(err.contains("did you mean http/protobuf?"), err);
    assertTrue(err.contains("FILE:9:5: exporter otlp/c: tls: ca: no such file /nonexistent/ca.pem"), err);
    assertTrue(err.contains("FILE:15:41: pipeline p: unknown exporter \"otlp/d\""), err);
    assertTrue(!err.contains("sysotel: tracing"), err);
  }

  @Test
  void anEndpointThatIsNoUrlExits2() throws Exception {
    String err = runConfig("url.yaml", """
        exporters:
          otlp:
            endpoint: "http://127.0.0.1:43 17"
        pipelines:
          p:
            condition: "process.name:curl"
            task: "syscalls|functions:write"
            exporters: [otlp]
        """);
    assertTrue(err.contains("FILE:3:5: exporter otlp: endpoint: not a URL"), err);
  }

  @Test
  void theExampleConfigurationIsValid() throws Exception {
    try (Sysotel s = Sysotel.start("validate", "--config", Path.of("../config.example.yaml").toString())) {
      assertEquals(0, s.await(), s.stderr());
    }
  }

  @Test
  @Tag("root")
  void withoutPrivilegeExits3SayingWhatToDo() throws Exception {
    List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    try (Sysotel s = Sysotel.startAs(asNobody, "run", "-c", "process.name:curl", "-t", "syscalls|functions:read")) {
      int code = s.await();
      String err = s.stderr();
      assertEquals(3, code, err);
      assertTrue(err.contains("not permitted to load BPF programs") && err.contains("run sysotel as root"), err);
      assertTrue(s.nothingAttached());
    }
  }
}
