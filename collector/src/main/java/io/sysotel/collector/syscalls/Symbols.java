package io.sysotel.collector.syscalls;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Symbolic names of flag and enum arguments, rendered as strace renders them
 * ({@code O_WRONLY|O_CREAT|O_TRUNC}, {@code PROT_READ|PROT_WRITE}, {@code AF_INET}). Values
 * are the x86_64 ones from the Linux uapi headers.
 */
public final class Symbols {

  private Symbols() {}

  /** A named bit of a flag set. */
  public record Bit(long value, String name) {}

  private static final Bit[] OPEN = {
    new Bit(0100, "O_CREAT"), new Bit(0200, "O_EXCL"), new Bit(0400, "O_NOCTTY"),
    new Bit(01000, "O_TRUNC"), new Bit(02000, "O_APPEND"), new Bit(04000, "O_NONBLOCK"),
    new Bit(010000, "O_DSYNC"), new Bit(020000, "O_ASYNC"), new Bit(040000, "O_DIRECT"),
    new Bit(0100000, "O_LARGEFILE"), new Bit(0200000, "O_DIRECTORY"), new Bit(0400000, "O_NOFOLLOW"),
    new Bit(01000000, "O_NOATIME"), new Bit(02000000, "O_CLOEXEC"), new Bit(010000000, "O_PATH"),
  };
  private static final Bit[] PROT = {
    new Bit(1, "PROT_READ"), new Bit(2, "PROT_WRITE"), new Bit(4, "PROT_EXEC"), new Bit(8, "PROT_SEM"),
    new Bit(0x01000000, "PROT_GROWSDOWN"), new Bit(0x02000000, "PROT_GROWSUP"),
  };
  private static final Bit[] MMAP = {
    new Bit(0x10, "MAP_FIXED"), new Bit(0x20, "MAP_ANONYMOUS"), new Bit(0x40, "MAP_32BIT"),
    new Bit(0x100, "MAP_GROWSDOWN"), new Bit(0x800, "MAP_DENYWRITE"), new Bit(0x1000, "MAP_EXECUTABLE"),
    new Bit(0x2000, "MAP_LOCKED"), new Bit(0x4000, "MAP_NORESERVE"), new Bit(0x8000, "MAP_POPULATE"),
    new Bit(0x10000, "MAP_NONBLOCK"), new Bit(0x20000, "MAP_STACK"), new Bit(0x40000, "MAP_HUGETLB"),
    new Bit(0x80000, "MAP_SYNC"), new Bit(0x100000, "MAP_FIXED_NOREPLACE"), new Bit(0x4000000, "MAP_UNINITIALIZED"),
  };
  private static final Bit[] CLONE = {
    new Bit(0x100, "CLONE_VM"), new Bit(0x200, "CLONE_FS"), new Bit(0x400, "CLONE_FILES"),
    new Bit(0x800, "CLONE_SIGHAND"), new Bit(0x1000, "CLONE_PIDFD"), new Bit(0x2000, "CLONE_PTRACE"),
    new Bit(0x4000, "CLONE_VFORK"), new Bit(0x8000, "CLONE_PARENT"), new Bit(0x10000, "CLONE_THREAD"),
    new Bit(0x20000, "CLONE_NEWNS"), new Bit(0x40000, "CLONE_SYSVSEM"), new Bit(0x80000, "CLONE_SETTLS"),
    new Bit(0x100000, "CLONE_PARENT_SETTID"), new Bit(0x200000, "CLONE_CHILD_CLEARTID"),
    new Bit(0x400000, "CLONE_DETACHED"), new Bit(0x800000, "CLONE_UNTRACED"),
    new Bit(0x1000000, "CLONE_CHILD_SETTID"), new Bit(0x2000000, "CLONE_NEWCGROUP"),
    new Bit(0x4000000, "CLONE_NEWUTS"), new Bit(0x8000000, "CLONE_NEWIPC"), new Bit(0x10000000, "CLONE_NEWUSER"),
    new Bit(0x20000000, "CLONE_NEWPID"), new Bit(0x40000000, "CLONE_NEWNET"), new Bit(0x80000000L, "CLONE_IO"),
  };
  private static final Bit[] ACCESS = {new Bit(4, "R_OK"), new Bit(2, "W_OK"), new Bit(1, "X_OK")};
  private static final Bit[] SOCK_FLAGS = {new Bit(02000000, "SOCK_CLOEXEC"), new Bit(04000, "SOCK_NONBLOCK")};
  /** AT_* flags of the *at calls; 0x200 is unlinkat's AT_REMOVEDIR (faccessat2's: FACCESSAT). */
  private static final Bit[] AT = {
    new Bit(0x100, "AT_SYMLINK_NOFOLLOW"), new Bit(0x200, "AT_REMOVEDIR"), new Bit(0x400, "AT_SYMLINK_FOLLOW"),
    new Bit(0x800, "AT_NO_AUTOMOUNT"), new Bit(0x1000, "AT_EMPTY_PATH"), new Bit(0x8000, "AT_RECURSIVE"),
  };
  /** faccessat2's flags, where 0x200 means AT_EACCESS. */
  private static final Bit[] FACCESSAT = {
    new Bit(0x100, "AT_SYMLINK_NOFOLLOW"), new Bit(0x200, "AT_EACCESS"), new Bit(0x1000, "AT_EMPTY_PATH"),
  };
  /** statx's flags: the sync type (AT_STATX_SYNC_AS_STAT when neither bit) before the AT_* flags. */
  private static final Bit[] STATX = {
    new Bit(0x2000, "AT_STATX_FORCE_SYNC"), new Bit(0x4000, "AT_STATX_DONT_SYNC"),
    new Bit(0x100, "AT_SYMLINK_NOFOLLOW"), new Bit(0x400, "AT_SYMLINK_FOLLOW"),
    new Bit(0x800, "AT_NO_AUTOMOUNT"), new Bit(0x1000, "AT_EMPTY_PATH"),
  };
  private static final Bit[] OPEN_TREE = {
    new Bit(1, "OPEN_TREE_CLONE"), new Bit(02000000, "OPEN_TREE_CLOEXEC"), new Bit(0x100, "AT_SYMLINK_NOFOLLOW"),
    new Bit(0x800, "AT_NO_AUTOMOUNT"), new Bit(0x1000, "AT_EMPTY_PATH"), new Bit(0x8000, "AT_RECURSIVE"),
  };
  private static final Bit[] MSG = {
    new Bit(1, "MSG_OOB"), new Bit(2, "MSG_PEEK"), new Bit(4, "MSG_DONTROUTE"), new Bit(8, "MSG_CTRUNC"),
    new Bit(0x10, "MSG_PROBE"), new Bit(0x20, "MSG_TRUNC"), new Bit(0x40, "MSG_DONTWAIT"), new Bit(0x80, "MSG_EOR"),
    new Bit(0x100, "MSG_WAITALL"), new Bit(0x200, "MSG_FIN"), new Bit(0x400, "MSG_SYN"), new Bit(0x800, "MSG_CONFIRM"),
    new Bit(0x1000, "MSG_RST"), new Bit(0x2000, "MSG_ERRQUEUE"), new Bit(0x4000, "MSG_NOSIGNAL"),
    new Bit(0x8000, "MSG_MORE"), new Bit(0x10000, "MSG_WAITFORONE"), new Bit(0x40000, "MSG_BATCH"),
    new Bit(0x4000000, "MSG_ZEROCOPY"), new Bit(0x20000000, "MSG_FASTOPEN"),
    new Bit(0x40000000, "MSG_CMSG_CLOEXEC"), new Bit(0x80000000L, "MSG_CMSG_COMPAT"),
  };
  /** pipe2's and dup3's flags: O_* without an access mode (0200, O_EXCL elsewhere, is pipe2's O_NOTIFICATION_PIPE). */
  private static final Bit[] FD_FLAGS = {
    new Bit(0200, "O_NOTIFICATION_PIPE"), new Bit(04000, "O_NONBLOCK"), new Bit(040000, "O_DIRECT"),
    new Bit(02000000, "O_CLOEXEC"),
  };
  private static final Bit[] EVENTFD = {
    new Bit(1, "EFD_SEMAPHORE"), new Bit(02000000, "EFD_CLOEXEC"), new Bit(04000, "EFD_NONBLOCK"),
  };
  private static final Bit[] SIGNALFD = {new Bit(02000000, "SFD_CLOEXEC"), new Bit(04000, "SFD_NONBLOCK")};
  private static final Bit[] INOTIFY = {new Bit(04000, "IN_NONBLOCK"), new Bit(02000000, "IN_CLOEXEC")};
  private static final Bit[] EPOLL = {new Bit(02000000, "EPOLL_CLOEXEC")};
  private static final Bit[] TIMERFD = {new Bit(02000000, "TFD_CLOEXEC"), new Bit(04000, "TFD_NONBLOCK")};
  /** F_SETFD's descriptor flags. */
  private static final Bit[] FD_CLOEXEC = {new Bit(1, "FD_CLOEXEC")};
  /** F_NOTIFY's directory events. */
  private static final Bit[] DNOTIFY = {
    new Bit(1, "DN_ACCESS"), new Bit(2, "DN_MODIFY"), new Bit(4, "DN_CREATE"), new Bit(8, "DN_DELETE"),
    new Bit(0x10, "DN_RENAME"), new Bit(0x20, "DN_ATTRIB"), new Bit(0x80000000L, "DN_MULTISHOT"),
  };
  /** F_ADD_SEALS's seals. */
  private static final Bit[] SEALS = {
    new Bit(1, "F_SEAL_SEAL"), new Bit(2, "F_SEAL_SHRINK"), new Bit(4, "F_SEAL_GROW"), new Bit(8, "F_SEAL_WRITE"),
    new Bit(0x10, "F_SEAL_FUTURE_WRITE"),
  };
  private static final Bit[] TIMER = {new Bit(1, "TIMER_ABSTIME")};
  private static final Bit[] MOVE_MOUNT = {
    new Bit(1, "MOVE_MOUNT_F_SYMLINKS"), new Bit(2, "MOVE_MOUNT_F_AUTOMOUNTS"), new Bit(4, "MOVE_MOUNT_F_EMPTY_PATH"),
    new Bit(0x10, "MOVE_MOUNT_T_SYMLINKS"), new Bit(0x20, "MOVE_MOUNT_T_AUTOMOUNTS"),
    new Bit(0x40, "MOVE_MOUNT_T_EMPTY_PATH"), new Bit(0x100, "MOVE_MOUNT_SET_GROUP"),
  };
  private static final Bit CLONE_NEWTIME = new Bit(0x80, "CLONE_NEWTIME");
  /** unshare's flags: the clone flags it takes, and CLONE_NEWTIME (in clone's signal byte). */
  private static final Bit[] UNSHARE = cloneFlags(0x7e070f00L);
  /** setns's namespace types. */
  private static final Bit[] SETNS = cloneFlags(0x7e020000L);
  private static final Bit[] MLOCKALL = {new Bit(1, "MCL_CURRENT"), new Bit(2, "MCL_FUTURE"), new Bit(4, "MCL_ONFAULT")};
  private static final Bit[] MLOCK2 = {new Bit(1, "MLOCK_ONFAULT")};
  private static final Bit[] MOUNT = {
    new Bit(0x1, "MS_RDONLY"), new Bit(0x2, "MS_NOSUID"), new Bit(0x4, "MS_NODEV"), new Bit(0x8, "MS_NOEXEC"),
    new Bit(0x10, "MS_SYNCHRONOUS"), new Bit(0x20, "MS_REMOUNT"), new Bit(0x40, "MS_MANDLOCK"),
    new Bit(0x80, "MS_DIRSYNC"), new Bit(0x100, "MS_NOSYMFOLLOW"), new Bit(0x400, "MS_NOATIME"),
    new Bit(0x800, "MS_NODIRATIME"), new Bit(0x1000, "MS_BIND"), new Bit(0x2000, "MS_MOVE"), new Bit(0x4000, "MS_REC"),
    new Bit(0x8000, "MS_SILENT"), new Bit(1L << 16, "MS_POSIXACL"), new Bit(1L << 17, "MS_UNBINDABLE"),
    new Bit(1L << 18, "MS_PRIVATE"), new Bit(1L << 19, "MS_SLAVE"), new Bit(1L << 20, "MS_SHARED"),
    new Bit(1L << 21, "MS_RELATIME"), new Bit(1L << 22, "MS_KERNMOUNT"), new Bit(1L << 23, "MS_I_VERSION"),
    new Bit(1L << 24, "MS_STRICTATIME"), new Bit(1L << 25, "MS_LAZYTIME"), new Bit(1L << 26, "MS_SUBMOUNT"),
    new Bit(1L << 27, "MS_NOREMOTELOCK"), new Bit(1L << 28, "MS_NOSEC"), new Bit(1L << 29, "MS_BORN"),
    new Bit(1L << 30, "MS_ACTIVE"), new Bit(1L << 31, "MS_NOUSER"),
  };
  /** The magic number old callers put in mount flags' upper half. */
  private static final long MS_MGC_VAL = 0xC0ED0000L;
  private static final long MS_MGC_MSK = 0xffff0000L;
  private static final long MS_REMOUNT = 0x20;
  /** MS_BIND, MS_MOVE and the propagation changes (MS_UNBINDABLE, MS_PRIVATE, MS_SLAVE, MS_SHARED). */
  private static final long MS_NEITHER_TYPE_NOR_DATA = 0x1000 | 0x2000 | 0xfL << 17;
  private static final Bit[] UMOUNT = {
    new Bit(1, "MNT_FORCE"), new Bit(2, "MNT_DETACH"), new Bit(4, "MNT_EXPIRE"), new Bit(8, "UMOUNT_NOFOLLOW"),
  };
  private static final String[] BPF_COMMANDS = {
    "BPF_MAP_CREATE", "BPF_MAP_LOOKUP_ELEM", "BPF_MAP_UPDATE_ELEM", "BPF_MAP_DELETE_ELEM", "BPF_MAP_GET_NEXT_KEY",
    "BPF_PROG_LOAD", "BPF_OBJ_PIN", "BPF_OBJ_GET", "BPF_PROG_ATTACH", "BPF_PROG_DETACH", "BPF_PROG_TEST_RUN",
    "BPF_PROG_GET_NEXT_ID", "BPF_MAP_GET_NEXT_ID", "BPF_PROG_GET_FD_BY_ID", "BPF_MAP_GET_FD_BY_ID",
    "BPF_OBJ_GET_INFO_BY_FD", "BPF_PROG_QUERY", "BPF_RAW_TRACEPOINT_OPEN", "BPF_BTF_LOAD", "BPF_BTF_GET_FD_BY_ID",
    "BPF_TASK_FD_QUERY", "BPF_MAP_LOOKUP_AND_DELETE_ELEM", "BPF_MAP_FREEZE", "BPF_BTF_GET_NEXT_ID",
    "BPF_MAP_LOOKUP_BATCH", "BPF_MAP_LOOKUP_AND_DELETE_BATCH", "BPF_MAP_UPDATE_BATCH", "BPF_MAP_DELETE_BATCH",
    "BPF_LINK_CREATE", "BPF_LINK_UPDATE", "BPF_LINK_GET_FD_BY_ID", "BPF_LINK_GET_NEXT_ID", "BPF_ENABLE_STATS",
    "BPF_ITER_CREATE", "BPF_LINK_DETACH", "BPF_PROG_BIND_MAP",
  };
  private static final String[] SECCOMP_OPS = {
    "SECCOMP_SET_MODE_STRICT", "SECCOMP_SET_MODE_FILTER", "SECCOMP_GET_ACTION_AVAIL", "SECCOMP_GET_NOTIF_SIZES",
  };
  /** The operation whose flags are SECCOMP_FILTER_FLAG_*; other operations' flags are shown in hex. */
  private static final long SECCOMP_SET_MODE_FILTER = 1;
  private static final Bit[] SECCOMP_FILTER_FLAGS = {
    new Bit(1, "SECCOMP_FILTER_FLAG_TSYNC"), new Bit(2, "SECCOMP_FILTER_FLAG_LOG"),
    new Bit(4, "SECCOMP_FILTER_FLAG_SPEC_ALLOW"), new Bit(8, "SECCOMP_FILTER_FLAG_NEW_LISTENER"),
    new Bit(16, "SECCOMP_FILTER_FLAG_TSYNC_ESRCH"), new Bit(32, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"),
  };
  private static final String[] RLIMITS = {
    "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
    "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
    "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
  };
  private static final Map<Long, String> MADVISE = Map.ofEntries(
      Map.entry(0L, "MADV_NORMAL"), Map.entry(1L, "MADV_RANDOM"), Map.entry(2L, "MADV_SEQUENTIAL"),
      Map.entry(3L, "MADV_WILLNEED"), Map.entry(4L, "MADV_DONTNEED"), Map.entry(8L, "MADV_FREE"),
      Map.entry(9L, "MADV_REMOVE"), Map.entry(10L, "MADV_DONTFORK"), Map.entry(11L, "MADV_DOFORK"),
      Map.entry(12L, "MADV_MERGEABLE"), Map.entry(13L, "MADV_UNMERGEABLE"), Map.entry(14L, "MADV_HUGEPAGE"),
      Map.entry(15L, "MADV_NOHUGEPAGE"), Map.entry(16L, "MADV_DONTDUMP"), Map.entry(17L, "MADV_DODUMP"),
      Map.entry(18L, "MADV_WIPEONFORK"), Map.entry(19L, "MADV_KEEPONFORK"), Map.entry(20L, "MADV_COLD"),
      Map.entry(21L, "MADV_PAGEOUT"), Map.entry(22L, "MADV_POPULATE_READ"), Map.entry(23L, "MADV_POPULATE_WRITE"),
      Map.entry(24L, "MADV_DONTNEED_LOCKED"), Map.entry(25L, "MADV_COLLAPSE"), Map.entry(100L, "MADV_HWPOISON"),
      Map.entry(101L, "MADV_SOFT_OFFLINE"));
  /** LOCK_RW (LOCK_READ|LOCK_WRITE) before its halves, as strace names it. */
  private static final Bit[] FLOCK = {
    new Bit(1, "LOCK_SH"), new Bit(2, "LOCK_EX"), new Bit(4, "LOCK_NB"), new Bit(8, "LOCK_UN"), new Bit(32, "LOCK_MAND"),
    new Bit(192, "LOCK_RW"), new Bit(64, "LOCK_READ"), new Bit(128, "LOCK_WRITE"),
  };
  private static final String[] SHUTDOWN = {"SHUT_RD", "SHUT_WR", "SHUT_RDWR"};
  private static final Map<Long, String> PTRACE = Map.ofEntries(
      Map.entry(0L, "PTRACE_TRACEME"), Map.entry(1L, "PTRACE_PEEKTEXT"), Map.entry(2L, "PTRACE_PEEKDATA"),
      Map.entry(3L, "PTRACE_PEEKUSER"), Map.entry(4L, "PTRACE_POKETEXT"), Map.entry(5L, "PTRACE_POKEDATA"),
      Map.entry(6L, "PTRACE_POKEUSER"), Map.entry(7L, "PTRACE_CONT"), Map.entry(8L, "PTRACE_KILL"),
      Map.entry(9L, "PTRACE_SINGLESTEP"), Map.entry(12L, "PTRACE_GETREGS"), Map.entry(13L, "PTRACE_SETREGS"),
      Map.entry(14L, "PTRACE_GETFPREGS"), Map.entry(15L, "PTRACE_SETFPREGS"), Map.entry(16L, "PTRACE_ATTACH"),
      Map.entry(17L, "PTRACE_DETACH"), Map.entry(18L, "PTRACE_GETFPXREGS"), Map.entry(19L, "PTRACE_SETFPXREGS"),
      Map.entry(24L, "PTRACE_SYSCALL"), Map.entry(25L, "PTRACE_GET_THREAD_AREA"),
      Map.entry(26L, "PTRACE_SET_THREAD_AREA"), Map.entry(30L, "PTRACE_ARCH_PRCTL"), Map.entry(31L, "PTRACE_SYSEMU"),
      Map.entry(32L, "PTRACE_SYSEMU_SINGLESTEP"), Map.entry(33L, "PTRACE_SINGLEBLOCK"),
      Map.entry(0x4200L, "PTRACE_SETOPTIONS"), Map.entry(0x4201L, "PTRACE_GETEVENTMSG"),
      Map.entry(0x4202L, "PTRACE_GETSIGINFO"), Map.entry(0x4203L, "PTRACE_SETSIGINFO"),
      Map.entry(0x4204L, "PTRACE_GETREGSET"), Map.entry(0x4205L, "PTRACE_SETREGSET"), Map.entry(0x4206L, "PTRACE_SEIZE"),
      Map.entry(0x4207L, "PTRACE_INTERRUPT"), Map.entry(0x4208L, "PTRACE_LISTEN"),
      Map.entry(0x4209L, "PTRACE_PEEKSIGINFO"), Map.entry(0x420aL, "PTRACE_GETSIGMASK"),
      Map.entry(0x420bL, "PTRACE_SETSIGMASK"), Map.entry(0x420cL, "PTRACE_SECCOMP_GET_FILTER"),
      Map.entry(0x420dL, "PTRACE_SECCOMP_GET_METADATA"), Map.entry(0x420eL, "PTRACE_GET_SYSCALL_INFO"),
      Map.entry(0x420fL, "PTRACE_GET_RSEQ_CONFIGURATION"));
  private static final Bit[] FSPICK = {
    new Bit(1, "FSPICK_CLOEXEC"), new Bit(2, "FSPICK_SYMLINK_NOFOLLOW"), new Bit(4, "FSPICK_NO_AUTOMOUNT"),
    new Bit(8, "FSPICK_EMPTY_PATH"),
  };
  /** name_to_handle_at's flags: the two AT_* flags it takes (strace 6.1 names no AT_HANDLE_* flag). */
  private static final Bit[] HANDLE_AT = {new Bit(0x400, "AT_SYMLINK_FOLLOW"), new Bit(0x1000, "AT_EMPTY_PATH")};
  /** memfd_create's flags; the huge page size (bits 26-31) is shown as {@code N<<MFD_HUGE_SHIFT}. */
  private static final Bit[] MEMFD = {
    new Bit(1, "MFD_CLOEXEC"), new Bit(2, "MFD_ALLOW_SEALING"), new Bit(4, "MFD_HUGETLB"),
    new Bit(8, "MFD_NOEXEC_SEAL"), new Bit(0x10, "MFD_EXEC"),
  };

  private static final Map<Long, String> FAMILIES = Map.ofEntries(
      Map.entry(0L, "AF_UNSPEC"), Map.entry(1L, "AF_UNIX"), Map.entry(2L, "AF_INET"),
      Map.entry(10L, "AF_INET6"), Map.entry(16L, "AF_NETLINK"), Map.entry(17L, "AF_PACKET"),
      Map.entry(38L, "AF_ALG"), Map.entry(40L, "AF_VSOCK"), Map.entry(44L, "AF_XDP"));
  private static final Map<Long, String> SOCK_TYPES = Map.of(
      1L, "SOCK_STREAM", 2L, "SOCK_DGRAM", 3L, "SOCK_RAW", 4L, "SOCK_RDM", 5L, "SOCK_SEQPACKET",
      6L, "SOCK_DCCP", 10L, "SOCK_PACKET");
  private static final Map<Long, String> IP_PROTOCOLS = Map.of(
      0L, "IPPROTO_IP", 1L, "IPPROTO_ICMP", 6L, "IPPROTO_TCP", 17L, "IPPROTO_UDP",
      58L, "IPPROTO_ICMPV6", 132L, "IPPROTO_SCTP", 136L, "IPPROTO_UDPLITE", 255L, "IPPROTO_RAW",
      262L, "IPPROTO_MPTCP");
  private static final Map<Long, String> WHENCE = Map.of(
      0L, "SEEK_SET", 1L, "SEEK_CUR", 2L, "SEEK_END", 3L, "SEEK_DATA", 4L, "SEEK_HOLE");
  private static final Map<Long, String> FCNTL = Map.ofEntries(
      Map.entry(0L, "F_DUPFD"), Map.entry(1L, "F_GETFD"), Map.entry(2L, "F_SETFD"), Map.entry(3L, "F_GETFL"),
      Map.entry(4L, "F_SETFL"), Map.entry(5L, "F_GETLK"), Map.entry(6L, "F_SETLK"), Map.entry(7L, "F_SETLKW"),
      Map.entry(8L, "F_SETOWN"), Map.entry(9L, "F_GETOWN"), Map.entry(10L, "F_SETSIG"), Map.entry(11L, "F_GETSIG"),
      Map.entry(12L, "F_GETLK64"), Map.entry(13L, "F_SETLK64"), Map.entry(14L, "F_SETLKW64"),
      Map.entry(15L, "F_SETOWN_EX"), Map.entry(16L, "F_GETOWN_EX"), Map.entry(17L, "F_GETOWNER_UIDS"),
      Map.entry(36L, "F_OFD_GETLK"), Map.entry(37L, "F_OFD_SETLK"), Map.entry(38L, "F_OFD_SETLKW"),
      Map.entry(1024L, "F_SETLEASE"), Map.entry(1025L, "F_GETLEASE"), Map.entry(1026L, "F_NOTIFY"),
      Map.entry(1030L, "F_DUPFD_CLOEXEC"), Map.entry(1031L, "F_SETPIPE_SZ"), Map.entry(1032L, "F_GETPIPE_SZ"),
      Map.entry(1033L, "F_ADD_SEALS"), Map.entry(1034L, "F_GET_SEALS"), Map.entry(1035L, "F_GET_RW_HINT"),
      Map.entry(1036L, "F_SET_RW_HINT"), Map.entry(1037L, "F_GET_FILE_RW_HINT"), Map.entry(1038L, "F_SET_FILE_RW_HINT"));
  private static final Map<Long, String> CLOCKS = Map.ofEntries(
      Map.entry(0L, "CLOCK_REALTIME"), Map.entry(1L, "CLOCK_MONOTONIC"), Map.entry(2L, "CLOCK_PROCESS_CPUTIME_ID"),
      Map.entry(3L, "CLOCK_THREAD_CPUTIME_ID"), Map.entry(4L, "CLOCK_MONOTONIC_RAW"),
      Map.entry(5L, "CLOCK_REALTIME_COARSE"), Map.entry(6L, "CLOCK_MONOTONIC_COARSE"), Map.entry(7L, "CLOCK_BOOTTIME"),
      Map.entry(8L, "CLOCK_REALTIME_ALARM"), Map.entry(9L, "CLOCK_BOOTTIME_ALARM"), Map.entry(10L, "CLOCK_SGI_CYCLE"),
      Map.entry(11L, "CLOCK_TAI"));
  /**
   * How fcntl's third argument is shown, by command: a set of this class, or {@code int} and
   * {@code long} for numbers, {@code pointer} for an address (the struct is not read). Commands
   * not here take no argument or are unknown: the register in hex, as strace shows an unknown
   * command's.
   */
  private static final Map<Long, String> FCNTL_ARG = Map.ofEntries(
      Map.entry(0L, "long"), Map.entry(2L, "fdcloexec"), Map.entry(4L, "open"), Map.entry(5L, "pointer"),
      Map.entry(6L, "pointer"), Map.entry(7L, "pointer"), Map.entry(8L, "int"), Map.entry(10L, "signal"),
      Map.entry(12L, "pointer"), Map.entry(13L, "pointer"), Map.entry(14L, "pointer"), Map.entry(15L, "pointer"),
      Map.entry(16L, "pointer"), Map.entry(17L, "pointer"), Map.entry(36L, "pointer"), Map.entry(37L, "pointer"),
      Map.entry(38L, "pointer"), Map.entry(1024L, "lease"), Map.entry(1026L, "dnotify"), Map.entry(1030L, "long"),
      Map.entry(1031L, "long"), Map.entry(1033L, "seals"), Map.entry(1035L, "pointer"), Map.entry(1036L, "pointer"),
      Map.entry(1037L, "pointer"), Map.entry(1038L, "pointer"));
  private static final long F_SETLK = 6;
  private static final long F_SETLKW = 7;
  private static final long F_SETOWN_EX = 15;
  private static final long F_OFD_SETLK = 37;
  private static final long F_OFD_SETLKW = 38;
  private static final CommandRead STRUCT_FLOCK = CommandRead.ofBytes(32); // on x86_64
  /**
   * The structs fcntl commands give the kernel, read at entry ({@link ArgFormat#commandReads}): a
   * lock set's {@code struct flock}, F_SETOWN_EX's {@code struct f_owner_ex}. The lock tests
   * (F_GETLK, F_OFD_GETLK) and F_GETOWN_EX are filled by the kernel.
   */
  static final Map<Long, CommandRead> FCNTL_READS = Map.of(F_SETLK, STRUCT_FLOCK, F_SETLKW, STRUCT_FLOCK, F_OFD_SETLK, STRUCT_FLOCK,
      F_OFD_SETLKW, STRUCT_FLOCK, F_SETOWN_EX, CommandRead.ofBytes(8));
  /** Lock types: a struct flock's l_type, F_SETLEASE's argument. */
  private static final Map<Long, String> LOCK_TYPES =
      Map.of(0L, "F_RDLCK", 1L, "F_WRLCK", 2L, "F_UNLCK", 4L, "F_EXLCK", 8L, "F_SHLCK");
  private static final Map<Long, String> OWNER_TYPES = Map.of(0L, "F_OWNER_TID", 1L, "F_OWNER_PID", 2L, "F_OWNER_PGRP");
  private static final Map<Long, String> SIGPROCMASK = Map.of(0L, "SIG_BLOCK", 1L, "SIG_UNBLOCK", 2L, "SIG_SETMASK");
  private static final Map<Long, String> ARCH_PRCTL = Map.ofEntries(
      Map.entry(0x1001L, "ARCH_SET_GS"), Map.entry(0x1002L, "ARCH_SET_FS"), Map.entry(0x1003L, "ARCH_GET_FS"),
      Map.entry(0x1004L, "ARCH_GET_GS"), Map.entry(0x1011L, "ARCH_GET_CPUID"), Map.entry(0x1012L, "ARCH_SET_CPUID"),
      Map.entry(0x1021L, "ARCH_GET_XCOMP_SUPP"), Map.entry(0x1022L, "ARCH_GET_XCOMP_PERM"),
      Map.entry(0x1023L, "ARCH_REQ_XCOMP_PERM"), Map.entry(0x1024L, "ARCH_GET_XCOMP_GUEST_PERM"),
      Map.entry(0x1025L, "ARCH_REQ_XCOMP_GUEST_PERM"), Map.entry(0x2001L, "ARCH_MAP_VDSO_X32"),
      Map.entry(0x2002L, "ARCH_MAP_VDSO_32"), Map.entry(0x2003L, "ARCH_MAP_VDSO_64"));
  /** The xstate components that ARCH_REQ_XCOMP_PERM asks for, named as strace 6.1 names them. */
  private static final Map<Long, String> XFEATURES = Map.ofEntries(
      Map.entry(0L, "XFEATURE_FP"), Map.entry(1L, "XFEATURE_SSE"), Map.entry(2L, "XFEATURE_YMM"),
      Map.entry(3L, "XFEATURE_BNDREGS"), Map.entry(4L, "XFEATURE_BNDCSR"), Map.entry(5L, "XFEATURE_OPMASK"),
      Map.entry(6L, "XFEATURE_ZMM_Hi256"), Map.entry(7L, "XFEATURE_Hi16_ZMM"),
      Map.entry(8L, "XFEATURE_PT_UNIMPLEMENTED_SO_FAR"), Map.entry(9L, "XFEATURE_PKRU"), Map.entry(10L, "XFEATURE_PASID"),
      Map.entry(15L, "XFEATURE_LBR"), Map.entry(17L, "XFEATURE_XTILE_CFG"), Map.entry(18L, "XFEATURE_XTILE_DATA"));
  private static final String[] SIGNALS = {
    "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
    "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
    "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
    "SIGSYS", "SIGRTMIN",
  };

  /** Whether a flag set of that name exists. */
  public static boolean exists(String set) {
    return switch (set) {
      case "open", "prot", "mmap", "clone", "access", "family", "socktype", "protocol", "whence", "at", "faccessat",
          "statx", "opentree", "msg", "signal", "fdflags", "eventfd", "signalfd", "inotify", "epoll", "timerfd", "memfd",
          "sockflags", "fcntl", "clock", "fcntlarg", "fdcloexec", "lease", "dnotify", "seals", "timer",
          "sigprocmask", "archprctl", "archprctlarg", "movemount", "fspick", "handleat", "unshare", "setns", "mlockall", "mlock2",
          "ptrace", "ptraceaddr", "ptracedata", "socklevel", "sockopt", "ioctl", "prctl", "prctlarg3", "mount", "umount", "bpfcmd", "seccompop",
          "seccompflags", "rlimit", "madvise", "flock", "shutdown" -> true;
      default -> false;
    };
  }

  /**
   * The symbolic rendering of {@code value} in {@code set}: a String, or a Long where the set
   * shows a number ({@code fcntlarg}'s F_DUPFD). {@code all} holds the raw values of all the
   * call's arguments, for sets whose rendering depends on another argument (a socket's
   * protocol on its family, fcntl's argument on its command).
   */
  public static Object render(String set, long value, long[] all) {
    long u = value & 0xffffffffL; // the sets below are of C int or unsigned int arguments
    return switch (set) {
      case "open" -> open((int) value);
      case "prot" -> value == 0 ? "PROT_NONE" : bits(PROT, value, "PROT_???");
      case "mmap" -> mmap(value);
      case "clone" -> clone(value);
      case "access" -> value == 0 ? "F_OK" : bits(ACCESS, value, null);
      case "family" -> named(FAMILIES, (int) value);
      case "socktype" -> socktype((int) value);
      case "protocol" -> protocol((int) value, all.length > 0 ? (int) all[0] : -1);
      case "whence" -> named(WHENCE, u, "SEEK_???");
      case "at" -> bits(AT, u, "AT_???");
      case "faccessat" -> bits(FACCESSAT, u, "AT_???");
      case "statx" -> (u & 0x6000) == 0 ? join("AT_STATX_SYNC_AS_STAT", bits(STATX, u, null)) : bits(STATX, u, "AT_???");
      case "opentree" -> bits(OPEN_TREE, u, "OPEN_TREE_???");
      case "msg" -> bits(MSG, u, "MSG_???");
      case "signal" -> signal((int) value);
      case "fdflags" -> bits(FD_FLAGS, u, "O_???");
      case "eventfd" -> bits(EVENTFD, u, "EFD_???");
      case "signalfd" -> bits(SIGNALFD, u, "SFD_???");
      case "inotify" -> bits(INOTIFY, u, "IN_???");
      case "epoll" -> bits(EPOLL, u, "EPOLL_???");
      case "timerfd" -> bits(TIMERFD, u, "TFD_???");
      case "memfd" -> memfd(u);
      case "sockflags" -> bits(SOCK_FLAGS, u, "SOCK_???");
      case "fcntl" -> named(FCNTL, u, "F_???");
      case "clock" -> named(CLOCKS, u, "CLOCK_???");
      case "fcntlarg" -> fcntlArg(all.length > 1 ? all[1] & 0xffffffffL : -1, value, all);
      case "fdcloexec" -> bits(FD_CLOEXEC, u, "FD_???");
      case "lease" -> named(LOCK_TYPES, value, "F_???");
      case "dnotify" -> bits(DNOTIFY, u, "DN_???");
      case "seals" -> bits(SEALS, u, "F_SEAL_???");
      case "timer" -> bits(TIMER, u, "TIMER_???");
      case "sigprocmask" -> named(SIGPROCMASK, u, "SIG_???");
      case "archprctl" -> named(ARCH_PRCTL, u, "ARCH_???");
      case "archprctlarg" -> archPrctlArg(all[0] & 0xffffffffL, value);
      case "movemount" -> bits(MOVE_MOUNT, u, "MOVE_MOUNT_???");
      case "fspick" -> bits(FSPICK, u, "FSPICK_???");
      case "handleat" -> bits(HANDLE_AT, u, "AT_???");
      case "unshare" -> bits(UNSHARE, value, "CLONE_???");
      case "setns" -> bits(SETNS, u, "CLONE_NEW???");
      case "mlockall" -> bits(MLOCKALL, u, "MCL_???");
      case "mlock2" -> bits(MLOCK2, u, "MLOCK_???");
      case "ptrace" -> named(PTRACE, value, "PTRACE_???");
      case "ptraceaddr" -> Ptrace.addr(all[0], value);
      case "ptracedata" -> Ptrace.data(all[0], value);
      case "socklevel" -> SocketOptions.level(u, "SOL_??");
      case "sockopt" -> SocketOptions.option(all.length > 1 ? all[1] & 0xffffffffL : -1, u);
      case "ioctl" -> Ioctls.request(value);
      case "prctl" -> Prctl.option(value);
      case "prctlarg3" -> Prctl.arg3(all[0], all[1], value);
      case "mount" -> mount(value);
      case "umount" -> bits(UMOUNT, u, "MNT_???");
      case "bpfcmd" -> indexed(BPF_COMMANDS, u, "BPF_???");
      case "seccompop" -> indexed(SECCOMP_OPS, u, "SECCOMP_SET_MODE_???");
      case "seccompflags" -> (all[0] & 0xffffffffL) == SECCOMP_SET_MODE_FILTER
          ? bits(SECCOMP_FILTER_FLAGS, u, "SECCOMP_FILTER_FLAG_???") : hex(u);
      case "rlimit" -> indexed(RLIMITS, u, "RLIMIT_???");
      case "madvise" -> named(MADVISE, u, "MADV_???");
      case "flock" -> bits(FLOCK, u, "LOCK_???");
      case "shutdown" -> indexed(SHUTDOWN, u, "SHUT_???");
      default -> throw new IllegalArgumentException("no flag set " + set);
    };
  }

  /** fcntl's third argument as its command {@code cmd} uses it (see {@link #FCNTL_ARG}). */
  private static Object fcntlArg(long cmd, long value, long[] all) {
    String set = FCNTL_ARG.get(cmd);
    if (set == null) {
      return hex(value);
    }
    return switch (set) {
      case "int" -> (long) (int) value;
      case "long" -> value;
      case "pointer" -> value == 0 ? "NULL" : hex(value);
      default -> render(set, value, all);
    };
  }

  /**
   * arch_prctl's second argument as strace 6.1 shows it at entry: in hex whatever the option
   * (an address, ARCH_SET_CPUID's flag), with its name for the xstate component that
   * ARCH_REQ_XCOMP_PERM and ARCH_REQ_XCOMP_GUEST_PERM ask for ({@code 0x12 /* XFEATURE_XTILE_DATA
   * *}{@code /}).
   */
  private static String archPrctlArg(long option, long value) {
    if (option != 0x1023 && option != 0x1025) {
      return hex(value);
    }
    String name = XFEATURES.get(value);
    return hex(value) + " /* " + (name != null ? name : "XFEATURE_???") + " */";
  }

  /**
   * The struct fcntl command {@code cmd} was given, read from the process, as strace prints it:
   * {@code {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0}}, {@code {type=F_OWNER_PID,
   * pid=42}}; {@code {...}} when fewer bytes than the struct were read.
   */
  public static String fcntlStruct(long cmd, byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (cmd == F_SETOWN_EX) { // struct f_owner_ex { int type; pid_t pid; }
      return data.length < 8 ? "{...}"
          : "{type=" + named(OWNER_TYPES, b.getInt(0) & 0xffffffffL, "F_OWNER_???") + ", pid=" + b.getInt(4) + "}";
    }
    // struct flock on x86_64: short l_type, short l_whence, (pad), off_t l_start, off_t l_len, pid_t l_pid
    return data.length < 24 ? "{...}"
        : "{l_type=" + named(LOCK_TYPES, b.getShort(0) & 0xffffL, "F_???")
            + ", l_whence=" + named(WHENCE, b.getShort(2) & 0xffffL, "SEEK_???")
            + ", l_start=" + b.getLong(8) + ", l_len=" + b.getLong(16) + "}";
  }

  /** CLONE_NEWTIME and the clone flags in {@code mask}, in ascending order as strace prints them. */
  private static Bit[] cloneFlags(long mask) {
    List<Bit> out = new ArrayList<>(List.of(CLONE_NEWTIME));
    for (Bit b : CLONE) {
      if ((b.value & mask) == b.value) {
        out.add(b);
      }
    }
    return out.toArray(new Bit[0]);
  }

  /** A value in hex as strace prints one: {@code 0x4d}, or {@code 0}. */
  public static String hex(long value) {
    return value == 0 ? "0" : "0x" + Long.toHexString(value);
  }

  /**
   * Whether mount(2) ignores its {@code type} (with {@code data} false) or its {@code data} under
   * {@code flags}, as strace decides it, showing such an argument as an address: a remount takes a
   * new type from nowhere but keeps its data; a bind, a move or a propagation change takes
   * neither. The magic of old callers (MS_MGC_VAL, whose bits overlap MS_PRIVATE and MS_SLAVE) is
   * left out first.
   */
  public static boolean mountIgnores(boolean data, long flags) {
    if ((flags & MS_MGC_MSK) == MS_MGC_VAL) {
      flags &= ~MS_MGC_MSK;
    }
    if ((flags & MS_REMOUNT) != 0) {
      return !data;
    }
    return (flags & MS_NEITHER_TYPE_NOR_DATA) != 0;
  }

  /** An address as strace prints one: {@code 0x7ffd0000}, or {@code NULL}. */
  public static String pointer(long value) {
    return value == 0 ? "NULL" : "0x" + Long.toHexString(value);
  }

  /** An unsigned 64-bit number: a Long, or a BigInteger past Long's range. */
  public static Object unsigned(long value) {
    return value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
  }

  private static String named(Map<Long, String> names, long value) {
    String n = names.get(value);
    return n != null ? n : Long.toString(value);
  }

  /** An enum's name, or as strace shows an unknown one: {@code 0x5 /* SEEK_??? *}{@code /}. */
  public static String named(Map<Long, String> names, long value, String unknown) {
    String n = names.get(value);
    return n != null ? n : hex(value) + " /* " + unknown + " */";
  }

  /** mount's flags, after {@code MS_MGC_VAL} when the upper half holds that magic number. */
  private static String mount(long flags) {
    if ((flags & 0xffff0000L) == MS_MGC_VAL) {
      long rest = flags & ~0xffff0000L;
      return rest == 0 ? "MS_MGC_VAL" : "MS_MGC_VAL|" + bits(MOUNT, rest, null);
    }
    return bits(MOUNT, flags, "MS_???");
  }

  /** The name at index {@code value}, or strace's note for a value past the names. */
  private static String indexed(String[] names, long value, String unknown) {
    return value < names.length ? names[(int) value] : hex(value) + " /* " + unknown + " */";
  }

  /** 1-31 by name, 32 SIGRTMIN, 33-64 SIGRT_1 to SIGRT_32 (the kernel's real-time range), else a number. */
  static String signal(int sig) {
    if (sig >= 0 && sig < SIGNALS.length) {
      return SIGNALS[sig];
    }
    return sig > 32 && sig <= 64 ? "SIGRT_" + (sig - 32) : Integer.toString(sig);
  }

  private static String memfd(long flags) {
    long huge = flags >>> 26 & 0x3f;
    String others = bits(MEMFD, flags & ~(0x3fL << 26), huge == 0 ? "MFD_???" : null);
    return huge == 0 ? others : join(others, huge + "<<MFD_HUGE_SHIFT");
  }

  /** {@code a|b}, leaving out a "0". */
  private static String join(String a, String b) {
    return a.equals("0") ? b : b.equals("0") ? a : a + "|" + b;
  }

  private static String open(int flags) {
    String mode = switch (flags & 3) {
      case 0 -> "O_RDONLY";
      case 1 -> "O_WRONLY";
      case 2 -> "O_RDWR";
      default -> "O_ACCMODE";
    };
    // O_TMPFILE is O_DIRECTORY plus one bit of its own; O_SYNC is O_DSYNC plus one bit.
    long rest = flags & ~3L;
    StringBuilder extra = new StringBuilder();
    if ((rest & 020200000) == 020200000) {
      extra.append("|O_TMPFILE");
      rest &= ~020200000L;
    }
    if ((rest & 04010000) == 04010000) {
      extra.append("|O_SYNC");
      rest &= ~04010000L;
    }
    String others = bits(OPEN, rest, null);
    return mode + (others.equals("0") ? "" : "|" + others) + extra;
  }

  private static String mmap(long flags) {
    String type = switch ((int) (flags & 0xf)) {
      case 1 -> "MAP_SHARED";
      case 2 -> "MAP_PRIVATE";
      case 3 -> "MAP_SHARED_VALIDATE";
      default -> null;
    };
    long rest = type == null ? flags : flags & ~0xfL;
    String others = bits(MMAP, rest, null);
    if (type == null) {
      return others;
    }
    return others.equals("0") ? type : type + "|" + others;
  }

  private static String clone(long flags) {
    int signal = (int) (flags & 0xff);
    String bits = bits(CLONE, flags & ~0xffL, null);
    if (signal == 0) {
      return bits;
    }
    String sig = signal == 17 ? "SIGCHLD" : Integer.toString(signal);
    return bits.equals("0") ? sig : bits + "|" + sig;
  }

  private static String socktype(int type) {
    String base = named(SOCK_TYPES, type & 0xf);
    String f = bits(SOCK_FLAGS, type & ~0xfL, null);
    return f.equals("0") ? base : base + "|" + f;
  }

  private static String protocol(int protocol, int family) {
    if (family == 2 || family == 10) {
      return named(IP_PROTOCOLS, protocol);
    }
    return Integer.toString(protocol);
  }

  /**
   * Names of the set bits joined by |, unknown bits last in hex; "0" for none. When no bit is
   * known and {@code unknown} is not null, strace's note follows: {@code 0x10 /* PROT_??? *}{@code /}.
   */
  public static String bits(Bit[] names, long value, String unknown) {
    StringBuilder out = new StringBuilder();
    long rest = value;
    for (Bit b : names) {
      if ((rest & b.value) == b.value && b.value != 0) {
        if (out.length() > 0) {
          out.append('|');
        }
        out.append(b.name);
        rest &= ~b.value;
      }
    }
    if (rest != 0) {
      boolean none = out.length() == 0;
      out.append(none ? "0x" : "|0x").append(Long.toHexString(rest));
      if (none && unknown != null) {
        out.append(" /* ").append(unknown).append(" */");
      }
    }
    return out.length() == 0 ? "0" : out.toString();
  }
}
