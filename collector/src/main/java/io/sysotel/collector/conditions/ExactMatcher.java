package io.sysotel.collector.conditions;

/** Matches a text equal to {@code value}. */
record ExactMatcher(String value) implements TextMatcher {

  @Override
  public boolean matches(String text) {
    return value.equals(text);
  }

  @Override
  public boolean canMatchLongerThan(int length) {
    return value.length() > length;
  }

  @Override
  public String escaped() {
    return Values.escape(value, true);
  }

  @Override
  public String toString() {
    return Values.quoteIfNeeded(escaped());
  }
}
