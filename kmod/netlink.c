// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "hids"; include/uapi/linux/hids.h documents every
 * command and attribute.  Each op carries its own policy (no_attrs_policy
 * for the ops that take none).  Every op but GET_STATUS (counters only) is
 * GENL_ADMIN_PERM: selectors, thresholds and a thread's live score tell an
 * attacker what is watched and how close to an alert it runs.
 */
#include <linux/cpumask.h>
#include <linux/hids.h>
#include <linux/rwsem.h>
#include <linux/string.h>
#include <net/genetlink.h>

#include "alert_ring.h"
#include "deliver.h"
#include "enforce.h"
#include "main.h"
#include "mem.h"
#include "model.h"
#include "netlink.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"
#include "untracked.h"

/*
 * The VM suite builds one module with HIDS_TEST_OTHER_ABI set, to see
 * hidsctl refuse a module it cannot speak to and status report it.
 */
#ifdef HIDS_TEST_OTHER_ABI
#define FAMILY_VERSION	HIDS_TEST_OTHER_ABI
#define FAMILY_ABI_VERSION	HIDS_TEST_OTHER_ABI
#else
#define FAMILY_VERSION	HIDS_GENL_VERSION
#define FAMILY_ABI_VERSION	HIDS_ABI_VERSION
#endif

/*
 * Ops that change state hold ops_sem for reading; module exit takes it for
 * writing once to wait for them and close the gate, so that nothing kicks
 * the scorer or the trace flush while they are torn down.
 */
static DECLARE_RWSEM(ops_sem);
static bool ops_closed;

static int ops_enter(struct genl_info *info)
{
	down_read(&ops_sem);
	if (!ops_closed)
		return 0;
	up_read(&ops_sem);
	NL_SET_ERR_MSG(info->extack, "hids is being unloaded");
	return -ESHUTDOWN;
}

static void ops_exit(void)
{
	up_read(&ops_sem);
}

void hids_genl_close(void)
{
	down_write(&ops_sem);
	ops_closed = true;
	up_write(&ops_sem);
}

static int put_stats(struct sk_buff *skb)
{
	struct hids_stats s;
	struct nlattr *nest;

	hids_stats_read(&s);
	nest = nla_nest_start(skb, HIDS_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, HIDS_STAT_SEEN, s.seen, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_MONITORED, s.monitored, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_RECORDED, s.recorded, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_RECORD_DROPPED, s.record_dropped,
			      HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_UNTRACKED, s.untracked, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_SCORED, s.scored, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_INLINE, s.inline_scored, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_DROPPED, s.dropped, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_ALERTS, s.alerts, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_ALERTS_LOST, s.alerts_lost, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_KILLED, s.killed, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_ALERTS_EVICTED, s.alerts_evicted,
			      HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_BLOCKED, s.blocked, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_SKIPPED, s.skipped, HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_FORGED_SIGRETURNS, s.forged_sigreturns,
			      HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_THREADS, hids_threads_count(),
			      HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_MEMORY, hids_mem_bytes(), HIDS_STAT_PAD)) {
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
	    nla_put_u32(msg, HIDS_A_ABI_VERSION, FAMILY_ABI_VERSION) ||
	    nla_put_u32(msg, HIDS_A_NR_CPUS, num_possible_cpus()) ||
	    nla_put_u8(msg, HIDS_A_DELIVERY, hids_delivery()) ||
	    nla_put_u8(msg, HIDS_A_ENFORCE, hids_enforce_state()) ||
	    nla_put_u64_64bit(msg, HIDS_A_ALERT_SEQ, hids_alert_seq_last(), HIDS_A_PAD))
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
	int ret = ops_enter(info);

	if (ret)
		return ret;
	hids_stats_reset();
	hids_untracked_reset();
	ops_exit();
	return 0;
}

/*
 * Ops that take no attributes reject every one.  Left without a policy,
 * they would get the core's reject-all policy, which newer kernels (7.x)
 * make one entry long while keeping the family's maxattr: attribute types
 * past it were looked up beyond the array (KASAN global-out-of-bounds in
 * __nla_validate_parse, found by the netlink fuzzer).
 */
