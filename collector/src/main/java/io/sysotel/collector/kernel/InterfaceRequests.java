package io.sysotel.collector.kernel;

import io.sysotel.collector.api.UserBytes;
import io.sysotel.collector.syscalls.Symbols;
import io.sysotel.collector.syscalls.Symbols.Bit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code struct ifreq} of the network interface requests (SIOCGIFFLAGS, SIOCSIFMTU, ...) as
 * strace 6.1 shows it at entry: the interface's name and what a set request gives, {@code
 * {ifr_name="eth0", ifr_mtu=1400}}; a get request shows the name alone (the kernel writes the
 * rest), SIOCGIFNAME the index alone; and SIOCGIFCONF's {@code struct ifconf} ({@link #ifconf}).
 */
final class InterfaceRequests {

  /** The union member a request gives, and how it is shown. */
  private enum Member {
    NONE, INDEX, FLAGS, ADDR, DSTADDR, BROADADDR, NETMASK, HWADDR, METRIC, MTU, QLEN, NEWNAME, SLAVE, MAP
  }

  private static final Map<Long, Member> REQUESTS = Map.ofEntries(
      Map.entry(0x8910L, Member.INDEX), // SIOCGIFNAME
      Map.entry(0x8913L, Member.NONE), Map.entry(0x8914L, Member.FLAGS), // SIOCGIFFLAGS, SIOCSIFFLAGS
      Map.entry(0x8915L, Member.NONE), Map.entry(0x8916L, Member.ADDR), // SIOCGIFADDR, SIOCSIFADDR
      Map.entry(0x8917L, Member.NONE), Map.entry(0x8918L, Member.DSTADDR), // SIOCGIFDSTADDR, SIOCSIFDSTADDR
      Map.entry(0x8919L, Member.NONE), Map.entry(0x891aL, Member.BROADADDR), // SIOCGIFBRDADDR, SIOCSIFBRDADDR
      Map.entry(0x891bL, Member.NONE), Map.entry(0x891cL, Member.NETMASK), // SIOCGIFNETMASK, SIOCSIFNETMASK
      Map.entry(0x891dL, Member.NONE), Map.entry(0x891eL, Member.METRIC), // SIOCGIFMETRIC, SIOCSIFMETRIC
      Map.entry(0x8921L, Member.NONE), Map.entry(0x8922L, Member.MTU), // SIOCGIFMTU, SIOCSIFMTU
      Map.entry(0x8923L, Member.NEWNAME), // SIOCSIFNAME
      Map.entry(0x8927L, Member.NONE), Map.entry(0x8924L, Member.HWADDR), // SIOCGIFHWADDR, SIOCSIFHWADDR
      Map.entry(0x8937L, Member.HWADDR), // SIOCSIFHWBROADCAST
      Map.entry(0x8931L, Member.HWADDR), Map.entry(0x8932L, Member.HWADDR), // SIOCADDMULTI, SIOCDELMULTI
      Map.entry(0x8929L, Member.NONE), Map.entry(0x8930L, Member.SLAVE), // SIOCGIFSLAVE, SIOCSIFSLAVE
      Map.entry(0x8933L, Member.NONE), // SIOCGIFINDEX
      Map.entry(0x8942L, Member.NONE), Map.entry(0x8943L, Member.QLEN), // SIOCGIFTXQLEN, SIOCSIFTXQLEN
      Map.entry(0x8970L, Member.NONE), Map.entry(0x8971L, Member.MAP)); // SIOCGIFMAP, SIOCSIFMAP

  /** sizeof(struct ifreq) on x86_64: the name (16 bytes), then a union of 24. */
  static final int SIZE = 40;
  private static final int NAME_SIZE = 16;

  private static final Bit[] FLAGS = {
    new Bit(0x1, "IFF_UP"), new Bit(0x2, "IFF_BROADCAST"), new Bit(0x4, "IFF_DEBUG"), new Bit(0x8, "IFF_LOOPBACK"),
    new Bit(0x10, "IFF_POINTOPOINT"), new Bit(0x20, "IFF_NOTRAILERS"), new Bit(0x40, "IFF_RUNNING"),
    new Bit(0x80, "IFF_NOARP"), new Bit(0x100, "IFF_PROMISC"), new Bit(0x200, "IFF_ALLMULTI"),
    new Bit(0x400, "IFF_MASTER"), new Bit(0x800, "IFF_SLAVE"), new Bit(0x1000, "IFF_MULTICAST"),
    new Bit(0x2000, "IFF_PORTSEL"), new Bit(0x4000, "IFF_AUTOMEDIA"), new Bit(0x8000, "IFF_DYNAMIC"),
  };

