/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_DELIVER_H
#define HIDS_DELIVER_H

#include <linux/gfp.h>
#include <linux/types.h>

struct netlink_ext_ack;
struct sk_buff;

int hids_deliver_init(void);
void hids_deliver_uninit(void);

/* enum hids_delivery in use. */
u8 hids_delivery(void);

/* Would a message for group (HIDS_MCGRP_*_ID) reach anyone? */
bool hids_deliver_has_listeners(int group);

/*
 * Send a finished message to group's listeners; consumes skb.  0 when at
 * least one listener took it, else -errno (nobody listened: -ESRCH).
 */
int hids_deliver(struct sk_buff *skb, int group, gfp_t gfp);

/*
 * The socket portid asks for the groups in mask (BIT(HIDS_MCGRP_*_ID));
 * 0 stops.  -ENOSPC when HIDS_MAX_LISTENERS sockets listen already.
 */
int hids_listen(u32 portid, u32 mask, struct netlink_ext_ack *extack);

#endif /* HIDS_DELIVER_H */
