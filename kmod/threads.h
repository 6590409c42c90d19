/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_THREADS_H
#define HIDS_THREADS_H

#include <linux/sched.h>
#include <linux/types.h>

struct netlink_callback;
struct sk_buff;

/*
 * State of one protected thread.  Only the thread itself creates its entry
 * and writes its fields (in its syscalls), so they need no lock; the bucket
 * lock keeps the hash lists intact, and the dead bit makes sure an entry is
 * unlinked once when the thread (exec, exit, rebind) and a slot change
 * race to forget it.
 */
struct hids_thread {
	struct hlist_node node;
	struct rcu_head rcu;
	unsigned long dead;		/* bit 0: unlinked (once) */
	pid_t tid;
	pid_t tgid;
	int slot;
	u64 gen;			/* slot configuration bound under */
	u64 calls;			/* syscalls seen while bound */
	char comm[TASK_COMM_LEN];
};

int hids_threads_init(void);
void hids_threads_uninit(void);

/*
 * The calling thread's state, created and bound on first use when a slot
 * matches; NULL when no slot protects it or the pool is full.  Call with
 * RCU held; the result is valid until rcu_read_unlock().
 */
struct hids_thread *hids_thread_current(void);

/* Forget a thread: at exec (it is bound again on its next call) and exit. */
void hids_thread_forget(struct task_struct *t);

/* Forget every thread bound to slot (its configuration changed). */
void hids_threads_purge_slot(int slot);

u32 hids_threads_count(void);
u32 hids_threads_in_slot(int slot);
int hids_threads_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* HIDS_THREADS_H */
