package io.sysotel.collector.pipeline;

import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.syscalls.SyscallSet;
import java.util.List;

/**
 * A validated pipeline, ready to run: which processes (condition), which syscalls, how to
 * publish them, and to which exporters.
 */
public record PipelineDefinition(
    String id,
    Condition condition,
    SyscallSet syscalls,
    boolean compact,
    MetaSelection meta,
    List<String> exporterIds) {

  public PipelineDefinition {
    exporterIds = List.copyOf(exporterIds);
  }
}
