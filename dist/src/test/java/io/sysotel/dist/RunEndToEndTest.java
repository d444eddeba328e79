package io.sysotel.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysotel.collector.testing.SyscallHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** `sysotel run` as users run it, tracing a helper that makes known syscalls. Needs root. */
@Tag("root")
class RunEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void deliversExactlyTheHelpersWritesAsSeedShapedJson() throws Exception {
    Path helper = SyscallHelper.binary();
    try (Sysotel sysotel = Sysotel.start("run", "-c", "process.name:syscall-helper", "-t", "syscalls|functions:write")) {
      sysotel.awaitTracing();
      Instant before = Instant.now();
      // The helper stays alive until its events are out, so /proc still shows its cmd and exe.
      Process p = SyscallHelper.start("write", "500", "hold");
      sysotel.awaitLines(500);
      p.getOutputStream().close();
      assertEquals(0, p.waitFor());
      Instant after = Instant.now();
      assertEquals(0, sysotel.stop(), sysotel.stderr());

      // Only processes named syscall-helper match: this test's, and any other test's running
      // on the machine at the same time.
      List<JsonNode> events = new ArrayList<>();
      for (String line : sysotel.stdout()) {
        JsonNode process = JSON.readTree(line).get("data").get(0).get("data").get("process");
        assertEquals("syscall-helper", process.get("name").asText(), line);
        if (process.get("pid").asLong() == p.pid()) {
          events.add(JSON.readTree(line));
        }
      }
      assertEquals(500, events.size(), "every write of the helper:\n" + sysotel.stderr()
          + "\nfirst line: " + (events.isEmpty() ? "" : events.get(0)));
      for (JsonNode message : events) {
        JsonNode data = message.get("data").get(0);
        assertEquals("syscalls", data.get("type").asText());
        JsonNode e = data.get("data");
        assertEquals("write", e.get("function").asText());
        JsonNode args = e.get("args");
        assertEquals("fd", args.get(0).get("name").asText());
        assertEquals(1, args.get(0).get("value").asLong());
        assertEquals("buf", args.get(1).get("name").asText());
        assertEquals("count", args.get(2).get("name").asText());
        assertEquals(1, args.get(2).get("value").asLong());
        JsonNode proc = e.get("process");
        assertEquals(p.pid(), proc.get("pid").asLong());
        assertEquals(ProcessHandle.current().pid(), proc.get("ppid").asLong());
        assertEquals("syscall-helper", proc.get("name").asText());
        assertEquals(helper.toString(), proc.get("exe").asText());
        assertEquals(helper + " write 500 hold", proc.get("cmd").asText());
        assertTrue(proc.get("ns").asText().matches("\\d+-\\d+"), proc.toString());
        Instant t = Instant.parse(message.get("timestamp").asText());
        assertTrue(!t.isBefore(before.minusMillis(5)) && !t.isAfter(after.plusMillis(5)), t + " within the helper's run");
        JsonNode src = message.get("src");
        assertEquals("cli", src.get("directiveID").asText());
        assertEquals("syscalls", src.get("name").asText());
      }
      assertTrue(sysotel.nothingAttached(), "nothing attached after exit");
    }
  }

  @Test
  void aConfigFileRunsAndWritesToTheFileExporter() throws Exception {
    Path out = Files.createTempDirectory("sysotel-e2e").resolve("events.jsonl");
    Path config = Sysotel.writeTemp("config.yaml", """
        exporters:
          file:
            path: %s
        pipelines:
          helper:
            condition: "process.name:syscall-helper AND NOT process.name:nothing"
            syscalls:
              functions: [personality]
              compact: true
            exporters: [file]
        """.formatted(out));
    try (Sysotel sysotel = Sysotel.start("run", "--config", config.toString())) {
      sysotel.awaitTracing();
      assertEquals(0, SyscallHelper.start("personality", "50").waitFor());
      assertEquals(0, sysotel.stop(), sysotel.stderr());
    }
    List<String> lines = Files.readAllLines(out);
    assertEquals(50, lines.size());
    JsonNode e = JSON.readTree(lines.get(0)).get("data").get(0).get("data");
    assertEquals("personality", e.get("function").asText());
    assertTrue(e.get("args") == null, "compact: no args");
    assertEquals("helper", JSON.readTree(lines.get(0)).get("src").get("directiveID").asText());
  }

  @Test
  void functionsReadFromStandardInput() throws Exception {
    try (Sysotel sysotel = Sysotel.startWithInput("personality\n# the helper's query\n",
        "run", "-c", "process.name:syscall-helper", "-t", "syscalls|functions:@-")) {
      sysotel.awaitTracing();
      assertEquals(0, SyscallHelper.start("personality", "7").waitFor());
      sysotel.awaitLines(7);
      assertEquals(0, sysotel.stop(), sysotel.stderr());
      List<String> lines = sysotel.stdout();
      assertEquals(7, lines.size());
      assertEquals("personality", JSON.readTree(lines.get(0)).get("data").get(0).get("data").get("function").asText());
    }
  }

  @Test
  void metaSelectsThePublishedProcessFields() throws Exception {
    try (Sysotel sysotel = Sysotel.start("run", "-c", "process.name:syscall-helper",
        "-t", "syscalls|functions:personality;meta:process.name+process.pid")) {
      sysotel.awaitTracing();
      Process p = SyscallHelper.start("personality", "3");
      assertEquals(0, p.waitFor());
      sysotel.awaitLines(3);
      assertEquals(0, sysotel.stop(), sysotel.stderr());
      JsonNode process = JSON.readTree(sysotel.stdout().get(0)).get("data").get(0).get("data").get("process");
      assertEquals(List.of("name", "pid"), iterableToList(process.fieldNames()));
      assertEquals(p.pid(), process.get("pid").asLong());
    }
  }

  private static List<String> iterableToList(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
