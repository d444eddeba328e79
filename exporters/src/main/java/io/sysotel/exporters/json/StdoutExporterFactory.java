package io.sysotel.exporters.json;

import io.sysotel.exporters.settings.SettingsReader;
import io.sysotel.collector.api.Exporter;
import io.sysotel.collector.api.ExporterFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code stdout} exporter: JSON lines on standard output. Settings: {@code format: json}. */
public final class StdoutExporterFactory implements ExporterFactory {

  public static final String TYPE = "stdout";
  static final String FORMAT = "format";
  static final List<String> FORMATS = List.of("json");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<String> validate(Map<String, Object> settings) {
    List<String> problems = new ArrayList<>();
    SettingsReader s = new SettingsReader(settings, problems);
    s.rejectUnknownKeys(List.of(FORMAT));
    String format = s.string(FORMAT, "json", false);
    if (format != null && !FORMATS.contains(format)) {
      problems.add(FORMAT + ": unknown format \"" + format + "\"; known: " + String.join(", ", FORMATS));
    }
    return problems;
  }

  /** Writes to {@link System#out} as it is at creation. */
  @Override
  public Exporter create(String id, Map<String, Object> settings) {
    List<String> problems = validate(settings);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid stdout exporter settings: " + String.join("; ", problems));
    }
    return new StdoutExporter(id, System.out).warmUpInBackground();
  }
}
