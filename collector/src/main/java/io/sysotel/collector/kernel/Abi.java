package io.sysotel.collector.kernel;

/**
 * The Java mirror of bpf/sysotel.h: sizes and offsets of every struct shared with the kernel,
 * and the names of the program's maps and programs. AbiTest checks each against the BTF of the
 * compiled object.
 */
public final class Abi {

  private Abi() {}

  public static final int VERSION = 7;
  public static final int COMM_LEN = 16;
  public static final int MAX_SYSCALLS = 512;
  public static final int MAX_PIPELINES = 64;

  public static final int MAX_PAYLOAD = 16384;
  public static final int MAX_STRING = 4096;
  public static final int MAX_BUFFER = 4096;
  public static final int MAX_ELEMENTS = 128;

  /** enum sysotel_arg_kind */
  public static final int ARG_VALUE = 0;
  public static final int ARG_STRING = 1;
  public static final int ARG_BUFFER = 2;
  public static final int ARG_SOCKADDR = 3;
  public static final int ARG_STRINGS = 4;
  public static final int ARG_IOVEC = 5;
  public static final int ARG_MSGHDR = 6;
  public static final int ARG_COMMAND = 7;
  public static final int ARG_STRUCT = 10;

  public static final int MAX_COMMAND_READS = 256;
  /** enum sysotel_command_read_flags */
  public static final int READ_STRING = 1;

  /** enum sysotel_chunk_flags */
  public static final int CHUNK_TRUNCATED = 1;
  public static final int CHUNK_END = 2;

  public static final int EVENT_SYSCALL = 1;
  public static final int FLAG_VERDICT = 1;

  public static final String PROGRAM_TP_BTF = "sysotel_sys_enter";
  public static final String PROGRAM_RAW_TP = "sysotel_sys_enter_raw";
  public static final String MAP_EVENTS = "events";
  public static final String MAP_VERDICTS = "verdicts";
  public static final String MAP_CPU_STATE = "cpu_state";
  public static final String MAP_TASK_VERDICTS = "task_verdicts";
  public static final String MAP_COMMAND_READS = "command_reads";
  public static final String MAP_RODATA = ".rodata";
  public static final String MAP_BSS = ".bss";

  /** struct sysotel_proc_state */
  public static final class ProcState {
    private ProcState() {}

    public static final int CRED = 0;
    public static final int CGROUPS = 8;
    public static final int EXEC_ID = 16;
    public static final int COMM = 24;
    public static final int SIZE = 40;
  }

  /** struct sysotel_verdict */
  public static final class Verdict {
    private Verdict() {}

    public static final int STATE = 0;
    public static final int MATCH = 40;
    public static final int GENERATION = 48;
    public static final int SIZE = 56;
  }

  /** struct sysotel_command_key */
  public static final class CommandKey {
    private CommandKey() {}

    public static final int NR = 0;
    public static final int COMMAND = 4;
    public static final int SIZE = 8;
  }

  /** struct sysotel_command_read */
  public static final class CommandReadValue {
    private CommandReadValue() {}

    public static final int BYTES = 0;
    public static final int FLAGS = 2;
    public static final int SIZE = 4;
  }

  /** struct sysotel_event */
  public static final class Event {
    private Event() {}

    public static final int TYPE = 0;
    public static final int SIZE_FIELD = 4;
    public static final int KTIME_NS = 8;
    public static final int PIPELINES = 16;
    public static final int TGID = 24;
    public static final int TID = 28;
    public static final int PTGID = 32;
    public static final int SYSCALL_NR = 36;
    public static final int ARGS = 40;
    public static final int CAP_INH = 88;
    public static final int CAP_PRM = 96;
    public static final int CAP_EFF = 104;
    public static final int CAP_BND = 112;
    public static final int CAP_AMB = 120;
    public static final int START_BOOT_NS = 128;
    public static final int PIDNS_INUM = 136;
    public static final int FLAGS = 140;
    public static final int CGROUP_ID = 144;
    public static final int STATE = 152;
    public static final int SIZE = 192;
  }

  /** struct sysotel_chunk */
  public static final class Chunk {
    private Chunk() {}

    public static final int ARG = 0;
    public static final int KIND = 1;
    public static final int LEN = 2;
    public static final int ERROR = 4;
    public static final int FLAGS = 6;
    public static final int SIZE_FIELD = 8;
    public static final int PAD = 12;
    public static final int SIZE = 16;
  }

  /** struct sysotel_arg_plan */
  public static final class ArgPlan {
    private ArgPlan() {}

    public static final int KIND = 0;
    public static final int LEN_ARG = 6;
    public static final int MAX_STRING = 12;
    public static final int MAX_BUFFER = 14;
    public static final int MAX_ELEMENTS = 16;
    public static final int PAD = 18;
    public static final int SIZE = 24;
  }

  /** struct sysotel_counters */
  public static final class Counters {
    private Counters() {}

    public static final int FILTERED = 0;
    public static final int SUBMITTED = 8;
    public static final int LOST = 16;
    public static final int WAKEUPS = 24;
    public static final int SIZE = 32;
  }

  /** struct sysotel_recent */
  public static final class Recent {
    private Recent() {}

    public static final int TASK = 0;
    public static final int START_NS = 8;
    public static final int VERDICT = 16;
    public static final int CGROUP_ID = 72;
    public static final int PIDNS_INUM = 80;
    public static final int PAD = 84;
    public static final int SIZE = 88;
  }

  /** struct sysotel_cpu_state, the per-CPU value of the {@code cpu_state} map */
  public static final class CpuState {
    private CpuState() {}

    public static final int COUNTERS = 0;
    public static final int RECENT = 32;
    public static final int SIZE = 120;
  }

  /** struct sysotel_config (.rodata) */
  public static final class Config {
    private Config() {}

    public static final int ABI_VERSION = 0;
    public static final int WAKEUP_BYTES = 4;
    public static final int SIZE = 8;
  }

  /** struct sysotel_control (.bss) */
  public static final class Control {
    private Control() {}

    public static final int GENERATION = 0;
    public static final int COMPACT_PIPELINES = 8;
    public static final int SYSCALL_PIPELINES = 16;
    public static final int PLANS = SYSCALL_PIPELINES + 8 * MAX_SYSCALLS;
    public static final int SIZE = PLANS + ArgPlan.SIZE * MAX_SYSCALLS;
  }
}
