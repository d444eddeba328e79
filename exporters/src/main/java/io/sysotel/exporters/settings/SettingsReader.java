package io.sysotel.exporters.settings;

import io.sysotel.collector.util.Durations;
import io.sysotel.collector.util.Suggestions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one level of YAML settings (values arrive as String, Integer, Long, Boolean or nested
 * maps), adding one problem per bad key as {@code key: what is wrong}. Problems found inside a
 * nested map are reported under the outer key, so the configuration loader points at it.
 */
public final class SettingsReader {

  /** The collector's duration syntax: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, bare seconds. */
  private final Map<String, Object> values;
  private final List<String> problems;
  /** Prefix for problems of a nested map, e.g. {@code "tls: "}; empty at the top. */
  private final String prefix;

  public SettingsReader(Map<String, Object> values, List<String> problems) {
    this(values, problems, "");
  }

  private SettingsReader(Map<String, Object> values, List<String> problems, String prefix) {
    this.values = values == null ? Map.of() : values;
    this.problems = problems;
    this.prefix = prefix;
  }

  public boolean has(String key) {
    return values.get(key) != null;
  }

  public void problem(String key, String message) {
    problems.add(prefix.isEmpty() ? key + ": " + message : prefix + key + ": " + message);
  }

  /** Reports every key not in {@code known}, with the nearest known one. */
  public void rejectUnknownKeys(List<String> known) {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        problem(key, "unknown key; known: " + String.join(", ", known) + Suggestions.didYouMean(key, known));
      }
    }
  }

  /** The string at {@code key}; {@code fallback} when absent; null and a problem when not a non-empty string. */
  public String string(String key, String fallback, boolean required) {
    Object v = values.get(key);
    if (v == null) {
      if (required) {
        problem(key, "required");
      }
      return fallback;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      problem(key, "must be a non-empty string, got " + describe(v));
      return null;
    }
    return s.trim();
  }

  /** The whole number at {@code key} (a number or a numeric string) in {@code [min, max]}. */
  public int wholeNumber(String key, int fallback, int min, int max) {
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
    if (n == null || n < min || n > max) {
      problem(key, "must be a whole number from " + min + " to " + max + ", got " + describe(v));
      return fallback;
    }
    return n.intValue();
  }

  /** The duration at {@code key}, more than zero. */
  public Duration duration(String key, Duration fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    Duration d = parseDuration(String.valueOf(v));
    if (d == null) {
      problem(key, "must be a duration of more than zero such as 10s, 500ms or 2m, got " + describe(v));
      return fallback;
    }
    return d;
  }

  /** A map of scalar values as strings (e.g. headers); a problem for anything else. */
  public Map<String, String> stringMap(String key) {
    Object v = values.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map<?, ?> map)) {
      problem(key, "must be a map of names to values, got " + describe(v));
      return out;
    }
    map.forEach((k, value) -> {
      if (value == null || value instanceof Map || value instanceof List) {
        problem(key, "the value of " + k + " must be a single value, got " + describe(value));
      } else {
        out.put(String.valueOf(k), String.valueOf(value));
      }
    });
    return out;
  }

  /** A reader for the nested map at {@code key} (empty when absent or, with a problem, not a map). */
  public SettingsReader nested(String key) {
    Object v = values.get(key);
    Map<String, Object> map = Map.of();
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, value) -> copy.put(String.valueOf(k), value));
      map = copy;
    } else if (v != null) {
      problem(key, "must be a map, got " + describe(v));
    }
    return new SettingsReader(map, problems, prefix + key + ": ");
  }

  /** A duration of more than zero, or null. */
  public static Duration parseDuration(String text) {
    return Durations.parse(text).filter(d -> !d.isZero()).orElse(null);
  }

  private static String describe(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }
}
