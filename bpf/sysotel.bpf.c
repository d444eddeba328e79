// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysotel's kernel side: one program at sys_enter.
 *
 * Fast path for syscalls no pipeline wants: one array load. For wanted syscalls the thread's
 * cached verdict decides in the kernel (from the CPU's copy of the last thread's verdict, else
 * from the thread's task storage, else from the collector's map); without a valid verdict the
 * event goes to user space, which decides for that process state and writes the verdict back.
 * The syscall's arguments are read only for events that are sent.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "sysotel.h"

char LICENSE[] SEC("license") = "GPL";

const volatile struct sysotel_config sysotel_config = {
	.abi_version = SYSOTEL_ABI_VERSION,
	.wakeup_bytes = 256 * 1024,
};

struct sysotel_control sysotel_control;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 1024 * 1024); /* resized by the collector before load */
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, struct sysotel_verdict);
} verdicts SEC(".maps");

/* The kernel's own per-task copy of a thread's verdict: found through the task itself,
 * which is cheaper than a hash lookup on every syscall. Filled from `verdicts`. */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct sysotel_verdict);
} task_verdicts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sysotel_cpu_state);
} cpu_state SEC(".maps");

/* Never read or written: it records struct sysotel_event in the object's BTF, where the
 * collector's ABI check finds it (ring buffers carry no value type). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sysotel_event);
} event_layout SEC(".maps");

static __always_inline bool valid(const struct sysotel_verdict *v,
				  const struct sysotel_proc_state *s)
{
	const __u64 *vc = (const __u64 *)v->state.comm, *sc = (const __u64 *)s->comm;

	return v->generation == sysotel_control.generation && v->state.cred == s->cred &&
	       v->state.exec_id == s->exec_id && v->state.cgroups == s->cgroups &&
	       vc[0] == sc[0] && vc[1] == sc[1];
}

static __always_inline __u32 pid_ns_inum(struct task_struct *task)
{
	struct pid *pid = task->thread_pid;
	unsigned int level = BPF_CORE_READ(pid, level);
	struct upid upid = {};

	bpf_probe_read_kernel(&upid, sizeof(upid), &pid->numbers[level]);
	return BPF_CORE_READ(upid.ns, ns.inum);
}

/* The thread's cached verdict for its current state, or NULL. With task storage (tp_btf),
 * the per-task copy is tried first and refreshed from the collector's map. */
