package io.sysotel.collector.syscalls;

/** A capability without a shorthand; the message lists the supported ones. */
public final class UnsupportedCapabilityException extends IllegalArgumentException {

  UnsupportedCapabilityException(String message) {
    super(message);
  }
}
