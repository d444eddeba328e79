package io.sysotel.collector.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How each argument of each syscall is decoded: a rule from its C type, overridden by a
 * reviewed table of exceptions kept beside the syscall table ({@code x86_64-decoding.tsv}).
 */
public final class DecodingTable {

  private static final Set<String> INT_TYPES = Set.of(
      "int", "const int", "pid_t", "__s32", "key_t", "clockid_t", "const clockid_t", "timer_t",
      "mqd_t", "key_serial_t", "rwf_t");
  private static final Set<String> LONG_TYPES = Set.of("long", "loff_t", "off_t");
  private static final Set<String> UINT_TYPES = Set.of(
      "unsigned int", "unsigned", "u32", "const __u32", "__u32", "uid_t", "gid_t", "qid_t");
  private static final Set<String> DIRFDS = Set.of("dfd", "olddfd", "newdfd", "from_dfd", "to_dfd");
  /** File descriptors the kernel types unsigned: shown signed, as strace does (-1, not 4294967295). */
  private static final Set<String> FDS = Set.of("fd", "oldfd", "newfd");

  private final ArgDecoding[][] byNumber;

  private DecodingTable(ArgDecoding[][] byNumber) {
    this.byNumber = byNumber;
  }

  /** The decodings of the shipped x86_64 table. */
  public static DecodingTable x86_64() {
    return X86_64.TABLE;
  }

  private static final class X86_64 {
    static final DecodingTable TABLE = load(SyscallTable.x86_64(), "x86_64-decoding.tsv");
  }

  private static DecodingTable load(SyscallTable table, String resource) {
    return Resources.read(resource, "decoding table", (in, source) -> parse(table, in, source));
  }

  /**
   * Reads exception lines {@code syscall<TAB>argument<TAB>format[<TAB>flag set or length argument]}.
   *
   * @throws IllegalStateException naming the line of an exception that does not fit the table
   */
  static DecodingTable parse(SyscallTable table, BufferedReader in, String source) throws IOException {
    Map<String, ArgDecoding> exceptions = new HashMap<>();
    int lineNumber = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = source + ":" + lineNumber + ": ";
      String[] cols = line.split("\t", -1);
      if (cols.length < 3 || cols.length > 4) {
        throw new IllegalStateException(where + "expected 3 or 4 tab-separated columns");
      }
      Syscall s = table.byName(cols[0]).orElseThrow(
          () -> new IllegalStateException(where + "no syscall " + cols[0]));
      if (index(s, cols[1]) < 0) {
        throw new IllegalStateException(where + s.name() + " has no argument " + cols[1]);
      }
      ArgFormat format;
      try {
        format = ArgFormat.valueOf(cols[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + "unknown format " + cols[2], e);
      }
      String detail = cols.length == 4 ? cols[3] : null;
      ArgDecoding d;
      switch (format) {
        case BUFFER, OPTVAL, SOCKADDR, IOVEC, FCNTL, IOCTL, PRCTL, MOUNT_TYPE, MOUNT_DATA -> {
          int len = detail == null ? -1 : index(s, detail);
          if (len < 0) {
            throw new IllegalStateException(where + format + " needs the " + format.sibling() + " argument of " + s.name());
          }
          d = new ArgDecoding(format, null, len);
        }
        case FLAGS -> {
          if (detail == null || !Symbols.exists(detail)) {
            throw new IllegalStateException(where + "unknown flag set " + detail);
          }
          d = new ArgDecoding(format, detail, -1);
        }
        default -> {
          if (detail != null) {
            throw new IllegalStateException(where + format + " takes no fourth column");
          }
          d = ArgDecoding.of(format);
        }
      }
      if (exceptions.put(s.name() + "\t" + cols[1], d) != null) {
        throw new IllegalStateException(where + "second line for " + s.name() + " " + cols[1]);
      }
    }
    ArgDecoding[][] byNumber = new ArgDecoding[table.maxNumber() + 1][];
    for (Syscall s : table.all()) {
      List<SyscallArg> args = s.args();
      ArgDecoding[] ds = new ArgDecoding[args.size()];
      for (int i = 0; i < ds.length; i++) {
        ArgDecoding e = exceptions.get(s.name() + "\t" + args.get(i).name());
        ds[i] = e != null ? e : byRule(args.get(i));
      }
      byNumber[s.number()] = ds;
    }
    return new DecodingTable(byNumber);
  }

  private static int index(Syscall s, String arg) {
    for (int i = 0; i < s.args().size(); i++) {
      if (s.args().get(i).name().equals(arg)) {
        return i;
      }
    }
    return -1;
  }

  /** The decoding of an argument that is not an exception. */
  static ArgDecoding byRule(SyscallArg arg) {
    String type = arg.type().trim();
    if (type.contains("*")) {
      String t = type.replace(" ", "");
      if (t.equals("constchar*")) {
        return ArgDecoding.of(ArgFormat.STRING);
      }
      if (t.equals("constchar*const*")) {
        return ArgDecoding.of(ArgFormat.STRINGS);
      }
      return ArgDecoding.of(ArgFormat.POINTER);
    }
    if (FDS.contains(arg.name())) {
      return ArgDecoding.of(ArgFormat.INT);
    }
    if (type.equals("umode_t")) {
      return ArgDecoding.of(ArgFormat.MODE);
    }
    if (INT_TYPES.contains(type)) {
      return ArgDecoding.of(DIRFDS.contains(arg.name()) ? ArgFormat.DIRFD : ArgFormat.INT);
    }
    if (LONG_TYPES.contains(type)) {
      return ArgDecoding.of(ArgFormat.LONG);
    }
    if (UINT_TYPES.contains(type)) {
      return ArgDecoding.of(ArgFormat.UINT);
    }
    if (type.contains("cap_user_")) {
      return ArgDecoding.of(ArgFormat.POINTER);
    }
    // size_t, unsigned long, u64, uint64_t, __u64 and types of unknown width: the full register.
    return ArgDecoding.of(ArgFormat.ULONG);
  }

  /** The decodings of syscall {@code number}'s arguments, or null for an unknown number. */
  public ArgDecoding[] of(int number) {
    return number >= 0 && number < byNumber.length ? byNumber[number] : null;
  }
}
