// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl's syscall tables: each calling convention numbers calls its own
 * way, and every one maps to the same names (a model speaks names).
 */
#include <string.h>

#include "options.h"
#include "tap.h"

const char *prog_name = "test_syscall_names";

static int named(uint8_t abi, int nr, const char *want)
{
	const char *got = syscall_name(abi, nr);

	return got && !strcmp(got, want);
}

int main(void)
{
	tap_plan(9);
	tap_ok(named(HIDS_CALL_NATIVE, 59, "execve"), "native 59 is execve");
	tap_ok(named(HIDS_CALL_NATIVE, 11, "munmap"), "native 11 is munmap");
	tap_ok(named(HIDS_CALL_I386, 11, "execve"), "i386 11 (int $0x80) is execve");
	tap_ok(named(HIDS_CALL_X32, 520, "execve"), "x32 520 is execve");
	tap_ok(named(HIDS_CALL_X32, 512, "rt_sigaction"), "x32 512 is rt_sigaction");
	tap_ok(named(HIDS_CALL_IO_URING, 0, "io_uring:nop"), "io_uring op 0 is io_uring:nop");
	tap_ok(named(HIDS_CALL_IO_URING, 18, "io_uring:openat"), "io_uring op 18 is io_uring:openat");
	tap_ok(!syscall_name(HIDS_CALL_I386, -1) && !syscall_name(HIDS_CALL_NATIVE, 100000),
	       "numbers outside a table have no name");
	tap_ok(!syscall_name(HIDS_CALL_ABIS, 0), "no table past the last ABI");
	return tap_done();
}
