/*
 * Makes over 40 different syscalls with known arguments, each through syscall(2) so that the
 * arguments are exactly the ones written here: paths with spaces and non-ASCII bytes, binary
 * buffers with NULs, IPv4, IPv6 and unix socket addresses, open flags and modes, mmap
 * protections, an execve with argv, and pointers that cannot be read.
 *
 *   args-helper all DIR     the whole sequence, in DIR (which must exist)
 *   args-helper limits DIR  long strings, buffers and argv, to test truncation
 *   args-helper writes N..  write(-1, buf, N) for each N, buf[i] = i * 37 mod 256 (NULs included)
 *   args-helper paths N..   openat(-1, path, O_RDONLY) for each N, a path of N bytes, each
 *                           1 + i * 37 mod 255 (never NUL)
 *   args-helper unreadable  writes and openats of bad and NULL pointers (see below)
 *   args-helper swapoff N   swapoff of a path that does not exist, N times
 *   args-helper ioctls R..  ioctl(-1, R, arg) for each request R (hex) and arg 0, 5 and -1
 *   args-helper prctls O..  prctl(O, arg, arg, arg, arg) for each option O and arg 0, 5 and -1,
 *                           each in a child of its own (an option may change the process)
 *   args-helper exit ...    exits at once (the program execve'd by "all")
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <asm/prctl.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <termios.h>
#include <linux/fs.h>
#include <linux/perf_event.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <linux/capability.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path_buf[10][512];

static const char *in(const char *dir, int slot, const char *name)
{
	snprintf(path_buf[slot], sizeof(path_buf[slot]), "%s/%s", dir, name);
	return path_buf[slot];
}

/* Reads every byte of the strings: the kernel program cannot fault in a page the process has
 * never touched (string literals of .rodata), and shows such a string as unreadable. */
static void touch(char *const strings[])
{
	volatile size_t n = 0;

	for (; *strings; strings++)
		n += strlen(*strings);
}

