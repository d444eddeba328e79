package io.sysotel.collector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysotel.collector.api.Arguments;
import io.sysotel.collector.api.UserBytes;
import io.sysotel.collector.syscalls.DecodingTable;
import io.sysotel.collector.syscalls.SyscallTable;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Records laid out as the kernel writes them (bpf/sysotel.h), decoded into strace's notation. */
class ArgumentDecoderTest {

  private static final SyscallTable TABLE = SyscallTable.x86_64();
  private static final ArgumentDecoder DECODER = new ArgumentDecoder(TABLE, DecodingTable.x86_64());

  /** A record under construction: the header, then chunks. */
  private static final class Record {
    final ByteBuffer b = ByteBuffer.allocate(Abi.Event.SIZE + Abi.MAX_PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
    int end = Abi.Event.SIZE;

    Record(String syscall, long... args) {
      b.putInt(Abi.Event.TYPE, Abi.EVENT_SYSCALL);
      b.putInt(Abi.Event.SYSCALL_NR, TABLE.byName(syscall).orElseThrow().number());
      for (int i = 0; i < args.length; i++) {
        b.putLong(Abi.Event.ARGS + 8 * i, args[i]);
      }
    }

    Record chunk(int arg, int kind, byte[] data, int error, int flags, int size) {
      b.put(end + Abi.Chunk.ARG, (byte) arg);
      b.put(end + Abi.Chunk.KIND, (byte) kind);
      b.putShort(end + Abi.Chunk.LEN, (short) data.length);
      b.putShort(end + Abi.Chunk.ERROR, (short) error);
      b.putShort(end + Abi.Chunk.FLAGS, (short) flags);
      b.putInt(end + Abi.Chunk.SIZE_FIELD, size);
      b.put(end + Abi.Chunk.SIZE, data);
      end += Abi.Chunk.SIZE + ((data.length + 7) & ~7);
      return this;
    }

    Record chunk(int arg, int kind, String text, int flags) {
      return chunk(arg, kind, text.getBytes(StandardCharsets.ISO_8859_1), 0, flags, 0);
    }

    Arguments decode() {
      b.putInt(Abi.Event.SIZE_FIELD, end);
      return DECODER.decode(b, 0, end);
    }

    /** As the kernel's direct path leaves it: reserved at {@code ringLength}, the rest stale. */
    Arguments decodeReservedAt(int ringLength) {
      int size = end;
      chunk(1, Abi.ARG_BUFFER, "stale bytes of an older record", 0);
      b.putInt(Abi.Event.SIZE_FIELD, size);
      return DECODER.decode(b, 0, ringLength);
    }
  }

