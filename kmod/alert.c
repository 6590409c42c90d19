// SPDX-License-Identifier: GPL-2.0
/*
 * Alerts: one message to the "alerts" listeners per alert (deliver.c), a kernel
 * log line (rate limited), and the slot's response.  An alert nobody
 * listened for is counted, never silently dropped.
 */
#include <linux/cgroup.h>
#include <linux/fs.h>
#include <linux/sched/task.h>
#include <linux/hids.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "alert.h"
#include "deliver.h"
#include "model.h"
#include "netlink.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"

/* Who an alert is about: a tracked thread or one left untracked. */
struct subject {
	pid_t tgid, tid;
	const char *comm;
	u64 cgroup_id;
	int slot;
	const char *model;
};

static const char *const kind_names[] = {
	[HIDS_ALERT_KIND_WINDOW] = "window",
	[HIDS_ALERT_KIND_RUNNING] = "running",
	[HIDS_ALERT_KIND_GAP] = "gap (calls dropped)",
	[HIDS_ALERT_KIND_UNTRACKED] = "untracked (no room)",
};

static int put_calls(struct sk_buff *skb, const struct hids_thread *t)
{
	const struct hids_score *s = t->score;
	u64 n = min_t(u64, s->steps, HIDS_ALERT_CALLS_MAX), i;
	struct nlattr *nest;

	nest = nla_nest_start(skb, HIDS_ALERT_CALLS);
	if (!nest)
		return -EMSGSIZE;
	for (i = s->steps - n; i < s->steps; i++) {
		if (nla_put_string(skb, HIDS_ALERT_CALL,
				   hids_kmodel_token_name(t->model,
							  s->recent[i % HIDS_ALERT_CALLS_MAX])))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The scores of a tracked thread: what its model made of its calls. */
static int put_score(struct sk_buff *skb, const struct hids_thread *t, u32 score,
		     u32 threshold)
{
	return nla_put_u32(skb, HIDS_ALERT_SCORE, score) ||
	       nla_put_u32(skb, HIDS_ALERT_THRESHOLD, threshold) ||
	       nla_put_u64_64bit(skb, HIDS_ALERT_STEPS, t->score->steps, HIDS_ALERT_PAD) ||
	       nla_put_u64_64bit(skb, HIDS_ALERT_DROPS, atomic64_read(&t->score->drops),
				 HIDS_ALERT_PAD) ||
	       put_calls(skb, t);
}

/* t: the tracked thread (its score locked by the caller), or NULL. */
static int send(const struct subject *who, const struct hids_thread *t, u8 kind,
		u8 response, bool spared, u32 score, u32 threshold, gfp_t gfp)
{
	struct nlattr *nest;
	struct sk_buff *skb;
	void *hdr;

	if (!hids_deliver_has_listeners(HIDS_MCGRP_ALERTS_ID))
		return -ESRCH;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put(skb, 0, 0, &hids_family, 0, HIDS_CMD_ALERT);
	if (!hdr)
		goto err;
	nest = nla_nest_start(skb, HIDS_A_ALERT);
	if (!nest ||
	    nla_put_u64_64bit(skb, HIDS_ALERT_TIME, ktime_get_real_ns(), HIDS_ALERT_PAD) ||
	    nla_put_u32(skb, HIDS_ALERT_PID, who->tgid) ||
	    nla_put_u32(skb, HIDS_ALERT_TID, who->tid) ||
	    nla_put_string(skb, HIDS_ALERT_COMM, who->comm) ||
	    nla_put_u64_64bit(skb, HIDS_ALERT_CGROUP, who->cgroup_id, HIDS_ALERT_PAD) ||
	    nla_put_u32(skb, HIDS_ALERT_SLOT, who->slot) ||
	    nla_put_string(skb, HIDS_ALERT_MODEL, who->model) ||
	    nla_put_u8(skb, HIDS_ALERT_KIND, kind) ||
	    nla_put_u8(skb, HIDS_ALERT_RESPONSE, response) ||
	    (spared && nla_put_flag(skb, HIDS_ALERT_SPARED)) ||
	    (t && put_score(skb, t, score, threshold)) ||
	    (!t && (nla_put_u32(skb, HIDS_ALERT_SCORE, 0) ||
		    nla_put_u32(skb, HIDS_ALERT_THRESHOLD, 0))))
		goto err;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return hids_deliver(skb, HIDS_MCGRP_ALERTS_ID, gfp);

err:
	nlmsg_free(skb);
	return -EMSGSIZE;
}

static void report(const struct subject *who, const struct hids_thread *t, u8 kind,
		   u8 response, bool spared, u32 score, u32 threshold, gfp_t gfp)
{
	this_cpu_inc(hids_pcpu_stats.alerts);
	pr_warn_ratelimited("alert: %s pid %d tid %d slot %d model %s: %s score %u > %u (Q16.16)%s\n",
			    who->comm, who->tgid, who->tid, who->slot, who->model,
			    kind_names[kind], score, threshold, spared ? ", spared" : "");
	if (send(who, t, kind, response, spared, score, threshold, gfp))
		this_cpu_inc(hids_pcpu_stats.alerts_lost);
}

/* Does task run one of the slot's spared executables? */
static bool exe_spared(struct task_struct *task, const struct hids_slot_cfg *c)
{
	struct file *exe;
	bool hit = false;
	int i;

	if (!c->nr_spare)
		return false;
	/* task->mm stays while task_lock is held. */
	task_lock(task);
	if (task->mm) {
		rcu_read_lock();
		exe = rcu_dereference(task->mm->exe_file);
		for (i = 0; exe && i < c->nr_spare && !hit; i++)
			hit = c->spare[i] && file_inode(exe) == file_inode(c->spare[i]);
		rcu_read_unlock();
	}
	task_unlock(task);
	return hit;
}

/*
 * Is the process (thread pid, process tgid) never to be killed?  The init
 * of any pid namespace (killing it takes the namespace down, the host's
 * with it), kernel threads, and the slot's spared executables.  The pids
 * are held: they stay valid while the task exits.
 */
static bool spared(struct pid *pid, struct pid *tgid, const struct hids_slot_cfg *c)
{
	struct task_struct *task;
	bool spare;

	if (is_child_reaper(tgid))
		return true;
	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_PID);
	spare = !task || (task->flags & PF_KTHREAD) || exe_spared(task, c);
	rcu_read_unlock();
	return spare;
}

/* Counted only when a signal was sent. */
static void kill_group(struct pid *pid)
{
	if (!kill_pid(pid, SIGKILL, 1))
		this_cpu_inc(hids_pcpu_stats.killed);
}

void hids_alert(struct hids_thread *t, const struct hids_slot_cfg *c, u8 kind,
		u32 score, u32 threshold, gfp_t gfp)
{
	/* A gap is evidence of load, not of an attack: it is reported only. */
	u8 response = kind == HIDS_ALERT_KIND_GAP ? HIDS_RESPONSE_LOG : c->response;
	bool spare = response == HIDS_RESPONSE_KILL && spared(t->pid, t->tgid_pid, c);
	struct subject who = {
		.tgid = t->tgid, .tid = t->tid, .comm = t->comm, .cgroup_id = t->cgroup_id,
		.slot = t->slot, .model = t->model->name,
	};

	if (spare)
		response = HIDS_RESPONSE_LOG;
	report(&who, t, kind, response, spare, score, threshold, gfp);
	if (response == HIDS_RESPONSE_KILL)
		kill_group(t->pid);
}

void hids_alert_untracked(struct task_struct *task, int slot, const struct hids_slot_cfg *c)
{
	u8 response = c->model ? c->response : HIDS_RESPONSE_LOG;
	bool spare = response == HIDS_RESPONSE_KILL && spared(task_pid(task), task_tgid(task), c);
	char comm[TASK_COMM_LEN];
	struct subject who = {
		.tgid = task->tgid, .tid = task->pid, .comm = comm,
		.cgroup_id = cgroup_id(task_dfl_cgroup(task)), .slot = slot,
		.model = c->model ? c->model->name : "",
	};

	if (spare)
		response = HIDS_RESPONSE_LOG;
	get_task_comm(comm, task);
	report(&who, NULL, HIDS_ALERT_KIND_UNTRACKED, response, spare, 0, 0, GFP_ATOMIC);
	if (response == HIDS_RESPONSE_KILL)
		kill_group(task_pid(task));
}
