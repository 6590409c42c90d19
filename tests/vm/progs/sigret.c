// SPDX-License-Identifier: GPL-2.0
/*
 * sigret: signal returns, real and forged, for the forged-sigreturn test.
 *
 *   sigret [forge]
 *
 * Prints "ready" and blocks reading stdin; on a line it makes one call
 * (getppid: the thread is bound to its slot at its first call), returns
 * from three real signals (int3 raises SIGTRAP, whose empty handler
 * returns through rt_sigreturn), prints "real", and with forge calls
 * rt_sigreturn with no signal delivered, as a sigreturn-oriented exploit
 * does: the kernel finds no frame it made (SIGSEGV ends the process).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void on_trap(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_trap };
	char line[16];
	int i;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "forge"))) {
		fprintf(stderr, "usage: sigret [forge]\n");
		return 2;
	}
	if (sigaction(SIGTRAP, &sa, NULL))
		return 1;
	printf("ready\n");
	fflush(stdout);
	if (read(0, line, sizeof(line)) <= 0)
		return 1;
	syscall(SYS_getppid);
	for (i = 0; i < 3; i++)
		__asm__ volatile("int3");
	if (write(1, "real\n", 5) != 5)
		return 1;
	if (argc == 2)
		syscall(SYS_rt_sigreturn);
	return 0;
}
