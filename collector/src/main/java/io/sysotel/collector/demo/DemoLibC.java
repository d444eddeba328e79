package io.sysotel.collector.demo;

import jnr.ffi.Pointer;

/**
 * The libc functions the simulator calls. Public only because jnr-ffi implements it from another
 * class loader; only {@link Calls} uses it.
 */
public interface DemoLibC {
  int prctl(int option, String arg2, long arg3, long arg4, long arg5);

  int chown(String path, int owner, int group);

  int mlockall(int flags);

  int munlockall();

  int mlock(Pointer address, long length);

  int munlock(Pointer address, long length);

  int kill(int pid, int signal);

  int socket(int domain, int type, int protocol);

  int setsockopt(int fd, int level, int name, Pointer value, int length);

  int bind(int fd, Pointer address, int length);

  int open(String path, int flags);

  int close(int fd);

  int chroot(String path);

  int setns(int fd, int nstype);

  long ptrace(int request, int pid, Pointer address, Pointer data);

  /** Raw syscall(2), for the calls whose glibc wrapper would repeat them on every thread. */
  long syscall(long number, long arg1, long arg2);

  int setuid(int uid);

  int setreuid(int ruid, int euid);

  int getpid();

  int getuid();

  int geteuid();

  int getegid();

  String strerror(int errno);
}
