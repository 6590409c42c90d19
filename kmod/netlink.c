// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "hids"; include/uapi/linux/hids.h documents every
 * command and attribute.  Each op carries its own policy (ops without one
 * take no attributes: the core rejects any), and every op that changes
 * state is GENL_ADMIN_PERM.
 */
#include <linux/cpumask.h>
#include <linux/hids.h>
#include <net/genetlink.h>

#include "main.h"
#include "netlink.h"
#include "stats.h"

static struct genl_family hids_family;

static int put_stats(struct sk_buff *skb)
{
	struct hids_stats s;
	struct nlattr *nest;

	hids_stats_read(&s);
	nest = nla_nest_start(skb, HIDS_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, HIDS_STAT_SEEN, s.seen, HIDS_STAT_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int hids_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret = -EMSGSIZE;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &hids_family, 0, HIDS_CMD_GET_STATUS);
	if (!hdr)
		goto err_free;
	if (nla_put_string(msg, HIDS_A_VERSION, HIDS_VERSION) ||
	    nla_put_u32(msg, HIDS_A_ABI_VERSION, HIDS_ABI_VERSION) ||
	    nla_put_u32(msg, HIDS_A_NR_CPUS, num_possible_cpus()))
		goto err_free;
	ret = put_stats(msg);
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}

static int hids_nl_reset_stats(struct sk_buff *skb, struct genl_info *info)
{
	hids_stats_reset();
	return 0;
}

static const struct genl_ops hids_ops[] = {
	{
		.cmd = HIDS_CMD_GET_STATUS,
		.doit = hids_nl_get_status,
	},
	{
		.cmd = HIDS_CMD_RESET_STATS,
		.doit = hids_nl_reset_stats,
		.flags = GENL_ADMIN_PERM,
	},
};

static struct genl_family hids_family __ro_after_init = {
	.name = HIDS_GENL_NAME,
	.version = HIDS_GENL_VERSION,
	.maxattr = HIDS_A_MAX,
	.module = THIS_MODULE,
	.ops = hids_ops,
	.n_ops = ARRAY_SIZE(hids_ops),
	.parallel_ops = true,
};

int __init hids_genl_init(void)
{
	return genl_register_family(&hids_family);
}

void hids_genl_uninit(void)
{
	genl_unregister_family(&hids_family);
}
