package io.sysotel.collector.config;

import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.kernel.SysotelProgram;
import io.sysotel.collector.pipeline.ExporterDefinition;
import io.sysotel.collector.pipeline.PipelineDefinition;
import io.sysotel.collector.task.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A validated configuration file: the service settings, exporters and pipelines. */
public record CollectorConfig(Service service, List<ExporterDefinition> exporters, List<Pipeline> pipelines) {

  public CollectorConfig {
    exporters = List.copyOf(exporters);
    pipelines = List.copyOf(pipelines);
  }

  /**
   * The {@code service:} section. {@code adminState} is the file that keeps directives
   * subscribed over the admin socket across restarts, or null to keep them in memory only.
   */
  public record Service(
      String name,
      Path adminSocket,
      Path adminState,
      Duration metricsInterval,
      List<String> metricsExporters,
      String prometheus,
      int ringBufferBytes,
      int wakeupBytes) {

    public static final String DEFAULT_NAME = "sysotel";
    public static final Path DEFAULT_ADMIN_SOCKET = Path.of("/run/sysotel/admin.sock");
    public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_RING_BUFFER_BYTES = SysotelProgram.DEFAULT_RING_BYTES;
    public static final int DEFAULT_WAKEUP_BYTES = SysotelProgram.DEFAULT_WAKEUP_BYTES;

    public static Service defaults() {
      return new Service(DEFAULT_NAME, DEFAULT_ADMIN_SOCKET, null, DEFAULT_METRICS_INTERVAL, List.of(), null,
          DEFAULT_RING_BUFFER_BYTES, DEFAULT_WAKEUP_BYTES);
    }
  }

  /** One entry of {@code pipelines:}, with the condition as written. */
  public record Pipeline(String id, String conditionText, Condition condition, TaskSpec task, List<String> exporters) {
    public Pipeline {
      exporters = List.copyOf(exporters);
    }

    public PipelineDefinition definition() {
      return new PipelineDefinition(id, condition, task.syscalls(), task.compact(), task.meta(), exporters,
          task.demo(), task.demoInterval());
    }
  }
}
