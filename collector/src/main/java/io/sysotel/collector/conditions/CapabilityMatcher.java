package io.sysotel.collector.conditions;

/**
 * Matches a capability set holding any capability of {@code mask}: the capabilities whose names the
 * value named or matched, resolved at parse time so a test is one AND.
 *
 * @param mask the matching capabilities, never 0
 * @param text the value in canonical form: a capability's full name, or the pattern upper-cased
 */
record CapabilityMatcher(long mask, String text) implements ValueMatcher {

  @Override
  public boolean test(ConditionKey key, Subject subject) {
    return (key.capabilities(subject) & mask) != 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
