/*
 * Makes exactly the syscalls a test asks for, so tests can assert exact events.
 *
 *   syscall-helper write N [pause|hold|slow]
 *                                    write(1, "+", 1) N times; with "pause", after the first
 *                                    write wait for a byte on stdin before the rest; with
 *                                    "hold", stay alive after the writes until stdin closes;
 *                                    with "slow", sleep 50 us after each write
 *   syscall-helper personality N     personality(0xffffffff) N times (a query nobody else makes)
 *   syscall-helper rename N NAME     N writes, prctl(PR_SET_NAME, NAME), N more writes
 *   syscall-helper dropcap N         N writes, drop CAP_NET_RAW from the effective and permitted
 *                                    sets with capset, N more writes
 *   syscall-helper dropeff N         the same, dropping it from the effective set only
 *   syscall-helper exec N PROG ARG.. N writes, then execv(PROG, [PROG, ARG..])
 *   syscall-helper wait              block until stdin closes, making no syscall meanwhile
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/prctl.h>

static long count(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*end || n < 0) {
		fprintf(stderr, "bad count: %s\n", s);
		exit(2);
	}
	return n;
}

static void writes(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_write, 1, "+", 1);
}

static int drop_net_raw(int permitted_too)
{
	struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &header, data))
		return -1;
	data[0].effective &= ~(1u << CAP_NET_RAW);
	if (permitted_too)
		data[0].permitted &= ~(1u << CAP_NET_RAW);
	return syscall(SYS_capset, &header, data);
}

int main(int argc, char **argv)
{
	char c;

	if (argc >= 4 && !strcmp(argv[1], "rename")) {
		writes(count(argv[2]));
		if (prctl(PR_SET_NAME, argv[3], 0, 0, 0))
			return 1;
		writes(count(argv[2]));
		return 0;
	}
	if (argc >= 3 && (!strcmp(argv[1], "dropcap") || !strcmp(argv[1], "dropeff"))) {
		writes(count(argv[2]));
		if (drop_net_raw(!strcmp(argv[1], "dropcap")))
			return 1;
		writes(count(argv[2]));
		return 0;
	}
	if (argc >= 4 && !strcmp(argv[1], "exec")) {
		writes(count(argv[2]));
		execv(argv[3], argv + 3);
		return 1;
	}

	if (argc >= 3 && !strcmp(argv[1], "write")) {
		long n = count(argv[2]);
		int pause = argc >= 4 && !strcmp(argv[3], "pause");
		int hold = argc >= 4 && !strcmp(argv[3], "hold");
		int slow = argc >= 4 && !strcmp(argv[3], "slow");

		for (long i = 0; i < n; i++) {
			syscall(SYS_write, 1, "+", 1);
			if (slow)
				usleep(50);
			if (i == 0 && pause && read(0, &c, 1) != 1)
				return 1;
		}
		while (hold && read(0, &c, 1) == 1)
			;
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "personality")) {
		long n = count(argv[2]);

		for (long i = 0; i < n; i++)
			syscall(SYS_personality, 0xffffffffUL);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "wait")) {
		while (read(0, &c, 1) == 1)
			;
		return 0;
	}
	fprintf(stderr, "usage: syscall-helper write N [pause|hold] | personality N | rename N NAME"
			" | dropcap N | dropeff N | exec N PROG [ARG...] | wait\n");
	return 2;
}
