package io.sysotel.collector.kernel;

import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.UserBytes;
import io.sysotel.collector.syscalls.ArgDecoding;
import io.sysotel.collector.syscalls.ArgFormat;
import io.sysotel.collector.syscalls.DecodingTable;
import io.sysotel.collector.syscalls.Ioctls;
import io.sysotel.collector.syscalls.Prctl;
import io.sysotel.collector.syscalls.Symbols;
import io.sysotel.collector.syscalls.Syscall;
import io.sysotel.collector.syscalls.SyscallTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a record's raw arguments and captured chunks into decoded {@link Arguments}, in strace's
 * notation. Holds per-syscall names and decodings; not thread-safe only in that it is meant for
 * the reader thread, it keeps no mutable state.
 */
public final class ArgumentDecoder {

  private static final String[] UNKNOWN_ARGUMENTS = {"arg0", "arg1", "arg2", "arg3", "arg4", "arg5"};
  private static final String[] ERRNO = new String[134];

  static {
    String[] names = {
      null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
      "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV",
      "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG",
      "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE"
    };
    System.arraycopy(names, 0, ERRNO, 0, names.length);
    ERRNO[36] = "ENAMETOOLONG";
  }

  private final String[][] names;
  private final ArgDecoding[][] decodings;

  public ArgumentDecoder(SyscallTable table, DecodingTable decoding) {
    int max = table.maxNumber() + 1;
    names = new String[max][];
    decodings = new ArgDecoding[max][];
    for (Syscall s : table.all()) {
      names[s.number()] = s.args().stream().map(a -> a.name()).toArray(String[]::new);
      decodings[s.number()] = decoding.of(s.number());
    }
  }

  /** The arguments of the record of {@code length} bytes at {@code off}. */
  public Arguments decode(ByteBuffer b, int off, int length) {
    int nr = b.getInt(off + Abi.Event.SYSCALL_NR);
    long[] raw = new long[6];
    for (int i = 0; i < 6; i++) {
      raw[i] = b.getLong(off + Abi.Event.ARGS + 8 * i);
    }
    String[] argNames = nr >= 0 && nr < names.length ? names[nr] : null;
    if (argNames == null) {
      return new Arguments(UNKNOWN_ARGUMENTS, raw);
    }
    ArgDecoding[] ds = decodings[nr];
    Chunk[] chunks = length > Abi.Event.SIZE ? chunks(b, off, Math.min(length, b.getInt(off + Abi.Event.SIZE_FIELD))) : null;
    Object[] values = null;
    for (int i = 0; i < argNames.length; i++) {
      // Integers are kept in raw, as their C type gives them, without boxing.
      switch (ds[i].format()) {
        case INT -> raw[i] = (int) raw[i];
        case UINT -> raw[i] &= 0xffffffffL;
        case LONG -> { }
        case ULONG -> {
          if (raw[i] < 0) {
            values = set(values, argNames.length, i, value(ds[i], i, raw, null));
          }
        }
        case DIRFD -> {
          raw[i] = (int) raw[i];
          if (raw[i] == -100) {
            values = set(values, argNames.length, i, "AT_FDCWD");
          }
        }
        default -> values = set(values, argNames.length, i, value(ds[i], i, raw, chunks == null ? null : chunks[i]));
      }
    }
    return new Arguments(argNames, raw, values);
  }

  private static Object[] set(Object[] values, int n, int i, Object value) {
    Object[] out = values != null ? values : new Object[n];
    out[i] = value;
    return out;
  }

  /** What the kernel captured of one argument: one chunk, or a string array's elements. */
  record Chunk(int kind, byte[] data, int error, boolean truncated, long size, List<Chunk> elements) {}

  private static Chunk[] chunks(ByteBuffer b, int off, int size) {
    Chunk[] out = new Chunk[6];
    int p = off + Abi.Event.SIZE;
    int end = off + size;
    while (p + Abi.Chunk.SIZE <= end) {
      int arg = b.get(p + Abi.Chunk.ARG) & 0xff;
      int kind = b.get(p + Abi.Chunk.KIND) & 0xff;
      int len = b.getShort(p + Abi.Chunk.LEN) & 0xffff;
      int error = b.getShort(p + Abi.Chunk.ERROR);
      int flags = b.getShort(p + Abi.Chunk.FLAGS) & 0xffff;
      long csize = Integer.toUnsignedLong(b.getInt(p + Abi.Chunk.SIZE_FIELD));
      int data = p + Abi.Chunk.SIZE;
      if (arg >= 6 || data + len > end) {
        break;
      }
      byte[] bytes = new byte[len];
      b.get(data, bytes, 0, len);
      boolean truncated = (flags & Abi.CHUNK_TRUNCATED) != 0;
      if (kind == Abi.ARG_STRINGS) {
        Chunk array = out[arg];
        if (array == null) {
          array = out[arg] = new Chunk(kind, null, 0, false, 0, new ArrayList<>());
        }
        if ((flags & Abi.CHUNK_END) != 0) {
          out[arg] = new Chunk(kind, null, 0, truncated, csize, array.elements());
        } else {
          array.elements().add(new Chunk(kind, bytes, error, truncated, 0, null));
        }
      } else if (kind == Abi.ARG_MSGHDR) {
        out[arg] = new Chunk(kind, bytes, error, truncated, csize, new ArrayList<>());
      } else if (out[arg] != null && out[arg].kind() == Abi.ARG_MSGHDR) {
        out[arg].elements().add(new Chunk(kind, bytes, error, truncated, csize, null));
      } else if (kind == Abi.ARG_IOVEC) { // the vectors, in order
        if (out[arg] == null) {
          out[arg] = new Chunk(kind, null, 0, false, 0, new ArrayList<>());
        }
        out[arg].elements().add(new Chunk(kind, bytes, error, truncated, csize, null));
      } else {
        out[arg] = new Chunk(kind, bytes, error, truncated, csize, null);
      }
      p = data + ((len + 7) & ~7);
    }
    return out;
  }

