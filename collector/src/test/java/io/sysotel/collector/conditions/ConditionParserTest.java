package io.sysotel.collector.conditions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The grammar, one row per condition: its canonical form, or where and why it fails. */
class ConditionParserTest {

  @ParameterizedTest(name = "[{index}] {0}  =>  {1}")
  @CsvFileSource(
      resources = "/conditions/parse-cases.csv",
      delimiter = '|',
      quoteCharacter = '`',
      numLinesToSkip = 1)
  void parsesToTheCanonicalFormOrFailsAtThePosition(String condition, String result) {
    if (result.startsWith("!")) {
      int space = result.indexOf(' ');
      int position = Integer.parseInt(result.substring(1, space));
      String expected = result.substring(space + 1);
      ConditionSyntaxException e =
          assertThrows(ConditionSyntaxException.class, () -> Condition.parse(condition));
      assertAll(
          () -> assertEquals(position, e.position(), e.getMessage()),
          () -> assertTrue(e.expected().contains(expected), e.expected()),
          () -> assertEquals(condition, e.condition()));
    } else {
      Condition parsed = Condition.parse(condition);
      assertEquals(result, parsed.toString());
      assertEquals(
          parsed, Condition.parse(parsed.toString()), "the canonical form parses to itself");
    }
  }
}
