// SPDX-License-Identifier: GPL-2.0
/*
 * Alerts: one message on the "alerts" multicast group per alert, a kernel
 * log line (rate limited), and the slot's response.  An alert nobody
 * listened for is counted, never silently dropped.
 */
#include <linux/hids.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "alert.h"
#include "model.h"
#include "netlink.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"

static int put_calls(struct sk_buff *skb, const struct hids_thread *t)
{
	const struct hids_score *s = t->score;
	u64 n = min_t(u64, s->steps, HIDS_ALERT_CALLS_MAX), i;
	struct nlattr *nest;

	nest = nla_nest_start(skb, HIDS_ALERT_CALLS);
	if (!nest)
		return -EMSGSIZE;
	for (i = s->steps - n; i < s->steps; i++) {
		if (nla_put_string(skb, HIDS_ALERT_CALL,
				   hids_kmodel_token_name(t->model,
							  s->recent[i % HIDS_ALERT_CALLS_MAX])))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int send(const struct hids_thread *t, const struct hids_slot_cfg *c, u8 kind,
		u32 score, u32 threshold, gfp_t gfp)
{
	struct nlattr *nest;
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&hids_family, &init_net, HIDS_MCGRP_ALERTS_ID))
		return -ESRCH;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put(skb, 0, 0, &hids_family, 0, HIDS_CMD_ALERT);
	if (!hdr)
		goto err;
	nest = nla_nest_start(skb, HIDS_A_ALERT);
	if (!nest ||
	    nla_put_u64_64bit(skb, HIDS_ALERT_TIME, ktime_get_real_ns(), HIDS_ALERT_PAD) ||
	    nla_put_u32(skb, HIDS_ALERT_PID, t->tgid) ||
	    nla_put_u32(skb, HIDS_ALERT_TID, t->tid) ||
	    nla_put_string(skb, HIDS_ALERT_COMM, t->comm) ||
	    nla_put_u64_64bit(skb, HIDS_ALERT_CGROUP, t->cgroup_id, HIDS_ALERT_PAD) ||
	    nla_put_u32(skb, HIDS_ALERT_SLOT, t->slot) ||
	    nla_put_string(skb, HIDS_ALERT_MODEL, t->model->name) ||
	    nla_put_u8(skb, HIDS_ALERT_KIND, kind) ||
	    nla_put_u32(skb, HIDS_ALERT_SCORE, score) ||
	    nla_put_u32(skb, HIDS_ALERT_THRESHOLD, threshold) ||
	    nla_put_u64_64bit(skb, HIDS_ALERT_STEPS, t->score->steps, HIDS_ALERT_PAD) ||
	    nla_put_u8(skb, HIDS_ALERT_RESPONSE, c->response) ||
	    put_calls(skb, t))
		goto err;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return genlmsg_multicast(&hids_family, skb, 0, HIDS_MCGRP_ALERTS_ID, gfp);

err:
	nlmsg_free(skb);
	return -EMSGSIZE;
}

void hids_alert(struct hids_thread *t, const struct hids_slot_cfg *c, u8 kind,
		u32 score, u32 threshold, gfp_t gfp)
{
	this_cpu_inc(hids_pcpu_stats.alerts);
	pr_warn_ratelimited("alert: %s pid %d tid %d slot %d model %s: %s score %u > %u (Q16.16)\n",
			    t->comm, t->tgid, t->tid, t->slot, t->model->name,
			    kind == HIDS_ALERT_KIND_WINDOW ? "window" : "running",
			    score, threshold);
	if (send(t, c, kind, score, threshold, gfp))
		this_cpu_inc(hids_pcpu_stats.alerts_lost);
	if (c->response == HIDS_RESPONSE_KILL && !kill_pid(t->pid, SIGKILL, 1))
		this_cpu_inc(hids_pcpu_stats.killed);
}
