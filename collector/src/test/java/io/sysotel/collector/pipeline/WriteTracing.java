package io.sysotel.collector.pipeline;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.kernel.SysotelProgram;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.syscalls.SyscallSet;
import io.sysotel.collector.syscalls.SyscallTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The collector the kernel tests run: write-tracing pipelines into the test-only `collect` exporter. */
final class WriteTracing {

  static final int WRITE = SyscallTable.x86_64().byName("write").orElseThrow().number();

  private WriteTracing() {}

  /** Starts a collector with one write-tracing pipeline per (id, condition) pair. */
  static Collector start(Metadata.Settings metadata, MetricRegistry metrics, String... idConditionPairs) {
    List<PipelineDefinition> pipelines = new ArrayList<>();
    for (int i = 0; i < idConditionPairs.length; i += 2) {
      pipelines.add(new PipelineDefinition(idConditionPairs[i], Condition.parse(idConditionPairs[i + 1]),
          SyscallSet.of(WRITE), false, MetaSelection.ALL, List.of("collect"), null, null));
    }
    return Collector.start(
        new Collector.Settings("test", "agent", "instance", SysotelProgram.Settings.defaults(), 65536, 1024, metadata),
        List.of(new ExporterDefinition("collect", "collect", Map.of())), pipelines, metrics);
  }
}
