package io.sysotel.collector.kernel;

import io.sysotel.collector.api.UserBytes;
import io.sysotel.collector.syscalls.Ioctls;
import io.sysotel.collector.syscalls.Symbols;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What an ioctl request gives the kernel through its pointer, read in the kernel at entry, as
 * strace shows it: an int {@code [1]}, modem lines {@code [TIOCM_DTR|TIOCM_RTS]}, TIOCSTI's
 * character {@code "x"}, TIOCSWINSZ's {@code {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}};
 * {@code [...]} or {@code {...}} when fewer bytes were read than the value has.
 */
final class IoctlValues {

  private static final Symbols.Bit[] MODEM_LINES = {
    new Symbols.Bit(0x1, "TIOCM_LE"), new Symbols.Bit(0x2, "TIOCM_DTR"), new Symbols.Bit(0x4, "TIOCM_RTS"),
    new Symbols.Bit(0x8, "TIOCM_ST"), new Symbols.Bit(0x10, "TIOCM_SR"), new Symbols.Bit(0x20, "TIOCM_CTS"),
    new Symbols.Bit(0x40, "TIOCM_CAR"), new Symbols.Bit(0x80, "TIOCM_RNG"), new Symbols.Bit(0x100, "TIOCM_DSR"),
    new Symbols.Bit(0x2000, "TIOCM_OUT1"), new Symbols.Bit(0x4000, "TIOCM_OUT2"), new Symbols.Bit(0x8000, "TIOCM_LOOP"),
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
      default -> throw new IllegalArgumentException("request 0x" + Long.toHexString(request) + " is not read");
    };
  }
}
