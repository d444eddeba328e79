package io.sysotel.collector.kernel;

import io.sysotel.collector.syscalls.Symbols;
import static io.sysotel.collector.syscalls.SocketOptions.SOL_IP;
import static io.sysotel.collector.syscalls.SocketOptions.SOL_IPV6;
import static io.sysotel.collector.syscalls.SocketOptions.SOL_SOCKET;

import io.sysotel.collector.api.UserBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * setsockopt's {@code optval} as strace 6.1 shows it at entry: the structs of SO_LINGER ({@code
 * {l_onoff=1, l_linger=5}}), IP_ADD_MEMBERSHIP and IP_DROP_MEMBERSHIP ({@code
 * {imr_multiaddr=inet_addr("224.0.0.1"), imr_interface=inet_addr("0.0.0.0")}}, an {@code
 * ip_mreqn} read as its first eight bytes, as strace does), IPV6_ADD_MEMBERSHIP and
 * IPV6_DROP_MEMBERSHIP ({@code {inet_pton(AF_INET6, "ff02::1", &ipv6mr_multiaddr),
 * ipv6mr_interface=1}}: the interface by its index, where strace names it as the tracer's own
 * network namespace knows it), and their address when {@code optlen} is shorter than the
 * struct; any other option's value is an int when {@code optlen} is 4 ({@code [64]}) and its
 * bytes otherwise.
 */
final class SocketOptionValues {

  private SocketOptionValues() {}

  /**
   * @param level setsockopt's {@code level}
   * @param option its {@code optname}
   * @param length its {@code optlen}
   * @param address {@code optval}'s address
   * @param data the bytes read there (up to {@code maxBufferBytes})
   * @param truncated whether {@code data} was cut at the limit
   */
  static Object render(int level, int option, int length, long address, byte[] data, boolean truncated) {
    int size = structSize(level, option);
    if (size == 0) {
      return length == 4 && data.length == 4 ? "[" + ints(data).getInt(0) + "]" : new UserBytes(data, truncated, length);
    }
    if (length < size) {
      return Symbols.pointer(address);
    }
    if (data.length < size) { // the buffer limit is below the struct's size
      return new UserBytes(data, truncated, length);
    }
    ByteBuffer b = ints(data);
    if (level == SOL_SOCKET) {
      return "{l_onoff=" + b.getInt(0) + ", l_linger=" + b.getInt(4) + "}";
    }
    if (level == SOL_IP) {
      return "{imr_multiaddr=inet_addr(\"" + Sockaddrs.ipv4(data, 0) + "\"), "
          + "imr_interface=inet_addr(\"" + Sockaddrs.ipv4(data, 4) + "\")}";
    }
    return "{inet_pton(AF_INET6, \"" + Sockaddrs.ipv6(Arrays.copyOfRange(data, 0, 16)) + "\", &ipv6mr_multiaddr), "
        + "ipv6mr_interface=" + Integer.toUnsignedString(b.getInt(16)) + "}";
  }

  /** The size of the struct an option takes, or 0 when its value is shown as an int or bytes. */
  private static int structSize(int level, int option) {
    return switch (level) {
      case SOL_SOCKET -> option == 13 ? 8 : 0; // SO_LINGER: struct linger
      case SOL_IP -> option == 35 || option == 36 ? 8 : 0; // IP_ADD/DROP_MEMBERSHIP: struct ip_mreq
      case SOL_IPV6 -> option == 20 || option == 21 ? 20 : 0; // IPV6_ADD/DROP_MEMBERSHIP: struct ipv6_mreq
      default -> 0;
    };
  }

  private static ByteBuffer ints(byte[] data) {
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }
}
