package io.sysotel.collector.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Reads YAML text into a {@link YamlNode} tree with locations, using Jackson's YAML parser. */
final class YamlReader {

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlReader() {}

  /**
   * Parses one document; an empty document is an empty mapping.
   *
   * @throws ConfigException for YAML syntax errors and duplicate keys, with their location
   */
  static YamlNode read(String text, String file) throws ConfigException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new YamlNode.Mapping(new YamlNode.Location(1, 1), new LinkedHashMap<>());
      }
      return node(parser, file);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
      throw new ConfigException(List.of(new ConfigProblem(
          file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(), "invalid YAML: " + message)));
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigProblem(file, 1, 1, "cannot read: " + e.getMessage())));
    }
  }

  private static YamlNode node(JsonParser p, String file) throws IOException, ConfigException {
    YamlNode.Location at = location(p);
    switch (p.currentToken()) {
      case START_OBJECT: {
        LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          YamlNode.Location keyAt = location(p);
          p.nextToken();
          YamlNode value = node(p, file);
          if (entries.put(key, new YamlNode.Entry(keyAt, value)) != null) {
            throw new ConfigException(List.of(new ConfigProblem(
                file, keyAt.line(), keyAt.column(), "duplicate key \"" + key + "\"")));
          }
        }
        return new YamlNode.Mapping(at, entries);
      }
      case START_ARRAY: {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(p, file));
        }
        return new YamlNode.Sequence(at, items);
      }
      case VALUE_STRING:
        return new YamlNode.Scalar(at, p.getText());
      case VALUE_NUMBER_INT:
        return new YamlNode.Scalar(at, p.getNumberValue());
      case VALUE_NUMBER_FLOAT:
        return new YamlNode.Scalar(at, p.getDoubleValue());
      case VALUE_TRUE:
        return new YamlNode.Scalar(at, Boolean.TRUE);
      case VALUE_FALSE:
        return new YamlNode.Scalar(at, Boolean.FALSE);
      case VALUE_NULL:
        return new YamlNode.Scalar(at, null);
      default:
        throw new ConfigException(List.of(new ConfigProblem(
            file, at.line(), at.column(), "unsupported YAML element " + p.currentToken())));
    }
  }

  private static YamlNode.Location location(JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return new YamlNode.Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }
}
