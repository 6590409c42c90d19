// SPDX-License-Identifier: GPL-2.0
/* Generic netlink transport for hidsctl (libnl-genl-3). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/hids.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "ipc.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct ipc {
	struct nl_sock *sk;
	int family;
	int err;		/* errno of the last NLMSG_ERROR, 0 if none */
	char extack[256];
};

typedef int (*parse_fn)(struct nlattr **tb, void *arg);

struct request {
	struct ipc *ipc;
	parse_fn parse;
	void *arg;
	int parse_err;
};

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct request *req = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct nlattr *tlvs;
	int len;

	req->ipc->err = -e->error;
	req->ipc->extack[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	len = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		len += e->msg.nlmsg_len - NLMSG_HDRLEN;
	tlvs = (struct nlattr *)((char *)e + NLMSG_ALIGN(len));
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - NLMSG_ALIGN(len);
	if (len > 0 && !nla_parse(tb, NLMSGERR_ATTR_MAX, tlvs, len, NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(req->ipc->extack, sizeof(req->ipc->extack), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;
	struct nlattr *tb[HIDS_A_MAX + 1];
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, HIDS_A_MAX, NULL);
	if (ret < 0) {
		req->parse_err = -EBADMSG;
		return NL_SKIP;
	}
	if (req->parse) {
		ret = req->parse(tb, req->arg);
		if (ret && !req->parse_err)
			req->parse_err = ret;
	}
	return NL_OK;
}

/* Send one command and wait for its reply (or ACK); 0 or -errno. */
static int request(struct ipc *ipc, uint8_t cmd, parse_fn parse, void *arg)
{
	struct request req = { .ipc = ipc, .parse = parse, .arg = arg };
	struct nl_msg *msg;
	struct nl_cb *cb;
	int ret;

	ipc->err = 0;
	ipc->extack[0] = '\0';
	msg = nlmsg_alloc();
	cb = nl_cb_clone(nl_socket_get_cb(ipc->sk));
	if (!msg || !cb) {
		ret = -ENOMEM;
		goto out;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ipc->family, 0,
			 NLM_F_REQUEST | NLM_F_ACK, cmd, HIDS_GENL_VERSION)) {
		ret = -ENOMEM;
		goto out;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &req);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &req);
	ret = nl_send_auto(ipc->sk, msg);
	if (ret < 0) {
		ret = -EIO;
		goto out;
	}
	ret = nl_recvmsgs(ipc->sk, cb);
	if (ipc->err)
		ret = -ipc->err;
	else if (ret < 0)
		ret = -EIO;
	else
		ret = req.parse_err;
	/* A reply with data is followed by the ACK; consume it. */
	if (!ret && parse)
		nl_wait_for_ack(ipc->sk);
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return ret;
}

int ipc_open(struct ipc **out)
{
	struct ipc *ipc;
	int one = 1;
	int ret;

	ipc = calloc(1, sizeof(*ipc));
	if (!ipc)
		return -ENOMEM;
	ipc->sk = nl_socket_alloc();
	if (!ipc->sk) {
		ret = -ENOMEM;
		goto err_free;
	}
	if (genl_connect(ipc->sk)) {
		ret = -EIO;
		goto err_sock;
	}
	setsockopt(nl_socket_get_fd(ipc->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	ipc->family = genl_ctrl_resolve(ipc->sk, HIDS_GENL_NAME);
	if (ipc->family < 0) {
		ret = -ENOENT;
		goto err_sock;
	}
	*out = ipc;
	return 0;

err_sock:
	nl_socket_free(ipc->sk);
err_free:
	free(ipc);
	return ret;
}

void ipc_close(struct ipc *ipc)
{
	if (!ipc)
		return;
	nl_socket_free(ipc->sk);
	free(ipc);
}

const char *ipc_extack(const struct ipc *ipc)
{
	return ipc && ipc->extack[0] ? ipc->extack : NULL;
}

void ipc_perror(const struct ipc *ipc, const char *what, int err)
{
	const char *why = err == -ENOENT && !ipc ?
		"hids module not loaded (family \"" HIDS_GENL_NAME "\" not found)" :
		strerror(-err);

	if (ipc_extack(ipc))
		fprintf(stderr, "hidsctl: %s: %s (%s)\n", what, why, ipc_extack(ipc));
	else
		fprintf(stderr, "hidsctl: %s: %s\n", what, why);
}

static int parse_status(struct nlattr **tb, void *arg)
{
	struct ipc_status *st = arg;
	struct nlattr *stats[HIDS_STAT_MAX + 1];

	if (!tb[HIDS_A_VERSION] || !tb[HIDS_A_ABI_VERSION] || !tb[HIDS_A_STATS])
		return -EBADMSG;
	snprintf(st->version, sizeof(st->version), "%s", nla_get_string(tb[HIDS_A_VERSION]));
	st->abi_version = nla_get_u32(tb[HIDS_A_ABI_VERSION]);
	st->nr_cpus = tb[HIDS_A_NR_CPUS] ? nla_get_u32(tb[HIDS_A_NR_CPUS]) : 0;
	if (nla_parse_nested(stats, HIDS_STAT_MAX, tb[HIDS_A_STATS], NULL))
		return -EBADMSG;
	st->seen = stats[HIDS_STAT_SEEN] ? nla_get_u64(stats[HIDS_STAT_SEEN]) : 0;
	return 0;
}

int ipc_get_status(struct ipc *ipc, struct ipc_status *st)
{
	memset(st, 0, sizeof(*st));
	return request(ipc, HIDS_CMD_GET_STATUS, parse_status, st);
}

int ipc_reset_stats(struct ipc *ipc)
{
	return request(ipc, HIDS_CMD_RESET_STATS, NULL, NULL);
}
