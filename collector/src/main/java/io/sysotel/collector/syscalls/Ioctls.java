package io.sysotel.collector.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ioctl's {@code cmd} and {@code arg} as strace 6.1 shows them at entry. The requests of the
 * generated table (x86_64-ioctls.tsv, from the Linux headers by
 * collector/scripts/gen-ioctl-table.py) by name, names that share a number joined as strace
 * joins them ({@code BTRFS_IOC_CLONE or FICLONE}); any other request by its {@code _IOC} fields
 * ({@code _IOC(_IOC_READ, 0x78, 0x1, 0x4)}). The argument as the request takes it: a pointer
 * ({@code NULL} or the address), an int, an unsigned long, a number in hex, a named value, or
 * what the pointer points to when the request gives the kernel an int ({@code [1]}), a
 * character (TIOCSTI, {@code "x"}), a struct winsize, terminal settings, inode flags or an
 * interface request, read in the kernel (the requests {@link #READS} names) and rendered by the
 * kernel package's IoctlValues.
 */
public final class Ioctls {

  /** How a request's argument is shown (the table's third column). */
  public enum Argument {
    /**
     * {@code NULL} or the address in hex: the default (a struct the kernel fills, or one the
     * process gives that strace reads and sysotel does not).
     */
    POINTER,
    /** An int the process gives, read in the kernel: {@code [1]}. */
    INTPTR(4),
    /** The modem lines the process gives (TIOCMSET, TIOCMBIS, TIOCMBIC): {@code [TIOCM_DTR|TIOCM_RTS]}. */
    MODEMPTR(4),
    /** TIOCSTI's character: {@code "x"}. */
    CHARPTR(1),
    /** TIOCSWINSZ's {@code struct winsize}. */
    WINSIZE(8),
    /** The terminal settings of TCSETS, TCSETSW, TCSETSF and TIOCSLCKTRMIOS: {@code struct termios}. */
    TERMIOS(36),
    /** The terminal settings of TCSETA, TCSETAW and TCSETAF: {@code struct termio}. */
    TERMIO(18),
    /** The terminal settings of TCSETS2, TCSETSW2 and TCSETSF2: {@code struct termios2}. */
    TERMIOS2(44),
    /** The inode flags FS_IOC_SETFLAGS gives (an int): {@code [FS_APPEND_FL|FS_NOATIME_FL]}. */
    FSFLAGS(4),
    /** A network interface request's {@code struct ifreq}: {@code {ifr_name="eth0", ifr_mtu=1400}}. */
    IFREQ(40),
    /** SIOCGIFCONF's {@code struct ifconf}: the length and address of the buffer to fill. */
    IFCONF(16),
    /** A number in hex, {@code 0} as 0; also every request not in the table. */
    HEX,
    /** None: strace leaves the argument out; the register in hex here. */
    NONE,
    /** In hex here, where strace decodes further (console tones, LEDs, a signal, the meta key). */
    OTHER,
    /** A C int, in decimal. */
    INT,
    /** An unsigned long, in decimal. */
    ULONG,
    /** TCXONC's action: {@code TCOON}. */
    TCXONC,
    /** TCFLSH's queue: {@code TCIOFLUSH}. */
    TCFLSH,
    /** KDSETMODE's mode: {@code KD_GRAPHICS}. */
    KDMODE,
    /** KDSKBMODE's keyboard mode: {@code K_UNICODE}. */
    KBMODE,
    /** The perf event requests' flag: {@code PERF_IOC_FLAG_GROUP}. */
    PERFFLAGS;

    /** The bytes the kernel reads through the pointer, 0 when it reads none. */
    final int reads;

    Argument() {
      this(0);
    }

    Argument(int reads) {
      this.reads = reads;
    }

    static Argument of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private record Request(String name, Argument argument) {}

  private static final Map<Long, Request> REQUESTS = load("x86_64-ioctls.tsv");

  /** The requests that give the kernel an int, a character or a struct, and its size ({@link ArgFormat#commandReads}). */
  static final Map<Long, CommandRead> READS = reads(REQUESTS);

  private static final Map<Long, String> TCXONC = Map.of(0L, "TCOOFF", 1L, "TCOON", 2L, "TCIOFF", 3L, "TCION");
  private static final Map<Long, String> TCFLSH = Map.of(0L, "TCIFLUSH", 1L, "TCOFLUSH", 2L, "TCIOFLUSH");
  private static final Map<Long, String> KD_MODES = Map.of(0L, "KD_TEXT", 1L, "KD_GRAPHICS", 2L, "KD_TEXT0", 3L, "KD_TEXT1");
  private static final Map<Long, String> KB_MODES =
      Map.of(0L, "K_RAW", 1L, "K_XLATE", 2L, "K_MEDIUMRAW", 3L, "K_UNICODE", 4L, "K_OFF");
  private static final Symbols.Bit[] PERF_FLAGS = {new Symbols.Bit(1, "PERF_IOC_FLAG_GROUP")};
  private static final String[] DIRECTIONS = {"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"};

  private Ioctls() {}

  /** The request's name, or its {@code _IOC} fields. Only the low 32 bits count (an unsigned int). */
  public static String request(long cmd) {
    long c = cmd & 0xffffffffL;
    Request r = REQUESTS.get(c);
    if (r != null) {
      return r.name();
    }
    return "_IOC(" + DIRECTIONS[(int) (c >>> 30)] + ", " + Symbols.hex((c >>> 8) & 0xff) + ", " + Symbols.hex(c & 0xff) + ", "
        + Symbols.hex((c >>> 16) & 0x3fff) + ")";
  }

  /** How request {@code cmd} takes its argument. */
  public static Argument argumentOf(long cmd) {
    Request r = REQUESTS.get(cmd & 0xffffffffL);
    return r != null ? r.argument() : Argument.HEX;
  }

  /**
   * The argument {@code value} of request {@code cmd} shown without reading what it points to:
   * a String, or a number (Long, or BigInteger past Long's range) where strace shows a number in
   * decimal.
   */
  public static Object argument(long cmd, long value) {
    long u = value & 0xffffffffL;
    return switch (argumentOf(cmd)) {
      case POINTER, INTPTR, MODEMPTR, CHARPTR, WINSIZE, TERMIOS, TERMIO, TERMIOS2, FSFLAGS, IFREQ, IFCONF ->
          Symbols.pointer(value);
      case HEX, NONE, OTHER -> Symbols.hex(value);
      case INT -> (long) (int) value;
      case ULONG -> Symbols.unsigned(value);
      case TCXONC -> Symbols.named(TCXONC, value, "TC???");
      case TCFLSH -> Symbols.named(TCFLSH, value, "TC???");
      case KDMODE -> Symbols.named(KD_MODES, u, "KD_???");
      case KBMODE -> {
        String n = KB_MODES.get(u);
        yield n != null ? n : (int) value + " /* K_??? */";
      }
      case PERFFLAGS -> Symbols.bits(PERF_FLAGS, u, "PERF_IOC_FLAG_???");
    };
  }

  /** The table's requests and their names. */
  public static Map<Long, String> table() {
    Map<Long, String> out = new TreeMap<>();
    REQUESTS.forEach((k, v) -> out.put(k, v.name()));
    return out;
  }

  private static Map<Long, CommandRead> reads(Map<Long, Request> requests) {
    Map<Long, CommandRead> out = new HashMap<>();
    requests.forEach((cmd, r) -> {
      if (r.argument().reads > 0) {
        out.put(cmd, CommandRead.ofBytes(r.argument().reads));
      }
    });
    return Map.copyOf(out);
  }

  private static Map<Long, Request> load(String resource) {
    return Resources.read(resource, "ioctl table", Ioctls::parse);
  }

  /**
   * Reads lines {@code name<TAB>request<TAB>argument}; names of one request are joined in
   * alphabetical order with {@code " or "}, and must take their argument alike.
   */
  static Map<Long, Request> parse(BufferedReader in, String source) throws IOException {
    Map<Long, TreeMap<String, Argument>> byRequest = new HashMap<>();
    int lineNumber = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      try {
        if (cols.length != 3 || !cols[1].startsWith("0x")) {
          throw new IllegalArgumentException("expected name<TAB>0x request<TAB>argument");
        }
        byRequest.computeIfAbsent(Long.parseLong(cols[1].substring(2), 16), k -> new TreeMap<>())
            .put(cols[0], Argument.of(cols[2]));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(source + ":" + lineNumber + ": " + e.getMessage() + ": " + line, e);
      }
    }
    Map<Long, Request> out = new HashMap<>();
    byRequest.forEach((request, names) -> {
      if (names.values().stream().distinct().count() != 1) {
        throw new IllegalStateException(source + ": the names of request 0x" + Long.toHexString(request)
            + " take different arguments: " + names);
      }
      out.put(request, new Request(String.join(" or ", names.keySet()), names.firstEntry().getValue()));
    });
    return Map.copyOf(out);
  }
}
