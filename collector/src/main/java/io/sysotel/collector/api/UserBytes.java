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

  /**
   * Escapes as strace does: printable ASCII as is, {@code \" \\ \t \n \v \f \r}, other bytes
   * in octal with as few digits as possible unless an octal digit follows.
   */
  public void escape(StringBuilder out) {
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case 0x0b -> out.append("\\v");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append((char) c);
          } else {
            out.append('\\');
            boolean digitNext = i + 1 < bytes.length && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
            if (digitNext || c >> 6 != 0) {
              out.append((char) ('0' + (c >> 6)));
            }
            if (digitNext || c >> 3 != 0) {
              out.append((char) ('0' + ((c >> 3) & 7)));
            }
            out.append((char) ('0' + (c & 7)));
          }
        }
      }
    }
  }
}
