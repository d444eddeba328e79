package io.sysotel.collector.conditions;

/** Writing values back as condition text: escapes and quotes. */
final class Values {

  private Values() {}

  /**
   * {@code literal} with every character that would mean something escaped: {@code \ " * ?}, and a
   * leading {@code ~} when {@code escapeLeadingTilde} (it would open a contains value).
   */
  static String escape(String literal, boolean escapeLeadingTilde) {
    StringBuilder out = new StringBuilder(literal.length() + 4);
    for (int i = 0; i < literal.length(); i++) {
      appendEscaped(out, literal.charAt(i), i == 0 && escapeLeadingTilde);
    }
    return out.toString();
  }

  static void appendEscaped(StringBuilder out, char c, boolean first) {
    if (c == '\\' || c == '"' || c == '*' || c == '?' || (first && c == '~')) {
      out.append('\\');
    }
    out.append(c);
  }

  /** {@code escaped} in double quotes when it is empty or holds whitespace or parentheses. */
  static String quoteIfNeeded(String escaped) {
    boolean quote = escaped.isEmpty();
    for (int i = 0; i < escaped.length() && !quote; i++) {
      char c = escaped.charAt(i);
      quote = Character.isWhitespace(c) || c == '(' || c == ')';
    }
    return quote ? '"' + escaped + '"' : escaped;
  }
}
