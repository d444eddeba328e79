package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;
import java.util.function.LongSupplier;

/**
 * A count kept by the kernel, read when asked. Registered as a Dropwizard counter rather than a
 * gauge so that exporters treat it as what it is: monotonic.
 *
 * <p>It overrides {@link #getCount} alone. While no loaded subclass overrides {@code
 * Counter.inc}, the JIT compiler inlines every counter increment of the reader's hot path as the
 * one implementation there is; a subclass overriding it (to refuse increments), loaded once the
 * collector starts, made the compiler throw that code away and compile it again during the first
 * events traced (30-120 ms of compilation while the traced programs ran).
 */
final class KernelCount extends Counter {

  private final LongSupplier value;

  KernelCount(LongSupplier value) {
    this.value = value;
  }

  @Override
  public long getCount() {
    return value.getAsLong();
  }
}
