package io.sysotel.collector.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.UserBytes;
import io.sysotel.collector.syscalls.DecodingTable;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.task.ArgumentLimits;
import io.sysotel.collector.testing.SyscallHelper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel's direct capture path (sysotel.bpf.c, send_direct): a plan that captures one string
 * or one buffer is read straight into a ring record reserved at a size class. Buffers and strings
 * around each class's boundary and each limit, NUL bytes, unreadable and NULL pointers, and a full
 * ring: exact bytes, lengths, truncation and error marks, record sizes, counters. Needs root.
 */
@Tag("root")
class CaptureOnTheKernelTest {

  private static final SyscallTable TABLE = SyscallTable.x86_64();
  private static final ArgumentDecoder DECODER = new ArgumentDecoder(TABLE, DecodingTable.x86_64());
  private static final int WRITE = TABLE.byName("write").orElseThrow().number();
  private static final int OPENAT = TABLE.byName("openat").orElseThrow().number();
  private static final int SWAPOFF = TABLE.byName("swapoff").orElseThrow().number();
  /** Chunk data room of the direct path's size classes: DIRECT_ROOM_* in sysotel.bpf.c. */
  private static final int[] ROOMS = {8, 64, 264, 1032, 4104};
  private static final int HEADERS = Abi.Event.SIZE + Abi.Chunk.SIZE;

  /** One record of the helper: its ring length, its header's size, its decoded arguments. */
  record Captured(int ringLength, int size, Arguments args) {}

  /** Runs args-helper with the given arguments while {@code syscall} is traced with {@code limits}. */
  private static List<Captured> trace(SysotelProgram program, int syscall, ArgumentLimits limits,
      String... helperArgs) throws Exception {
    long[] masks = new long[Abi.MAX_SYSCALLS];
    masks[syscall] = 1;
    ArgumentLimits[] perSyscall = new ArgumentLimits[Abi.MAX_SYSCALLS];
    perSyscall[syscall] = limits;
    program.setSyscallPipelines(masks, 0, CapturePlans.encode(DecodingTable.x86_64(), perSyscall));
    List<String> command = new ArrayList<>(List.of(SyscallHelper.build("args-helper").toString()));
    command.addAll(List.of(helperArgs));
    Process helper = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Captured> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long exitedAt = 0;
    while (exitedAt == 0 || System.nanoTime() - exitedAt < TimeUnit.MILLISECONDS.toNanos(300)) {
      assertTrue(System.nanoTime() < deadline, "helper did not finish in time");
      program.ring().poll(10, (b, off, len) -> {
        KernelEvent e = KernelEvent.decode(b, off, len);
        // the helper's own calls: its dynamic loader's opens use AT_FDCWD, not -1
        if (e.tgid() == helper.pid() && e.comm().equals("args-helper") && e.syscallNr() == syscall
            && (syscall == SWAPOFF || (int) e.args()[0] == -1)) {
          out.add(new Captured(len, b.getInt(off + Abi.Event.SIZE_FIELD), DECODER.decode(b, off, len)));
        }
      });
      if (exitedAt == 0 && !helper.isAlive()) {
        exitedAt = System.nanoTime();
      }
    }
    assertEquals(0, helper.exitValue());
    return out;
  }

  /** What the direct path reserves for a chunk that may need {@code need} bytes. */
  private static int reserved(int need) {
    return HEADERS + Arrays.stream(ROOMS).filter(r -> r >= need).findFirst().orElseThrow();
  }

