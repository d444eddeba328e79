package io.sysotel.collector.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> KNOWN = List.of("read", "write", "openat", "recvfrom", "sendto");

  @Test
  void suggestsTheNearestNameForATypo() {
    assertEquals(Optional.of("recvfrom"), Suggestions.nearest("recvform", KNOWN));
    assertEquals(Optional.of("write"), Suggestions.nearest("wirte", KNOWN));
    assertEquals(Optional.of("openat"), Suggestions.nearest("OPENAT", KNOWN));
  }

  @Test
  void suggestsNothingForAFarName() {
    assertEquals(Optional.empty(), Suggestions.nearest("mmap", KNOWN));
    assertEquals("", Suggestions.didYouMean("zzzzzz", KNOWN));
  }

  @Test
  void countsTranspositionsAsOneEdit() {
    assertEquals(1, Suggestions.distance("wirte", "write"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }
}
