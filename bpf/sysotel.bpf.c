// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysotel's kernel side: one program at sys_enter.
 *
 * Fast path for syscalls no pipeline wants: one array load. For wanted syscalls the thread's
 * cached verdict decides in the kernel (from the CPU's copy of the last thread's verdict, else
 * from the thread's task storage, else from the collector's map); without a valid verdict the
 * event goes to user space, which decides for that process state and writes the verdict back.
 * The syscall's arguments are read only for events that are sent; what their pointers point to
 * (strings, buffers, socket addresses, string arrays) is captured after the header, following
 * the syscall's plan from the collector, into a per-CPU scratch record sized to what was read.
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

/* What a SYSOTEL_ARG_COMMAND argument points to, by syscall and command: filled by the
 * collector from its tables before the program is attached, read-only afterwards. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SYSOTEL_MAX_COMMAND_READS);
	__type(key, struct sysotel_command_key);
	__type(value, struct sysotel_command_read);
} command_reads SEC(".maps");

/* Slack after the payload: a chunk that starts below the payload's end may run past it. */
#define CHUNK_MAX (sizeof(struct sysotel_chunk) + SYSOTEL_MAX_STRING + 8)
#define PAYLOAD_MASK (SYSOTEL_MAX_PAYLOAD - 1)

