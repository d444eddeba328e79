package io.sysotel.collector.pipeline;

/**
 * Every metric name the collector registers, in one place. Documented in
 * docs/CONFIGURATION.md ("Metrics").
 */
public final class MetricNames {

  private MetricNames() {}

  public static final String PREFIX = "sysotel";

  // Kernel, for all pipelines together.
  public static final String KERNEL_SEEN = "sysotel.kernel.seen";
  public static final String KERNEL_FILTERED = "sysotel.kernel.filtered";
  public static final String KERNEL_SUBMITTED = "sysotel.kernel.submitted";
  public static final String KERNEL_LOST = "sysotel.kernel.lost";
  public static final String KERNEL_WAKEUPS = "sysotel.kernel.wakeups";

  // Reader.
  public static final String DECODED = "sysotel.reader.decoded";
  public static final String USER_FILTERED = "sysotel.reader.filtered";
  public static final String UNROUTED = "sysotel.reader.unrouted";
  /** Ring records too short for an event or of an unknown type: skipped, never decoded. */
  public static final String MALFORMED = "sysotel.reader.malformed";
  public static final String CONDITION_EVALUATIONS = "sysotel.conditions.evaluations";
  public static final String PROCESS_CACHE_SIZE = "sysotel.process_cache.size";

  // Container and pod metadata.
  /** Events held while their container's metadata was coming. */
  public static final String METADATA_HELD = "sysotel.metadata.held";
  /** Held events that went on with their metadata complete. */
  public static final String METADATA_RESOLVED_LATE = "sysotel.metadata.resolved_late";
  /** Events of a container that went on without all of its metadata (a source never answered in time). */
  public static final String METADATA_MISSING = "sysotel.metadata.missing";

  // Per pipeline and per exporter, suffixes.
  public static final String MATCHED = "matched";
  public static final String EXPORTED = "exported";
  public static final String FAILED = "failed";
  public static final String LOST = "lost";
  public static final String DROPPED = "dropped";
  public static final String QUEUED = "queued";
  public static final String LATENCY = "latency";

  public static String pipeline(String pipelineId, String what) {
    return "sysotel.pipeline." + pipelineId + "." + what;
  }

  public static String exporter(String exporterId, String what) {
    return "sysotel.exporter." + exporterId + "." + what;
  }

  public static String kernelLostOnCpu(int cpu) {
    return KERNEL_LOST + ".cpu" + cpu;
  }
}
