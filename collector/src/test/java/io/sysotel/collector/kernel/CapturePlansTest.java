package io.sysotel.collector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.syscalls.CommandRead;
import io.sysotel.collector.syscalls.DecodingTable;
import io.sysotel.collector.syscalls.SyscallTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapturePlansTest {

  private static final SyscallTable TABLE = SyscallTable.x86_64();

  private static int nr(String name) {
    return TABLE.byName(name).orElseThrow().number();
  }

  /** The kernel's command_reads map holds what the decoding tables say is read, by syscall and command. */
  @Test
  void commandReadsComeFromTheTablesOfFcntlIoctlAndPrctl() {
    List<CapturePlans.CommandEntry> entries = CapturePlans.commandReads(DecodingTable.x86_64());
    Map<String, CommandRead> byKey = new HashMap<>();
    entries.forEach(e -> byKey.put(e.nr() + "/" + Integer.toUnsignedString(e.command(), 16), e.read()));
    assertEquals(entries.size(), byKey.size(), "one entry per syscall and command");

    assertEquals(CommandRead.ofBytes(32), byKey.get(nr("fcntl") + "/6")); // F_SETLK: struct flock
    assertEquals(CommandRead.ofBytes(32), byKey.get(nr("fcntl") + "/26")); // F_OFD_SETLKW (38)
    assertEquals(CommandRead.ofBytes(8), byKey.get(nr("fcntl") + "/f")); // F_SETOWN_EX: struct f_owner_ex
    assertEquals(null, byKey.get(nr("fcntl") + "/5")); // F_GETLK: the kernel fills it
    assertEquals(CommandRead.ofBytes(8), byKey.get(nr("ioctl") + "/5414")); // TIOCSWINSZ
    assertEquals(CommandRead.ofBytes(4), byKey.get(nr("ioctl") + "/40045431")); // TIOCSPTLCK
    assertEquals(CommandRead.STRING, byKey.get(nr("prctl") + "/f")); // PR_SET_NAME
    assertEquals(5 + 56 + 1, entries.size());
    assertTrue(entries.size() <= Abi.MAX_COMMAND_READS);
  }
}
