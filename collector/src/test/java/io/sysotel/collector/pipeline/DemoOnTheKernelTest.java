package io.sysotel.collector.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.conditions.Condition;
import io.sysotel.collector.demo.Simulation;
import io.sysotel.collector.kernel.SysotelProgram;
import io.sysotel.collector.metadata.Metadata;
import io.sysotel.collector.syscalls.SyscallSet;
import io.sysotel.collector.syscalls.SyscallTable;
import io.sysotel.collector.testing.CollectingExporterFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each demo simulation, run by a pipeline that traces the syscalls of every simulation from
 * the simulator's thread, yields events of exactly its own syscalls. Needs root.
 */
@Tag("root")
class DemoOnTheKernelTest {

  private static final SyscallTable TABLE = SyscallTable.x86_64();

  @BeforeEach
  void clear() {
    CollectingExporterFactory.clear();
  }

  @ParameterizedTest
  @EnumSource(Simulation.class)
  void aSimulationYieldsExactlyItsSyscalls(Simulation simulation) throws Exception {
    int[] everySimulatedCall = Simulation.ALL.syscalls().stream()
        .mapToInt(name -> TABLE.byName(name).orElseThrow().number())
        .toArray();
    PipelineDefinition pipeline = new PipelineDefinition("demo", Condition.parse("process.name:sysotel-demo"),
        SyscallSet.of(everySimulatedCall), false, MetaSelection.ALL, List.of("collect"),
        simulation, Duration.ofHours(1));
    Set<String> seen;
    Collector collector = Collector.start(
        new Collector.Settings("test", "agent", "instance", SysotelProgram.Settings.defaults(), 65536, 1024, Metadata.Settings.off()),
        List.of(new ExporterDefinition("collect", "collect", Map.of())), List.of(pipeline), new MetricRegistry());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      do {
        Thread.sleep(100);
        seen = functions(CollectingExporterFactory.records("demo"));
      } while (!seen.containsAll(simulation.syscalls()) && System.nanoTime() < deadline);
      Thread.sleep(500); // a run takes well under a second; nothing else may follow
    } finally {
      collector.close();
    }
    seen = functions(CollectingExporterFactory.records("demo"));
    assertEquals(new TreeSet<>(simulation.syscalls()), seen, simulation.id());
    assertTrue(CollectingExporterFactory.records("demo").stream()
        .allMatch(r -> r.process().name().equals("sysotel-demo")));
  }

  private static Set<String> functions(List<SyscallRecord> records) {
    return records.stream().map(SyscallRecord::function).collect(Collectors.toCollection(TreeSet::new));
  }
}