static const struct nla_policy no_attrs_policy[HIDS_A_MAX + 1] = {
	[HIDS_A_UNSPEC ... HIDS_A_MAX] = { .type = NLA_REJECT },
};

static const struct nla_policy selector_policy[HIDS_SEL_MAX + 1] = {
	[HIDS_SEL_COMM] = { .type = NLA_NUL_STRING, .len = HIDS_COMM_LEN - 1 },
	[HIDS_SEL_PID] = NLA_POLICY_MIN(NLA_U32, 1),
	[HIDS_SEL_CGROUP] = { .type = NLA_NUL_STRING, .len = HIDS_CGROUP_PATH_MAX - 1 },
	[HIDS_SEL_ALL] = { .type = NLA_FLAG },
	[HIDS_SEL_EXE] = { .type = NLA_NUL_STRING, .len = HIDS_CGROUP_PATH_MAX - 1 },
};

static struct netlink_range_validation alert_interval_range __ro_after_init = {
	.min = 1,
	.max = 3600 * 1000,
};

static struct netlink_range_validation model_size_range __ro_after_init = {
	.min = 1,
	.max = HIDS_MODEL_MAX,
};

/* What configures a slot: SET_SLOT, and LOAD_MODEL's last chunk. */
#define SLOT_CONFIG_POLICY							\
	[HIDS_A_SLOT] = NLA_POLICY_MAX(NLA_U32, HIDS_MAX_SLOTS - 1),		\
	[HIDS_A_MODE] = NLA_POLICY_MAX(NLA_U8, HIDS_MODE_MAX),			\
	[HIDS_A_SELECTOR] = NLA_POLICY_NESTED(selector_policy),			\
	[HIDS_A_THRESH_WINDOW] = { .type = NLA_U32 },				\
	[HIDS_A_THRESH_RUNNING] = { .type = NLA_U32 },				\
	[HIDS_A_WINDOW] = NLA_POLICY_RANGE(NLA_U32, 1, HIDS_MAX_WINDOW),	\
	[HIDS_A_MIN_CALLS] = NLA_POLICY_MIN(NLA_U32, 1),			\
	[HIDS_A_RESPONSE] = NLA_POLICY_MAX(NLA_U8, HIDS_RESPONSE_MAX),		\
	[HIDS_A_ALERT_INTERVAL] = NLA_POLICY_FULL_RANGE(NLA_U32, &alert_interval_range), \
	[HIDS_A_OVERFLOW] = NLA_POLICY_MAX(NLA_U8, HIDS_OVERFLOW_MAX),		\
	[HIDS_A_MAX_THREADS] = { .type = NLA_U32 },				\
	[HIDS_A_SPARE] = { .type = NLA_NESTED },				\
	[HIDS_A_SLOT_NAME] = { .type = NLA_NUL_STRING, .len = HIDS_SLOT_NAME_LEN - 1 }

static const struct nla_policy set_slot_policy[HIDS_A_MAX + 1] = {
	SLOT_CONFIG_POLICY,
};

static const struct nla_policy load_model_policy[HIDS_A_MAX + 1] = {
	SLOT_CONFIG_POLICY,
	[HIDS_A_MODEL_SOURCE] = { .type = NLA_NUL_STRING, .len = HIDS_CGROUP_PATH_MAX - 1 },
	[HIDS_A_MODEL_OFFSET] = { .type = NLA_U32 },
	[HIDS_A_MODEL_DATA] = { .type = NLA_BINARY, .len = HIDS_MODEL_CHUNK },
	[HIDS_A_MODEL_SIZE] = NLA_POLICY_FULL_RANGE(NLA_U32, &model_size_range),
	[HIDS_A_TOKEN_MAP] = { .type = NLA_BINARY, .len = HIDS_MAX_SYSCALLS * sizeof(u16) },
	[HIDS_A_TOKEN_MAP_I386] = { .type = NLA_BINARY, .len = HIDS_MAX_SYSCALLS * sizeof(u16) },
	[HIDS_A_TOKEN_MAP_X32] = { .type = NLA_BINARY, .len = HIDS_MAX_SYSCALLS * sizeof(u16) },
	[HIDS_A_TOKEN_MAP_IO_URING] = { .type = NLA_BINARY,
					.len = HIDS_MAX_SYSCALLS * sizeof(u16) },
	[HIDS_A_EXCLUSIVE] = { .type = NLA_FLAG },
};

