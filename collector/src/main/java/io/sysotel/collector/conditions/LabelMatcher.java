package io.sysotel.collector.conditions;

import java.util.Map;

/**
 * Matches labels: with a {@code key} matcher, a label whose key and value both match; without one,
 * any label whose value matches (label keys are not looked at: {@code key=*} asks for a key).
 */
record LabelMatcher(TextMatcher key, TextMatcher value) implements ValueMatcher {

  @Override
  public boolean test(ConditionKey conditionKey, Subject subject) {
    Map<String, String> labels = conditionKey.labels(subject);
    if (labels == null) {
      return false;
    }
    if (key instanceof ExactMatcher exact) {
      String v = labels.get(exact.value());
      return v != null && value.matches(v);
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if ((key == null || key.matches(label.getKey())) && value.matches(label.getValue())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return Values.quoteIfNeeded(
        key == null ? value.escaped() : key.escaped() + "=" + value.escaped());
  }
}
