/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_THREADS_H
#define HIDS_THREADS_H

#include <linux/hids.h>
#include <linux/llist.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct hids_kmodel;
struct hids_slot_cfg;
struct netlink_callback;
struct pid;
struct sk_buff;

/* Calls a thread may be ahead of its scorer before the overflow policy. */
#define HIDS_RING 64

/*
 * Scoring state of a thread in a detect-mode slot.  The thread produces
 * tokens into the ring (head); whoever holds lock consumes them (tail) and
 * steps the model: the per-CPU scorer, or the thread itself when the ring
 * is full (back-pressure).
 */
struct hids_score {
	spinlock_t lock;		/* held by whoever steps the model */
	unsigned long flags;		/* HIDS_SCORE_QUEUED, HIDS_SCORE_GAP */
	struct llist_node qnode;
	struct hids_thread *thread;	/* the owner */
	u32 head;			/* producer only */
	u32 gap_at;			/* producer, while HIDS_SCORE_GAP is clear */
	u32 tail;			/* under lock */
	u16 ring[HIDS_RING];
	/* Under lock: */
	u64 steps, score_sum, run_sum, win_sum;
	u32 win_pos, win_fill;
	u32 window_mean, running_mean;	/* Q16.16, after the last step */
	unsigned long last_alert;	/* jiffies */
	unsigned long last_gap_alert;
	bool alerted, gap_alerted;
	u16 recent[HIDS_ALERT_CALLS_MAX];
	atomic64_t drops;
	u32 *win;			/* window ring, W scores */
	void *engine;			/* model state (h, c) */
};

#define HIDS_SCORE_QUEUED 0
/* Calls were dropped after ring position gap_at: the context breaks there. */
#define HIDS_SCORE_GAP 1

/*
 * One protected thread.  Only the thread itself creates its entry (or its
 * creator, at fork, before it runs) and writes the fields above score (in
 * its syscalls); the bucket lock keeps
 * the hash lists intact, and the dead bit makes sure an entry is unlinked
 * once when the thread (exec, exit, rebind) and a slot change race to
 * forget it.  References: the table holds one, a scorer queue one more.
 */
struct hids_thread {
	struct hlist_node node;
	struct rcu_head rcu;
	refcount_t ref;
	unsigned long dead;		/* bit 0: unlinked (once) */
	pid_t tid;
	pid_t tgid;
	struct pid *pid;		/* for the kill response */
	struct pid *tgid_pid;		/* with pid: ids in a reader's namespace */
	u64 exec_id;			/* the task's self_exec_id: its program */
	u64 cgroup_id;
	int slot;
	u64 state_gen;			/* its slot's state_gen when bound */
	u64 sel_gen;			/* its sel_gen: the binding lasts while it does */
	u64 calls;			/* syscalls seen while bound */
	bool foreign_abi;		/* made a call through i386 or x32 */
	/*
	 * Signals delivered to a handler and not yet returned from: each
	 * left a frame for rt_sigreturn.  A signal return without one is
	 * forged (sigreturn-oriented programming).
	 */
	u32 sig_frames;
	char comm[TASK_COMM_LEN];
	struct hids_kmodel *model;	/* detect mode: reference held */
	struct hids_score *score;	/* detect mode, else NULL */
};

int hids_threads_init(void);
void hids_threads_uninit(void);

/*
 * The calling thread's state, created and bound on first use when a slot
 * matches; NULL when no slot protects it or the pool is full.  *cfg is the
 * slot configuration it is bound under.  Call with RCU held; both stay
 * valid until rcu_read_unlock().
 */
struct hids_thread *hids_thread_current(const struct hids_slot_cfg **cfg);

/* Forget the thread with this tid: at exit. */
void hids_thread_forget(pid_t tid);

/*
 * parent creates child (a process or a thread): the child inherits its
 * slot, and a new process its parent's signal frames (a copy of its stack).
 */
void hids_thread_fork(struct task_struct *parent, struct task_struct *child);

/* The current thread was delivered a signal to a handler: one more frame. */
void hids_thread_signal_frame(void);

/*
 * p exec'd (its tid was old_pid before, see de_thread()): the new image is
 * bound to the same slot afresh.
 */
void hids_thread_exec(struct task_struct *p, pid_t old_pid);

/* Forget every thread bound to slot (its configuration changed). */
void hids_threads_purge_slot(int slot);

/*
 * A reference beyond the RCU section, or false when the thread is already
 * on its way out (its last reference dropped; memory lives until the
 * grace period ends).
 */
bool hids_thread_tryget(struct hids_thread *t);
void hids_thread_put(struct hids_thread *t);

u32 hids_threads_count(void);
u32 hids_threads_in_slot(int slot);
int hids_threads_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* HIDS_THREADS_H */
