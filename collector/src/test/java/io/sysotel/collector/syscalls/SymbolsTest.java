package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are strace 6.1's output for the same values. */
class SymbolsTest {

  private static Object render(String set, long value) {
    return Symbols.render(set, value, new long[] {2});
  }

  @Test
  void openFlags() {
    assertEquals("O_RDONLY", render("open", 0));
    assertEquals("O_RDONLY|O_CLOEXEC", render("open", 02000000));
    assertEquals("O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC", render("open", 01 | 0100 | 01000 | 02000000));
    assertEquals("O_RDWR|O_APPEND|O_NONBLOCK", render("open", 02 | 02000 | 04000));
    assertEquals("O_RDONLY|O_DIRECTORY", render("open", 0200000));
    assertEquals("O_RDWR|O_TMPFILE", render("open", 02 | 020200000));
    assertEquals("O_WRONLY|O_SYNC", render("open", 01 | 04010000));
    assertEquals("O_RDONLY|0x40000000", render("open", 0x40000000));
  }

  @Test
  void memoryProtectionAndMappingFlags() {
    assertEquals("PROT_NONE", render("prot", 0));
    assertEquals("PROT_READ|PROT_WRITE", render("prot", 3));
    assertEquals("PROT_READ|PROT_EXEC", render("prot", 5));
    assertEquals("MAP_PRIVATE|MAP_ANONYMOUS", render("mmap", 0x22));
    assertEquals("MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE", render("mmap", 0x812));
    assertEquals("MAP_SHARED", render("mmap", 1));
  }

  @Test
  void socketsCloneAndAccess() {
    assertEquals("AF_INET6", render("family", 10));
    assertEquals("AF_UNIX", render("family", 1));
    assertEquals("SOCK_STREAM|SOCK_CLOEXEC", render("socktype", 1 | 02000000));
    assertEquals("SOCK_DGRAM|SOCK_NONBLOCK", render("socktype", 2 | 04000));
    assertEquals("IPPROTO_TCP", Symbols.render("protocol", 6, new long[] {2, 1, 6}));
    assertEquals("0", Symbols.render("protocol", 0, new long[] {1, 2, 0}));
    assertEquals("CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD", render("clone", 0x01200011));
    assertEquals("CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS"
        + "|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID", render("clone", 0x3d0f00));
    assertEquals("F_OK", render("access", 0));
    assertEquals("R_OK|W_OK", render("access", 6));
  }

  @Test
  void unknownBitsAloneCarryStraceNote() {
    assertEquals("0x10 /* PROT_??? */", render("prot", 0x10));
    assertEquals("PROT_READ|0x10", render("prot", 0x11));
    assertEquals("SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK", render("socktype", 1 | 02000000 | 04000));
  }

  @Test
  void seekWhenceAndFcntlCommands() {
    assertEquals("SEEK_SET", render("whence", 0));
    assertEquals("SEEK_END", render("whence", 2));
    assertEquals("SEEK_HOLE", render("whence", 4));
    assertEquals("0x5 /* SEEK_??? */", render("whence", 5));
    assertEquals("0x7 /* SEEK_??? */", render("whence", 7));
    assertEquals("F_DUPFD", render("fcntl", 0));
    assertEquals("F_GETFL", render("fcntl", 3));
    assertEquals("F_DUPFD_CLOEXEC", render("fcntl", 1030));
    assertEquals("0x63 /* F_??? */", render("fcntl", 99));
    assertEquals("CLOCK_MONOTONIC", render("clock", 1));
    assertEquals("CLOCK_SGI_CYCLE", render("clock", 10));
    assertEquals("F_SETLKW64", render("fcntl", 14));
  }

  private static Object fcntl(long cmd, long arg) {
    return Symbols.render("fcntlarg", arg, new long[] {3, cmd, arg});
  }