/* A record with captured arguments is assembled here, then copied into the ring. */
struct scratch {
	struct sysotel_event e;
	__u8 data[SYSOTEL_MAX_PAYLOAD + CHUNK_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

/* Never read or written: it records the ring's record types in the object's BTF, where the
 * collector's ABI check finds them (ring buffers carry no value type). */
struct record_layout {
	struct sysotel_event event;
	struct sysotel_chunk chunk;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct record_layout);
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

/* State shared by the capture callbacks (bpf_loop): plain scalars, the scratch record is
 * looked up again in each callback. */
struct capture {
	__u64 args[6];
	__u32 off;          /* payload bytes written */
	__u32 nr;           /* syscall number */
	__u32 arg;          /* argument being captured (string and iovec arrays) */
	__u32 elements;     /* string array: elements read */
	__u64 array;        /* string array: user address of the pointer array; iovec array */
	bool stop;          /* string array: NULL met, read failed or no room */
	bool truncated;     /* string array: element limit or room ran out */
};

/* struct iovec */
struct iovec_user {
	__u64 base;
	__u64 len;
};

static __always_inline struct sysotel_chunk *chunk_at(struct scratch *s, __u32 off)
{
	return (struct sysotel_chunk *)&s->data[off & PAYLOAD_MASK];
}

static __always_inline __u32 padded(__u32 len)
{
	return (len + 7) & ~7U;
}

/* Reads a C string of at most max bytes into a chunk at c->off. Returns false when no room. */
static __always_inline bool put_string(struct scratch *s, struct capture *c, __u8 arg, __u8 kind,
				       const void *ptr, __u32 max)
{
	struct sysotel_chunk *h;
	__u32 off = c->off, len;
	long n;

	if (off > SYSOTEL_MAX_PAYLOAD - CHUNK_MAX)
		return false;
	h = chunk_at(s, off);
	h->arg = arg;
	h->kind = kind;
	h->flags = 0;
	h->error = 0;
	h->size = 0;
	h->pad = 0;
	if (max > SYSOTEL_MAX_STRING)
		max = SYSOTEL_MAX_STRING;
	/* Two bytes more than kept: room for the NUL and to tell "exactly max" from "longer". */
	n = bpf_probe_read_user_str(&s->data[(off + sizeof(*h)) & PAYLOAD_MASK], (max + 2) & 0x1fff,
				    ptr);
	if (n < 0) {
		h->error = n;
		len = 0;
	} else if (n > max + 1) {
		h->flags = SYSOTEL_C_TRUNCATED;
		len = max;
	} else {
		len = n > 0 ? n - 1 : 0;
	}
	h->len = len;
	c->off = off + sizeof(*h) + padded(len);
	return true;
}

/* Reads len bytes (already limited) into a chunk at c->off. */
static __always_inline void put_bytes(struct scratch *s, struct capture *c, __u8 arg, __u8 kind,
				      const void *ptr, __u32 len, __u16 flags, __u32 size)
{
	struct sysotel_chunk *h;
	__u32 off = c->off;
	long err;

	if (off > SYSOTEL_MAX_PAYLOAD - CHUNK_MAX)
		return;
	h = chunk_at(s, off);
	h->arg = arg;
	h->kind = kind;
	h->flags = flags;
	h->error = 0;
	h->size = size;
	h->pad = 0;
	len &= 0x1fff;
	if (len > SYSOTEL_MAX_BUFFER)
		len = SYSOTEL_MAX_BUFFER;
	err = len ? bpf_probe_read_user(&s->data[(off + sizeof(*h)) & PAYLOAD_MASK], len, ptr) : 0;
	if (err < 0) {
		h->error = err;
		len = 0;
	}
	h->len = len;
	c->off = off + sizeof(*h) + padded(len);
}

/* The first bytes, up to max, of a region of size bytes at ptr; the chunk keeps size (cut to 32
 * bits) and is marked truncated when the region is larger than max. */
static __always_inline void put_region(struct scratch *s, struct capture *c, __u8 arg, __u8 kind,
				       const void *ptr, __u64 size, __u32 max)
{
	put_bytes(s, c, arg, kind, ptr, size > max ? max : size, size > max ? SYSOTEL_C_TRUNCATED : 0,
		  size > 0xffffffffULL ? 0xffffffff : (__u32)size);
}

/* A chunk that says the read of the argument failed with err. */
static __always_inline void put_error(struct scratch *s, struct capture *c, __u8 arg, __u8 kind,
				      long err)
{
	struct sysotel_chunk *h;
	__u32 off = c->off;

	if (off > SYSOTEL_MAX_PAYLOAD - CHUNK_MAX)
		return;
	h = chunk_at(s, off);
	h->arg = arg;
	h->kind = kind;
	h->len = 0;
	h->error = err;
	h->flags = 0;
	h->size = 0;
	h->pad = 0;
	c->off = off + sizeof(*h);
}

/* One element of a string array. */
static long capture_element(__u64 i, void *ctx)
{
	struct capture *c = ctx;
	struct scratch *s;
	__u32 zero = 0;
	__u64 ptr = 0;
	struct sysotel_arg_plan *plan;
	long err;

	s = bpf_map_lookup_elem(&scratch, &zero);
	if (!s || c->nr >= SYSOTEL_MAX_SYSCALLS)
		return 1;
	plan = &sysotel_control.plans[c->nr];
	err = bpf_probe_read_user(&ptr, sizeof(ptr), (void *)(c->array + i * sizeof(ptr)));
	if (err < 0) {
		/* the array itself is unreadable at this element */
		put_error(s, c, c->arg, SYSOTEL_ARG_STRINGS, err);
		c->stop = true;
		return 1;
	}
	if (!ptr) {
		c->stop = true;
		return 1;
	}
	if (!put_string(s, c, c->arg, SYSOTEL_ARG_STRINGS, (void *)ptr, plan->max_string)) {
		c->truncated = true;
		return 1;
	}
	c->elements++;
	return 0;
}

/* One vector of an iovec array: its bytes, up to max_buffer, as an IOVEC chunk whose size is
 * iov_len. Stops at the first unreadable vector (an error chunk) or when the record is full. */
static long capture_vector(__u64 i, void *ctx)
{
	struct capture *c = ctx;
	struct sysotel_arg_plan *plan;
	struct iovec_user iov;
	struct scratch *s;
	__u32 zero = 0;
	long err;

	s = bpf_map_lookup_elem(&scratch, &zero);
	if (!s || c->nr >= SYSOTEL_MAX_SYSCALLS || c->off > SYSOTEL_MAX_PAYLOAD - CHUNK_MAX)
		return 1;
	plan = &sysotel_control.plans[c->nr];
	err = bpf_probe_read_user(&iov, sizeof(iov), (void *)(c->array + i * sizeof(iov)));
	if (err < 0) {
		put_error(s, c, c->arg, SYSOTEL_ARG_IOVEC, err);
		return 1;
	}
	put_region(s, c, c->arg, SYSOTEL_ARG_IOVEC, (void *)iov.base, iov.len, plan->max_buffer);
	return 0;
}

/* The vectors of an iovec array of `count` elements, up to max_elements: one IOVEC chunk each,
 * in order. User space tells from `count` whether all were read. */
static __always_inline void capture_vectors(struct capture *c, __u8 arg, __u64 array, __u64 count,
					    __u32 max)
{
	if (max > SYSOTEL_MAX_ELEMENTS)
		max = SYSOTEL_MAX_ELEMENTS;
	c->arg = arg;
	c->array = array;
	bpf_loop(count < max ? count : max, capture_vector, c, 0);
}

/* One argument, following the syscall's plan. */
static long capture_arg(__u64 i, void *ctx)
{
	struct capture *c = ctx;
	struct sysotel_arg_plan *plan;
	struct scratch *s;
	__u32 zero = 0, len, max;
	__u64 ptr, lenv;
	struct sysotel_command_key key;
	struct sysotel_command_read *read;
	__u8 kind, len_arg;
	long err;
	/* struct user_msghdr on x86_64 */
	struct msghdr_user {
		__u64 name;
		__u32 namelen;
		__u32 pad;
		__u64 iov;
		__u64 iovlen;
		__u64 control;
		__u64 controllen;
		__u32 flags;
		__u32 pad2;
	} msg;

	s = bpf_map_lookup_elem(&scratch, &zero);
	if (!s || c->nr >= SYSOTEL_MAX_SYSCALLS || i >= 6)
		return 1;
	plan = &sysotel_control.plans[c->nr];
	kind = plan->kind[i];
	ptr = c->args[i];
	if (kind == SYSOTEL_ARG_VALUE || !ptr)
		return 0;
	len_arg = plan->len_arg[i];
	lenv = len_arg < 6 ? c->args[len_arg] : 0;
	switch (kind) {
	case SYSOTEL_ARG_STRING:
		put_string(s, c, i, kind, (void *)ptr, plan->max_string);
		break;
	case SYSOTEL_ARG_BUFFER:
		max = plan->max_buffer;
		len = lenv > max ? max : lenv;
		put_bytes(s, c, i, kind, (void *)ptr, len, lenv > max ? SYSOTEL_C_TRUNCATED : 0, 0);
		break;
	case SYSOTEL_ARG_SOCKADDR:
		/* addrlen is an int: a negative one is left to the user-space rendering */
		if ((__s32)lenv <= 0)
			break;
		len = lenv > SYSOTEL_MAX_SOCKADDR ? SYSOTEL_MAX_SOCKADDR : lenv;
		put_bytes(s, c, i, kind, (void *)ptr, len, 0, 0);
		break;
	case SYSOTEL_ARG_IOVEC:
		if ((__s32)lenv <= 0)
			break;
		capture_vectors(c, i, ptr, lenv, plan->max_elements);
		break;
	case SYSOTEL_ARG_MSGHDR:
		err = bpf_probe_read_user(&msg, sizeof(msg), (void *)ptr);
		if (err < 0) {
			put_error(s, c, i, kind, err);
			break;
		}
		put_bytes(s, c, i, kind, (void *)ptr, sizeof(msg), 0, 0);
		if (msg.name && (__s32)msg.namelen > 0)
			put_bytes(s, c, i, SYSOTEL_ARG_SOCKADDR, (void *)msg.name,
				  msg.namelen > SYSOTEL_MAX_SOCKADDR ? SYSOTEL_MAX_SOCKADDR : msg.namelen,
				  0, 0);
		if (msg.control && msg.controllen)
			put_region(s, c, i, SYSOTEL_ARG_BUFFER, (void *)msg.control, msg.controllen,
				   plan->max_buffer);
		if (msg.iov && msg.iovlen)
			capture_vectors(c, i, msg.iov, msg.iovlen, plan->max_elements);
		break;
	case SYSOTEL_ARG_STRUCT:
		put_bytes(s, c, i, kind, (void *)ptr, len_arg, 0, 0);
		break;
	case SYSOTEL_ARG_COMMAND:
		key.nr = c->nr;
		key.command = lenv;
		read = bpf_map_lookup_elem(&command_reads, &key);
		if (!read)
			break;
		if (read->flags & SYSOTEL_READ_STRING)
			put_string(s, c, i, kind, (void *)ptr, plan->max_string);
		else
			put_bytes(s, c, i, kind, (void *)ptr, read->bytes, 0, 0);
		break;
	case SYSOTEL_ARG_STRINGS:
		c->arg = i;
		c->array = ptr;
		c->elements = 0;
		c->stop = false;
		c->truncated = false;
		max = plan->max_elements;
		if (max > SYSOTEL_MAX_ELEMENTS)
			max = SYSOTEL_MAX_ELEMENTS;
		bpf_loop(max, capture_element, c, 0);
		if (!c->stop) {
			/* the limit was reached: was there more? */
			ptr = 0;
			if (bpf_probe_read_user(&ptr, sizeof(ptr),
						(void *)(c->array + c->elements * 8)) == 0 && ptr)
				c->truncated = true;
		}
		put_bytes(s, c, i, kind, 0, 0,
			  SYSOTEL_C_END | (c->truncated ? SYSOTEL_C_TRUNCATED : 0), c->elements);
		break;
	}
	return 0;
}

/* True when some argument of the syscall points at something to capture. */
static __always_inline bool has_plan(__u32 nr)
{
	const __u64 *k = (const __u64 *)sysotel_control.plans[nr & (SYSOTEL_MAX_SYSCALLS - 1)].kind;

	/* kind[6] and the first two len_arg bytes: mask the kinds alone */
	return (*k & 0xffffffffffffULL) != 0;
}

/* The identity of an event, as handle() found it: passed along to whichever path sends it. */
struct origin {
	long id;
	struct task_struct *task;
	struct cred *cred;
	const struct sysotel_proc_state *state;
	struct sysotel_counters *ctr;
	__u64 mask;
	__u64 cgroup_id;
	__u32 pidns_inum;
	__u32 flags;
	bool no_verdict; /* the event asks user space for a verdict (see wake) */
};

/* args: the syscall's arguments as read by read_args, or zeros when only compact pipelines
 * want the event (arguments are not captured then). */
static __always_inline void fill(struct sysotel_event *e, const struct origin *o, const __u64 *args)
{
	struct task_struct *task = o->task;
	struct cred *cred = o->cred;

	e->type = SYSOTEL_EVENT_SYSCALL;
	e->size = sizeof(*e);
	e->ktime_ns = bpf_ktime_get_boot_ns();
	e->pipelines = o->mask;
	e->tgid = task->tgid;
	e->tid = task->pid;
	e->ptgid = task->real_parent->tgid;
	e->syscall_nr = o->id;
	__builtin_memcpy(e->args, args, sizeof(e->args));
	e->cap_inh = cred->cap_inheritable.val;
	e->cap_prm = cred->cap_permitted.val;
	e->cap_eff = cred->cap_effective.val;
	e->cap_bnd = cred->cap_bset.val;
	e->cap_amb = cred->cap_ambient.val;
	e->start_boot_ns = task->group_leader->start_boottime;
	e->pidns_inum = o->pidns_inum;
	e->flags = o->flags;
	e->cgroup_id = o->cgroup_id;
	e->state = *o->state;
}

/* Wake the reader each time the backlog crosses a multiple of wakeup_bytes: a wake-up per
 * record would cost the traced program several times its syscall time. An event that still
 * needs a verdict wakes it at once when the ring was empty (the reader is asleep then): the
 * sooner the verdict is back, the sooner the kernel filters that thread alone. `avail` is the
 * backlog with the record of `size` bytes included. */
static __always_inline bool wake(__u64 avail, __u64 size, bool no_verdict)
{
	return avail / sysotel_config.wakeup_bytes != (avail - size) / sysotel_config.wakeup_bytes ||
	       (no_verdict && avail <= 2 * (size + 8));
}

/* Submits a record reserved in the ring; `size` is what was reserved. */
static __always_inline void submit(void *e, __u64 size, struct sysotel_counters *ctr,
				   bool no_verdict)
{
	ctr->submitted++;
	if (wake(bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA), size, no_verdict)) {
		ctr->wakeups++;
		bpf_ringbuf_submit(e, BPF_RB_FORCE_WAKEUP);
	} else {
		bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
	}
}

/* An event whose plan captures what arguments point to: assembled in the CPU's scratch record,
 * then copied into the ring at its captured size. */
static __always_inline int send_captured(const struct origin *o, const __u64 *args)
{
	struct capture c = {};
	struct scratch *s;
	__u32 zero = 0, size;
	bool wakeup;

	s = bpf_map_lookup_elem(&scratch, &zero);
	if (!s)
		return 0;
	fill(&s->e, o, args);
	__builtin_memcpy(c.args, args, sizeof(c.args));
	c.nr = o->id;
	bpf_loop(6, capture_arg, &c, 0);
	size = sizeof(s->e) + (c.off > SYSOTEL_MAX_PAYLOAD ? SYSOTEL_MAX_PAYLOAD : c.off);
	s->e.size = size;
	wakeup = wake(bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) + size, size, o->no_verdict);
	if (bpf_ringbuf_output(&events, s, size, wakeup ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP)) {
		o->ctr->lost++;
		return 0;
	}
	o->ctr->submitted++;
	if (wakeup)
		o->ctr->wakeups++;
	return 0;
}

