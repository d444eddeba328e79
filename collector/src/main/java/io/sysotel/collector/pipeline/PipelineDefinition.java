package io.sysotel.collector.pipeline;

import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.demo.Simulation;
import io.sysotel.collector.syscalls.SyscallSet;
import java.time.Duration;
import io.sysotel.collector.task.ArgumentLimits;
import java.util.List;
import java.util.Objects;

/**
 * A validated pipeline, ready to run: which processes (condition), which syscalls, how to
 * publish them, to which exporters, and the demo simulation to run beside it (null for none).
 */
public record PipelineDefinition(
    String id,
    Condition condition,
    SyscallSet syscalls,
    boolean compact,
    MetaSelection meta,
    List<String> exporterIds,
    Simulation demo,
    Duration demoInterval,
    ArgumentLimits limits) {

  public PipelineDefinition {
    exporterIds = List.copyOf(exporterIds);
    Objects.requireNonNull(limits, "limits");
  }

  /** A pipeline with the default argument limits. */
  public PipelineDefinition(String id, Condition condition, SyscallSet syscalls, boolean compact,
      MetaSelection meta, List<String> exporterIds, Simulation demo, Duration demoInterval) {
    this(id, condition, syscalls, compact, meta, exporterIds, demo, demoInterval, ArgumentLimits.DEFAULTS);
  }
}
