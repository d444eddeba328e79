package io.sysotel.collector.demo;

import java.io.PrintStream;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * libc calls made on the calling thread, each reported as one line {@code name=result}, or
 * {@code name=-1 errno=N (text)} when it fails. A failed call is reported and never thrown: the
 * attempt is what the demo shows.
 */
final class Calls {

  static final int MCL_CURRENT = 1;
  static final int MCL_ONFAULT = 4;
  static final int SIGKILL = 9;
  static final int AF_INET = 2;
  static final int SOCK_RAW = 3;
  static final int IPPROTO_ICMP = 1;
  static final int IPPROTO_IP = 0;
  static final int IP_TTL = 2;
  static final int CLONE_NEWUTS = 0x04000000;
  private static final int PR_SET_NAME = 15;
  private static final int PTRACE_SEIZE = 0x4206;
  private static final int O_RDONLY_CLOEXEC = 0x80000;
  private static final int SOCKADDR_IN_SIZE = 16;

  private final DemoLibC libc;
  private final Runtime runtime;
  private final PrintStream out;
  private final SetuidNumbers setuid;
  private final Pointer intValue;
  private final Pointer sockaddr;

  private Calls(DemoLibC libc, PrintStream out) {
    this.libc = libc;
    this.runtime = Runtime.getRuntime(libc);
    this.out = out;
    this.setuid = SetuidNumbers.forArch(System.getProperty("os.arch"));
    // Allocated now: jnr starts a cleaner thread on first use, which would inherit a later name.
    this.intValue = allocate(Integer.BYTES);
    this.sockaddr = allocate(SOCKADDR_IN_SIZE);
  }

  static Calls load(PrintStream out) {
    return new Calls(LibraryLoader.create(DemoLibC.class).failImmediately().load("c"), out);
  }

  int pid() {
    return libc.getpid();
  }

  int uid() {
    return libc.getuid();
  }

  int euid() {
    return libc.geteuid();
  }

  int egid() {
    return libc.getegid();
  }

  Pointer allocate(int size) {
    return Memory.allocateDirect(runtime, size, true);
  }

  /** Names the calling thread (its comm, at most 15 bytes); conditions on process.name see it. */
  long setThreadName(String name) {
    return report("prctl", libc.prctl(PR_SET_NAME, name, 0, 0, 0));
  }

  long chown(String path, int owner, int group) {
    return report("chown", libc.chown(path, owner, group));
  }

  long mlockall(int flags) {
    return report("mlockall", libc.mlockall(flags));
  }

  long munlockall() {
    return report("munlockall", libc.munlockall());
  }

  long mlock(Pointer address, long length) {
    return report("mlock", libc.mlock(address, length));
  }

  long munlock(Pointer address, long length) {
    return report("munlock", libc.munlock(address, length));
  }

  long kill(int pid, int signal) {
    return report("kill", libc.kill(pid, signal));
  }

  long socket(int domain, int type, int protocol) {
    return report("socket", libc.socket(domain, type, protocol));
  }

  long setsockopt(int fd, int level, int name, int value) {
    intValue.putInt(0, value);
    return report("setsockopt", libc.setsockopt(fd, level, name, intValue, Integer.BYTES));
  }

  /** Binds to an IPv4 address, port 0 (any free port). */
  long bind(int fd, byte[] ipv4) {
    sockaddr.putShort(0, (short) AF_INET); // sin_family is in host order, sin_port 0
    sockaddr.put(4, ipv4, 0, 4); // sin_addr in network order: the bytes as written
    return report("bind", libc.bind(fd, sockaddr, SOCKADDR_IN_SIZE));
  }

  long openReadOnly(String path) {
    return report("open", libc.open(path, O_RDONLY_CLOEXEC));
  }

  long close(int fd) {
    return report("close", libc.close(fd));
  }

  long chroot(String path) {
    return report("chroot", libc.chroot(path));
  }

  long setns(int fd, int nstype) {
    return report("setns", libc.setns(fd, nstype));
  }

  /** Attaches without stopping the tracee (PTRACE_SEIZE with no options). */
  long ptraceSeize(int pid) {
    return report("ptrace", libc.ptrace(PTRACE_SEIZE, pid, null, null));
  }

  long setuid(int uid) {
    long rc = setuid.known() ? libc.syscall(setuid.setuid, uid, 0) : libc.setuid(uid);
    return report("setuid", rc);
  }

  long setreuid(int ruid, int euid) {
    long rc = setuid.known() ? libc.syscall(setuid.setreuid, ruid, euid) : libc.setreuid(ruid, euid);
    return report("setreuid", rc);
  }

  private long report(String name, long rc) {
    if (rc == -1) {
      int errno = runtime.getLastError(); // read first: the next native call may replace it
      out.println(name + "=-1 errno=" + errno + " (" + libc.strerror(errno) + ")");
    } else {
      out.println(name + "=" + rc);
    }
    return rc;
  }

  /**
   * Syscall numbers of setuid and setreuid. glibc's wrappers make every thread of the process
   * repeat the call (POSIX wants process-wide ids), so the raw syscall keeps it on one thread.
   */
  private static final class SetuidNumbers {
    final long setuid;
    final long setreuid;

    private SetuidNumbers(long setuid, long setreuid) {
      this.setuid = setuid;
      this.setreuid = setreuid;
    }

    static SetuidNumbers forArch(String arch) {
      switch (arch) {
        case "amd64":
        case "x86_64":
          return new SetuidNumbers(105, 113);
        case "aarch64":
          return new SetuidNumbers(146, 145);
        default:
          return new SetuidNumbers(-1, -1);
      }
    }

    boolean known() {
      return setuid >= 0;
    }
  }
}
