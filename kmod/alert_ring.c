// SPDX-License-Identifier: GPL-2.0
/*
 * The last alerts, kept so that a listener that starts late, or that comes
 * back after a restart or a socket overrun, gets what it missed
 * (HIDS_CMD_GET_ALERTS).  Each alert has a sequence number from 1 at module
 * load; the ring keeps the last alert_ring of them as the attribute nest
 * they were sent as, so a replay is the very message.  Bounded: one
 * allocation of at most an alert's size per entry; what falls off the ring
 * is counted (HIDS_STAT_ALERTS_EVICTED).
 */
#include <linux/hids.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>

#include "alert_ring.h"
#include "mem.h"
#include "netlink.h"
#include "stats.h"

static unsigned int alert_ring = 256;
module_param(alert_ring, uint, 0444);
MODULE_PARM_DESC(alert_ring,
		 "Alerts kept for listeners that come later, 0..65536 (default 256; 0 keeps none)");

struct kept {
	u64 seq;
	int len;			/* of data: the nest's payload */
	u8 data[];
};

static DEFINE_SPINLOCK(ring_lock);
static struct kept **ring;		/* alert seq at ring[seq % alert_ring] */
static atomic64_t alert_seq = ATOMIC64_INIT(0);

int hids_alert_ring_init(void)
{
	if (alert_ring > 65536) {
		pr_err("alert_ring=%u: at most 65536\n", alert_ring);
		return -EINVAL;
	}
	atomic64_set(&alert_seq, 0);
	if (!alert_ring)
		return 0;
	ring = hids_kvzalloc(alert_ring * sizeof(*ring));
	return ring ? 0 : -ENOMEM;
}

void hids_alert_ring_uninit(void)
{
	unsigned int i;

	if (!ring)
		return;
	for (i = 0; i < alert_ring; i++)
		hids_kfree(ring[i]);
	hids_kvfree(ring, alert_ring * sizeof(*ring));
	ring = NULL;
}

u64 hids_alert_seq_next(void)
{
	return atomic64_inc_return(&alert_seq);
}

u64 hids_alert_seq_last(void)
{
	return atomic64_read(&alert_seq);
}

bool hids_alert_ring_keep(u64 seq, const struct nlattr *alert, gfp_t gfp)
{
	struct kept *k, *old;
	unsigned long flags;

	if (!ring)
		return false;
	k = hids_kzalloc(struct_size(k, data, nla_len(alert)), gfp | __GFP_NOWARN);
	if (!k)
		return false;
	k->seq = seq;
	k->len = nla_len(alert);
	memcpy(k->data, nla_data(alert), k->len);
	spin_lock_irqsave(&ring_lock, flags);
	old = ring[seq % alert_ring];
	/* Raised at once on two CPUs, a newer alert may have got there first. */
	if (old && old->seq > seq)
		swap(old, k);
	else
		ring[seq % alert_ring] = k;
	spin_unlock_irqrestore(&ring_lock, flags);
	if (old)
		hids_stat_inc(alerts_evicted);
	hids_kfree(old);
	return true;
}

/*
 * One message per kept alert, as it was sent.  cb->args[0]: the last
 * sequence number put in a message (first: the request's
 * HIDS_A_ALERT_SINCE).
 */
int hids_alert_ring_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	u64 seq, last = hids_alert_seq_last(), after = cb->args[0];
	unsigned long flags;
	struct kept *k;
	void *hdr;

	if (!ring)
		return 0;
	/* Older ones have fallen off the ring. */
	if (last > alert_ring && after < last - alert_ring)
		after = last - alert_ring;
	spin_lock_irqsave(&ring_lock, flags);
	for (seq = after + 1; seq <= last; seq++) {
		k = ring[seq % alert_ring];
		if (!k || k->seq != seq)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &hids_family, NLM_F_MULTI, HIDS_CMD_ALERT);
		if (!hdr)
			break;
		if (nla_put(skb, HIDS_A_ALERT, k->len, k->data)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = seq;
	}
	spin_unlock_irqrestore(&ring_lock, flags);
	/* Not one fitted: the dump is over (an alert always fits a fresh skb). */
	return seq > last || cb->args[0] == after ? 0 : skb->len;
}
