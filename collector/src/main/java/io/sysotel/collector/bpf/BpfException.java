package io.sysotel.collector.bpf;

/** A libbpf or libc call that failed, with the operation, errno and the library's text for it. */
public final class BpfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int errno;

  BpfException(String operation, int errno, String reason) {
    super(operation + " failed: " + reason + " (errno " + errno + ")");
    this.operation = operation;
    this.errno = errno;
  }

  /** The call that failed, e.g. {@code bpf_object__load}. */
  public String operation() {
    return operation;
  }

  /** The positive errno value. */
  public int errno() {
    return errno;
  }

  /** True for errors that mean missing privilege (EPERM, EACCES). */
  public boolean isPermissionDenied() {
    return errno == 1 || errno == 13;
  }
}
