/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_ALERT_H
#define HIDS_ALERT_H

#include <linux/gfp.h>
#include <linux/types.h>

struct hids_slot_cfg;
struct task_struct;
struct hids_thread;

/*
 * Raise an alert for t (its score state locked by the caller): log it,
 * send it to the alerts group, and apply the slot's response (none for a
 * gap).  now: the thread's last call has not run yet, so that enforce can
 * stop it; otherwise enforce kills as the kill response does.  Returns
 * the response taken (enum hids_response).
 */
u8 hids_alert(struct hids_thread *t, const struct hids_slot_cfg *c, u8 kind,
	      u32 score, u32 threshold, gfp_t gfp, bool now);

/*
 * task, the first thread of its process that slot c selects but cannot
 * track: alert and apply the slot's response (a kill takes the whole
 * process).  RCU held.
 */
void hids_alert_untracked(struct task_struct *task, int slot, const struct hids_slot_cfg *c);

#endif /* HIDS_ALERT_H */
