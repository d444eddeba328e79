/* SPDX-License-Identifier: (GPL-2.0-only OR Apache-2.0) */
/*
 * The contract between the kernel program (sysotel.bpf.c) and the collector.
 *
 * Every struct here has a mirror in collector/src/main/java/io/sysotel/collector/kernel/Abi.java;
 * AbiTest compares both with the BTF of the compiled object. Fields are fixed-width and padded
 * explicitly; enum values are numbered explicitly and never reused.
 */
#ifndef SYSOTEL_H
#define SYSOTEL_H

#define SYSOTEL_ABI_VERSION 7

#define SYSOTEL_COMM_LEN 16
/* Syscall ids 0..SYSOTEL_MAX_SYSCALLS-1 can be traced (x86_64 ends below 512). */
#define SYSOTEL_MAX_SYSCALLS 512
/* Pipelines are bits of a __u64 mask. */
#define SYSOTEL_MAX_PIPELINES 64

/* Argument capture. A record is the fixed event followed by up to SYSOTEL_MAX_PAYLOAD bytes of
 * chunks, each a struct sysotel_chunk and its data padded to 8 bytes. Limits from the
 * collector are clamped to these. */
#define SYSOTEL_MAX_PAYLOAD 16384
#define SYSOTEL_MAX_STRING 4096   /* bytes of one C string */
#define SYSOTEL_MAX_BUFFER 4096   /* bytes of one buffer */
#define SYSOTEL_MAX_ELEMENTS 128  /* elements of one string array */
#define SYSOTEL_MAX_SOCKADDR 128  /* bytes of one socket address (sizeof(sockaddr_storage)) */

/* How the kernel captures an argument (struct sysotel_arg_plan.kind). */
enum sysotel_arg_kind {
	SYSOTEL_ARG_VALUE = 0,    /* the register alone */
	SYSOTEL_ARG_STRING = 1,   /* NUL-terminated string, up to max_string bytes */
	SYSOTEL_ARG_BUFFER = 2,   /* bytes; their count is argument len_arg; up to max_buffer */
	SYSOTEL_ARG_SOCKADDR = 3, /* socket address; its length is argument len_arg */
	SYSOTEL_ARG_STRINGS = 4,  /* NULL-terminated array of strings, up to max_elements */
	SYSOTEL_ARG_IOVEC = 5,    /* iovec array of argument len_arg elements: a chunk per vector,
				   * its size the vector's length, up to max_elements vectors */
	SYSOTEL_ARG_MSGHDR = 6,   /* struct user_msghdr: itself, then, same arg, its msg_name as
				   * a SOCKADDR chunk, its msg_control as a BUFFER chunk (up to
				   * max_buffer) and its vectors as IOVEC chunks */
	SYSOTEL_ARG_COMMAND = 7,  /* an argument a command in argument len_arg gives its meaning
				   * (fcntl's arg, ioctl's arg, prctl's arg2): what `command_reads`
				   * holds for the syscall and that command, bytes or a string up to
				   * max_string; the register alone for commands it does not hold */
	/* 8 and 9: not used since ABI 6 (per-syscall kinds that SYSOTEL_ARG_COMMAND replaced) */
	SYSOTEL_ARG_STRUCT = 10,  /* a struct of a fixed size, read whole: its size in bytes is
				   * len_arg, which names no argument here (struct rlimit,
				   * struct __kernel_timespec) */
};

/* Entries of the `command_reads` map at most. */
#define SYSOTEL_MAX_COMMAND_READS 256

/* Key of `command_reads`: a syscall and the command of its SYSOTEL_ARG_COMMAND argument (cut to
 * 32 bits: fcntl's cmd and ioctl's request are unsigned ints, prctl's option an int). */
struct sysotel_command_key {
	__u32 nr;
	__u32 command;
};

enum sysotel_command_read_flags {
	SYSOTEL_READ_STRING = 1 << 0, /* a C string up to the plan's max_string, not `bytes` */
};

/* Value of `command_reads`: what the argument points to for that command, as the collector's
 * tables say (a lock set's struct flock, the int or struct winsize an ioctl request gives,
 * PR_SET_NAME's name). Written by the collector once, before the program is attached. */
struct sysotel_command_read {
	__u16 bytes; /* bytes to read, at most SYSOTEL_MAX_BUFFER */
	__u16 flags; /* enum sysotel_command_read_flags */
};

/* Chunk flags. */
enum sysotel_chunk_flags {
	SYSOTEL_C_TRUNCATED = 1 << 0, /* the value is longer than what was captured */
	SYSOTEL_C_END = 1 << 1,       /* closes a string array; size is the elements read */
};

enum sysotel_event_type {
	SYSOTEL_EVENT_SYSCALL = 1,
};

enum sysotel_event_flags {
	/* The kernel applied a cached verdict: `pipelines` is final. Without it, user space
	 * decides the verdict for this process state and writes it back. */
	SYSOTEL_F_VERDICT = 1 << 0,
};

/* What a cached verdict depends on. Any change makes the verdict stale. Every field is a
 * plain load from the task, so checking a verdict costs no helper call. */