/* The token map attribute of each enum hids_call_abi. */
static const int token_map_attr[HIDS_CALL_ABIS] = {
	[HIDS_CALL_NATIVE] = HIDS_A_TOKEN_MAP,
	[HIDS_CALL_I386] = HIDS_A_TOKEN_MAP_I386,
	[HIDS_CALL_X32] = HIDS_A_TOKEN_MAP_X32,
	[HIDS_CALL_IO_URING] = HIDS_A_TOKEN_MAP_IO_URING,
};

/* The maps of the chunk at offset 0: the native one required, the others optional. */
static int parse_token_maps(struct genl_info *info, struct hids_token_maps *maps)
{
	struct nlattr *m;
	int a;

	if (GENL_REQ_ATTR_CHECK(info, HIDS_A_TOKEN_MAP))
		return -EINVAL;
	for (a = 0; a < HIDS_CALL_ABIS; a++) {
		m = info->attrs[token_map_attr[a]];
		if (!m)
			continue;
		if (nla_len(m) % sizeof(u16)) {
			NL_SET_ERR_MSG_ATTR(info->extack, m,
					    "token map is not a whole number of u16");
			return -EINVAL;
		}
		maps->map[a] = nla_data(m);
		maps->len[a] = nla_len(m) / sizeof(u16);
	}
	return 0;
}

static bool has_token_map(struct genl_info *info)
{
	int a;

	for (a = 0; a < HIDS_CALL_ABIS; a++)
		if (info->attrs[token_map_attr[a]])
			return true;
	return false;
}

static const struct nla_policy listen_policy[HIDS_A_MAX + 1] = {
	[HIDS_A_LISTEN] = NLA_POLICY_MASK(NLA_U32, HIDS_LISTEN_TRACE | HIDS_LISTEN_ALERTS),
};

static const struct nla_policy unload_model_policy[HIDS_A_MAX + 1] = {
	[HIDS_A_SLOT] = NLA_POLICY_MAX(NLA_U32, HIDS_MAX_SLOTS - 1),
};

/* Exactly one selector kind in the nest; fills u. */
static int parse_selector(struct nlattr *nest, struct hids_slot_update *u,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[HIDS_SEL_MAX + 1];
	int i, n = 0, ret;

	ret = nla_parse_nested(tb, HIDS_SEL_MAX, nest, selector_policy, extack);
	if (ret)
		return ret;
	for (i = 1; i <= HIDS_SEL_MAX; i++) {
		if (tb[i]) {
			u->sel = i;
			n++;
		}
	}
	if (n != 1) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "need exactly one selector");
		return -EINVAL;
	}
	u->has_sel = true;
	if (tb[HIDS_SEL_COMM])
		nla_strscpy(u->comm, tb[HIDS_SEL_COMM], sizeof(u->comm));
	if (tb[HIDS_SEL_PID])
		u->pid = nla_get_u32(tb[HIDS_SEL_PID]);
	if (tb[HIDS_SEL_CGROUP])
		u->cgroup_path = nla_data(tb[HIDS_SEL_CGROUP]);
	if (tb[HIDS_SEL_EXE])
		u->exe_path = nla_data(tb[HIDS_SEL_EXE]);
	return 0;
}

/* Up to HIDS_MAX_SPARE absolute paths, each a HIDS_SPARE_EXE string. */
static int parse_spare(struct nlattr *nest, struct hids_slot_update *u,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	const char *path;
	int rem;

	u->has_spare = true;
	nla_for_each_nested(a, nest, rem) {
		path = nla_data(a);
		if (nla_type(a) != HIDS_SPARE_EXE || u->nr_spare == HIDS_MAX_SPARE ||
		    nla_len(a) < 2 || nla_len(a) > HIDS_CGROUP_PATH_MAX ||
		    path[nla_len(a) - 1] || strlen(path) != nla_len(a) - 1 || path[0] != '/') {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "spare list: at most HIDS_MAX_SPARE absolute paths");
			return -EINVAL;
		}
		u->spare_path[u->nr_spare++] = path;
	}
	return 0;
}

