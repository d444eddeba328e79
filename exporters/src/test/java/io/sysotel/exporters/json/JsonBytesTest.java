package io.sysotel.exporters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
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
}
