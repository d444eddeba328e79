package io.sysotel.collector.bpf;

import jnr.ffi.Pointer;

/** The few libc functions the ring-buffer reader needs. Only {@link Native} calls these. */
public interface LibC {
  /**
   * Callers pass offset 0 only: jnr-ffi corrupts a sixth integer argument on some call paths
   * (jnr-ffi issue #181), so mappings that need an offset map from 0 and skip ahead instead.
   */
  Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset);

  int munmap(Pointer address, long length);

  int epoll_create1(int flags);

  int epoll_ctl(int epfd, int op, int fd, Pointer event);

  int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis);

  int close(int fd);

  int clock_gettime(int clockId, Pointer timespec);

  long sysconf(int name);

  String strerror(int errnum);
}
