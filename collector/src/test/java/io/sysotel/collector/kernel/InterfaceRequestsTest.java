package io.sysotel.collector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sysotel.collector.syscalls.Ioctls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Renderings as strace 6.1 -v printed the same structs (a sweep of every request and hardware type). */
class InterfaceRequestsTest {

  private static ByteBuffer ifreq(String name) {
    ByteBuffer b = ByteBuffer.allocate(InterfaceRequests.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(0, name.getBytes(StandardCharsets.ISO_8859_1));
    return b;
  }

  private static String render(long request, ByteBuffer b) {
    return InterfaceRequests.render(request, b.array());
  }

  @Test
  void getRequestsShowTheNameAndSetRequestsWhatTheyGive() {
    assertEquals("{ifr_name=\"sysotel0\"}", render(0x8913, ifreq("sysotel0"))); // SIOCGIFFLAGS
    assertEquals("{ifr_ifindex=-1}", render(0x8910, ifreq("").putInt(16, -1))); // SIOCGIFNAME
    assertEquals("{ifr_name=\"x\", ifr_flags=IFF_UP|IFF_BROADCAST|IFF_RUNNING|IFF_MULTICAST|IFF_DYNAMIC}",
        render(0x8914, ifreq("x").putShort(16, (short) 0x9043)));
    assertEquals("{ifr_name=\"x\", ifr_flags=0}", render(0x8914, ifreq("x")));
    assertEquals("{ifr_name=\"x\", ifr_mtu=-5}", render(0x8922, ifreq("x").putInt(16, -5)));
    assertEquals("{ifr_name=\"x\", ifr_metric=7}", render(0x891e, ifreq("x").putInt(16, 7)));
    assertEquals("{ifr_name=\"x\", ifr_qlen=500}", render(0x8943, ifreq("x").putInt(16, 500)));
    assertEquals("{ifr_name=\"x\", ifr_map={mem_start=0x1000, mem_end=0x2000, base_addr=0x300, irq=0xff, dma=0x1,"
            + " port=0}}",
        render(0x8971, ifreq("x").putLong(16, 0x1000).putLong(24, 0x2000).putShort(32, (short) 0x300)
            .put(34, (byte) 0xff).put(35, (byte) 1)));
  }

  @Test
  void namesWithoutANulShowFifteenBytesAndMore() {
    ByteBuffer b = ifreq("x");
    for (int i = 0; i < 16; i++) {
      b.put(16 + i, (byte) 'B');
    }
    assertEquals("{ifr_name=\"x\", ifr_newname=\"BBBBBBBBBBBBBBB\"...}", render(0x8923, b));
    assertEquals("{ifr_name=\"123456789012345\", ifr_mtu=0}", render(0x8922, ifreq("123456789012345")));
    assertEquals("{ifr_name=\"\\n\\200\", ifr_mtu=0}", render(0x8922, ifreq("\n\u0080")));
    assertEquals("{ifr_name=\"x\", ifr_slave=\"slave0\"}", render(0x8930, ifreq("x").put(16, "slave0".getBytes())));
  }

  @Test
  void addressesBySocketFamilyAndHardwareType() {
    ByteBuffer in = ifreq("x").putShort(16, (short) 2).put(18, (byte) 0).put(19, (byte) 80)
        .put(20, (byte) 10).put(21, (byte) 1).put(22, (byte) 2).put(23, (byte) 3);
    assertEquals("{ifr_name=\"x\", ifr_addr={sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"10.1.2.3\")}}",
        render(0x8916, in));
    assertEquals("{ifr_name=\"x\", ifr_dstaddr={sa_family=AF_INET6, sa_data=\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}}",
        render(0x8918, ifreq("x").putShort(16, (short) 10)));
    assertEquals("{ifr_name=\"x\", ifr_netmask={sa_family=AF_UNSPEC, sa_data=\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}}",
        render(0x891c, ifreq("x")));
    String[][] byType = {
      {"0", "ARPHRD_NETROM", "01:02:03:04:05:06:07"},
      {"1", "ARPHRD_ETHER", "01:02:03:04:05:06"},
      {"32", "ARPHRD_INFINIBAND", "01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e"},
      {"768", "ARPHRD_TUNNEL", "01:02:03:04"},
      {"826", "ARPHRD_VSOCKMON", "01:02:03:04:05:06:07:08"},
      {"65534", "ARPHRD_NONE", "01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e"},
      {"4660", "0x1234 /* ARPHRD_??? */", "01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e"},
    };
    for (String[] t : byType) {
      ByteBuffer b = ifreq("x").putShort(16, (short) Integer.parseInt(t[0]));
      for (int i = 0; i < 14; i++) {
        b.put(18 + i, (byte) (i + 1));
      }
      assertEquals("{ifr_name=\"x\", ifr_hwaddr={sa_family=" + t[1] + ", sa_data=" + t[2] + "}}", render(0x8924, b));
    }
    assertEquals("{...}", InterfaceRequests.render(0x8924, new byte[39]));
  }

  @Test
  void ifconfShowsItsLengthInIfreqs() {
    ByteBuffer c = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("{ifc_len=0, ifc_buf=NULL}", InterfaceRequests.ifconf(c.array()));
    assertEquals("{ifc_len=80 /* 2 * sizeof(struct ifreq) */, ifc_buf=0x7ffff6230138}",
        InterfaceRequests.ifconf(c.putInt(0, 80).putLong(8, 0x7ffff6230138L).array()));
    assertEquals("{ifc_len=41, ifc_buf=0x7ffff6230138}", InterfaceRequests.ifconf(c.putInt(0, 41).array()));
    assertEquals("{ifc_len=-40, ifc_buf=0x7ffff6230138}", InterfaceRequests.ifconf(c.putInt(0, -40).array()));
    assertEquals("{...}", InterfaceRequests.ifconf(new byte[8]));
  }

  /** The requests the ioctl table has the kernel read as a struct ifreq are those rendered here. */
  @Test
  void theTableReadsTheRequestsRenderedHere() {
    Set<Long> read = Ioctls.table().keySet().stream()
        .filter(r -> Ioctls.argumentOf(r) == Ioctls.Argument.IFREQ)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<Long> rendered = Ioctls.table().keySet().stream()
        .filter(InterfaceRequests::decodes)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(rendered, read);
    assertEquals(28, read.size());
  }
}
