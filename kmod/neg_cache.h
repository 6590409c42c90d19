/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Threads no slot protects, remembered per CPU so that their calls skip
 * the thread lookup and the selectors while a slot is on.
 */
#ifndef HIDS_NEG_CACHE_H
#define HIDS_NEG_CACHE_H

#include <linux/sched.h>
#include <linux/types.h>

/*
 * What an answer is stored under: the generation and current's name, both
 * read before matching, so that a change made during it makes the answer
 * miss rather than hit.
 */
struct hids_neg_key {
	unsigned long gen;
	u64 comm[TASK_COMM_LEN / sizeof(u64)];
};

/* Is current known to match no slot?  *k gets what to remember it under. */
bool hids_neg_known(struct hids_neg_key *k);
/* current matched no slot (k: from hids_neg_known() before matching). */
void hids_neg_remember(const struct hids_neg_key *k);
/*
 * Forget every answer: called after anything a selector reads changed
 * (a slot, an exec, a cgroup migration; names are compared on each hit).
 */
void hids_neg_invalidate(void);

#endif