/*
 * The direct path, for the common plan that captures one argument, a C string (a path) or a
 * buffer sized by another argument (write's): the record is reserved in the ring and the
 * argument read straight into its one chunk, with no scratch record, no bpf_loop and no copy.
 * The ring only reserves sizes known when the program is verified, so a record takes the
 * smallest of a few size classes (chunk data room below) that holds what may be read: a
 * buffer's bytes, or a string's limit and the 2 bytes put_string reads beyond it. The header's
 * `size` is the record's real end; the reader ignores the rest of the class.
 */
#define DIRECT_ROOM_TINY 8	/* writes of a few bytes (dd bs=1) */
#define DIRECT_ROOM_SMALL 64
#define DIRECT_ROOM_DEFAULT 264	/* the default limits: 256 bytes, and a string's 2 more */
#define DIRECT_ROOM_LARGE 1032
#define DIRECT_ROOM_MAX (SYSOTEL_MAX_STRING + 8)

/* What the direct path reads. */
struct direct {
	__u64 ptr;   /* user address of the string or buffer */
	__u32 len;   /* BUFFER: bytes to read, limited; STRING: the limit */
	__u16 flags; /* chunk flags known before the read (a buffer over its limit) */
	__u8 arg;
	__u8 kind;
};

/* The argument the direct path captures when the plan captures exactly one, a STRING or a
 * BUFFER; -1 when the plan needs the general path. */
