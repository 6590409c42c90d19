// SPDX-License-Identifier: GPL-2.0
/*
 * dropper: what an intruder's dropper does inside a service.  After CALLS
 * getppid() calls (the service's usual behaviour, as a getppid model has
 * learnt it) it creates PATH and writes a script into it.
 *   dropper [-n CALLS] PATH
 * Waits for a line on stdin first, so that a test can bind it to a slot.
 * Exit 0: the file was written; 1: a call failed (the call and errno are
 * printed); killed: it never got that far.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char script[] = "#!/bin/sh\nid\n";

int main(int argc, char **argv)
{
	long calls = 200, i;
	char line[16];
	int c, fd;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n')
			goto usage;
		calls = strtol(optarg, NULL, 10);
	}
	if (optind != argc - 1 || calls < 0)
		goto usage;
	if (read(0, line, sizeof(line)) < 0)
		return 1;
	for (i = 0; i < calls; i++)
		syscall(SYS_getppid);
	fd = open(argv[optind], O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0) {
		printf("open: %s\n", strerror(errno));
		return 1;
	}
	if (write(fd, script, sizeof(script) - 1) != sizeof(script) - 1) {
		printf("write: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	printf("written\n");
	return 0;

usage:
	fprintf(stderr, "usage: dropper [-n CALLS] PATH\n");
	return 2;
}
