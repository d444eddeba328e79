package io.sysotel.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sysotel.collector.pipeline.MetricNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricKeyTest {

  @Test
  void pipelineIdBecomesAnAttribute() {
    assertEquals(new MetricKey("sysotel.pipeline.matched", Map.of("pipeline", "net-raw")),
        MetricKey.of(MetricNames.pipeline("net-raw", MetricNames.MATCHED)));
  }

  @Test
  void exporterIdWithSlashAndDotsBecomesAnAttribute() {
    assertEquals(new MetricKey("sysotel.exporter.exported", Map.of("exporter", "otlp/loki.eu")),
        MetricKey.of(MetricNames.exporter("otlp/loki.eu", MetricNames.EXPORTED)));
    assertEquals(new MetricKey("sysotel.exporter.latency", Map.of("exporter", "stdout")),
        MetricKey.of(MetricNames.exporter("stdout", MetricNames.LATENCY)));
  }

  @Test
  void lostPerCpuHasANameOfItsOwnBesideTheTotal() {
    assertEquals(new MetricKey("sysotel.kernel.lost.cpu", Map.of("cpu", "12")),
        MetricKey.of(MetricNames.kernelLostOnCpu(12)));
    assertEquals(new MetricKey("sysotel.kernel.lost", Map.of()), MetricKey.of(MetricNames.KERNEL_LOST));
  }

  @Test
  void otherNamesStayAsTheyAre() {
    for (String n : new String[] {MetricNames.KERNEL_SEEN, MetricNames.DECODED, MetricNames.PROCESS_CACHE_SIZE,
        "sysotel.pipeline.", "sysotel.kernel.lost.cpux"}) {
      assertEquals(new MetricKey(n, Map.of()), MetricKey.of(n));
    }
  }
}
