// SPDX-License-Identifier: GPL-2.0
/*
 * execer N PROGRAM [ARGS...]: a thread other than the leader makes N
 * getppid() calls, prints its tid, then execs PROGRAM.  The kernel gives
 * it the leader's tid (de_thread()), so the tid it had is gone for good:
 * a test checks that nothing is still tracked under it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long calls;
static char **prog;

static void *execing(void *arg)
{
	long i;

	for (i = 0; i < calls; i++)
		syscall(SYS_getppid);
	printf("%ld\n", (long)syscall(SYS_gettid));
	fflush(stdout);
	execv(prog[0], prog);
	perror(prog[0]);
	exit(127);
}

int main(int argc, char **argv)
{
	pthread_t t;
	long i;

	if (argc < 3 || (calls = atol(argv[1])) < 1) {
		fprintf(stderr, "usage: execer N PROGRAM [ARGS...]\n");
		return 2;
	}
	prog = argv + 2;
	for (i = 0; i < calls; i++)
		syscall(SYS_getppid);
	if (pthread_create(&t, NULL, execing, NULL))
		return 1;
	pthread_join(t, NULL);
	return 1;
}
