package io.sysotel.collector.kernel;

import io.sysotel.collector.api.UserBytes;
import java.util.Arrays;

/** Socket addresses as strace prints them. */
final class Sockaddrs {

  private Sockaddrs() {}

  static String render(byte[] a) {
    if (a.length < 2) {
      return "{sa_family=?}";
    }
    int family = (a[0] & 0xff) | (a[1] & 0xff) << 8;
    StringBuilder out = new StringBuilder("{sa_family=");
    switch (family) {
      case 1 -> {
        out.append("AF_UNIX");
        if (a.length > 2) {
          boolean abstractName = a[2] == 0;
          int start = abstractName ? 3 : 2;
          int end = start;
          while (end < a.length && (abstractName || a[end] != 0)) {
            end++;
          }
          out.append(", sun_path=").append(abstractName ? "@" : "")
              .append(new UserBytes(Arrays.copyOfRange(a, start, end), false, -1).quoted());
        }
      }
      case 2 -> {
        out.append("AF_INET");
        if (a.length >= 8) {
          out.append(", sin_port=htons(").append(port(a)).append("), sin_addr=inet_addr(\"")
              .append(ipv4(a, 4)).append("\")");
        }
      }
      case 0 -> out.append("AF_UNSPEC, sa_data=").append(data(a));
      case 10 -> {
        out.append("AF_INET6");
        if (a.length < 24) { // shorter than a sockaddr_in6 (a struct ifreq's 16 bytes)
          out.append(", sa_data=").append(data(a));
        } else {
          long flow = (a[4] & 0xffL) << 24 | (a[5] & 0xff) << 16 | (a[6] & 0xff) << 8 | (a[7] & 0xff);
          out.append(", sin6_port=htons(").append(port(a)).append("), sin6_flowinfo=htonl(")
              .append(flow).append("), inet_pton(AF_INET6, \"")
              .append(ipv6(Arrays.copyOfRange(a, 8, 24))).append("\", &sin6_addr)");
          if (a.length >= 28) {
            long scope = (a[24] & 0xffL) | (a[25] & 0xff) << 8 | (a[26] & 0xff) << 16 | (a[27] & 0xffL) << 24;
            out.append(", sin6_scope_id=").append(scope);
          }
        }
      }
      default -> out.append(family).append(", sa_data=").append(data(a));
    }
    return out.append('}').toString();
  }

  /** The bytes after the family, quoted. */
  private static String data(byte[] a) {
    return new UserBytes(Arrays.copyOfRange(a, 2, a.length), false, -1).quoted();
  }

  private static int port(byte[] a) {
    return (a[2] & 0xff) << 8 | (a[3] & 0xff);
  }

  /** Dotted-quad text of the four bytes at {@code at}. */
  static String ipv4(byte[] a, int at) {
    return (a[at] & 0xff) + "." + (a[at + 1] & 0xff) + "." + (a[at + 2] & 0xff) + "." + (a[at + 3] & 0xff);
  }

  /** RFC 5952 text, as inet_ntop writes it: the longest run of two or more zero groups as ::. */
  static String ipv6(byte[] a) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
    }
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
      return "::ffff:" + (a[12] & 0xff) + "." + (a[13] & 0xff) + "." + (a[14] & 0xff) + "." + (a[15] & 0xff);
    }
    int best = -1, bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i >= 2) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == best) {
        out.append("::");
        i += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(g[i]));
    }
    return out.toString();
  }
}