static int put_spare(struct sk_buff *skb, const struct hids_slot_cfg *c)
{
	struct nlattr *nest;
	int i;

	if (!c->nr_spare)
		return 0;
	nest = nla_nest_start(skb, HIDS_A_SPARE);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < c->nr_spare; i++) {
		if (nla_put_string(skb, HIDS_SPARE_EXE, c->spare_path[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static void parse_detect(struct nlattr **a, struct hids_slot_update *u)
{
	if (a[HIDS_A_THRESH_WINDOW]) {
		u->has_thresh_window = true;
		u->thresh_window = nla_get_u32(a[HIDS_A_THRESH_WINDOW]);
	}
	if (a[HIDS_A_THRESH_RUNNING]) {
		u->has_thresh_running = true;
		u->thresh_running = nla_get_u32(a[HIDS_A_THRESH_RUNNING]);
	}
	if (a[HIDS_A_WINDOW]) {
		u->has_window = true;
		u->window = nla_get_u32(a[HIDS_A_WINDOW]);
	}
	if (a[HIDS_A_MIN_CALLS]) {
		u->has_min_calls = true;
		u->min_calls = nla_get_u32(a[HIDS_A_MIN_CALLS]);
	}
	if (a[HIDS_A_RESPONSE]) {
		u->has_response = true;
		u->response = nla_get_u8(a[HIDS_A_RESPONSE]);
	}
	if (a[HIDS_A_ALERT_INTERVAL]) {
		u->has_alert_interval = true;
		u->alert_interval_ms = nla_get_u32(a[HIDS_A_ALERT_INTERVAL]);
	}
	if (a[HIDS_A_OVERFLOW]) {
		u->has_overflow = true;
		u->overflow = nla_get_u8(a[HIDS_A_OVERFLOW]);
	}
}

/* Change the slot the request names, through the gate module exit closes. */
static int slot_update(struct genl_info *info, const struct hids_slot_update *u)
{
	int ret = ops_enter(info);

	if (ret)
		return ret;
	ret = hids_slot_update(nla_get_u32(info->attrs[HIDS_A_SLOT]), u, info->extack);
	ops_exit();
	return ret;
}

/* The SLOT_CONFIG_POLICY attributes of a request into u. */
static int parse_slot_config(struct genl_info *info, struct hids_slot_update *u)
{
	struct nlattr **a = info->attrs;
	int ret;

	if (a[HIDS_A_MODE]) {
		u->has_mode = true;
		u->mode = nla_get_u8(a[HIDS_A_MODE]);
	}
	if (a[HIDS_A_SELECTOR]) {
		ret = parse_selector(a[HIDS_A_SELECTOR], u, info->extack);
		if (ret)
			return ret;
	}
	if (a[HIDS_A_SPARE]) {
		ret = parse_spare(a[HIDS_A_SPARE], u, info->extack);
		if (ret)
			return ret;
	}
	if (a[HIDS_A_MAX_THREADS]) {
		u->has_max_threads = true;
		u->max_threads = nla_get_u32(a[HIDS_A_MAX_THREADS]);
	}
	if (a[HIDS_A_SLOT_NAME]) {
		u->has_name = true;
		nla_strscpy(u->name, a[HIDS_A_SLOT_NAME], sizeof(u->name));
	}
	parse_detect(a, u);
	return 0;
}

static int hids_nl_set_slot(struct sk_buff *skb, struct genl_info *info)
{
	struct hids_slot_update u = {};
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, HIDS_A_SLOT))
		return -EINVAL;
	ret = parse_slot_config(info, &u);
	return ret ?: slot_update(info, &u);
}

static int hids_nl_load_model(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct hids_slot_update u = { .has_model = true };
	struct hids_token_maps maps = {};
	u32 slot, offset, size = 0;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, HIDS_A_SLOT) ||
	    GENL_REQ_ATTR_CHECK(info, HIDS_A_MODEL_OFFSET) ||
	    GENL_REQ_ATTR_CHECK(info, HIDS_A_MODEL_DATA))
		return -EINVAL;
	slot = nla_get_u32(a[HIDS_A_SLOT]);
	offset = nla_get_u32(a[HIDS_A_MODEL_OFFSET]);
	if (!nla_len(a[HIDS_A_MODEL_DATA])) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[HIDS_A_MODEL_DATA], "empty chunk");
		return -EINVAL;
	}
	if (offset == 0) {
		if (GENL_REQ_ATTR_CHECK(info, HIDS_A_MODEL_SIZE))
			return -EINVAL;
		ret = parse_token_maps(info, &maps);
		if (ret)
			return ret;
		size = nla_get_u32(a[HIDS_A_MODEL_SIZE]);
	} else if (a[HIDS_A_MODEL_SIZE] || has_token_map(info)) {
		NL_SET_ERR_MSG(info->extack, "size and token map belong to the chunk at offset 0");
		return -EINVAL;
	}
	ret = ops_enter(info);
	if (ret)
		return ret;
	/* Refused before the whole model is sent, and again when it is in. */
	if (offset == 0 && nla_get_flag(a[HIDS_A_EXCLUSIVE]) && hids_slot_in_use(slot)) {
		NL_SET_ERR_MSG(info->extack, SLOT_IN_USE_MSG);
		ops_exit();
		return -EEXIST;
	}
	ret = hids_stage_chunk(slot, info->snd_portid, offset, nla_data(a[HIDS_A_MODEL_DATA]),
			       nla_len(a[HIDS_A_MODEL_DATA]), size, &maps,
			       &u.model, info->extack);
	/* The last chunk: the model and the slot's configuration, in one swap. */
	if (!ret && u.model) {
		u.exclusive = nla_get_flag(a[HIDS_A_EXCLUSIVE]);
		if (a[HIDS_A_MODEL_SOURCE])
			u.model_source = nla_data(a[HIDS_A_MODEL_SOURCE]);
		ret = parse_slot_config(info, &u) ?: hids_slot_update(slot, &u, info->extack);
		hids_kmodel_put(u.model);
	}
	ops_exit();
	return ret;
}

