package io.sysotel.collector.syscalls;

import java.util.Map;

/**
 * setsockopt's and getsockopt's {@code level} and {@code optname} as strace 6.1 names them
 * (linux/socket.h, linux/in.h, linux/tcp.h, linux/in6.h, linux/udp.h): an option of a level
 * without a table here is a number, as strace prints it.
 */
public final class SocketOptions {

  /** The levels whose options have names here, and whose values other renderers decode. */
  public static final int SOL_IP = 0;
  public static final int SOL_SOCKET = 1;
  public static final int SOL_TCP = 6;
  public static final int SOL_UDP = 17;
  public static final int SOL_IPV6 = 41;

  private static final Map<Long, String> SOCKET_LEVELS = Map.ofEntries(
      Map.entry(0L, "SOL_IP"), Map.entry(1L, "SOL_SOCKET"), Map.entry(6L, "SOL_TCP"), Map.entry(17L, "SOL_UDP"),
      Map.entry(40L, "AF_VSOCK"), Map.entry(41L, "SOL_IPV6"), Map.entry(58L, "SOL_ICMPV6"),
      Map.entry(100L, "SOL_CAN_BASE"), Map.entry(101L, "SOL_CAN_RAW"), Map.entry(132L, "SOL_SCTP"),
      Map.entry(136L, "SOL_UDPLITE"), Map.entry(255L, "SOL_RAW"), Map.entry(256L, "SOL_IPX"),
      Map.entry(257L, "SOL_AX25"), Map.entry(258L, "SOL_ATALK"), Map.entry(259L, "SOL_NETROM"),
      Map.entry(260L, "SOL_ROSE"), Map.entry(261L, "SOL_DECNET"), Map.entry(262L, "SOL_X25"),
      Map.entry(263L, "SOL_PACKET"), Map.entry(264L, "SOL_ATM"), Map.entry(265L, "SOL_AAL"),
      Map.entry(266L, "SOL_IRDA"), Map.entry(267L, "SOL_NETBEUI"), Map.entry(268L, "SOL_LLC"),
      Map.entry(269L, "SOL_DCCP"), Map.entry(270L, "SOL_NETLINK"), Map.entry(271L, "SOL_TIPC"),
      Map.entry(272L, "SOL_RXRPC"), Map.entry(273L, "SOL_PPPOL2TP"), Map.entry(274L, "SOL_BLUETOOTH"),
      Map.entry(275L, "SOL_PNPIPE"), Map.entry(276L, "SOL_RDS"), Map.entry(277L, "SOL_IUCV"),
      Map.entry(278L, "SOL_CAIF"), Map.entry(279L, "SOL_ALG"), Map.entry(280L, "SOL_NFC"),
      Map.entry(281L, "SOL_KCM"), Map.entry(282L, "SOL_TLS"), Map.entry(283L, "SOL_XDP"));
  private static final Map<Long, String> SOCKET_OPTIONS = Map.ofEntries(
      Map.entry(1L, "SO_DEBUG"), Map.entry(2L, "SO_REUSEADDR"), Map.entry(3L, "SO_TYPE"),
      Map.entry(4L, "SO_ERROR"), Map.entry(5L, "SO_DONTROUTE"), Map.entry(6L, "SO_BROADCAST"),
      Map.entry(7L, "SO_SNDBUF"), Map.entry(8L, "SO_RCVBUF"), Map.entry(9L, "SO_KEEPALIVE"),
      Map.entry(10L, "SO_OOBINLINE"), Map.entry(11L, "SO_NO_CHECK"), Map.entry(12L, "SO_PRIORITY"),
      Map.entry(13L, "SO_LINGER"), Map.entry(14L, "SO_BSDCOMPAT"), Map.entry(15L, "SO_REUSEPORT"),
      Map.entry(16L, "SO_PASSCRED"), Map.entry(17L, "SO_PEERCRED"), Map.entry(18L, "SO_RCVLOWAT"),
      Map.entry(19L, "SO_SNDLOWAT"), Map.entry(20L, "SO_RCVTIMEO_OLD"), Map.entry(21L, "SO_SNDTIMEO_OLD"),
      Map.entry(22L, "SO_SECURITY_AUTHENTICATION"), Map.entry(23L, "SO_SECURITY_ENCRYPTION_TRANSPORT"),
      Map.entry(24L, "SO_SECURITY_ENCRYPTION_NETWORK"), Map.entry(25L, "SO_BINDTODEVICE"),
      Map.entry(26L, "SO_ATTACH_FILTER"), Map.entry(27L, "SO_DETACH_FILTER"), Map.entry(28L, "SO_PEERNAME"),
      Map.entry(29L, "SO_TIMESTAMP_OLD"), Map.entry(30L, "SO_ACCEPTCONN"), Map.entry(31L, "SO_PEERSEC"),
      Map.entry(32L, "SO_SNDBUFFORCE"), Map.entry(33L, "SO_RCVBUFFORCE"), Map.entry(34L, "SO_PASSSEC"),
      Map.entry(35L, "SO_TIMESTAMPNS_OLD"), Map.entry(36L, "SO_MARK"), Map.entry(37L, "SO_TIMESTAMPING_OLD"),
      Map.entry(38L, "SO_PROTOCOL"), Map.entry(39L, "SO_DOMAIN"), Map.entry(40L, "SO_RXQ_OVFL"),
      Map.entry(41L, "SO_WIFI_STATUS"), Map.entry(42L, "SO_PEEK_OFF"), Map.entry(43L, "SO_NOFCS"),
      Map.entry(44L, "SO_LOCK_FILTER"), Map.entry(45L, "SO_SELECT_ERR_QUEUE"), Map.entry(46L, "SO_BUSY_POLL"),
      Map.entry(47L, "SO_MAX_PACING_RATE"), Map.entry(48L, "SO_BPF_EXTENSIONS"),
      Map.entry(49L, "SO_INCOMING_CPU"), Map.entry(50L, "SO_ATTACH_BPF"),
      Map.entry(51L, "SO_ATTACH_REUSEPORT_CBPF"), Map.entry(52L, "SO_ATTACH_REUSEPORT_EBPF"),
      Map.entry(53L, "SO_CNX_ADVICE"), Map.entry(55L, "SO_MEMINFO"), Map.entry(56L, "SO_INCOMING_NAPI_ID"),
      Map.entry(57L, "SO_COOKIE"), Map.entry(59L, "SO_PEERGROUPS"), Map.entry(60L, "SO_ZEROCOPY"),
      Map.entry(61L, "SO_TXTIME"), Map.entry(62L, "SO_BINDTOIFINDEX"), Map.entry(63L, "SO_TIMESTAMP_NEW"),
      Map.entry(64L, "SO_TIMESTAMPNS_NEW"), Map.entry(65L, "SO_TIMESTAMPING_NEW"),
      Map.entry(66L, "SO_RCVTIMEO_NEW"), Map.entry(67L, "SO_SNDTIMEO_NEW"),
      Map.entry(68L, "SO_DETACH_REUSEPORT_BPF"), Map.entry(69L, "SO_PREFER_BUSY_POLL"),
      Map.entry(70L, "SO_BUSY_POLL_BUDGET"), Map.entry(71L, "SO_NETNS_COOKIE"), Map.entry(72L, "SO_BUF_LOCK"),
      Map.entry(73L, "SO_RESERVE_MEM"), Map.entry(74L, "SO_TXREHASH"), Map.entry(75L, "SO_RCVMARK"));
  private static final Map<Long, String> IP_OPTIONS = Map.ofEntries(
      Map.entry(1L, "IP_TOS"), Map.entry(2L, "IP_TTL"), Map.entry(3L, "IP_HDRINCL"),
      Map.entry(4L, "IP_OPTIONS"), Map.entry(5L, "IP_ROUTER_ALERT"), Map.entry(6L, "IP_RECVOPTS"),
      Map.entry(7L, "IP_RETOPTS"), Map.entry(8L, "IP_PKTINFO"), Map.entry(9L, "IP_PKTOPTIONS"),
      Map.entry(10L, "IP_MTU_DISCOVER"), Map.entry(11L, "IP_RECVERR"), Map.entry(12L, "IP_RECVTTL"),
      Map.entry(13L, "IP_RECVTOS"), Map.entry(14L, "IP_MTU"), Map.entry(15L, "IP_FREEBIND"),
      Map.entry(16L, "IP_IPSEC_POLICY"), Map.entry(17L, "IP_XFRM_POLICY"), Map.entry(18L, "IP_PASSSEC"),
      Map.entry(19L, "IP_TRANSPARENT"), Map.entry(20L, "IP_ORIGDSTADDR"), Map.entry(21L, "IP_MINTTL"),
      Map.entry(22L, "IP_NODEFRAG"), Map.entry(23L, "IP_CHECKSUM"), Map.entry(24L, "IP_BIND_ADDRESS_NO_PORT"),
      Map.entry(25L, "IP_RECVFRAGSIZE"), Map.entry(26L, "IP_RECVERR_RFC4884"),
      Map.entry(32L, "IP_MULTICAST_IF"), Map.entry(33L, "IP_MULTICAST_TTL"),
      Map.entry(34L, "IP_MULTICAST_LOOP"), Map.entry(35L, "IP_ADD_MEMBERSHIP"),
      Map.entry(36L, "IP_DROP_MEMBERSHIP"), Map.entry(37L, "IP_UNBLOCK_SOURCE"),
      Map.entry(38L, "IP_BLOCK_SOURCE"), Map.entry(39L, "IP_ADD_SOURCE_MEMBERSHIP"),
      Map.entry(40L, "IP_DROP_SOURCE_MEMBERSHIP"), Map.entry(41L, "IP_MSFILTER"),
      Map.entry(42L, "MCAST_JOIN_GROUP"), Map.entry(43L, "MCAST_BLOCK_SOURCE"),
      Map.entry(44L, "MCAST_UNBLOCK_SOURCE"), Map.entry(45L, "MCAST_LEAVE_GROUP"),
      Map.entry(46L, "MCAST_JOIN_SOURCE_GROUP"), Map.entry(47L, "MCAST_LEAVE_SOURCE_GROUP"),
      Map.entry(48L, "MCAST_MSFILTER"), Map.entry(49L, "IP_MULTICAST_ALL"), Map.entry(50L, "IP_UNICAST_IF"),
      Map.entry(64L, "IPT_SO_SET_REPLACE"), Map.entry(65L, "IPT_SO_SET_ADD_COUNTERS"),
      Map.entry(96L, "ARPT_SO_SET_REPLACE"), Map.entry(97L, "ARPT_SO_SET_ADD_COUNTERS"));
  private static final Map<Long, String> TCP_OPTIONS = Map.ofEntries(
      Map.entry(1L, "TCP_NODELAY"), Map.entry(2L, "TCP_MAXSEG"), Map.entry(3L, "TCP_CORK"),
      Map.entry(4L, "TCP_KEEPIDLE"), Map.entry(5L, "TCP_KEEPINTVL"), Map.entry(6L, "TCP_KEEPCNT"),
      Map.entry(7L, "TCP_SYNCNT"), Map.entry(8L, "TCP_LINGER2"), Map.entry(9L, "TCP_DEFER_ACCEPT"),
      Map.entry(10L, "TCP_WINDOW_CLAMP"), Map.entry(11L, "TCP_INFO"), Map.entry(12L, "TCP_QUICKACK"),
      Map.entry(13L, "TCP_CONGESTION"), Map.entry(14L, "TCP_MD5SIG"), Map.entry(15L, "TCP_COOKIE_TRANSACTIONS"),
      Map.entry(16L, "TCP_THIN_LINEAR_TIMEOUTS"), Map.entry(17L, "TCP_THIN_DUPACK"),
      Map.entry(18L, "TCP_USER_TIMEOUT"), Map.entry(19L, "TCP_REPAIR"), Map.entry(20L, "TCP_REPAIR_QUEUE"),
      Map.entry(21L, "TCP_QUEUE_SEQ"), Map.entry(22L, "TCP_REPAIR_OPTIONS"), Map.entry(23L, "TCP_FASTOPEN"),
      Map.entry(24L, "TCP_TIMESTAMP"), Map.entry(25L, "TCP_NOTSENT_LOWAT"), Map.entry(26L, "TCP_CC_INFO"),
      Map.entry(27L, "TCP_SAVE_SYN"), Map.entry(28L, "TCP_SAVED_SYN"), Map.entry(29L, "TCP_REPAIR_WINDOW"),
      Map.entry(30L, "TCP_FASTOPEN_CONNECT"), Map.entry(31L, "TCP_ULP"), Map.entry(32L, "TCP_MD5SIG_EXT"),
      Map.entry(33L, "TCP_FASTOPEN_KEY"), Map.entry(34L, "TCP_FASTOPEN_NO_COOKIE"),
      Map.entry(35L, "TCP_ZEROCOPY_RECEIVE"), Map.entry(36L, "TCP_INQ"), Map.entry(37L, "TCP_TX_DELAY"));
  private static final Map<Long, String> IPV6_OPTIONS = Map.ofEntries(
      Map.entry(1L, "IPV6_ADDRFORM"), Map.entry(2L, "IPV6_2292PKTINFO"), Map.entry(3L, "IPV6_2292HOPOPTS"),
      Map.entry(4L, "IPV6_2292DSTOPTS"), Map.entry(5L, "IPV6_2292RTHDR"), Map.entry(6L, "IPV6_2292PKTOPTIONS"),
      Map.entry(7L, "IPV6_CHECKSUM"), Map.entry(8L, "IPV6_2292HOPLIMIT"), Map.entry(9L, "IPV6_NEXTHOP"),
      Map.entry(10L, "IPV6_AUTHHDR"), Map.entry(11L, "IPV6_FLOWINFO"), Map.entry(16L, "IPV6_UNICAST_HOPS"),
      Map.entry(17L, "IPV6_MULTICAST_IF"), Map.entry(18L, "IPV6_MULTICAST_HOPS"),
      Map.entry(19L, "IPV6_MULTICAST_LOOP"), Map.entry(20L, "IPV6_ADD_MEMBERSHIP"),
      Map.entry(21L, "IPV6_DROP_MEMBERSHIP"), Map.entry(22L, "IPV6_ROUTER_ALERT"),
      Map.entry(23L, "IPV6_MTU_DISCOVER"), Map.entry(24L, "IPV6_MTU"), Map.entry(25L, "IPV6_RECVERR"),
      Map.entry(26L, "IPV6_V6ONLY"), Map.entry(27L, "IPV6_JOIN_ANYCAST"), Map.entry(28L, "IPV6_LEAVE_ANYCAST"),
      Map.entry(29L, "IPV6_MULTICAST_ALL"), Map.entry(30L, "IPV6_ROUTER_ALERT_ISOLATE"),
      Map.entry(31L, "IPV6_RECVERR_RFC4884"), Map.entry(32L, "IPV6_FLOWLABEL_MGR"),
      Map.entry(33L, "IPV6_FLOWINFO_SEND"), Map.entry(34L, "IPV6_IPSEC_POLICY"),
      Map.entry(35L, "IPV6_XFRM_POLICY"), Map.entry(36L, "IPV6_HDRINCL"), Map.entry(42L, "MCAST_JOIN_GROUP"),
      Map.entry(43L, "MCAST_BLOCK_SOURCE"), Map.entry(44L, "MCAST_UNBLOCK_SOURCE"),
      Map.entry(45L, "MCAST_LEAVE_GROUP"), Map.entry(46L, "MCAST_JOIN_SOURCE_GROUP"),
      Map.entry(47L, "MCAST_LEAVE_SOURCE_GROUP"), Map.entry(48L, "MCAST_MSFILTER"),
      Map.entry(49L, "IPV6_RECVPKTINFO"), Map.entry(50L, "IPV6_PKTINFO"), Map.entry(51L, "IPV6_RECVHOPLIMIT"),
      Map.entry(52L, "IPV6_HOPLIMIT"), Map.entry(53L, "IPV6_RECVHOPOPTS"), Map.entry(54L, "IPV6_HOPOPTS"),
      Map.entry(55L, "IPV6_RTHDRDSTOPTS"), Map.entry(56L, "IPV6_RECVRTHDR"), Map.entry(57L, "IPV6_RTHDR"),
      Map.entry(58L, "IPV6_RECVDSTOPTS"), Map.entry(59L, "IPV6_DSTOPTS"), Map.entry(60L, "IPV6_RECVPATHMTU"),
      Map.entry(61L, "IPV6_PATHMTU"), Map.entry(62L, "IPV6_DONTFRAG"), Map.entry(63L, "IPV6_USE_MIN_MTU"),
      Map.entry(64L, "IP6T_SO_SET_REPLACE"), Map.entry(65L, "IP6T_SO_SET_ADD_COUNTERS"),
      Map.entry(66L, "IPV6_RECVTCLASS"), Map.entry(67L, "IPV6_TCLASS"), Map.entry(70L, "IPV6_AUTOFLOWLABEL"),
      Map.entry(72L, "IPV6_ADDR_PREFERENCES"), Map.entry(73L, "IPV6_MINHOPCOUNT"),
      Map.entry(74L, "IPV6_ORIGDSTADDR"), Map.entry(75L, "IPV6_TRANSPARENT"), Map.entry(76L, "IPV6_UNICAST_IF"),
      Map.entry(77L, "IPV6_RECVFRAGSIZE"), Map.entry(78L, "IPV6_FREEBIND"));
  private static final Map<Long, String> UDP_OPTIONS = Map.ofEntries(
      Map.entry(1L, "UDP_CORK"));

