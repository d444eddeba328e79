package io.sysotel.exporters.otlp;

import io.sysotel.collector.api.UserBytes;
import io.sysotel.exporters.text.AsciiDigits;
import java.util.Arrays;

/**
 * Protocol Buffers wire format into a growable byte array: varints, fixed64, strings as UTF-8
 * and nested messages whose length is written once they are complete ({@link #begin} /
 * {@link #end}). Just what the OTLP log encoding needs; reused, not thread-safe.
 */
final class ProtoWriter {

  private static final int LENGTH_DELIMITED = 2;
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;

  private byte[] buf;
  private int pos;

  /** A writer that starts with room for {@code capacity} bytes (and grows when needed). */
  ProtoWriter(int capacity) {
    buf = new byte[capacity];
  }

  /** A writer that writes into {@code buffer} from its start (and grows into a new array when needed). */
  ProtoWriter(byte[] buffer) {
    buf = buffer;
  }

  int size() {
    return pos;
  }

  int capacity() {
    return buf.length;
  }

  void reset() {
    pos = 0;
  }

  /** The array written into: its first {@link #size} bytes are the writer's. */
  byte[] buffer() {
    return buf;
  }

  /** The bytes written so far, as a new array. */
  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  /** Appends what {@code other} holds. */
  void write(ProtoWriter other) {
    write(other.buf, 0, other.pos);
  }

  void write(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, pos, length);
    pos += length;
  }

  void varintField(int field, long value) {
    tag(field, VARINT);
    varint(value);
  }

  void fixed64Field(int field, long value) {
    tag(field, FIXED64);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (value >>> (8 * i));
    }
  }

  void raw(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  /** Appends text as UTF-8 (inside a field opened with {@link #begin}). */
  void text(CharSequence s) {
    utf8(s);
  }

  /** Appends the decimal digits of {@code v}, as {@link Long#toString(long)} writes them. */
  void decimal(long v) {
    ensure(AsciiDigits.MAX_DECIMAL);
    pos = AsciiDigits.decimal(buf, pos, v);
  }

  /** Appends {@code 0x…}: {@code v} as an unsigned hex address, as {@link Long#toHexString} does. */
  void address(long v) {
    ensure(AsciiDigits.MAX_ADDRESS);
    pos = AsciiDigits.address(buf, pos, v);
  }

  /**
   * Appends bytes read from a process in strace's notation: {@link UserBytes#quoted()} when
   * {@code quoted}, else {@link UserBytes#toString()}.
   */
  void strace(UserBytes value, boolean quoted) {
    ensure(value.maxEscapedLength() + 5);
    if (quoted) {
      buf[pos++] = '"';
    }
    pos = value.escapeTo(buf, pos);
    if (quoted) {
      buf[pos++] = '"';
    }
    if (value.truncated()) {
      buf[pos++] = '.';
      buf[pos++] = '.';
      buf[pos++] = '.';
    }
  }

  void stringField(int field, CharSequence value) {
    int mark = begin(field);
    utf8(value);
    end(mark);
  }

  /** A length-delimited field holding {@code bytes} (an encoded message or raw bytes). */
  void bytesField(int field, byte[] bytes) {
    tag(field, LENGTH_DELIMITED);
    varint(bytes.length);
    write(bytes, 0, bytes.length);
  }

  /** A length-delimited field whose content is {@code length} bytes written next. */
  void lengthDelimited(int field, int length) {
    tag(field, LENGTH_DELIMITED);
    varint(length);
  }

  /**
   * Opens a nested message: writes its tag and keeps one byte for its length.
   *
   * @return the mark to close it with
   */
  int begin(int field) {
    tag(field, LENGTH_DELIMITED);
    ensure(1);
    return pos++;
  }

  /** Closes the message opened at {@code mark}, moving its content when its length takes more than a byte. */
  void end(int mark) {
    int length = pos - mark - 1;
    if (length < 0x80) { // the usual case: the byte kept for the length holds it
      buf[mark] = (byte) length;
      return;
    }
    int extra = varintSize(length) - 1;
    if (extra > 0) {
      ensure(extra);
      System.arraycopy(buf, mark + 1, buf, mark + 1 + extra, length);
      pos += extra;
    }
    int end = pos;
    pos = mark;
    varint(length);
    pos = end;
  }

  /** Bytes of {@code value} as a varint: one per 7 significant bits, at least one (640 = 64 * 9 + 64). */
  static int varintSize(long value) {
    return (640 - 9 * Long.numberOfLeadingZeros(value)) >>> 6;
  }

  static int lengthDelimitedSize(int field, int length) {
    return varintSize((long) field << 3) + varintSize(length) + length;
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    ensure(10);
    while ((value & ~0x7fL) != 0) {
      buf[pos++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    buf[pos++] = (byte) value;
  }

  private void utf8(CharSequence s) {
    int n = s.length();
    ensure(n);
    int i = 0;
    // ASCII, the usual case, a byte per char
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      buf[pos++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      ensure(4);
      if (c < 0x80) {
        buf[pos++] = (byte) c;
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xc0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xf0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        buf[pos++] = '?'; // an unpaired surrogate has no UTF-8 form; as String.getBytes does
      } else {
        buf[pos++] = (byte) (0xe0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(Math.max(16, buf.length * 2), pos + more));
    }
  }
}
