package io.sysotel.collector.api;

/**
 * One named syscall argument. {@code value} is one of the decoded values that {@link
 * Arguments} describes: Long, BigInteger, {@link UserBytes} or a String in strace's notation.
 */
public record Argument(String name, Object value) {}
