package io.sysotel.exporters.otlp;

import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.ExportBatch;
import io.sysotel.collector.api.MetaSelection;
import io.sysotel.collector.api.PodInfo;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.api.SyscallRecord;
import io.sysotel.collector.api.UserBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records and batches for the OTLP tests. */
final class OtlpRecords {

  static final Source SOURCE = new Source("net-raw", "node-1", "run-42", "syscalls", "agent-7");

  static final long TIME = nanos("2023-12-11T22:03:59.277299703Z");
  static final long STARTED = nanos("2023-12-11T21:04:00.654321Z");

  static final ProcessInfo IN_POD =
      new ProcessInfo(
          1644020,
          1643994,
          "simulator",
          "/app/simulator -sims webfetch",
          "/app/simulator",
          "4-4026533309",
          STARTED,
          new ContainerInfo("780f159f59c7", "/minikube", Map.of("tier", "web")),
          new PodInfo("6b1f-uid", "web-0", "default", Map.of("app", "web", "env", "prod")));

  static final ProcessInfo BARE = new ProcessInfo(77, 1, "curl", null, null, null, 0, null, null);

  private static final String[] WRITE_ARGS = {"fd", "buf", "count"};

  private OtlpRecords() {}

  /** {@code write(fd=1, buf=94251629957120, count=1)} as the kernel reports it. */
  static SyscallRecord rawWrite(ProcessInfo process, long time) {
    return new SyscallRecord(time, 1644021, 1, "write",
        new Arguments(WRITE_ARGS, new long[] {1, 94251629957120L, 1}), process);
  }

  /** {@code write(fd=1, buf="+\0", count=2)} decoded from the kernel's capture. */
  static SyscallRecord decodedWrite(ProcessInfo process) {
    return new SyscallRecord(TIME, 1644021, 1, "write", new Arguments(WRITE_ARGS, new long[] {1, 94251629957120L, 2},
        new Object[] {null, new UserBytes(new byte[] {'+', 0}, false, 2), null}), process);
  }

  static SyscallRecord textWrite(ProcessInfo process) {
    return new SyscallRecord(TIME, 1644021, 1, "write",
        List.of(new Argument("fd", 1L), new Argument("buf", "+"), new Argument("count", 1L)), process);
  }

  static ExportBatch batch(SyscallRecord... records) {
    return new ExportBatch(SOURCE, MetaSelection.ALL, false, List.of(records));
  }

  /** {@code n} raw writes of {@code process}, timestamps TIME, TIME+1, ... */
  static ExportBatch numbered(ProcessInfo process, int n) {
    List<SyscallRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(rawWrite(process, TIME + i));
    }
    return new ExportBatch(SOURCE, MetaSelection.ALL, false, out);
  }

  static long nanos(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
