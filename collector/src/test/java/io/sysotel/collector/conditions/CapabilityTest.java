package io.sysotel.collector.conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapabilityTest {

  @Test
  void numbersFollowTheKernelHeaderFromChownToCheckpointRestore() {
    Capability[] all = Capability.values();
    assertEquals(41, all.length);
    for (int n = 0; n < all.length; n++) {
      assertEquals(n, all[n].number(), all[n].name());
    }
    assertEquals(0, Capability.CAP_CHOWN.number());
    assertEquals(13, Capability.CAP_NET_RAW.number());
    assertEquals(21, Capability.CAP_SYS_ADMIN.number());
    assertEquals(31, Capability.CAP_SETFCAP.number());
    assertEquals(39, Capability.CAP_BPF.number());
    assertEquals(40, Capability.CAP_CHECKPOINT_RESTORE.number());
  }

  @ParameterizedTest
  @CsvSource({
    "CAP_NET_RAW, CAP_NET_RAW",
    "cap_net_raw, CAP_NET_RAW",
    "NET_RAW, CAP_NET_RAW",
    "net_raw, CAP_NET_RAW",
    "Cap_Sys_Admin, CAP_SYS_ADMIN",
    "checkpoint_restore, CAP_CHECKPOINT_RESTORE",
  })
  void findsANameWhateverItsCaseWithOrWithoutPrefix(String name, Capability expected) {
    assertEquals(Optional.of(expected), Capability.byName(name));
  }

  @ParameterizedTest
  @CsvSource({"CAP_NET_RAX", "NET", "CAP_", "''", "CAP_CAP_NET_RAW"})
  void findsNoUnknownName(String name) {
    assertEquals(Optional.empty(), Capability.byName(name));
  }

  @Test
  void namesASetByNumberAndShowsUnknownBitsAsNumbers() {
    long set = Capability.CAP_NET_RAW.bit() | Capability.CAP_KILL.bit() | (1L << 63);
    assertEquals("CAP_KILL,CAP_NET_RAW,63", Capability.names(set));
    assertEquals("", Capability.names(0));
    assertEquals(41, Capability.names(Capability.ALL_MASK).split(",").length);
  }

  @Test
  void convertsBetweenSetsAndMasks() {
    long mask = Capability.mask(EnumSet.of(Capability.CAP_BPF, Capability.CAP_PERFMON));
    assertEquals(0b11L << 38, mask);
    assertEquals(EnumSet.of(Capability.CAP_BPF, Capability.CAP_PERFMON), Capability.of(mask));
    assertTrue(Capability.CAP_BPF.in(mask));
    assertFalse(Capability.CAP_CHOWN.in(mask));
    assertEquals((1L << 41) - 1, Capability.ALL_MASK);
    assertEquals(Optional.of(Capability.CAP_BPF), Capability.byNumber(39));
    assertEquals(Optional.empty(), Capability.byNumber(41));
  }
}
