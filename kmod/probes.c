// SPDX-License-Identifier: GPL-2.0
/*
 * Tracepoint probes: system calls (each mapped by its calling convention),
 * io_uring submissions (requests that never pass sys_enter), and the
 * fork, exec and exit of tasks (bindings inherited, renewed, dropped).
 * The tracepoints are not exported to modules, so they are looked up by
 * name with for_each_kernel_tracepoint() and attached with
 * tracepoint_probe_register().
 *
 * Up to 6.12 syscall probes run with preemption disabled; from 6.13 they are
 * faultable and run preemptible under RCU tasks trace.  Probe bodies must
 * therefore be correct in both: per-CPU data only through this_cpu ops or
 * under get_cpu(), never sleep.
 */
#include <linux/errno.h>
#include <linux/io_uring_types.h>
#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <asm/compat.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "neg_cache.h"
#include "probes.h"
#include "record.h"
#include "scorer.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"
#include "untracked.h"

/*
 * The calling convention of the current call, with nr made an index into
 * its table: a 64-bit process may call through int $0x80, where 11 is
 * execve, not munmap.
 */
static u8 call_abi(long *nr)
{
	if (in_ia32_syscall())
		return HIDS_CALL_I386;
	if (in_x32_syscall()) {
		*nr &= ~(long)__X32_SYSCALL_BIT;
		return HIDS_CALL_X32;
	}
	return HIDS_CALL_NATIVE;
}

/*
 * A call event of the current thread (nr in the table of abi); threads
 * nobody protects cost the hids_slots_active() check when no slot is
 * active.  True: the call must not run (enforce response).
 */
static bool on_call(u8 dir, u8 abi, long nr, long ret)
{
	const struct hids_slot_cfg *c;
	struct hids_thread *t;
	bool block = false;

	rcu_read_lock();
	t = hids_thread_current(&c);
	if (!t)
		goto out;
	if (dir == HIDS_TRACE_ENTER) {
		WRITE_ONCE(t->calls, t->calls + 1);
		hids_stat_inc(monitored);
		hids_stat_inc(slot_monitored[t->slot]);
	}
	if (c->mode == HIDS_MODE_RECORD)
		hids_record_event(t, dir, abi, nr, ret);
	else if (t->score && dir == HIDS_TRACE_ENTER)
		block = hids_scorer_call(t, c, abi, nr);
out:
	rcu_read_unlock();
	return block;
}

static void probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	hids_stat_inc(seen);
	if (hids_slots_active() && on_call(HIDS_TRACE_ENTER, call_abi(&id), id, 0)) {
		/*
		 * The entry code skips a call numbered -1 (it returns
		 * -ENOSYS) where it reads the number again after this
		 * tracepoint; enforce.c tests that it does.
		 */
		regs->orig_ax = -1;
		hids_stat_inc(blocked);
	}
}

/* Detection scores calls at entry: only recordings want the exit. */
static void probe_sys_exit(void *data, struct pt_regs *regs, long ret)
{
	long nr;

	if (!hids_slots_recording())
		return;
	nr = syscall_get_nr(current, regs);
	on_call(HIDS_TRACE_EXIT, call_abi(&nr), nr, ret);
}

/*
 * An io_uring request never passes sys_enter: it is a call of its own,
 * by opcode, of the thread that submits it (the io_uring_enter caller, or
 * the ring's SQPOLL thread, which its process's --pid, --cgroup and --exe
 * selectors match).  It is submitted already: enforce can only kill.
 */
static void probe_io_uring(void *data, HIDS_IO_URING_SUBMIT_ARGS)
{
	if (hids_slots_active())
		on_call(HIDS_TRACE_ENTER, HIDS_CALL_IO_URING, req->opcode, 0);
}

/* Whatever a protected thread starts stays in its slot. */
static void probe_fork(void *data, struct task_struct *parent, struct task_struct *child)
{
	if (hids_threads_count())
		hids_thread_fork(parent, child);
}

/*
 * After exec the thread is bound afresh to the same slot: its program
 * changed, its protection must not.  A thread other than the leader that
 * execs takes the leader's tid (de_thread()): its entry is under old_pid,
 * and the leader's under p->pid.
 */
static void probe_exec(void *data, struct task_struct *p, pid_t old_pid,
		       struct linux_binprm *bprm)
{
	/* Its name, executable and (non-leader exec) pid changed. */
	hids_neg_invalidate();
	if (hids_threads_count())
		hids_thread_exec(p, old_pid);
}

/* A task moved to another cgroup may now match a --cgroup selector. */
static void probe_cgroup_attach(void *data, struct cgroup *dst, const char *path,
				struct task_struct *task, bool threadgroup)
{
	hids_neg_invalidate();
}

