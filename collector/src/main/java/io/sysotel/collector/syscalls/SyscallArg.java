package io.sysotel.collector.syscalls;

import java.util.Objects;

/**
 * One argument of a syscall as the kernel declares it.
 *
 * @param type the C type, e.g. {@code const char *}
 * @param name the kernel's parameter name, e.g. {@code filename}
 */
public record SyscallArg(String type, String name) {

  public SyscallArg {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }
}
