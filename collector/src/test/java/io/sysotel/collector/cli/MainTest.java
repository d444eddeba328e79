package io.sysotel.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers that need no kernel: listing, validation, bad input. */
class MainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void syscallsListsEverySyscallWithItsArgumentNames() {
    assertEquals(0, run("syscalls"));
    assertTrue(out.toString().contains("  0  read(fd, buf, count)"), out.toString().lines().findFirst().orElse(""));
    assertTrue(out.toString().contains(" 59  execve(filename, argv, envp)"));
    assertTrue(out.toString().contains("# CAP_NET_RAW: socket, sendto, recvfrom, recvmsg, bind, setsockopt, ioctl"));
  }

  @Test
  void syscallsOfACapabilityShorthand() {
    assertEquals(0, run("syscalls", "--capability", "net_raw"));
    assertTrue(out.toString().startsWith("# CAP_NET_RAW stands for:"), out.toString());
    assertEquals(8, out.toString().lines().count());
  }

  @Test
  void anUnsupportedCapabilityExits2ListingTheSupportedOnes() {
    assertEquals(2, run("syscalls", "--capability", "CAP_SYS_ADMIN"));
    assertTrue(err.toString().contains("CAP_NET_RAW"), err.toString());
  }

  @Test
  void validateReportsAnExporterTypeThisBuildLacks(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(f, """
        pipelines:
          p:
            condition: process.name:curl
            task: "syscalls|functions:read"
            exporters: [stdout]
        exporters:
          stdout: {}
        """);
    // The collector module has no exporters on its class path: stdout is unknown here.
    assertEquals(2, run("validate", "--config", f.toString()));
    assertTrue(err.toString().contains(f + ":7:3: unknown exporter type \"stdout\""), err.toString());
  }

  @Test
  void unknownOptionsExit2() {
    assertEquals(2, run("run", "--bogus"));
    assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
  }

  @Test
  void runWithConfigAndConditionTogetherExits2() {
    assertEquals(2, run("run", "--config", "x.yaml", "-c", "process.name:curl"));
    assertTrue(err.toString().contains("--config cannot be combined"), err.toString());
  }

  @Test
  void aBadConditionExits2WithACaret() {
    assertEquals(2, run("run", "-c", "process.name:curl AND", "-t", "syscalls|functions:read"));
    assertTrue(err.toString().contains("^"), err.toString());
  }

  @Test
  void everySubcommandHasHelp() {
    for (String command : new String[] {"run", "validate", "syscalls"}) {
      assertEquals(0, run(command, "--help"), err.toString());
      assertTrue(out.toString().contains("Usage: sysotel " + command), out.toString());
    }
  }
}
