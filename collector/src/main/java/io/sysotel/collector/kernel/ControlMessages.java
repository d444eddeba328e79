package io.sysotel.collector.kernel;

import io.sysotel.collector.syscalls.Symbols;
import io.sysotel.collector.syscalls.SocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
  private static final int SCM_RIGHTS = 1;
  private static final int SCM_CREDENTIALS = 2;

  private ControlMessages() {}

  /**
   * The control messages in {@code data}, the first bytes of the {@code length} bytes at
   * {@code address}: {@code [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,
   * cmsg_data=[3]}]}, with {@code ...} when not all were read.
   */
  static String render(byte[] data, long address, long length) {
    if (data.length < HEADER) {
      return Symbols.pointer(address);
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
          .append(", cmsg_level=").append(SocketOptions.level(level & 0xffffffffL, "SOL_???"))
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
      out.append(", ... /* ").append(Symbols.pointer(address + data.length - left)).append(" */");
    } else if (data.length < length) {
      out.append(", ...");
    }
    return out.append(']').toString();
  }

  private static void typeAndData(StringBuilder out, int level, int type, ByteBuffer b, int at, int length) {
    if (level != SocketOptions.SOL_SOCKET) {
      out.append("0x").append(Integer.toHexString(type));
      return;
    }
    out.append(SocketOptions.controlType(type & 0xffffffffL));
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
}
