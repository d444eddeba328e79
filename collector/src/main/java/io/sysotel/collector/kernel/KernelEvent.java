package io.sysotel.collector.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One syscall record as the kernel wrote it, decoded from the ring buffer. Times are still
 * boot-relative here; {@link BootClock} turns them into wall-clock time.
 */
public record KernelEvent(
    long bootTimeNanos,
    long pipelines,
    int tgid,
    int tid,
    int ptgid,
    int syscallNr,
    long[] args,
    long capInheritable,
    long capPermitted,
    long capEffective,
    long capBounding,
    long capAmbient,
    long startBootNanos,
    long pidNamespaceInode,
    int flags,
    long cgroupId,
    String comm,
    ProcessState state) {

  /** True when the kernel applied a cached verdict, so {@link #pipelines} is final. */
  public boolean verdictApplied() {
    return (flags & Abi.FLAG_VERDICT) != 0;
  }

  /**
   * Decodes the record of {@code length} bytes at {@code offset}.
   *
   * @throws IllegalArgumentException for a record that is not a syscall event of this ABI
   */
  public static KernelEvent decode(ByteBuffer b, int offset, int length) {
    return decode(b, offset, length, null);
  }

  /** As {@link #decode(ByteBuffer, int, int)}, taking the comm from {@code names} when given. */
  public static KernelEvent decode(ByteBuffer b, int offset, int length, CommNames names) {
    if (length < Abi.Event.SIZE) {
      throw new IllegalArgumentException("record of " + length + " bytes is shorter than an event");
    }
    int type = b.getInt(offset + Abi.Event.TYPE);
    if (type != Abi.EVENT_SYSCALL) {
      throw new IllegalArgumentException("unknown record type " + type);
    }
    long[] args = new long[6];
    for (int i = 0; i < 6; i++) {
      args[i] = b.getLong(offset + Abi.Event.ARGS + 8 * i);
    }
    return new KernelEvent(
        b.getLong(offset + Abi.Event.KTIME_NS),
        b.getLong(offset + Abi.Event.PIPELINES),
        b.getInt(offset + Abi.Event.TGID),
        b.getInt(offset + Abi.Event.TID),
        b.getInt(offset + Abi.Event.PTGID),
        b.getInt(offset + Abi.Event.SYSCALL_NR),
        args,
        b.getLong(offset + Abi.Event.CAP_INH),
        b.getLong(offset + Abi.Event.CAP_PRM),
        b.getLong(offset + Abi.Event.CAP_EFF),
        b.getLong(offset + Abi.Event.CAP_BND),
        b.getLong(offset + Abi.Event.CAP_AMB),
        b.getLong(offset + Abi.Event.START_BOOT_NS),
        Integer.toUnsignedLong(b.getInt(offset + Abi.Event.PIDNS_INUM)),
        b.getInt(offset + Abi.Event.FLAGS),
        b.getLong(offset + Abi.Event.CGROUP_ID),
        names != null
            ? names.get(b, offset + Abi.Event.STATE + Abi.ProcState.COMM)
            : cString(b, offset + Abi.Event.STATE + Abi.ProcState.COMM, Abi.COMM_LEN),
        ProcessState.decode(b, offset + Abi.Event.STATE));
  }

  /**
   * The part of a thread's state that a cached verdict depends on, kept as the kernel's raw bits
   * (the comm as two words) so that writing it back matches byte for byte.
   */
  public record ProcessState(long cred, long cgroups, long execId, long comm0, long comm1) {

    static ProcessState decode(ByteBuffer b, int offset) {
      return new ProcessState(
          b.getLong(offset + Abi.ProcState.CRED),
          b.getLong(offset + Abi.ProcState.CGROUPS),
          b.getLong(offset + Abi.ProcState.EXEC_ID),
          b.getLong(offset + Abi.ProcState.COMM),
          b.getLong(offset + Abi.ProcState.COMM + 8));
    }

    void encode(ByteBuffer b, int offset) {
      b.putLong(offset + Abi.ProcState.CRED, cred);
      b.putLong(offset + Abi.ProcState.CGROUPS, cgroups);
      b.putLong(offset + Abi.ProcState.EXEC_ID, execId);
      b.putLong(offset + Abi.ProcState.COMM, comm0);
      b.putLong(offset + Abi.ProcState.COMM + 8, comm1);
    }
  }

  static String cString(ByteBuffer b, int offset, int max) {
    int n = 0;
    while (n < max && b.get(offset + n) != 0) {
      n++;
    }
    byte[] bytes = new byte[n];
    b.get(offset, bytes, 0, n);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
