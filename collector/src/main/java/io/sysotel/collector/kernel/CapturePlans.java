package io.sysotel.collector.kernel;

import io.sysotel.collector.syscalls.ArgDecoding;
import io.sysotel.collector.syscalls.ArgFormat;
import io.sysotel.collector.syscalls.CommandRead;
import io.sysotel.collector.syscalls.DecodingTable;
import io.sysotel.collector.task.ArgumentLimits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's argument plans ({@code struct sysotel_arg_plan} per syscall number): what each
 * argument points to and how much of it to read; and, for the arguments a command gives their
 * meaning, what the kernel reads for each command (its {@code command_reads} map).
 */
public final class CapturePlans {

  private CapturePlans() {}

  /**
   * Encodes the plans of every syscall number below {@link Abi#MAX_SYSCALLS}.
   *
   * @param limits per syscall number, the limits of the pipelines that trace it with arguments,
   *     or null where none does (nothing is captured then)
   */
  public static byte[] encode(DecodingTable table, ArgumentLimits[] limits) {
    ByteBuffer b = ByteBuffer.allocate(Abi.ArgPlan.SIZE * Abi.MAX_SYSCALLS).order(ByteOrder.LITTLE_ENDIAN);
    for (int nr = 0; nr < Abi.MAX_SYSCALLS && nr < limits.length; nr++) {
      ArgDecoding[] ds = table.of(nr);
      ArgumentLimits l = limits[nr];
      if (ds == null || l == null) {
        continue;
      }
      int base = nr * Abi.ArgPlan.SIZE;
      for (int i = 0; i < ds.length; i++) {
        b.put(base + Abi.ArgPlan.KIND + i, (byte) kind(ds[i]));
        // a struct read whole: its size where other kinds name their length argument
        int lenArg = ds[i].format().structBytes() > 0 ? ds[i].format().structBytes() : Math.max(ds[i].lengthArg(), 0);
        b.put(base + Abi.ArgPlan.LEN_ARG + i, (byte) lenArg);
      }
      b.putShort(base + Abi.ArgPlan.MAX_STRING, (short) Math.min(l.maxStringBytes(), Abi.MAX_STRING));
      b.putShort(base + Abi.ArgPlan.MAX_BUFFER, (short) Math.min(l.maxBufferBytes(), Abi.MAX_BUFFER));
      b.putShort(base + Abi.ArgPlan.MAX_ELEMENTS, (short) Math.min(l.maxArrayElements(), Abi.MAX_ELEMENTS));
    }
    return b.array();
  }

  /** One entry of the kernel's {@code command_reads} map: a syscall, a command, what is read. */
  public record CommandEntry(int nr, int command, CommandRead read) {}

  /**
   * The entries of the kernel's {@code command_reads} map: for every argument of the table whose
   * meaning a command gives ({@link ArgFormat#byCommand}), the commands for which the kernel reads
   * what it points to ({@link ArgFormat#commandReads}).
   */
  public static List<CommandEntry> commandReads(DecodingTable table) {
    List<CommandEntry> out = new ArrayList<>();
    for (int nr = 0; nr < Abi.MAX_SYSCALLS; nr++) {
      ArgDecoding[] ds = table.of(nr);
      for (int i = 0; ds != null && i < ds.length; i++) {
        int syscall = nr;
        ds[i].format().commandReads().forEach((cmd, read) -> out.add(new CommandEntry(syscall, cmd.intValue(), read)));
      }
    }
    if (out.size() > Abi.MAX_COMMAND_READS) {
      throw new IllegalStateException(out.size() + " command reads, the kernel's map holds " + Abi.MAX_COMMAND_READS);
    }
    return out;
  }

  static int kind(ArgDecoding d) {
    return switch (d.format()) {
      case STRING, MOUNT_TYPE, MOUNT_DATA -> Abi.ARG_STRING;
      case BUFFER, OPTVAL -> Abi.ARG_BUFFER;
      case SOCKADDR -> Abi.ARG_SOCKADDR;
      case STRINGS -> Abi.ARG_STRINGS;
      case IOVEC -> Abi.ARG_IOVEC;
      case MSGHDR -> Abi.ARG_MSGHDR;
      case FCNTL, IOCTL, PRCTL -> Abi.ARG_COMMAND;
      case RLIMIT, TIMESPEC -> Abi.ARG_STRUCT;
      default -> Abi.ARG_VALUE;
    };
  }
}