  /** Types of the control messages of level SOL_SOCKET. */
  private static final Map<Long, String> CONTROL_TYPES =
      Map.of(1L, "SCM_RIGHTS", 2L, "SCM_CREDENTIALS", 3L, "SCM_SECURITY", 4L, "SCM_PIDFD");

  private SocketOptions() {}

  /**
   * A level: {@code SOL_IP}, or as strace writes an unknown one, with {@code unknown} ({@code
   * SOL_??} for an option's level, {@code SOL_???} for a control message's).
   */
  public static String level(long level, String unknown) {
    return Symbols.named(SOCKET_LEVELS, level, unknown);
  }

  /** The type of a control message of level SOL_SOCKET: {@code SCM_RIGHTS}, {@code 0x4d /* SCM_??? *}{@code /}. */
  public static String controlType(long type) {
    return Symbols.named(CONTROL_TYPES, type, "SCM_???");
  }

  /** An option of {@code level}: {@code SO_REUSEADDR}, {@code 0x3e7 /* SO_??? *}{@code /}, or a number. */
  static Object option(long level, long option) {
    return switch ((int) level) {
      case SOL_SOCKET -> Symbols.named(SOCKET_OPTIONS, option, "SO_???");
      case SOL_IP -> Symbols.named(IP_OPTIONS, option, "IP_???");
      case SOL_TCP -> Symbols.named(TCP_OPTIONS, option, "TCP_???");
      case SOL_IPV6 -> Symbols.named(IPV6_OPTIONS, option, "IPV6_???");
      case SOL_UDP -> Symbols.named(UDP_OPTIONS, option, "UDP_???");
      default -> option;
    };
  }
}