  /** Hardware types (linux/if_arp.h). */
  private static final Map<Long, String> HARDWARE = Map.ofEntries(
      Map.entry(0L, "ARPHRD_NETROM"), Map.entry(1L, "ARPHRD_ETHER"), Map.entry(2L, "ARPHRD_EETHER"),
      Map.entry(3L, "ARPHRD_AX25"), Map.entry(4L, "ARPHRD_PRONET"), Map.entry(5L, "ARPHRD_CHAOS"),
      Map.entry(6L, "ARPHRD_IEEE802"), Map.entry(7L, "ARPHRD_ARCNET"), Map.entry(8L, "ARPHRD_APPLETLK"),
      Map.entry(15L, "ARPHRD_DLCI"), Map.entry(19L, "ARPHRD_ATM"), Map.entry(23L, "ARPHRD_METRICOM"),
      Map.entry(24L, "ARPHRD_IEEE1394"), Map.entry(27L, "ARPHRD_EUI64"), Map.entry(32L, "ARPHRD_INFINIBAND"),
      Map.entry(256L, "ARPHRD_SLIP"), Map.entry(257L, "ARPHRD_CSLIP"), Map.entry(258L, "ARPHRD_SLIP6"),
      Map.entry(259L, "ARPHRD_CSLIP6"), Map.entry(260L, "ARPHRD_RSRVD"), Map.entry(264L, "ARPHRD_ADAPT"),
      Map.entry(270L, "ARPHRD_ROSE"), Map.entry(271L, "ARPHRD_X25"), Map.entry(272L, "ARPHRD_HWX25"),
      Map.entry(280L, "ARPHRD_CAN"), Map.entry(290L, "ARPHRD_MCTP"), Map.entry(512L, "ARPHRD_PPP"),
      Map.entry(513L, "ARPHRD_CISCO"), Map.entry(516L, "ARPHRD_LAPB"), Map.entry(517L, "ARPHRD_DDCMP"),
      Map.entry(518L, "ARPHRD_RAWHDLC"), Map.entry(519L, "ARPHRD_RAWIP"), Map.entry(768L, "ARPHRD_TUNNEL"),
      Map.entry(769L, "ARPHRD_TUNNEL6"), Map.entry(770L, "ARPHRD_FRAD"), Map.entry(771L, "ARPHRD_SKIP"),
      Map.entry(772L, "ARPHRD_LOOPBACK"), Map.entry(773L, "ARPHRD_LOCALTLK"), Map.entry(774L, "ARPHRD_FDDI"),
      Map.entry(775L, "ARPHRD_BIF"), Map.entry(776L, "ARPHRD_SIT"), Map.entry(777L, "ARPHRD_IPDDP"),
      Map.entry(778L, "ARPHRD_IPGRE"), Map.entry(779L, "ARPHRD_PIMREG"), Map.entry(780L, "ARPHRD_HIPPI"),
      Map.entry(781L, "ARPHRD_ASH"), Map.entry(782L, "ARPHRD_ECONET"), Map.entry(783L, "ARPHRD_IRDA"),
      Map.entry(784L, "ARPHRD_FCPP"), Map.entry(785L, "ARPHRD_FCAL"), Map.entry(786L, "ARPHRD_FCPL"),
      Map.entry(787L, "ARPHRD_FCFABRIC"), Map.entry(800L, "ARPHRD_IEEE802_TR"), Map.entry(801L, "ARPHRD_IEEE80211"),
      Map.entry(802L, "ARPHRD_IEEE80211_PRISM"), Map.entry(803L, "ARPHRD_IEEE80211_RADIOTAP"),
      Map.entry(804L, "ARPHRD_IEEE802154"), Map.entry(805L, "ARPHRD_IEEE802154_MONITOR"),
      Map.entry(820L, "ARPHRD_PHONET"), Map.entry(821L, "ARPHRD_PHONET_PIPE"), Map.entry(822L, "ARPHRD_CAIF"),
      Map.entry(823L, "ARPHRD_IP6GRE"), Map.entry(824L, "ARPHRD_NETLINK"), Map.entry(825L, "ARPHRD_6LOWPAN"),
      Map.entry(826L, "ARPHRD_VSOCKMON"), Map.entry(0xfffeL, "ARPHRD_NONE"), Map.entry(0xffffL, "ARPHRD_VOID"));

  /**
   * The bytes of a hardware address strace 6.1 shows by hardware type (a sweep of every type);
   * all 14 of sa_data for the others.
   */
  private static final Map<Integer, Integer> HARDWARE_ADDRESS_BYTES = Map.ofEntries(
      Map.entry(0, 7), Map.entry(1, 6), Map.entry(3, 7), Map.entry(6, 6), Map.entry(7, 1), Map.entry(15, 2),
      Map.entry(27, 8), Map.entry(270, 5), Map.entry(271, 5), Map.entry(290, 1), Map.entry(768, 4), Map.entry(772, 6),
      Map.entry(773, 1), Map.entry(774, 6), Map.entry(776, 4), Map.entry(777, 4), Map.entry(778, 4), Map.entry(779, 4),
      Map.entry(780, 6), Map.entry(783, 4), Map.entry(801, 6), Map.entry(802, 6), Map.entry(803, 6), Map.entry(804, 8),
      Map.entry(805, 8), Map.entry(820, 1), Map.entry(821, 1), Map.entry(822, 1), Map.entry(825, 8), Map.entry(826, 8));

