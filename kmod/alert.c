// SPDX-License-Identifier: GPL-2.0
/*
 * Alerts: one message per alert, numbered, sent to the "alerts" listeners
 * (deliver.c) and kept in the ring for those who come later
 * (alert_ring.c); a kernel log line (rate limited); the slot's response.
 * An alert neither sent nor kept is counted, never silently dropped.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/hids.h>
#include <linux/hids_model.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "alert.h"
#include "alert_ring.h"
#include "deliver.h"
#include "mem.h"
#include "model.h"
#include "netlink.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"

/* Who an alert is about: a tracked thread or one left untracked. */
struct subject {
	pid_t tgid, tid, ppid;
	uid_t uid;
	const char *comm;
	u64 cgroup_id;
	int slot;
	const char *model;
	const char *exe, *cgroup_path;	/* NULL: unknown */
};

/* Room for the executable's and the cgroup's path, half each. */
#define PATHS_SIZE	PATH_MAX

/* The path of task's executable into buf, or NULL (kernel thread, gone). */
static const char *exe_path(struct task_struct *task, char *buf, int len)
{
	struct file *exe = NULL;
	const char *path;

	task_lock(task);
	if (task->mm) {
		rcu_read_lock();
		exe = hids_get_file_rcu(&task->mm->exe_file);
		rcu_read_unlock();
	}
	task_unlock(task);
	if (!exe)
		return NULL;
	path = d_path(&exe->f_path, buf, len);
	fput(exe);
	return IS_ERR(path) ? NULL : path;
}

/*
 * What an operator needs to act on an alert beyond the ids: uid, parent,
 * executable and cgroup path.  paths: PATHS_SIZE bytes, or NULL (no memory:
 * the paths are left out).  task may be gone (NULL): ids only.
 */
static void describe_task(struct task_struct *task, struct subject *who, char *paths)
{
	struct cgroup *cgrp;

	if (!task)
		return;
	rcu_read_lock();
	who->uid = from_kuid_munged(&init_user_ns, task_uid(task));
	who->ppid = task_tgid_nr(rcu_dereference(task->real_parent));
	if (paths) {
		cgrp = task_dfl_cgroup(task);
		if (cgroup_path(cgrp, paths + PATHS_SIZE / 2, PATHS_SIZE / 2) > 0)
			who->cgroup_path = paths + PATHS_SIZE / 2;
	}
	rcu_read_unlock();
	if (paths)
		who->exe = exe_path(task, paths, PATHS_SIZE / 2);
}

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

/* Bytes an alert about who takes at most, paths and calls included. */
static size_t alert_size(const struct subject *who)
{
	return nla_total_size(0) + 20 * nla_total_size_64bit(8) +
	       nla_total_size(TASK_COMM_LEN) + nla_total_size(strlen(who->model) + 1) +
	       (who->exe ? nla_total_size(strlen(who->exe) + 1) : 0) +
	       (who->cgroup_path ? nla_total_size(strlen(who->cgroup_path) + 1) : 0) +
	       nla_total_size(0) + HIDS_ALERT_CALLS_MAX * nla_total_size(HIDS_MODEL_NAME_LEN);
}

/*
 * Number the alert, keep it in the ring and send it.  t: the tracked
 * thread (its score locked by the caller), or NULL.  0 when a listener got
 * it or the ring kept it.
 */
