package io.sysotel.collector.api;

/**
 * One named syscall argument. {@code value} is a {@link Long} for integers, file descriptors,
 * flags and pointers, or a {@link String} for text read from the traced process.
 */
public record Argument(String name, Object value) {}