  private InterfaceRequests() {}

  /** Whether the request's argument is a {@code struct ifreq} shown here. */
  static boolean decodes(long request) {
    return REQUESTS.containsKey(request & 0xffffffffL);
  }

  /** The struct of {@code request} in {@code data}; {@code {...}} when fewer bytes than the struct. */
  static String render(long request, byte[] data) {
    Member member = REQUESTS.get(request & 0xffffffffL);
    if (member == null || data.length < SIZE) {
      return "{...}";
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int u = NAME_SIZE; // the union
    if (member == Member.INDEX) {
      return "{ifr_ifindex=" + b.getInt(u) + "}";
    }
    StringBuilder out = new StringBuilder("{ifr_name=").append(name(data, 0));
    switch (member) {
      case NONE -> { }
      case FLAGS -> out.append(", ifr_flags=").append(Symbols.bits(FLAGS, b.getShort(u) & 0xffffL, null));
      case ADDR -> out.append(", ifr_addr=").append(address(data));
      case DSTADDR -> out.append(", ifr_dstaddr=").append(address(data));
      case BROADADDR -> out.append(", ifr_broadaddr=").append(address(data));
      case NETMASK -> out.append(", ifr_netmask=").append(address(data));
      case HWADDR -> out.append(", ifr_hwaddr=").append(hardwareAddress(data));
      case METRIC -> out.append(", ifr_metric=").append(b.getInt(u));
      case MTU -> out.append(", ifr_mtu=").append(b.getInt(u));
      case QLEN -> out.append(", ifr_qlen=").append(b.getInt(u));
      case NEWNAME -> out.append(", ifr_newname=").append(name(data, u));
      case SLAVE -> out.append(", ifr_slave=").append(name(data, u));
      case MAP -> out.append(", ifr_map={mem_start=").append(Symbols.hex(b.getLong(u)))
          .append(", mem_end=").append(Symbols.hex(b.getLong(u + 8)))
          .append(", base_addr=").append(Symbols.hex(b.getShort(u + 16) & 0xffffL))
          .append(", irq=").append(Symbols.hex(data[u + 18] & 0xffL))
          .append(", dma=").append(Symbols.hex(data[u + 19] & 0xffL))
          .append(", port=").append(Symbols.hex(data[u + 20] & 0xffL)).append('}');
      default -> throw new IllegalStateException(member.name());
    }
    return out.append('}').toString();
  }

  /**
   * SIOCGIFCONF's {@code struct ifconf} as the process gives it: the buffer's length (in struct
   * ifreqs too when it holds a whole number of them) and address.
   */
  static String ifconf(byte[] data) {
    if (data.length < 16) {
      return "{...}";
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int length = b.getInt(0);
    long buffer = b.getLong(8);
    String inIfreqs = length > 0 && length % SIZE == 0 ? " /* " + length / SIZE + " * sizeof(struct ifreq) */" : "";
    return "{ifc_len=" + length + inIfreqs + ", ifc_buf=" + Symbols.pointer(buffer) + "}";
  }

  /** An interface name of at most 16 bytes: up to its NUL, or 15 bytes and {@code ...} without one. */
  private static String name(byte[] data, int at) {
    for (int i = at; i < at + NAME_SIZE; i++) {
      if (data[i] == 0) {
        return new UserBytes(Arrays.copyOfRange(data, at, i), false, -1).quoted();
      }
    }
    return new UserBytes(Arrays.copyOfRange(data, at, at + NAME_SIZE - 1), true, -1).quoted();
  }

  /** The union's struct sockaddr (16 bytes). */
  private static String address(byte[] data) {
    return Sockaddrs.render(Arrays.copyOfRange(data, NAME_SIZE, NAME_SIZE + 16));
  }

  /** The union's hardware address: its type, and as many bytes of sa_data as the type has. */
  private static String hardwareAddress(byte[] data) {
    int type = (data[NAME_SIZE] & 0xff) | (data[NAME_SIZE + 1] & 0xff) << 8;
    int bytes = HARDWARE_ADDRESS_BYTES.getOrDefault(type, 14);
    StringBuilder out = new StringBuilder("{sa_family=").append(Symbols.named(HARDWARE, type, "ARPHRD_???"))
        .append(", sa_data=");
    for (int i = 0; i < bytes; i++) {
      out.append(i == 0 ? "" : ":").append(String.format("%02x", data[NAME_SIZE + 2 + i] & 0xff));
    }
    return out.append('}').toString();
  }
}
