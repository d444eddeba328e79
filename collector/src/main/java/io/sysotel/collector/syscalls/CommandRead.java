package io.sysotel.collector.syscalls;

/**
 * What the kernel program reads at entry through an argument that a command in another argument
 * gives its meaning ({@link ArgFormat#byCommand}): {@code bytes} bytes, or a C string up to the
 * pipeline's string limit when {@code string}. The collector's tables ({@link
 * ArgFormat#commandReads}) are the only place these are written: the collector copies them into
 * the kernel's {@code command_reads} map when it loads the program.
 */
public record CommandRead(int bytes, boolean string) {

  /** A C string (prctl's PR_SET_NAME). */
  public static final CommandRead STRING = new CommandRead(0, true);

  public CommandRead {
    if (string ? bytes != 0 : bytes <= 0) {
      throw new IllegalArgumentException(string ? "a string has no fixed size" : "bytes must be positive: " + bytes);
    }
  }

  /** {@code n} bytes: a struct or an int the process gives the kernel. */
  public static CommandRead ofBytes(int n) {
    return new CommandRead(n, false);
  }
}
