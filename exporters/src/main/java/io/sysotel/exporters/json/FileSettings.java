package io.sysotel.exporters.json;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code file} exporter's settings.
 *
 * @param path the file the lines go to
 * @param maxBytes the size past which the file rotates ({@code maxSizeMb} MiB)
 * @param maxFiles rotated files kept beside {@code path}: {@code path.1} (newest) to {@code
 *     path.<maxFiles>}; 0 keeps none
 */
record FileSettings(Path path, long maxBytes, int maxFiles) {

  static final String PATH = "path";
  static final String MAX_SIZE_MB = "maxSizeMb";
  static final String MAX_FILES = "maxFiles";
  static final List<String> KEYS = List.of(PATH, MAX_SIZE_MB, MAX_FILES);

  static final int DEFAULT_MAX_SIZE_MB = 100;
  static final int DEFAULT_MAX_FILES = 5;
  private static final long MIB = 1024 * 1024;
  /** A terabyte-sized log line file is a typo, and MiB times this must not overflow. */
  private static final long MAX_SIZE_MB_LIMIT = 1024 * 1024;

  /** Parses YAML settings; each problem found is added to {@code problems}. */
  static FileSettings parse(Map<String, Object> values, List<String> problems) {
    Settings s = new Settings(values, problems);
    s.rejectUnknownKeys(KEYS);
    String pathText = s.string(PATH, null, true);
    Path path = null;
    if (pathText != null) {
      try {
        path = Path.of(pathText);
      } catch (InvalidPathException e) {
        problems.add(PATH + ": not a valid path: " + e.getReason());
      }
    }
    long maxSizeMb = s.wholeNumber(MAX_SIZE_MB, DEFAULT_MAX_SIZE_MB, 1);
    if (maxSizeMb > MAX_SIZE_MB_LIMIT) {
      problems.add(MAX_SIZE_MB + ": at most " + MAX_SIZE_MB_LIMIT + ", got " + maxSizeMb);
    }
    long maxFiles = s.wholeNumber(MAX_FILES, DEFAULT_MAX_FILES, 0);
    if (maxFiles > 1000) {
      problems.add(MAX_FILES + ": at most 1000, got " + maxFiles);
    }
    return new FileSettings(path, maxSizeMb * MIB, (int) Math.min(maxFiles, 1000));
  }

  /** Parses settings that must be valid. */
  static FileSettings parse(Map<String, Object> values) {
    List<String> problems = new ArrayList<>();
    FileSettings settings = parse(values, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid file exporter settings: " + String.join("; ", problems));
    }
    return settings;
  }
}
