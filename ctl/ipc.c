// SPDX-License-Identifier: GPL-2.0
/* Generic netlink transport for hidsctl (libnl-genl-3). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/hids.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "ipc.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define DUMP_RETRIES 10
#define LISTEN_RCVBUF (16 << 20)
#define LISTEN_MSG_MAX (256 << 10)

/* The family version of a module ipc_open() refused (-EPROTONOSUPPORT). */
static int module_genl_version = -1;

struct ipc {
	struct nl_sock *sk;
	struct nl_sock *listen_sk;
	uint32_t listen_mask;	/* HIDS_LISTEN_* asked for on listen_sk */
	uint32_t joined;	/* HIDS_LISTEN_* of the groups ipc_join() joined */
	int family;
	int err;		/* errno of the last NLMSG_ERROR, 0 if none */
	char extack[256];
};

typedef int (*build_fn)(struct nl_msg *msg, const void *arg);
typedef int (*parse_fn)(struct nlattr **tb, void *arg);

struct request {
	struct ipc *ipc;
	parse_fn parse;
	void *arg;
	int parse_err;
	bool interrupted;
	bool done;		/* ACK, error or end of dump seen */
};

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct request *req = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct nlattr *tlvs;
	int len;

	req->ipc->err = -e->error;
	req->done = true;
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

	if (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP_INTR)
		req->interrupted = true;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, HIDS_A_MAX, NULL) < 0) {
		req->parse_err = -EBADMSG;
		return NL_SKIP;
	}
	if (req->parse && !req->parse_err) {
		ret = req->parse(tb, req->arg);
		if (ret)
			req->parse_err = ret;
	}
	return NL_OK;
}

/* Dump replies end with NLMSG_DONE, which may carry an error too. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int *err = nlmsg_data(nlh);

	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int) && *err < 0)
		req->ipc->err = -*err;
	req->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	req->done = true;
	return NL_STOP;
}

/*
 * Send one command (built by build, may be NULL) and hand each reply
 * message to parse.  flags adds to the request's netlink flags (NLM_F_DUMP:
 * the command is a dump, and *interrupted tells whether the kernel flagged
 * it inconsistent).
 */
static int request(struct ipc *ipc, uint8_t cmd, int flags, build_fn build,
		   const void *barg, parse_fn parse, void *parg, bool *interrupted)
{
	struct request req = { .ipc = ipc, .parse = parse, .arg = parg };
	struct nl_msg *msg;
	struct nl_cb *cb;
	int ret;

	ipc->err = 0;
	ipc->extack[0] = '\0';
	/*
	 * Room for a model chunk, the token maps and a slot's configuration
	 * with its paths (libnl's default: a page).
	 */
	msg = nlmsg_alloc_size(HIDS_MODEL_CHUNK + HIDS_CALL_ABIS * HIDS_MAX_SYSCALLS * 2 +
			       (HIDS_MAX_SPARE + 4) * HIDS_CGROUP_PATH_MAX);
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!msg || !cb) {
		ret = -ENOMEM;
		goto out;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ipc->family, 0,
			 NLM_F_REQUEST | NLM_F_ACK | flags,
			 cmd, HIDS_GENL_VERSION)) {
		ret = -ENOMEM;
		goto out;
	}
	if (build) {
		ret = build(msg, barg);
		if (ret)
			goto out;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &req);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &req);
	if (nl_send_auto(ipc->sk, msg) < 0) {
		ret = -EIO;
		goto out;
	}
	/* Until the ACK, the error, or the end of the dump. */
	do {
		ret = nl_recvmsgs(ipc->sk, cb);
	} while (ret >= 0 && !req.done);
	if (ipc->err)
		ret = -ipc->err;
	else if (ret < 0)
		ret = -EIO;
	else
		ret = req.parse_err;
	if (interrupted)
		*interrupted = req.interrupted;
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return ret;
}

/* The version the hids family was registered with. */
static int family_version(struct nl_sock *sk)
{
	struct genl_family *fam;
	struct nl_cache *cache;
	int ver;

	if (genl_ctrl_alloc_cache(sk, &cache))
		return -EIO;
	fam = genl_ctrl_search_by_name(cache, HIDS_GENL_NAME);
	ver = fam ? (int)genl_family_get_version(fam) : -ENOENT;
	if (fam)
		genl_family_put(fam);
	nl_cache_free(cache);
	return ver;
}

/* The family's id, and whether this hidsctl speaks its version. */
static int resolve_family(struct ipc *ipc, bool any_version)
{
	int ver;

	/* By name first: only that request makes the kernel autoload hids. */
	ipc->family = genl_ctrl_resolve(ipc->sk, HIDS_GENL_NAME);
	if (ipc->family < 0)
		return -ENOENT;
	ver = family_version(ipc->sk);
	if (ver < 0)
		return ver;
	if (ver != HIDS_GENL_VERSION && !any_version) {
		module_genl_version = ver;
		return -EPROTONOSUPPORT;
	}
	return 0;
}

