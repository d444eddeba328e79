package io.sysotel.collector.conditions;

/** Matches a text that contains {@code part}; written {@code ~part~}. */
record ContainsMatcher(String part) implements TextMatcher {

  @Override
  public boolean matches(String text) {
    return text.contains(part);
  }

  @Override
  public boolean canMatchLongerThan(int length) {
    return true;
  }

  @Override
  public String escaped() {
    return "~" + Values.escape(part, false) + "~";
  }

  @Override
  public String toString() {
    return Values.quoteIfNeeded(escaped());
  }
}
