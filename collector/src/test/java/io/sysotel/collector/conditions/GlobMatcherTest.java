package io.sysotel.collector.conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobMatcherTest {

  @ParameterizedTest(name = "{0} ~ ''{1}'' = {2}")
  @CsvSource({
    "*, '', true",
    "*, anything, true",
    "curl*, curl, true",
    "curl*, curlx, true",
    "curl*, xcurl, false",
    "*sh, bash, true",
    "*sh, shell, false",
    "?, a, true",
    "?, '', false",
    "?, ab, false",
    "c?rl, curl, true",
    "c?rl, crl, false",
    "a*b*c, aXbYbZc, true",
    "a*b*c, aXbYbZ, false",
    "*a, aaa, true",
    "*a*a*a*, aa, false",
    "*a*a*a*, xaxaxa, true",
    "a*a, a, false",
    "*-?, web-0, true",
    "*-?, web-10, false",
    "x*y*, xyyy, true",
  })
  void matchesTheWholeText(String glob, String text, boolean expected) {
    assertEquals(expected, GlobMatcher.of(RawValue.of(glob)).matches(text));
  }

  @ParameterizedTest
  @CsvSource({"*, true", "**, true", "a*, false", "?, false"})
  void knowsWhenItMatchesEverything(String glob, boolean expected) {
    assertEquals(expected, GlobMatcher.of(RawValue.of(glob)).matchesEverything());
  }

  @ParameterizedTest
  @CsvSource({"???, 2, true", "???, 3, false", "a*, 15, true", "*, 0, true"})
  void knowsHowLongATextItCanMatch(String glob, int length, boolean expected) {
    assertEquals(expected, GlobMatcher.of(RawValue.of(glob)).canMatchLongerThan(length));
  }
}
