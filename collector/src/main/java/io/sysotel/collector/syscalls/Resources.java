package io.sysotel.collector.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The tables shipped beside these classes (x86_64.tsv, x86_64-decoding.tsv, x86_64-ioctls.tsv). */
final class Resources {

  /** Reads one table; {@code source} names it in the errors the parser reports. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(BufferedReader in, String source) throws IOException;
  }

  private Resources() {}

  /** Parses resource {@code name}, a {@code what} ("syscall table"), failing when it is missing or unreadable. */
  static <T> T read(String name, String what, Parser<T> parser) {
    try (InputStream in = Resources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(what + " resource " + name + " is missing");
      }
      return parser.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " " + name, e);
    }
  }
}
