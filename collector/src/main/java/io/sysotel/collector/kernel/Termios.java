package io.sysotel.collector.kernel;

import io.sysotel.collector.syscalls.Symbols;
import io.sysotel.collector.syscalls.Symbols.Bit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The terminal settings a process gives the kernel (TCSETS and its kin) as strace 6.1 shows them
 * with {@code -v}: the four flag words by name, the line discipline, the control characters, and
 * the speeds of a {@code struct termios2}: {@code {c_iflag=ICRNL|IXON,
 * c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON,
 * c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, ...]}}. strace 6.1 writes nothing for a flag word
 * without a bit set, and ends the fixed fields of the output and control words with {@code |}
 * whatever follows; so does this. {@code {...}} when fewer bytes were read than the struct has.
 */
final class Termios {

  private static final Bit[] INPUT = {
    new Bit(0x1, "IGNBRK"), new Bit(0x2, "BRKINT"), new Bit(0x4, "IGNPAR"), new Bit(0x8, "PARMRK"),
    new Bit(0x10, "INPCK"), new Bit(0x20, "ISTRIP"), new Bit(0x40, "INLCR"), new Bit(0x80, "IGNCR"),
    new Bit(0x100, "ICRNL"), new Bit(0x200, "IUCLC"), new Bit(0x400, "IXON"), new Bit(0x800, "IXANY"),
    new Bit(0x1000, "IXOFF"), new Bit(0x2000, "IMAXBEL"), new Bit(0x4000, "IUTF8"),
  };
  private static final Bit[] OUTPUT = {
    new Bit(0x1, "OPOST"), new Bit(0x2, "OLCUC"), new Bit(0x4, "ONLCR"), new Bit(0x8, "OCRNL"),
    new Bit(0x10, "ONOCR"), new Bit(0x20, "ONLRET"), new Bit(0x40, "OFILL"), new Bit(0x80, "OFDEL"),
  };
  /** The output delays: each field's mask and the names of its values, by value / lowest bit. */
  private static final long[] DELAY_MASKS = {0x100, 0x600, 0x1800, 0x2000, 0x4000, 0x8000};
  private static final String[][] DELAYS = {
    {"NL0", "NL1"}, {"CR0", "CR1", "CR2", "CR3"}, {"TAB0", "TAB1", "TAB2", "XTABS"}, {"BS0", "BS1"},
    {"VT0", "VT1"}, {"FF0", "FF1"},
  };
  private static final long CBAUD = 0x100f;
  private static final long CIBAUD = CBAUD << 16;
  private static final long CSIZE = 0x30;
  private static final String[] LOW_BAUDS = {
    "B0", "B50", "B75", "B110", "B134", "B150", "B200", "B300", "B600", "B1200", "B1800", "B2400", "B4800",
    "B9600", "B19200", "B38400",
  };
  /** CBAUDEX (0x1000) and the low bits: BOTHER, B57600, ... */
  private static final String[] HIGH_BAUDS = {
    "BOTHER", "B57600", "B115200", "B230400", "B460800", "B500000", "B576000", "B921600", "B1000000", "B1152000",
    "B1500000", "B2000000", "B2500000", "B3000000", "B3500000", "B4000000",
  };
  private static final Bit[] CONTROL = {
    new Bit(0x40, "CSTOPB"), new Bit(0x80, "CREAD"), new Bit(0x100, "PARENB"), new Bit(0x200, "PARODD"),
    new Bit(0x400, "HUPCL"), new Bit(0x800, "CLOCAL"), new Bit(0x40000000, "CMSPAR"), new Bit(0x80000000L, "CRTSCTS"),
  };
  /** In strace's order, which is not the bits' (IEXTEN before ECHOCTL, TOSTOP after PENDIN). */
  private static final Bit[] LOCAL = {
    new Bit(0x1, "ISIG"), new Bit(0x2, "ICANON"), new Bit(0x4, "XCASE"), new Bit(0x8, "ECHO"),
    new Bit(0x10, "ECHOE"), new Bit(0x20, "ECHOK"), new Bit(0x40, "ECHONL"), new Bit(0x80, "NOFLSH"),
    new Bit(0x8000, "IEXTEN"), new Bit(0x200, "ECHOCTL"), new Bit(0x400, "ECHOPRT"), new Bit(0x800, "ECHOKE"),
    new Bit(0x1000, "FLUSHO"), new Bit(0x4000, "PENDIN"), new Bit(0x100, "TOSTOP"), new Bit(0x10000, "EXTPROC"),
  };

