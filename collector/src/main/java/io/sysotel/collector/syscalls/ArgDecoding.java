package io.sysotel.collector.syscalls;

/**
 * How one argument of a syscall is decoded.
 *
 * @param format the kind of value
 * @param flags for {@link ArgFormat#FLAGS}, the name of the flag set (see {@code Symbols}); else null
 * @param lengthArg for {@link ArgFormat#BUFFER}, {@link ArgFormat#OPTVAL}, {@link ArgFormat#SOCKADDR} and {@link
 *     ArgFormat#IOVEC}, the index of the argument holding the length or count; for {@link
 *     ArgFormat#FCNTL}, the index of the command; else -1
 */
public record ArgDecoding(ArgFormat format, String flags, int lengthArg) {

  public static ArgDecoding of(ArgFormat format) {
    return new ArgDecoding(format, null, -1);
  }
}
