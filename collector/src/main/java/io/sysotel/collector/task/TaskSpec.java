package io.sysotel.collector.task;

import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.demo.Simulation;
import io.sysotel.collector.syscalls.SyscallSet;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code syscalls} task: which syscalls to trace and how to publish them. The one-line
 * form and the YAML form of the same options give equal specs.
 *
 * @param syscalls every syscall number to trace: the functions, the capabilities' functions, or
 *     the whole table for {@code ALL}
 * @param all whether {@code functions} said {@code ALL}
 * @param functions the syscall names requested (listed, or read from a file or stdin), in the
 *     order given, without {@code ALL} and duplicates
 * @param capabilities the capability shorthands, as canonical names such as {@code CAP_NET_RAW}
 * @param compact whether events leave out the arguments
 * @param meta the process, container and pod fields to publish
 * @param demo the simulation to run in the background, or null for none
 * @param demoInterval the pause between two simulations
 * @param limits how much of strings, buffers and arrays the kernel reads
 */
public record TaskSpec(
    SyscallSet syscalls,
    boolean all,
    List<String> functions,
    List<String> capabilities,
    boolean compact,
    MetaSelection meta,
    Simulation demo,
    Duration demoInterval,
    ArgumentLimits limits) {

  public static final Duration DEFAULT_DEMO_INTERVAL = Duration.ofSeconds(10);

  public TaskSpec {
    Objects.requireNonNull(syscalls, "syscalls");
    functions = List.copyOf(functions);
    capabilities = List.copyOf(capabilities);
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(limits, "limits");
    if (demoInterval.isNegative() || demoInterval.isZero()) {
      throw new IllegalArgumentException("demoInterval must be positive: " + demoInterval);
    }
  }
}
