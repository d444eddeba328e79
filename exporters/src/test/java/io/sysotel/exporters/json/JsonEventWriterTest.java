package io.sysotel.exporters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.api.UserBytes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonEventWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final ProcessInfo IN_POD =
      new ProcessInfo(
          42,
          1,
          "nginx",
          "nginx -g daemon off;",
          "/usr/sbin/nginx",
          "4-4026533309",
          Records.nanos("2024-01-02T03:04:05Z"),
          new ContainerInfo("c0ffee", "web", Map.of("tier", "front", "app", "shop")),
          new PodInfo("uid-1", "shop-7d9", "default", Map.of("prod", "true")));

  private final JsonEventWriter writer = new JsonEventWriter();

  private String render(MetaSelection meta, boolean compact, SyscallRecord record) {
    JsonBytes out = new JsonBytes(64);
    writer.write(out, Records.SOURCE, meta, compact, record);
    return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String line) throws Exception {
    assertTrue(line.endsWith("\n"), "one message per line");
    assertEquals(line.length() - 1, line.indexOf('\n'), "no newline inside a message");
    return MAPPER.readTree(line);
  }

  private static JsonNode seed() throws Exception {
    try (InputStream in = JsonEventWriterTest.class.getResourceAsStream("/seed-sample.json")) {
      return MAPPER.readTree(in);
    }
  }

  @Test
  void rendersTheSeedSampleFromEquivalentRecords() throws Exception {
    String line = render(MetaSelection.ALL, false, Records.write(Records.SIMULATOR));
    assertEquals(seed(), parse(line));
  }

  @Test
  void keepsTheSeedsKeyOrder() throws Exception {
    String line = render(MetaSelection.ALL, false, Records.write(Records.SIMULATOR));
    assertEquals(MAPPER.writeValueAsString(seed()) + "\n", line);
  }

  @Test
  void leavesOutArgsWhenCompact() throws Exception {
    JsonNode data = parse(render(MetaSelection.ALL, true, Records.write(Records.SIMULATOR))).at("/data/0/data");
    assertFalse(data.has("args"));
    assertEquals("write", data.get("function").asText());
    assertEquals(1644020, data.at("/process/pid").asInt());
  }

  @Test
  void writesAnEmptyArgsArrayForASyscallWithoutArguments() throws Exception {
    SyscallRecord getpid = new SyscallRecord(Records.TIME, 1, 39, "getpid", List.of(), Records.SIMULATOR);
    assertEquals(0, parse(render(MetaSelection.ALL, false, getpid)).at("/data/0/data/args").size());
  }

  @Test
  void printsIntegerArgumentsAsSignedNumbersAndEscapesStrings() throws Exception {
    SyscallRecord openat =
        new SyscallRecord(
            Records.TIME,
            1,
            257,
            "openat",
            List.of(
                new Argument("dfd", -100L),
                new Argument("filename", "/tmp/a \"b\"\n\u0001é"),
                new Argument("flags", 0x80000L),
                new Argument("mode", null)),
            Records.SIMULATOR);
    String line = render(MetaSelection.ALL, false, openat);
    assertTrue(line.contains("\"value\":-100}"), line);
    assertTrue(line.contains("\\u0001"), line);
    JsonNode args = parse(line).at("/data/0/data/args");
    assertEquals(-100, args.at("/0/value").asLong());
    assertTrue(args.at("/0/value").isIntegralNumber());
    assertEquals("/tmp/a \"b\"\n\u0001é", args.at("/1/value").asText());
    assertEquals(524288, args.at("/2/value").asLong());
    assertTrue(args.at("/3/value").isNull());
  }

  @Test
  void writesDecodedArgumentsIntegersAsNumbersTheRestAsStrings() throws Exception {
    SyscallRecord openat = new SyscallRecord(Records.TIME, 1, 257, "openat",
        new Arguments(new String[] {"dfd", "filename", "flags", "mode"}, new long[] {-100, 0x7000, 0x80000, 0},
            new Object[] {"AT_FDCWD", new UserBytes("/tmp/a \"b\"\n".getBytes(StandardCharsets.UTF_8), true, -1),
                "O_RDONLY|O_CLOEXEC", "0000"}),
        Records.SIMULATOR);
    JsonNode args = parse(render(MetaSelection.ALL, false, openat)).at("/data/0/data/args");
    assertEquals("AT_FDCWD", args.at("/0/value").asText());
    assertEquals("/tmp/a \\\"b\\\"\\n...", args.at("/1/value").asText(), "strace's escapes, unquoted, ... when cut");
    assertEquals("O_RDONLY|O_CLOEXEC", args.at("/2/value").asText());
    SyscallRecord write = new SyscallRecord(Records.TIME, 1, 1, "write",
        new Arguments(new String[] {"fd", "buf", "count"}, new long[] {1, 0x7000, 1},
            new Object[] {null, new UserBytes(new byte[] {'+'}, false, 1), null}),
        Records.SIMULATOR);
    assertEquals(MAPPER.readTree("[{\"name\":\"fd\",\"value\":1},{\"name\":\"buf\",\"value\":\"+\"},"
        + "{\"name\":\"count\",\"value\":1}]"), parse(render(MetaSelection.ALL, false, write)).at("/data/0/data/args"));
  }

  @Test
  void selectsProcessNameAndPodMin() throws Exception {
    JsonNode process =
        parse(render(MetaSelection.parse("process.name+pod.min"), true, Records.write(IN_POD))).at("/data/0/data/process");
    assertEquals(MAPPER.readTree("{\"name\":\"nginx\",\"pod\":{\"name\":\"shop-7d9\",\"namespace\":\"default\"}}"), process);
  }

  @Test
  void selectsTheWholeContainerWithSortedLabels() throws Exception {
    String line = render(MetaSelection.parse("container"), true, Records.write(IN_POD));
    assertTrue(
        line.contains("\"process\":{\"container\":{\"id\":\"c0ffee\",\"labels\":{\"app\":\"shop\",\"tier\":\"front\"},\"name\":\"web\"}}"),
        line);
  }

  @Test
  void selectsTheWholePod() throws Exception {
    JsonNode process = parse(render(MetaSelection.parse("pod"), true, Records.write(IN_POD))).at("/data/0/data/process");
    assertEquals(
        MAPPER.readTree("{\"pod\":{\"id\":\"uid-1\",\"labels\":{\"prod\":\"true\"},\"name\":\"shop-7d9\",\"namespace\":\"default\"}}"),
        process);
  }

  @Test
  void rendersEverythingWithPodBetweenPidAndPpid() throws Exception {
    String line = render(MetaSelection.ALL, true, Records.write(IN_POD));
    assertTrue(line.contains("\"pid\":42,\"pod\":{"), line);
    assertTrue(line.contains("},\"ppid\":1,\"startedAt\":\"2024-01-02T03:04:05Z\"}"), line);
  }

  @Test
  void leavesOutNullFieldsAndEmptyObjects() throws Exception {
    ProcessInfo gone =
        new ProcessInfo(7, 1, "gone", null, null, "4-1", 0, new ContainerInfo("abc", null, Map.of()), null);
    JsonNode process = parse(render(MetaSelection.ALL, true, Records.write(gone))).at("/data/0/data/process");
    assertEquals(MAPPER.readTree("{\"container\":{\"id\":\"abc\"},\"name\":\"gone\",\"ns\":\"4-1\",\"pid\":7,\"ppid\":1}"), process);

    JsonNode data = parse(render(MetaSelection.parse("container.name"), true, Records.write(gone))).at("/data/0/data");
    assertFalse(data.has("process"), "nothing selected is known: no process object");
  }

  @Test
  void rendersEachProcessForEachSelectionFromTheCache() throws Exception {
    MetaSelection names = MetaSelection.parse("process.name");
    MetaSelection pids = MetaSelection.parse("process.pid");
    for (int i = 0; i < 3; i++) {
      assertEquals("simulator", parse(render(names, true, Records.write(Records.SIMULATOR))).at("/data/0/data/process/name").asText());
      assertEquals(42, parse(render(pids, true, Records.write(IN_POD))).at("/data/0/data/process/pid").asInt());
      assertFalse(parse(render(pids, true, Records.write(IN_POD))).at("/data/0/data/process").has("name"));
    }
    // A one-slot cache: every render evicts the other's entry and must still be right.
    JsonEventWriter tiny = new JsonEventWriter(1);
    for (ProcessInfo p : List.of(Records.SIMULATOR, IN_POD, Records.SIMULATOR)) {
      JsonBytes out = new JsonBytes(64);
      tiny.write(out, Records.SOURCE, names, true, Records.write(p));
      assertEquals(p.name(), MAPPER.readTree(out.toByteArray()).at("/data/0/data/process/name").asText());
    }
  }

  @Test
  void allocatesNothingPerMessageOnceWarm() {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    SyscallRecord record = Records.write(IN_POD);
    JsonBytes out = new JsonBytes(1024);
    for (int i = 0; i < 1_000; i++) {
      out.reset();
      writer.write(out, Records.SOURCE, MetaSelection.ALL, false, record);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      out.reset();
      writer.write(out, Records.SOURCE, MetaSelection.ALL, false, record);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 10_000, allocated + " bytes allocated for 100000 messages");
  }

  @Test
  void appendsOneLinePerMessage() throws Exception {
    JsonBytes out = new JsonBytes(64);
    for (int i = 0; i < 3; i++) {
      writer.write(out, Records.SOURCE, MetaSelection.ALL, false, Records.numbered(i));
    }
    String[] lines = new String(out.toByteArray(), StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length);
    for (int i = 0; i < 3; i++) {
      assertEquals(i, MAPPER.readTree(lines[i]).at("/data/0/data/args/0/value").asLong());
    }
  }
}
