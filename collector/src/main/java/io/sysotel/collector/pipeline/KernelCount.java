package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;
import java.util.function.LongSupplier;

/**
 * A count kept by the kernel, read when asked. Registered as a Dropwizard counter rather than a
 * gauge so that exporters treat it as what it is: monotonic.
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

  @Override
  public void inc(long n) {
    throw new UnsupportedOperationException("the kernel keeps this count");
  }

  @Override
  public void dec(long n) {
    throw new UnsupportedOperationException("the kernel keeps this count");
  }
}