  @Test
  void socketOptionsByLevel() {
    assertEquals("SOL_IP", Symbols.render("socklevel", 0, new long[] {3, 0}));
    assertEquals("0x4d /* SOL_?? */", Symbols.render("socklevel", 77, new long[] {3, 77}));
    assertEquals("IP_TTL", Symbols.render("sockopt", 2, new long[] {3, 0, 2}));
    assertEquals("SO_REUSEADDR", Symbols.render("sockopt", 2, new long[] {3, 1, 2}));
    assertEquals("TCP_NODELAY", Symbols.render("sockopt", 1, new long[] {3, 6, 1}));
    assertEquals("IPV6_V6ONLY", Symbols.render("sockopt", 26, new long[] {3, 41, 26}));
    assertEquals("0x3e7 /* SO_??? */", Symbols.render("sockopt", 999, new long[] {3, 1, 999}));
    assertEquals("0 /* IP_??? */", Symbols.render("sockopt", 0, new long[] {3, 0, 0}));
    assertEquals(5L, Symbols.render("sockopt", 5, new long[] {3, 77, 5}));
  }

  @Test
  void namespacesLocksAndPtraceRequests() {
    assertEquals("CLONE_NEWUTS", render("setns", 0x4000000));
    assertEquals("CLONE_NEWPID|CLONE_NEWNET", render("setns", 0x60000000));
    assertEquals("0x1 /* CLONE_NEW??? */", render("setns", 1));
    assertEquals("0", render("setns", 0));
    assertEquals("CLONE_NEWTIME|CLONE_FILES|CLONE_NEWNS|CLONE_NEWUSER", render("unshare", 0x10020480));
    assertEquals("CLONE_FILES|CLONE_NEWNS|CLONE_NEWUTS|0x2000", render("unshare", 0x4022400));
    assertEquals("0x1 /* CLONE_??? */", render("unshare", 1));
    assertEquals("MCL_CURRENT|MCL_ONFAULT", render("mlockall", 5));
    assertEquals("0x10 /* MCL_??? */", render("mlockall", 0x10));
    assertEquals("MLOCK_ONFAULT", render("mlock2", 1));
    assertEquals("0x6 /* MLOCK_??? */", render("mlock2", 6));
    assertEquals("PTRACE_SEIZE", render("ptrace", 0x4206));
    assertEquals("PTRACE_TRACEME", render("ptrace", 0));
    assertEquals("0x5000 /* PTRACE_??? */", render("ptrace", 0x5000));
    assertEquals("0xffffffffffffffff /* PTRACE_??? */", render("ptrace", -1));
  }

  @Test
  void fcntlArgumentAsItsCommandUsesIt() {
    assertEquals("FD_CLOEXEC", fcntl(2, 1));
    assertEquals("0", fcntl(2, 0));
    assertEquals("FD_CLOEXEC|0x2", fcntl(2, 3));
    assertEquals("0x2 /* FD_??? */", fcntl(2, 2));
    assertEquals("FD_CLOEXEC", fcntl(2, 0x100000001L));
    assertEquals("O_RDONLY|O_APPEND|O_NONBLOCK", fcntl(4, 06000));
    assertEquals("O_RDONLY", fcntl(4, 0));
    assertEquals("O_ACCMODE", fcntl(4, 3));
    assertEquals("O_RDONLY|O_NONBLOCK", fcntl(4, 0x100000800L));
    // numbers: F_SETOWN an int, F_DUPFD, F_DUPFD_CLOEXEC and F_SETPIPE_SZ the whole register
    assertEquals(-5L, fcntl(8, 0xfffffffbL));
    assertEquals(5L, fcntl(8, 0x100000005L));
    assertEquals(60L, fcntl(0, 60));
    assertEquals(4294967295L, fcntl(0, 0xffffffffL));
    assertEquals(-9223372036854775807L, fcntl(1030, 0x8000000000000001L));
    assertEquals(-1L, fcntl(1031, -1));
    // struct addresses, not read
    assertEquals("NULL", fcntl(5, 0));
    assertEquals("0x100000008", fcntl(6, 0x100000008L));
    assertEquals("0x8", fcntl(38, 8));
    assertEquals("0x8", fcntl(15, 8));
    assertEquals("SIGUSR1", fcntl(10, 10));
    assertEquals("SIGRT_2", fcntl(10, 0x100000022L));
    assertEquals("-1", fcntl(10, -1));
    assertEquals("F_RDLCK", fcntl(1024, 0));
    assertEquals("F_UNLCK", fcntl(1024, 2));
    assertEquals("F_SHLCK", fcntl(1024, 8));
    assertEquals("0x100000001 /* F_??? */", fcntl(1024, 0x100000001L));
    assertEquals("DN_ACCESS|DN_MODIFY|DN_MULTISHOT", fcntl(1026, 0x80000003L));
    assertEquals("0x40 /* DN_??? */", fcntl(1026, 0x40));
    assertEquals("DN_ACCESS|DN_MODIFY|DN_CREATE|DN_DELETE|DN_RENAME|DN_ATTRIB|DN_MULTISHOT|0x7fffffc0",
        fcntl(1026, 0xffffffffL));
    assertEquals("F_SEAL_SEAL|F_SEAL_WRITE", fcntl(1033, 9));
    assertEquals("0x100 /* F_SEAL_??? */", fcntl(1033, 0x100));
    // no argument (strace leaves it out) or an unknown command: the register in hex
    assertEquals("0x4d", fcntl(3, 77));
    assertEquals("0x4d", fcntl(999, 77));
    assertEquals("0", fcntl(1, 0));
    // the command is an unsigned int: upper register bits are not part of it
    assertEquals("FD_CLOEXEC", fcntl(0x100000002L, 1));
  }

