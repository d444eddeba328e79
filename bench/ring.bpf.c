// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simplest ring-buffer tracer of dd: for each read and write of a process named "dd", a
 * record the size of sysotel's event header is reserved in a BPF ring buffer, given the
 * boot-clock time, the thread, the syscall and its six arguments, and submitted without a
 * wake-up. Nobody reads the ring; it is sized by the harness (RING_BYTES) to hold the whole run.
 * What it costs dd is what any tracer pays to write one timestamped record per event at
 * sys_enter, before it captures an argument or runs a consumer: the floor under full delivery.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "sysotel.h"

char LICENSE[] SEC("license") = "GPL";

#ifndef RING_BYTES
#define RING_BYTES (512 * 1024 * 1024)
#endif

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, RING_BYTES);
} ring SEC(".maps");

/* Records written into the ring and records it had no room for, read by the harness. */
struct ring_counts {
	__u64 submitted;
	__u64 lost;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ring_counts);
} ring_counts SEC(".maps");

SEC("tp_btf/sys_enter")
int BPF_PROG(bench_ring, struct pt_regs *regs, long id)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct sysotel_event *e;
	struct ring_counts *counts;
	__u32 zero = 0;

	if (id > 1 || task->comm[0] != 'd' || task->comm[1] != 'd' || task->comm[2])
		return 0; /* read is 0, write 1 */
	counts = bpf_map_lookup_elem(&ring_counts, &zero);
	if (!counts)
		return 0;
	e = bpf_ringbuf_reserve(&ring, sizeof(*e), 0);
	if (!e) {
		counts->lost++;
		return 0;
	}
	e->type = SYSOTEL_EVENT_SYSCALL;
	e->size = sizeof(*e);
	e->ktime_ns = bpf_ktime_get_boot_ns();
	e->tgid = task->tgid;
	e->tid = task->pid;
	e->syscall_nr = id;
	e->args[0] = regs->di;
	e->args[1] = regs->si;
	e->args[2] = regs->dx;
	e->args[3] = regs->r10;
	e->args[4] = regs->r8;
	e->args[5] = regs->r9;
	bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
	counts->submitted++;
	return 0;
}