static int hids_nl_listen(struct sk_buff *skb, struct genl_info *info)
{
	/* The listen bits are the group indexes deliver.c masks with. */
	BUILD_BUG_ON(BIT(HIDS_MCGRP_TRACE_ID) != HIDS_LISTEN_TRACE);
	BUILD_BUG_ON(BIT(HIDS_MCGRP_ALERTS_ID) != HIDS_LISTEN_ALERTS);
	if (GENL_REQ_ATTR_CHECK(info, HIDS_A_LISTEN))
		return -EINVAL;
	return hids_listen(info->snd_portid, nla_get_u32(info->attrs[HIDS_A_LISTEN]),
			   info->extack);
}

static int hids_nl_unload_model(struct sk_buff *skb, struct genl_info *info)
{
	struct hids_slot_update u = { .has_model = true };

	if (GENL_REQ_ATTR_CHECK(info, HIDS_A_SLOT))
		return -EINVAL;
	return slot_update(info, &u);
}

static int put_selector(struct sk_buff *skb, const struct hids_slot_cfg *c)
{
	struct nlattr *nest;
	int ret = 0;

	if (c->sel == HIDS_SEL_UNSPEC)
		return 0;
	nest = nla_nest_start(skb, HIDS_A_SELECTOR);
	if (!nest)
		return -EMSGSIZE;
	switch (c->sel) {
	case HIDS_SEL_COMM:
		ret = nla_put_string(skb, HIDS_SEL_COMM, c->comm);
		break;
	case HIDS_SEL_PID:
		ret = nla_put_u32(skb, HIDS_SEL_PID, c->pid);
		break;
	case HIDS_SEL_CGROUP:
		ret = nla_put_string(skb, HIDS_SEL_CGROUP, c->cgroup_path);
		break;
	case HIDS_SEL_ALL:
		ret = nla_put_flag(skb, HIDS_SEL_ALL);
		break;
	case HIDS_SEL_EXE:
		ret = nla_put_string(skb, HIDS_SEL_EXE, c->exe_path);
		break;
	}
	if (ret) {
		nla_nest_cancel(skb, nest);
		return ret;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_detect(struct sk_buff *skb, const struct hids_slot_cfg *c)
{
	return nla_put_string(skb, HIDS_A_MODEL_NAME, c->model->name) ||
	       nla_put_u32(skb, HIDS_A_MODEL_CRC, c->model->crc) ||
	       (c->model_source && nla_put_string(skb, HIDS_A_MODEL_SOURCE, c->model_source)) ||
	       nla_put_u32(skb, HIDS_A_THRESH_WINDOW, c->thresh_window) ||
	       nla_put_u32(skb, HIDS_A_THRESH_RUNNING, c->thresh_running) ||
	       nla_put_u32(skb, HIDS_A_WINDOW, c->window) ||
	       nla_put_u32(skb, HIDS_A_MIN_CALLS, c->min_calls) ||
	       nla_put_u8(skb, HIDS_A_RESPONSE, c->response) ||
	       nla_put_u32(skb, HIDS_A_ALERT_INTERVAL, c->alert_interval_ms) ||
	       nla_put_u8(skb, HIDS_A_OVERFLOW, c->overflow);
}

/* The counters of one slot (read before RCU: reading takes a mutex). */
static int put_slot_stats(struct sk_buff *skb, const struct hids_stats *s, int slot)
{
	struct nlattr *nest = nla_nest_start(skb, HIDS_A_SLOT_STATS);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, HIDS_STAT_MONITORED, s->slot_monitored[slot], HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_SCORED, s->slot_scored[slot], HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_DROPPED, s->slot_dropped[slot], HIDS_STAT_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_STAT_ALERTS, s->slot_alerts[slot], HIDS_STAT_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_slot(struct sk_buff *skb, struct netlink_callback *cb, int slot,
		    const struct hids_stats *stats)
{
	const struct hids_slot_cfg *c;
	void *hdr;
	int ret;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &hids_family, NLM_F_MULTI, HIDS_CMD_GET_SLOT);
	if (!hdr)
		return -EMSGSIZE;
	rcu_read_lock();
	c = rcu_dereference(hids_slots[slot]);
	ret = nla_put_u32(skb, HIDS_A_SLOT, slot) ||
	      nla_put_u8(skb, HIDS_A_MODE, c ? c->mode : HIDS_MODE_OFF) ||
	      nla_put_u32(skb, HIDS_A_THREADS, hids_threads_in_slot(slot)) ||
	      nla_put_u32(skb, HIDS_A_MAX_THREADS, c ? c->max_threads : 0) ||
	      nla_put_u64_64bit(skb, HIDS_A_UNTRACKED, hids_untracked_count(slot), HIDS_A_PAD) ||
	      put_slot_stats(skb, stats, slot);
	if (!ret && c)
		ret = put_selector(skb, c) ?: put_spare(skb, c) ?:
		      (c->name[0] ? nla_put_string(skb, HIDS_A_SLOT_NAME, c->name) : 0);
	if (!ret && c && c->model)
		ret = put_detect(skb, c);
	rcu_read_unlock();
	if (ret) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* cb->args[0]: the next slot to send. */
static int hids_nl_get_slot(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct hids_stats *stats = hids_kzalloc(sizeof(*stats), GFP_KERNEL);
	int slot;

	if (!stats)
		return -ENOMEM;
	hids_stats_read(stats);
	for (slot = cb->args[0]; slot < HIDS_MAX_SLOTS; slot++) {
		if (put_slot(skb, cb, slot, stats))
			break;
	}
	hids_kfree(stats);
	cb->args[0] = slot;
	return skb->len;
}

static const struct nla_policy get_alerts_policy[HIDS_A_MAX + 1] = {
	[HIDS_A_ALERT_SINCE] = { .type = NLA_U64 },
};

/* The dump starts after HIDS_A_ALERT_SINCE (validated by the policy). */
static int hids_nl_get_alerts_start(struct netlink_callback *cb)
{
	const struct nlattr *since = nlmsg_find_attr(cb->nlh, GENL_HDRLEN, HIDS_A_ALERT_SINCE);

	cb->args[0] = since ? nla_get_u64(since) : 0;
	return 0;
}

static const struct nla_policy test_enforce_policy[HIDS_A_MAX + 1] = {
	[HIDS_A_ENFORCE_STEP] = NLA_POLICY_RANGE(NLA_U8, HIDS_ENFORCE_STEP_ARM,
						 HIDS_ENFORCE_STEP_FINISH),
};

static int hids_nl_test_enforce(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	u8 state;
	void *hdr;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, HIDS_A_ENFORCE_STEP))
		return -EINVAL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	ret = ops_enter(info);
	if (!ret) {
		ret = hids_enforce_test(nla_get_u8(info->attrs[HIDS_A_ENFORCE_STEP]), &state,
					info->extack);
		ops_exit();
	}
	if (ret)
		goto err;
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &hids_family, 0, HIDS_CMD_TEST_ENFORCE);
	if (!hdr || nla_put_u8(msg, HIDS_A_ENFORCE, state))
		goto err;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err:
	nlmsg_free(msg);
	return ret;
}