  @Test
  void archPrctlCodes() {
    assertEquals("ARCH_SET_FS", render("archprctl", 0x1002));
    assertEquals("ARCH_GET_CPUID", render("archprctl", 0x1011));
    assertEquals("ARCH_REQ_XCOMP_GUEST_PERM", render("archprctl", 0x1025));
    assertEquals("ARCH_MAP_VDSO_64", render("archprctl", 0x2003));
    assertEquals("ARCH_GET_FS", render("archprctl", 0x100001003L));
    assertEquals("0x3001 /* ARCH_??? */", render("archprctl", 0x3001));
    assertEquals("0 /* ARCH_??? */", render("archprctl", 0));
  }

  @Test
  void archPrctlsSecondArgumentIsHexWithTheXstateComponentsName() {
    assertEquals("0x7f53f6905740", Symbols.render("archprctlarg", 0x7f53f6905740L, new long[] {0x1002, 0x7f53f6905740L}));
    assertEquals("0", Symbols.render("archprctlarg", 0, new long[] {0x1002, 0}));
    assertEquals("0x1", Symbols.render("archprctlarg", 1, new long[] {0x1012, 1}));
    assertEquals("0x5", Symbols.render("archprctlarg", 5, new long[] {0x3001, 5}));
    assertEquals("0x12 /* XFEATURE_XTILE_DATA */", Symbols.render("archprctlarg", 18, new long[] {0x1023, 18}));
    assertEquals("0 /* XFEATURE_FP */", Symbols.render("archprctlarg", 0, new long[] {0x1025, 0}));
    assertEquals("0xb /* XFEATURE_??? */", Symbols.render("archprctlarg", 11, new long[] {0x1023, 11}));
    // the option is an int: upper register bits are not part of it
    assertEquals("0x12 /* XFEATURE_XTILE_DATA */", Symbols.render("archprctlarg", 18, new long[] {0x100001023L, 18}));
  }

  @Test
  void clocksTimersAndSignalMasks() {
    assertEquals("CLOCK_REALTIME", render("clock", 0));
    assertEquals("CLOCK_BOOTTIME", render("clock", 7));
    assertEquals("CLOCK_TAI", render("clock", 11));
    assertEquals("0xc /* CLOCK_??? */", render("clock", 12));
    // CPU-time and dynamic clocks (negative ids): strace 6.1 gives them no name
    assertEquals("0xfffffffe /* CLOCK_??? */", render("clock", -2));
    assertEquals("0xffffd973 /* CLOCK_??? */", render("clock", 3 - 8 * 1234));
    assertEquals("0", render("timer", 0));
    assertEquals("TIMER_ABSTIME", render("timer", 1));
    assertEquals("TIMER_ABSTIME|0x2", render("timer", 3));
    assertEquals("0x2 /* TIMER_??? */", render("timer", 2));
    assertEquals("SIG_BLOCK", render("sigprocmask", 0));
    assertEquals("SIG_UNBLOCK", render("sigprocmask", 0x100000001L));
    assertEquals("SIG_SETMASK", render("sigprocmask", 2));
    assertEquals("0x3 /* SIG_??? */", render("sigprocmask", 3));
    assertEquals("0xffffffff /* SIG_??? */", render("sigprocmask", -1));
  }

