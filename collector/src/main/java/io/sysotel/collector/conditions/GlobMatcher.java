package io.sysotel.collector.conditions;

import java.util.Arrays;

/**
 * Matches a whole text against a glob: {@code *} any run of characters, {@code ?} one character.
 * Compiled once; common shapes ({@code *}, {@code curl*}, {@code *sh}) take a shortcut and the rest
 * a backtracking scan that needs no allocation.
 */
final class GlobMatcher implements TextMatcher {

  private static final byte LITERAL = 0;
  private static final byte ONE = 1;
  private static final byte ANY = 2;

  private enum Shape {
    EVERYTHING,
    PREFIX,
    SUFFIX,
    GENERAL
  }

  private final char[] chars;
  private final byte[] kinds;
  private final Shape shape;
  private final String fixed;
  private final int minLength;

  private GlobMatcher(char[] chars, byte[] kinds) {
    this.chars = chars;
    this.kinds = kinds;
    int stars = 0;
    int ones = 0;
    for (byte k : kinds) {
      stars += k == ANY ? 1 : 0;
      ones += k == ONE ? 1 : 0;
    }
    this.minLength = kinds.length - stars;
    int n = kinds.length;
    if (stars == n) {
      shape = Shape.EVERYTHING;
      fixed = "";
    } else if (stars == 1 && ones == 0 && kinds[n - 1] == ANY) {
      shape = Shape.PREFIX;
      fixed = new String(chars, 0, n - 1);
    } else if (stars == 1 && ones == 0 && kinds[0] == ANY) {
      shape = Shape.SUFFIX;
      fixed = new String(chars, 1, n - 1);
    } else {
      shape = Shape.GENERAL;
      fixed = "";
    }
  }

  /** The glob {@code raw} spells; runs of stars collapse into one. */
  static GlobMatcher of(RawValue raw) {
    char[] chars = new char[raw.length()];
    byte[] kinds = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      byte kind = raw.isSpecial(i, '*') ? ANY : raw.isSpecial(i, '?') ? ONE : LITERAL;
      if (kind == ANY && n > 0 && kinds[n - 1] == ANY) {
        continue;
      }
      chars[n] = raw.charAt(i);
      kinds[n] = kind;
      n++;
    }
    return new GlobMatcher(Arrays.copyOf(chars, n), Arrays.copyOf(kinds, n));
  }

  boolean matchesEverything() {
    return shape == Shape.EVERYTHING;
  }

  @Override
  public boolean matches(String text) {
    return switch (shape) {
      case EVERYTHING -> true;
      case PREFIX -> text.startsWith(fixed);
      case SUFFIX -> text.endsWith(fixed);
      case GENERAL -> text.length() >= minLength && scan(text);
    };
  }

  // Greedy scan that retries from the last star: linear for one star, O(n*m) at worst.
  private boolean scan(String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int starText = 0;
    int n = text.length();
    while (t < n) {
      if (p < kinds.length
          && (kinds[p] == ONE || (kinds[p] == LITERAL && chars[p] == text.charAt(t)))) {
        p++;
        t++;
      } else if (p < kinds.length && kinds[p] == ANY) {
        star = p++;
        starText = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++starText;
      } else {
        return false;
      }
    }
    while (p < kinds.length && kinds[p] == ANY) {
      p++;
    }
    return p == kinds.length;
  }

  @Override
  public boolean canMatchLongerThan(int length) {
    return minLength < kinds.length || kinds.length > length;
  }

  @Override
  public String escaped() {
    StringBuilder out = new StringBuilder(chars.length + 4);
    for (int i = 0; i < chars.length; i++) {
      switch (kinds[i]) {
        case ANY -> out.append('*');
        case ONE -> out.append('?');
        default -> Values.appendEscaped(out, chars[i], i == 0);
      }
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobMatcher g && escaped().equals(g.escaped());
  }

  @Override
  public int hashCode() {
    return escaped().hashCode();
  }

  @Override
  public String toString() {
    return Values.quoteIfNeeded(escaped());
  }
}
