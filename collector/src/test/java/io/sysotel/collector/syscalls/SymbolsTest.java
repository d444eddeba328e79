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
}
