package io.sysotel.collector.bpf;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.NativeLongByReference;

/**
 * Every native call of the collector, each checked: a failure becomes a {@link BpfException}
 * carrying errno and libbpf's or libc's text for it.
 */
public final class Native {

  static final int PROT_READ = 1;
  static final int PROT_WRITE = 2;
  static final int MAP_SHARED = 1;
  private static final int EPOLL_CLOEXEC = 0x80000;
  private static final int EPOLL_CTL_ADD = 1;
  private static final int EPOLLIN = 1;
  private static final int EINTR = 4;
  private static final int SC_PAGESIZE = 30;
  public static final int CLOCK_REALTIME = 0;
  public static final int CLOCK_BOOTTIME = 7;

  private static volatile Native instance;

  private final LibBpf bpf;
  private final LibC libc;
  private final Runtime runtime;
  private final long pageSize;

  private Native(LibBpf bpf, LibC libc) {
    this.bpf = bpf;
    this.libc = libc;
    this.runtime = Runtime.getRuntime(bpf);
    this.pageSize = libc.sysconf(SC_PAGESIZE);
  }

  /**
   * Loads libbpf and libc once.
   *
   * @throws UnsatisfiedLinkError when libbpf.so.1 is not installed
   */
  public static Native get() {
    Native n = instance;
    if (n == null) {
      synchronized (Native.class) {
        n = instance;
        if (n == null) {
          LibBpf bpf = LibraryLoader.create(LibBpf.class).failImmediately().load("bpf");
          LibC libc = LibraryLoader.create(LibC.class).failImmediately().load("c");
          n = instance = new Native(bpf, libc);
        }
      }
    }
    return n;
  }

  public long pageSize() {
    return pageSize;
  }

  /** Native memory holding {@code bytes}, freed by the garbage collector with its pointer. */
  public Pointer copyToNative(byte[] bytes) {
    Pointer p = Memory.allocateDirect(runtime, bytes.length);
    p.put(0, bytes, 0, bytes.length);
    return p;
  }

  public Pointer allocate(int size) {
    return Memory.allocateDirect(runtime, size, true);
  }

  // --- bpf_object ---

  Pointer openObject(Pointer buffer, long size) {
    return checkPointer(bpf.bpf_object__open_mem(buffer, size, null), "bpf_object__open_mem");
  }

  void loadObject(Pointer object) {
    checkInt(bpf.bpf_object__load(object), "bpf_object__load");
  }

  void closeObject(Pointer object) {
    bpf.bpf_object__close(object);
  }

  Pointer findProgram(Pointer object, String name) {
    return bpf.bpf_object__find_program_by_name(object, name);
  }

  Pointer findMap(Pointer object, String name) {
    return bpf.bpf_object__find_map_by_name(object, name);
  }

  void setAutoload(Pointer program, boolean autoload) {
    checkInt(bpf.bpf_program__set_autoload(program, autoload), "bpf_program__set_autoload");
  }

  Pointer attach(Pointer program) {
    return checkPointer(bpf.bpf_program__attach(program), "bpf_program__attach");
  }

  void destroyLink(Pointer link) {
    checkInt(bpf.bpf_link__destroy(link), "bpf_link__destroy");
  }

  // --- bpf_map ---

  int mapFd(Pointer map) {
    return checkInt(bpf.bpf_map__fd(map), "bpf_map__fd");
  }

  void setMaxEntries(Pointer map, int maxEntries) {
    checkInt(bpf.bpf_map__set_max_entries(map, maxEntries), "bpf_map__set_max_entries");
  }

  int maxEntries(Pointer map) {
    return bpf.bpf_map__max_entries(map);
  }

  int valueSize(Pointer map) {
    return bpf.bpf_map__value_size(map);
  }

  /** The map's initial-value memory; after load, the live mapping of a global data section. */
  Pointer initialValue(Pointer map, String name) {
    NativeLongByReference size = new NativeLongByReference();
    Pointer p = bpf.bpf_map__initial_value(map, size);
    if (p == null) {
      throw new BpfException("bpf_map__initial_value(" + name + ")", 22, "not a global data map");
    }
    return p;
  }

  boolean lookup(int fd, Pointer key, Pointer value) {
    return foundOrAbsent(bpf.bpf_map_lookup_elem(fd, key, value), "bpf_map_lookup_elem");
  }

