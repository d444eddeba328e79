// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loads a BPF object, attaches every program in it, prints "attached" and holds the links
 * until stdin reaches end of file or SIGINT/SIGTERM arrives, then detaches.
 *
 * bpftool 7.1 has no `prog load ... autoattach`, hence this loader. The links live only as
 * long as this process (nothing is pinned), so a harness that dies takes them with it:
 * stdin closes, or the process is killed, and the kernel detaches.
 *
 *   cc -O2 -o attach attach.c -lbpf && ./attach empty.bpf.o
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list args)
{
	return level == LIBBPF_DEBUG ? 0 : vfprintf(stderr, fmt, args);
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *links[16];
	int n = 0, err = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OBJECT.bpf.o\n", argv[0]);
		return 2;
	}
	libbpf_set_print(quiet);
	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (bpf_object__load(obj)) {
		fprintf(stderr, "load %s: %s\n", argv[1], strerror(errno));
		bpf_object__close(obj);
		return 1;
	}
	bpf_object__for_each_program(prog, obj) {
		if (n == (int)(sizeof(links) / sizeof(links[0]))) {
			fprintf(stderr, "too many programs\n");
			err = 1;
			goto out;
		}
		links[n] = bpf_program__attach(prog);
		if (!links[n]) {
			fprintf(stderr, "attach %s: %s\n", bpf_program__name(prog), strerror(errno));
			err = 1;
			goto out;
		}
		n++;
	}
	printf("attached %d\n", n);
	fflush(stdout);

	/* Wait for end of input or a signal; poll wakes on EINTR when a signal arrives. */
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	char buf[256];
	while (!stop) {
		int r = poll(&pfd, 1, -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || read(STDIN_FILENO, buf, sizeof(buf)) <= 0)
			break;
	}
out:
	while (n > 0)
		bpf_link__destroy(links[--n]);
	bpf_object__close(obj);
	return err;
}