  @Test
  void mountAndHandleFlags() {
    assertEquals("0", render("movemount", 0));
    assertEquals("MOVE_MOUNT_F_SYMLINKS|MOVE_MOUNT_F_AUTOMOUNTS|MOVE_MOUNT_F_EMPTY_PATH", render("movemount", 7));
    assertEquals("MOVE_MOUNT_T_SYMLINKS|MOVE_MOUNT_T_AUTOMOUNTS|MOVE_MOUNT_T_EMPTY_PATH|MOVE_MOUNT_SET_GROUP|0x200",
        render("movemount", 0x370));
    assertEquals("0x400 /* MOVE_MOUNT_??? */", render("movemount", 0x400));
    assertEquals("FSPICK_CLOEXEC|FSPICK_SYMLINK_NOFOLLOW|FSPICK_NO_AUTOMOUNT|FSPICK_EMPTY_PATH", render("fspick", 15));
    assertEquals("0x10 /* FSPICK_??? */", render("fspick", 0x10));
    assertEquals("AT_SYMLINK_FOLLOW|AT_EMPTY_PATH", render("handleat", 0x1400));
    assertEquals("0x200 /* AT_??? */", render("handleat", 0x200));
    assertEquals("AT_EMPTY_PATH|0x200", render("handleat", 0x1200));
    assertEquals("AT_SYMLINK_FOLLOW|AT_EMPTY_PATH|0xffffebff", render("handleat", -1));
  }

  @Test
  void atFlagsWithEachCallsMeaning() {
    assertEquals("0", render("at", 0));
    assertEquals("AT_REMOVEDIR", render("at", 0x200));
    assertEquals("AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH", render("at", 0x1100));
    assertEquals("AT_REMOVEDIR|0x1", render("at", 0x201));
    assertEquals("0x10000 /* AT_??? */", render("at", 0x10000));
    assertEquals("AT_EACCESS", render("faccessat", 0x200));
    assertEquals("AT_STATX_SYNC_AS_STAT", render("statx", 0));
    assertEquals("AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW", render("statx", 0x100));
    assertEquals("AT_STATX_FORCE_SYNC|AT_SYMLINK_NOFOLLOW", render("statx", 0x2100));
    assertEquals("AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC", render("statx", 0x6000));
    assertEquals("OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_EMPTY_PATH", render("opentree", 0x81001));
  }

  @Test
  void messageFlags() {
    assertEquals("0", render("msg", 0));
    assertEquals("MSG_DONTWAIT|MSG_NOSIGNAL", render("msg", 0x4040));
    assertEquals("MSG_PEEK|MSG_WAITALL", render("msg", 0x102));
    assertEquals("MSG_DONTWAIT|MSG_NOSIGNAL|MSG_CMSG_COMPAT", render("msg", 0x80004040L));
    assertEquals("0x100000 /* MSG_??? */", render("msg", 0x100000));
    assertEquals("MSG_OOB|0x100000", render("msg", 0x100001));
    assertEquals("MSG_OOB|MSG_CMSG_COMPAT", render("msg", 0x80000001L));
  }

  @Test
  void signalNumbers() {
    assertEquals("0", render("signal", 0));
    assertEquals("SIGTERM", render("signal", 15));
    assertEquals("SIGSYS", render("signal", 31));
    assertEquals("SIGRTMIN", render("signal", 32));
    assertEquals("SIGRT_2", render("signal", 34));
    assertEquals("SIGRT_8", render("signal", 40));
    assertEquals("SIGRT_32", render("signal", 64));
    assertEquals("65", render("signal", 65));
    assertEquals("-1", render("signal", -1));
    assertEquals("999", render("signal", 999));
  }

