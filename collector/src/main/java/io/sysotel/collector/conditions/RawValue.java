package io.sysotel.collector.conditions;

import java.util.Arrays;
import java.util.Locale;

/**
 * A value as the lexer read it: quotes and escapes removed, but each character remembers whether it
 * was escaped, so an escaped {@code *} stays a literal star.
 */
final class RawValue {

  private final String text;
  private final boolean[] escaped;
  private final int position;
  private final String source;

  /**
   * @param position where the value starts in the condition
   * @param source the value as written, for error messages
   */
  RawValue(String text, boolean[] escaped, int position, String source) {
    if (text.length() != escaped.length) {
      throw new IllegalArgumentException("one escape flag per character");
    }
    this.text = text;
    this.escaped = escaped;
    this.position = position;
    this.source = source;
  }

  /** A value without escapes, e.g. written by a test. */
  static RawValue of(String text) {
    return new RawValue(text, new boolean[text.length()], 0, text);
  }

  String text() {
    return text;
  }

  int length() {
    return text.length();
  }

  char charAt(int i) {
    return text.charAt(i);
  }

  int position() {
    return position;
  }

  String source() {
    return source;
  }

  /** Whether character {@code i} is {@code c} and means it, not escaped. */
  boolean isSpecial(int i, char c) {
    return text.charAt(i) == c && !escaped[i];
  }

  /** Whether an unescaped {@code *} or {@code ?} occurs. */
  boolean hasWildcard() {
    for (int i = 0; i < text.length(); i++) {
      if (isSpecial(i, '*') || isSpecial(i, '?')) {
        return true;
      }
    }
    return false;
  }

  /** Characters {@code from} (inclusive) to {@code to}; errors still point at the whole value. */
  RawValue sub(int from, int to) {
    return new RawValue(
        text.substring(from, to), Arrays.copyOfRange(escaped, from, to), position, source);
  }

  RawValue upperCase() {
    String upper = text.toUpperCase(Locale.ROOT);
    // Upper-casing can change the length (e.g. German sharp s); such a value names no capability.
    return upper.length() == text.length() ? new RawValue(upper, escaped, position, source) : this;
  }

  /** {@code *value*}, the glob a contains value with wildcards stands for. */
  RawValue inStars() {
    boolean[] flags = new boolean[escaped.length + 2];
    System.arraycopy(escaped, 0, flags, 1, escaped.length);
    return new RawValue("*" + text + "*", flags, position, source);
  }
}
