package io.sysotel.collector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationTest {

  @Test
  void parsesTheSeedsNamesInAnyCase() {
    assertEquals(Simulation.CAP_CHOWN, Simulation.parse("cap_chown"));
    assertEquals(Simulation.CAP_NET_RAW, Simulation.parse("CAP_NET_RAW"));
    assertEquals(Simulation.CAP_SYS_PTRACE, Simulation.parse("Cap_Sys_Ptrace"));
    assertEquals(Simulation.ALL, Simulation.parse(" all "));
  }

  @Test
  void idIsTheLowerCaseOptionValueAndParsesBack() {
    for (Simulation s : Simulation.values()) {
      assertEquals(s.name().toLowerCase(java.util.Locale.ROOT), s.id());
      assertEquals(s.id(), s.toString());
      assertEquals(s, Simulation.parse(s.id()));
    }
  }

  @Test
  void unknownNameIsRejectedWithTheKnownNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Simulation.parse("cap_sys_admin"));
    assertTrue(e.getMessage().contains("'cap_sys_admin'"), e.getMessage());
    for (Simulation s : Simulation.values()) {
      assertTrue(e.getMessage().contains(s.id()), e.getMessage());
    }
  }

  @Test
  void typoIsAnsweredWithTheNearestName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Simulation.parse("cap_chwon"));
    assertTrue(e.getMessage().contains("did you mean cap_chown?"), e.getMessage());
  }

  @Test
  void eachSimulationMakesTheSyscallsTheSeedNames() {
    Map<Simulation, Set<String>> seed =
        Map.of(
            Simulation.CAP_CHOWN, Set.of("chown"),
            Simulation.CAP_IPC_LOCK, Set.of("mlockall", "mlock"),
            Simulation.CAP_KILL, Set.of("kill"),
            Simulation.CAP_NET_RAW, Set.of("socket", "setsockopt", "bind"),
            Simulation.CAP_SETUID, Set.of("setuid", "setreuid"),
            Simulation.CAP_SYS_CHROOT, Set.of("chroot", "setns"),
            Simulation.CAP_SYS_PTRACE, Set.of("ptrace"));
    seed.forEach((s, syscalls) -> assertEquals(syscalls, s.syscalls(), s.id()));
  }

  @Test
  void allMakesTheSyscallsOfEverySimulationInOrder() {
    Set<String> union = new LinkedHashSet<>();
    for (Simulation s : Simulation.values()) {
      if (s != Simulation.ALL) {
        union.addAll(s.syscalls());
      }
    }
    assertEquals(List.copyOf(union), List.copyOf(Simulation.ALL.syscalls()));
    assertEquals(Simulation.values().length - 1, Simulation.ALL.parts().size());
    assertEquals(List.of(Simulation.CAP_KILL), Simulation.CAP_KILL.parts());
  }

  @Test
  void syscallSetsCannotBeChanged() {
    assertThrows(UnsupportedOperationException.class, () -> Simulation.CAP_KILL.syscalls().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> Simulation.ALL.syscalls().clear());
  }
}
