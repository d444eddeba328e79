package io.sysotel.exporters.json;

/**
 * RFC 3339 UTC times without {@link java.time.format.DateTimeFormatter}: the date and time of
 * the last second seen is kept, so consecutive events only add their nanoseconds.
 */
final class Rfc3339 {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** {@code yyyy-MM-ddTHH:mm:ss}. */
  private static final int SECONDS_LENGTH = 19;

  private final JsonBytes scratch = new JsonBytes(SECONDS_LENGTH);
  private long cachedSecond = Long.MIN_VALUE;
  private final byte[] cachedPrefix = new byte[SECONDS_LENGTH];

  /** Writes {@code 2023-12-11T22:03:59.277299703Z}: always nine fractional digits. */
  void writeNanos(JsonBytes out, long unixNanos) {
    long second = Math.floorDiv(unixNanos, NANOS_PER_SECOND);
    if (second != cachedSecond) {
      scratch.reset();
      writeDateTime(scratch, second);
      System.arraycopy(scratch.array(), 0, cachedPrefix, 0, SECONDS_LENGTH);
      cachedSecond = second;
    }
    out.raw(cachedPrefix).raw((byte) '.').nineDigits((int) Math.floorMod(unixNanos, NANOS_PER_SECOND)).raw((byte) 'Z');
  }

  /** Writes {@code 2023-12-11T21:04:00Z}: whole seconds, the fraction truncated. */
  static void writeSeconds(JsonBytes out, long unixNanos) {
    writeDateTime(out, Math.floorDiv(unixNanos, NANOS_PER_SECOND));
    out.raw((byte) 'Z');
  }

  /** Years 0000 to 9999; the unix epoch's events and processes all fall in there. */
  private static void writeDateTime(JsonBytes out, long epochSecond) {
    long days = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible date algorithms").
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    out.padded(year, 4).raw((byte) '-').padded(month, 2).raw((byte) '-').padded(day, 2).raw((byte) 'T');
    out.padded(secondOfDay / 3600, 2).raw((byte) ':').padded(secondOfDay / 60 % 60, 2).raw((byte) ':');
    out.padded(secondOfDay % 60, 2);
  }
}