static void exec_self(const char *self, char *const argv[])
{
	char *const envp[] = {"HELPER=1", "SPACE=a b", NULL};
	pid_t pid = fork();

	if (pid == 0) {
		touch(argv);
		touch(envp);
		syscall(SYS_execve, self, argv, envp);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

static int all(const char *self, const char *dir)
{
	static const char binary[] = {'a', 0, 'b', 1, (char)0xff, '\n', '7', '"', '\\', 0, 0};
	char buf[256], big[5000];
	struct iovec iov[2] = {{"first vector", 12}, {"second", 6}};
	struct sockaddr_in v4 = {.sin_family = AF_INET, .sin_port = htons(1)};
	struct sockaddr_in6 v6 = {.sin6_family = AF_INET6, .sin6_port = htons(9), .sin6_addr = IN6ADDR_LOOPBACK_INIT};
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	struct msghdr mh = {.msg_name = &v4, .msg_namelen = sizeof(v4), .msg_iov = iov, .msg_iovlen = 2};
	struct statfs sfs;
	struct stat st;
	int fd, fd2, s;
	sigset_t mask, old;
	struct timespec ts = {0, 1};
	unsigned long fsbase;
	void *map;

	const char *file = in(dir, 0, "file with space \303\251\303\274.txt");
	const char *sub = in(dir, 1, "sub dir \342\202\254");
	const char *moved = in(dir, 2, "moved \"quoted\" \\ name");
	const char *link1 = in(dir, 3, "hard link");
	const char *sym = in(dir, 4, "sym\tlink");
	const char *sock = in(dir, 5, "sock \303\251");
	const char *sub2 = in(dir, 6, "subdir2");
	const char *made = in(dir, 7, "made.txt");

	inet_pton(AF_INET, "127.0.0.1", &v4.sin_addr);
	if (strlen(sock) >= sizeof(un.sun_path))
		return 2;
	memcpy(un.sun_path, sock, strlen(sock) + 1);
	memset(big, 'x', sizeof(big));

	fd = syscall(SYS_openat, AT_FDCWD, file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	syscall(SYS_write, fd, binary, sizeof(binary));
	syscall(SYS_write, fd, "plain text\n", 11);
	syscall(SYS_write, fd, big, sizeof(big));
	syscall(SYS_pwrite64, fd, "at 3", 4, 3);
	syscall(SYS_writev, fd, iov, 2);
	syscall(SYS_pwritev, fd, iov, 1, 7, 0);
	syscall(SYS_ftruncate, fd, 10);
	syscall(SYS_fchown, fd, 0, 0);
	fd2 = syscall(SYS_dup, fd);
	syscall(SYS_dup2, fd, 40);
	syscall(SYS_close, 40);
	syscall(SYS_close, fd2);
	syscall(SYS_close, fd);
	fd = syscall(SYS_open, file, O_RDONLY);
	syscall(SYS_read, fd, buf, 4);
	syscall(SYS_lseek, fd, 2, SEEK_SET);
	syscall(SYS_fcntl, fd, F_GETFL);
	syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 50);
	syscall(SYS_close, 50);
	/* fcntl's argument as each command uses it (all fail harmlessly on a regular file or are undone) */
	syscall(SYS_fcntl, fd, F_DUPFD, 60);
	syscall(SYS_close, 60);
	syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
	syscall(SYS_fcntl, fd, F_SETFD, 0);
	syscall(SYS_fcntl, fd, F_SETFL, O_APPEND | O_NONBLOCK);
	syscall(SYS_fcntl, fd, F_SETFL, 0);
	syscall(SYS_fcntl, fd, F_SETOWN, -getpid());
	syscall(SYS_fcntl, fd, F_SETOWN, 0);
	syscall(SYS_fcntl, fd, F_SETSIG, 34);
	syscall(SYS_fcntl, fd, F_SETSIG, 0);
	syscall(SYS_fcntl, fd, F_GETLK, NULL);
	syscall(SYS_fcntl, fd, F_OFD_SETLK, (void *)8);
	/* lock and owner structs given to the kernel, read at entry; F_GETOWN_EX's is filled by it */
	{
		struct flock lk = {.l_type = F_RDLCK, .l_whence = SEEK_CUR, .l_start = -1, .l_len = 3};
		struct f_owner_ex owner = {.type = F_OWNER_PID, .pid = getpid()};

		syscall(SYS_fcntl, fd, F_SETLK, &lk);
		lk.l_type = F_UNLCK;
		syscall(SYS_fcntl, fd, F_SETLKW, &lk);
		lk.l_type = F_RDLCK;
		lk.l_whence = SEEK_SET;
		lk.l_start = 0;
		lk.l_len = 0;
		syscall(SYS_fcntl, fd, F_OFD_SETLK, &lk);
		lk.l_type = F_UNLCK;
		syscall(SYS_fcntl, fd, F_OFD_SETLKW, &lk);
		lk.l_type = 7;
		lk.l_whence = 9;
		syscall(SYS_fcntl, fd, F_SETLK, &lk); /* EINVAL: type and whence unknown, in hex */
		syscall(SYS_fcntl, fd, F_SETOWN_EX, &owner);
		syscall(SYS_fcntl, fd, F_GETOWN_EX, &owner);
		owner.type = 9;
		syscall(SYS_fcntl, fd, F_SETOWN_EX, &owner); /* EINVAL */
		owner.type = F_OWNER_PID;
		owner.pid = 0;
		syscall(SYS_fcntl, fd, F_SETOWN_EX, &owner);
	}
	syscall(SYS_fcntl, fd, F_SETLEASE, F_UNLCK);
	syscall(SYS_fcntl, fd, F_NOTIFY, DN_CREATE | DN_MULTISHOT);
	syscall(SYS_fcntl, fd, F_SETPIPE_SZ, 4096);
	syscall(SYS_fcntl, fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_WRITE);
	syscall(SYS_fcntl, fd, 999, 77); /* no such command: its argument in hex */
	/* ioctl's request by name and its argument as the request takes it: what it gives the
	 * kernel (an int, a character, a winsize, modem lines, terminal settings, inode flags), a pointer, an int, named values,
	 * flags, none, and requests not in the table by their _IOC fields (all fail harmlessly on a
	 * regular file, or set what the file descriptor is closed with) */
	{
		int one = 1, lines = TIOCM_DTR | TIOCM_RTS;
		char c = '\n';
		struct winsize ws = {24, 80, 640, 480};
		/* The kernel's terminal settings: struct termios (36 bytes) and termios2 (44) begin
		 * with four unsigned ints, struct termio (18) with four unsigned shorts (iflag, oflag,
		 * cflag, lflag); glibc's struct termios is laid out otherwise. */
		unsigned int tios[11] = {ICRNL | IXON | IUTF8, OPOST | ONLCR | TAB3 | CR2,
					 B38400 | CS8 | CREAD | HUPCL | (B115200 << 16),
					 ISIG | ICANON | ECHO | IEXTEN | ECHOCTL | TOSTOP | PENDIN};
		unsigned int every_bit[11] = {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff};
		unsigned int no_bit[11] = {0};
		int inode_flags = FS_NODUMP_FL | FS_NOATIME_FL | 0x4000000; /* harmless if the file system takes them */
		unsigned short tio[9] = {IGNBRK | 0x8000, NL1 | VT1 | FF1 | BS1 | OFDEL, B9600 | CS7 | PARENB,
					 XCASE | ECHONL | 0x2000};

		syscall(SYS_ioctl, fd, FIONBIO, &one);
		syscall(SYS_ioctl, fd, TIOCSTI, &c);
		syscall(SYS_ioctl, fd, TIOCSWINSZ, &ws);
		syscall(SYS_ioctl, fd, TIOCMBIS, &lines);
		syscall(SYS_ioctl, fd, TIOCSPGRP, (void *)8); /* unreadable */
		syscall(SYS_ioctl, fd, TCSETS, tios);
		syscall(SYS_ioctl, fd, TCSETSW, every_bit);
		syscall(SYS_ioctl, fd, TCSETA, tio);
		syscall(SYS_ioctl, fd, 0x402c542b /* TCSETS2: struct termios2 is not declared here */, tios);
		syscall(SYS_ioctl, fd, TIOCSLCKTRMIOS, no_bit);
		syscall(SYS_ioctl, fd, TCSETSF, (void *)8); /* unreadable */
		syscall(SYS_ioctl, fd, FS_IOC_SETFLAGS, &inode_flags);
		inode_flags = 0x1000000;
		syscall(SYS_ioctl, fd, FS_IOC32_SETFLAGS, &inode_flags);
		syscall(SYS_ioctl, fd, TCGETS, NULL);
		syscall(SYS_ioctl, fd, TIOCGWINSZ, &one);
		syscall(SYS_ioctl, fd, TCSBRK, 1);
		syscall(SYS_ioctl, fd, TCFLSH, TCIOFLUSH);
		syscall(SYS_ioctl, fd, FIOCLEX);
		syscall(SYS_ioctl, fd, FICLONE, -1);
		syscall(SYS_ioctl, fd, PERF_EVENT_IOC_ENABLE, 5);
		syscall(SYS_ioctl, fd, _IOR('x', 1, int), &one);
		syscall(SYS_ioctl, fd, 0xdeadbeef, 7);
	}
	syscall(SYS_close, fd);
	/* network interface requests: the struct ifreq each gives, for an interface that does not
	 * exist (so nothing changes, and strace, which prints what a get request returns at exit,
	 * prints what sysotel reads at entry) */
	{
		struct ifreq r;
		struct sockaddr_in *in = (struct sockaddr_in *)&r.ifr_addr;
		int s = syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);

#define IFREQ(req, set) do { memset(&r, 0, sizeof(r)); strcpy(r.ifr_name, "sysotel0"); set; \
		syscall(SYS_ioctl, s, req, &r); } while (0)
		IFREQ(SIOCGIFFLAGS, );
		IFREQ(SIOCGIFINDEX, );
		IFREQ(SIOCGIFNAME, r.ifr_ifindex = 99999);
		IFREQ(SIOCSIFFLAGS, r.ifr_flags = IFF_UP | IFF_RUNNING | IFF_MULTICAST | IFF_DYNAMIC);
		IFREQ(SIOCSIFADDR, in->sin_family = AF_INET; in->sin_port = htons(80);
		      in->sin_addr.s_addr = htonl(0x0a010203));
		IFREQ(SIOCSIFNETMASK, in->sin_family = AF_INET; in->sin_addr.s_addr = htonl(0xffffff00));
		IFREQ(SIOCSIFBRDADDR, in->sin_family = AF_INET6);
		IFREQ(SIOCSIFMTU, r.ifr_mtu = 1400);
		IFREQ(SIOCSIFMETRIC, r.ifr_metric = -5);
		IFREQ(SIOCSIFTXQLEN, r.ifr_qlen = 500);
		IFREQ(SIOCSIFNAME, memset(r.ifr_newname, 'n', IFNAMSIZ)); /* no NUL */
		IFREQ(SIOCSIFHWADDR, r.ifr_hwaddr.sa_family = ARPHRD_ETHER;
		      memcpy(r.ifr_hwaddr.sa_data, "\x02\x00\x00\xaa\xbb\xcc\x01\x02", 8));
		IFREQ(SIOCADDMULTI, r.ifr_hwaddr.sa_family = 0x1234; memset(r.ifr_hwaddr.sa_data, 0xee, 14));
		IFREQ(SIOCSIFSLAVE, strcpy(r.ifr_slave, "slave\n0"));
		IFREQ(SIOCSIFMAP, r.ifr_map.mem_start = 0x1000; r.ifr_map.irq = 5; r.ifr_map.port = 2);
		IFREQ(SIOCSIFENCAP, r.ifr_ifru.ifru_ivalue = 3);
#undef IFREQ
		syscall(SYS_ioctl, s, SIOCGIFMTU, (void *)8); /* unreadable */
		{ /* on no descriptor: strace prints what the kernel wrote at exit, had it succeeded */
			struct ifconf c = {.ifc_len = 2 * sizeof(struct ifreq), .ifc_buf = NULL};

			syscall(SYS_ioctl, -1, SIOCGIFCONF, &c);
		}
		syscall(SYS_close, s);
	}
	/* ptrace's addr and data as the request uses them, on a process that does not exist */
	{
		long nopid = 999999;

		syscall(SYS_ptrace, PTRACE_PEEKDATA, nopid, 0x1000, NULL);
		syscall(SYS_ptrace, PTRACE_POKEDATA, nopid, 0x1000, 0x5);
		syscall(SYS_ptrace, PTRACE_CONT, nopid, NULL, SIGTRAP);
		syscall(SYS_ptrace, PTRACE_DETACH, nopid, NULL, 0);
		syscall(SYS_ptrace, PTRACE_SYSCALL, nopid, NULL, 200);
		syscall(SYS_ptrace, PTRACE_SETOPTIONS, nopid, NULL, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL | 0x100);
		syscall(SYS_ptrace, PTRACE_SEIZE, nopid, NULL, PTRACE_O_TRACECLONE);
		syscall(SYS_ptrace, PTRACE_GETREGSET, nopid, 1 /* NT_PRSTATUS */, NULL);
		syscall(SYS_ptrace, PTRACE_SETREGSET, nopid, 0x4242, NULL);
		syscall(SYS_ptrace, PTRACE_GETSIGMASK, nopid, 8, NULL);
	}
	/* prctl's option and its arguments as the option uses them; the name set is the helper's own,
	 * so that it is still traced by its name */
	{
		char self_name[] = "args-helper";

		syscall(SYS_prctl, PR_SET_NAME, self_name, 0, 0, 0);
		syscall(SYS_prctl, PR_SET_NAME, (void *)8, 0, 0, 0); /* unreadable */
		syscall(SYS_prctl, PR_CAPBSET_READ, CAP_NET_RAW, 0, 0, 0);
		syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_BIND_SERVICE, 0, 0);
		syscall(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
		syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
		syscall(SYS_prctl, PR_SET_PDEATHSIG, 0, 0, 0, 0);
		syscall(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0);
		syscall(SYS_prctl, PR_GET_SECUREBITS, 0, 0, 0, 0);
	}
	/* mount and umount2 flags, BPF and seccomp commands, resource limits, memory advice, file
	 * locks, socket shutdown: all fail harmlessly (NULL paths and attributes, no descriptor) */
	syscall(SYS_mount, NULL, NULL, NULL, MS_BIND | MS_REC | MS_RDONLY, NULL);
	syscall(SYS_mount, NULL, NULL, NULL, MS_MGC_VAL | MS_NOSUID | MS_NODEV, NULL);
	syscall(SYS_mount, NULL, NULL, NULL, MS_REMOUNT | 0x200, NULL);
	syscall(SYS_mount, NULL, NULL, NULL, 0x200, NULL);
	{
		/* mount's type and data: strings, but addresses under the flags with which the kernel
		 * ignores them. The target does not exist: nothing is mounted (ENOENT). */
		static const unsigned long flags[] = {
			0, MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REMOUNT | MS_BIND, MS_MOVE, MS_REC | MS_PRIVATE,
			MS_SLAVE, MS_SHARED, MS_UNBINDABLE, MS_MGC_VAL, MS_MGC_VAL | MS_BIND,
		};
		char type[] = "tmpfs", data[] = "size=1m,mode=0755";
		const char *source = in(dir, 8, "no source"), *target = in(dir, 9, "no target");

		for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
			syscall(SYS_mount, source, target, type, flags[i], data);
		syscall(SYS_mount, source, target, (void *)8, MS_BIND, (void *)16); /* unreadable, ignored */
	}
	syscall(SYS_umount2, NULL, MNT_DETACH | MNT_FORCE);
	syscall(SYS_umount2, NULL, 0x100);
	syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, NULL, 0);
	syscall(SYS_bpf, 999, NULL, 0);
	syscall(SYS_seccomp, 1 /* SECCOMP_SET_MODE_FILTER */, 1 | 2 | 0x40, NULL);
	syscall(SYS_seccomp, 2 /* SECCOMP_GET_ACTION_AVAIL */, 0, NULL);
	syscall(SYS_seccomp, 77, 3, NULL);
	syscall(SYS_getrlimit, RLIMIT_NOFILE, NULL);
	syscall(SYS_setrlimit, 99, NULL);
	syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, NULL);
	{
		/* resource limits given to the kernel, for a resource or a process that does not exist */
		struct rlimit limits[] = {
			{0, 1024}, {4096, 8192 * 1024}, {1000, 1025}, {RLIM_INFINITY, 1UL << 40},
		};

		for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
			syscall(SYS_setrlimit, 99, &limits[i]);          /* EINVAL */
			syscall(SYS_prlimit64, 999999, RLIMIT_NOFILE, &limits[i], NULL); /* ESRCH */
		}
		syscall(SYS_setrlimit, 99, (void *)8); /* unreadable */
	}
	syscall(SYS_madvise, NULL, 0, MADV_DONTNEED);
	syscall(SYS_madvise, NULL, 0, 999);
	syscall(SYS_flock, -1, LOCK_EX | LOCK_NB);
	syscall(SYS_flock, -1, 0x10);
	syscall(SYS_shutdown, -1, SHUT_RDWR);
	syscall(SYS_shutdown, -1, 7);
	syscall(SYS_access, file, R_OK | W_OK);
	syscall(SYS_faccessat, AT_FDCWD, file, F_OK);
	syscall(SYS_newfstatat, AT_FDCWD, file, &st, 0);
	syscall(SYS_newfstatat, AT_FDCWD, file, &st, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_statx, AT_FDCWD, file, AT_SYMLINK_NOFOLLOW, 0, buf);
	syscall(SYS_faccessat2, AT_FDCWD, file, R_OK, AT_EACCESS);
	syscall(SYS_fchownat, AT_FDCWD, file, 0, 0, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_utimensat, AT_FDCWD, file, NULL, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_statfs, dir, &sfs);
	syscall(SYS_truncate, file, 20);
	syscall(SYS_chmod, file, 0600);
	syscall(SYS_fchmodat, AT_FDCWD, file, 0644);
	syscall(SYS_chown, file, 0, 0);
	syscall(SYS_mkdir, sub, 0755);
	syscall(SYS_mkdirat, AT_FDCWD, sub2, 0700);
	syscall(SYS_rmdir, sub2);
	fd = syscall(SYS_open, sub, O_RDONLY | O_DIRECTORY);
	syscall(SYS_fchdir, fd);
	syscall(SYS_getcwd, buf, sizeof(buf));
	syscall(SYS_close, fd);
	syscall(SYS_chdir, dir);
	syscall(SYS_linkat, AT_FDCWD, file, AT_FDCWD, link1, AT_SYMLINK_FOLLOW);
	syscall(SYS_unlink, link1);
	syscall(SYS_link, file, link1);
	syscall(SYS_symlink, file, sym);
	syscall(SYS_readlink, sym, buf, sizeof(buf));
	syscall(SYS_symlinkat, "relative target", AT_FDCWD, in(dir, 6, "sym2"));
	syscall(SYS_unlink, in(dir, 6, "sym2"));
	syscall(SYS_rename, link1, moved);
	syscall(SYS_renameat, AT_FDCWD, moved, AT_FDCWD, link1);
	syscall(SYS_unlinkat, AT_FDCWD, link1, 0);
	syscall(SYS_unlink, sym);
	fd = syscall(SYS_creat, made, 0644);
	syscall(SYS_close, fd);
	syscall(SYS_unlinkat, AT_FDCWD, sub, AT_REMOVEDIR);
	/* mount API and file handles on a path that does not exist, or with unreadable handles */
	syscall(SYS_move_mount, -1, in(dir, 6, "no mount"), AT_FDCWD, path_buf[6],
		MOVE_MOUNT_F_SYMLINKS | MOVE_MOUNT_T_EMPTY_PATH);
	syscall(SYS_move_mount, -1, path_buf[6], AT_FDCWD, path_buf[6], 0);
	syscall(SYS_fspick, AT_FDCWD, path_buf[6], FSPICK_CLOEXEC | FSPICK_NO_AUTOMOUNT);
	syscall(SYS_name_to_handle_at, AT_FDCWD, file, (void *)8, (void *)8, AT_SYMLINK_FOLLOW | AT_EMPTY_PATH);
	syscall(SYS_name_to_handle_at, AT_FDCWD, file, (void *)8, (void *)8, 0x200); /* AT_HANDLE_FID */
	syscall(SYS_open_by_handle_at, AT_FDCWD, (void *)8, O_RDONLY | O_CLOEXEC);

	map = (void *)syscall(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_mprotect, map, 4096, PROT_READ);
	syscall(SYS_mprotect, map, 4096, PROT_NONE);
	syscall(SYS_munmap, map, 8192);

	s = syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	syscall(SYS_connect, s, &v4, sizeof(v4));
	syscall(SYS_close, s);
	s = syscall(SYS_socket, AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
	syscall(SYS_sendto, s, binary, sizeof(binary), 0, &v6, sizeof(v6));
	syscall(SYS_close, s);
	s = syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	/* socket options: int values; unknown option, option of another protocol, unknown level */
	{
		int ttl = 64, one = 1;

		syscall(SYS_setsockopt, s, SOL_IP, IP_TTL, &ttl, sizeof(ttl));
		syscall(SYS_setsockopt, s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		syscall(SYS_setsockopt, s, SOL_SOCKET, 999, &one, sizeof(one));
		syscall(SYS_setsockopt, s, SOL_TCP, TCP_NODELAY, &one, sizeof(one));
		syscall(SYS_setsockopt, s, SOL_IPV6, IPV6_V6ONLY, &one, sizeof(one));
		syscall(SYS_setsockopt, s, 77, 5, &one, sizeof(one));
	}
	/* socket options that take a struct: whole, and with an optlen too short for it */
	{
		struct linger linger = { .l_onoff = 1, .l_linger = 5 };
		struct ip_mreq mreq = { { htonl(0xe0000001) }, { htonl(INADDR_LOOPBACK) } };
		struct ip_mreqn mreqn = { { htonl(0xe0000002) }, { htonl(INADDR_ANY) }, 1 };
		struct ipv6_mreq mreq6 = { .ipv6mr_interface = 12345 };
		int s6 = syscall(SYS_socket, AF_INET6, SOCK_DGRAM, 0);

		inet_pton(AF_INET6, "ff02::1:3", &mreq6.ipv6mr_multiaddr);
		syscall(SYS_setsockopt, s, SOL_SOCKET, SO_LINGER, &linger, sizeof(linger));
		syscall(SYS_setsockopt, s, SOL_SOCKET, SO_LINGER, &linger, 4);
		syscall(SYS_setsockopt, s, SOL_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq));
		syscall(SYS_setsockopt, s, SOL_IP, IP_DROP_MEMBERSHIP, &mreqn, sizeof(mreqn));
		syscall(SYS_setsockopt, s, SOL_IP, IP_ADD_MEMBERSHIP, &mreq, 6);
		syscall(SYS_setsockopt, s6, SOL_IPV6, IPV6_ADD_MEMBERSHIP, &mreq6, sizeof(mreq6));
		syscall(SYS_setsockopt, s6, SOL_IPV6, IPV6_DROP_MEMBERSHIP, &mreq6, 16);
		syscall(SYS_close, s6);
	}
	syscall(SYS_sendmsg, s, &mh, 0);
	mh.msg_name = NULL;
	mh.msg_namelen = 0;
	syscall(SYS_sendmsg, s, &mh, 0);
	syscall(SYS_close, s);
	s = syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0);
	syscall(SYS_bind, s, &un, sizeof(un));
	syscall(SYS_sendto, s, "to myself", 9, 0, &un, sizeof(un));
	syscall(SYS_sendto, s, "to myself", 9, MSG_DONTWAIT | MSG_NOSIGNAL, &un, sizeof(un));
	syscall(SYS_recvfrom, s, buf, sizeof(buf), MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT, NULL, NULL);
	syscall(SYS_accept4, s, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	/* control messages: descriptors and credentials passed, then a level nobody knows */
	{
		union {
			char buf[CMSG_SPACE(2 * sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
			struct cmsghdr align;
		} control;
		struct msghdr cm = {.msg_name = &un, .msg_namelen = sizeof(un), .msg_iov = iov, .msg_iovlen = 1,
				    .msg_control = control.buf, .msg_controllen = sizeof(control.buf)};
		struct ucred creds = {.pid = getpid(), .uid = getuid(), .gid = getgid()};
		int fds[2] = {0, 1};
		struct cmsghdr *c;

		memset(&control, 0, sizeof(control));
		c = CMSG_FIRSTHDR(&cm);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(fds));
		memcpy(CMSG_DATA(c), fds, sizeof(fds));
		c = CMSG_NXTHDR(&cm, c);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_CREDENTIALS;
		c->cmsg_len = CMSG_LEN(sizeof(creds));
		memcpy(CMSG_DATA(c), &creds, sizeof(creds));
		syscall(SYS_sendmsg, s, &cm, MSG_DONTWAIT);
		c = CMSG_FIRSTHDR(&cm);
		c->cmsg_level = 99;
		c->cmsg_len = CMSG_LEN(5);
		cm.msg_controllen = CMSG_SPACE(5);
		syscall(SYS_sendmsg, s, &cm, MSG_DONTWAIT); /* EINVAL: the level in hex, no data */
	}
	syscall(SYS_close, s);
	syscall(SYS_unlink, sock);

	syscall(SYS_getpid);
	syscall(SYS_getppid);
	syscall(SYS_sched_yield);
	syscall(SYS_kill, getpid(), 0);
	signal(SIGUSR1, SIG_IGN);
	syscall(SYS_kill, getpid(), SIGUSR1);
	fd = syscall(SYS_memfd_create, "memfd \303\251", 0);
	syscall(SYS_close, fd);
	fd = syscall(SYS_memfd_create, "sealed", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	syscall(SYS_close, fd);
	/* namespaces and memory locks: flags only (setns on no descriptor fails, unshare of nothing is a no-op) */
	syscall(SYS_setns, -1, CLONE_NEWUTS);
	syscall(SYS_setns, -1, CLONE_NEWPID | CLONE_NEWNET);
	syscall(SYS_setns, -1, 1);
	syscall(SYS_unshare, 0);
	syscall(SYS_unshare, 0x80000001UL); /* EINVAL: an unknown bit */
	syscall(SYS_mlockall, MCL_CURRENT | MCL_ONFAULT);
	syscall(SYS_munlockall);
	syscall(SYS_mlockall, 0x10); /* EINVAL */
	syscall(SYS_mlock2, buf, sizeof(buf), MLOCK_ONFAULT);
	syscall(SYS_munlock, buf, sizeof(buf));
	syscall(SYS_lseek, 0, 0, SEEK_END);
	syscall(SYS_lseek, 0, 0, 7); /* no such whence: a number */
	{
		int p[2];

		syscall(SYS_pipe2, p, O_CLOEXEC | O_NONBLOCK);
		syscall(SYS_dup3, p[0], 100, O_CLOEXEC);
		syscall(SYS_close, 100);
		syscall(SYS_close, p[0]);
		syscall(SYS_close, p[1]);
	}
	fd = syscall(SYS_eventfd2, 3, EFD_CLOEXEC | EFD_NONBLOCK);
	syscall(SYS_close, fd);
	fd = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
	syscall(SYS_close, fd);
	fd = syscall(SYS_inotify_init1, IN_NONBLOCK);
	syscall(SYS_close, fd);
	fd = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	syscall(SYS_close, fd);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	fd = syscall(SYS_signalfd4, -1, &mask, 8, SFD_CLOEXEC);
	syscall(SYS_close, fd);
	/* a signal ignored by default, and a query of SIGRTMIN+2's action */
	syscall(SYS_tgkill, getpid(), gettid(), SIGWINCH);
	syscall(SYS_rt_sigaction, 34, NULL, buf, 8);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, &old, 8);
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);
	syscall(SYS_rt_sigprocmask, 3, NULL, NULL, 8); /* no such how; nothing to change */

	/* arch_prctl codes, clocks (named, CPU-time and a process's CPU clock), sleeps and timers */
	syscall(SYS_arch_prctl, ARCH_GET_FS, &fsbase);
	syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0);
	syscall(SYS_arch_prctl, 0x1005, 0);
	syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1); /* cpuid stays allowed */
	syscall(SYS_arch_prctl, 0x1023, 18);        /* ARCH_REQ_XCOMP_PERM, XFEATURE_XTILE_DATA */
	syscall(SYS_arch_prctl, 0x1023, 11);        /* an xstate component strace does not name */
	syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &ts);
	syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, &ts);
	syscall(SYS_clock_gettime, -6, &ts); /* the calling process's CPU clock */
	syscall(SYS_clock_getres, CLOCK_TAI, &ts);
	syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts); /* EINVAL: that clock cannot be set */
	ts.tv_sec = 0;
	ts.tv_nsec = 1;
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, NULL);
	syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL); /* long past */
	syscall(SYS_nanosleep, &ts, NULL);
	ts.tv_sec = -1;
	ts.tv_nsec = -1;
	syscall(SYS_nanosleep, &ts, &ts);                     /* EINVAL */
	syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts);     /* EINVAL */
	syscall(SYS_nanosleep, (void *)8, NULL);              /* unreadable */
	syscall(SYS_clock_adjtime, CLOCK_REALTIME, (void *)8); /* EFAULT before anything changes */
	syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)8, (void *)8);

	/* unreadable pointers */
	syscall(SYS_openat, AT_FDCWD, (const char *)1, O_RDONLY);
	syscall(SYS_write, 2, (const void *)8, 0);
	syscall(SYS_write, -1, (const void *)16, 5);
	syscall(SYS_connect, -1, (const void *)24, 16);

	syscall(SYS_unlink, file);
	exec_self(self, (char *const[]){(char *)self, "exit", "arg with space", "\303\251\t\"q\"", NULL});
	return 0;
}