static void probe_exit(void *data, HIDS_SCHED_EXIT_ARGS)
{
	if (hids_threads_count())
		hids_thread_forget(p->pid);
	hids_untracked_exit(p->pid);
}

/*
 * A signal delivered to a handler leaves a frame on the thread's stack for
 * its rt_sigreturn: counted, so that a signal return without one (a forged
 * frame) is told from the real ones.  Under the thread's siglock.
 */
static void probe_signal_deliver(void *data, int sig, struct kernel_siginfo *info,
				 struct k_sigaction *ka)
{
	if (ka->sa.sa_handler != SIG_DFL && ka->sa.sa_handler != SIG_IGN &&
	    hids_threads_count())
		hids_thread_signal_frame();
}

struct hids_probe {
	const char *name;
	void *func;
	bool optional;			/* a kernel without it has nothing to watch there */
	/*
	 * Attached only while a slot is on: a sys_enter probe sends every
	 * task of the machine through the system call slow path.
	 */
	bool per_call;
	struct tracepoint *tp;
};

static struct hids_probe probes[] = {
	{ .name = "sched_process_fork", .func = probe_fork },
	{ .name = "sched_process_exec", .func = probe_exec },
	{ .name = "sched_process_exit", .func = probe_exit },
	{ .name = "sys_enter", .func = probe_sys_enter, .per_call = true },
	{ .name = "sys_exit", .func = probe_sys_exit, .per_call = true },
	{ .name = HIDS_IO_URING_SUBMIT, .func = probe_io_uring, .optional = true,
	  .per_call = true },
	{ .name = "cgroup_attach_task", .func = probe_cgroup_attach, .optional = true,
	  .per_call = true },
	{ .name = "signal_deliver", .func = probe_signal_deliver, .per_call = true },
};

static bool attached;		/* the per-call probes; the caller serializes */

static void find_tracepoint(struct tracepoint *tp, void *priv)
{
	struct hids_probe *p;

	for (p = probes; p < probes + ARRAY_SIZE(probes); p++) {
		if (!strcmp(tp->name, p->name))
			p->tp = tp;
	}
}

/* Detach the probes of probes[0..n) of the kind per_call. */
static void unregister_first(int n, bool per_call)
{
	while (n--)
		if (probes[n].tp && probes[n].per_call == per_call)
			WARN_ON_ONCE(tracepoint_probe_unregister(probes[n].tp,
								 probes[n].func, NULL));
	/* No probe may still run (or be about to) once we return. */
	tracepoint_synchronize_unregister();
}

/* Attach the probes of the kind per_call; all or none. */
static int register_all(bool per_call)
{
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		if (!probes[i].tp || probes[i].per_call != per_call)
			continue;
		ret = tracepoint_probe_register(probes[i].tp, probes[i].func, NULL);
		if (ret) {
			pr_err("cannot attach to tracepoint %s: %d\n", probes[i].name, ret);
			unregister_first(i, per_call);
			return ret;
		}
	}
	return 0;
}

int hids_probes_register(void)
{
	int i;

	for_each_kernel_tracepoint(find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		if (probes[i].tp)
			continue;
		if (!probes[i].optional) {
			pr_err("tracepoint %s not found\n", probes[i].name);
			return -ENOENT;
		}
		pr_info("tracepoint %s not found: nothing to watch there\n", probes[i].name);
	}
	return register_all(false);
}

int hids_probes_attach(bool on)
{
	int ret = 0;

	if (on && !attached)
		ret = register_all(true);
	else if (!on && attached)
		unregister_first(ARRAY_SIZE(probes), true);
	if (!ret)
		attached = on;
	return ret;
}

/* The probe of probes[] named name. */
static struct hids_probe *probe_named(const char *name)
{
	struct hids_probe *p;

	for (p = probes; p < probes + ARRAY_SIZE(probes); p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

int hids_probes_hook_syscalls(void *enter, void *exit, bool on)
{
	struct tracepoint *tp_enter = probe_named("sys_enter")->tp;
	struct tracepoint *tp_exit = probe_named("sys_exit")->tp;
	int ret;

	if (!on) {
		WARN_ON_ONCE(tracepoint_probe_unregister(tp_enter, enter, NULL));
		WARN_ON_ONCE(tracepoint_probe_unregister(tp_exit, exit, NULL));
		tracepoint_synchronize_unregister();
		return 0;
	}
	ret = tracepoint_probe_register(tp_enter, enter, NULL);
	if (ret)
		return ret;
	ret = tracepoint_probe_register(tp_exit, exit, NULL);
	if (ret) {
		WARN_ON_ONCE(tracepoint_probe_unregister(tp_enter, enter, NULL));
		tracepoint_synchronize_unregister();
	}
	return ret;
}

void hids_probes_unregister(void)
{
	hids_probes_attach(false);
	unregister_first(ARRAY_SIZE(probes), false);
}
