package io.sysotel.collector.conditions;

/**
 * The value side of a term ({@code key:value}), compiled at parse time. {@link #toString()} renders
 * the value canonically, as it would be written in a condition.
 */
public sealed interface ValueMatcher
    permits TextMatcher, LabelMatcher, CapabilityMatcher, PidMatcher {

  /** Whether the value {@code key} names in {@code subject} matches. */
  boolean test(ConditionKey key, Subject subject);
}
