// SPDX-License-Identifier: GPL-2.0
/*
 * int80: a 64-bit program that makes N native munmap(NULL, 0) calls (they
 * fail harmlessly), then execs /bin/true through int $0x80, where 11 is
 * execve (natively, 11 is munmap).
 *   int80 [-n N]
 * Waits for a line on stdin first, so that a test can bind it to a slot.
 * Built static and not position independent: int $0x80 passes pointers
 * as 32 bits, so the path and argument arrays must lie below 4 GiB.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static char path[] = "/bin/true";
static uint32_t argv32[2], envp32[1];

int main(int argc, char **argv)
{
	long n = 100, i, ret;
	char line[16];
	int c;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n') {
			fprintf(stderr, "usage: int80 [-n N]\n");
			return 2;
		}
		n = atol(optarg);
	}
	if ((uintptr_t)path >> 32 || (uintptr_t)argv32 >> 32) {
		fprintf(stderr, "int80: data above 4 GiB, int $0x80 cannot reach it\n");
		return 1;
	}
	argv32[0] = (uint32_t)(uintptr_t)path;
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	for (i = 0; i < n; i++)
		syscall(SYS_munmap, NULL, 0);
	asm volatile("int $0x80" : "=a"(ret) : "0"(11L), "b"(path), "c"(argv32), "d"(envp32)
		     : "memory");
	fprintf(stderr, "int80: execve through int $0x80 failed: %ld\n", ret);
	return 1;
}