static __always_inline int direct_arg(const struct sysotel_arg_plan *plan)
{
	int arg = -1;

	for (int i = 0; i < 6; i++) {
		__u8 kind = plan->kind[i];

		if (kind == SYSOTEL_ARG_VALUE)
			continue;
		if (arg >= 0 || (kind != SYSOTEL_ARG_STRING && kind != SYSOTEL_ARG_BUFFER))
			return -1;
		arg = i;
	}
	return arg;
}

/* Reserves a record with `room` bytes of chunk data (a constant in each inlined copy, as the
 * verifier requires), fills it in place and submits it. The reads follow put_string and
 * put_bytes: same limits, truncation and error marks. */
static __always_inline int send_direct_in(const struct origin *o, const __u64 *args,
					  const struct direct *d, const __u32 room)
{
	const __u32 reserved = sizeof(struct sysotel_event) + sizeof(struct sysotel_chunk) + room;
	struct sysotel_event *e;
	struct sysotel_chunk *h;
	__u32 len = d->len;
	long n;

	e = bpf_ringbuf_reserve(&events, reserved, 0);
	if (!e) {
		o->ctr->lost++;
		return 0;
	}
	fill(e, o, args);
	h = (struct sysotel_chunk *)(e + 1);
	h->arg = d->arg;
	h->kind = d->kind;
	h->error = 0;
	h->flags = d->flags;
	h->size = 0;
	h->pad = 0;
	if (d->kind == SYSOTEL_ARG_STRING) {
		if (len > room - 2)
			len = room - 2;
		/* As put_string: 2 bytes more than kept, to tell "exactly len" from "longer". */
		n = bpf_probe_read_user_str(h + 1, len + 2, (void *)d->ptr);
		if (n < 0) {
			h->error = n;
			len = 0;
		} else if (n > len + 1) {
			h->flags = SYSOTEL_C_TRUNCATED;
		} else {
			len = n > 0 ? n - 1 : 0;
		}
	} else {
		if (len > room)
			len = room;
		n = len ? bpf_probe_read_user(h + 1, len, (void *)d->ptr) : 0;
		if (n < 0) {
			h->error = n;
			len = 0;
		}
	}
	h->len = len;
	e->size = sizeof(*e) + sizeof(*h) + padded(len);
	submit(e, reserved, o->ctr, o->no_verdict);
	return 0;
}

