package io.sysotel.collector.kernel;

import io.sysotel.collector.api.UserBytes;
import io.sysotel.collector.syscalls.Ioctls;
import io.sysotel.collector.syscalls.Symbols;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What an ioctl request gives the kernel through its pointer, read in the kernel at entry, as
 * strace shows it: an int {@code [1]}, modem lines {@code [TIOCM_DTR|TIOCM_RTS]}, TIOCSTI's
 * character {@code "x"}, TIOCSWINSZ's {@code {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}},
 * TCSETS's terminal settings ({@link Termios}), FS_IOC_SETFLAGS's {@code [FS_APPEND_FL]}, an
 * interface request's {@code struct ifreq} ({@link InterfaceRequests});
 * {@code [...]} or {@code {...}} when fewer bytes were read than the value has.
 */
final class IoctlValues {

  private static final Symbols.Bit[] MODEM_LINES = {
    new Symbols.Bit(0x1, "TIOCM_LE"), new Symbols.Bit(0x2, "TIOCM_DTR"), new Symbols.Bit(0x4, "TIOCM_RTS"),
    new Symbols.Bit(0x8, "TIOCM_ST"), new Symbols.Bit(0x10, "TIOCM_SR"), new Symbols.Bit(0x20, "TIOCM_CTS"),
    new Symbols.Bit(0x40, "TIOCM_CAR"), new Symbols.Bit(0x80, "TIOCM_RNG"), new Symbols.Bit(0x100, "TIOCM_DSR"),
    new Symbols.Bit(0x2000, "TIOCM_OUT1"), new Symbols.Bit(0x4000, "TIOCM_OUT2"), new Symbols.Bit(0x8000, "TIOCM_LOOP"),
  };

  /** Inode flags (linux/fs.h), by bit. */
  private static final Symbols.Bit[] FS_FLAGS = {
    new Symbols.Bit(0x1, "FS_SECRM_FL"), new Symbols.Bit(0x2, "FS_UNRM_FL"), new Symbols.Bit(0x4, "FS_COMPR_FL"),
    new Symbols.Bit(0x8, "FS_SYNC_FL"), new Symbols.Bit(0x10, "FS_IMMUTABLE_FL"), new Symbols.Bit(0x20, "FS_APPEND_FL"),
    new Symbols.Bit(0x40, "FS_NODUMP_FL"), new Symbols.Bit(0x80, "FS_NOATIME_FL"), new Symbols.Bit(0x100, "FS_DIRTY_FL"),
    new Symbols.Bit(0x200, "FS_COMPRBLK_FL"), new Symbols.Bit(0x400, "FS_NOCOMP_FL"),
    new Symbols.Bit(0x800, "FS_ENCRYPT_FL"), new Symbols.Bit(0x1000, "FS_INDEX_FL"), new Symbols.Bit(0x2000, "FS_IMAGIC_FL"),
    new Symbols.Bit(0x4000, "FS_JOURNAL_DATA_FL"), new Symbols.Bit(0x8000, "FS_NOTAIL_FL"),
    new Symbols.Bit(0x10000, "FS_DIRSYNC_FL"), new Symbols.Bit(0x20000, "FS_TOPDIR_FL"),
    new Symbols.Bit(0x40000, "FS_HUGE_FILE_FL"), new Symbols.Bit(0x80000, "FS_EXTENT_FL"),
    new Symbols.Bit(0x100000, "FS_VERITY_FL"), new Symbols.Bit(0x200000, "FS_EA_INODE_FL"),
    new Symbols.Bit(0x400000, "FS_EOFBLOCKS_FL"), new Symbols.Bit(0x800000, "FS_NOCOW_FL"),
    new Symbols.Bit(0x2000000, "FS_DAX_FL"), new Symbols.Bit(0x10000000, "FS_INLINE_DATA_FL"),
    new Symbols.Bit(0x20000000, "FS_PROJINHERIT_FL"), new Symbols.Bit(0x40000000, "FS_CASEFOLD_FL"),
    new Symbols.Bit(0x80000000L, "FS_RESERVED_FL"),
  };

  private IoctlValues() {}

  static Object render(long request, byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    return switch (Ioctls.argumentOf(request)) {
      case INTPTR -> data.length < 4 ? "[...]" : "[" + b.getInt(0) + "]";
      case MODEMPTR -> data.length < 4 ? "[...]" : "[" + Symbols.bits(MODEM_LINES, b.getInt(0) & 0xffffffffL, null) + "]";
      case CHARPTR -> new UserBytes(data, false, -1);
      case WINSIZE -> data.length < 8 ? "{...}"
          : "{ws_row=" + (b.getShort(0) & 0xffff) + ", ws_col=" + (b.getShort(2) & 0xffff) + ", ws_xpixel="
              + (b.getShort(4) & 0xffff) + ", ws_ypixel=" + (b.getShort(6) & 0xffff) + "}";
      case FSFLAGS -> data.length < 4 ? "[...]" : "[" + Symbols.bits(FS_FLAGS, b.getInt(0) & 0xffffffffL, "FS_???_FL") + "]";
      case IFREQ -> InterfaceRequests.render(request, data);
      case IFCONF -> InterfaceRequests.ifconf(data);
      case TERMIOS -> Termios.render(Termios.Layout.TERMIOS, data);
      case TERMIO -> Termios.render(Termios.Layout.TERMIO, data);
      case TERMIOS2 -> Termios.render(Termios.Layout.TERMIOS2, data);
      default -> throw new IllegalArgumentException("request 0x" + Long.toHexString(request) + " is not read");
    };
  }
}