  @Test
  void flagsOfCallsThatMakeFileDescriptors() {
    assertEquals("0", render("fdflags", 0));
    assertEquals("O_NONBLOCK|O_CLOEXEC", render("fdflags", 02004000));
    assertEquals("O_NONBLOCK|O_CLOEXEC|0x1", render("fdflags", 02004001));
    assertEquals("EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK", render("eventfd", 02004001));
    assertEquals("0x10 /* EFD_??? */", render("eventfd", 0x10));
    assertEquals("SFD_CLOEXEC", render("signalfd", 02000000));
    assertEquals("IN_NONBLOCK|IN_CLOEXEC", render("inotify", 02004000));
    assertEquals("EPOLL_CLOEXEC", render("epoll", 02000000));
    assertEquals("0", render("epoll", 0));
    assertEquals("TFD_CLOEXEC|TFD_NONBLOCK", render("timerfd", 02004000));
    assertEquals("SOCK_CLOEXEC|SOCK_NONBLOCK", render("sockflags", 02004000));
    assertEquals("0", render("memfd", 0));
    assertEquals("MFD_CLOEXEC|MFD_ALLOW_SEALING|MFD_HUGETLB", render("memfd", 7));
    assertEquals("MFD_CLOEXEC|21<<MFD_HUGE_SHIFT", render("memfd", 1 | 21 << 26));
    assertEquals("21<<MFD_HUGE_SHIFT", render("memfd", 21 << 26));
    assertEquals("0x20 /* MFD_??? */", render("memfd", 0x20));
    assertEquals("MFD_CLOEXEC|0x100", render("memfd", 0x101));
    assertEquals("O_NOTIFICATION_PIPE", render("fdflags", 0200));
  }

  @Test
  void upperRegisterBitsOfIntArgumentsAreIgnored() {
    assertEquals("MSG_DONTWAIT", render("msg", 0xffffffff00000040L));
    assertEquals("SIGTERM", render("signal", 0xffffffff0000000fL));
  }

  /** As strace 6.1 printed these values, -1 included (a sweep of each set against strace). */
  @Test
  void mountBpfSeccompLimitsAdviceLocksAndShutdown() {
    assertEquals("MS_RDONLY|MS_BIND|MS_REC", render("mount", 0x1 | 0x1000 | 0x4000));
    assertEquals("MS_MGC_VAL", render("mount", 0xC0ED0000L));
    assertEquals("MS_MGC_VAL|MS_RDONLY", render("mount", 0xC0ED0001L));
    assertEquals("0x200 /* MS_??? */", render("mount", 0x200));
    assertEquals("MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_SYNCHRONOUS|MS_REMOUNT|MS_MANDLOCK|MS_DIRSYNC|MS_NOSYMFOLLOW"
        + "|MS_NOATIME|MS_NODIRATIME|MS_BIND|MS_MOVE|MS_REC|MS_SILENT|MS_POSIXACL|MS_UNBINDABLE|MS_PRIVATE|MS_SLAVE"
        + "|MS_SHARED|MS_RELATIME|MS_KERNMOUNT|MS_I_VERSION|MS_STRICTATIME|MS_LAZYTIME|MS_SUBMOUNT|MS_NOREMOTELOCK"
        + "|MS_NOSEC|MS_BORN|MS_ACTIVE|MS_NOUSER|0xffffffff00000200", render("mount", -1));
    assertEquals("MNT_FORCE|MNT_DETACH", render("umount", 3));
    assertEquals("0x10 /* MNT_??? */", render("umount", 0x10));
    assertEquals("BPF_PROG_BIND_MAP", render("bpfcmd", 35));
    assertEquals("0xffffffff /* BPF_??? */", render("bpfcmd", -1));
    assertEquals("SECCOMP_GET_NOTIF_SIZES", render("seccompop", 3));
    assertEquals("0x4 /* SECCOMP_SET_MODE_??? */", render("seccompop", 4));
    assertEquals("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", Symbols.render("seccompflags", 32, new long[] {1, 32}));
    assertEquals("0x40 /* SECCOMP_FILTER_FLAG_??? */", Symbols.render("seccompflags", 0x40, new long[] {1, 0x40}));
    assertEquals("0xffffffff", Symbols.render("seccompflags", -1, new long[] {-1, -1}));
    assertEquals("RLIMIT_RTTIME", render("rlimit", 15));
    assertEquals("0x10 /* RLIMIT_??? */", render("rlimit", 16));
    assertEquals("MADV_SOFT_OFFLINE", render("madvise", 101));
    assertEquals("0x5 /* MADV_??? */", render("madvise", 5));
    assertEquals("0xffffffff /* MADV_??? */", render("madvise", -1));
    assertEquals("LOCK_SH|LOCK_EX|LOCK_NB|LOCK_UN|LOCK_MAND|LOCK_RW|0xffffff10", render("flock", -1));
    assertEquals("LOCK_READ", render("flock", 64));
    assertEquals("0", render("flock", 0));
    assertEquals("SHUT_RDWR", render("shutdown", 2));
    assertEquals("0x3 /* SHUT_??? */", render("shutdown", 3));
  }
}
