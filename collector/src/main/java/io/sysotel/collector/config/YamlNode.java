package io.sysotel.collector.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each node starts, so every configuration error
 * can name its file, line and column.
 */
sealed interface YamlNode {

  Location location();

  /** 1-based line and column. */
  record Location(int line, int column) {
    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  record Scalar(Location location, Object value) implements YamlNode {
    /** The value as text, as a user wrote it (numbers and booleans included). */
    String text() {
      return value == null ? "" : String.valueOf(value);
    }
  }

  record Sequence(Location location, List<YamlNode> items) implements YamlNode {}

  record Mapping(Location location, LinkedHashMap<String, Entry> entries) implements YamlNode {
    YamlNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }

    Map<String, Object> toPlainMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, e) -> out.put(k, plain(e.value())));
      return out;
    }
  }

  /** A mapping entry: the key's own location (for "unknown key" errors) and its value. */
  record Entry(Location keyLocation, YamlNode value) {}

  /** The node as plain Java values (maps, lists, scalars), as a component's settings. */
  static Object plain(YamlNode node) {
    if (node instanceof Scalar s) {
      return s.value();
    }
    if (node instanceof Sequence q) {
      return q.items().stream().map(YamlNode::plain).toList();
    }
    return ((Mapping) node).toPlainMap();
  }

  /** What a user calls this kind of node in an error message. */
  static String kind(YamlNode node) {
    if (node instanceof Scalar s) {
      return s.value() == null ? "nothing" : "a value";
    }
    return node instanceof Sequence ? "a list" : "a map";
  }
}