  static Object value(ArgDecoding d, int i, long[] raw, Chunk c) {
    long v = raw[i];
    return switch (d.format()) {
      case INT -> (long) (int) v;
      case LONG -> v;
      case UINT -> v & 0xffffffffL;
      case ULONG -> Symbols.unsigned(v);
      case MODE -> mode(v);
      case HEX -> v == 0 ? "0" : Arguments.ADDRESS;
      case DIRFD -> (int) v == -100 ? "AT_FDCWD" : (Object) (long) (int) v;
      case FLAGS -> Symbols.render(d.flags(), v, raw);
      case POINTER -> v == 0 ? "NULL" : Arguments.ADDRESS;
      case STRING -> string(v, c);
      case BUFFER -> {
        Object p = unread(v, c);
        yield p != null ? p : new UserBytes(c.data(), c.truncated(), raw[d.lengthArg()]);
      }
      case OPTVAL -> { // setsockopt's: level and optname are its arguments 1 and 2
        Object p = unread(v, c);
        yield p != null ? p
            : SocketOptionValues.render((int) raw[1], (int) raw[2], (int) raw[d.lengthArg()], v, c.data(), c.truncated());
      }
      case SOCKADDR -> {
        Object p = unread(v, c);
        yield p != null ? p : Sockaddrs.render(c.data());
      }
      case IOVEC -> {
        Object p = v == 0 || c == null ? unread(v, c) : null;
        yield p != null ? p : iovec(v, c.elements(), raw[d.lengthArg()]);
      }
      case MSGHDR -> {
        Object p = unread(v, c);
        yield p != null ? p : msghdr(c);
      }
      case FCNTL -> {
        long cmd = raw[d.lengthArg()] & 0xffffffffL; // an unsigned int
        if (!ArgFormat.FCNTL.reads(cmd)) {
          yield Symbols.render("fcntlarg", v, raw);
        }
        Object p = unread(v, c);
        yield p != null ? p : Symbols.fcntlStruct(cmd, c.data());
      }
      case IOCTL -> {
        long request = raw[d.lengthArg()];
        if (!ArgFormat.IOCTL.reads(request)) {
          yield Ioctls.argument(request, v);
        }
        Object p = unread(v, c);
        yield p != null ? p : IoctlValues.render(request, c.data());
      }
      case PRCTL -> {
        long option = raw[d.lengthArg()];
        if (!ArgFormat.PRCTL.reads(option)) {
          yield Prctl.arg2(option, v);
        }
        yield string(v, c);
      }
      case MOUNT_TYPE, MOUNT_DATA -> {
        if (Symbols.mountIgnores(d.format() == ArgFormat.MOUNT_DATA, raw[d.lengthArg()])) {
          yield Symbols.pointer(v);
        }
        yield string(v, c);
      }
      case RLIMIT, TIMESPEC -> {
        Object p = unread(v, c);
        yield p != null ? p : struct(d.format(), v, c.data());
      }
      case STRINGS -> {
        Object p = v == 0 || c == null ? pointerOrMissing(v) : null;
        yield p != null ? p : strings(c);
      }
    };
  }

  /** A C string read from the process, or the pointer's rendering when it was not read. */
  private static Object string(long v, Chunk c) {
    Object p = unread(v, c);
    return p != null ? p : new UserBytes(c.data(), c.truncated(), -1);
  }

