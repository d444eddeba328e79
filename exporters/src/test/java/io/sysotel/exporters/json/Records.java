package io.sysotel.exporters.json;

import io.sysotel.collector.api.Argument;
import io.sysotel.collector.api.ContainerInfo;
import io.sysotel.collector.api.ProcessInfo;
import io.sysotel.collector.api.Source;
import io.sysotel.collector.api.SyscallRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The seed's sample message as records, and helpers to vary it. */
final class Records {

  static final Source SOURCE =
      new Source("clroeh9eo0msn9golhkg", "8e77aad68513", "clroefpeo0msnck6dus0", "syscalls", "cfr7vtqm49rliqd1vs0g");

  static final ProcessInfo SIMULATOR =
      new ProcessInfo(
          1644020,
          1643994,
          "simulator",
          "/app/simulator -sims webfetch -loop",
          "/app/simulator",
          "4-4026533309",
          nanos("2023-12-11T21:04:00.654321Z"), // startedAt drops the fraction
          new ContainerInfo(
              "780f159f59c75b09da4103566b39d3ea3793beb20a11d0e8e1056637036472fe", "/minikube", Map.of()),
          null);

  static final long TIME = nanos("2023-12-11T22:03:59.277299703Z");

  private Records() {}

  static SyscallRecord write(ProcessInfo process) {
    return new SyscallRecord(
        TIME,
        process.pid(),
        1,
        "write",
        List.of(new Argument("fd", 1L), new Argument("buf", "+"), new Argument("count", 1L)),
        process);
  }

  static SyscallRecord numbered(long n) {
    return new SyscallRecord(TIME + n, 1, 1, "write", List.of(new Argument("n", n)), SIMULATOR);
  }

  static long nanos(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
