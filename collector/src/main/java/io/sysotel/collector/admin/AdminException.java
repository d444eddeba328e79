package io.sysotel.collector.admin;

/** A request the collector refuses, with the error code the protocol reports. */
public final class AdminException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The protocol's error codes (docs/CONFIGURATION.md, "Admin API"). */
  public enum Code {
    BAD_REQUEST("bad_request"),
    NOT_FOUND("not_found"),
    CONFLICT("conflict"),
    FORBIDDEN("forbidden"),
    INTERNAL("internal");

    final String wire;

    Code(String wire) {
      this.wire = wire;
    }
  }

  private final Code code;
  private final java.util.List<String> problems;

  public AdminException(Code code, String message) {
    this(code, message, java.util.List.of());
  }

  public AdminException(Code code, String message, java.util.List<String> problems) {
    super(message);
    this.code = code;
    this.problems = java.util.List.copyOf(problems);
  }

  public Code code() {
    return code;
  }

  /** Further lines, e.g. every problem of a configuration file. */
  public java.util.List<String> problems() {
    return problems;
  }
}
