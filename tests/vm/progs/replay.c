// SPDX-License-Identifier: GPL-2.0
/*
 * replay: issue a recorded sequence of system calls, by name, with harmless
 * arguments (every argument -1: bad fds, bad pointers, bad sizes), so a
 * thread's call stream is exactly the recording's.  Calls that would end,
 * fork, block, signal or remap the replayer cannot be issued safely: they
 * are skipped and counted, as are names this ABI does not have.
 *
 *   replay NAMES_FILE ISSUED_FILE
 *
 * NAMES_FILE holds whitespace-separated syscall names.  The replayer writes
 * the names it will issue to ISSUED_FILE, prints "loaded", and blocks
 * reading stdin; on a line it issues them, then write()s "done" and blocks
 * reading stdin again until it may exit.  So after "loaded" the thread's
 * calls are exactly: ISSUED_FILE's names, write, read.
 *
 * rt_sigreturn is issued the way it happens: an int3 raises SIGTRAP, whose
 * (empty) handler returns through rt_sigreturn, with no other call.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls_x86_64.h"

static const char *const unsafe[] = {
	"exit", "exit_group", "fork", "vfork", "clone", "clone3", "execve", "execveat",
	"pause", "rt_sigsuspend", "kill", "tkill", "tgkill", "reboot",
	"vhangup", "sync", "syncfs", "setsid", "munlockall", "mlockall", "personality",
	"sched_yield", "restart_syscall", "seccomp", "prctl", "arch_prctl", "set_tid_address",
	"rt_sigaction", "rt_sigprocmask", "sigaltstack", "brk", "mmap", "munmap",
	"mremap", "mprotect", "madvise", "io_setup", "ptrace", "unshare", "setns",
	"ioprio_set", "sched_setscheduler", "sched_setparam", "sched_setaffinity", "setpriority",
	"iopl", "ioperm", "modify_ldt", "set_robust_list", "rseq", "userfaultfd", "alarm",
	"setitimer", "timer_create", "close_range",
};

static void on_trap(int sig)
{
	(void)sig;
}

static int nr_of(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++)
		if (!strcmp(name, unsafe[i]))
			return -2;
	for (i = 0; i < sizeof(syscalls_x86_64) / sizeof(syscalls_x86_64[0]); i++)
		if (syscalls_x86_64[i] && !strcmp(name, syscalls_x86_64[i]))
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_trap };
	unsigned long n = 0, cap = 0, i, unsafe_skipped = 0, unknown = 0;
	char name[64], line[16];
	int nr, *nrs = NULL;
	FILE *in, *out;

	if (argc != 3) {
		fprintf(stderr, "usage: replay NAMES_FILE ISSUED_FILE\n");
		return 2;
	}
	in = fopen(argv[1], "r");
	out = fopen(argv[2], "w");
	if (!in || !out || sigaction(SIGTRAP, &sa, NULL)) {
		perror("replay");
		return 1;
	}
	while (fscanf(in, "%63s", name) == 1) {
		nr = nr_of(name);
		if (nr == -2) {
			unsafe_skipped++;
			continue;
		}
		if (nr == -1) {
			unknown++;
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			nrs = realloc(nrs, cap * sizeof(*nrs));
			if (!nrs)
				return 1;
		}
		nrs[n++] = nr;
		fprintf(out, "%s\n", name);
	}
	if (fclose(out) || fclose(in))
		return 1;
	fprintf(stderr, "replay: %lu to issue, skipped %lu unsafe, %lu not in this ABI\n",
		n, unsafe_skipped, unknown);
	printf("loaded\n");
	fflush(stdout);
	if (read(0, line, sizeof(line)) <= 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (nrs[i] == SYS_rt_sigreturn)
			__asm__ volatile("int3");
		else
			syscall(nrs[i], -1L, -1L, -1L, -1L, -1L, -1L);
	}
	if (write(1, "done\n", 5) != 5)
		return 1;
	if (read(0, line, sizeof(line)) < 0)
		return 1;
	return 0;
}
