package io.sysotel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The capabilities the chart grants (values.yaml {@code capabilities}) are enough, and each is
 * needed: sysotel runs as root with exactly that bounding set (as in the pod: uid 0, every other
 * capability dropped) and traces a process of another user with its full metadata; without
 * any one of them it cannot load the program or cannot read that process's executable.
 */
@Tag("root")
class CapabilitiesTest {

  private static List<String> granted() {
    List<String> caps = new ArrayList<>();
    for (JsonNode c : Chart.values().path("capabilities")) {
      caps.add(c.asText());
    }
    return caps;
  }

  /** setpriv keeping only {@code caps} (Kubernetes names, without CAP_) in every set of root. */
  private static List<String> only(List<String> caps) {
    StringBuilder set = new StringBuilder("-all");
    caps.forEach(c -> set.append(",+").append(c.toLowerCase(Locale.ROOT)));
    return List.of("setpriv", "--bounding-set=" + set, "--inh-caps=-all");
  }

  /** A shell under a name of its own, run as nobody, opening /dev/null ten times a second. */
  private static Process probe(Path dir) throws IOException {
    Path shell = dir.resolve("capprobe");
    Files.copy(Path.of("/bin/dash"), shell);
    Files.setPosixFilePermissions(shell, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", shell.toString(), "-c",
        "while :; do : < /dev/null; sleep 0.1; done").start();
  }

  record Outcome(boolean traced, int exit, String stdout, String stderr) {}

  private static Outcome trace(List<String> caps) throws Exception {
    Path dir = Files.createTempDirectory("capprobe");
    Process probe = probe(dir);
    try (Cli.Running sysotel = Cli.start(only(caps), "run", "-c", "process.name:capprobe",
        "-t", "syscalls|functions:openat")) {
      boolean traced = sysotel.awaitTracing();
      if (traced) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sysotel.stdout().lines().count() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        Outcome o = new Outcome(true, sysotel.stop(), sysotel.stdout(), sysotel.stderr());
        assertTrue(sysotel.nothingAttached(), "nothing attached after exit");
        return o;
      }
      Outcome o = new Outcome(false, sysotel.await(), sysotel.stdout(), sysotel.stderr());
      assertTrue(sysotel.nothingAttached(), "nothing attached after a failed start");
      return o;
    } finally {
      probe.destroyForcibly().waitFor();
    }
  }

  private static String firstEvent(Outcome o) {
    return o.stdout().lines().findFirst().orElseThrow(() -> new AssertionError("no event:\n" + o.stderr()));
  }

  @Test
  void theGrantedCapabilitiesTraceAnotherUsersProcessWithItsMetadata() throws Exception {
    Outcome o = trace(granted());
    assertTrue(o.traced(), o.stderr());
    assertEquals(0, o.exit(), o.stderr());
    String event = firstEvent(o);
    assertTrue(event.contains("\"function\":\"openat\""), event);
    assertTrue(event.contains("\"exe\":\"/tmp/capprobe"), "the executable, read through /proc/PID/exe: " + event);
    assertTrue(event.contains("\"cmd\":\"/tmp/capprobe"), event);
  }

  @Test
  void eachGrantedCapabilityIsNeeded() throws Exception {
    List<String> all = granted();
    for (String dropped : all) {
      List<String> fewer = new ArrayList<>(all);
      fewer.remove(dropped);
      Outcome o = trace(fewer);
      if (o.traced()) {
        assertEquals(0, o.exit(), o.stderr());
        assertFalse(firstEvent(o).contains("\"exe\":"), "without " + dropped + " the executable is still read ("
            + firstEvent(o) + "), so the chart need not grant " + dropped);
      } else {
        assertEquals(3, o.exit(), "without " + dropped + ": " + o.stderr());
        assertTrue(o.stderr().contains("not permitted to load BPF programs"), o.stderr());
      }
    }
  }
}