static int open_family(struct ipc **out, bool any_version)
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
	/* libnl's default 32 KiB send buffer cannot hold one model chunk. */
	if (genl_connect(ipc->sk) || nl_socket_set_buffer_size(ipc->sk, 1 << 20, 1 << 20)) {
		ret = -EIO;
		goto err_sock;
	}
	setsockopt(nl_socket_get_fd(ipc->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	/* Errors must not echo a 64 KiB model chunk back at us. */
	setsockopt(nl_socket_get_fd(ipc->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	ret = resolve_family(ipc, any_version);
	if (ret)
		goto err_sock;
	*out = ipc;
	return 0;

err_sock:
	nl_socket_free(ipc->sk);
err_free:
	free(ipc);
	return ret;
}

int ipc_open(struct ipc **out)
{
	return open_family(out, false);
}

int ipc_open_any_version(struct ipc **out)
{
	return open_family(out, true);
}

void ipc_close(struct ipc *ipc)
{
	if (!ipc)
		return;
	if (ipc->listen_sk)
		nl_socket_free(ipc->listen_sk);
	nl_socket_free(ipc->sk);
	free(ipc);
}

const char *ipc_extack(const struct ipc *ipc)
{
	return ipc && ipc->extack[0] ? ipc->extack : NULL;
}

void ipc_perror(const struct ipc *ipc, const char *what, int err)
{
	const char *why;

	if (err == -EPROTONOSUPPORT && module_genl_version >= 0) {
		fprintf(stderr, "hidsctl: %s: the hids module speaks netlink version %d, this "
			"hidsctl (%s) version %d: use the hidsctl of the module's release "
			"(modinfo -F version hids)\n", what, module_genl_version, HIDS_VERSION,
			HIDS_GENL_VERSION);
		return;
	}
	why = err == -ENOENT && !ipc ?
		"hids module not loaded (family \"" HIDS_GENL_NAME "\" not found)" :
		err == -EPERM ? "Operation not permitted (needs CAP_NET_ADMIN)" :
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
	int i;

	if (!tb[HIDS_A_VERSION] || !tb[HIDS_A_ABI_VERSION] || !tb[HIDS_A_STATS])
		return -EBADMSG;
	snprintf(st->version, sizeof(st->version), "%s", nla_get_string(tb[HIDS_A_VERSION]));
	st->abi_version = nla_get_u32(tb[HIDS_A_ABI_VERSION]);
	st->nr_cpus = tb[HIDS_A_NR_CPUS] ? nla_get_u32(tb[HIDS_A_NR_CPUS]) : 0;
	/* A module from before HIDS_A_DELIVERY multicasts. */
	st->delivery = tb[HIDS_A_DELIVERY] ? nla_get_u8(tb[HIDS_A_DELIVERY]) :
		       HIDS_DELIVERY_MULTICAST;
	st->alert_seq = tb[HIDS_A_ALERT_SEQ] ? nla_get_u64(tb[HIDS_A_ALERT_SEQ]) : 0;
	st->enforce = tb[HIDS_A_ENFORCE] ? nla_get_u8(tb[HIDS_A_ENFORCE]) :
		      HIDS_ENFORCE_UNAVAILABLE;
	if (nla_parse_nested(stats, HIDS_STAT_MAX, tb[HIDS_A_STATS], NULL))
		return -EBADMSG;
	for (i = 1; i <= HIDS_STAT_MAX; i++) {
		if (stats[i] && nla_len(stats[i]) == sizeof(uint64_t))
			st->stats[i] = nla_get_u64(stats[i]);
	}
	return 0;
}

int ipc_get_status(struct ipc *ipc, struct ipc_status *st)
{
	memset(st, 0, sizeof(*st));
	return request(ipc, HIDS_CMD_GET_STATUS, 0, NULL, NULL, parse_status, st, NULL);
}

int ipc_reset_stats(struct ipc *ipc)
{
	return request(ipc, HIDS_CMD_RESET_STATS, 0, NULL, NULL, NULL, NULL, NULL);
}

static int put_selector(struct nl_msg *msg, const struct ipc_selector *sel)
{
	struct nlattr *nest = nla_nest_start(msg, HIDS_A_SELECTOR);

	if (!nest)
		return -EMSGSIZE;
	switch (sel->kind) {
	case HIDS_SEL_COMM:
		NLA_PUT_STRING(msg, HIDS_SEL_COMM, sel->comm);
		break;
	case HIDS_SEL_PID:
		NLA_PUT_U32(msg, HIDS_SEL_PID, sel->pid);
		break;
	case HIDS_SEL_CGROUP:
		NLA_PUT_STRING(msg, HIDS_SEL_CGROUP, sel->path);
		break;
	case HIDS_SEL_EXE:
		NLA_PUT_STRING(msg, HIDS_SEL_EXE, sel->path);
		break;
	case HIDS_SEL_ALL:
		NLA_PUT_FLAG(msg, HIDS_SEL_ALL);
		break;
	}
	nla_nest_end(msg, nest);
	return 0;

nla_put_failure:
	return -EMSGSIZE;
}

/* The configuration attributes of u (SET_SLOT, LOAD_MODEL's last chunk). */
static int put_slot_config(struct nl_msg *msg, const struct ipc_slot_update *u)
{
	if (u->name)
		NLA_PUT_STRING(msg, HIDS_A_SLOT_NAME, u->name);
	if (u->has_mode)
		NLA_PUT_U8(msg, HIDS_A_MODE, u->mode);
	if (u->has_thresh_window)
		NLA_PUT_U32(msg, HIDS_A_THRESH_WINDOW, u->thresh_window);
	if (u->has_thresh_running)
		NLA_PUT_U32(msg, HIDS_A_THRESH_RUNNING, u->thresh_running);
	if (u->has_window)
		NLA_PUT_U32(msg, HIDS_A_WINDOW, u->window);
	if (u->has_min_calls)
		NLA_PUT_U32(msg, HIDS_A_MIN_CALLS, u->min_calls);
	if (u->has_response)
		NLA_PUT_U8(msg, HIDS_A_RESPONSE, u->response);
	if (u->has_overflow)
		NLA_PUT_U8(msg, HIDS_A_OVERFLOW, u->overflow);
	if (u->has_alert_interval)
		NLA_PUT_U32(msg, HIDS_A_ALERT_INTERVAL, u->alert_interval);
	if (u->has_max_threads)
		NLA_PUT_U32(msg, HIDS_A_MAX_THREADS, u->max_threads);
	if (u->has_spare && !u->nr_spare) {
		/* Empty: nla_nest_end() would drop the attribute, not send it. */
		if (nla_put(msg, NLA_F_NESTED | HIDS_A_SPARE, 0, NULL))
			return -EMSGSIZE;
	} else if (u->has_spare) {
		struct nlattr *nest = nla_nest_start(msg, HIDS_A_SPARE);
		size_t i;

		if (!nest)
			return -EMSGSIZE;
		for (i = 0; i < u->nr_spare; i++)
			NLA_PUT_STRING(msg, HIDS_SPARE_EXE, u->spare[i]);
		nla_nest_end(msg, nest);
	}
	if (u->has_sel)
		return put_selector(msg, &u->sel);
	return 0;

nla_put_failure:
	return -EMSGSIZE;
}

static int build_set_slot(struct nl_msg *msg, const void *arg)
{
	const struct ipc_slot_update *u = arg;

	NLA_PUT_U32(msg, HIDS_A_SLOT, u->slot);
	return put_slot_config(msg, u);

nla_put_failure:
	return -EMSGSIZE;
}

static int build_step(struct nl_msg *msg, const void *arg)
{
	NLA_PUT_U8(msg, HIDS_A_ENFORCE_STEP, *(const uint8_t *)arg);
	return 0;

nla_put_failure:
	return -EMSGSIZE;
}

static int parse_enforce(struct nlattr **tb, void *arg)
{
	if (!tb[HIDS_A_ENFORCE])
		return -EBADMSG;
	*(uint8_t *)arg = nla_get_u8(tb[HIDS_A_ENFORCE]);
	return 0;
}

int ipc_test_enforce(struct ipc *ipc, uint8_t *state)
{
	uint8_t step = HIDS_ENFORCE_STEP_ARM;
	int ret;

	ret = request(ipc, HIDS_CMD_TEST_ENFORCE, 0, build_step, &step, parse_enforce, state,
		      NULL);
	if (ret || *state != HIDS_ENFORCE_UNTESTED)
		return ret;
	/* The call the armed test changes: skipped, it returns ENOSYS. */
	syscall(SYS_getppid);
	step = HIDS_ENFORCE_STEP_FINISH;
	return request(ipc, HIDS_CMD_TEST_ENFORCE, 0, build_step, &step, parse_enforce, state,
		       NULL);
}

/* A response of enforce needs the module's test first. */
static int enforce_tested(struct ipc *ipc, const struct ipc_slot_update *u)
{
	uint8_t state;

	if (!u->has_response || u->response != HIDS_RESPONSE_ENFORCE)
		return 0;
	return ipc_test_enforce(ipc, &state);
}

int ipc_set_slot(struct ipc *ipc, const struct ipc_slot_update *u)
{
	return enforce_tested(ipc, u) ?:
	       request(ipc, HIDS_CMD_SET_SLOT, 0, build_set_slot, u, NULL, NULL, NULL);
}

struct chunk {
	uint32_t slot, offset, size;
	const void *data;
	size_t len;
	const struct ipc_token_maps *maps;
	bool exclusive;		/* HIDS_A_EXCLUSIVE: never replace */
	const struct ipc_slot_update *config;	/* for the last chunk */
	const char *source;
};

/* The token map attribute of each enum hids_call_abi. */
static const int token_map_attr[HIDS_CALL_ABIS] = {
	[HIDS_CALL_NATIVE] = HIDS_A_TOKEN_MAP,
	[HIDS_CALL_I386] = HIDS_A_TOKEN_MAP_I386,
	[HIDS_CALL_X32] = HIDS_A_TOKEN_MAP_X32,
	[HIDS_CALL_IO_URING] = HIDS_A_TOKEN_MAP_IO_URING,
};

static int build_chunk(struct nl_msg *msg, const void *arg)
{
	const struct chunk *c = arg;
	int a;

	NLA_PUT_U32(msg, HIDS_A_SLOT, c->slot);
	NLA_PUT_U32(msg, HIDS_A_MODEL_OFFSET, c->offset);
	NLA_PUT(msg, HIDS_A_MODEL_DATA, c->len, c->data);
	if (c->exclusive)
		NLA_PUT_FLAG(msg, HIDS_A_EXCLUSIVE);
	if (c->offset + c->len == c->size) {
		if (c->source)
			NLA_PUT_STRING(msg, HIDS_A_MODEL_SOURCE, c->source);
		if (put_slot_config(msg, c->config))
			return -EMSGSIZE;
	}
	if (c->offset == 0) {
		NLA_PUT_U32(msg, HIDS_A_MODEL_SIZE, c->size);
		for (a = 0; a < HIDS_CALL_ABIS; a++)
			NLA_PUT(msg, token_map_attr[a], c->maps->len[a] * sizeof(uint16_t),
				c->maps->map[a]);
	}
	return 0;

nla_put_failure:
	return -EMSGSIZE;
}

int ipc_load_model(struct ipc *ipc, const struct ipc_slot_update *u, const void *blob,
		   size_t len, const char *source, const struct ipc_token_maps *maps,
		   bool replace)
{
	struct chunk c = { .slot = u->slot, .size = len, .maps = maps, .exclusive = !replace,
			   .config = u, .source = source };
	size_t off;
	int ret = 0;

	if (!len || len > HIDS_MODEL_MAX)
		return -EFBIG;
	ret = enforce_tested(ipc, u);
	for (off = 0; off < len && !ret; off += c.len) {
		c.offset = off;
		c.data = (const char *)blob + off;
		c.len = len - off < HIDS_MODEL_CHUNK ? len - off : HIDS_MODEL_CHUNK;
		ret = request(ipc, HIDS_CMD_LOAD_MODEL, 0, build_chunk, &c, NULL, NULL, NULL);
	}
	return ret;
}

static int build_slot(struct nl_msg *msg, const void *arg)
{
	NLA_PUT_U32(msg, HIDS_A_SLOT, *(const uint32_t *)arg);
	return 0;

nla_put_failure:
	return -EMSGSIZE;
}

int ipc_unload_model(struct ipc *ipc, uint32_t slot)
{
	return request(ipc, HIDS_CMD_UNLOAD_MODEL, 0, build_slot, &slot, NULL, NULL, NULL);
}

static void parse_selector(struct nlattr *nest, struct ipc_selector *sel)
{
	struct nlattr *tb[HIDS_SEL_MAX + 1];

	memset(sel, 0, sizeof(*sel));
	if (!nest || nla_parse_nested(tb, HIDS_SEL_MAX, nest, NULL))
		return;
	if (tb[HIDS_SEL_COMM]) {
		sel->kind = HIDS_SEL_COMM;
		snprintf(sel->comm, sizeof(sel->comm), "%s", nla_get_string(tb[HIDS_SEL_COMM]));
	} else if (tb[HIDS_SEL_PID]) {
		sel->kind = HIDS_SEL_PID;
		sel->pid = nla_get_u32(tb[HIDS_SEL_PID]);
	} else if (tb[HIDS_SEL_CGROUP]) {
		sel->kind = HIDS_SEL_CGROUP;
		snprintf(sel->path, sizeof(sel->path), "%s", nla_get_string(tb[HIDS_SEL_CGROUP]));
	} else if (tb[HIDS_SEL_EXE]) {
		sel->kind = HIDS_SEL_EXE;
		snprintf(sel->path, sizeof(sel->path), "%s", nla_get_string(tb[HIDS_SEL_EXE]));
	} else if (tb[HIDS_SEL_ALL]) {
		sel->kind = HIDS_SEL_ALL;
	}
}

struct vec {
	void *items;
	size_t n, cap, size;
};

static void *vec_push(struct vec *v)
{
	void *p;

	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 16;

		p = realloc(v->items, cap * v->size);
		if (!p)
			return NULL;
		v->items = p;
		v->cap = cap;
	}
	p = (char *)v->items + v->n++ * v->size;
	memset(p, 0, v->size);
	return p;
}

static int parse_slot(struct nlattr **tb, void *arg)
{
	struct ipc_slot *s = vec_push(arg);

	if (!s)
		return -ENOMEM;
	if (!tb[HIDS_A_SLOT] || !tb[HIDS_A_MODE] ||
	    (tb[HIDS_A_MODEL_NAME] && (!tb[HIDS_A_THRESH_WINDOW] || !tb[HIDS_A_THRESH_RUNNING] ||
				       !tb[HIDS_A_WINDOW] || !tb[HIDS_A_MIN_CALLS] ||
				       !tb[HIDS_A_ALERT_INTERVAL] || !tb[HIDS_A_RESPONSE] ||
				       !tb[HIDS_A_OVERFLOW])))
		return -EBADMSG;
	s->slot = nla_get_u32(tb[HIDS_A_SLOT]);
	s->mode = nla_get_u8(tb[HIDS_A_MODE]);
	s->threads = tb[HIDS_A_THREADS] ? nla_get_u32(tb[HIDS_A_THREADS]) : 0;
	s->max_threads = tb[HIDS_A_MAX_THREADS] ? nla_get_u32(tb[HIDS_A_MAX_THREADS]) : 0;
	s->untracked = tb[HIDS_A_UNTRACKED] ? nla_get_u64(tb[HIDS_A_UNTRACKED]) : 0;
	if (tb[HIDS_A_SPARE]) {
		struct nlattr *a;
		size_t n = 0;
		int rem;

		nla_for_each_nested(a, tb[HIDS_A_SPARE], rem) {
			if (n >= sizeof(s->spare) - 1)
				break;
			n += snprintf(s->spare + n, sizeof(s->spare) - n, "%s%s", n ? "," : "",
				      nla_get_string(a));
		}
	}
	parse_selector(tb[HIDS_A_SELECTOR], &s->sel);
	if (tb[HIDS_A_SLOT_NAME])
		snprintf(s->name, sizeof(s->name), "%s", nla_get_string(tb[HIDS_A_SLOT_NAME]));
	if (tb[HIDS_A_MODEL_SOURCE])
		snprintf(s->model_source, sizeof(s->model_source), "%s",
			 nla_get_string(tb[HIDS_A_MODEL_SOURCE]));
	if (tb[HIDS_A_MODEL_CRC])
		s->model_crc = nla_get_u32(tb[HIDS_A_MODEL_CRC]);
	if (tb[HIDS_A_SLOT_STATS]) {
		struct nlattr *st[HIDS_STAT_MAX + 1];

		if (nla_parse_nested(st, HIDS_STAT_MAX, tb[HIDS_A_SLOT_STATS], NULL))
			return -EBADMSG;
		s->monitored = st[HIDS_STAT_MONITORED] ? nla_get_u64(st[HIDS_STAT_MONITORED]) : 0;
		s->scored = st[HIDS_STAT_SCORED] ? nla_get_u64(st[HIDS_STAT_SCORED]) : 0;
		s->dropped = st[HIDS_STAT_DROPPED] ? nla_get_u64(st[HIDS_STAT_DROPPED]) : 0;
		s->alerts = st[HIDS_STAT_ALERTS] ? nla_get_u64(st[HIDS_STAT_ALERTS]) : 0;
	}
	if (tb[HIDS_A_MODEL_NAME]) {
		snprintf(s->model, sizeof(s->model), "%s", nla_get_string(tb[HIDS_A_MODEL_NAME]));
		s->thresh_window = nla_get_u32(tb[HIDS_A_THRESH_WINDOW]);
		s->thresh_running = nla_get_u32(tb[HIDS_A_THRESH_RUNNING]);
		s->window = nla_get_u32(tb[HIDS_A_WINDOW]);
		s->min_calls = nla_get_u32(tb[HIDS_A_MIN_CALLS]);
		s->alert_interval = nla_get_u32(tb[HIDS_A_ALERT_INTERVAL]);
		s->response = nla_get_u8(tb[HIDS_A_RESPONSE]);
		s->overflow = nla_get_u8(tb[HIDS_A_OVERFLOW]);
	}
	return 0;
}

static int parse_thread(struct nlattr **tb, void *arg)
{
	struct nlattr *a[HIDS_THREAD_MAX + 1];
	struct ipc_thread *t = vec_push(arg);

	if (!t)
		return -ENOMEM;
	if (!tb[HIDS_A_THREAD] || nla_parse_nested(a, HIDS_THREAD_MAX, tb[HIDS_A_THREAD], NULL) ||
	    !a[HIDS_THREAD_TID] || !a[HIDS_THREAD_SLOT])
		return -EBADMSG;
	t->tid = nla_get_u32(a[HIDS_THREAD_TID]);
	t->pid = a[HIDS_THREAD_PID] ? nla_get_u32(a[HIDS_THREAD_PID]) : 0;
	t->slot = nla_get_u32(a[HIDS_THREAD_SLOT]);
	t->calls = a[HIDS_THREAD_CALLS] ? nla_get_u64(a[HIDS_THREAD_CALLS]) : 0;
	if (a[HIDS_THREAD_COMM])
		snprintf(t->comm, sizeof(t->comm), "%s", nla_get_string(a[HIDS_THREAD_COMM]));
	if (a[HIDS_THREAD_STEPS] && a[HIDS_THREAD_SCORE_SUM] && a[HIDS_THREAD_WINDOW_SCORE] &&
	    a[HIDS_THREAD_RUNNING_SCORE] && a[HIDS_THREAD_DROPS]) {
		t->scored = true;
		t->steps = nla_get_u64(a[HIDS_THREAD_STEPS]);
		t->score_sum = nla_get_u64(a[HIDS_THREAD_SCORE_SUM]);
		t->drops = nla_get_u64(a[HIDS_THREAD_DROPS]);
		t->window_score = nla_get_u32(a[HIDS_THREAD_WINDOW_SCORE]);
		t->running_score = nla_get_u32(a[HIDS_THREAD_RUNNING_SCORE]);
	}
	return 0;
}

/* A dump the kernel flags as interrupted (objects came or went) is redone. */
static int dump(struct ipc *ipc, uint8_t cmd, parse_fn parse, size_t size,
		void **items, size_t *n)
{
	struct vec v = { .size = size };
	bool interrupted = true;
	int tries, ret = 0;

	for (tries = 0; interrupted && tries < DUMP_RETRIES; tries++) {
		v.n = 0;
		ret = request(ipc, cmd, NLM_F_DUMP, NULL, NULL, parse, &v, &interrupted);
		if (ret)
			break;
	}
	if (!ret && interrupted)
		ret = -EAGAIN;
	if (ret) {
		free(v.items);
		return ret;
	}
	*items = v.items;
	*n = v.n;
	return 0;
}

int ipc_get_slots(struct ipc *ipc, struct ipc_slot **slots, size_t *n)
{
	return dump(ipc, HIDS_CMD_GET_SLOT, parse_slot, sizeof(**slots), (void **)slots, n);
}

int ipc_get_threads(struct ipc *ipc, struct ipc_thread **threads, size_t *n)
{
	return dump(ipc, HIDS_CMD_GET_THREAD, parse_thread, sizeof(**threads),
		    (void **)threads, n);
}

/*
 * Ask for the messages of mask on the listening socket, without an ACK: an
 * alert the kernel sends right after must not be taken for it.
 */
static int listen_for(struct ipc *ipc, uint32_t mask)
{
	struct nl_msg *msg = nlmsg_alloc();
	int ret = -EMSGSIZE;

	if (!msg)
		return -ENOMEM;
	if (genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ipc->family, 0, 0, HIDS_CMD_LISTEN,
			HIDS_GENL_VERSION) && !nla_put_u32(msg, HIDS_A_LISTEN, mask))
		ret = nl_send_auto(ipc->listen_sk, msg) < 0 ? -EIO : 0;
	nlmsg_free(msg);
	return ret;
}

int ipc_join(struct ipc *ipc, const char *group)
{
	int grp, size = LISTEN_RCVBUF, ret;
	struct ipc_status st;
	uint32_t bit;

	if (!ipc->listen_sk) {
		ipc->listen_sk = nl_socket_alloc();
		if (!ipc->listen_sk)
			return -ENOMEM;
		if (genl_connect(ipc->listen_sk))
			return -EIO;
		/* A trace batch is far larger than libnl's page-sized buffer. */
		if (nl_socket_set_msg_buf_size(ipc->listen_sk, LISTEN_MSG_MAX))
			return -ENOMEM;
		/* Privileged callers may exceed rmem_max; others get what they can. */
		if (setsockopt(nl_socket_get_fd(ipc->listen_sk), SOL_SOCKET, SO_RCVBUFFORCE,
			       &size, sizeof(size)))
			setsockopt(nl_socket_get_fd(ipc->listen_sk), SOL_SOCKET, SO_RCVBUF,
				   &size, sizeof(size));
	}
	ret = ipc_get_status(ipc, &st);
	if (ret)
		return ret;
	bit = strcmp(group, HIDS_MCGRP_TRACE) ? HIDS_LISTEN_ALERTS : HIDS_LISTEN_TRACE;
	ipc->joined |= bit;
	if (st.delivery == HIDS_DELIVERY_UNICAST) {
		ipc->listen_mask |= bit;
		return listen_for(ipc, ipc->listen_mask);
	}
	grp = genl_ctrl_resolve_grp(ipc->sk, HIDS_GENL_NAME, group);
	if (grp < 0)
		return -ENOENT;
	if (setsockopt(nl_socket_get_fd(ipc->listen_sk), SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
		       &grp, sizeof(grp)))
		return -errno;
	return 0;
}

struct listen_ctx {
	const struct ipc_listener *l;
	int err;
};

static int parse_trace(struct nlattr **tb, const struct ipc_listener *l)
{
	struct ipc_trace_batch b;

	if (!tb[HIDS_A_TRACE_CPU] || !tb[HIDS_A_TRACE_SEQ] || !tb[HIDS_A_TRACE_DROPPED] ||
	    !tb[HIDS_A_TRACE_EVENTS] ||
	    nla_len(tb[HIDS_A_TRACE_EVENTS]) % sizeof(struct hids_trace_event))
		return -EBADMSG;
	b.cpu = nla_get_u32(tb[HIDS_A_TRACE_CPU]);
	b.seq = nla_get_u64(tb[HIDS_A_TRACE_SEQ]);
	b.dropped = nla_get_u64(tb[HIDS_A_TRACE_DROPPED]);
	b.events = nla_data(tb[HIDS_A_TRACE_EVENTS]);
	b.n = nla_len(tb[HIDS_A_TRACE_EVENTS]) / sizeof(struct hids_trace_event);
	return l->trace ? l->trace(&b, l->arg) : 0;
}

static int parse_alert(struct nlattr **tb, const struct ipc_listener *l)
{
	struct nlattr *a[HIDS_ALERT_MAX + 1], *call;
	static struct ipc_alert al;	/* 8 KiB of paths: not on the stack */
	int rem;

	memset(&al, 0, sizeof(al));
	if (!tb[HIDS_A_ALERT] || nla_parse_nested(a, HIDS_ALERT_MAX, tb[HIDS_A_ALERT], NULL) ||
	    !a[HIDS_ALERT_TIME] || !a[HIDS_ALERT_PID] || !a[HIDS_ALERT_TID] ||
	    !a[HIDS_ALERT_SCORE] || !a[HIDS_ALERT_THRESHOLD])
		return -EBADMSG;
	al.time_ns = nla_get_u64(a[HIDS_ALERT_TIME]);
	if (a[HIDS_ALERT_SEQ])
		al.seq = nla_get_u64(a[HIDS_ALERT_SEQ]);
	if (a[HIDS_ALERT_PPID])
		al.ppid = nla_get_u32(a[HIDS_ALERT_PPID]);
	if (a[HIDS_ALERT_UID])
		al.uid = nla_get_u32(a[HIDS_ALERT_UID]);
	if (a[HIDS_ALERT_EXE])
		snprintf(al.exe, sizeof(al.exe), "%s", nla_get_string(a[HIDS_ALERT_EXE]));
	if (a[HIDS_ALERT_CGROUP_PATH])
		snprintf(al.cgroup_path, sizeof(al.cgroup_path), "%s",
			 nla_get_string(a[HIDS_ALERT_CGROUP_PATH]));
	al.pid = nla_get_u32(a[HIDS_ALERT_PID]);
	al.tid = nla_get_u32(a[HIDS_ALERT_TID]);
	al.score = nla_get_u32(a[HIDS_ALERT_SCORE]);
	al.threshold = nla_get_u32(a[HIDS_ALERT_THRESHOLD]);
	if (a[HIDS_ALERT_SLOT])
		al.slot = nla_get_u32(a[HIDS_ALERT_SLOT]);
	if (a[HIDS_ALERT_CGROUP])
		al.cgroup = nla_get_u64(a[HIDS_ALERT_CGROUP]);
	if (a[HIDS_ALERT_STEPS])
		al.steps = nla_get_u64(a[HIDS_ALERT_STEPS]);
	if (a[HIDS_ALERT_DROPS])
		al.drops = nla_get_u64(a[HIDS_ALERT_DROPS]);
	al.spared = a[HIDS_ALERT_SPARED];
	if (a[HIDS_ALERT_KIND])
		al.kind = nla_get_u8(a[HIDS_ALERT_KIND]);
	if (a[HIDS_ALERT_RESPONSE])
		al.response = nla_get_u8(a[HIDS_ALERT_RESPONSE]);
	if (a[HIDS_ALERT_COMM])
		snprintf(al.comm, sizeof(al.comm), "%s", nla_get_string(a[HIDS_ALERT_COMM]));
	if (a[HIDS_ALERT_MODEL])
		snprintf(al.model, sizeof(al.model), "%s", nla_get_string(a[HIDS_ALERT_MODEL]));
	if (a[HIDS_ALERT_CALLS]) {
		nla_for_each_nested(call, a[HIDS_ALERT_CALLS], rem) {
			if (al.ncalls == HIDS_ALERT_CALLS_MAX)
				break;
			snprintf(al.calls[al.ncalls++], sizeof(al.calls[0]), "%s",
				 nla_get_string(call));
		}
	}
	return l->alert ? l->alert(&al, l->arg) : 0;
}

/* A controller notification about the hids family: gone or back. */
static int on_ctrl(struct nl_msg *msg, const struct ipc_listener *l)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	int cmd = genlmsg_hdr(nlmsg_hdr(msg))->cmd;

	if ((cmd != CTRL_CMD_NEWFAMILY && cmd != CTRL_CMD_DELFAMILY) || !l->family ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_NAME] ||
	    strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), HIDS_GENL_NAME))
		return 0;
	return l->family(cmd == CTRL_CMD_NEWFAMILY, l->arg);
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct listen_ctx *ctx = arg;
	struct nlattr *tb[HIDS_A_MAX + 1];
	int cmd;

	if (nlmsg_hdr(msg)->nlmsg_type == GENL_ID_CTRL) {
		ctx->err = on_ctrl(msg, ctx->l);
		return ctx->err ? NL_STOP : NL_OK;
	}
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, HIDS_A_MAX, NULL) < 0)
		return NL_SKIP;
	cmd = genlmsg_hdr(nlmsg_hdr(msg))->cmd;
	if (cmd == HIDS_CMD_TRACE)
		ctx->err = parse_trace(tb, ctx->l);
	else if (cmd == HIDS_CMD_ALERT)
		ctx->err = parse_alert(tb, ctx->l);
	return ctx->err ? NL_STOP : NL_OK;
}

