package io.sysotel.collector.conditions;

/** A matcher over one text value: exact, glob or contains. Matching is case-sensitive. */
sealed interface TextMatcher extends ValueMatcher
    permits ExactMatcher, GlobMatcher, ContainsMatcher {

  boolean matches(String text);

  /** Whether some text longer than {@code length} characters could match. */
  boolean canMatchLongerThan(int length);

  /** The value as written, escaped but not quoted. */
  String escaped();

  @Override
  default boolean test(ConditionKey key, Subject subject) {
    return key.testText(this, subject);
  }
}
