package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapabilityShorthandsTest {

  private static List<String> functions(String capability) {
    return CapabilityShorthands.lookup(capability).orElseThrow().functions();
  }

  @Test
  void standsForTheReferenceProductsLists() {
    assertEquals(
        List.of("CAP_NET_RAW", "CAP_NET_ADMIN", "CAP_IPC_LOCK", "CAP_SYS_PTRACE"),
        CapabilityShorthands.supported());
    assertEquals(
        List.of("socket", "sendto", "recvfrom", "recvmsg", "bind", "setsockopt", "ioctl"),
        functions("CAP_NET_RAW"));
    assertEquals(
        List.of(
            "bind", "connect", "listen", "accept", "setsockopt", "getsockopt", "getsockname",
            "getpeername", "ioctl", "recvfrom"),
        functions("CAP_NET_ADMIN"));
    assertEquals(
        List.of(
            "munlock", "mlockall", "munlockall", "shmget", "shmat", "shmdt", "shmctl", "msgget",
            "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semctl"),
        functions("CAP_IPC_LOCK"));
    assertEquals(
        List.of(
            "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "get_robust_list",
            "set_robust_list"),
        functions("CAP_SYS_PTRACE"));
  }

  @Test
  void namesOnlySyscallsOfTheTable() {
    SyscallTable table = SyscallTable.x86_64();
    for (CapabilityShorthands.Shorthand s : CapabilityShorthands.all()) {
      for (String f : s.functions()) {
        assertTrue(table.byName(f).isPresent(), s.capability() + " names unknown " + f);
      }
    }
  }

  @Test
  void findsACapabilityInAnyCaseWithOrWithoutPrefix() {
    for (String name : List.of("CAP_NET_RAW", "cap_net_raw", "NET_RAW", "net_raw", " Cap_Net_Raw ")) {
      assertEquals("CAP_NET_RAW", CapabilityShorthands.lookup(name).orElseThrow().capability(), name);
    }
    assertEquals(Optional.empty(), CapabilityShorthands.lookup("CAP_CHOWN"));
  }

  @Test
  void rejectsAnUnsupportedCapabilityListingTheSupportedOnes() {
    assertEquals(
        "unsupported capability \"CAP_CHOWN\" (supported: CAP_NET_RAW, CAP_NET_ADMIN,"
            + " CAP_IPC_LOCK, CAP_SYS_PTRACE)",
        CapabilityShorthands.unsupported("CAP_CHOWN").getMessage());
    assertEquals(
        "unsupported capability \"net_rwa\"; did you mean CAP_NET_RAW? (supported: CAP_NET_RAW,"
            + " CAP_NET_ADMIN, CAP_IPC_LOCK, CAP_SYS_PTRACE)",
        CapabilityShorthands.unsupported("net_rwa").getMessage());
  }
}
