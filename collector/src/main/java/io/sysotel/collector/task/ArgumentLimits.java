package io.sysotel.collector.task;

/**
 * How much of what arguments point to the kernel reads for a pipeline.
 *
 * @param maxStringBytes bytes of a C string (path, name)
 * @param maxBufferBytes bytes of a buffer (write's buf, sendto's), of each vector of an iovec array
 * @param maxArrayElements strings of a string array (execve's argv and envp), vectors of an iovec array
 */
public record ArgumentLimits(int maxStringBytes, int maxBufferBytes, int maxArrayElements) {

  public static final int MAX_STRING_BYTES = 4096;
  public static final int MAX_BUFFER_BYTES = 4096;
  public static final int MAX_ARRAY_ELEMENTS = 128;
  public static final ArgumentLimits DEFAULTS = new ArgumentLimits(256, 256, 32);

  public ArgumentLimits {
    check("maxStringBytes", maxStringBytes, MAX_STRING_BYTES);
    check("maxBufferBytes", maxBufferBytes, MAX_BUFFER_BYTES);
    check("maxArrayElements", maxArrayElements, MAX_ARRAY_ELEMENTS);
  }

  private static void check(String name, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(name + " must be 0 to " + max + ", got " + value);
    }
  }

  /** The larger of each limit: what the kernel reads for a syscall that both pipelines trace. */
  public ArgumentLimits max(ArgumentLimits o) {
    return new ArgumentLimits(Math.max(maxStringBytes, o.maxStringBytes),
        Math.max(maxBufferBytes, o.maxBufferBytes), Math.max(maxArrayElements, o.maxArrayElements));
  }
}
