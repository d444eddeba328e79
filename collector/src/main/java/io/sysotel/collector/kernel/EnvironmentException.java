package io.sysotel.collector.kernel;

/**
 * The machine cannot run the collector (no BTF, no libbpf, no privilege to load BPF). The message
 * says what to fix. The command line exits with status 3 for it.
 */
public final class EnvironmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
