package io.sysotel.collector.conditions;

import java.util.Locale;

/**
 * Splits a condition into tokens, one at a time so that the first error in reading order is the one
 * reported. A term is one token: {@code key:value}, the value unquoted or quoted.
 */
final class ConditionLexer {

  enum Type {
    LPAREN,
    RPAREN,
    AND,
    OR,
    NOT,
    TERM,
    WORD,
    END
  }

  /**
   * @param text the key of a TERM, or the token as written
   * @param value the value of a TERM, else null
   */
  record Token(Type type, int position, int end, String text, RawValue value) {

    /** The token for "found ..." in a message. */
    String describe() {
      return switch (type) {
        case END -> "the end";
        case LPAREN -> "'('";
        case RPAREN -> "')'";
        case AND, OR, NOT -> text;
        case TERM -> "'" + text + ":" + value.source() + "'";
        case WORD -> "'" + text + "'";
      };
    }
  }

  private static final String ESCAPABLE = "\"\\*?~";

  private final String src;
  private int pos;
  private Token peeked;

  ConditionLexer(String src) {
    this.src = src;
  }

  Token peek() {
    if (peeked == null) {
      peeked = lex();
    }
    return peeked;
  }

  Token next() {
    Token t = peek();
    peeked = null;
    return t;
  }

  private Token lex() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos == src.length()) {
      return new Token(Type.END, pos, pos, "", null);
    }
    char c = src.charAt(pos);
    if (c == '(' || c == ')') {
      pos++;
      return new Token(c == '(' ? Type.LPAREN : Type.RPAREN, start, pos, String.valueOf(c), null);
    }
    while (pos < src.length() && !endsWord(src.charAt(pos)) && src.charAt(pos) != ':') {
      pos++;
    }
    String word = src.substring(start, pos);
    if (pos < src.length() && src.charAt(pos) == ':') {
      pos++;
      RawValue value = value();
      return new Token(Type.TERM, start, pos, word, value);
    }
    Type type =
        switch (word.toUpperCase(Locale.ROOT)) {
          case "AND" -> Type.AND;
          case "OR" -> Type.OR;
          case "NOT" -> Type.NOT;
          default -> Type.WORD;
        };
    return new Token(type, start, pos, word, null);
  }

  private static boolean endsWord(char c) {
    return Character.isWhitespace(c) || c == '(' || c == ')';
  }

  private RawValue value() {
    int start = pos;
    if (pos == src.length() || endsWord(src.charAt(pos))) {
      throw error(pos, "a value after ':'");
    }
    StringBuilder text = new StringBuilder();
    StringBuilder escapes = new StringBuilder();
    if (src.charAt(pos) == '"') {
      pos++;
      while (true) {
        if (pos == src.length()) {
          throw error(pos, "a closing '\"' for the value that opens at position " + start);
        }
        char c = src.charAt(pos);
        if (c == '"') {
          pos++;
          break;
        }
        appendChar(text, escapes);
      }
      if (pos < src.length() && !endsWord(src.charAt(pos))) {
        throw error(pos, "whitespace, ')' or the end after a quoted value");
      }
      if (text.length() == 0) {
        throw error(start, "a value between the quotes");
      }
    } else {
      while (pos < src.length() && !endsWord(src.charAt(pos))) {
        if (src.charAt(pos) == '"') {
          throw error(pos, "a value without '\"' (or quote the whole value: key:\"...\")");
        }
        appendChar(text, escapes);
      }
    }
    boolean[] escaped = new boolean[escapes.length()];
    for (int i = 0; i < escaped.length; i++) {
      escaped[i] = escapes.charAt(i) == '1';
    }
    return new RawValue(text.toString(), escaped, start, src.substring(start, pos));
  }

  // One character at pos, or a backslash and the character it escapes.
  private void appendChar(StringBuilder text, StringBuilder escapes) {
    char c = src.charAt(pos);
    if (c == '\\') {
      if (pos + 1 == src.length() || ESCAPABLE.indexOf(src.charAt(pos + 1)) < 0) {
        throw error(pos, "one of \\\" \\\\ \\* \\? \\~ (a backslash escapes only these)");
      }
      text.append(src.charAt(pos + 1));
      escapes.append('1');
      pos += 2;
    } else {
      text.append(c);
      escapes.append('0');
      pos++;
    }
  }

  ConditionSyntaxException error(int position, String expected) {
    return new ConditionSyntaxException(src, position, expected, null, "");
  }
}