  void update(int fd, Pointer key, Pointer value, long flags) {
    checkInt(bpf.bpf_map_update_elem(fd, key, value, flags), "bpf_map_update_elem");
  }

  boolean delete(int fd, Pointer key) {
    return foundOrAbsent(bpf.bpf_map_delete_elem(fd, key), "bpf_map_delete_elem");
  }

  /** True for success, false for ENOENT (no such key), a BpfException for anything else. */
  private boolean foundOrAbsent(int rc, String operation) {
    if (rc == 0) {
      return true;
    }
    int errno = errno(rc);
    if (errno == 2) { // ENOENT
      return false;
    }
    throw error(operation, errno);
  }

  public int possibleCpus() {
    return checkInt(bpf.libbpf_num_possible_cpus(), "libbpf_num_possible_cpus");
  }

  // --- libc ---

  /** Maps {@code length} bytes of {@code fd} from offset 0 (see {@link LibC#mmap}). */
  long mmap(long length, int prot, int fd, String what) {
    Pointer p = libc.mmap(null, length, prot, MAP_SHARED, fd, 0L);
    long address = p == null ? 0 : p.address();
    if (address == 0 || address == -1L) {
      throw error("mmap(" + what + ")", runtime.getLastError());
    }
    return address;
  }

  void munmap(long address, long length) {
    if (libc.munmap(Pointer.wrap(runtime, address), length) != 0) {
      throw error("munmap", runtime.getLastError());
    }
  }

  Pointer wrap(long address) {
    return Pointer.wrap(runtime, address);
  }

  /** A direct buffer over native memory that this class mapped. */
  static ByteBuffer buffer(long address, long length) {
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("mapping too large for one buffer: " + length);
    }
    return MemoryIO.getInstance().newDirectByteBuffer(address, (int) length).order(ByteOrder.LITTLE_ENDIAN);
  }

  int epollFor(int fd) {
    int epfd = libc.epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) {
      throw error("epoll_create1", runtime.getLastError());
    }
    Pointer event = allocate(16); // struct epoll_event is packed: u32 events, u64 data
    event.putInt(0, EPOLLIN);
    event.putLong(4, fd);
    if (libc.epoll_ctl(epfd, EPOLL_CTL_ADD, fd, event) != 0) {
      int errno = runtime.getLastError();
      libc.close(epfd);
      throw error("epoll_ctl", errno);
    }
    return epfd;
  }

  /** Waits for readiness; returns the number of ready descriptors, 0 on timeout or signal. */
  int epollWait(int epfd, Pointer events, int timeoutMillis) {
    int n = libc.epoll_wait(epfd, events, 1, timeoutMillis);
    if (n < 0) {
      int errno = runtime.getLastError();
      if (errno == EINTR) {
        return 0;
      }
      throw error("epoll_wait", errno);
    }
    return n;
  }

  void closeFd(int fd) {
    libc.close(fd);
  }

  /** The clock's current time in nanoseconds. */
  public long clockNanos(int clockId) {
    Pointer ts = Memory.allocateDirect(runtime, 16);
    if (libc.clock_gettime(clockId, ts) != 0) {
      throw error("clock_gettime", runtime.getLastError());
    }
    return ts.getLong(0) * 1_000_000_000L + ts.getLong(8);
  }

  // --- errors ---

  private Pointer checkPointer(Pointer p, String operation) {
    if (p == null || p.address() == 0) {
      throw error(operation, runtime.getLastError());
    }
    return p;
  }

  private int checkInt(int rc, String operation) {
    if (rc < 0) {
      throw error(operation, errno(rc));
    }
    return rc;
  }

  /** libbpf returns -errno and also sets errno; prefer the return value. */
  private int errno(int rc) {
    return rc < 0 ? -rc : runtime.getLastError();
  }

  private BpfException error(String operation, int errno) {
    return new BpfException(operation, errno, describe(errno));
  }

  /** libbpf's text for errno, which also knows libbpf's own codes (above 4000). */
  String describe(int errno) {
    Pointer buf = Memory.allocateDirect(runtime, 256);
    if (bpf.libbpf_strerror(errno, buf, 256) == 0) {
      return buf.getString(0);
    }
    return libc.strerror(errno);
  }
}
