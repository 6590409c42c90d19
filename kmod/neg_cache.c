// SPDX-License-Identifier: GPL-2.0
/*
 * A small direct-mapped cache per CPU of threads that match no slot.  An
 * entry is the task (pointer and start time: a reused task_struct is
 * another task), its name (a rename makes it miss) and the generation it
 * was worked out under; any change to what the selectors read bumps the
 * generation, so a stale answer never hits.  The generation is read
 * (acquire) before matching and bumped (after a full barrier) after a
 * change is visible: an answer stored under a generation saw every change
 * made before it.
 */
#include <linux/atomic.h>
#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "neg_cache.h"

#define NEG_BITS 5

struct neg_entry {
	const struct task_struct *task;
	u64 start_time;
	struct hids_neg_key key;
};

static DEFINE_PER_CPU(struct neg_entry[1 << NEG_BITS], neg_cache);
/* Starts at 1: a zeroed entry never hits. */
static atomic_long_t neg_gen = ATOMIC_LONG_INIT(1);

bool hids_neg_known(struct hids_neg_key *k)
{
	struct neg_entry *e;
	bool hit;

	BUILD_BUG_ON(sizeof(k->comm) != TASK_COMM_LEN);
	k->gen = atomic_long_read_acquire(&neg_gen);
	memcpy(k->comm, current->comm, TASK_COMM_LEN);
	e = get_cpu_ptr(neg_cache) + hash_ptr(current, NEG_BITS);
	hit = e->task == current && e->key.gen == k->gen &&
	      e->start_time == current->start_time && e->key.comm[0] == k->comm[0] &&
	      e->key.comm[1] == k->comm[1];
	put_cpu_ptr(neg_cache);
	return hit;
}

void hids_neg_remember(const struct hids_neg_key *k)
{
	struct neg_entry *e = get_cpu_ptr(neg_cache) + hash_ptr(current, NEG_BITS);

	e->task = current;
	e->start_time = current->start_time;
	e->key = *k;
	put_cpu_ptr(neg_cache);
}

void hids_neg_invalidate(void)
{
	/* The change is visible before the new generation: pairs with the acquire. */
	smp_mb__before_atomic();
	atomic_long_inc(&neg_gen);
}
