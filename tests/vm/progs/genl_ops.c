// SPDX-License-Identifier: GPL-2.0
/*
 * genl_ops: probe the "hids" generic netlink family from a test.
 *   genl_ops list        print "CMD FLAGS" for every op the kernel reports
 *   genl_ops send CMD    send CMD with no attributes; print the result as
 *                        "OK" or the errno name (e.g. EPERM)
 *   genl_ops join GROUP  join a multicast group; print "OK" or the errno name
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include <linux/hids.h>

static int err_code;

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	err_code = -e->error;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	return NL_STOP;
}

static int print_ops(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *op, *o[CTRL_ATTR_OP_MAX + 1];
	int rem;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL) || !tb[CTRL_ATTR_OPS])
		return NL_SKIP;
	nla_for_each_nested(op, tb[CTRL_ATTR_OPS], rem) {
		if (nla_parse_nested(o, CTRL_ATTR_OP_MAX, op, NULL) || !o[CTRL_ATTR_OP_ID])
			continue;
		printf("%u %u\n", nla_get_u32(o[CTRL_ATTR_OP_ID]),
		       o[CTRL_ATTR_OP_FLAGS] ? nla_get_u32(o[CTRL_ATTR_OP_FLAGS]) : 0);
	}
	return NL_OK;
}

static const char *errname(int e)
{
	switch (e) {
	case 0: return "OK";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOENT: return "ENOENT";
	default: return strerror(e);
	}
}

int main(int argc, char **argv)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg = nlmsg_alloc();
	int family, ret;

	if (!sk || !msg || genl_connect(sk))
		return 1;
	if (argc == 2 && !strcmp(argv[1], "list")) {
		family = genl_ctrl_resolve(sk, "nlctrl");
		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
			    CTRL_CMD_GETFAMILY, 1);
		nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, HIDS_GENL_NAME);
		nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, print_ops, NULL);
	} else if (argc == 3 && !strcmp(argv[1], "send")) {
		family = genl_ctrl_resolve(sk, HIDS_GENL_NAME);
		if (family < 0) {
			printf("ENOENT\n");
			return 1;
		}
		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
			    atoi(argv[2]), HIDS_GENL_VERSION);
	} else if (argc == 3 && !strcmp(argv[1], "join")) {
		ret = genl_ctrl_resolve_grp(sk, HIDS_GENL_NAME, argv[2]);
		if (ret < 0) {
			printf("ENOENT\n");
			return 1;
		}
		ret = nl_socket_add_membership(sk, ret);
		printf("%s\n", !ret ? "OK" : ret == -NLE_PERM ? "EPERM" : nl_geterror(ret));
		return 0;
	} else {
		fprintf(stderr, "usage: genl_ops list | genl_ops send CMD | genl_ops join GROUP\n");
		return 2;
	}
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_error, NULL);
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, on_ack, NULL);
	if (nl_send_auto(sk, msg) < 0)
		return 1;
	ret = nl_recvmsgs_default(sk);
	if (argc == 3)
		printf("%s\n", errname(err_code));
	return ret < 0 && !err_code ? 1 : 0;
}
