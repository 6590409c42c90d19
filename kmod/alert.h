/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_ALERT_H
#define HIDS_ALERT_H

#include <linux/gfp.h>
#include <linux/types.h>

struct hids_slot_cfg;
struct hids_thread;

/*
 * Raise an alert for t (its score state locked by the caller): log it,
 * send it to the alerts group, and apply the slot's response.
 */
void hids_alert(struct hids_thread *t, const struct hids_slot_cfg *c, u8 kind,
		u32 score, u32 threshold, gfp_t gfp);

#endif /* HIDS_ALERT_H */