/* The direct path for argument `arg` of the syscall's plan (its pointer is not NULL). */
static __always_inline int send_direct(const struct origin *o, const __u64 *args,
				       const struct sysotel_arg_plan *plan, int arg)
{
	struct direct d = { .arg = arg, .kind = plan->kind[arg], .ptr = args[arg] };
	__u8 len_arg = plan->len_arg[arg];
	__u64 count = len_arg < 6 ? args[len_arg] : 0;
	__u32 need;

	if (d.kind == SYSOTEL_ARG_STRING) {
		d.len = plan->max_string;
		if (d.len > SYSOTEL_MAX_STRING)
			d.len = SYSOTEL_MAX_STRING;
		need = d.len + 2;
	} else {
		d.len = plan->max_buffer;
		if (d.len > SYSOTEL_MAX_BUFFER)
			d.len = SYSOTEL_MAX_BUFFER;
		if (count > d.len)
			d.flags = SYSOTEL_C_TRUNCATED;
		else
			d.len = count;
		need = d.len;
	}
	if (need <= DIRECT_ROOM_TINY)
		return send_direct_in(o, args, &d, DIRECT_ROOM_TINY);
	if (need <= DIRECT_ROOM_SMALL)
		return send_direct_in(o, args, &d, DIRECT_ROOM_SMALL);
	if (need <= DIRECT_ROOM_DEFAULT)
		return send_direct_in(o, args, &d, DIRECT_ROOM_DEFAULT);
	if (need <= DIRECT_ROOM_LARGE)
		return send_direct_in(o, args, &d, DIRECT_ROOM_LARGE);
	return send_direct_in(o, args, &d, DIRECT_ROOM_MAX);
}

