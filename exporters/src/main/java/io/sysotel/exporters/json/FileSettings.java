package io.sysotel.exporters.json;

import io.sysotel.exporters.settings.SettingsReader;
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
  private static final int MAX_SIZE_MB_LIMIT = 1024 * 1024;
  private static final int MAX_FILES_LIMIT = 1000;

  /** Parses YAML settings; each problem found is added to {@code problems}. */
  static FileSettings parse(Map<String, Object> values, List<String> problems) {
    SettingsReader s = new SettingsReader(values, problems);
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
    long maxSizeMb = s.wholeNumber(MAX_SIZE_MB, DEFAULT_MAX_SIZE_MB, 1, MAX_SIZE_MB_LIMIT);
    int maxFiles = s.wholeNumber(MAX_FILES, DEFAULT_MAX_FILES, 0, MAX_FILES_LIMIT);
    return new FileSettings(path, maxSizeMb * MIB, maxFiles);
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
