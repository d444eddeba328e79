package io.sysotel.collector.syscalls;

import java.util.Map;

/** How one syscall argument is captured in the kernel and shown to users. */
public enum ArgFormat {
  /** A signed integer of 32 bits (C {@code int}, {@code pid_t}, ...). */
  INT,
  /** A signed integer of 64 bits ({@code long}, {@code loff_t}). */
  LONG,
  /** An unsigned integer of 32 bits. */
  UINT,
  /** An unsigned integer of 64 bits ({@code size_t}, {@code unsigned long}). */
  ULONG,
  /** A file mode, in octal as strace prints it ({@code 0644}). */
  MODE,
  /** A number shown in hex ({@code 0x4000}), such as a file offset of mmap. */
  HEX,
  /** A directory file descriptor: {@code AT_FDCWD} or a number. */
  DIRFD,
  /** Bits or a value shown symbolically; {@link ArgDecoding#flags} names the set. */
  FLAGS,
  /** A pointer not followed: written by the kernel (read's buf) or of no fixed layout. */
  POINTER,
  /** A NUL-terminated string read from the process. */
  STRING,
  /** Bytes read from the process; their count is the argument {@link ArgDecoding#lengthArg}. */
  BUFFER,
  /**
   * setsockopt's {@code optval}, read as a {@link #BUFFER}: shown as {@code [n]}, an int, when
   * its length is 4 (as strace shows most options), else as the bytes.
   */
  OPTVAL,
  /** A socket address; its length is the argument {@link ArgDecoding#lengthArg}. */
  SOCKADDR,
  /** A NULL-terminated array of strings (execve's argv). */
  STRINGS,
  /** An iovec array of {@link ArgDecoding#lengthArg} elements; its vectors' buffers are read. */
  IOVEC,
  /** A {@code struct user_msghdr} (sendmsg): its address, control data and vectors' buffers are read. */
  MSGHDR,
  /**
   * fcntl's {@code arg}, as the command in argument {@link ArgDecoding#lengthArg} uses it: the
   * {@code struct flock} of a lock set and the {@code struct f_owner_ex} of F_SETOWN_EX are
   * read; other commands' values are shown as the flag set {@code fcntlarg} renders them.
   */
  FCNTL,
  /**
   * ioctl's {@code arg}, as the request in argument {@link ArgDecoding#lengthArg} takes it
   * ({@link Ioctls}): the int, character or struct a request gives the kernel is read; other
   * requests' values are shown as a pointer, a number or a named value.
   */
  IOCTL,
  /**
   * prctl's {@code arg2}, as the option in argument {@link ArgDecoding#lengthArg} uses it
   * ({@link Prctl}): PR_SET_NAME's name is read; other options' values are shown as a signal, a
   * capability, a mode, a number or a pointer.
   */
  PRCTL,
  /**
   * mount's {@code type}: read as a string, shown as an address when the flags in argument
   * {@link ArgDecoding#lengthArg} make the kernel ignore it ({@link Symbols#mountIgnores}), as
   * strace shows it.
   */
  MOUNT_TYPE,
  /** mount's {@code data}: likewise, with the flags under which the kernel ignores the data. */
  MOUNT_DATA,
  /** A {@code struct rlimit} given to the kernel (setrlimit, prlimit64's new limits), read whole. */
  RLIMIT,
  /** A {@code struct __kernel_timespec} given to the kernel (nanosleep, clock_settime), read whole. */
  TIMESPEC;

  /** For a struct the kernel reads whole, its size in bytes; 0 for the other formats. */
  public int structBytes() {
    return switch (this) {
      case RLIMIT, TIMESPEC -> 16;
      default -> 0;
    };
  }

  /**
   * Whether how the argument is read depends on a command in another argument ({@link
   * ArgDecoding#lengthArg}): fcntl's, ioctl's and prctl's, pointers for some commands only.
   */
  public boolean byCommand() {
    return this == FCNTL || this == IOCTL || this == PRCTL;
  }

  /**
   * What the fourth column of the decoding table names for this format, an argument whose value
   * this one's reading or showing depends on: a length, a command or flags; null for none.
   */
  public String sibling() {
    return switch (this) {
      case BUFFER, OPTVAL, SOCKADDR, IOVEC -> "length";
      case FCNTL, IOCTL, PRCTL -> "command";
      case MOUNT_TYPE, MOUNT_DATA -> "flags";
      default -> null;
    };
  }

  /**
   * For a {@link #byCommand} format, the commands (as unsigned ints) for which the kernel reads
   * what the argument points to, and what it reads; empty for the other formats.
   */
  public Map<Long, CommandRead> commandReads() {
    return switch (this) {
      case FCNTL -> Symbols.FCNTL_READS;
      case IOCTL -> Ioctls.READS;
      case PRCTL -> Prctl.READS;
      default -> Map.of();
    };
  }

  /** Whether the kernel reads what the argument points to for {@code command} (see {@link #commandReads}). */
  public boolean reads(long command) {
    return commandReads().containsKey(command & 0xffffffffL);
  }

  /** Whether the kernel reads what the argument points to (for {@link #byCommand} formats, for some commands). */
  public boolean captured() {
    return switch (this) {
      case STRING, BUFFER, OPTVAL, SOCKADDR, STRINGS, IOVEC, MSGHDR, FCNTL, IOCTL, PRCTL, MOUNT_TYPE, MOUNT_DATA -> true;
      default -> structBytes() > 0;
    };
  }
}