  private static byte[] pattern(int n, boolean path) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (path ? 1 + i * 37 % 255 : i * 37);
    }
    return b;
  }

  private static String[] strings(int... values) {
    return IntStream.of(values).mapToObj(Integer::toString).toArray(String[]::new);
  }

  private static void assertBuffers(SysotelProgram program, int limit, int... sizes) throws Exception {
    List<Captured> got =
        trace(program, WRITE, new ArgumentLimits(256, limit, 32), prepend("writes", strings(sizes)));
    assertEquals(sizes.length, got.size(), "writes");
    for (int i = 0; i < sizes.length; i++) {
      int n = sizes[i];
      int kept = Math.min(n, limit);
      String what = "write of " + n + " bytes, limit " + limit;
      Captured c = got.get(i);
      UserBytes buf = (UserBytes) c.args().value(1);
      assertArrayEquals(pattern(kept, false), buf.bytes(), what);
      assertEquals(n > limit, buf.truncated(), what + ": truncated");
      assertEquals(n, buf.length(), what + ": length");
      assertEquals(HEADERS + ((kept + 7) & ~7), c.size(), what + ": record size");
      assertEquals(reserved(kept), c.ringLength(), what + ": reserved");
    }
  }

  @Test
  void buffersAroundEachSizeClassAndLimit() throws Exception {
    try (SysotelProgram program = SysotelProgram.load(SysotelProgram.Settings.defaults())) {
      assertBuffers(program, 4096,
          0, 1, 7, 8, 9, 63, 64, 65, 263, 264, 265, 1031, 1032, 1033, 4095, 4096, 4097, 6000);
      assertBuffers(program, 256, 1, 255, 256, 257, 1000);
      assertBuffers(program, 0, 0, 1);
    }
  }

  @Test
  void pathsAroundEachLimit() throws Exception {
    try (SysotelProgram program = SysotelProgram.load(SysotelProgram.Settings.defaults())) {
      // each limit whose string read (limit + 2 bytes) just fits or just misses a class
      for (int limit : new int[] {0, 6, 7, 62, 63, 256, 262, 263, 1030, 1031, 4096}) {
        int[] lengths = IntStream.of(0, limit - 1, limit, limit + 1, limit + 2, 2 * limit + 10)
            .filter(n -> n >= 0).distinct().toArray();
        List<Captured> got =
            trace(program, OPENAT, new ArgumentLimits(limit, 256, 32), prepend("paths", strings(lengths)));
        assertEquals(lengths.length, got.size(), "opens, limit " + limit);
        for (int i = 0; i < lengths.length; i++) {
          int n = lengths[i];
          int kept = Math.min(n, limit);
          String what = "path of " + n + " bytes, limit " + limit;
          Captured c = got.get(i);
          UserBytes path = (UserBytes) c.args().value(1);
          assertArrayEquals(pattern(kept, true), path.bytes(), what);
          assertEquals(n > limit, path.truncated(), what + ": truncated");
          assertEquals(HEADERS + ((kept + 7) & ~7), c.size(), what + ": record size");
          assertEquals(reserved(limit + 2), c.ringLength(), what + ": reserved");
        }
      }
    }
  }

  private static String[] prepend(String first, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  @Test
  void unreadableAndNullPointers() throws Exception {
    try (SysotelProgram program = SysotelProgram.load(SysotelProgram.Settings.defaults())) {
      List<Captured> writes = trace(program, WRITE, ArgumentLimits.DEFAULTS, "unreadable");
      List<Captured> opens = trace(program, OPENAT, ArgumentLimits.DEFAULTS, "unreadable");
      assertEquals(List.of("0x10 /* EFAULT */", "\"\"", "0x10 /* EFAULT */", "NULL"),
          writes.stream().map(c -> c.args().appendTo(new StringBuilder(), 1).toString()).toList());
      assertEquals(List.of("0x1 /* EFAULT */", "NULL"),
          opens.stream().map(c -> c.args().appendTo(new StringBuilder(), 1).toString()).toList());
      // an error chunk carries no data; a NULL pointer is the plain record, nothing reserved beyond it
      assertEquals(List.of(HEADERS, HEADERS, HEADERS, Abi.Event.SIZE),
          writes.stream().map(Captured::size).toList());
      assertEquals(List.of(reserved(5), reserved(0), reserved(256), Abi.Event.SIZE),
          writes.stream().map(Captured::ringLength).toList());
      assertEquals(List.of(HEADERS, Abi.Event.SIZE), opens.stream().map(Captured::size).toList());
    }
  }

  /** A one-page ring holds 8 records of the default class: the rest are lost, each one counted. */
  @Test
  void aFullRingCountsEveryDirectRecordItLoses() throws Exception {
    SysotelProgram.Settings tiny = new SysotelProgram.Settings(4096, 1 << 20, 1024);
    try (SysotelProgram program = SysotelProgram.load(tiny)) {
      long[] masks = new long[Abi.MAX_SYSCALLS];
      masks[SWAPOFF] = 1;
      ArgumentLimits[] limits = new ArgumentLimits[Abi.MAX_SYSCALLS];
      limits[SWAPOFF] = ArgumentLimits.DEFAULTS;
      program.setSyscallPipelines(masks, 0, CapturePlans.encode(DecodingTable.x86_64(), limits));
      Process helper = new ProcessBuilder(SyscallHelper.build("args-helper").toString(), "swapoff", "5000")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      assertTrue(helper.waitFor(30, TimeUnit.SECONDS));
      List<String> received = new ArrayList<>();
      program.ring().drain((b, off, len) -> {
        KernelEvent e = KernelEvent.decode(b, off, len);
        if (e.tgid() == helper.pid() && e.syscallNr() == SWAPOFF) {
          received.add(DECODER.decode(b, off, len).appendTo(new StringBuilder(), 0).toString());
        }
      });
      KernelCounters counters = program.counters();
      assertTrue(counters.lost() > 0, "a one-page ring must overflow");
      assertEquals(5000, received.size() + counters.lost(), "every missing event is counted as lost");
      assertEquals(received.size(), counters.submitted(), "no other process calls swapoff");
      assertTrue(counters.wakeups() >= 1 && counters.wakeups() <= counters.submitted(),
          "wakeups " + counters.wakeups());
      assertEquals(List.of("\"/nonexistent/sysotel-test-swap\""), received.stream().distinct().toList());
    }
  }
}
