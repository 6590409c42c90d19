/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_UNTRACKED_H
#define HIDS_UNTRACKED_H

#include <linux/types.h>

struct hids_slot_cfg;

struct task_struct;

/*
 * task, which slot c selects, could not be tracked (pool or slot limit
 * full, or no memory): current in its system call, or a child being
 * created.  RCU held.
 */
void hids_untracked(struct task_struct *task, int slot, const struct hids_slot_cfg *c);

/* A thread exits: forget it if it was untracked. */
void hids_untracked_exit(pid_t tid);

/* Threads slot selected but could not track, since load or the last reset. */
u64 hids_untracked_count(int slot);
void hids_untracked_reset(void);

#endif /* HIDS_UNTRACKED_H */
