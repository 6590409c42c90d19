/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_ALERT_RING_H
#define HIDS_ALERT_RING_H

#include <linux/gfp.h>
#include <linux/types.h>

struct netlink_callback;
struct nlattr;
struct sk_buff;

int hids_alert_ring_init(void);
void hids_alert_ring_uninit(void);

/* The next alert's sequence number (from 1 at module load). */
u64 hids_alert_seq_next(void);
/* The last sequence number given out (0: no alert yet). */
u64 hids_alert_seq_last(void);

/*
 * Keep a copy of alert seq's HIDS_A_ALERT nest, evicting the oldest kept
 * one when the ring is full.  false: not kept (no ring, or no memory).
 */
bool hids_alert_ring_keep(u64 seq, const struct nlattr *alert, gfp_t gfp);

/* HIDS_CMD_GET_ALERTS: the kept alerts after cb->args[0], oldest first. */
int hids_alert_ring_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* HIDS_ALERT_RING_H */
