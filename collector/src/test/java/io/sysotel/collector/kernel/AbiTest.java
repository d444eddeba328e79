package io.sysotel.collector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares every struct Java reads or writes with the BTF of the committed BPF object, so a
 * change to bpf/sysotel.h without the matching change to {@link Abi} fails here.
 */
class AbiTest {

  private static final Pattern STRUCT = Pattern.compile("^\\[\\d+] STRUCT '(\\w+)' size=(\\d+) vlen=\\d+$");
  private static final Pattern MEMBER = Pattern.compile("^\\s+'(\\w+)' type_id=\\d+ bits_offset=(\\d+)$");

  private static final Map<String, Integer> sizes = new HashMap<>();
  private static final Map<String, Map<String, Integer>> offsets = new HashMap<>();

  @BeforeAll
  static void readBtf() throws IOException, InterruptedException {
    Path object = Path.of("../bpf/sysotel.bpf.o");
    assertTrue(Files.exists(object), "committed object at " + object.toAbsolutePath());
    Process p = new ProcessBuilder("bpftool", "btf", "dump", "file", object.toString())
        .redirectErrorStream(true)
        .start();
    String current = null;
    for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
      Matcher s = STRUCT.matcher(line);
      Matcher m = MEMBER.matcher(line);
      if (s.matches()) {
        current = s.group(1);
        sizes.put(current, Integer.parseInt(s.group(2)));
        offsets.put(current, new LinkedHashMap<>());
      } else if (m.matches() && current != null) {
        offsets.get(current).put(m.group(1), Integer.parseInt(m.group(2)) / 8);
      } else if (!line.startsWith("\t")) {
        current = null;
      }
    }
    assertEquals(0, p.waitFor(), "bpftool btf dump");
  }

  private static void assertStruct(String name, int size, Map<String, Integer> expected) {
    assertEquals(size, sizes.get(name), name + " size");
    assertEquals(expected, offsets.get(name), name + " member offsets");
  }

  @Test
  void eventLayoutMatches() {
    Map<String, Integer> e = new LinkedHashMap<>();
    e.put("type", Abi.Event.TYPE);
    e.put("size", Abi.Event.SIZE_FIELD);
    e.put("ktime_ns", Abi.Event.KTIME_NS);
    e.put("pipelines", Abi.Event.PIPELINES);
    e.put("tgid", Abi.Event.TGID);
    e.put("tid", Abi.Event.TID);
    e.put("ptgid", Abi.Event.PTGID);
    e.put("syscall_nr", Abi.Event.SYSCALL_NR);
    e.put("args", Abi.Event.ARGS);
    e.put("cap_inh", Abi.Event.CAP_INH);
    e.put("cap_prm", Abi.Event.CAP_PRM);
    e.put("cap_eff", Abi.Event.CAP_EFF);
    e.put("cap_bnd", Abi.Event.CAP_BND);
    e.put("cap_amb", Abi.Event.CAP_AMB);
    e.put("start_boot_ns", Abi.Event.START_BOOT_NS);
    e.put("pidns_inum", Abi.Event.PIDNS_INUM);
    e.put("flags", Abi.Event.FLAGS);
    e.put("cgroup_id", Abi.Event.CGROUP_ID);
    e.put("state", Abi.Event.STATE);
    assertStruct("sysotel_event", Abi.Event.SIZE, e);
  }

  @Test
  void commandReadLayoutsMatch() {
    assertStruct("sysotel_command_key", Abi.CommandKey.SIZE, Map.of(
        "nr", Abi.CommandKey.NR,
        "command", Abi.CommandKey.COMMAND));
    assertStruct("sysotel_command_read", Abi.CommandReadValue.SIZE, Map.of(
        "bytes", Abi.CommandReadValue.BYTES,
        "flags", Abi.CommandReadValue.FLAGS));
  }

  @Test
  void verdictAndStateLayoutsMatch() {
    assertStruct("sysotel_proc_state", Abi.ProcState.SIZE, Map.of(
        "cred", Abi.ProcState.CRED,
        "cgroups", Abi.ProcState.CGROUPS,
        "exec_id", Abi.ProcState.EXEC_ID,
        "comm", Abi.ProcState.COMM));
    assertStruct("sysotel_verdict", Abi.Verdict.SIZE, Map.of(
        "state", Abi.Verdict.STATE,
        "match", Abi.Verdict.MATCH,
        "generation", Abi.Verdict.GENERATION));
  }

  @Test
  void perCpuStateConfigAndControlLayoutsMatch() {
    assertStruct("sysotel_counters", Abi.Counters.SIZE, Map.of(
        "filtered", Abi.Counters.FILTERED,
        "submitted", Abi.Counters.SUBMITTED,
        "lost", Abi.Counters.LOST,
        "wakeups", Abi.Counters.WAKEUPS));
    assertStruct("sysotel_recent", Abi.Recent.SIZE, Map.of(
        "task", Abi.Recent.TASK,
        "start_ns", Abi.Recent.START_NS,
        "verdict", Abi.Recent.VERDICT,
        "cgroup_id", Abi.Recent.CGROUP_ID,
        "pidns_inum", Abi.Recent.PIDNS_INUM,
        "pad", Abi.Recent.PAD));
    assertStruct("sysotel_cpu_state", Abi.CpuState.SIZE, Map.of(
        "counters", Abi.CpuState.COUNTERS,
        "recent", Abi.CpuState.RECENT));
    assertStruct("sysotel_config", Abi.Config.SIZE, Map.of(
        "abi_version", Abi.Config.ABI_VERSION,
        "wakeup_bytes", Abi.Config.WAKEUP_BYTES));
    assertStruct("sysotel_control", Abi.Control.SIZE, Map.of(
        "generation", Abi.Control.GENERATION,
        "compact_pipelines", Abi.Control.COMPACT_PIPELINES,
        "syscall_pipelines", Abi.Control.SYSCALL_PIPELINES,
        "plans", Abi.Control.PLANS));
  }

  @Test
  void argumentCaptureLayoutsMatch() {
    Map<String, Integer> c = new LinkedHashMap<>();
    c.put("arg", Abi.Chunk.ARG);
    c.put("kind", Abi.Chunk.KIND);
    c.put("len", Abi.Chunk.LEN);
    c.put("error", Abi.Chunk.ERROR);
    c.put("flags", Abi.Chunk.FLAGS);
    c.put("size", Abi.Chunk.SIZE_FIELD);
    c.put("pad", Abi.Chunk.PAD);
    assertStruct("sysotel_chunk", Abi.Chunk.SIZE, c);
    Map<String, Integer> p = new LinkedHashMap<>();
    p.put("kind", Abi.ArgPlan.KIND);
    p.put("len_arg", Abi.ArgPlan.LEN_ARG);
    p.put("max_string", Abi.ArgPlan.MAX_STRING);
    p.put("max_buffer", Abi.ArgPlan.MAX_BUFFER);
    p.put("max_elements", Abi.ArgPlan.MAX_ELEMENTS);
    p.put("pad", Abi.ArgPlan.PAD);
    assertStruct("sysotel_arg_plan", Abi.ArgPlan.SIZE, p);
  }
}
