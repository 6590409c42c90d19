/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Threads no slot protects, remembered per CPU so that their calls skip
 * the thread lookup and the selectors while a slot is on.
 */
#ifndef HIDS_NEG_CACHE_H
#define HIDS_NEG_CACHE_H

#include <linux/types.h>

/*
 * Is current known to match no slot?  *gen gets the generation to pass
 * to hids_neg_remember() when the answer has to be worked out.
 */
bool hids_neg_known(unsigned long *gen);
/* current matched no slot under generation gen (read before matching). */
void hids_neg_remember(unsigned long gen);
/*
 * Forget every answer: called after anything a selector reads changed
 * (a slot, an exec, a cgroup migration; names are compared on each hit).
 */
void hids_neg_invalidate(void);

#endif
