package io.sysotel.exporters.json;

import io.sysotel.collector.api.UserBytes;
import io.sysotel.exporters.text.AsciiDigits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable UTF-8 byte buffer with the few JSON primitives the writer needs. Reused, not shared. */
final class JsonBytes {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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

  /** Writes a decimal number, as {@link Long#toString(long)} does. */
  JsonBytes number(long v) {
    ensure(AsciiDigits.MAX_DECIMAL);
    len = AsciiDigits.decimal(buf, len, v);
    return this;
  }

  /** Writes {@code "0x…"}: {@code v} as an unsigned hex address, as {@link Long#toHexString} does. */
  JsonBytes address(long v) {
    ensure(AsciiDigits.MAX_ADDRESS + 2);
    buf[len++] = '"';
    len = AsciiDigits.address(buf, len, v);
    buf[len++] = '"';
    return this;
  }

  /** Writes {@code value} (0 to 999,999,999) as nine digits, zero-padded. */
  JsonBytes nineDigits(int value) {
    ensure(9);
    len = AsciiDigits.nineDigits(buf, len, value);
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
   * ({@link UserBytes#toString()}): the same bytes as {@code string(value.toString())}, without
   * building the string. The notation ({@link UserBytes#escapeTo}) is ASCII, so only its
   * backslashes and quotes need JSON escapes; it is written past the room the escaped result
   * needs and moved down, which never overtakes what is still to be read.
   */
  JsonBytes straceString(UserBytes value) {
    int max = value.maxEscapedLength();
    ensure(2 * max + 5);
    int from = len + 1 + max;
    int end = value.escapeTo(buf, from);
    buf[len++] = '"';
    for (int i = from; i < end; i++) {
      byte c = buf[i];
      if (c == '\\' || c == '"') {
        buf[len++] = '\\';
      }
      buf[len++] = c;
    }
    if (value.truncated()) {
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
