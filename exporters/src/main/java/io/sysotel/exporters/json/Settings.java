package io.sysotel.exporters.json;

import io.sysotel.collector.util.Suggestions;
import java.util.List;
import java.util.Map;

/**
 * Reads an exporter's YAML settings, whose values arrive as Integer, Long, String or Boolean,
 * collecting one problem per bad key as {@code key: what is wrong}.
 */
final class Settings {

  private final Map<String, Object> values;
  private final List<String> problems;

  Settings(Map<String, Object> values, List<String> problems) {
    this.values = values == null ? Map.of() : values;
    this.problems = problems;
  }

  /** Reports every key not in {@code known}, with the nearest known one. */
  void rejectUnknownKeys(List<String> known) {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        problems.add(
            key + ": unknown key; known: " + String.join(", ", known) + Suggestions.didYouMean(key, known));
      }
    }
  }

  /** The string at {@code key}, {@code fallback} when absent, null (and a problem) when not a non-empty string. */
  String string(String key, String fallback, boolean required) {
    Object v = values.get(key);
    if (v == null) {
      if (required) {
        problems.add(key + ": required");
      }
      return fallback;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      problems.add(key + ": must be a non-empty string, got " + describe(v));
      return null;
    }
    return s;
  }

  /** The whole number at {@code key} (a number or a numeric string), at least {@code min}. */
  long wholeNumber(String key, long fallback, long min) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    Long n = null;
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      n = ((Number) v).longValue();
    } else if (v instanceof String s) {
      try {
        n = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        n = null;
      }
    }
    if (n == null || n < min) {
      problems.add(key + ": must be a whole number of at least " + min + ", got " + describe(v));
      return fallback;
    }
    return n;
  }

  private static String describe(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }
}