static __always_inline struct sysotel_verdict *
cached_verdict(struct task_struct *task, __u32 tid, const struct sysotel_proc_state *state,
	       bool task_storage)
{
	struct sysotel_verdict *v, *copy;

	if (task_storage) {
		v = bpf_task_storage_get(&task_verdicts, task, 0, 0);
		if (v && valid(v, state))
			return v;
	}
	v = bpf_map_lookup_elem(&verdicts, &tid);
	if (!v || !valid(v, state))
		return NULL;
	if (task_storage) {
		copy = bpf_task_storage_get(&task_verdicts, task, 0,
					    BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (copy)
			*copy = *v;
	}
	return v;
}

/* The syscall's six arguments: plain loads from the BTF-typed registers, probe reads without. */
static __always_inline void read_args(__u64 *args, struct pt_regs *regs, bool btf)
{
	if (btf) {
		args[0] = regs->di;
		args[1] = regs->si;
		args[2] = regs->dx;
		args[3] = regs->r10;
		args[4] = regs->r8;
		args[5] = regs->r9;
	} else {
		args[0] = BPF_CORE_READ(regs, di);
		args[1] = BPF_CORE_READ(regs, si);
		args[2] = BPF_CORE_READ(regs, dx);
		args[3] = BPF_CORE_READ(regs, r10);
		args[4] = BPF_CORE_READ(regs, r8);
		args[5] = BPF_CORE_READ(regs, r9);
	}
}

/* btf: attached at tp_btf, where registers are typed and task storage is available. */
static __always_inline int handle(long id, struct pt_regs *regs, bool btf)
{
	struct sysotel_proc_state state;
	struct sysotel_cpu_state *cpu;
	struct sysotel_counters *ctr;
	struct sysotel_recent *recent;
	struct sysotel_verdict *verdict;
	struct sysotel_event *e;
	struct task_struct *task;
	struct cred *cred;
	__u32 zero = 0, tid, flags = 0;
	__u64 mask, avail, start_ns;

	if (id < 0 || id >= SYSOTEL_MAX_SYSCALLS)
		return 0;
	mask = sysotel_control.syscall_pipelines[id];
	if (!mask)
		return 0;

	cpu = bpf_map_lookup_elem(&cpu_state, &zero);
	if (!cpu)
		return 0;
	ctr = &cpu->counters;
	recent = &cpu->recent;

	task = bpf_get_current_task_btf();
	cred = (struct cred *)task->cred;
	tid = task->pid;
	state.cred = (__u64)cred;
	state.cgroups = (__u64)task->cgroups;
	state.exec_id = task->self_exec_id;
	/* Two plain loads from the BTF-typed task, no helper call. */
	((__u64 *)state.comm)[0] = *(__u64 *)&task->comm[0];
	((__u64 *)state.comm)[1] = *(__u64 *)&task->comm[8];

	start_ns = task->start_time;

	if (recent->task == (__u64)task && recent->start_ns == start_ns &&
	    valid(&recent->verdict, &state)) {
		verdict = &recent->verdict;
	} else {
		verdict = cached_verdict(task, tid, &state, btf);
		if (verdict) {
			recent->task = (__u64)task;
			recent->start_ns = start_ns;
			recent->verdict = *verdict;
		}
	}
	if (verdict) {
		mask &= verdict->match;
		if (!mask) {
			ctr->filtered++;
			return 0;
		}
		flags |= SYSOTEL_F_VERDICT;
	}

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		ctr->lost++;
		return 0;
	}
	e->type = SYSOTEL_EVENT_SYSCALL;
	e->size = sizeof(*e);
	e->ktime_ns = bpf_ktime_get_boot_ns();
	e->pipelines = mask;
	e->tgid = task->tgid;
	e->tid = tid;
	e->ptgid = task->real_parent->tgid;
	e->syscall_nr = id;
	if (mask & ~sysotel_control.compact_pipelines) {
		read_args(e->args, regs, btf);
	} else {
		/* Only compact pipelines want it: arguments are not captured. */
		__builtin_memset(e->args, 0, sizeof(e->args));
	}
	e->cap_inh = cred->cap_inheritable.val;
	e->cap_prm = cred->cap_permitted.val;
	e->cap_eff = cred->cap_effective.val;
	e->cap_bnd = cred->cap_bset.val;
	e->cap_amb = cred->cap_ambient.val;
	e->start_boot_ns = task->group_leader->start_boottime;
	e->pidns_inum = pid_ns_inum(task);
	e->flags = flags;
	e->cgroup_id = bpf_get_current_cgroup_id();
	e->state = state;
	ctr->submitted++;

	/* Wake the reader each time the backlog crosses a multiple of wakeup_bytes: a wake-up per
	 * record would cost the traced program several times its syscall time. An event that still
	 * needs a verdict wakes it at once when the ring was empty (the reader is asleep then): the
	 * sooner the verdict is back, the sooner the kernel filters that thread alone. */
	avail = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);
	if (avail / sysotel_config.wakeup_bytes != (avail - sizeof(*e)) / sysotel_config.wakeup_bytes ||
	    (!verdict && avail <= 2 * (sizeof(*e) + 8))) {
		ctr->wakeups++;
		bpf_ringbuf_submit(e, BPF_RB_FORCE_WAKEUP);
	} else {
		bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
	}
	return 0;
}

/* Preferred: BTF-typed tracepoint, registers read directly. */
SEC("tp_btf/sys_enter")
int BPF_PROG(sysotel_sys_enter, struct pt_regs *regs, long id)
{
	return handle(id, regs, true);
}

/* Fallback where tp_btf is missing: registers read with probe reads, no task storage. */
SEC("raw_tp/sys_enter")
int BPF_PROG(sysotel_sys_enter_raw, struct pt_regs *regs, long id)
{
	return handle(id, regs, false);
}