  /** A struct of {@link ArgFormat#structBytes} read whole, as strace shows it. */
  private static String struct(ArgFormat format, long address, byte[] data) {
    if (data.length < format.structBytes()) { // shorter only if the record ran out of room
      return Symbols.pointer(address);
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    return format == ArgFormat.RLIMIT
        ? "{rlim_cur=" + rlimit(b.getLong(0)) + ", rlim_max=" + rlimit(b.getLong(8)) + "}"
        : "{tv_sec=" + b.getLong(0) + ", tv_nsec=" + Long.toUnsignedString(b.getLong(8)) + "}";
  }

  /** A resource limit as strace shows it: {@code RLIM64_INFINITY}, {@code 8192*1024}, {@code 1024}. */
  static String rlimit(long v) {
    if (v == -1) {
      return "RLIM64_INFINITY";
    }
    return Long.compareUnsigned(v, 1024) > 0 && (v & 1023) == 0 ? Long.toUnsignedString(v >>> 10) + "*1024"
        : Long.toUnsignedString(v);
  }

  static String mode(long v) {
    String octal = Long.toOctalString(v & 0xffffffffL);
    return octal.length() >= 3 ? "0" + octal : "0".repeat(4 - octal.length()) + octal;
  }

  private static String pointerOrMissing(long v) {
    return v == 0 ? "NULL" : Symbols.pointer(v) + " /* not captured */";
  }

  /** The rendering of a pointer whose target was not read, or null when it was. */
  private static String unread(long v, Chunk c) {
    if (v == 0) {
      return "NULL";
    }
    if (c == null) {
      // no room left in the record, or an address length that was not positive
      return Symbols.pointer(v);
    }
    if (c.error() != 0) {
      return unreadable(v, c.error());
    }
    return null;
  }

  /** An address whose target could not be read, with the error: {@code 0x8 /* EFAULT *}{@code /}. */
  private static String unreadable(long address, int error) {
    return Symbols.pointer(address) + " /* " + errno(-error) + " */";
  }

  static String errno(int e) {
    String n = e > 0 && e < ERRNO.length ? ERRNO[e] : null;
    return n != null ? n : "errno " + e;
  }

  /**
   * An iovec array at {@code address} of {@code count} elements, from the vectors read in order
   * ({@code [{iov_base="ab", iov_len=2}, {iov_base="c", iov_len=1}]}); {@code ...} stands for
   * vectors not read (the element limit, or no room left in the record); an array not read
   * is shown by its address, with the error when it was unreadable.
   */
  private static String iovec(long address, List<Chunk> vectors, long count) {
    if (vectors.isEmpty()) {
      return Symbols.pointer(address);
    }
    if (vectors.get(0).error() != 0) {
      return unreadable(address, vectors.get(0).error());
    }
    StringBuilder out = new StringBuilder("[");
    for (Chunk c : vectors) {
      if (out.length() > 1) {
        out.append(", ");
      }
      if (c.error() != 0) {
        out.append("/* ").append(errno(-c.error())).append(" */");
        continue;
      }
      boolean partial = c.data().length < c.size();
      out.append("{iov_base=").append(new UserBytes(c.data(), partial, c.size()).quoted());
      out.append(", iov_len=").append(c.size()).append('}');
    }
    if (vectors.size() < count) {
      out.append(", ...");
    }
    return out.append(']').toString();
  }

  /** strace's rendering of a {@code struct user_msghdr} with what was read of it. */
  private static String msghdr(Chunk c) {
    ByteBuffer m = ByteBuffer.wrap(c.data()).order(ByteOrder.LITTLE_ENDIAN);
    if (m.remaining() < 56) {
      return "{...}";
    }
    long name = m.getLong(0);
    int namelen = m.getInt(8);
    long iov = m.getLong(16);
    long iovlen = m.getLong(24);
    long control = m.getLong(32);
    long controllen = m.getLong(40);
    int flags = m.getInt(48);
    Chunk address = null;
    Chunk controlData = null;
    List<Chunk> vectors = new ArrayList<>();
    for (Chunk e : c.elements()) {
      if (e.kind() == Abi.ARG_SOCKADDR) {
        address = e;
      } else if (e.kind() == Abi.ARG_BUFFER) {
        controlData = e;
      } else if (e.kind() == Abi.ARG_IOVEC) {
        vectors.add(e);
      }
    }
    StringBuilder out = new StringBuilder("{msg_name=");
    if (name == 0) {
      out.append("NULL");
    } else if (address != null && address.error() == 0) {
      out.append(Sockaddrs.render(address.data()));
    } else {
      out.append(address != null ? unreadable(name, address.error()) : Symbols.pointer(name));
    }
    out.append(", msg_namelen=").append(namelen).append(", msg_iov=");
    out.append(iov == 0 ? "NULL" : iovec(iov, vectors, iovlen));
    out.append(", msg_iovlen=").append(iovlen);
    if (controllen != 0) {
      out.append(", msg_control=");
      if (control == 0 || controlData == null) {
        out.append(Symbols.pointer(control));
      } else if (controlData.error() != 0) {
        out.append(unreadable(control, controlData.error()));
      } else {
        out.append(ControlMessages.render(controlData.data(), control, controllen));
      }
    }
    out.append(", msg_controllen=").append(controllen).append(", msg_flags=").append(flags);
    return out.append('}').toString();
  }

  private static String strings(Chunk array) {
    StringBuilder out = new StringBuilder("[");
    List<Chunk> elements = array.elements();
    for (int i = 0; i < elements.size(); i++) {
      Chunk e = elements.get(i);
      if (i > 0) {
        out.append(", ");
      }
      if (e.error() != 0) {
        out.append("/* ").append(errno(-e.error())).append(" */");
      } else {
        out.append(new UserBytes(e.data(), e.truncated(), -1).quoted());
      }
    }
    if (array.truncated()) {
      out.append(elements.isEmpty() ? "..." : ", ...");
    }
    return out.append(']').toString();
  }
}
