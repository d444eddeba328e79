package io.sysotel.collector.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryProcFsTest {

  @TempDir Path tmp;

  @Test
  void joinsCmdlineArgumentsWithSpaces() {
    new FakeProc(tmp).process(42, "sim", "/app/simulator", 500, "/app/simulator", "-sims", "webfetch", "-loop");
    assertEquals("/app/simulator -sims webfetch -loop", ProcFs.at(tmp).cmdline(42));
  }

  @Test
  void readsTheExeLinkTarget() {
    new FakeProc(tmp).process(42, "sim", "/app/simulator", 500, "x");
    assertEquals("/app/simulator", ProcFs.at(tmp).exe(42));
  }

  @Test
  void answersNullForAnEmptyCmdlineAsKernelThreadsHave() {
    new FakeProc(tmp).process(2, "kthreadd", "/none", 1);
    assertNull(ProcFs.at(tmp).cmdline(2));
  }

  @Test
  void truncatesLongCmdlines() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("7"));
    Files.write(dir.resolve("cmdline"), "abcdef\0ghij\0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("abcdef g", new DirectoryProcFs(tmp, 8).cmdline(7));
  }

  @Test
  void answersUnknownForAGoneProcess() {
    ProcFs procFs = ProcFs.at(tmp);
    assertNull(procFs.cmdline(99));
    assertNull(procFs.exe(99));
    assertEquals(-1, procFs.startTicks(99));
  }

  @Test
  void parsesStartTicksWhenTheCommHoldsSpacesAndParentheses() {
    new FakeProc(tmp).process(42, "a) b (c", "/x", 123456, "x");
    assertEquals(123456, ProcFs.at(tmp).startTicks(42));
    assertEquals(-1, DirectoryProcFs.parseStartTicks("42 (short) S 1 2"));
  }

  @Test
  void readsBootTimeFromStat() {
    new FakeProc(tmp);
    assertEquals(FakeProc.BOOT_TIME_SECONDS * 1_000_000_000L, ProcFs.at(tmp).bootTimeUnixNanos());
  }

  @Test
  void readsTheRunningJvmFromTheHostProcfs() {
    int pid = (int) ProcessHandle.current().pid();
    ProcFs host = ProcFs.host();
    String cmd = host.cmdline(pid);
    String exe = host.exe(pid);
    assertTrue(cmd != null && cmd.contains("java"), "cmd: " + cmd);
    assertTrue(exe != null && exe.endsWith("/java"), "exe: " + exe);
    assertTrue(host.startTicks(pid) > 0);
    assertTrue(host.bootTimeUnixNanos() > 0);
  }
}
