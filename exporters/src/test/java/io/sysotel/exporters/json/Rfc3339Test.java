package io.sysotel.exporters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  private static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final Rfc3339 rfc3339 = new Rfc3339();

  private String nanos(long unixNanos) {
    JsonBytes out = new JsonBytes(32);
    rfc3339.writeNanos(out, unixNanos);
    return new String(out.array(), 0, out.length(), StandardCharsets.US_ASCII);
  }

  private static String seconds(long unixNanos) {
    JsonBytes out = new JsonBytes(32);
    Rfc3339.writeSeconds(out, unixNanos);
    return new String(out.array(), 0, out.length(), StandardCharsets.US_ASCII);
  }

  @Test
  void writesNineFractionalDigitsAlways() {
    assertEquals("2023-12-11T22:03:59.277299703Z", nanos(Records.nanos("2023-12-11T22:03:59.277299703Z")));
    assertEquals("2023-12-11T22:03:59.000000001Z", nanos(Records.nanos("2023-12-11T22:03:59.000000001Z")));
    assertEquals("2023-12-11T22:03:59.000000000Z", nanos(Records.nanos("2023-12-11T22:03:59Z")));
    assertEquals("1970-01-01T00:00:00.000000000Z", nanos(0));
  }

  @Test
  void movesToTheNextSecondDayAndYearAtTheBoundary() {
    long last = Records.nanos("2023-12-31T23:59:59.999999999Z");
    assertEquals("2023-12-31T23:59:59.999999999Z", nanos(last));
    assertEquals("2024-01-01T00:00:00.000000000Z", nanos(last + 1));
    assertEquals("2023-12-31T23:59:59.999999999Z", nanos(last)); // back again: the cache follows
    long leapDay = Records.nanos("2024-02-28T23:59:59.999999999Z");
    assertEquals("2024-02-29T00:00:00.000000000Z", nanos(leapDay + 1));
    assertEquals("2100-03-01T00:00:00.000000000Z", nanos(Records.nanos("2100-02-28T23:59:59.999999999Z") + 1));
  }

  @Test
  void handlesTimesBeforeTheEpoch() {
    assertEquals("1969-12-31T23:59:59.999999999Z", nanos(-1));
  }

  @Test
  void agreesWithJavaTimeOnRandomInstants() {
    SplittableRandom random = new SplittableRandom(42);
    long from = Records.nanos("1970-01-01T00:00:00Z");
    long to = Records.nanos("2200-01-01T00:00:00Z");
    for (int i = 0; i < 100_000; i++) {
      long t = random.nextLong(from, to);
      Instant instant = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
      assertEquals(NANOS.format(instant), nanos(t));
    }
  }

  @Test
  void writesStartTimesToTheSecondTruncatingTheFraction() {
    assertEquals("2023-12-11T21:04:00Z", seconds(Records.nanos("2023-12-11T21:04:00.999999999Z")));
    assertEquals("2000-02-29T12:00:00Z", seconds(Records.nanos("2000-02-29T12:00:00Z")));
  }
}