static const struct genl_ops hids_ops[] = {
	{
		.cmd = HIDS_CMD_GET_STATUS,
		.doit = hids_nl_get_status,
		.policy = no_attrs_policy,
		.maxattr = HIDS_A_MAX,
	},
	{
		.cmd = HIDS_CMD_RESET_STATS,
		.doit = hids_nl_reset_stats,
		.policy = no_attrs_policy,
		.maxattr = HIDS_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HIDS_CMD_SET_SLOT,
		.doit = hids_nl_set_slot,
		.policy = set_slot_policy,
		.maxattr = HIDS_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HIDS_CMD_GET_SLOT,
		.dumpit = hids_nl_get_slot,
		.policy = no_attrs_policy,
		.maxattr = HIDS_A_MAX,
		/* Selectors, thresholds and live scores help an attacker. */
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HIDS_CMD_LOAD_MODEL,
		.doit = hids_nl_load_model,
		.policy = load_model_policy,
		.maxattr = HIDS_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HIDS_CMD_UNLOAD_MODEL,
		.doit = hids_nl_unload_model,
		.policy = unload_model_policy,
		.maxattr = HIDS_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HIDS_CMD_LISTEN,
		.doit = hids_nl_listen,
		.policy = listen_policy,
		.maxattr = HIDS_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HIDS_CMD_GET_THREAD,
		.dumpit = hids_threads_dump,
		.policy = no_attrs_policy,
		.maxattr = HIDS_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HIDS_CMD_GET_ALERTS,
		.start = hids_nl_get_alerts_start,
		.dumpit = hids_alert_ring_dump,
		.policy = get_alerts_policy,
		.maxattr = HIDS_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = HIDS_CMD_TEST_ENFORCE,
		.doit = hids_nl_test_enforce,
		.policy = test_enforce_policy,
		.maxattr = HIDS_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group hids_mcgrps[] = {
	[HIDS_MCGRP_TRACE_ID] = { .name = HIDS_MCGRP_TRACE, HIDS_MCGRP_PRIVILEGED },
	[HIDS_MCGRP_ALERTS_ID] = { .name = HIDS_MCGRP_ALERTS, HIDS_MCGRP_PRIVILEGED },
};

struct genl_family hids_family __ro_after_init = {
	.name = HIDS_GENL_NAME,
	.version = FAMILY_VERSION,
	.maxattr = HIDS_A_MAX,
	.module = THIS_MODULE,
	.ops = hids_ops,
	.n_ops = ARRAY_SIZE(hids_ops),
	.mcgrps = hids_mcgrps,
	.n_mcgrps = ARRAY_SIZE(hids_mcgrps),
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
