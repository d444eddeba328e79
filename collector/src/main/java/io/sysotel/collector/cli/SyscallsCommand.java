package io.sysotel.collector.cli;

import io.sysotel.collector.syscalls.CapabilityShorthands;
import io.sysotel.collector.syscalls.Syscall;
import io.sysotel.collector.syscalls.SyscallArg;
import io.sysotel.collector.syscalls.SyscallTable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sysotel syscalls [--capability CAP]}: the syscalls this build knows, with argument names. */
@Command(name = "syscalls", mixinStandardHelpOptions = true,
    description = "List the syscalls known on this machine, with their arguments,"
    + " and the capability shorthands.")
final class SyscallsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--capability", paramLabel = "CAP",
      description = "Only the syscalls a capability shorthand stands for, e.g. CAP_NET_RAW.")
  String capability;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SyscallTable table = SyscallTable.x86_64();
    if (capability != null) {
      var shorthand = CapabilityShorthands.lookup(capability);
      if (shorthand.isEmpty()) {
        spec.commandLine().getErr().println("sysotel: " + CapabilityShorthands.unsupported(capability).getMessage());
        return Main.BAD_INPUT;
      }
      out.println("# " + shorthand.get().capability() + " stands for:");
      for (String name : shorthand.get().functions()) {
        out.println(line(table.byName(name).orElseThrow()));
      }
      return Main.OK;
    }
    for (Syscall s : table.all()) {
      out.println(line(s));
    }
    out.println();
    out.println("# capability shorthands (task option capabilities:)");
    for (CapabilityShorthands.Shorthand s : CapabilityShorthands.all()) {
      out.println("# " + s.capability() + ": " + String.join(", ", s.functions()));
    }
    return Main.OK;
  }

  private static String line(Syscall s) {
    String args = s.args().stream().map(SyscallArg::name).collect(Collectors.joining(", "));
    String types = s.args().stream().map(a -> a.type() + " " + a.name()).collect(Collectors.joining(", "));
    return String.format("%3d  %s(%s)    %s", s.number(), s.name(), args, types.isEmpty() ? "void" : types);
  }
}
