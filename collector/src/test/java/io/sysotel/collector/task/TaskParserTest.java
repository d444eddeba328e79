package io.sysotel.collector.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.demo.Simulation;
import io.sysotel.collector.syscalls.SyscallSet;
import io.sysotel.collector.syscalls.SyscallTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskParserTest {

  private static final SyscallTable TABLE = SyscallTable.x86_64();

  @TempDir Path dir;

  private TaskParser parser(String stdin) {
    return new TaskParser(
        TABLE, dir, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  private TaskSpec line(String task) {
    return parser("").parse(task);
  }

  private TaskSpec yaml(Map<String, ?> options) {
    return parser("").parse(options);
  }

  private List<Problem> problems(String task) {
    return assertThrows(TaskException.class, () -> line(task)).problems();
  }

  private List<Problem> problems(Map<String, ?> options) {
    return assertThrows(TaskException.class, () -> yaml(options)).problems();
  }

  /** Keeps the key order YAML gave, as Jackson does. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static int nr(String syscall) {
    return TABLE.byName(syscall).orElseThrow().number();
  }

  private static SyscallSet numbers(String... syscalls) {
    return SyscallSet.of(List.of(syscalls).stream().mapToInt(TaskParserTest::nr).toArray());
  }

  private static int columnOf(String task, String text) {
    return task.indexOf(text) + 1;
  }

  // --- the seed's sample tasks: one-line and YAML forms agree ---

  @Test
  void readsAListOfFunctionsInBothForms() {
    TaskSpec spec = line("syscalls|functions:read+write");
    assertEquals(numbers("read", "write"), spec.syscalls());
    assertEquals(List.of("read", "write"), spec.functions());
    assertFalse(spec.all());
    assertFalse(spec.compact());
    assertEquals(MetaSelection.ALL, spec.meta());
    assertNull(spec.demo());
    assertEquals(Duration.ofSeconds(10), spec.demoInterval());
    assertEquals(spec, yaml(map("functions", List.of("read", "write"))));
    assertEquals(spec, yaml(map("functions", "read+write")));
  }

  @Test
  void readsSendtoAndRecvfromInBothForms() {
    TaskSpec spec = line("syscalls|functions:sendto+recvfrom");
    assertEquals(numbers("sendto", "recvfrom"), spec.syscalls());
    assertEquals(spec, yaml(map("functions", List.of("sendto", "recvfrom"))));
  }

  @Test
  void tracesEverySyscallForAllInAnyCase() {
    TaskSpec spec = line("syscalls|functions:ALL");
    assertTrue(spec.all());
    assertEquals(TABLE.all().size(), spec.syscalls().size());
    assertEquals(List.of(), spec.functions());
    assertEquals(spec, yaml(map("functions", "ALL")));
    assertEquals(spec, yaml(map("functions", List.of("all"))));
    assertEquals(spec, line("syscalls|functions:All"));
    assertEquals(spec.syscalls(), line("syscalls|functions:ALL+read").syscalls());
  }

  @Test
  void readsFunctionsFromAnAbsoluteFileInBothForms() throws IOException {
    Path file = Files.writeString(dir.resolve("mysyscalls.txt"), "sendto+recvfrom\n");
    TaskSpec spec = line("syscalls|functions:@" + file);
    assertEquals(numbers("sendto", "recvfrom"), spec.syscalls());
    assertEquals(List.of("sendto", "recvfrom"), spec.functions());
    assertEquals(spec, yaml(map("functions", "@" + file)));
  }

  /**
   * The seed pipes {@code send_msg+recv_msg+read+write+open} into {@code @-}: Linux calls those
   * two sendmsg and recvmsg. Exactly the reference product's two spellings are accepted, since
   * its users' directives must run unchanged; any other unknown name is still refused, with the
   * line of stdin and the nearest real name, since a typo may be of another syscall.
   */
  @Test
  void acceptsTheSeedsStdinSampleAndRefusesOtherUnknownNames() {
    String task = "syscalls|functions:@-";
    TaskSpec spec = parser("send_msg+recv_msg+read+write+open").parse(task);
    assertEquals(numbers("sendmsg", "recvmsg", "read", "write", "open"), spec.syscalls());
    assertEquals(spec, parser("send_msg+recv_msg+read+write+open").parse(map("functions", "@-")));
    int column = columnOf(task, "@-");
    List<Problem> expected =
        List.of(new Problem("functions", column, "stdin:1: unknown syscall \"send_mesg\"; did you mean sendmsg?"));
    assertEquals(expected, assertThrows(TaskException.class, () -> parser("send_mesg+read").parse(task)).problems());
  }

  @Test
  void readsFunctionsFromStdinInBothForms() {
    String stdin = "sendmsg+recvmsg+read+write+open";
    TaskSpec spec = parser(stdin).parse("syscalls|functions:@-");
    assertEquals(numbers("sendmsg", "recvmsg", "read", "write", "open"), spec.syscalls());
    assertEquals(spec, parser(stdin).parse(map("functions", "@-")));
  }

  @Test
  void readsTheCapabilityShorthandInBothForms() {
    TaskSpec spec = line("syscalls|capabilities:CAP_NET_RAW");
    assertEquals(
        numbers("socket", "sendto", "recvfrom", "recvmsg", "bind", "setsockopt", "ioctl"),
        spec.syscalls());
    assertEquals(List.of("CAP_NET_RAW"), spec.capabilities());
    assertEquals(List.of(), spec.functions());
    assertEquals(spec, yaml(map("capabilities", List.of("CAP_NET_RAW"))));
    assertEquals(spec, yaml(map("capabilities", "net_raw")));
  }

  @Test
  void readsCompactInBothForms() {
    TaskSpec spec = line("syscalls|capabilities:CAP_NET_RAW;compact:true");
    assertTrue(spec.compact());
    assertEquals(spec, yaml(map("capabilities", List.of("CAP_NET_RAW"), "compact", true)));
    assertEquals(spec, yaml(map("capabilities", "CAP_NET_RAW", "compact", "true")));
  }

  @Test
  void readsADemoInBothForms() {
    TaskSpec spec = line("syscalls|functions:chown;demo:cap_chown");
    assertEquals(Simulation.CAP_CHOWN, spec.demo());
    assertEquals(numbers("chown"), spec.syscalls());
    assertEquals(spec, yaml(map("functions", List.of("chown"), "demo", "cap_chown")));
  }

  @Test
  void readsEveryOptionInBothForms() {
    TaskSpec spec =
        line("syscalls|functions:read+write;compact:true;meta:process.name+pod.min;demo:cap_chown;demoInterval:5");
    assertEquals(numbers("read", "write"), spec.syscalls());
    assertTrue(spec.compact());
    assertEquals(MetaSelection.parse("process.name+pod.name+pod.namespace"), spec.meta());
    assertEquals(Simulation.CAP_CHOWN, spec.demo());
    assertEquals(Duration.ofSeconds(5), spec.demoInterval());
    Map<String, Object> options =
        map(
            "functions", List.of("read", "write"),
            "compact", true,
            "meta", "pod.min+process.name",
            "demo", "cap_chown",
            "demoInterval", 5);
    assertEquals(spec, yaml(options));
    options.put("demoInterval", "5s");
    assertEquals(spec, yaml(options));
  }

  // --- options ---

  @Test
  void toleratesSpacesAroundKeysValuesAndNames() {
    assertEquals(
        line("syscalls|functions:read+write;compact:true"),
        line(" syscalls | functions: read + write ; compact : true ;"));
  }

  @Test
  void tracesTheUnionOfFunctionsAndCapabilities() {
    TaskSpec spec = line("syscalls|functions:read;capabilities:CAP_SYS_PTRACE+net_admin");
    assertTrue(spec.syscalls().contains(nr("read")));
    assertTrue(spec.syscalls().contains(nr("ptrace")));
    assertTrue(spec.syscalls().contains(nr("getpeername")));
    assertEquals(1 + 6 + 10, spec.syscalls().size());
    assertEquals(List.of("CAP_SYS_PTRACE", "CAP_NET_ADMIN"), spec.capabilities());
  }

  @Test
  void keepsEachFunctionOnceInTheOrderGiven() {
    assertEquals(List.of("write", "read"), line("syscalls|functions:write+read+write").functions());
  }

  @Test
  void readsAFileRelativeToTheWorkingDirectoryWithCommentsAndNewlines() throws IOException {
    Files.writeString(dir.resolve("calls.txt"), "# network\nsendto recvfrom # the pair\n\nread+write\n");
    TaskSpec spec = line("syscalls|functions:@calls.txt");
    assertEquals(List.of("sendto", "recvfrom", "read", "write"), spec.functions());
  }

  @Test
  void readsDurationsInSecondsOrWithAUnit() {
    assertEquals(Duration.ofSeconds(7), line("syscalls|functions:read;demoInterval:7").demoInterval());
    assertEquals(Duration.ofSeconds(10), line("syscalls|functions:read;demoInterval:10s").demoInterval());
    assertEquals(Duration.ofMillis(500), line("syscalls|functions:read;demoInterval:500ms").demoInterval());
    assertEquals(Duration.ofMinutes(2), line("syscalls|functions:read;demoInterval:2m").demoInterval());
    assertEquals(Duration.ofSeconds(3), yaml(map("functions", "read", "demoInterval", 3L)).demoInterval());
  }

  @Test
  void acceptsDemoNamesInAnyCase() {
    assertEquals(Simulation.ALL, line("syscalls|functions:read;demo:ALL").demo());
    assertEquals(Simulation.CAP_NET_RAW, line("syscalls|functions:read;demo:CAP_NET_RAW").demo());
  }

  @Test
  void demosMakeOnlySyscallsOfTheTable() {
    for (String f : Simulation.ALL.syscalls()) {
      assertTrue(TABLE.byName(f).isPresent(), f);
    }
    assertEquals(List.of("mlockall", "mlock"), List.copyOf(Simulation.CAP_IPC_LOCK.syscalls()));
  }

  // --- errors ---

  @Test
  void rejectsAnUnknownFunctionPointingAtIt() {
    String task = "syscalls|functions:read+wirte";
    assertEquals(
        List.of(new Problem("functions", columnOf(task, "wirte"), "unknown syscall \"wirte\"; did you mean write?")),
        problems(task));
    assertEquals(
        List.of(new Problem("functions", 0, "unknown syscall \"recvform\"; did you mean recvfrom?")),
        problems(map("functions", List.of("read", "recvform"))));
  }

  @Test
  void matchesFunctionNamesExactly() {
    assertEquals(
        "unknown syscall \"READ\"; did you mean read?", problems("syscalls|functions:READ").get(0).message());
  }

  @Test
  void rejectsAnUnknownOptionSuggestingTheNearest() {
    String task = "syscalls|functions:read;compat:true";
    assertEquals(
        List.of(
            new Problem(
                "compat",
                columnOf(task, "compat"),
                "unknown option \"compat\"; did you mean compact? (options: functions, capabilities,"
                    + " compact, meta, demo, demoInterval)")),
        problems(task));
  }

  /** Keys are case-sensitive, as the reference product spells them; the error shows the spelling. */
  @Test
  void rejectsAKeyInTheWrongCaseSuggestingItsSpelling() {
    assertTrue(
        problems("syscalls|functions:read;demointerval:5")
            .get(0)
            .message()
            .startsWith("unknown option \"demointerval\"; did you mean demoInterval?"));
    assertEquals("demointerval", problems(map("functions", "read", "demointerval", 5)).get(0).where());
  }

  @Test
  void rejectsABadBoolean() {
    String task = "syscalls|functions:read;compact:yes";
    assertEquals(
        List.of(new Problem("compact", columnOf(task, "yes"), "expected true or false, got \"yes\"")),
        problems(task));
    assertEquals(
        "expected true or false, got \"1\"", problems(map("functions", "read", "compact", 1)).get(0).message());
  }

  @Test
  void rejectsABadDuration() {
    assertEquals(
        "expected seconds or a duration like 10s or 500ms, got \"ten\"",
        problems("syscalls|functions:read;demoInterval:ten").get(0).message());
    assertEquals(
        "expected seconds or a duration like 10s or 500ms, got \"1.5\"",
        problems(map("functions", "read", "demoInterval", 1.5)).get(0).message());
    assertEquals("must be more than zero", problems("syscalls|functions:read;demoInterval:0").get(0).message());
  }

  @Test
  void rejectsAnUnsupportedCapabilityListingTheSupportedOnes() {
    String task = "syscalls|capabilities:CAP_NET_RAW+CAP_CHOWN";
    assertEquals(
        List.of(
            new Problem(
                "capabilities",
                columnOf(task, "CAP_CHOWN"),
                "unsupported capability \"CAP_CHOWN\" (supported: CAP_NET_RAW, CAP_NET_ADMIN,"
                    + " CAP_IPC_LOCK, CAP_SYS_PTRACE)")),
        problems(task));
  }

  @Test
  void requiresFunctionsOrCapabilities() {
    List<Problem> expected =
        List.of(new Problem("task", 0, "name the syscalls to trace with functions, capabilities or both"));
    assertEquals(expected, problems("syscalls|compact:true"));
    assertEquals(expected, problems("syscalls"));
    assertEquals(expected, problems(map("compact", true)));
  }

  @Test
  void rejectsAFileTogetherWithAList() throws IOException {
    Files.writeString(dir.resolve("f"), "read\n");
    String task = "syscalls|functions:@f+read";
    assertEquals(
        List.of(new Problem("functions", columnOf(task, "@f"), "reads names from @f and lists names too; use one or the other")),
        problems(task));
    assertEquals(
        "a list cannot hold @f; write functions: \"@f\" to read names from a file, or list names;"
            + " use one or the other",
        problems(map("functions", List.of("read", "@f"))).get(0).message());
    assertEquals(1, problems(map("functions", List.of("@f"))).size());
  }

  @Test
  void reportsAMissingOrEmptyFile() throws IOException {
    assertEquals("cannot read nope.txt: no such file", problems("syscalls|functions:@nope.txt").get(0).message());
    Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n");
    assertEquals("@empty.txt names no syscalls", problems("syscalls|functions:@empty.txt").get(0).message());
    assertEquals("@ needs a file name, or - for standard input", problems("syscalls|functions:@").get(0).message());
  }

  @Test
  void pointsAtTheLineOfTheFileWithTheUnknownName() throws IOException {
    Files.writeString(dir.resolve("calls.txt"), "read\nwrtie\n");
    assertEquals(
        "calls.txt:2: unknown syscall \"wrtie\"; did you mean write?",
        problems("syscalls|functions:@calls.txt").get(0).message());
  }

  @Test
  void rejectsEmptyNamesAndValues() {
    String task = "syscalls|functions:read++write";
    assertEquals(List.of(new Problem("functions", columnOf(task, "++") + 1, "empty name")), problems(task));
    assertEquals("names nothing", problems("syscalls|functions:").get(0).message());
    assertEquals("names nothing", problems(map("functions", List.of())).get(0).message());
    assertEquals("needs a value", problems(map("functions", "read", "meta", null)).get(0).message());
  }

  @Test
  void rejectsAnUnknownDemoOrMetaSelector() {
    assertEquals(
        "unknown demo \"cap_chwon\"; did you mean cap_chown? (demos: cap_chown, cap_ipc_lock,"
            + " cap_kill, cap_net_raw, cap_setuid, cap_sys_chroot, cap_sys_ptrace, all)",
        problems("syscalls|functions:read;demo:cap_chwon").get(0).message());
    assertTrue(
        problems("syscalls|functions:read;meta:process.nam").get(0).message().startsWith("unknown meta selector"));
  }

  @Test
  void rejectsAnotherTaskNameOrAMalformedOption() {
    assertEquals(
        List.of(new Problem("task", 1, "unknown task \"syscall\"; did you mean syscalls? (expected syscalls|option:value;...)")),
        problems("syscall|functions:read"));
    String task = "syscalls|functions:read;compact";
    assertEquals(
        List.of(new Problem("compact", columnOf(task, "compact"), "expected key:value, e.g. functions:read")),
        problems(task));
    assertEquals("given twice", problems("syscalls|functions:read;compact:true;compact:false").get(0).message());
  }

  @Test
  void reportsEveryProblemAtOnceInTheOrderWritten() {
    String task = "syscall|functions:wirte;compact:maybe;demo:cap_chwon;bogus:1";
    List<Problem> problems = problems(task);
    assertEquals(
        List.of("task", "bogus", "functions", "compact", "demo"),
        problems.stream().map(Problem::where).toList());
    TaskException e = assertThrows(TaskException.class, () -> line(task));
    assertEquals(5, e.getMessage().lines().count());
    assertTrue(
        e.getMessage().contains("functions (column 19): unknown syscall \"wirte\"; did you mean write?"),
        e.getMessage());
  }
}
