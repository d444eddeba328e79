package io.sysotel.collector.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * A message's control data (sendmsg's {@code msg_control}) as strace prints it: each {@code
 * struct cmsghdr} with its length, level and type, and the data of the two kinds that matter
 * most to whoever watches processes, file descriptors passed ({@code SCM_RIGHTS}) and
 * credentials ({@code SCM_CREDENTIALS}). Other types show no data (strace also decodes IP and
 * IPv6 options and timestamps).
 */
final class ControlMessages {

  /** struct cmsghdr on x86_64: size_t cmsg_len, int cmsg_level, int cmsg_type. */
  private static final int HEADER = 16;
  private static final int SOL_SOCKET = 1;
  private static final int SCM_RIGHTS = 1;
  private static final int SCM_CREDENTIALS = 2;

  /** Socket levels (linux/socket.h), as strace names them. */
  private static final Map<Integer, String> LEVELS = Map.ofEntries(
      Map.entry(0, "SOL_IP"), Map.entry(1, "SOL_SOCKET"), Map.entry(6, "SOL_TCP"), Map.entry(17, "SOL_UDP"),
      Map.entry(41, "SOL_IPV6"), Map.entry(58, "SOL_ICMPV6"), Map.entry(132, "SOL_SCTP"),
      Map.entry(136, "SOL_UDPLITE"), Map.entry(255, "SOL_RAW"), Map.entry(263, "SOL_PACKET"),
      Map.entry(269, "SOL_DCCP"), Map.entry(270, "SOL_NETLINK"), Map.entry(271, "SOL_TIPC"),
      Map.entry(274, "SOL_BLUETOOTH"), Map.entry(279, "SOL_ALG"), Map.entry(281, "SOL_KCM"),
      Map.entry(282, "SOL_TLS"), Map.entry(283, "SOL_XDP"), Map.entry(284, "SOL_MPTCP"),
      Map.entry(285, "SOL_MCTP"), Map.entry(286, "SOL_SMC"));
  private static final Map<Integer, String> SOCKET_TYPES =
      Map.of(SCM_RIGHTS, "SCM_RIGHTS", SCM_CREDENTIALS, "SCM_CREDENTIALS", 3, "SCM_SECURITY", 4, "SCM_PIDFD");

  private ControlMessages() {}

  /**
   * The control messages in {@code data}, the first bytes of the {@code length} bytes at
   * {@code address}: {@code [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,
   * cmsg_data=[3]}]}, with {@code ...} when not all were read.
   */
  static String render(byte[] data, long address, long length) {
    if (data.length < HEADER) {
      return ArgumentDecoder.pointer(address);
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder out = new StringBuilder("[");
    int pos = 0;
    int left = data.length;
    while (left >= HEADER) {
      long cmsgLen = b.getLong(pos);
      int level = b.getInt(pos + 8);
      int type = b.getInt(pos + 12);
      if (pos > 0) {
        out.append(", ");
      }
      out.append("{cmsg_len=").append(Long.toUnsignedString(cmsgLen))
          .append(", cmsg_level=").append(name(LEVELS, level, "SOL_???"))
          .append(", cmsg_type=");
      long whole = Long.compareUnsigned(cmsgLen, left) > 0 ? left : cmsgLen;
      typeAndData(out, level, type, b, pos + HEADER, (int) Math.max(0, whole - HEADER));
      out.append('}');
      if (Long.compareUnsigned(cmsgLen, HEADER) < 0) {
        left -= HEADER;
        break;
      }
      long next = (cmsgLen + 7) & ~7L;
      if (Long.compareUnsigned(next, left) >= 0) {
        left = 0;
        break;
      }
      pos += (int) next;
      left -= (int) next;
    }
    if (left > 0) {
      out.append(", ... /* ").append(ArgumentDecoder.pointer(address + data.length - left)).append(" */");
    } else if (data.length < length) {
      out.append(", ...");
    }
    return out.append(']').toString();
  }

  private static void typeAndData(StringBuilder out, int level, int type, ByteBuffer b, int at, int length) {
    if (level != SOL_SOCKET) {
      out.append("0x").append(Integer.toHexString(type));
      return;
    }
    out.append(name(SOCKET_TYPES, type, "SCM_???"));
    if (type == SCM_RIGHTS && length >= 4) {
      out.append(", cmsg_data=[");
      for (int i = 0; i + 4 <= length; i += 4) {
        out.append(i == 0 ? "" : ", ").append(b.getInt(at + i));
      }
      out.append(']');
    } else if (type == SCM_CREDENTIALS && length >= 12) { // struct ucred: pid, uid, gid
      out.append(", cmsg_data={pid=").append(b.getInt(at))
          .append(", uid=").append(Integer.toUnsignedString(b.getInt(at + 4)))
          .append(", gid=").append(Integer.toUnsignedString(b.getInt(at + 8))).append('}');
    }
  }

  private static String name(Map<Integer, String> names, int value, String unknown) {
    String n = names.get(value);
    return n != null ? n : "0x" + Integer.toHexString(value) + " /* " + unknown + " */";
  }
}
