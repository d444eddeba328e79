/*
 * Makes exactly the syscalls a test asks for, so tests can assert exact events.
 *
 *   syscall-helper write N [pause|hold]
 *                                    write(1, "+", 1) N times; with "pause", after the first
 *                                    write wait for a byte on stdin before the rest; with
 *                                    "hold", stay alive after the writes until stdin closes
 *   syscall-helper personality N     personality(0xffffffff) N times (a query nobody else makes)
 *   syscall-helper wait              block until stdin closes, making no syscall meanwhile
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

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

int main(int argc, char **argv)
{
	char c;

	if (argc >= 3 && !strcmp(argv[1], "write")) {
		long n = count(argv[2]);
		int pause = argc >= 4 && !strcmp(argv[3], "pause");
		int hold = argc >= 4 && !strcmp(argv[3], "hold");

		for (long i = 0; i < n; i++) {
			syscall(SYS_write, 1, "+", 1);
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
	fprintf(stderr, "usage: syscall-helper write N [pause|hold] | personality N | wait\n");
	return 2;
}
