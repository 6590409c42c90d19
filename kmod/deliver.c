// SPDX-License-Identifier: GPL-2.0
/*
 * Delivery of alerts and trace batches.  Where the kernel lets a generic
 * netlink family restrict its multicast groups to CAP_NET_ADMIN
 * (GENL_MCAST_CAP_NET_ADMIN), they go to the groups.  Where it cannot, any
 * user could join "trace" (every recorded call) and "alerts": nothing is
 * multicast there.  Messages go by unicast to the sockets that asked with
 * HIDS_CMD_LISTEN, a CAP_NET_ADMIN command, as the audit subsystem does;
 * a socket that closes is forgotten.  force_unicast picks unicast on any
 * kernel (tests, and operators who want it).
 */
#include <linux/hids.h>
#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>

#include "deliver.h"
#include "netlink.h"

static bool force_unicast;
module_param(force_unicast, bool, 0444);
MODULE_PARM_DESC(force_unicast,
		 "Send alerts and traces only to listeners registered by CAP_NET_ADMIN, by unicast, even where multicast groups can be restricted (default off)");

struct listener {
	u32 portid;			/* 0: free */
	u32 mask;			/* BIT(HIDS_MCGRP_*_ID) */
};

static DEFINE_SPINLOCK(listeners_lock);
static struct listener listeners[HIDS_MAX_LISTENERS];
static bool unicast;

u8 hids_delivery(void)
{
	return unicast ? HIDS_DELIVERY_UNICAST : HIDS_DELIVERY_MULTICAST;
}

/* The portids listening to group, at most HIDS_MAX_LISTENERS. */
static int listening(int group, u32 *portids)
{
	unsigned long flags;
	int i, n = 0;

	spin_lock_irqsave(&listeners_lock, flags);
	for (i = 0; i < HIDS_MAX_LISTENERS; i++)
		if (listeners[i].portid && (listeners[i].mask & BIT(group)))
			portids[n++] = listeners[i].portid;
	spin_unlock_irqrestore(&listeners_lock, flags);
	return n;
}

static void forget(u32 portid)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&listeners_lock, flags);
	for (i = 0; i < HIDS_MAX_LISTENERS; i++)
		if (listeners[i].portid == portid)
			listeners[i].portid = 0;
	spin_unlock_irqrestore(&listeners_lock, flags);
}

bool hids_deliver_has_listeners(int group)
{
	u32 portids[HIDS_MAX_LISTENERS];

	if (!unicast)
		return genl_has_listeners(&hids_family, &init_net, group);
	return listening(group, portids) > 0;
}

int hids_deliver(struct sk_buff *skb, int group, gfp_t gfp)
{
	u32 portids[HIDS_MAX_LISTENERS];
	int n, i, err, ret = -ESRCH;
	struct sk_buff *c;

	if (!unicast)
		return genlmsg_multicast(&hids_family, skb, 0, group, gfp);
	n = listening(group, portids);
	for (i = 0; i < n; i++) {
		c = i == n - 1 ? skb : skb_clone(skb, gfp);
		if (!c) {
			ret = ret ? -ENOMEM : 0;
			continue;
		}
		err = genlmsg_unicast(&init_net, c, portids[i]);
		if (err == -ECONNREFUSED)
			forget(portids[i]);
		if (!err)
			ret = 0;
		else if (ret)
			ret = err;
	}
	if (!n)
		nlmsg_free(skb);
	return ret;
}

int hids_listen(u32 portid, u32 mask, struct netlink_ext_ack *extack)
{
	struct listener *free = NULL;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&listeners_lock, flags);
	for (i = 0; i < HIDS_MAX_LISTENERS; i++) {
		if (listeners[i].portid == portid) {
			listeners[i].mask = mask;
			if (!mask)
				listeners[i].portid = 0;
			goto out;
		}
		if (!listeners[i].portid && !free)
			free = &listeners[i];
	}
	if (mask && !free) {
		spin_unlock_irqrestore(&listeners_lock, flags);
		NL_SET_ERR_MSG(extack, "too many listeners");
		return -ENOSPC;
	}
	if (mask) {
		free->portid = portid;
		free->mask = mask;
	}
out:
	spin_unlock_irqrestore(&listeners_lock, flags);
	return 0;
}

/* A listening socket closed: its portid may be reused by anyone. */
static int on_release(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    net_eq(n->net, &init_net))
		forget(n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block release_nb = {
	.notifier_call = on_release,
};

int hids_deliver_init(void)
{
	int ret = netlink_register_notifier(&release_nb);

	if (ret)
		return ret;
	unicast = force_unicast || !HIDS_MCAST_RESTRICTED;
	pr_info("alerts and traces go %s\n", unicast ?
		"by unicast to listeners registered with CAP_NET_ADMIN" :
		"to multicast groups only CAP_NET_ADMIN may join");
	return 0;
}

void hids_deliver_uninit(void)
{
	netlink_unregister_notifier(&release_nb);
	memset(listeners, 0, sizeof(listeners));
}
