package io.sysotel.exporters.text;

import java.nio.charset.StandardCharsets;

/**
 * Numbers written as ASCII straight into an output array, for the exporters' line and request
 * buffers: the caller ensures the room ({@link #MAX_DECIMAL}, {@link #MAX_ADDRESS}, 9) and gets
 * the position after the last byte written.
 */
public final class AsciiDigits {

  /** Bytes {@link #decimal} writes at most. */
  public static final int MAX_DECIMAL = 20;
  /** Bytes {@link #address} writes at most. */
  public static final int MAX_ADDRESS = 18;

  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
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

  private AsciiDigits() {}

  /** {@code v} in decimal, as {@link Long#toString(long)} writes it: two digits per division. */
  public static int decimal(byte[] out, int pos, long v) {
    if (v == Long.MIN_VALUE) {
      System.arraycopy(MIN_LONG, 0, out, pos, MIN_LONG.length);
      return pos + MIN_LONG.length;
    }
    if (v < 0) {
      out[pos++] = '-';
      v = -v;
    }
    int end = pos + digits(v);
    int i = end;
    while (v >= 100) {
      int r = (int) (v % 100);
      v /= 100;
      out[--i] = DIGIT_ONES[r];
      out[--i] = DIGIT_TENS[r];
    }
    if (v >= 10) {
      out[--i] = DIGIT_ONES[(int) v];
      out[--i] = DIGIT_TENS[(int) v];
    } else {
      out[--i] = (byte) ('0' + v);
    }
    return end;
  }

  /** {@code 0x} and {@code v} as unsigned hex, as {@code "0x" + Long.toHexString(v)} reads. */
  public static int address(byte[] out, int pos, long v) {
    out[pos++] = '0';
    out[pos++] = 'x';
    int end = pos + Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
    for (int i = end - 1; i >= pos; i--) {
      out[i] = HEX[(int) (v & 0xf)];
      v >>>= 4;
    }
    return end;
  }

  /** {@code value} (0 to 999,999,999) as nine digits, zero-padded: two digits per division. */
  public static int nineDigits(byte[] out, int pos, int value) {
    int i = pos + 9;
    for (int k = 0; k < 4; k++) {
      int r = value % 100;
      value /= 100;
      out[--i] = DIGIT_ONES[r];
      out[--i] = DIGIT_TENS[r];
    }
    out[--i] = (byte) ('0' + value);
    return pos + 9;
  }

  /** Decimal digits of a non-negative value. */
  private static int digits(long v) {
    int d = 1;
    while (d < POWERS.length && v >= POWERS[d]) {
      d++;
    }
    return d;
  }
}