static int limits(const char *self, const char *dir)
{
	char path[600], buf[100];
	int i;

	memset(buf, 'b', sizeof(buf));
	snprintf(path, sizeof(path), "%s/", dir);
	for (i = strlen(path); i < 300; i++)
		path[i] = 'p';
	path[i] = 0;
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, "exactly16bytes!!", O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, "seventeen bytes!!", O_RDONLY);
	syscall(SYS_write, -1, buf, sizeof(buf));
	syscall(SYS_write, -1, buf, 8);
	{
		struct iovec vectors[3] = {{buf, 100}, {"ab", 2}, {"cd", 2}};

		syscall(SYS_writev, -1, vectors, 3);
		syscall(SYS_writev, -1, vectors, 2);
	}
	exec_self(self, (char *const[]){(char *)self, "exit", "a", "b", "c", NULL});
	return 0;
}

static char pattern[16384];

/* Buffers and paths of exact sizes, for the kernel's capture at each size class and limit. */
static int sizes(int paths, int n, char **counts)
{
	for (int i = 0; i < n; i++) {
		long len = atol(counts[i]);

		if (len < 0 || len >= (long)sizeof(pattern))
			return 2;
		for (long j = 0; j < len; j++)
			pattern[j] = paths ? 1 + j * 37 % 255 : j * 37;
		pattern[len] = 0;
		if (paths)
			syscall(SYS_openat, -1, pattern, O_RDONLY);
		else
			syscall(SYS_write, -1, pattern, len);
	}
	return 0;
}

