package io.sysotel.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The chart in charts/sysotel, rendered by helm (helm-java's bundled native helm). */
final class Chart {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path DIR = ROOT.resolve("charts/sysotel");
  static final String RELEASE = "sysotel";
  static final String NAMESPACE = "observability";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Chart() {}

  /** {@code helm template sysotel charts/sysotel -n observability --set k=v ...}. */
  static String template(Map<String, Object> set) {
    TemplateCommand t = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
    set.forEach(t::set);
    return t.call();
  }

  static Rendered render(Map<String, Object> set) {
    String text = template(set);
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          docs.add(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template output is not YAML:\n" + text, e);
    }
    return new Rendered(docs);
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode values() {
    return yaml(DIR.resolve("values.yaml"));
  }

  /** The manifests of one rendering. */
  record Rendered(List<JsonNode> docs) {

    List<JsonNode> all(String kind) {
      return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    JsonNode get(String kind, String name) {
      return docs.stream()
          .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + kinds()));
    }

    List<String> kinds() {
      return docs.stream().map(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText()).toList();
    }

    JsonNode daemonSet() {
      return get("DaemonSet", RELEASE);
    }

    JsonNode podSpec() {
      return daemonSet().path("spec").path("template").path("spec");
    }

    JsonNode container(String name) {
      for (JsonNode c : podSpec().path("containers")) {
        if (c.path("name").asText().equals(name)) {
          return c;
        }
      }
      throw new AssertionError("no container " + name + " in " + podSpec().path("containers"));
    }

    /** The text of sysotel.yaml in the ConfigMap. */
    String sysotelConfigText() {
      return get("ConfigMap", RELEASE).path("data").path("sysotel.yaml").asText();
    }

    JsonNode sysotelConfig() {
      return yaml(sysotelConfigText());
    }
  }
}
