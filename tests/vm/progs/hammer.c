// SPDX-License-Identifier: GPL-2.0
/*
 * hammer: issue getppid() system calls from several threads, for load tests
 * and counter checks.
 *   hammer [-t THREADS] [-n CALLS_PER_THREAD] [-s SECONDS] [-u MICROS] [-l]
 * Without -n or -s it runs until killed; -u sleeps MICROS between calls (a
 * thread that calls now and then, whose scorer usually keeps up); -l runs
 * at the lowest priority (nice 19), so a test's own commands still get the
 * CPU.  Prints the calls it made.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long calls_per_thread = -1;
static long pause_us;
static volatile int stop;

static void *worker(void *arg)
{
	long *done = arg;

	while (!stop && (calls_per_thread < 0 || *done < calls_per_thread)) {
		syscall(SYS_getppid);
		(*done)++;
		if (pause_us)
			usleep(pause_us);
	}
	return NULL;
}

static long parse(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "hammer: bad %s '%s'\n", what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	long threads = 1, seconds = -1, total = 0, *done;
	pthread_t *tid;
	int opt, i;

	while ((opt = getopt(argc, argv, "t:n:s:u:l")) != -1) {
		switch (opt) {
		case 'l':
			if (nice(19) == -1)
				perror("hammer: nice");
			break;
		case 't': threads = parse(optarg, "thread count"); break;
		case 'n': calls_per_thread = parse(optarg, "call count"); break;
		case 's': seconds = parse(optarg, "seconds"); break;
		case 'u': pause_us = parse(optarg, "microseconds"); break;
		default:
			fprintf(stderr, "usage: hammer [-t THREADS] [-n CALLS] [-s SECONDS] [-u MICROS] [-l]\n");
			return 2;
		}
	}
	if (threads < 1 || threads > 256) {
		fprintf(stderr, "hammer: thread count must be 1..256\n");
		return 2;
	}
	tid = calloc(threads, sizeof(*tid));
	done = calloc(threads, sizeof(*done));
	if (!tid || !done)
		return 1;
	for (i = 0; i < threads; i++)
		if (pthread_create(&tid[i], NULL, worker, &done[i]))
			return 1;
	if (seconds >= 0) {
		sleep(seconds);
		stop = 1;
	}
	for (i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
		total += done[i];
	}
	printf("%ld\n", total);
	return 0;
}
