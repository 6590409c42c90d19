// SPDX-License-Identifier: GPL-2.0
/*
 * Can a probe keep a system call from running?  The enforce response sets
 * the number of a call that crosses a threshold to -1 in the sys_enter
 * probe.  The entry code skips the call (-ENOSYS) only where it reads the
 * number again after the tracepoint (upstream "entry: Respect changes to
 * system call number by trace_sys_enter()"); elsewhere the original call
 * runs.  Backports make the version no guide, so a test decides, once per
 * load: an admin's thread arms it, calls getppid() and finishes it; probes
 * of the test's own rewrite that one call and read its result at sys_exit.
 */
#include <linux/compat.h>
#include <linux/errno.h>
#include <linux/hids.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <net/netlink.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "enforce.h"
#include "probes.h"

static DEFINE_MUTEX(test_lock);
static u8 state = HIDS_ENFORCE_UNTESTED;	/* written under test_lock */
/*
 * While armed (under test_lock): the thread whose getppid() is rewritten,
 * held so that the pointer cannot name another thread, and only compared.
 */
static struct pid *tester;
static bool rewritten;		/* the tester's getppid() is under way */
static u8 result;		/* what its sys_exit saw */

static bool is_tester(void)
{
	return task_pid(current) == READ_ONCE(tester);
}

static void test_enter(void *data, struct pt_regs *regs, long id)
{
	if (id != __NR_getppid || in_compat_syscall() || !is_tester())
		return;
	regs->orig_ax = -1;
	WRITE_ONCE(rewritten, true);
}

/* A skipped call returns the -ENOSYS the entry code set beforehand. */
static void test_exit(void *data, struct pt_regs *regs, long ret)
{
	if (!READ_ONCE(rewritten) || !is_tester())
		return;
	WRITE_ONCE(result, ret == -ENOSYS ? HIDS_ENFORCE_AVAILABLE : HIDS_ENFORCE_UNAVAILABLE);
	WRITE_ONCE(rewritten, false);
}

/* Under test_lock: no probe of the test runs once it returns. */
static void disarm(void)
{
	if (!tester)
		return;
	hids_probes_hook_syscalls(test_enter, test_exit, false);
	put_pid(tester);
	WRITE_ONCE(tester, NULL);
}

static int arm(void)
{
	int ret;

	/* A test its sender never finished: this one replaces it. */
	disarm();
	result = HIDS_ENFORCE_UNTESTED;
	rewritten = false;
	WRITE_ONCE(tester, get_pid(task_pid(current)));
	ret = hids_probes_hook_syscalls(test_enter, test_exit, true);
	if (ret) {
		put_pid(tester);
		WRITE_ONCE(tester, NULL);
	}
	return ret;
}

static int finish(struct netlink_ext_ack *extack)
{
	if (!tester) {
		NL_SET_ERR_MSG(extack, "no enforce test is armed");
		return -EINVAL;
	}
	disarm();
	if (result == HIDS_ENFORCE_UNTESTED) {
		NL_SET_ERR_MSG(extack, "the armed thread made no getppid() call");
		return -EAGAIN;
	}
	state = result;
	pr_info("enforce response %s: a call whose number sys_enter sets to -1 %s\n",
		state == HIDS_ENFORCE_AVAILABLE ? "available" : "unavailable",
		state == HIDS_ENFORCE_AVAILABLE ? "is skipped" : "still runs on this kernel");
	return 0;
}

u8 hids_enforce_state(void)
{
	return READ_ONCE(state);
}

int hids_enforce_test(u8 step, u8 *out, struct netlink_ext_ack *extack)
{
	int ret = 0;

	mutex_lock(&test_lock);
	if (step == HIDS_ENFORCE_STEP_FINISH)
		ret = finish(extack);
	else if (state == HIDS_ENFORCE_UNTESTED)
		ret = arm();
	*out = state;
	mutex_unlock(&test_lock);
	return ret;
}

void hids_enforce_uninit(void)
{
	mutex_lock(&test_lock);
	disarm();
	mutex_unlock(&test_lock);
}
