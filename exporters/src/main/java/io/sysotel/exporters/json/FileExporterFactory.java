package io.sysotel.exporters.json;

import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.ExporterFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code file} exporter: JSON lines in a size-rotated file. Settings: {@code path}
 * (required), {@code maxSizeMb} (default 100), {@code maxFiles} (rotated files kept, default 5).
 */
public final class FileExporterFactory implements ExporterFactory {

  public static final String TYPE = "file";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> validate(Map<String, Object> settings) {
    List<String> problems = new ArrayList<>();
    FileSettings.parse(settings, problems);
    return problems;
  }

  /**
   * Opens (creating directories as needed) the file at once, so a path that cannot be written
   * fails at start.
   *
   * @throws UncheckedIOException when the file cannot be opened
   */
  @Override
  public Exporter create(String id, Map<String, Object> settings) {
    FileSettings parsed = FileSettings.parse(settings);
    try {
      return FileExporter.open(id, parsed).warmUpInBackground();
    } catch (IOException e) {
      throw new UncheckedIOException(id + ": cannot open " + parsed.path() + ": " + e, e);
    }
  }
}
