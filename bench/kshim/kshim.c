// SPDX-License-Identifier: GPL-2.0
/*
 * kshim: the out-of-line half of kshim.h, and stand-ins for the module
 * parts the hot-path benchmark leaves out (alerts, recording, the netlink
 * family): the benchmark runs detect mode with alerts off.
 */
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/hids.h>

#include "alert.h"
#include "enforce.h"
#include "netlink.h"
#include "record.h"

int kshim_rcu_nesting;
unsigned long jiffies = 1000;
static struct task_struct init_task = { .pid = 1, .tgid = 1, .comm = "init" };
struct task_struct *kshim_current = &init_task;

void kshim_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

bool kshim_warn(bool cond, const char *file, int line)
{
	if (cond)
		fprintf(stderr, "kshim: WARN at %s:%d\n", file, line);
	return cond;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return calloc(1, size);
}

void *kvzalloc(size_t size, gfp_t gfp)
{
	return calloc(1, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

void kvfree(const void *p)
{
	free((void *)p);
}

size_t ksize(const void *p)
{
	return malloc_usable_size((void *)p);
}

static struct rcu_head *rcu_pending;

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head))
{
	head->func = func;
	head->next = rcu_pending;
	rcu_pending = head;
}

void rcu_barrier(void)
{
	struct rcu_head *h;

	while (rcu_pending) {
		h = rcu_pending;
		rcu_pending = h->next;
		h->func(h);
	}
}

static struct tracepoint tracepoints[] = {
	{ .name = "sys_enter" },
	{ .name = "sys_exit" },
	{ .name = "sched_process_exec" },
	{ .name = "sched_process_exit" },
	{ .name = "sched_process_fork" },
	{ .name = "io_uring_submit_req" },
	{ .name = "signal_deliver" },
};

void for_each_kernel_tracepoint(void (*fct)(struct tracepoint *tp, void *priv), void *priv)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tracepoints); i++)
		fct(&tracepoints[i], priv);
}

int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data)
{
	if (tp->func)
		return -EEXIST;
	tp->func = probe;
	return 0;
}

int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data)
{
	if (tp->func != probe)
		return -ENOENT;
	tp->func = NULL;
	return 0;
}

struct tracepoint *kshim_tracepoint(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tracepoints); i++)
		if (!strcmp(tracepoints[i].name, name))
			return &tracepoints[i];
	return NULL;
}

static struct workqueue_struct the_wq;
static struct work_struct *work_pending;

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max, ...)
{
	return &the_wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	kshim_run_work();
}

/* As the kernel's: a work already pending is not queued twice. */
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	if (test_and_set_bit(0, &work->pending))
		return false;
	work->next = work_pending;
	work_pending = work;
	return true;
}

void kshim_run_work(void)
{
	struct work_struct *w;

	while (work_pending) {
		w = work_pending;
		work_pending = w->next;
		clear_bit(0, &w->pending);
		w->func(w);
	}
}

bool kshim_cpu_has(int feature)
{
	switch (feature) {
	case X86_FEATURE_AVX2:
		return __builtin_cpu_supports("avx2");
	case X86_FEATURE_OSXSAVE:
		return true;
	}
	return false;
}

void *genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, const struct genl_family *family,
		  int flags, u8 cmd)
{
	return NULL;
}

struct genl_family hids_family;

u8 hids_alert(struct hids_thread *t, const struct hids_slot_cfg *c, u8 kind,
	      u32 score, u32 threshold, gfp_t gfp, bool now)
{
	return HIDS_RESPONSE_LOG;
}

/* The benchmark's enforce slot: a skipped call is just a number of -1 here. */
u8 hids_enforce_state(void)
{
	return HIDS_ENFORCE_AVAILABLE;
}

void hids_record_event(const struct hids_thread *t, u8 dir, u8 abi, long nr, long ret)
{
}

void hids_record_kick(void)
{
}

/* The benchmark's pool never fills: no thread is left untracked. */
void hids_untracked(struct task_struct *task, int slot, const struct hids_slot_cfg *c)
{
}

void hids_untracked_exit(pid_t tid)
{
}
