// SPDX-License-Identifier: GPL-2.0
/*
 * Threads a slot selects but cannot track fail closed: they are counted
 * per slot (threads, not calls), the first of each process raises an
 * alert, and the slot's kill response applies to them.  A process that
 * spawns threads until the pool is full must not blind the slot.
 *
 * An untracked thread has no entry, so a small table of the live ones
 * stands in (tid and tgid, until the thread exits).  It is only touched by
 * untracked threads and by exits while it holds any.  When more than
 * UNTRACKED_MAX are alive at once, the oldest are forgotten and counted
 * again if they call again: an overestimate, never a miss.
 */
#include <linux/atomic.h>
#include <linux/hids.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

#include "alert.h"
#include "stats.h"
#include "untracked.h"

#define UNTRACKED_MAX 512

struct untracked_thread {
	pid_t tid, tgid;
};

static DEFINE_SPINLOCK(live_lock);
static struct untracked_thread live[UNTRACKED_MAX];	/* tid 0: free */
static unsigned int next_victim;
static atomic_t nr_live = ATOMIC_INIT(0);
static atomic64_t slot_threads[HIDS_MAX_SLOTS];

/*
 * Remember the current thread.  Returns false if it was already known,
 * else true with *first telling whether no other thread of its process is.
 */
static bool remember(struct task_struct *task, bool *first)
{
	struct untracked_thread *free = NULL, *e;
	unsigned long flags;

	*first = true;
	spin_lock_irqsave(&live_lock, flags);
	for (e = live; e < live + UNTRACKED_MAX; e++) {
		if (e->tid == task->pid) {
			spin_unlock_irqrestore(&live_lock, flags);
			return false;
		}
		if (e->tid && e->tgid == task->tgid)
			*first = false;
		if (!e->tid && !free)
			free = e;
	}
	if (free) {
		atomic_inc(&nr_live);
	} else {
		free = &live[next_victim];
		next_victim = (next_victim + 1) % UNTRACKED_MAX;
	}
	free->tid = task->pid;
	free->tgid = task->tgid;
	spin_unlock_irqrestore(&live_lock, flags);
	return true;
}

void hids_untracked(struct task_struct *task, int slot, const struct hids_slot_cfg *c)
{
	bool first;

	if (!remember(task, &first))
		return;
	atomic64_inc(&slot_threads[slot]);
	hids_stat_inc(untracked);
	if (first)
		hids_alert_untracked(task, slot, c);
}

void hids_untracked_exit(pid_t tid)
{
	struct untracked_thread *e;
	unsigned long flags;

	if (!atomic_read(&nr_live))
		return;
	spin_lock_irqsave(&live_lock, flags);
	for (e = live; e < live + UNTRACKED_MAX; e++) {
		if (e->tid == tid) {
			e->tid = 0;
			atomic_dec(&nr_live);
			break;
		}
	}
	spin_unlock_irqrestore(&live_lock, flags);
}

u64 hids_untracked_count(int slot)
{
	return atomic64_read(&slot_threads[slot]);
}

void hids_untracked_reset(void)
{
	int i;

	for (i = 0; i < HIDS_MAX_SLOTS; i++)
		atomic64_set(&slot_threads[i], 0);
}
