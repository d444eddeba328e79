package io.sysotel.collector.conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionSyntaxExceptionTest {

  private static ConditionSyntaxException failure(String condition) {
    return assertThrows(ConditionSyntaxException.class, () -> Condition.parse(condition));
  }

  @Test
  void rendersTheConditionACaretUnderThePositionAndWhatWasExpected() {
    ConditionSyntaxException e = failure("process.capeff:CAP_NET_RAW AND ");
    assertEquals(
        "condition: process.capeff:CAP_NET_RAW AND \n"
            + "                                          ^ expected a term (key:value), NOT or '('"
            + " at position 31",
        e.getMessage());
    assertEquals(31, e.position());
    assertEquals("a term (key:value), NOT or '('", e.expected());
  }

  @Test
  void namesWhatWasFoundInstead() {
    assertEquals(
        "condition: process.name:a process.name:b\n"
            + "                          ^ expected AND, OR or the end of the condition,"
            + " found 'process.name:b' at position 15",
        failure("process.name:a process.name:b").getMessage());
  }

  @Test
  void suggestsTheNearestKeyForAnUnknownKey() {
    assertTrue(
        failure("proces.name:curl")
            .getMessage()
            .endsWith(
                "^ expected a known key, found 'proces.name' at position 0; did you mean"
                    + " process.name?"));
    assertTrue(
        failure("pod.namespce:default").getMessage().endsWith("did you mean pod.namespace?"));
    assertTrue(failure("Process.Name:curl").getMessage().endsWith("did you mean process.name?"));
    assertTrue(failure("process.nam curl").getMessage().endsWith("did you mean process.name?"));
  }

  @Test
  void suggestsTheNearestCapabilityForAnUnknownName() {
    assertTrue(
        failure("process.capeff:CAP_NET_RAX").getMessage().endsWith("did you mean CAP_NET_RAW?"));
    assertTrue(
        failure("process.capeff:net_rwa").getMessage().endsWith("did you mean CAP_NET_RAW?"));
    assertTrue(
        failure("process.capeff:sys_admn").getMessage().endsWith("did you mean CAP_SYS_ADMIN?"));
  }

  @Test
  void suggestsNothingWhenNothingIsNear() {
    assertTrue(failure("frobnicate:x").getMessage().endsWith("at position 0"));
  }

  @Test
  void keepsTheCaretAlignedWhenTheConditionHasTabsOrNewlines() {
    String message = failure("process.name:a\n\tOR").getMessage();
    assertEquals(
        "condition: process.name:a  OR\n"
            + " ".repeat(11 + 18)
            + "^ expected a term (key:value), NOT or '(' at position 18",
        message);
  }

  @Test
  void pointsAtTheOpeningParenthesisThatIsNotClosed() {
    ConditionSyntaxException e = failure("process.name:a AND (process.name:b OR process.name:c");
    assertEquals("AND, OR or ')' for the '(' at position 19", e.expected());
    assertEquals(52, e.position());
  }
}
