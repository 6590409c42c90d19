// SPDX-License-Identifier: GPL-2.0
/*
 * escaper: the ways a protected process tries to leave its slot.  Each
 * mode ends in calls (getuid) that a getppid loop's model finds improbable.
 *   escaper thread NAME   rename itself (prctl PR_SET_NAME), then start a
 *                         thread that makes the calls
 *   escaper exec          exec /bin/sh, which runs busybox commands
 *   escaper fork          wait for a line on stdin, fork a child that makes
 *                         the calls, print "child PID"
 *   escaper forkloop N    N children one after another, each making the
 *                         calls; every other one then execs /bin/true
 *   escaper rename NAME   2000 getppid calls under its own name, then
 *                         renamed (prctl PR_SET_NAME) 1000 more
 * Static: the selectors under test see no shared-library loading.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void *improbable(void *arg)
{
	int i;

	for (i = 0; i < 32; i++)
		syscall(SYS_getuid);
	return NULL;
}

int main(int argc, char **argv)
{
	char line[16];
	pthread_t th;
	pid_t child;

	if (argc == 3 && !strcmp(argv[1], "thread")) {
		if (prctl(PR_SET_NAME, argv[2]) || pthread_create(&th, NULL, improbable, NULL))
			return 1;
		return pthread_join(th, NULL) ? 1 : 0;
	}
	if (argc == 2 && !strcmp(argv[1], "exec")) {
		execl("/bin/sh", "sh", "-c", "id; ls / >/dev/null; cat /proc/self/status >/dev/null",
		      (char *)NULL);
		perror("escaper: exec /bin/sh");
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "fork")) {
		if (!fgets(line, sizeof(line), stdin))
			return 1;
		child = fork();
		if (child < 0)
			return 1;
		if (!child) {
			improbable(NULL);
			_exit(0);
		}
		printf("child %d\n", child);
		fflush(stdout);
		return waitpid(child, NULL, 0) == child ? 0 : 1;
	}
	if (argc == 3 && !strcmp(argv[1], "forkloop")) {
		int i, n = atoi(argv[2]);

		for (i = 0; i < n; i++) {
			child = fork();
			if (child < 0)
				return 1;
			if (!child) {
				improbable(NULL);
				if (i % 2)
					execl("/bin/true", "true", (char *)NULL);
				_exit(0);
			}
			if (waitpid(child, NULL, 0) != child)
				return 1;
		}
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "rename")) {
		int i;

		for (i = 0; i < 2000; i++)
			syscall(SYS_getppid);
		if (prctl(PR_SET_NAME, argv[2]))
			return 1;
		for (i = 0; i < 1000; i++)
			syscall(SYS_getppid);
		return 0;
	}
	fprintf(stderr, "usage: escaper thread NAME | exec | fork | forkloop N | rename NAME\n");
	return 2;
}
