package io.sysotel.collector.config;

import io.sysotel.collector.util.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 10s}, {@code 500ms}, a bare integer of seconds) and sizes ({@code 32MiB}). */
final class Units {

  private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

  private Units() {}

  static Duration duration(Object value) {
    Duration d = Durations.parse(String.valueOf(value)).orElseThrow(() ->
        new IllegalArgumentException("\"" + value + "\" is not a duration (e.g. 10s, 500ms, 2m)"));
    if (d.isZero()) {
      throw new IllegalArgumentException("a duration must be more than zero");
    }
    return d;
  }

  /** Bytes; binary multiples whether or not the unit says "i". */
  static long bytes(Object value) {
    String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + value + "\" is not a size (e.g. 32MiB, 256KiB, 4096)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    return switch (unit.charAt(0)) {
      case 'k' -> n << 10;
      case 'm' -> n << 20;
      case 'g' -> n << 30;
      default -> n;
    };
  }
}