static int send(const struct subject *who, const struct hids_thread *t, u8 kind,
		u8 response, bool spared, u32 score, u32 threshold, gfp_t gfp)
{
	u64 seq = hids_alert_seq_next();
	struct nlattr *nest;
	struct sk_buff *skb;
	bool kept;
	void *hdr;

	skb = genlmsg_new(alert_size(who), gfp);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put(skb, 0, 0, &hids_family, 0, HIDS_CMD_ALERT);
	if (!hdr)
		goto err;
	nest = nla_nest_start(skb, HIDS_A_ALERT);
	if (!nest ||
	    nla_put_u64_64bit(skb, HIDS_ALERT_SEQ, seq, HIDS_ALERT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_ALERT_TIME, ktime_get_real_ns(), HIDS_ALERT_PAD) ||
	    nla_put_u32(skb, HIDS_ALERT_PID, who->tgid) ||
	    nla_put_u32(skb, HIDS_ALERT_TID, who->tid) ||
	    nla_put_u32(skb, HIDS_ALERT_PPID, who->ppid) ||
	    nla_put_u32(skb, HIDS_ALERT_UID, who->uid) ||
	    (who->exe && nla_put_string(skb, HIDS_ALERT_EXE, who->exe)) ||
	    (who->cgroup_path && nla_put_string(skb, HIDS_ALERT_CGROUP_PATH, who->cgroup_path)) ||
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
	kept = hids_alert_ring_keep(seq, nest, gfp);
	if (!hids_deliver_has_listeners(HIDS_MCGRP_ALERTS_ID)) {
		nlmsg_free(skb);
		return kept ? 0 : -ESRCH;
	}
	return hids_deliver(skb, HIDS_MCGRP_ALERTS_ID, gfp) && !kept ? -ESRCH : 0;

err:
	nlmsg_free(skb);
	return -EMSGSIZE;
}

/* task: who->tid's task, or NULL when it is gone. */
static void report(struct subject *who, struct task_struct *task, const struct hids_thread *t,
		   u8 kind, u8 response, bool spared, u32 score, u32 threshold, gfp_t gfp)
{
	char *paths = hids_kzalloc(PATHS_SIZE, gfp | __GFP_NOWARN);

	describe_task(task, who, paths);
	this_cpu_inc(hids_pcpu_stats.alerts);
	this_cpu_inc(hids_pcpu_stats.slot_alerts[who->slot]);
	pr_warn_ratelimited("alert: %s pid %d tid %d slot %d model %s: %s score %u > %u (Q16.16)%s\n",
			    who->comm, who->tgid, who->tid, who->slot, who->model,
			    kind_names[kind], score, threshold, spared ? ", spared" : "");
	if (send(who, t, kind, response, spared, score, threshold, gfp))
		this_cpu_inc(hids_pcpu_stats.alerts_lost);
	hids_kfree(paths);
}

/*
 * Does task's process run one of the slot's spared executables?  Any of its
 * threads that still has its mm can tell: task itself may be exiting, its
 * mm gone, while the others run on.  *gone: none has one (the process is
 * on its way out: nothing left to kill).  Caller holds RCU.
 */
static bool exe_spared(struct task_struct *task, const struct hids_slot_cfg *c, bool *gone)
{
	struct task_struct *t;
	struct file *exe;
	bool hit = false;
	int i;

	*gone = true;
	for_each_thread(task, t) {
		/* t->mm stays while task_lock is held. */
		task_lock(t);
		if (t->mm) {
			*gone = false;
			exe = rcu_dereference(t->mm->exe_file);
			for (i = 0; exe && i < c->nr_spare && !hit; i++)
				hit = c->spare[i] && file_inode(exe) == file_inode(c->spare[i]);
		}
		task_unlock(t);
		if (!*gone)
			break;
	}
	return hit;
}

/*
 * Is the process (thread pid, process tgid) never to be killed?  The init
 * of any pid namespace (killing it takes the namespace down, the host's
 * with it), the process that loaded the slot's model (the agent that
 * manages hids), kernel threads, processes gone or exiting, the slot's
 * spared executables, and (exec_id not NULL) a thread that has exec'd
 * since the calls scored: they were another program's.  The pids are
 * held: they stay valid while the task exits.
 */
static bool spared(struct pid *pid, struct pid *tgid, const struct hids_slot_cfg *c,
		   const u64 *exec_id)
{
	struct task_struct *task;
	bool spare, gone;

	if (is_child_reaper(tgid) || tgid == c->loader)
		return true;
	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_PID);
	spare = !task || (task->flags & PF_KTHREAD) || exe_spared(task, c, &gone) || gone ||
		(exec_id && READ_ONCE(task->self_exec_id) != *exec_id);
	rcu_read_unlock();
	return spare;
}

/* Counted only when a signal was sent. */
static void kill_group(struct pid *pid)
{
	if (!kill_pid(pid, SIGKILL, 1))
		this_cpu_inc(hids_pcpu_stats.killed);
}

u8 hids_alert(struct hids_thread *t, const struct hids_slot_cfg *c, u8 kind,
	      u32 score, u32 threshold, gfp_t gfp, bool now)
{
	/* A gap is evidence of load, not of an attack: it is reported only. */
	u8 response = kind == HIDS_ALERT_KIND_GAP ? HIDS_RESPONSE_LOG : c->response;
	bool spare;
	struct subject who = {
		.tgid = t->tgid, .tid = t->tid, .comm = t->comm, .cgroup_id = t->cgroup_id,
		.slot = t->slot, .model = t->model->name,
	};
	struct task_struct *task;

	/* A call that ran already can only be answered by the kill. */
	if (response == HIDS_RESPONSE_ENFORCE && !now)
		response = HIDS_RESPONSE_KILL;
	spare = response != HIDS_RESPONSE_LOG && spared(t->pid, t->tgid_pid, c, &t->exec_id);
	if (spare)
		response = HIDS_RESPONSE_LOG;
	task = get_pid_task(t->pid, PIDTYPE_PID);
	report(&who, task, t, kind, response, spare, score, threshold, gfp);
	if (task)
		put_task_struct(task);
	if (response != HIDS_RESPONSE_LOG)
		kill_group(t->pid);
	return response;
}

void hids_alert_untracked(struct task_struct *task, int slot, const struct hids_slot_cfg *c)
{
	/* Its call runs (it has no state to be scored by): enforce kills. */
	u8 response = !c->model ? HIDS_RESPONSE_LOG :
		      c->response == HIDS_RESPONSE_ENFORCE ? HIDS_RESPONSE_KILL : c->response;
	bool spare = response == HIDS_RESPONSE_KILL &&
		     spared(task_pid(task), task_tgid(task), c, NULL);
	char comm[TASK_COMM_LEN];
	struct subject who = {
		.tgid = task->tgid, .tid = task->pid, .comm = comm,
		.cgroup_id = cgroup_id(task_dfl_cgroup(task)), .slot = slot,
		.model = c->model ? c->model->name : "",
	};

	if (spare)
		response = HIDS_RESPONSE_LOG;
	get_task_comm(comm, task);
	report(&who, task, NULL, HIDS_ALERT_KIND_UNTRACKED, response, spare, 0, 0, GFP_ATOMIC);
	if (response == HIDS_RESPONSE_KILL)
		kill_group(task_pid(task));
}
