package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecodingTableTest {

  private static final SyscallTable TABLE = SyscallTable.x86_64();
  private static final DecodingTable DECODING = DecodingTable.x86_64();
  private static final Set<ArgFormat> INTEGERS =
      EnumSet.of(ArgFormat.INT, ArgFormat.LONG, ArgFormat.UINT, ArgFormat.ULONG);

  private static ArgDecoding[] of(String syscall) {
    return DECODING.of(TABLE.byName(syscall).orElseThrow().number());
  }

  @Test
  void everyArgumentOfEverySyscallHasADecodingThatFitsItsType() {
    int arguments = 0;
    for (Syscall s : TABLE.all()) {
      ArgDecoding[] ds = DECODING.of(s.number());
      assertNotNull(ds, s.name());
      assertEquals(s.args().size(), ds.length, s.name());
      for (int i = 0; i < ds.length; i++) {
        ArgDecoding d = ds[i];
        SyscallArg arg = s.args().get(i);
        String where = s.name() + "." + arg.name() + " (" + arg.type() + ")";
        assertNotNull(d.format(), where);
        boolean pointer = arg.type().contains("*");
        if (d.format().captured() && !d.format().byCommand()) { // fcntl's arg: a pointer for some commands

          assertTrue(pointer, where + " is captured but is no pointer");
        }
        if (pointer) {
          assertTrue(d.format().captured() || d.format() == ArgFormat.POINTER, where);
        }
        if (arg.type().replace(" ", "").equals("constchar*")) {
          assertTrue(d.format() == ArgFormat.STRING || d.format() == ArgFormat.BUFFER, where);
        }
        switch (d.format()) {
          case BUFFER, OPTVAL, SOCKADDR, IOVEC -> {
            assertTrue(d.lengthArg() >= 0 && d.lengthArg() < ds.length && d.lengthArg() != i, where);
            assertTrue(INTEGERS.contains(ds[d.lengthArg()].format()), where + ": length is no integer");
          }
          case FCNTL -> {
            assertEquals("fcntl", s.name(), where);
            assertEquals("fcntl", ds[d.lengthArg()].flags(), where + ": the command");
          }
          case IOCTL -> {
            assertEquals("ioctl", s.name(), where);
            assertEquals("ioctl", ds[d.lengthArg()].flags(), where + ": the request");
          }
          case PRCTL -> {
            assertEquals("prctl", s.name(), where);
            assertEquals("prctl", ds[d.lengthArg()].flags(), where + ": the option");
          }
          case MOUNT_TYPE, MOUNT_DATA -> {
            assertEquals("mount", s.name(), where);
            assertEquals("mount", ds[d.lengthArg()].flags(), where + ": the flags");
          }
          case FLAGS -> assertTrue(Symbols.exists(d.flags()), where);
          default -> assertEquals(-1, d.lengthArg(), where);
        }
        arguments++;
      }
    }
    assertTrue(TABLE.all().size() > 350 && arguments > 900, TABLE.all().size() + " syscalls, " + arguments);
  }

  @Test
  void rulesAndExceptionsGiveWhatStraceShows() {
    assertEquals(List.of(ArgDecoding.of(ArgFormat.INT), new ArgDecoding(ArgFormat.BUFFER, null, 2),
        ArgDecoding.of(ArgFormat.ULONG)), List.of(of("write")));
    assertEquals(ArgFormat.POINTER, of("read")[1].format(), "read's buf is filled by the kernel");
    assertEquals(List.of(ArgDecoding.of(ArgFormat.DIRFD), ArgDecoding.of(ArgFormat.STRING),
        new ArgDecoding(ArgFormat.FLAGS, "open", -1), ArgDecoding.of(ArgFormat.MODE)), List.of(of("openat")));
    assertEquals(ArgFormat.STRINGS, of("execve")[1].format());
    assertEquals(ArgFormat.STRINGS, of("execve")[2].format());
    assertEquals(new ArgDecoding(ArgFormat.SOCKADDR, null, 2), of("connect")[1]);
    assertEquals(new ArgDecoding(ArgFormat.SOCKADDR, null, 5), of("sendto")[4]);
    assertEquals(ArgFormat.POINTER, of("accept")[1].format(), "accept's address is filled by the kernel");
    assertEquals(new ArgDecoding(ArgFormat.IOVEC, null, 2), of("writev")[1]);
    assertEquals(ArgFormat.POINTER, of("readv")[1].format());
    assertEquals(ArgFormat.INT, of("mmap")[4].format(), "mmap's fd is unsigned long in the kernel");
    assertEquals(ArgFormat.POINTER, of("mmap")[0].format());
    assertEquals(ArgFormat.HEX, of("mmap")[5].format());
  }

  private static DecodingTable parse(String text) throws Exception {
    return DecodingTable.parse(TABLE, new BufferedReader(new StringReader(text)), "exceptions.tsv");
  }

  @Test
  void rejectsExceptionsThatDoNotFitTheTableNamingTheLine() {
    assertEquals("exceptions.tsv:2: no syscall wirte",
        assertThrows(IllegalStateException.class, () -> parse("# c\nwirte\tbuf\tBUFFER\tcount\n")).getMessage());
    assertEquals("exceptions.tsv:1: write has no argument buff",
        assertThrows(IllegalStateException.class, () -> parse("write\tbuff\tBUFFER\tcount\n")).getMessage());
    assertEquals("exceptions.tsv:1: BUFFER needs the length argument of write",
        assertThrows(IllegalStateException.class, () -> parse("write\tbuf\tBUFFER\tlen\n")).getMessage());
    assertEquals("exceptions.tsv:1: unknown flag set nope",
        assertThrows(IllegalStateException.class, () -> parse("open\tflags\tFLAGS\tnope\n")).getMessage());
    assertEquals("exceptions.tsv:1: unknown format TEXT",
        assertThrows(IllegalStateException.class, () -> parse("open\tflags\tTEXT\n")).getMessage());
    assertEquals("exceptions.tsv:2: second line for open flags",
        assertThrows(IllegalStateException.class, () -> parse("open\tflags\tHEX\nopen\tflags\tINT\n")).getMessage());
  }
}
