package io.sysotel.exporters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.exporters.warmup.WarmUp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The made-up records a JSON exporter warms up on take the paths real records take. */
class WarmUpRenderingTest {

  @Test
  void madeUpRecordsRenderAsFullAndCompactMessages() throws Exception {
    for (boolean compact : new boolean[] {false, true}) {
      ExportBatch batch = WarmUp.batch(compact);
      JsonBytes out = new JsonBytes(1024);
      JsonEventWriter writer = new JsonEventWriter();
      batch.records().forEach(r -> writer.write(out, batch.source(), batch.meta(), batch.compact(), r));
      String[] lines = new String(out.toByteArray(), StandardCharsets.UTF_8).split("\n");
      assertEquals(batch.records().size(), lines.length);
      for (String line : lines) {
        JsonNode data = new ObjectMapper().readTree(line).get("data").get(0).get("data");
        assertEquals("warm-up", data.get("process").get("name").asText());
        assertEquals(compact, !data.has("args"));
      }
      assertTrue(lines[0].contains("\"value\":\"+\\\\0\\\\n\"") || compact, lines[0]);
    }
  }

  @Test
  void theDiscardingExporterTakesEveryBatch() throws Exception {
    JsonLinesExporter.Discarding discarding = new JsonLinesExporter.Discarding();
    WarmUp.run(batch -> {
      try {
        discarding.export(batch);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, 10_000, Long.MAX_VALUE);
  }
}
