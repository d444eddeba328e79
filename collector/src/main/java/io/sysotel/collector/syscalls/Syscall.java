package io.sysotel.collector.syscalls;

import java.util.List;
import java.util.Objects;

/**
 * A syscall of one architecture.
 *
 * @param number the syscall number, as seen at {@code sys_enter}
 * @param name the name in {@code unistd.h} without its {@code __NR_} prefix
 * @param args the arguments in register order; at most six
 */
public record Syscall(int number, String name, List<SyscallArg> args) {

  public Syscall {
    if (number < 0) {
      throw new IllegalArgumentException("negative syscall number " + number);
    }
    Objects.requireNonNull(name, "name");
    args = List.copyOf(args);
    if (args.size() > 6) {
      throw new IllegalArgumentException(name + " has " + args.size() + " arguments; at most 6");
    }
  }
}
