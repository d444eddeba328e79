package io.sysotel.collector.conditions;

/**
 * A condition that does not parse. The message shows the condition, a caret under the position and
 * what was expected there:
 *
 * <pre>
 * condition: process.capeff:CAP_NET_RAW AND
 *                                           ^ expected a term (key:value), NOT or '(' at position 31
 * </pre>
 */
public final class ConditionSyntaxException extends IllegalArgumentException {

  private static final String PREFIX = "condition: ";

  private final String condition;
  private final int position;
  private final String expected;

  /**
   * @param found what is there instead, or null
   * @param hint appended after the position, e.g. {@code "; did you mean process.name?"}
   */
  ConditionSyntaxException(
      String condition, int position, String expected, String found, String hint) {
    super(render(condition, position, expected, found, hint));
    this.condition = condition;
    this.position = position;
    this.expected = expected;
  }

  /** The condition as given. */
  public String condition() {
    return condition;
  }

  /** The 0-based character index of the error in the condition. */
  public int position() {
    return position;
  }

  /** What would have been valid at the position, e.g. {@code a term (key:value), NOT or '('}. */
  public String expected() {
    return expected;
  }

  private static String render(
      String condition, int position, String expected, String found, String hint) {
    // Tabs and newlines would shift the caret; show every whitespace as one space.
    StringBuilder shown = new StringBuilder(condition.length());
    condition.chars().forEach(c -> shown.append(Character.isWhitespace(c) ? ' ' : (char) c));
    return PREFIX
        + shown
        + "\n"
        + " ".repeat(PREFIX.length() + position)
        + "^ expected "
        + expected
        + (found == null ? "" : ", found " + found)
        + " at position "
        + position
        + hint;
  }
}
