// SPDX-License-Identifier: GPL-2.0
/*
 * burster: the drop-mode evasion pattern.  Each round makes BAD "malicious"
 * calls (getuid), then a burst of BURST cheap ones (getppid) to overflow the
 * scorer's ring, then sleeps 2 ms so that the scorer catches up.
 *   burster [-f] [-r ROUNDS] [-b BURST] [-x BAD] [-e PROG [ARG...]]
 * -f runs SCHED_FIFO, so that the scorer (a normal-priority worker on the
 * same CPU) cannot run during a burst: the ring overflows every round.
 * Waits for a line on stdin before the first round, so that a test can
 * bind it to a slot first.  -e: after the last round (without its sleep),
 * exec PROG: with -f, nothing of the scorer's runs between the calls and
 * the exec, so that they are scored after it.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long parse(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "burster: bad %s '%s'\n", what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	long rounds = 20, burst = 200, bad = 8, r, i;
	struct sched_param sp = { .sched_priority = 1 };
	char line[16];
	int c, fifo = 0, exec = 0;

	while ((c = getopt(argc, argv, "+fr:b:x:e")) != -1) {
		switch (c) {
		case 'f': fifo = 1; break;
		case 'r': rounds = parse(optarg, "rounds"); break;
		case 'b': burst = parse(optarg, "burst"); break;
		case 'x': bad = parse(optarg, "bad calls"); break;
		case 'e': exec = 1; break;
		default:
			fprintf(stderr, "usage: burster [-f] [-r ROUNDS] [-b BURST] [-x BAD] [-e PROG [ARG...]]\n");
			return 2;
		}
	}
	if (fifo && sched_setscheduler(0, SCHED_FIFO, &sp)) {
		perror("burster: SCHED_FIFO");
		return 1;
	}
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < bad; i++)
			syscall(SYS_getuid);
		for (i = 0; i < burst; i++)
			syscall(SYS_getppid);
		if (r + 1 < rounds || !exec)
			usleep(2000);
	}
	if (exec && optind < argc) {
		execv(argv[optind], argv + optind);
		perror(argv[optind]);
		return 127;
	}
	return 0;
}
