package io.sysotel.collector.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sysotel} command. Exit codes: 0 ok, 2 bad input, 3 environment. */
@Command(
    name = "sysotel",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Traces Linux syscalls with eBPF and exports them as JSON or OpenTelemetry logs.",
    subcommands = {RunCommand.class, ValidateCommand.class, SyscallsCommand.class, DirectiveCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static final int OK = 0;
  public static final int BAD_INPUT = 2;
  public static final int ENVIRONMENT = 3;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code, without exiting. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, writing to the given streams (for tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("sysotel: " + e.getMessage());
      e.getCommandLine().getErr().println("Try 'sysotel " + e.getCommandLine().getCommandName() + " --help'.");
      return BAD_INPUT;
    });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sysotel " + (v == null ? "(development build)" : v)};
    }
  }
}
