package io.sysotel.collector.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are strace 6.1's output for the same values. */
class SymbolsTest {

  private static String render(String set, long value) {
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
    assertEquals("0xa /* CLOCK_??? */", render("clock", 10));
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
}
