package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.bpf.Native;
import io.sysotel.collector.kernel.BootClock;
import io.sysotel.collector.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

class ReaderWarmUpTest {

  /**
   * The made-up records must be records the reader takes for real ones: a layout that drifted
   * from the kernel's would be skipped or filtered, and warm paths nobody runs.
   */
  @Test
  void everyMadeUpRecordIsDecodedAndBatchedForItsPipelines() {
    MetricRegistry scratch = new MetricRegistry();
    int read = ReaderWarmUp.run(new BootClock(Native.get()), SyscallTable.x86_64(), scratch, 5_000);

    assertTrue(read >= 5_000, "read " + read);
    assertEquals(read, scratch.counter(MetricNames.DECODED).getCount());
    // 16 of the ring's 288 records come without the kernel's verdict and match no pipeline
    assertEquals(0, read % 288, "whole rings read");
    assertEquals(read / 288 * 16, scratch.counter(MetricNames.USER_FILTERED).getCount());
    assertEquals(2, scratch.counter("evaluations").getCount(), "two conditions, judged once, then from the cache");
    assertEquals(0, scratch.counter(MetricNames.UNROUTED).getCount());
    long full = scratch.counter("warm-up-0.matched").getCount();
    long compact = scratch.counter("warm-up-1.matched").getCount();
    assertTrue(full > read / 2 && compact > read / 2, "full " + full + ", compact " + compact + " of " + read);
    assertTrue(full + compact > read, "some records go to both pipelines");
    assertTrue(full + compact < 2L * read, "some records go to one pipeline only");
  }
}