  /** Line disciplines (c_line), by number. */
  private static final String[] LINE_DISCIPLINES = {
    "N_TTY", "N_SLIP", "N_MOUSE", "N_PPP", "N_STRIP", "N_AX25", "N_X25", "N_6PACK", "N_MASC", "N_R3964",
    "N_PROFIBUS_FDL", "N_IRDA", "N_SMSBLOCK", "N_HDLC", "N_SYNC_PPP", "N_HCI", "N_GIGASET_M101", "N_SLCAN", "N_PPS",
    "N_V253", "N_CAIF", "N_GSM0710", "N_TI_WL", "N_TRACESINK", "N_TRACEROUTER", "N_NCI", "N_SPEAKUP", "N_NULL",
  };
  /** Control characters (c_cc), by index; the kernel's struct termios has 19, struct termio 8. */
  private static final String[] CONTROL_CHARS = {
    "VINTR", "VQUIT", "VERASE", "VKILL", "VEOF", "VTIME", "VMIN", "VSWTC", "VSTART", "VSTOP", "VSUSP", "VEOL",
    "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2",
  };

  /**
   * The struct layouts: four flag words (unsigned ints, unsigned shorts in struct termio), the line
   * discipline, the control characters, and in struct termios2 the input and output speeds.
   */
  enum Layout {
    TERMIOS(4, 19, false), TERMIO(2, 8, false), TERMIOS2(4, 19, true);

    final int word;
    final int controlChars;
    final boolean speeds;

    Layout(int word, int controlChars, boolean speeds) {
      this.word = word;
      this.controlChars = controlChars;
      this.speeds = speeds;
    }

    int lineOffset() {
      return 4 * word;
    }

    int speedsOffset() {
      return lineOffset() + 1 + controlChars;
    }
  }

  private Termios() {}

  /** The struct of {@code layout} in {@code data} as strace shows it. */
  static String render(Layout layout, byte[] data) {
    if (data.length < layout.speedsOffset() + (layout.speeds ? 8 : 0)) {
      return "{...}";
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long[] words = new long[4];
    for (int i = 0; i < 4; i++) {
      words[i] = layout.word == 4 ? b.getInt(4 * i) & 0xffffffffL : b.getShort(2 * i) & 0xffff;
    }
    int line = data[layout.lineOffset()] & 0xff;
    StringBuilder out = new StringBuilder("{c_iflag=").append(flags(INPUT, words[0]))
        .append(", c_oflag=").append(output(words[1]))
        .append(", c_cflag=").append(control(words[2]))
        .append(", c_lflag=").append(flags(LOCAL, words[3]))
        .append(", c_line=").append(line < LINE_DISCIPLINES.length ? LINE_DISCIPLINES[line]
            : "0x" + Integer.toHexString(line) + " /* N_??? */")
        .append(", c_cc=[");
    for (int i = 0; i < layout.controlChars; i++) {
      int c = data[layout.lineOffset() + 1 + i] & 0xff;
      out.append(i == 0 ? "[" : ", [").append(i < CONTROL_CHARS.length ? CONTROL_CHARS[i] : Integer.toString(i))
          .append("]=").append(c == 0 ? "0" : "0x" + Integer.toHexString(c));
    }
    out.append(']');
    if (layout.speeds) {
      int at = layout.speedsOffset();
      out.append(", c_ispeed=").append(b.getInt(at) & 0xffffffffL).append(", c_ospeed=").append(b.getInt(at + 4) & 0xffffffffL);
    }
    return out.append('}').toString();
  }

  private static String flags(Bit[] names, long value) {
    return value == 0 ? "" : Symbols.bits(names, value, null);
  }

  private static String output(long value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < DELAY_MASKS.length; i++) {
      long field = value & DELAY_MASKS[i];
      out.append(DELAYS[i][(int) (field / Long.lowestOneBit(DELAY_MASKS[i]))]).append('|');
      value &= ~DELAY_MASKS[i];
    }
    return out.append(flags(OUTPUT, value)).toString();
  }

  private static String control(long value) {
    StringBuilder out = new StringBuilder(baud(value & CBAUD)).append('|');
    if ((value & CIBAUD) != 0) {
      out.append(baud((value & CIBAUD) >>> 16)).append("<<IBSHIFT|");
    }
    out.append("CS").append(5 + (value & CSIZE) / 0x10).append('|');
    return out.append(flags(CONTROL, value & ~(CBAUD | CIBAUD | CSIZE))).toString();
  }

  private static String baud(long value) {
    return (value & 0x1000) == 0 ? LOW_BAUDS[(int) value] : HIGH_BAUDS[(int) (value & 0xf)];
  }
}
