package io.sysotel.collector.api;

/**
 * Bytes read from the traced process: a C string or the first bytes of a buffer.
 *
 * @param bytes what was read, without a terminating NUL; not copied
 * @param truncated whether the value is longer than {@code bytes}
 * @param length the buffer's real length (its length argument), or -1 for a C string
 */
public record UserBytes(byte[] bytes, boolean truncated, long length) {

  /** As strace shows it: quoted, escaped, {@code ...} after the quote when truncated. */
  public String quoted() {
    StringBuilder out = new StringBuilder(bytes.length + 8).append('"');
    escape(out);
    out.append('"');
    if (truncated) {
      out.append("...");
    }
    return out.toString();
  }

  /** The escaped text without quotes, {@code ...} appended when truncated: the JSON value. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(bytes.length + 3);
    escape(out);
    if (truncated) {
      out.append("...");
    }
    return out.toString();
  }

  /** Bytes {@link #escapeTo} may write at most: four per byte read. */
  public int maxEscapedLength() {
    return 4 * bytes.length;
  }

  /** Escapes as strace does (see {@link #escapeTo}) into {@code out}. */
  public void escape(StringBuilder out) {
    byte[] escaped = new byte[maxEscapedLength()];
    int n = escapeTo(escaped, 0);
    for (int i = 0; i < n; i++) {
      out.append((char) escaped[i]);
    }
  }

  /**
   * Writes the bytes as strace escapes them, in ASCII, at {@code pos} of {@code out}, which has
   * room for {@link #maxEscapedLength()} more: printable ASCII as is, {@code \" \\ \t \n \v
   * \f \r}, other bytes in octal with as few digits as possible unless an octal digit follows.
   *
   * @return the position after the last byte written
   */
  public int escapeTo(byte[] out, int pos) {
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out[pos++] = (byte) c;
        continue;
      }
      out[pos++] = '\\';
      switch (c) {
        case '"' -> out[pos++] = '"';
        case '\\' -> out[pos++] = '\\';
        case '\t' -> out[pos++] = 't';
        case '\n' -> out[pos++] = 'n';
        case 0x0b -> out[pos++] = 'v';
        case '\f' -> out[pos++] = 'f';
        case '\r' -> out[pos++] = 'r';
        default -> {
          boolean digitNext = i + 1 < bytes.length && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
          if (digitNext || c >> 6 != 0) {
            out[pos++] = (byte) ('0' + (c >> 6));
          }
          if (digitNext || c >> 3 != 0) {
            out[pos++] = (byte) ('0' + ((c >> 3) & 7));
          }
          out[pos++] = (byte) ('0' + (c & 7));
        }
      }
    }
    return pos;
  }
}