static int unreadable(void)
{
	syscall(SYS_write, -1, (const void *)16, 5);
	syscall(SYS_write, -1, (const void *)16, 0);
	syscall(SYS_write, -1, (const void *)16, 5000);
	syscall(SYS_write, -1, NULL, 5);
	syscall(SYS_openat, -1, (const char *)1, O_RDONLY);
	syscall(SYS_openat, -1, NULL, O_RDONLY);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "exit") == 0)
		return 0;
	if (argc == 3 && strcmp(argv[1], "all") == 0)
		return all(argv[0], argv[2]);
	if (argc == 3 && strcmp(argv[1], "limits") == 0)
		return limits(argv[0], argv[2]);
	if (argc >= 2 && (strcmp(argv[1], "writes") == 0 || strcmp(argv[1], "paths") == 0))
		return sizes(argv[1][0] == 'p', argc - 2, argv + 2);
	if (argc == 2 && strcmp(argv[1], "unreadable") == 0)
		return unreadable();
	if (argc == 3 && strcmp(argv[1], "swapoff") == 0) {
		/* on the stack: a page of .rodata may not be mapped yet for the kernel program */
		char path[] = "/nonexistent/sysotel-test-swap";

		for (long i = atol(argv[2]); i > 0; i--)
			syscall(SYS_swapoff, path);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "ioctls") == 0) {
		static const long args[] = {0, 5, -1};

		for (int i = 2; i < argc; i++)
			for (int a = 0; a < 3; a++)
				syscall(SYS_ioctl, -1, strtoul(argv[i], NULL, 16), args[a]);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "prctls") == 0) {
		static const long args[] = {0, 5, -1};

		for (int i = 2; i < argc; i++)
			for (int a = 0; a < 3; a++) {
				pid_t child = fork();

				if (child == 0) {
					syscall(SYS_prctl, strtol(argv[i], NULL, 0), args[a], args[a], args[a], args[a]);
					_exit(0);
				}
				waitpid(child, NULL, 0);
			}
		return 0;
	}
	fprintf(stderr, "usage: args-helper all|limits DIR | writes N.. | paths N.. | unreadable | swapoff N | ioctls R.."
			" | prctls O..\n");
	return 2;
}
