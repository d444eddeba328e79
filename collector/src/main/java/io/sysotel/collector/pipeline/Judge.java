package io.sysotel.collector.pipeline;

import com.codahale.metrics.Counter;
import io.sysotel.collector.conditions.Subject;
import io.sysotel.collector.kernel.KernelEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Decides which pipelines' conditions hold for a thread in a given state, once per state: the
 * verdict is remembered here and written to the kernel, which from then on filters that thread
 * without waking user space.
 */
final class Judge {

  /** Where verdicts go besides this cache: the kernel's verdict map. */
  interface VerdictSink {
    void put(int tid, KernelEvent.ProcessState state, long match, long generation);
  }

  private record Verdict(KernelEvent.ProcessState state, long generation, long match, long cgroupId) {}

  private final VerdictSink sink;
  private final Counter evaluations;
  private final Map<Integer, Verdict> byThread;

  Judge(VerdictSink sink, Counter evaluations, int maxThreads) {
    this.sink = sink;
    this.evaluations = evaluations;
    this.byThread = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Verdict> eldest) {
        return size() > maxThreads;
      }
    };
  }

  /** The mask of pipelines whose condition holds for the event's thread in its state. */
  long decide(KernelEvent event, Subject subject, PipelineSet set) {
    Verdict known = byThread.get(event.tid());
    if (known != null && known.generation == set.generation() && known.state.equals(event.state())) {
      return known.match;
    }
    long match = 0;
    for (Pipeline p : set.pipelines()) {
      evaluations.inc();
      if (p.condition.test(subject)) {
        match |= p.mask();
      }
    }
    byThread.put(event.tid(), new Verdict(event.state(), set.generation(), match, event.cgroupId()));
    sink.put(event.tid(), event.state(), match, set.generation());
    return match;
  }

  /** True when a verdict was given for a thread in one of these cgroups (whose metadata changed). */
  boolean judgedAny(LongPredicate cgroupIds) {
    for (Verdict v : byThread.values()) {
      if (cgroupIds.test(v.cgroupId)) {
        return true;
      }
    }
    return false;
  }
}
