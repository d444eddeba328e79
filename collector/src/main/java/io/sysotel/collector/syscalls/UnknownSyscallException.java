package io.sysotel.collector.syscalls;

/** A syscall name the table does not know; the message suggests the nearest known name. */
public final class UnknownSyscallException extends IllegalArgumentException {

  private final String name;

  UnknownSyscallException(String name, String didYouMean) {
    super("unknown syscall \"" + name + "\"" + didYouMean);
    this.name = name;
  }

  /** The name as given. */
  public String name() {
    return name;
  }
}
