package io.sysotel.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysotel.collector.testing.SyscallHelper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code sysotel d ...} against a collector running from a configuration file: directives
 * subscribed, listed and unsubscribed over the admin socket, and config reloads, while the
 * pipeline present from the start keeps every event. Needs root.
 */
@Tag("root")
class DirectiveEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Path dir;
  private Path socket;
  private Path config;
  private Path baseHelper;
  private Path liveHelper;
  private Sysotel collector;

  /** The helper under names of its own, so helpers other tests run on this machine never match. */
  @BeforeEach
  void startCollector() throws Exception {
    dir = Files.createTempDirectory("sysotel-admin");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    socket = dir.resolve("admin.sock");
    baseHelper = copy(SyscallHelper.binary(), dir.resolve("adm-base"));
    liveHelper = copy(SyscallHelper.binary(), dir.resolve("adm-live"));
    config = dir.resolve("config.yaml");
    Files.writeString(config, config(""));
    collector = Sysotel.start("run", "--config", config.toString());
    collector.awaitTracing();
  }

  @AfterEach
  void stopCollector() throws Exception {
    if (collector != null) {
      assertEquals(0, collector.stop(), collector.stderr());
      assertTrue(collector.nothingAttached(), "nothing attached after exit");
      collector.close();
    }
  }

  private String config(String morePipelines) {
    return """
        service:
          admin: { socket: %s }
        exporters:
          stdout: {}
        pipelines:
          base:
            condition: "process.name:adm-base"
            task: "syscalls|functions:write"
            exporters: [stdout]
        %s""".formatted(socket, morePipelines);
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    to.toFile().setExecutable(true, false);
    return to;
  }

  private record Result(int code, String out, String err) {}

  private Result d(String... args) throws Exception {
    return dWithInput(null, args);
  }

  private Result dWithInput(String stdin, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("d", "--socket", socket.toString()));
    all.addAll(List.of(args));
    try (Sysotel client = stdin == null ? Sysotel.start(all.toArray(String[]::new))
        : Sysotel.startWithInput(stdin, all.toArray(String[]::new))) {
      int code = client.await();
      return new Result(code, String.join("\n", client.stdout()), client.stderr());
    }
  }

  private static int run(Path helper, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(helper.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return (int) p.pid();
  }

  /** Events the collector printed so far for this directive (and, when given, these pids). */
  private long count(String directive, Set<Long> pids) throws IOException {
    long n = 0;
    for (String line : collector.stdoutSoFar()) {
      if (!line.contains("\"" + directive + "\"")) {
        continue;
      }
      JsonNode m = JSON.readTree(line);
      if (m.path("src").path("directiveID").asText().equals(directive)
          && (pids == null || pids.contains(m.path("data").get(0).path("data").path("process").path("pid").asLong()))) {
        n++;
      }
    }
    return n;
  }

  private long awaitCount(String directive, Set<Long> pids, long want, long timeoutMillis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    long n;
    while ((n = count(directive, pids)) < want && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return n;
  }

  private JsonNode listed(String id) throws Exception {
    Result list = d("list", "--json");
    assertEquals(0, list.code(), list.err());
    for (JsonNode d : JSON.readTree(list.out()).path("directives")) {
      if (d.path("id").asText().equals(id)) {
        return d;
      }
    }
    return null;
  }

  @Test
  void aSubscribedDirectiveDeliversWithinASecondIsListedWithCountsAndStopsOnUnsub() throws Exception {
    Result sub = d("sub", "-c", "process.name:adm-live", "-t", "syscalls|functions:write", "--id", "live");
    assertEquals(0, sub.code(), sub.err());
    assertEquals("live", sub.out().trim());
    long subscribed = System.nanoTime();
    long pid = run(liveHelper, "write", "100");
    assertEquals(100, awaitCount("live", Set.of(pid), 100, 1000), "the helper's 100 writes within a second");
    assertTrue(System.nanoTime() - subscribed < TimeUnit.SECONDS.toNanos(1) + TimeUnit.MILLISECONDS.toNanos(100),
        "events within a second of sub");

    JsonNode live = listed("live");
    assertEquals("cli", live.path("origin").asText());
    assertEquals("process.name:adm-live", live.path("condition").asText());
    assertEquals("syscalls|functions:write", live.path("task").asText());
    assertEquals("stdout", live.path("exporters").get(0).asText());
    assertEquals(100, live.path("matched").asLong());
    assertEquals(100, live.path("exported").asLong());
    assertEquals(0, live.path("lost").asLong());
    assertTrue(Instant.parse(live.path("since").asText()).isBefore(Instant.now()));
    Result table = d("list");
    assertTrue(table.out().contains("live") && table.out().contains("base") && table.out().contains("EXPORTED"), table.out());

    Result unsub = d("unsub", "live");
    assertEquals(0, unsub.code(), unsub.err());
    assertEquals("unsubscribed live: 100 matched, 100 exported, 0 lost", unsub.out().trim());
    assertEquals(null, listed("live"));
    long again = run(liveHelper, "write", "100");
    long marker = run(baseHelper, "write", "10");
    assertEquals(10, awaitCount("base", Set.of(marker), 10, 10_000), "the base pipeline still runs");
    assertEquals(0, count("live", Set.of(again)), "no event after unsub");
    assertEquals(100, count("live", null));
  }

  @Test
  void thePipelinePresentFromTheStartLosesNoEventDuringSubUnsubAndReload() throws Exception {
    Set<Long> pids = ConcurrentHashMap.newKeySet();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong runs = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    Thread load = new Thread(() -> {
      try {
        while (!done.get()) {
          pids.add((long) run(baseHelper, "write", "500"));
          runs.incrementAndGet();
          Thread.sleep(20);
        }
      } catch (Throwable e) {
        failures.incrementAndGet();
      }
    });
    load.start();
    Thread.sleep(200);
    assertEquals(0, d("sub", "-c", "process.name:adm-live", "-t", "syscalls|functions:write", "--id", "a").code());
    // Same process and syscall as base: both pipelines get the events.
    assertEquals(0, d("sub", "-c", "process.name:adm-base", "-t", "syscalls|functions:write+read;compact:true",
        "--id", "b").code());
    assertEquals(0, d("unsub", "a").code());
    Files.writeString(config, config("""
          extra:
            condition: "process.name:adm-base OR process.name:adm-live"
            syscalls: { functions: [write, openat] }
            exporters: [stdout]
        """));
    Result reload = d("reload");
    assertEquals(0, reload.code(), reload.err());
    assertTrue(reload.out().contains("added extra") && reload.out().contains("unchanged base"), reload.out());
    assertTrue(listed("extra") != null);
    // SIGHUP with extra removed again.
    Files.writeString(config, config(""));
    new ProcessBuilder("kill", "-HUP", Long.toString(collector.pid())).start().waitFor();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (listed("extra") != null && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(null, listed("extra"), collector.stderrSoFar());
    assertEquals(0, d("unsub", "b").code());
    Thread.sleep(200);
    done.set(true);
    load.join();
    assertEquals(0, failures.get());
    assertTrue(runs.get() >= 3, "the helper ran throughout: " + runs.get());
    long want = runs.get() * 500;
    // Every write reaches the pipeline, through every change. Past the pipeline, a full exporter
    // queue on a busy machine may drop records: those are counted as lost, and every record
    // not lost is printed, once.
    long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode base = listed("base");
    while (base.path("exported").asLong() + base.path("lost").asLong() < want && System.nanoTime() < settled) {
      Thread.sleep(100);
      base = listed("base");
    }
    assertEquals(want, base.path("matched").asLong(), "every write of every run, through every change:\n"
        + collector.stderrSoFar() + "\n" + base);
    assertEquals(want, base.path("exported").asLong() + base.path("lost").asLong(), base.toString());
    long exported = base.path("exported").asLong();
    assertEquals(exported, awaitCount("base", pids, exported, 30_000), base.toString());
    Thread.sleep(300);
    assertEquals(exported, count("base", pids), "and nothing twice");
    assertTrue(collector.stderrSoFar().contains("sysotel: reloaded"), collector.stderrSoFar());
  }

  /** The reference product's sample command lines, each through d sub. */
  @Test
  void everySampleCommandLineOfTheSeedIsAcceptedAndTheRunnableOnesProduceEvents() throws Exception {
    Path functions = dir.resolve("mysyscalls.txt");
    Files.writeString(functions, "sendto+recvfrom\n");
    String udp = "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        + "s.sendto(b'x', ('127.0.0.1', 9))\n";
    List<String[]> runnable = List.of(
        new String[] {"process.capeff:CAP_NET_RAW OR process.capamb:CAP_NET_RAW", "syscalls|functions:read+write", "helper"},
        new String[] {"process.capprm:~NET~", "syscalls|functions:sendto+recvfrom", "udp"},
        new String[] {"process.name:curl", "syscalls|functions:ALL", "curl"},
        new String[] {"process.capprm:CAP_NET_RAW", "syscalls|capabilities:CAP_NET_RAW", "udp"},
        new String[] {"process.capprm:CAP_NET_RAW", "syscalls|capabilities:CAP_NET_RAW;compact:true", "udp"},
        new String[] {"process.name:*", "syscalls|functions:chown;demo:cap_chown", "demo"});
    for (String[] line : runnable) {
      Result sub = d("sub", "-c", line[0], "-t", line[1]);
      assertEquals(0, sub.code(), line[0] + " " + line[1] + ": " + sub.err());
      String id = sub.out().trim();
      assertTrue(id.matches("[0-9a-v]{20}"), id);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (count(id, null) == 0 && System.nanoTime() < deadline) {
        switch (line[2]) {
          case "helper" -> run(liveHelper, "write", "5");
          case "udp" -> new ProcessBuilder("python3", "-c", udp).start().waitFor();
          case "curl" -> new ProcessBuilder("curl", "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
          default -> { }
        }
        Thread.sleep(200);
      }
      assertTrue(count(id, null) > 0, "events for " + line[0] + " " + line[1] + "\n" + collector.stderrSoFar());
      if (line[1].contains("compact:true")) {
        for (String l : collector.stdoutSoFar()) {
          if (l.contains(id)) {
            assertFalse(JSON.readTree(l).path("data").get(0).path("data").has("args"), l);
          }
        }
      }
      assertEquals(0, d("unsub", id).code());
    }
    // Pods are not found here: accepted, and silent.
    for (String task : List.of("syscalls|capabilities:CAP_NET_RAW", "syscalls|functions:sendto+recvfrom")) {
      Result sub = d("sub", "-c", "process.capprm:CAP_NET_RAW AND pod.namespace:default AND pod.label:prod", "-t", task);
      assertEquals(0, sub.code(), sub.err());
      assertEquals(0, d("unsub", sub.out().trim()).code());
    }
    // Without a condition: accepted with a warning, traces nothing.
    Result file = d("sub", "-t", "syscalls|functions:@" + functions);
    assertEquals(0, file.code(), file.err());
    assertTrue(file.err().contains("traces nothing"), file.err());
    JsonNode fromFile = listed(file.out().trim());
    assertEquals("syscalls|functions:sendto+recvfrom", fromFile.path("task").asText());
    Result stdin = dWithInput("send_msg+recv_msg+read+write+open\n", "sub", "-t", "syscalls|functions:@-");
    assertEquals(0, stdin.code(), stdin.err());
    assertEquals("syscalls|functions:send_msg+recv_msg+read+write+open", listed(stdin.out().trim()).path("task").asText());
  }

  private static String raw(Path socket, byte[] request) throws IOException {
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(socket));
      c.write(ByteBuffer.wrap(request));
      c.shutdownOutput();
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      StringBuilder out = new StringBuilder();
      while (c.read(buf.clear()) >= 0) {
        out.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
      }
      return out.toString();
    }
  }

  @Test
  void malformedRequestsGetClearErrorsAndTheCollectorKeepsRunning() throws Exception {
    String[][] cases = {
        {"garbage\n", "malformed request: not JSON"},
        {"[1, 2]\n", "a JSON object is expected"},
        {"\n", "empty request"},
        {"{}\n", "missing field \\\"op\\\""},
        {"{\"op\":\"subscribe\"}\n", "unknown op \\\"subscribe\\\" (known: sub, list, unsub, reload)"},
        {"{\"op\":\"sub\",\"condition\":\"process.name:x\"}\n", "missing field \\\"task\\\""},
        {"{\"op\":\"sub\",\"condition\":\"process.name:x\",\"task\":\"syscalls|functions:nosuch\"}\n", "nosuch"},
        {"{\"op\":\"sub\",\"condition\":\"process.name:x\",\"task\":\"syscalls|functions:@-\"}\n", "read by the client"},
        {"{\"op\":\"sub\",\"condition\":\"process.name:x\",\"task\":\"syscalls|functions:write\",\"exporters\":[\"otlp\"]}\n",
            "unknown exporter otlp"},
        {"{\"op\":\"sub\",\"condition\":\"process.name:x\",\"task\":\"syscalls|functions:write\",\"id\":\"base\"}\n",
            "already running"},
        {"{\"op\":\"unsub\",\"id\":7}\n", "must be a string"},
        {"{\"op\":\"unsub\",\"id\":\"nope\"}\n", "no directive nope is running"},
    };
    for (String[] c : cases) {
      String response = raw(socket, c[0].getBytes(StandardCharsets.UTF_8));
      assertTrue(response.contains("\"ok\":false") && response.contains(c[1]), c[0] + " -> " + response);
    }
    byte[] huge = new byte[3 << 20];
    java.util.Arrays.fill(huge, (byte) 'x');
    String response;
    try {
      response = raw(socket, huge);
    } catch (IOException e) {
      response = "closed: " + e.getMessage(); // the collector answered and closed while we still wrote
    }
    assertTrue(response.contains("request larger than") || response.startsWith("closed"), response);
    // A client that connects and says nothing, then goes away.
    SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();

    Result bad = d("sub", "-c", "process.name:(", "-t", "syscalls|functions:write");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("position"), bad.err());
    Result badTask = d("sub", "-c", "process.name:x", "-t", "syscalls|functions:wrte");
    assertEquals(2, badTask.code());
    assertTrue(badTask.err().contains("wrte"), badTask.err());
    assertEquals(2, d("unsub", "nope").code());

    // An invalid configuration is rejected as a whole; the running pipelines stay.
    Files.writeString(config, config("""
          broken:
            condition: "process.name:("
            task: "syscalls|functions:write"
            exporters: [stdout]
          new:
            condition: "process.name:x"
            task: "syscalls|functions:write"
            exporters: [stdout]
        """));
    Result reload = d("reload");
    assertEquals(2, reload.code());
    assertTrue(reload.err().contains("nothing changed") && reload.err().contains(config + ":"), reload.err());
    assertEquals(null, listed("new"));
    assertTrue(listed("base") != null);

    // Every slot in use: a clear error naming the limit.
    int subscribed = 0;
    String last = "";
    for (int i = 0; i < 64; i++) {
      last = raw(socket, ("{\"op\":\"sub\",\"condition\":\"process.name:nothing\",\"task\":\"syscalls|functions:write\""
          + ",\"id\":\"slot" + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
      if (last.contains("\"ok\":true")) {
        subscribed++;
      }
    }
    assertEquals(63, subscribed, "base holds one of the 64 slots");
    assertTrue(last.contains("at most 64 pipelines can run at once"), last);
    for (int i = 0; i < 63; i++) {
      assertTrue(raw(socket, ("{\"op\":\"unsub\",\"id\":\"slot" + i + "\"}\n").getBytes(StandardCharsets.UTF_8))
          .contains("\"ok\":true"));
    }
    long pid = run(baseHelper, "write", "20");
    assertEquals(20, awaitCount("base", Set.of(pid), 20, 10_000), "still tracing");
  }

  @Test
  void anotherUsersRequestIsRefused() throws Exception {
    String user = "sysotel-test-user";
    Process add = new ProcessBuilder("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user)
        .redirectErrorStream(true).start();
    String out = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = add.waitFor();
    assertTrue(code == 0 || code == 9, "useradd: " + out); // 9: the user exists from an earlier run
    List<String> asUser = List.of("setpriv", "--reuid", user, "--regid", user, "--clear-groups");

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    try (Sysotel client = Sysotel.startAs(asUser, "d", "--socket", socket.toString(), "list")) {
      assertEquals(3, client.await(), client.stderr());
      assertTrue(client.stderr().contains("permission denied"), client.stderr());
    }
    // Even when the file mode lets them in, the peer's credentials are checked.
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    try (Sysotel client = Sysotel.startAs(asUser, "d", "--socket", socket.toString(), "sub", "-c", "process.name:*",
        "-t", "syscalls|functions:write")) {
      assertEquals(3, client.await(), client.stderr());
      assertTrue(client.stderr().contains("serves only user root") && client.stderr().contains(user), client.stderr());
    }
    JsonNode only = JSON.readTree(d("list", "--json").out()).path("directives");
    assertEquals(1, only.size(), "nothing subscribed: " + only);
  }

  private void restart() throws Exception {
    assertEquals(0, collector.stop(), collector.stderr());
    assertTrue(collector.nothingAttached());
    collector.close();
    collector = Sysotel.start("run", "--config", config.toString());
    collector.awaitTracing();
  }

  @Test
  void directivesSurviveARestartOnlyWhenTheConfigNamesAStateFile() throws Exception {
    assertEquals(0, d("sub", "-c", "process.name:adm-live", "-t", "syscalls|functions:write", "--id", "gone").code());
    restart();
    assertEquals(null, listed("gone"), "in memory only by default");

    Path state = dir.resolve("state/directives.json");
    Files.writeString(config, config("").replace("admin: { socket: " + socket + " }",
        "admin: { socket: " + socket + ", state: " + state + " }"));
    restart();
    assertEquals(0, d("sub", "-c", "process.name:adm-live", "-t", "syscalls|functions:write", "--id", "kept").code());
    assertTrue(Files.readString(state).contains("\"kept\""), Files.readString(state));
    restart();
    JsonNode kept = listed("kept");
    assertEquals("cli", kept.path("origin").asText(), String.valueOf(kept));
    long pid = run(liveHelper, "write", "10");
    assertEquals(10, awaitCount("kept", Set.of(pid), 10, 10_000));
    assertEquals(0, d("unsub", "kept").code());
    assertFalse(Files.readString(state).contains("\"kept\""), Files.readString(state));
  }

  @Test
  void withoutACollectorTheClientSaysWhatToDo() throws Exception {
    try (Sysotel client = Sysotel.start("directive", "--socket", dir.resolve("none.sock").toString(), "list")) {
      assertEquals(3, client.await());
      assertTrue(client.stderr().contains("is a collector running?"), client.stderr());
    }
  }

  private String configWithFileExporter(Path out, String spareExporter) {
    return """
        service:
          admin: { socket: %s }
        exporters:
          stdout: {}
          file/out: { path: %s }
        %s
        pipelines:
          base:
            condition: "process.name:adm-base"
            task: "syscalls|functions:write"
            exporters: [stdout]
          tofile:
            condition: "process.name:adm-live"
            task: "syscalls|functions:write"
            exporters: [file/out]
        """.formatted(socket, out, spareExporter);
  }

  private static long linesOf(Path file, String processName) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    return Files.readAllLines(file).stream().filter(l -> l.contains("\"" + processName + "\"")).count();
  }

  private static long awaitLines(Path file, String processName, long want) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long n;
    while ((n = linesOf(file, processName)) < want && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return n;
  }

  @Test
  void reloadSetsUpAChangedExporterAnewClosesARemovedOneAndWaitsForDirectivesUsingIt() throws Exception {
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");
    Files.writeString(config, configWithFileExporter(first, "  file/spare: { path: " + dir.resolve("spare.json") + " }"));
    Result added = d("reload");
    assertEquals(0, added.code(), added.err());
    assertTrue(added.out().contains("added tofile"), added.out());
    run(liveHelper, "write", "5");
    assertEquals(5, awaitLines(first, "adm-live", 5));

    // file/out changed (another path) and file/spare removed: tofile is replaced with its exporter.
    Files.writeString(config, configWithFileExporter(second, ""));
    Result changed = d("reload");
    assertEquals(0, changed.code(), changed.err());
    assertTrue(changed.out().contains("replaced tofile") && changed.out().contains("unchanged base"), changed.out());
    run(liveHelper, "write", "7");
    assertEquals(7, awaitLines(second, "adm-live", 7));
    assertEquals(5, linesOf(first, "adm-live"), "the old exporter is closed");

    // A directive sending to file/out holds it: changing it again is refused until it goes.
    assertEquals(0, d("sub", "-c", "process.name:adm-live", "-t", "syscalls|functions:write", "--exporter", "file/out",
        "--id", "viafile").code());
    run(liveHelper, "write", "2");
    assertEquals(7 + 2 + 2, awaitLines(second, "adm-live", 11), "tofile's and the directive's");
    Files.writeString(config, configWithFileExporter(dir.resolve("third.json"), ""));
    Result refused = d("reload");
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("exporter file/out changed but directive viafile sends to it"), refused.err());
    assertEquals(0, d("unsub", "viafile").code());
    Result after = d("reload");
    assertEquals(0, after.code(), after.err());
    run(liveHelper, "write", "3");
    assertEquals(3, awaitLines(dir.resolve("third.json"), "adm-live", 3));
    assertEquals(11, linesOf(second, "adm-live"), "the closed exporter wrote nothing more");
  }
}
