package io.sysotel.exporters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysotel.collector.api.UserBytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBytesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String text(JsonBytes b) {
    return new String(b.array(), 0, b.length(), StandardCharsets.UTF_8);
  }

  @Test
  void writesLongsIncludingTheExtremes() {
    for (long v : new long[] {0, 7, -1, 10, -100, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertEquals(Long.toString(v), text(new JsonBytes(1).number(v)));
    }
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    String s = "a\"b\\c\nd\re\tf\u0000g\u0001h\u001fi\bj\fk\u007f";
    String json = text(new JsonBytes(4).string(s));
    assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u0001h\\u001fi\\u0008j\\u000ck\u007f\"", json);
    assertEquals(s, parse(json));
  }

  @Test
  void passesNonAsciiThroughAsUtf8() {
    String s = "é日本😀/ü";
    JsonBytes b = new JsonBytes(4).string(s);
    assertEquals("\"" + s + "\"", text(b));
    assertEquals(s.getBytes(StandardCharsets.UTF_8).length + 2, b.length());
  }

  @Test
  void replacesALoneSurrogateWithTheReplacementCharacter() {
    assertEquals("a\uFFFDb\uFFFD", parse(text(new JsonBytes(4).string("a\uD800b\uDC00"))));
  }

  @Test
  void growsBeyondItsInitialCapacity() {
    JsonBytes b = new JsonBytes(1);
    String s = "x".repeat(10_000);
    b.string(s);
    assertEquals(10_002, b.length());
  }

  private static String parse(String json) {
    try {
      return MAPPER.readValue(json, String.class);
    } catch (Exception e) {
      throw new AssertionError(json, e);
    }
  }

  @Test
  void processBytesRenderAsTheirStraceNotationWouldAsAJsonString() throws Exception {
    // every byte alone, before an octal digit, before a non-digit, and cut
    for (int c = 0; c < 256; c++) {
      for (byte[] bytes : new byte[][] {{(byte) c}, {(byte) c, '7'}, {(byte) c, '8'}, {'a', (byte) c, (byte) c}}) {
        for (boolean truncated : new boolean[] {false, true}) {
          UserBytes value = new UserBytes(bytes, truncated, bytes.length);
          String expected = new String(new JsonBytes(8).string(value.toString()).toByteArray(), StandardCharsets.UTF_8);
          String actual = new String(new JsonBytes(8).straceString(value).toByteArray(), StandardCharsets.UTF_8);
          assertEquals(expected, actual, "byte " + c + ", truncated " + truncated);
          assertEquals(value.toString(), new ObjectMapper().readValue(actual, String.class));
        }
      }
    }
    assertEquals("\"\"", new String(new JsonBytes(1).straceString(new UserBytes(new byte[0], false, 0)).toByteArray(), StandardCharsets.US_ASCII));
  }

  @Test
  void addressesReadAsLongToHexStringQuoted() {
    long[] values = {0, 1, 0xf, 0x10, 0x7ffd1000L, Long.MAX_VALUE, Long.MIN_VALUE, -1};
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 10_000 + values.length; i++) {
      long v = i < values.length ? values[i] : random.nextLong() >>> random.nextInt(64);
      assertEquals("\"0x" + Long.toHexString(v) + "\"",
          new String(new JsonBytes(4).address(v).toByteArray(), StandardCharsets.US_ASCII));
    }
  }
}
