package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SyscallTableTest {

  private static final SyscallTable TABLE = SyscallTable.x86_64();

  private static List<String> argNames(String syscall) {
    return TABLE.byName(syscall).orElseThrow().args().stream().map(SyscallArg::name).toList();
  }

  private static int number(String syscall) {
    return TABLE.byName(syscall).orElseThrow().number();
  }

  @Test
  void knowsTheCommonSyscallsByNumberAndArguments() {
    assertEquals(0, number("read"));
    assertEquals(List.of("fd", "buf", "count"), argNames("read"));
    assertEquals(1, number("write"));
    assertEquals(List.of("fd", "buf", "count"), argNames("write"));
    assertEquals(257, number("openat"));
    assertEquals(List.of("dfd", "filename", "flags", "mode"), argNames("openat"));
    assertEquals(59, number("execve"));
    assertEquals(List.of("filename", "argv", "envp"), argNames("execve"));
    assertEquals(44, number("sendto"));
    assertEquals(45, number("recvfrom"));
    assertEquals(6, argNames("recvfrom").size());
    assertEquals(435, number("clone3"));
    assertEquals(new SyscallArg("const char *", "filename"), TABLE.byNumber(257).args().get(1));
  }

  @Test
  void givesArgumentsToSyscallsWhoseTracepointHasAnotherName() {
    assertEquals(List.of("filename", "statbuf"), argNames("stat"));
    assertEquals(List.of("fd", "statbuf"), argNames("fstat"));
    assertEquals(List.of("name"), argNames("uname"));
    assertEquals(List.of("out_fd", "in_fd", "offset", "count"), argNames("sendfile"));
    assertEquals(List.of("fd", "buf", "count", "pos"), argNames("pread64"));
  }

  @Test
  void holdsEveryNumberOfTheX8664Ranges() {
    for (int n = 0; n <= 334; n++) {
      assertNotNull(TABLE.byNumber(n), "syscall " + n);
    }
    for (int n = 424; n <= 450; n++) {
      assertNotNull(TABLE.byNumber(n), "syscall " + n);
    }
    assertTrue(TABLE.maxNumber() >= 450);
  }

  @Test
  void matchesTheUnistdHeaderOfThisMachine() throws IOException {
    Path header = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    Assumptions.assumeTrue(Files.exists(header), "linux-libc-dev not installed");
    Pattern define = Pattern.compile("#define __NR_(\\w+) (\\d+)");
    Map<String, Integer> expected = new HashMap<>();
    for (String line : Files.readAllLines(header)) {
      Matcher m = define.matcher(line);
      if (m.matches()) {
        expected.put(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    // The table may come from newer headers than this machine's, never from older ones.
    expected.forEach((name, nr) -> assertEquals(nr, number(name), name));
    assertTrue(TABLE.all().size() >= expected.size());
  }

  @Test
  void looksUpTheSameSyscallByNameAndByNumberInNumberOrder() {
    int previous = -1;
    for (Syscall s : TABLE.all()) {
      assertTrue(s.number() > previous, "ordered at " + s);
      assertSame(s, TABLE.byNumber(s.number()));
      assertSame(s, TABLE.byName(s.name()).orElseThrow());
      previous = s.number();
    }
    assertEquals(previous, TABLE.maxNumber());
  }

  @Test
  void matchesNamesExactly() {
    assertEquals(Optional.empty(), TABLE.byName("READ"));
    assertEquals(Optional.empty(), TABLE.byName(" read"));
  }

  @Test
  void answersNullForUnassignedNumbers() {
    assertNull(TABLE.byNumber(-1));
    assertNull(TABLE.byNumber(TABLE.maxNumber() + 1));
    assertNull(TABLE.byNumber(100_000));
  }

  @Test
  void suggestsTheNearestNameForAnUnknownOne() {
    assertEquals(
        "unknown syscall \"recvform\"; did you mean recvfrom?", TABLE.unknown("recvform").getMessage());
    assertEquals("unknown syscall \"zzzzzzzzzz\"", TABLE.unknown("zzzzzzzzzz").getMessage());
    assertEquals("recvform", TABLE.unknown("recvform").name());
  }

  @Test
  void loadsTheResourceOnce() {
    assertSame(SyscallTable.x86_64(), SyscallTable.x86_64());
  }

  @Test
  void usesTheSupplementExactlyWhereTheTableSaysSo() throws IOException {
    Map<String, String> supplement = new HashMap<>();
    for (String line : resourceLines("x86_64-supplement.tsv")) {
      String[] cols = line.split("\t");
      supplement.put(cols[0], cols[1]);
    }
    List<String> fromSupplement = new ArrayList<>();
    for (String line : resourceLines("x86_64.tsv")) {
      String[] cols = line.split("\t");
      if (cols[3].equals("supplement")) {
        assertEquals(supplement.get(cols[1]), cols[2], cols[1]);
        fromSupplement.add(cols[1]);
      }
    }
    assertTrue(fromSupplement.contains("uselib"), fromSupplement.toString());
    assertEquals(List.of(), argNames("afs_syscall"));
    assertEquals(List.of("fd", "param_values", "flags"), argNames("finit_module"));
  }

  @Test
  void rejectsAMalformedLineNamingIt() {
    String text = "# comment\n0\tread\tunsigned int fd\tsys_enter_read\n1\twrite\tfd\tsys_enter_write\n";
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SyscallTable.parse(new BufferedReader(new StringReader(text)), "t.tsv"));
    assertEquals("t.tsv:3: bad argument \"fd\"; expected \"type name\"", e.getMessage());
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = SyscallTable.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }

  @Test
  void knowsTheReferenceProductsSpellingsOfSendmsgAndRecvmsg() {
    SyscallTable t = SyscallTable.x86_64();
    assertEquals(t.byName("sendmsg").orElseThrow(), t.byName("send_msg").orElseThrow());
    assertEquals(t.byName("recvmsg").orElseThrow(), t.byName("recv_msg").orElseThrow());
  }
}
