package io.sysotel.exporters.otlp;

import java.util.Arrays;
import java.util.List;

/** The OTLP transports, named as in the OpenTelemetry Collector's configuration. */
enum Protocol {
  GRPC("grpc"),
  HTTP_PROTOBUF("http/protobuf");

  private final String text;

  Protocol(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  static Protocol of(String text) {
    for (Protocol p : values()) {
      if (p.text.equals(text)) {
        return p;
      }
    }
    return null;
  }

  static List<String> names() {
    return Arrays.stream(values()).map(Protocol::text).toList();
  }
}
