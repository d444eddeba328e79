// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cheapest possible sys_enter tracer: attached where sysotel attaches, it does nothing.
 * Its cost is the floor every sys_enter tracer pays (the tracepoint's static branch turned
 * on, the BPF trampoline, the program call), so the harness compares sysotel against it.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sys_enter")
int BPF_PROG(bench_empty, struct pt_regs *regs, long id)
{
	return 0;
}