static int accept_any_seq(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

static int build_since(struct nl_msg *msg, const void *arg)
{
	NLA_PUT_U64(msg, HIDS_A_ALERT_SINCE, *(const uint64_t *)arg);
	return 0;

nla_put_failure:
	return -EMSGSIZE;
}

static int parse_ring_alert(struct nlattr **tb, void *arg)
{
	return parse_alert(tb, arg);
}

int ipc_get_alerts(struct ipc *ipc, uint64_t since, const struct ipc_listener *l)
{
	return request(ipc, HIDS_CMD_GET_ALERTS, NLM_F_DUMP, build_since, &since,
		       parse_ring_alert, (void *)l, NULL);
}

int ipc_watch_family(struct ipc *ipc)
{
	int grp = genl_ctrl_resolve_grp(ipc->sk, "nlctrl", "notify");

	if (grp < 0)
		return -ENOENT;
	if (!ipc->listen_sk)
		return -EINVAL;
	if (setsockopt(nl_socket_get_fd(ipc->listen_sk), SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
		       &grp, sizeof(grp)))
		return -errno;
	return 0;
}

int ipc_rejoin(struct ipc *ipc)
{
	uint32_t joined = ipc->joined;
	int ret = 0;

	ret = resolve_family(ipc, false);
	if (ret)
		return ret;
	/* A fresh module knows no listener: register afresh. */
	ipc->listen_mask = 0;
	if (joined & HIDS_LISTEN_TRACE)
		ret = ipc_join(ipc, HIDS_MCGRP_TRACE);
	if (!ret && (joined & HIDS_LISTEN_ALERTS))
		ret = ipc_join(ipc, HIDS_MCGRP_ALERTS);
	return ret;
}

int ipc_poll(struct ipc *ipc, int timeout_ms, const struct ipc_listener *l)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(ipc->listen_sk), .events = POLLIN };
	struct listen_ctx ctx = { .l = l };
	struct nl_cb *cb;
	int ret;

	ret = poll(&pfd, 1, timeout_ms);
	if (ret < 0)
		return errno == EINTR ? 0 : -errno;
	if (ret == 0)
		return 0;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, &ctx);
	/* Multicast messages carry no sequence numbers of ours. */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, accept_any_seq, NULL);
	nl_socket_set_nonblocking(ipc->listen_sk);
	ret = nl_recvmsgs(ipc->listen_sk, cb);
	nl_cb_put(cb);
	if (ctx.err)
		return ctx.err;
	if (ret == -NLE_NOMEM)
		return -ENOBUFS;
	if (ret < 0 && ret != -NLE_AGAIN) {
		fprintf(stderr, "hidsctl: listening socket: %s\n", nl_geterror(ret));
		return -EIO;
	}
	return 0;
}
