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

#define SYSOTEL_ABI_VERSION 4

#define SYSOTEL_COMM_LEN 16
/* Syscall ids 0..SYSOTEL_MAX_SYSCALLS-1 can be traced (x86_64 ends below 512). */
#define SYSOTEL_MAX_SYSCALLS 512
/* Pipelines are bits of a __u64 mask. */
#define SYSOTEL_MAX_PIPELINES 64

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

/* One ring-buffer record per traced syscall. */
struct sysotel_event {
	__u32 type;            /* enum sysotel_event_type */
	__u32 size;            /* bytes of this record, header included */
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
};

#endif /* SYSOTEL_H */
