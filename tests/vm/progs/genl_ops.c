// SPDX-License-Identifier: GPL-2.0
/*
 * genl_ops: probe the "hids" generic netlink family from a test.
 *   genl_ops list        print "CMD FLAGS" for every op the kernel reports
 *   genl_ops send CMD    send CMD with no attributes; print the result as
 *                        "OK" or the errno name (e.g. EPERM)
 *   genl_ops join GROUP  join a multicast group; print "OK" or the errno name
 *   genl_ops load SLOT FILE [CHUNK]
 *                        send FILE as a model in CHUNK-byte pieces (default
 *                        HIDS_MODEL_CHUNK) with an all-zero token map, bypassing
 *                        hidsctl's own checks; print "OK" or the errno name
 *                        and the kernel's extended ACK message
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include <linux/hids.h>

static int err_code;
static char extack[256];

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	int len = sizeof(*e);

	err_code = -e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		len += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (!nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + NLMSG_ALIGN(len)),
		       nlh->nlmsg_len - NLMSG_HDRLEN - NLMSG_ALIGN(len), NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(extack, sizeof(extack), "%s", nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

/* Send FILE to SLOT in chunks; 0 or the first errno. */
static int load(struct nl_sock *sk, int family, int slot, const char *path, long chunk)
{
	static uint16_t map[512];
	struct nl_msg *msg;
	long size, off, n;
	char *blob;
	FILE *f;

	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		return errno;
	blob = malloc(size ? size : 1);
	if (!blob || fread(blob, 1, size, f) != (size_t)size)
		return EIO;
	fclose(f);
	for (off = 0; off < size || !size; off += n) {
		n = size - off < chunk ? size - off : chunk;
		msg = nlmsg_alloc_size(chunk + 8192);
		if (!msg)
			return ENOMEM;
		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
			    HIDS_CMD_LOAD_MODEL, HIDS_GENL_VERSION);
		nla_put_u32(msg, HIDS_A_SLOT, slot);
		nla_put_u32(msg, HIDS_A_MODEL_OFFSET, off);
		if (nla_put(msg, HIDS_A_MODEL_DATA, n, blob + off) ||
		    (off == 0 && (nla_put_u32(msg, HIDS_A_MODEL_SIZE, size) ||
				  nla_put(msg, HIDS_A_TOKEN_MAP, sizeof(map), map))))
			return EMSGSIZE;
		err_code = 0;
		if (nl_send_auto(sk, msg) < 0)
			return EIO;
		nlmsg_free(msg);
		nl_recvmsgs_default(sk);
		if (err_code || !size)
			return err_code;
	}
	return 0;
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
	case EBADMSG: return "EBADMSG";
	case ERANGE: return "ERANGE";
	case EFBIG: return "EFBIG";
	case EMSGSIZE: return "EMSGSIZE";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case EPROTO: return "EPROTO";
	default: return strerror(e);
	}
}

int main(int argc, char **argv)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg = nlmsg_alloc();
	int family, ret;

	if (!sk || !msg || genl_connect(sk) || nl_socket_set_buffer_size(sk, 1 << 20, 1 << 20))
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
	} else if ((argc == 4 || argc == 5) && !strcmp(argv[1], "load")) {
		int one = 1;

		setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
		setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
		family = genl_ctrl_resolve(sk, HIDS_GENL_NAME);
		nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_error, NULL);
		nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, on_ack, NULL);
		ret = load(sk, family, atoi(argv[2]), argv[3], argc == 5 ? atol(argv[4]) : HIDS_MODEL_CHUNK);
		printf("%s%s%s\n", errname(ret), extack[0] ? ": " : "", extack);
		return 0;
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
