package io.sysotel.exporters.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable UTF-8 byte buffer with the few JSON primitives the writer needs. Reused, not shared. */
final class JsonBytes {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;

  JsonBytes(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  int length() {
    return len;
  }

  /** The backing array; valid up to {@link #length()} until the next append. */
  byte[] array() {
    return buf;
  }

  void reset() {
    len = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  JsonBytes raw(byte b) {
    ensure(1);
    buf[len++] = b;
    return this;
  }

  JsonBytes raw(byte[] bytes) {
    return raw(bytes, 0, bytes.length);
  }

  JsonBytes raw(byte[] bytes, int off, int n) {
    ensure(n);
    System.arraycopy(bytes, off, buf, len, n);
    len += n;
    return this;
  }

  /** Writes a decimal number, two digits per division. */
  JsonBytes number(long v) {
    if (v == Long.MIN_VALUE) {
      return raw(MIN_LONG);
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int digits = digits(v);
    int i = len + digits;
    while (v >= 100) {
      int r = (int) (v % 100);
      v /= 100;
      buf[--i] = DIGIT_ONES[r];
      buf[--i] = DIGIT_TENS[r];
    }
    if (v >= 10) {
      buf[--i] = DIGIT_ONES[(int) v];
      buf[--i] = DIGIT_TENS[(int) v];
    } else {
      buf[--i] = (byte) ('0' + v);
    }
    len += digits;
    return this;
  }

  private static final long[] POWERS = new long[19];
  private static final byte[] DIGIT_TENS = new byte[100];
  private static final byte[] DIGIT_ONES = new byte[100];

  static {
    long p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
    for (int i = 0; i < 100; i++) {
      DIGIT_TENS[i] = (byte) ('0' + i / 10);
      DIGIT_ONES[i] = (byte) ('0' + i % 10);
    }
  }

  /** Decimal digits of a non-negative value. */
  private static int digits(long v) {
    int d = 1;
    while (d < POWERS.length && v >= POWERS[d]) {
      d++;
    }
    return d;
  }

  /** Writes {@code "0x…"}: {@code v} as an unsigned hex address, as {@link Long#toHexString} does. */
  JsonBytes address(long v) {
    ensure(20);
    buf[len++] = '"';
    buf[len++] = '0';
    buf[len++] = 'x';
    int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = HEX[(int) (v & 0xf)];
      v >>>= 4;
    }
    len += digits;
    buf[len++] = '"';
    return this;
  }

  /** Writes {@code value} (0 to 999,999,999) as nine digits, zero-padded: two digits per division. */
  JsonBytes nineDigits(int value) {
    ensure(9);
    int i = len + 9;
    for (int k = 0; k < 4; k++) {
      int r = value % 100;
      value /= 100;
      buf[--i] = DIGIT_ONES[r];
      buf[--i] = DIGIT_TENS[r];
    }
    buf[--i] = (byte) ('0' + value);
    len += 9;
    return this;
  }

  /** Writes {@code value} zero-padded to {@code width} digits; for dates and times. */
  JsonBytes padded(long value, int width) {
    ensure(width);
    for (int i = len + width - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    len += width;
    return this;
  }

  /**
   * Writes a quoted JSON string: {@code "} and {@code \} escaped, \n \r \t by their short form,
   * other control characters as backslash-u00XX (lowercase hex), everything else as UTF-8. A
   * lone surrogate (possible in a Java string, not in UTF-8) becomes U+FFFD.
   */
  JsonBytes string(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ensure(1);
        buf[len++] = (byte) c;
      } else if (c < 0x80) {
        escape(c);
      } else if (c < 0x800) {
        ensure(2);
        buf[len++] = (byte) (0xc0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[len++] = (byte) (0xf0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buf[len++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        if (Character.isSurrogate(c)) {
          c = '\uFFFD';
        }
        ensure(3);
        buf[len++] = (byte) (0xe0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    ensure(1);
    buf[len++] = '"';
    return this;
  }

  /**
   * Writes bytes read from a process as a quoted JSON string holding their strace notation
   * ({@link io.sysotel.collector.api.UserBytes#toString()}), {@code ...} appended when
   * truncated: the same bytes as {@code string(userBytes.toString())}, without building the
   * string. The notation is ASCII, so only its backslashes and quotes need JSON escapes.
   */
  JsonBytes straceString(byte[] bytes, boolean truncated) {
    ensure(bytes.length * 5 + 5);
    buf[len++] = '"';
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        buf[len++] = (byte) c;
        continue;
      }
      buf[len++] = '\\'; // the notation's backslash, escaped for JSON
      buf[len++] = '\\';
      switch (c) {
        case '"' -> {
          buf[len++] = '\\';
          buf[len++] = '"';
        }
        case '\\' -> {
          buf[len++] = '\\';
          buf[len++] = '\\';
        }
        case '\t' -> buf[len++] = 't';
        case '\n' -> buf[len++] = 'n';
        case 0x0b -> buf[len++] = 'v';
        case '\f' -> buf[len++] = 'f';
        case '\r' -> buf[len++] = 'r';
        default -> {
          // octal, as few digits as possible unless an octal digit follows
          boolean digitNext = i + 1 < bytes.length && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
          if (digitNext || c >> 6 != 0) {
            buf[len++] = (byte) ('0' + (c >> 6));
          }
          if (digitNext || c >> 3 != 0) {
            buf[len++] = (byte) ('0' + ((c >> 3) & 7));
          }
          buf[len++] = (byte) ('0' + (c & 7));
        }
      }
    }
    if (truncated) {
      buf[len++] = '.';
      buf[len++] = '.';
      buf[len++] = '.';
    }
    buf[len++] = '"';
    return this;
  }

  private void escape(char c) {
    ensure(6);
    buf[len++] = '\\';
    switch (c) {
      case '"' -> buf[len++] = '"';
      case '\\' -> buf[len++] = '\\';
      case '\n' -> buf[len++] = 'n';
      case '\r' -> buf[len++] = 'r';
      case '\t' -> buf[len++] = 't';
      default -> {
        buf[len++] = 'u';
        buf[len++] = '0';
        buf[len++] = '0';
        buf[len++] = HEX[c >> 4];
        buf[len++] = HEX[c & 0xf];
      }
    }
  }
}
