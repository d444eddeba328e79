package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KernelCountTest {

  @Test
  void readsTheKernelsCount() {
    long[] kernel = {41};
    KernelCount count = new KernelCount(() -> kernel[0]);
    kernel[0]++;
    assertEquals(42, count.getCount());
  }

  /** See KernelCount: overriding Counter.inc would throw away the reader's compiled hot path. */
  @Test
  void overridesOnlyGetCount() {
    Set<String> declared = Arrays.stream(KernelCount.class.getDeclaredMethods())
        .filter(m -> !m.isSynthetic())
        .map(Method::getName)
        .collect(Collectors.toSet());
    assertEquals(Set.of("getCount"), declared);
  }
}
