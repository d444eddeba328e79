package io.sysotel.collector.api;

/** A batch or flush that did not reach its destination. */
public final class ExportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