struct sysotel_proc_state {
	__u64 cred;    /* address of the task's credentials: replaced by capset, setuid, exec */
	__u64 cgroups; /* address of the task's css_set: replaced when it changes cgroup */
	__u64 exec_id; /* task->self_exec_id: bumped by every exec */
	char comm[SYSOTEL_COMM_LEN]; /* changed by exec and prctl(PR_SET_NAME) */
};

/* Value of the `verdicts` map (keyed by thread id, written by the collector) and of the
 * `task_verdicts` task storage (the kernel's per-task copy, read first). */
struct sysotel_verdict {
	struct sysotel_proc_state state;
	__u64 match;      /* pipelines whose condition holds for this state */
	__u64 generation; /* sysotel_control.generation the verdict was computed under */
};

/* One ring-buffer record per traced syscall: this header, then `size - sizeof(header)` bytes
 * of argument chunks. */
struct sysotel_event {
	__u32 type;            /* enum sysotel_event_type */
	__u32 size;            /* bytes of this record, header and chunks included */
	__u64 ktime_ns;        /* bpf_ktime_get_boot_ns() at sys_enter */
	__u64 pipelines;       /* pipelines that may want it (final if SYSOTEL_F_VERDICT) */
	__u32 tgid;
	__u32 tid;
	__u32 ptgid;           /* parent's tgid */
	__s32 syscall_nr;
	__u64 args[6];
	__u64 cap_inh;
	__u64 cap_prm;
	__u64 cap_eff;
	__u64 cap_bnd;
	__u64 cap_amb;
	__u64 start_boot_ns;   /* thread group leader's start, ns since boot */
	__u32 pidns_inum;      /* inode of the task's active pid namespace */
	__u32 flags;           /* enum sysotel_event_flags */
	__u64 cgroup_id;       /* the task's cgroup v2 id */
	struct sysotel_proc_state state;
};

/* Precedes the captured data of one argument (or of one element of a string array). */
struct sysotel_chunk {
	__u8 arg;    /* argument index, 0..5 */
	__u8 kind;   /* enum sysotel_arg_kind */
	__u16 len;   /* bytes of data following this header, before padding to 8 */
	__s16 error; /* 0, or the negative errno of the read that failed (no data then) */
	__u16 flags; /* enum sysotel_chunk_flags */
	__u32 size;  /* IOVEC: the vector's length; STRINGS with END: elements read */
	__u32 pad;
};

/* What to capture of each argument of one syscall: computed by the collector from the syscall
 * table, with the largest limits of the pipelines that trace the syscall with arguments. */
struct sysotel_arg_plan {
	__u8 kind[6];    /* enum sysotel_arg_kind */
	__u8 len_arg[6]; /* BUFFER, SOCKADDR, IOVEC, COMMAND: index of the length (count, command)
			  * argument; STRUCT: the struct's size in bytes */
	__u16 max_string;
	__u16 max_buffer;
	__u16 max_elements;
	__u16 pad[3];
};

/* Per-CPU counters. Every syscall in some pipeline's set is counted exactly once, as
 * filtered, submitted or lost, so their sum is the number seen. */
struct sysotel_counters {
	__u64 filtered;  /* dropped in the kernel by a cached verdict */
	__u64 submitted; /* records written into the ring buffer */
	__u64 lost;      /* records the ring buffer had no room for */
	__u64 wakeups;   /* submissions that woke the reader */
};

/* The thread that last made a wanted syscall on a CPU, with its valid verdict. A thread that
 * keeps its CPU is judged from this copy, without a task-storage lookup. */
struct sysotel_recent {
	__u64 task;     /* address of its task_struct */
	__u64 start_ns; /* task->start_time: with the address, it names one thread for good */
	struct sysotel_verdict verdict;
	/* The thread's event fields that cost helper calls, read at its first event sent while it
	 * is the recent thread; valid as long as the verdict is (the cgroup id depends on
	 * state.cgroups, the pid namespace never changes). pidns_inum 0: not read yet. */
	__u64 cgroup_id;
	__u32 pidns_inum;
	__u32 pad;
};

/* The single value of the `cpu_state` PERCPU_ARRAY. */
struct sysotel_cpu_state {
	struct sysotel_counters counters;
	struct sysotel_recent recent;
};

/* Settings fixed before load (.rodata). */
struct sysotel_config {
	__u32 abi_version;
	/* Wake the reader each time the unread bytes cross a multiple of this; other records
	 * are submitted without a wake-up and the reader's short poll timeout picks them up. */
	__u32 wakeup_bytes;
};

/* Settings changed at run time (.bss, written by the collector through its mapping). */
struct sysotel_control {
	__u64 generation; /* bumped whenever pipelines change: stale verdicts are ignored */
	__u64 compact_pipelines; /* pipelines that publish no arguments */
	__u64 syscall_pipelines[SYSOTEL_MAX_SYSCALLS]; /* pipelines interested in each syscall */
	struct sysotel_arg_plan plans[SYSOTEL_MAX_SYSCALLS]; /* argument capture per syscall */
};

#endif /* SYSOTEL_H */
