/* Workload of the paths-* rows: N times, openat of a file with a long path (about 200 bytes),
 * a 64-byte write to /dev/null and a close. Usage: bench-paths DIR N (DIR is created). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[512], buf[64];
	long i, n;
	int out, fd;

	if (argc != 3)
		return 2;
	n = atol(argv[2]);
	snprintf(path, sizeof(path), "%s/a directory name long enough to make paths like real ones",
		 argv[1]);
	mkdir(argv[1], 0755);
	mkdir(path, 0755);
	strncat(path, "/and a file name that is about as long as the directory name.txt",
		sizeof(path) - strlen(path) - 1);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	if (fd < 0)
		return 1;
	close(fd);
	memset(buf, 'w', sizeof(buf));
	out = open("/dev/null", O_WRONLY);
	for (i = 0; i < n; i++) {
		fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || write(out, buf, sizeof(buf)) != sizeof(buf))
			return 1;
		close(fd);
	}
	return 0;
}