  private static String render(Arguments a) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      a.appendTo(out.append(i == 0 ? "" : ", ").append(a.name(i)).append('='), i);
    }
    return out.toString();
  }

  @Test
  void writeShowsItsBufferEscapedAsStraceDoes() {
    Arguments a = new Record("write", 1, 0x7000, 11)
        .chunk(1, Abi.ARG_BUFFER, "a\0b\1\377\n7\"\\\0\0", 0).decode();
    assertEquals("fd=1, buf=\"a\\0b\\1\\377\\n7\\\"\\\\\\0\\0\", count=11", render(a));
    assertTrue(a.isNumber(0) && a.isNumber(2));
    assertEquals(1L, a.number(0));
    UserBytes buf = (UserBytes) a.value(1);
    assertEquals(11, buf.length());
    assertEquals("a\\0b\\1\\377\\n7\\\"\\\\\\0\\0", buf.toString(), "the JSON value: escaped, unquoted");
  }

  @Test
  void truncatedAndUnreadableValuesAreMarked() {
    Arguments a = new Record("write", -1L & 0xffffffffL, 0x10, 5000)
        .chunk(1, Abi.ARG_BUFFER, "xxxx", Abi.CHUNK_TRUNCATED).decode();
    assertEquals("fd=-1, buf=\"xxxx\"..., count=5000", render(a));
    assertEquals("xxxx...", a.value(1).toString());
    Arguments bad = new Record("openat", -100L & 0xffffffffL, 1, 0, 0)
        .chunk(1, Abi.ARG_STRING, new byte[0], -14, 0, 0).decode();
    assertEquals("dfd=AT_FDCWD, filename=0x1 /* EFAULT */, flags=O_RDONLY, mode=0000", render(bad));
    Arguments nul = new Record("openat", 3, 0, 0102, 0644).decode();
    assertEquals("dfd=3, filename=NULL, flags=O_RDWR|O_CREAT, mode=0644", render(nul));
  }

  @Test
  void bytesPastTheHeadersSizeAreNotRead() {
    Arguments a = new Record("write", 1, 0x7000, 1).chunk(1, Abi.ARG_BUFFER, "+", 0).decodeReservedAt(Abi.Event.SIZE + 4096);
    assertEquals("fd=1, buf=\"+\", count=1", render(a));
    Arguments none = new Record("write", 1, 0x7000, 1).decodeReservedAt(Abi.Event.SIZE + 64);
    assertEquals("fd=1, buf=0x7000, count=1", render(none), "no chunk within the record's size");
  }

  @Test
  void socketAddressesOfEachFamily() {
    byte[] v4 = {2, 0, 0, 80, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    assertEquals("fd=3, uservaddr={sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, addrlen=16",
        render(new Record("connect", 3, 0x7000, 16).chunk(1, Abi.ARG_SOCKADDR, v4, 0, 0, 0).decode()));
    byte[] v6 = new byte[28];
    v6[0] = 10;
    v6[3] = 9;
    v6[8] = 0x20;
    v6[9] = 0x01;
    v6[10] = 0x0d;
    v6[11] = (byte) 0xb8;
    v6[23] = 1;
    assertEquals("{sa_family=AF_INET6, sin6_port=htons(9), sin6_flowinfo=htonl(0),"
        + " inet_pton(AF_INET6, \"2001:db8::1\", &sin6_addr), sin6_scope_id=0}",
        new Record("connect", 3, 0x7000, 28).chunk(1, Abi.ARG_SOCKADDR, v6, 0, 0, 0).decode().value(1));
    byte[] unix = "\1\0/run/x \u00e9\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("{sa_family=AF_UNIX, sun_path=\"/run/x \\351\"}",
        new Record("bind", 3, 0x7000, unix.length).chunk(1, Abi.ARG_SOCKADDR, unix, 0, 0, 0).decode().value(1));
    byte[] abstractName = "\1\0\0name".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("{sa_family=AF_UNIX, sun_path=@\"name\"}",
        new Record("bind", 3, 0x7000, 7).chunk(1, Abi.ARG_SOCKADDR, abstractName, 0, 0, 0).decode().value(1));
  }

  @Test
  void stringArraysAndIovecs() {
    Arguments exec = new Record("execve", 0x1000, 0x2000, 0x3000)
        .chunk(0, Abi.ARG_STRING, "/bin/ls", 0)
        .chunk(1, Abi.ARG_STRINGS, "ls", 0)
        .chunk(1, Abi.ARG_STRINGS, "-l", 0)
        .chunk(1, Abi.ARG_STRINGS, new byte[0], 0, Abi.CHUNK_END | Abi.CHUNK_TRUNCATED, 2)
        .chunk(2, Abi.ARG_STRINGS, new byte[0], 0, Abi.CHUNK_END, 0)
        .decode();
    assertEquals("filename=\"/bin/ls\", argv=[\"ls\", \"-l\", ...], envp=[]", render(exec));
    Arguments writev = new Record("writev", 1, 0x1000, 2)
        .chunk(1, Abi.ARG_IOVEC, "ab".getBytes(StandardCharsets.US_ASCII), 0, Abi.CHUNK_TRUNCATED, 2).decode();
    assertEquals("fd=1, vec=[{iov_base=\"ab\", iov_len=2}, ...], vlen=2", render(writev));
  }

  @Test
  void iovecArraysShowEveryVectorRead() {
    byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
    Arguments all = new Record("writev", 1, 0x1000, 3)
        .chunk(1, Abi.ARG_IOVEC, ab, 0, 0, 2)
        .chunk(1, Abi.ARG_IOVEC, new byte[0], 0, 0, 0)
        .chunk(1, Abi.ARG_IOVEC, ab, 0, Abi.CHUNK_TRUNCATED, 4000)
        .decode();
    assertEquals("fd=1, vec=[{iov_base=\"ab\", iov_len=2}, {iov_base=\"\", iov_len=0}, {iov_base=\"ab\"...,"
        + " iov_len=4000}], vlen=3", render(all));
    Arguments badSecond = new Record("writev", 1, 0x1000, 2)
        .chunk(1, Abi.ARG_IOVEC, ab, 0, 0, 2)
        .chunk(1, Abi.ARG_IOVEC, new byte[0], -14, 0, 0)
        .decode();
    assertEquals("fd=1, vec=[{iov_base=\"ab\", iov_len=2}, /* EFAULT */], vlen=2", render(badSecond));
    Arguments badArray = new Record("writev", 1, 0x1000, 2).chunk(1, Abi.ARG_IOVEC, new byte[0], -14, 0, 0).decode();
    assertEquals("fd=1, vec=0x1000 /* EFAULT */, vlen=2", render(badArray));
    assertEquals("fd=1, vec=0x1000, vlen=0", render(new Record("writev", 1, 0x1000, 0).decode()));
  }

  @Test
  void sendmsgShowsItsAddressAndFirstVector() {
    ByteBuffer msg = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
    msg.putLong(0, 0x1000).putInt(8, 16).putLong(16, 0x2000).putLong(24, 2);
    byte[] v4 = {2, 0, 0, 9, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    Arguments a = new Record("sendmsg", 3, 0x3000, 0)
        .chunk(1, Abi.ARG_MSGHDR, msg.array(), 0, 0, 0)
        .chunk(1, Abi.ARG_SOCKADDR, v4, 0, 0, 0)
        .chunk(1, Abi.ARG_IOVEC, "abc".getBytes(StandardCharsets.US_ASCII), 0, 0, 3)
        .decode();
    assertEquals("fd=3, msg={msg_name={sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"10.0.0.1\")},"
        + " msg_namelen=16, msg_iov=[{iov_base=\"abc\", iov_len=3}, ...], msg_iovlen=2, msg_controllen=0,"
        + " msg_flags=0}, flags=0", render(a));
  }

  @Test
  void fcntlShowsTheLockAndOwnerStructsItWasGiven() {
    ByteBuffer lock = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    lock.putShort(0, (short) 1).putShort(2, (short) 2).putLong(8, -3).putLong(16, 100).putInt(24, 77);
    assertEquals("fd=3, cmd=F_SETLKW, arg={l_type=F_WRLCK, l_whence=SEEK_END, l_start=-3, l_len=100}",
        render(new Record("fcntl", 3, 7, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, lock.array(), 0, 0, 0).decode()));
    lock.putShort(0, (short) -1).putShort(2, (short) 9);
    assertEquals("fd=3, cmd=F_OFD_SETLK, arg={l_type=0xffff /* F_??? */, l_whence=0x9 /* SEEK_??? */, l_start=-3,"
            + " l_len=100}",
        render(new Record("fcntl", 3, 0x100000025L, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, lock.array(), 0, 0, 0).decode()));
    byte[] owner = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 2).putInt(4, -7).array();
    assertEquals("fd=3, cmd=F_SETOWN_EX, arg={type=F_OWNER_PGRP, pid=-7}",
        render(new Record("fcntl", 3, 15, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, owner, 0, 0, 0).decode()));
    // Unreadable, and a struct the kernel fills (F_GETLK, F_GETOWN_EX): the address.
    assertEquals("fd=3, cmd=F_SETLK, arg=0x8 /* EFAULT */",
        render(new Record("fcntl", 3, 6, 8).chunk(2, Abi.ARG_COMMAND, new byte[0], -14, 0, 0).decode()));
    assertEquals("fd=3, cmd=F_GETLK, arg=0x7ffd0000", render(new Record("fcntl", 3, 5, 0x7ffd0000L).decode()));
    assertEquals("fd=3, cmd=F_GETOWN_EX, arg=0x7ffd0000", render(new Record("fcntl", 3, 16, 0x7ffd0000L).decode()));
    assertEquals("fd=3, cmd=F_SETLK, arg=NULL", render(new Record("fcntl", 3, 6, 0).decode()));
  }

  @Test
  void mountShowsItsTypeAndDataAsStringsUnlessItsFlagsMakeTheKernelIgnoreThem() {
    // dev_name, dir_name, type, flags, data: the strings at 0x1000.., as strace 6.1 shows them
    LongFunction<String> mount = flags -> render(new Record("mount", 0x1000, 0x2000, 0x3000, flags, 0x4000)
        .chunk(0, Abi.ARG_STRING, "/dev/sda1", 0).chunk(1, Abi.ARG_STRING, "/mnt", 0)
        .chunk(2, Abi.ARG_STRING, "ext4", 0).chunk(4, Abi.ARG_STRING, "ro,noload", 0).decode());
    assertEquals("dev_name=\"/dev/sda1\", dir_name=\"/mnt\", type=\"ext4\", flags=MS_NOSUID|MS_NODEV, data=\"ro,noload\"",
        mount.apply(0x6));
    assertEquals("dev_name=\"/dev/sda1\", dir_name=\"/mnt\", type=0x3000, flags=MS_REMOUNT, data=\"ro,noload\"",
        mount.apply(0x20));
    assertEquals("dev_name=\"/dev/sda1\", dir_name=\"/mnt\", type=0x3000, flags=MS_REMOUNT|MS_BIND, data=\"ro,noload\"",
        mount.apply(0x1020));
    for (long ignored : new long[] {0x1000, 0x2000, 1L << 17, 1L << 18, 1L << 19, 1L << 20, 0xC0ED1000L}) {
      assertTrue(mount.apply(ignored).matches(".*type=0x3000, flags=[^,]*, data=0x4000"), Long.toHexString(ignored));
    }
    // the magic of old callers is no propagation flag, though its bits are MS_PRIVATE's and MS_SLAVE's
    assertEquals("dev_name=\"/dev/sda1\", dir_name=\"/mnt\", type=\"ext4\", flags=MS_MGC_VAL, data=\"ro,noload\"",
        mount.apply(0xC0ED0000L));
    assertEquals("dev_name=NULL, dir_name=NULL, type=NULL, flags=MS_BIND, data=NULL",
        render(new Record("mount", 0, 0, 0, 0x1000, 0).decode()));
    assertEquals("dev_name=NULL, dir_name=NULL, type=0x8 /* EFAULT */, flags=0, data=0x10 /* EFAULT */",
        render(new Record("mount", 0, 0, 8, 0, 16).chunk(2, Abi.ARG_STRING, new byte[0], -14, 0, 0)
            .chunk(4, Abi.ARG_STRING, new byte[0], -14, 0, 0).decode()));
  }

  @Test
  void resourceLimitsAndTimesGivenToTheKernelAreShownAsStructs() {
    ByteBuffer limits = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8192 * 1024).putLong(-1);
    assertEquals("resource=RLIMIT_STACK, rlim={rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}",
        render(new Record("setrlimit", 3, 0x7ffd0000L).chunk(1, Abi.ARG_STRUCT, limits.array(), 0, 0, 0).decode()));
    limits.clear();
    limits.putLong(1024).putLong(1025);
    assertEquals("pid=0, resource=RLIMIT_NOFILE, new_rlim={rlim_cur=1024, rlim_max=1025}, old_rlim=NULL",
        render(new Record("prlimit64", 0, 7, 0x7ffd0000L, 0).chunk(2, Abi.ARG_STRUCT, limits.array(), 0, 0, 0).decode()));
    assertEquals("resource=RLIMIT_STACK, rlim=0x8 /* EFAULT */",
        render(new Record("setrlimit", 3, 8).chunk(1, Abi.ARG_STRUCT, new byte[0], -14, 0, 0).decode()));
    ByteBuffer time = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).putLong(-1);
    assertEquals("rqtp={tv_sec=-1, tv_nsec=18446744073709551615}, rmtp=NULL",
        render(new Record("nanosleep", 0x7ffd0000L, 0).chunk(0, Abi.ARG_STRUCT, time.array(), 0, 0, 0).decode()));
    assertEquals("rqtp=0x7ffd0000, rmtp=NULL", render(new Record("nanosleep", 0x7ffd0000L, 0).decode()),
        "no room left in the record for the struct");
  }

  @Test
  void prctlShowsTheNameItSetsAndTheOptionsArguments() {
    assertEquals("option=PR_SET_NAME, arg2=\"worker\", arg3=0, arg4=0, arg5=0",
        render(new Record("prctl", 15, 0x7ffd0000L, 0, 0, 0)
            .chunk(1, Abi.ARG_COMMAND, "worker".getBytes(StandardCharsets.US_ASCII), 0, 0, 0).decode()));
    assertEquals("option=PR_SET_NAME, arg2=0x8 /* EFAULT */, arg3=0, arg4=0, arg5=0",
        render(new Record("prctl", 15, 8, 0, 0, 0).chunk(1, Abi.ARG_COMMAND, new byte[0], -14, 0, 0).decode()));
    assertEquals("option=PR_CAP_AMBIENT, arg2=PR_CAP_AMBIENT_RAISE, arg3=CAP_NET_ADMIN, arg4=0, arg5=0",
        render(new Record("prctl", 47, 2, 12, 0, 0).decode()));
    assertEquals("option=PR_SET_NO_NEW_PRIVS, arg2=1, arg3=0, arg4=0, arg5=0x7",
        render(new Record("prctl", 38, 1, 0, 0, 7).decode()));
  }

  @Test
  void ioctlShowsWhatTheRequestGivesTheKernel() {
    byte[] seven = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 7).array();
    assertEquals("fd=3, cmd=FIONBIO, arg=[7]",
        render(new Record("ioctl", 3, 0x5421, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, seven, 0, 0, 0).decode()));
    assertEquals("fd=3, cmd=TIOCMSET, arg=[TIOCM_LE|TIOCM_DTR|TIOCM_RTS]",
        render(new Record("ioctl", 3, 0x5418, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, seven, 0, 0, 0).decode()));
    assertEquals("fd=3, cmd=TIOCSTI, arg=\"\\n\"",
        render(new Record("ioctl", 3, 0x5412, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, new byte[] {'\n'}, 0, 0, 0).decode()));
    byte[] winsize = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putShort(0, (short) 24).putShort(2, (short) 80).putShort(4, (short) 640).putShort(6, (short) -1).array();
    assertEquals("fd=3, cmd=TIOCSWINSZ, arg={ws_row=24, ws_col=80, ws_xpixel=640, ws_ypixel=65535}",
        render(new Record("ioctl", 3, 0x5414, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, winsize, 0, 0, 0).decode()));
    // Unreadable; a request whose argument is not read; a number
    assertEquals("fd=3, cmd=FIONBIO, arg=0x8 /* EFAULT */",
        render(new Record("ioctl", 3, 0x5421, 8).chunk(2, Abi.ARG_COMMAND, new byte[0], -14, 0, 0).decode()));
    assertEquals("fd=3, cmd=TIOCGWINSZ, arg=0x7ffd0000", render(new Record("ioctl", 3, 0x5413, 0x7ffd0000L).decode()));
    assertEquals("fd=3, cmd=TCSBRK, arg=1", render(new Record("ioctl", 3, 0x5409, 1).decode()));
    assertEquals("fd=3, cmd=FIONBIO, arg=NULL", render(new Record("ioctl", 3, 0x5421, 0).decode()));
    byte[] flags = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x7fffffff).array();
    assertEquals("fd=3, cmd=FS_IOC_SETFLAGS, arg=[FS_SECRM_FL|FS_UNRM_FL|FS_COMPR_FL|FS_SYNC_FL|FS_IMMUTABLE_FL"
            + "|FS_APPEND_FL|FS_NODUMP_FL|FS_NOATIME_FL|FS_DIRTY_FL|FS_COMPRBLK_FL|FS_NOCOMP_FL|FS_ENCRYPT_FL|FS_INDEX_FL"
            + "|FS_IMAGIC_FL|FS_JOURNAL_DATA_FL|FS_NOTAIL_FL|FS_DIRSYNC_FL|FS_TOPDIR_FL|FS_HUGE_FILE_FL|FS_EXTENT_FL"
            + "|FS_VERITY_FL|FS_EA_INODE_FL|FS_EOFBLOCKS_FL|FS_NOCOW_FL|FS_DAX_FL|FS_INLINE_DATA_FL|FS_PROJINHERIT_FL"
            + "|FS_CASEFOLD_FL|0xd000000]",
        render(new Record("ioctl", 3, 0x40086602L, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, flags, 0, 0, 0).decode()));
    byte[] unknown = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x1000000).array();
    assertEquals("fd=3, cmd=FS_IOC32_SETFLAGS, arg=[0x1000000 /* FS_???_FL */]",
        render(new Record("ioctl", 3, 0x40046602L, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, unknown, 0, 0, 0).decode()));
  }

  private static final String NO_CONTROL_CHARS = "[VINTR]=0, [VQUIT]=0, [VERASE]=0, [VKILL]=0, [VEOF]=0, [VTIME]=0,"
      + " [VMIN]=0, [VSWTC]=0, [VSTART]=0, [VSTOP]=0, [VSUSP]=0, [VEOL]=0, [VREPRINT]=0, [VDISCARD]=0, [VWERASE]=0,"
      + " [VLNEXT]=0, [VEOL2]=0, [17]=0, [18]=0";

  /** Terminal settings as strace 6.1 -v printed the same structs (args-helper's and a sweep's TCSETS calls). */
  @Test
  void ioctlShowsTerminalSettings() {
    byte[] termios = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0, 0x4500).putInt(4, 0x1c05).putInt(8, 0x100204bf).putInt(12, 0xc30b).array();
    assertEquals("fd=3, cmd=SNDCTL_TMR_START or TCSETS, arg={c_iflag=ICRNL|IXON|IUTF8,"
            + " c_oflag=NL0|CR2|XTABS|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|B115200<<IBSHIFT|CS8|CREAD|HUPCL,"
            + " c_lflag=ISIG|ICANON|ECHO|IEXTEN|ECHOCTL|PENDIN|TOSTOP, c_line=N_TTY, c_cc=[" + NO_CONTROL_CHARS + "]}",
        render(new Record("ioctl", 3, 0x5402, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, termios, 0, 0, 0).decode()));
    byte[] every = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0, -1).putInt(4, -1).putInt(8, -1).putInt(12, -1).put(16, (byte) 27).array();
    assertEquals("fd=3, cmd=SNDCTL_TMR_STOP or TCSETSW, arg={c_iflag=IGNBRK|BRKINT|IGNPAR|PARMRK|INPCK|ISTRIP"
            + "|INLCR|IGNCR|ICRNL|IUCLC|IXON|IXANY|IXOFF|IMAXBEL|IUTF8|0xffff8000, c_oflag=NL1|CR3|XTABS|BS1|VT1|FF1"
            + "|OPOST|OLCUC|ONLCR|OCRNL|ONOCR|ONLRET|OFILL|OFDEL|0xffff0000, c_cflag=B4000000|B4000000<<IBSHIFT|CS8"
            + "|CSTOPB|CREAD|PARENB|PARODD|HUPCL|CLOCAL|CMSPAR|CRTSCTS|0x2ff0e000, c_lflag=ISIG|ICANON|XCASE|ECHO"
            + "|ECHOE|ECHOK|ECHONL|NOFLSH|IEXTEN|ECHOCTL|ECHOPRT|ECHOKE|FLUSHO|PENDIN|TOSTOP|EXTPROC|0xfffe2000,"
            + " c_line=N_NULL, c_cc=[" + NO_CONTROL_CHARS + "]}",
        render(new Record("ioctl", 3, 0x5403, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, every, 0, 0, 0).decode()));
    byte[] chars = new byte[36];
    chars[16] = (byte) 255;
    for (int i = 0; i < 19; i++) {
      chars[17 + i] = (byte) (i * 13 + 1);
    }
    chars[17 + 5] = 0;
    chars[17 + 18] = (byte) 255;
    assertEquals("fd=3, cmd=TIOCSLCKTRMIOS, arg={c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, c_cflag=B0|CS5|,"
            + " c_lflag=, c_line=0xff /* N_??? */, c_cc=[[VINTR]=0x1, [VQUIT]=0xe, [VERASE]=0x1b, [VKILL]=0x28,"
            + " [VEOF]=0x35, [VTIME]=0, [VMIN]=0x4f, [VSWTC]=0x5c, [VSTART]=0x69, [VSTOP]=0x76, [VSUSP]=0x83,"
            + " [VEOL]=0x90, [VREPRINT]=0x9d, [VDISCARD]=0xaa, [VWERASE]=0xb7, [VLNEXT]=0xc4, [VEOL2]=0xd1,"
            + " [17]=0xde, [18]=0xff]}",
        render(new Record("ioctl", 3, 0x5457, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, chars, 0, 0, 0).decode()));
    byte[] termio = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN)
        .putShort(0, (short) 0x8001).putShort(2, (short) 0xe180).putShort(4, (short) 0x12d)
        .putShort(6, (short) 0x2044).put(8, (byte) 3).put(9, (byte) 1).put(16, (byte) 8).array();
    assertEquals("fd=3, cmd=TCSETA, arg={c_iflag=IGNBRK|0x8000, c_oflag=NL1|CR0|TAB0|BS1|VT1|FF1|OFDEL,"
            + " c_cflag=B9600|CS7|PARENB, c_lflag=XCASE|ECHONL|0x2000, c_line=N_PPP, c_cc=[[VINTR]=0x1, [VQUIT]=0,"
            + " [VERASE]=0, [VKILL]=0, [VEOF]=0, [VTIME]=0, [VMIN]=0, [VSWTC]=0x8]}",
        render(new Record("ioctl", 3, 0x5406, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, termio, 0, 0, 0).decode()));
    byte[] termios2 = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN)
        .put(17, (byte) 3).putInt(36, 12345).putInt(40, -1).array();
    assertEquals("fd=3, cmd=TCSETS2, arg={c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, c_cflag=B0|CS5|, c_lflag=,"
            + " c_line=N_TTY, c_cc=[" + NO_CONTROL_CHARS.replace("[VINTR]=0,", "[VINTR]=0x3,")
            + "], c_ispeed=12345, c_ospeed=4294967295}",
        render(new Record("ioctl", 3, 0x402c542bL, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, termios2, 0, 0, 0).decode()));
    assertEquals("fd=3, cmd=TCSETS2, arg={...}",
        render(new Record("ioctl", 3, 0x402c542bL, 0x7ffd0000L).chunk(2, Abi.ARG_COMMAND, new byte[36], 0, 0, 0).decode()));
  }

  @Test
  void sendmsgShowsItsControlMessages() {
    ByteBuffer msg = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
    msg.putLong(32, 0x4000).putLong(40, 72); // msg_control, msg_controllen
    ByteBuffer control = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
    control.putLong(0, 24).putInt(8, 1).putInt(12, 1).putInt(16, 3).putInt(20, 4); // SCM_RIGHTS [3, 4]
    control.putLong(24, 28).putInt(32, 1).putInt(36, 2).putInt(40, 42).putInt(44, -1).putInt(48, 7);
    control.putLong(56, 16).putInt(64, 99).putInt(68, 5); // a level without a name, no data
    Arguments a = new Record("sendmsg", 3, 0x3000, 0)
        .chunk(1, Abi.ARG_MSGHDR, msg.array(), 0, 0, 0)
        .chunk(1, Abi.ARG_BUFFER, control.array(), 0, 0, 72)
        .decode();
    assertEquals("fd=3, msg={msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=["
        + "{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3, 4]}, "
        + "{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=42, uid=4294967295, gid=7}}, "
        + "{cmsg_len=16, cmsg_level=0x63 /* SOL_??? */, cmsg_type=0x5}], msg_controllen=72, msg_flags=0}, flags=0",
        render(a));
    // Cut at maxBufferBytes after the first message, and unreadable.
    msg.putLong(40, 4000);
    Arguments cut = new Record("sendmsg", 3, 0x3000, 0)
        .chunk(1, Abi.ARG_MSGHDR, msg.array(), 0, 0, 0)
        .chunk(1, Abi.ARG_BUFFER, Arrays.copyOf(control.array(), 24), 0, Abi.CHUNK_TRUNCATED, 4000)
        .decode();
    assertTrue(render(cut).contains("msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,"
        + " cmsg_data=[3, 4]}, ...], msg_controllen=4000"), render(cut));
    Arguments bad = new Record("sendmsg", 3, 0x3000, 0)
        .chunk(1, Abi.ARG_MSGHDR, msg.array(), 0, 0, 0)
        .chunk(1, Abi.ARG_BUFFER, new byte[0], -14, 0, 0)
        .decode();
    assertTrue(render(bad).contains("msg_control=0x4000 /* EFAULT */, msg_controllen=4000"), render(bad));
  }

  @Test
  void setsockoptShowsAnIntOptionAsStraceDoes() {
    byte[] ttl = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 64).array();
    assertEquals("fd=7, level=SOL_IP, optname=IP_TTL, optval=[64], optlen=4",
        render(new Record("setsockopt", 7, 0, 2, 0x7ffd0000L, 4).chunk(3, Abi.ARG_BUFFER, ttl, 0, 0, 0).decode()));
    assertEquals("fd=7, level=SOL_SOCKET, optname=SO_BINDTODEVICE, optval=\"lo\", optlen=2",
        render(new Record("setsockopt", 7, 1, 25, 0x7ffd0000L, 2).chunk(3, Abi.ARG_BUFFER, "lo", 0).decode()));
  }

  @Test
  void setsockoptShowsTheStructsStraceDecodesAndTheirAddressWhenOptlenIsShort() {
    byte[] linger = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1).putInt(4, 5).array();
    assertEquals("fd=7, level=SOL_SOCKET, optname=SO_LINGER, optval={l_onoff=1, l_linger=5}, optlen=8",
        render(new Record("setsockopt", 7, 1, 13, 0x7ffd0000L, 8).chunk(3, Abi.ARG_BUFFER, linger, 0, 0, 0).decode()));
    assertEquals("fd=7, level=SOL_SOCKET, optname=SO_LINGER, optval=0x7ffd0000, optlen=4",
        render(new Record("setsockopt", 7, 1, 13, 0x7ffd0000L, 4).chunk(3, Abi.ARG_BUFFER, new byte[] {1, 0, 0, 0}, 0, 0, 0)
            .decode()));
    byte[] mreqn = {(byte) 224, 0, 0, 2, 127, 0, 0, 1, 1, 0, 0, 0};
    assertEquals("fd=7, level=SOL_IP, optname=IP_DROP_MEMBERSHIP, optval={imr_multiaddr=inet_addr(\"224.0.0.2\"), "
            + "imr_interface=inet_addr(\"127.0.0.1\")}, optlen=12",
        render(new Record("setsockopt", 7, 0, 36, 0x7ffd0000L, 12).chunk(3, Abi.ARG_BUFFER, mreqn, 0, 0, 0).decode()));
    byte[] mreq6 = new byte[20];
    mreq6[0] = (byte) 0xff;
    mreq6[1] = 2;
    mreq6[15] = 1;
    mreq6[16] = (byte) 0xff; // interface 0xffffffff: unsigned
    mreq6[17] = (byte) 0xff;
    mreq6[18] = (byte) 0xff;
    mreq6[19] = (byte) 0xff;
    assertEquals("fd=7, level=SOL_IPV6, optname=IPV6_ADD_MEMBERSHIP, optval={inet_pton(AF_INET6, \"ff02::1\", "
            + "&ipv6mr_multiaddr), ipv6mr_interface=4294967295}, optlen=20",
        render(new Record("setsockopt", 7, 41, 20, 0x7ffd0000L, 20).chunk(3, Abi.ARG_BUFFER, mreq6, 0, 0, 0).decode()));
    // read only in part (maxBufferBytes below the struct's size): the bytes read, cut
    assertEquals("fd=7, level=SOL_IPV6, optname=IPV6_DROP_MEMBERSHIP, optval=\"\\377\\2\"..., optlen=20",
        render(new Record("setsockopt", 7, 41, 21, 0x7ffd0000L, 20)
            .chunk(3, Abi.ARG_BUFFER, new byte[] {(byte) 0xff, 2}, 0, Abi.CHUNK_TRUNCATED, 0).decode()));
  }

  @Test
  void integersFollowTheirCTypes() {
    Arguments mmap = new Record("mmap", 0, 8192, 3, 0x22, -1, 0x4000).decode();
    assertEquals("addr=NULL, len=8192, prot=PROT_READ|PROT_WRITE, flags=MAP_PRIVATE|MAP_ANONYMOUS, fd=-1,"
        + " off=0x4000", render(mmap));
    Arguments lseek = new Record("lseek", 3, -5, 2).decode();
    assertEquals("fd=3, offset=-5, whence=SEEK_END", render(lseek));
    Arguments big = new Record("read", 3, 0x7ffd0000L, -1).decode();
    assertEquals(new BigInteger("18446744073709551615"), big.value(2));
    assertEquals("fd=3, buf=0x7ffd0000, count=18446744073709551615", render(big));
  }

  @Test
  void integersStraceNamesAreSymbolic() {
    assertEquals("fd=3, cmd=F_SETFL, arg=O_RDONLY|O_APPEND|O_NONBLOCK", render(new Record("fcntl", 3, 4, 06000).decode()));
    assertEquals("fd=3, cmd=F_GETLK, arg=NULL", render(new Record("fcntl", 3, 5, 0).decode()));
    Arguments dup = new Record("fcntl", 3, 1030, 50).decode();
    assertEquals("fd=3, cmd=F_DUPFD_CLOEXEC, arg=50", render(dup));
    assertTrue(dup.isNumber(2), "F_DUPFD_CLOEXEC's argument is a number");
    assertEquals(50L, dup.number(2));
    Arguments owner = new Record("fcntl", 3, 8, 0xfffffffbL).decode();
    assertEquals(-5L, owner.value(2));
    assertEquals("option=ARCH_SET_FS, arg2=0x7f0000001740", render(new Record("arch_prctl", 0x1002, 0x7f0000001740L).decode()));
    assertEquals("how=SIG_SETMASK, nset=0x7ffd0000, oset=NULL, sigsetsize=8",
        render(new Record("rt_sigprocmask", 2, 0x7ffd0000L, 0, 8).decode()));
    assertEquals("which_clock=CLOCK_BOOTTIME, flags=TIMER_ABSTIME, rqtp=0x7ffd0000, rmtp=NULL",
        render(new Record("clock_nanosleep", 7, 1, 0x7ffd0000L, 0).decode()));
    assertEquals("which_clock=CLOCK_TAI, tp=0x7ffd0000", render(new Record("clock_gettime", 11, 0x7ffd0000L).decode()));
    assertEquals("which_clock=CLOCK_MONOTONIC, timer_event_spec=NULL, created_timer_id=0x7ffd0000",
        render(new Record("timer_create", 1, 0, 0x7ffd0000L).decode()));
    assertEquals("dfd=AT_FDCWD, path=NULL, flags=FSPICK_CLOEXEC|FSPICK_EMPTY_PATH",
        render(new Record("fspick", -100, 0, 9).decode()));
    assertEquals("mountdirfd=-100, handle=0x7ffd0000, flags=O_RDONLY|O_CLOEXEC",
        render(new Record("open_by_handle_at", -100, 0x7ffd0000L, 02000000).decode()));
  }

  @Test
  void compactRecordsAndUnknownSyscallsKeepRawNumbers() {
    ByteBuffer b = ByteBuffer.allocate(Abi.Event.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(Abi.Event.SYSCALL_NR, 511);
    b.putInt(Abi.Event.SIZE_FIELD, Abi.Event.SIZE);
    b.putLong(Abi.Event.ARGS, 7);
    Arguments a = DECODER.decode(b, 0, Abi.Event.SIZE);
    assertEquals(6, a.size());
    assertEquals("arg0", a.name(0));
    assertEquals(7L, a.number(0));
  }
}
