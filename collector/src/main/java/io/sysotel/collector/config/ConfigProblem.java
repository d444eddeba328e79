package io.sysotel.collector.config;

/** One thing wrong in a configuration, where it is: {@code file:line:column: message}. */
public record ConfigProblem(String file, int line, int column, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
