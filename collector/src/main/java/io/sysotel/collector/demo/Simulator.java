package io.sysotel.collector.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.ffi.Pointer;

/**
 * The child process of a demo run: {@code java -cp <class path> io.sysotel.collector.demo.Simulator
 * <simulation>}. It names its main thread {@value #THREAD_NAME} and then makes every simulated
 * syscall from that thread, so {@code process.name:sysotel-demo} selects them. Each call prints
 * one line {@code name=result}; before the calls it prints {@code comm=} and {@code tid=} of the
 * calling thread. A call that fails for lack of privilege is still made and reported.
 *
 * <p>Every call acts only on what this process owns, and undoes what it did:
 *
 * <ul>
 *   <li>cap_chown: chown of a temporary file it created to its own euid/egid; the file is then
 *       deleted.
 *   <li>cap_ipc_lock: {@code mlockall(MCL_CURRENT | MCL_ONFAULT)} then munlockall, and mlock then
 *       munlock of one page of its own. MCL_ONFAULT keeps mlockall from faulting in the JVM's
 *       whole address space; nothing stays locked.
 *   <li>cap_kill: SIGKILL to a {@code sleep} child it started (signal 0 to itself if none could be).
 *   <li>cap_net_raw: a raw ICMP socket (AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_TTL set to 64, bound
 *       to 127.0.0.1, closed. Nothing is sent.
 *   <li>cap_setuid: setuid and setreuid to the uids it already has, so no id changes. They are raw
 *       syscalls: glibc's wrappers would repeat them on every thread of the JVM.
 *   <li>cap_sys_chroot: chroot("/"), which resolves to the root it already has, and setns into the
 *       UTS namespace the thread is already in (through /proc/thread-self/ns/uts).
 *   <li>cap_sys_ptrace: PTRACE_SEIZE of a {@code sleep} child it started (the tracee is never
 *       stopped), which is then killed. Not PTRACE_TRACEME: a traced JVM stops on its own signals.
 *       With no child it tries its own pid, which the kernel refuses.
 * </ul>
 *
 * <p>The temporary file and the children are made before the thread is renamed, so their setup
 * is not part of the demo; the children are killed and reaped before the simulator exits.
 */
public final class Simulator {

  /** The thread's comm during the calls; 15 bytes at most, the kernel's limit. */
  public static final String THREAD_NAME = "sysotel-demo";

  private static final byte[] LOOPBACK = {127, 0, 0, 1};
  private static final int TTL = 64;
  private static final int PAGE = 4096;

  private final Calls calls;
  private final Scratch scratch;
  private final Pointer page;

  private Simulator(Calls calls, Scratch scratch) {
    this.calls = calls;
    this.scratch = scratch;
    this.page = calls.allocate(PAGE); // before the rename, like the buffers of Calls
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: Simulator <simulation>");
      System.exit(2);
    }
    Simulation simulation;
    try {
      simulation = Simulation.parse(args[0]);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Calls calls = Calls.load(System.out); // binds libc before the rename: not part of the demo
    try (Scratch scratch = Scratch.prepare(simulation.parts())) {
      Simulator simulator = new Simulator(calls, scratch);
      String original = threadName();
      calls.setThreadName(THREAD_NAME);
      System.out.println("comm=" + threadName());
      System.out.println("tid=" + threadId());
      for (Simulation part : simulation.parts()) {
        simulator.run(part);
      }
      // The cleanup (killing the children) is not part of the demo: done under the old name.
      calls.setThreadName(original);
    }
    System.out.flush();
  }

  private void run(Simulation simulation) {
    switch (simulation) {
      case CAP_CHOWN:
        calls.chown(scratch.file().toString(), calls.euid(), calls.egid());
        break;
      case CAP_IPC_LOCK:
        lockMemory();
        break;
      case CAP_KILL:
        if (scratch.victim().isPresent()) {
          calls.kill(scratch.victim().getAsInt(), Calls.SIGKILL);
        } else {
          calls.kill(calls.pid(), 0);
        }
        break;
      case CAP_NET_RAW:
        rawSocket();
        break;
      case CAP_SETUID:
        calls.setuid(calls.uid());
        calls.setreuid(calls.uid(), calls.euid());
        break;
      case CAP_SYS_CHROOT:
        calls.chroot("/");
        int ns = (int) calls.openReadOnly("/proc/thread-self/ns/uts");
        calls.setns(ns, Calls.CLONE_NEWUTS);
        if (ns >= 0) {
          calls.close(ns);
        }
        break;
      case CAP_SYS_PTRACE:
        calls.ptraceSeize(scratch.tracee().orElse(calls.pid()));
        break;
      default:
        throw new IllegalArgumentException("not a single simulation: " + simulation);
    }
  }

  private void lockMemory() {
    if (calls.mlockall(Calls.MCL_CURRENT | Calls.MCL_ONFAULT) == 0) {
      calls.munlockall();
    }
    if (calls.mlock(page, PAGE) == 0) {
      calls.munlock(page, PAGE);
    }
  }

  private void rawSocket() {
    int fd = (int) calls.socket(Calls.AF_INET, Calls.SOCK_RAW, Calls.IPPROTO_ICMP);
    calls.setsockopt(fd, Calls.IPPROTO_IP, Calls.IP_TTL, TTL);
    calls.bind(fd, LOOPBACK);
    if (fd >= 0) {
      calls.close(fd);
    }
  }

  /** The calling thread's comm as the kernel has it. */
  private static String threadName() {
    try {
      return Files.readString(Path.of("/proc/thread-self/comm"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  /** The calling thread's id: /proc/thread-self links to {@code <pid>/task/<tid>}. */
  private static String threadId() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    } catch (IOException e) {
      return "?";
    }
  }
}
