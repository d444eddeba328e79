package io.sysotel.exporters.otlp;

import io.sysotel.collector.util.Suggestions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one level of YAML settings (values arrive as String, Integer, Long, Boolean or nested
 * maps), adding one problem per bad key as {@code key: what is wrong}. Problems found inside a
 * nested map are reported under the outer key, so the configuration loader points at it.
 */
final class SettingsReader {

  /** The collector's duration syntax: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, bare seconds. */
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

  private final Map<String, Object> values;
  private final List<String> problems;
  /** Prefix for problems of a nested map, e.g. {@code "tls: "}; empty at the top. */
  private final String prefix;

  SettingsReader(Map<String, Object> values, List<String> problems) {
    this(values, problems, "");
  }

  private SettingsReader(Map<String, Object> values, List<String> problems, String prefix) {
    this.values = values == null ? Map.of() : values;
    this.problems = problems;
    this.prefix = prefix;
  }

  boolean has(String key) {
    return values.get(key) != null;
  }

  void problem(String key, String message) {
    problems.add(prefix.isEmpty() ? key + ": " + message : prefix + key + ": " + message);
  }

  /** Reports every key not in {@code known}, with the nearest known one. */
  void rejectUnknownKeys(List<String> known) {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        problem(key, "unknown key; known: " + String.join(", ", known) + Suggestions.didYouMean(key, known));
      }
    }
  }

  /** The string at {@code key}; {@code fallback} when absent; null and a problem when not a non-empty string. */
  String string(String key, String fallback, boolean required) {
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
  int wholeNumber(String key, int fallback, int min, int max) {
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
  Duration duration(String key, Duration fallback) {
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
  Map<String, String> stringMap(String key) {
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
  SettingsReader nested(String key) {
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

  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
    return d.isZero() ? null : d;
  }

  private static String describe(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }
}