/* btf: attached at tp_btf, where registers are typed and task storage is available. */
static __always_inline int handle(long id, struct pt_regs *regs, bool btf)
{
	struct sysotel_proc_state state;
	struct sysotel_cpu_state *cpu;
	struct sysotel_recent *recent;
	struct sysotel_verdict *verdict;
	struct sysotel_arg_plan *plan;
	struct sysotel_event *e;
	struct origin o;
	__u32 zero = 0, tid, flags = 0;
	__u64 mask, full, start_ns, args[6];
	int arg;

	if (id < 0 || id >= SYSOTEL_MAX_SYSCALLS)
		return 0;
	mask = sysotel_control.syscall_pipelines[id];
	if (!mask)
		return 0;

	cpu = bpf_map_lookup_elem(&cpu_state, &zero);
	if (!cpu)
		return 0;
	recent = &cpu->recent;

	o.task = bpf_get_current_task_btf();
	o.cred = (struct cred *)o.task->cred;
	tid = o.task->pid;
	state.cred = (__u64)o.cred;
	state.cgroups = (__u64)o.task->cgroups;
	state.exec_id = o.task->self_exec_id;
	/* Two plain loads from the BTF-typed task, no helper call. */
	((__u64 *)state.comm)[0] = *(__u64 *)&o.task->comm[0];
	((__u64 *)state.comm)[1] = *(__u64 *)&o.task->comm[8];

	start_ns = o.task->start_time;

	if (recent->task == (__u64)o.task && recent->start_ns == start_ns &&
	    valid(&recent->verdict, &state)) {
		verdict = &recent->verdict;
	} else {
		verdict = cached_verdict(o.task, tid, &state, btf);
		if (verdict) {
			recent->task = (__u64)o.task;
			recent->start_ns = start_ns;
			recent->verdict = *verdict;
			recent->pidns_inum = 0;
		}
	}
	if (verdict) {
		mask &= verdict->match;
		if (!mask) {
			cpu->counters.filtered++;
			return 0;
		}
		flags |= SYSOTEL_F_VERDICT;
	}

	/* A thread sending events keeps reading these from its CPU's recent entry. */
	if (verdict && recent->pidns_inum) {
		o.cgroup_id = recent->cgroup_id;
		o.pidns_inum = recent->pidns_inum;
	} else {
		o.cgroup_id = bpf_get_current_cgroup_id();
		o.pidns_inum = pid_ns_inum(o.task);
		if (verdict) {
			recent->cgroup_id = o.cgroup_id;
			recent->pidns_inum = o.pidns_inum;
		}
	}
	o.id = id;
	o.state = &state;
	o.ctr = &cpu->counters;
	o.mask = mask;
	o.flags = flags;
	o.no_verdict = !verdict;
	full = mask & ~sysotel_control.compact_pipelines;
	if (full) {
		read_args(args, regs, btf);
	} else {
		/* Only compact pipelines want it: arguments are not captured. */
		__builtin_memset(args, 0, sizeof(args));
	}
	if (full && has_plan(id)) {
		plan = &sysotel_control.plans[id];
		arg = direct_arg(plan);
		if (arg < 0)
			return send_captured(&o, args);
		if (args[arg])
			return send_direct(&o, args, plan, arg);
		/* A NULL pointer: nothing to read, the plain record says it all. */
	}

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		o.ctr->lost++;
		return 0;
	}
	fill(e, &o, args);
	submit(e, sizeof(*e), o.ctr, !verdict);
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
