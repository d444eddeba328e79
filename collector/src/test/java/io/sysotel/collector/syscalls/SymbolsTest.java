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
  void signalsSeekAndMessageFlags() {
    assertEquals("0", render("signal", 0));
    assertEquals("SIGKILL", render("signal", 9));
    assertEquals("SIGSYS", render("signal", 31));
    assertEquals("SIGRT_0", render("signal", 32));
    assertEquals("SIGRT_8", render("signal", 40));
    assertEquals("65", render("signal", 65));
    assertEquals("SEEK_SET", render("whence", 0));
    assertEquals("SEEK_HOLE", render("whence", 4));
    assertEquals("0x7 /* SEEK_??? */", render("whence", 7));
    assertEquals("0", render("msg", 0));
    assertEquals("MSG_DONTWAIT|MSG_NOSIGNAL", render("msg", 0x4040));
    assertEquals("MSG_OOB|MSG_CMSG_COMPAT", render("msg", 0x80000001L));
    assertEquals("MSG_PEEK|0x100000", render("msg", 0x100002));
    assertEquals("MSG_PEEK", render("msg", 0xffffffff00000002L), "an unsigned int: the register's upper half is not the argument's");
  }

  @Test
  void descriptorAndAtFlags() {
    assertEquals("O_NONBLOCK|O_CLOEXEC", render("fdflags", 04000 | 02000000));
    assertEquals("0", render("fdflags", 0));
    assertEquals("AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH", render("at", 0x1100));
    assertEquals("AT_REMOVEDIR", render("unlinkat", 0x200));
    assertEquals("AT_EACCESS", render("faccessat", 0x200));
    assertEquals("EFD_CLOEXEC|EFD_NONBLOCK", render("eventfd", 02000000 | 04000));
    assertEquals("EPOLL_CLOEXEC", render("epoll", 02000000));
    assertEquals("MFD_CLOEXEC|MFD_ALLOW_SEALING", render("memfd", 3));
    assertEquals("MFD_CLOEXEC|0x100", render("memfd", 0x101));
  }
}
