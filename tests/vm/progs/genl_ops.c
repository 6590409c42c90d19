// SPDX-License-Identifier: GPL-2.0
/*
 * genl_ops: drive the "hids" generic netlink family from a test.
 *   genl_ops list        print "CMD FLAGS" for every op the kernel reports
 *   genl_ops send CMD [ATTR]
 *                        send CMD with no attributes (or one u32 attribute
 *                        of type ATTR); print the result as "OK" or the
 *                        errno name (e.g. EPERM)
 *   genl_ops dump CMD    the same as a dump request (NLM_F_DUMP): a
 *                        dump-only op refuses a plain request before
 *                        checking permission on some kernels (6.12)
 *   genl_ops join GROUP  join a multicast group; print "OK" or the errno name
 *   genl_ops eavesdrop GROUP SECONDS
 *                        join a multicast group (without HIDS_CMD_LISTEN) and
 *                        print how many messages came in SECONDS
 *   genl_ops load SLOT FILE [CHUNK | excl | skip=NR]
 *                        send FILE as a model in CHUNK-byte pieces (default
 *                        HIDS_MODEL_CHUNK) with an all-zero token map (skip=NR:
 *                        but HIDS_TOKEN_SKIP for native call NR), bypassing
 *                        hidsctl's own checks; print "OK" or the errno name
 *                        and the kernel's extended ACK message.  excl: whole
 *                        chunks, each with HIDS_A_EXCLUSIVE (never replace)
 *   genl_ops interleave SLOT FILE
 *                        two loaders (sockets A and B) into SLOT, FILE cut in
 *                        4 KiB chunks: A's first, B's first, A's second,
 *                        then the rest of B's; print "A: " and "B: " with the
 *                        result of A's second chunk and of B's load
 *   genl_ops enforce SLOT
 *                        SET_SLOT with the enforce response alone, bypassing
 *                        hidsctl's test of it; print "OK" or the errno name
 *                        and the kernel's message
 *   genl_ops enforce-test STEP...
 *                        TEST_ENFORCE with each step (arm, finish) in turn,
 *                        from this thread, which never calls getppid();
 *                        print each result as enforce does
 *   genl_ops churn SLOT FILE COMM N [absent-ok | detect-only]
 *                        N changes of SLOT as fast as the kernel takes them,
 *                        cycling through: load FILE, detect COMM, record
 *                        (detect-only: detect again), detect with another
 *                        window and overflow, off, unload; print "churn: N
 *                        changes, M model loads"; exit 1 on the first
 *                        refused change.  With absent-ok, a family that is
 *                        gone or unloading (rmmod racing) is waited for.
 *                        SIGTERM ends it early, with the same summary.
 *   genl_ops peak SLOT N
 *                        N status and slot reads as fast as the kernel
 *                        answers them; print "pool P slot S": the most
 *                        threads each count ever showed (the counts must
 *                        never exceed their limits, even for a moment)
 *   genl_ops fuzz SEED N FILE
 *                        N messages, valid and mutated, for every command
 *                        and attribute (FILE: a good model to mutate); never
 *                        a kill response, and the last slot only with an
 *                        invalid message (it is left to a churn beside it).
 *                        Prints "fuzz: N messages, A accepted, R refused, U
 *                        unanswered" (U: replies libnl could not take; the
 *                        fuzzer goes on with a fresh socket); exit 1 when
 *                        the socket fails 10 times in a row.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include <linux/hids.h>
#include <linux/hids_model.h>

static int err_code;
static char extack[256];
static int nl_err;		/* libnl's error when a request got no answer */

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

/* Send msg (freed here) and wait for its answer: 0 or the errno. */
static int transact(struct nl_sock *sk, struct nl_msg *msg)
{
	int ret;

	err_code = 0;
	extack[0] = '\0';
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return EIO;
	ret = nl_recvmsgs_default(sk);
	if (ret == -NLE_DUMP_INTR)
		return EINTR;
	if (ret < 0 && !err_code) {
		nl_err = ret;
		return ret == -NLE_NOMEM ? ENOBUFS : EIO;
	}
	return err_code;
}

static struct nl_msg *request(int family, int cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(4 * 65536);

	if (msg)
		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK | flags,
			    cmd, HIDS_GENL_VERSION);
	return msg;
}

/* The whole of FILE in a malloc'ed buffer; NULL (errno set) on failure. */
static char *read_file(const char *path, long *size)
{
	char *blob = NULL;
	FILE *f;

	f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (*size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		goto out;
	blob = malloc(*size ? *size : 1);
	if (blob && fread(blob, 1, *size, f) != (size_t)*size) {
		free(blob);
		blob = NULL;
		errno = EIO;
	}
out:
	fclose(f);
	return blob;
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
	case EEXIST: return "EEXIST";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case EPROTO: return "EPROTO";
	case EAGAIN: return "EAGAIN";
	case EBUSY: return "EBUSY";
	default: return strerror(e);
	}
}

static struct nl_sock *open_socket(void);

/* A model on its way to a slot: the blob, how it is cut, its token map. */
struct load_req {
	int slot;
	const char *blob;
	long size, chunk;
	bool excl;
	long skip_nr;		/* the native call the token map skips, or -1 */
};

/* The chunk of r at off (with the size and map at offset 0); 0 or the errno. */
static int send_chunk(struct nl_sock *sk, int family, const struct load_req *r, long off)
{
	uint16_t map[512] = { 0 };
	long n = r->size - off < r->chunk ? r->size - off : r->chunk;
	struct nl_msg *msg;

	if (r->skip_nr >= 0 && r->skip_nr < 512)
		map[r->skip_nr] = HIDS_TOKEN_SKIP;
	msg = request(family, HIDS_CMD_LOAD_MODEL, 0);
	if (!msg)
		return ENOMEM;
	nla_put_u32(msg, HIDS_A_SLOT, r->slot);
	nla_put_u32(msg, HIDS_A_MODEL_OFFSET, off);
	if (r->excl)
		nla_put_flag(msg, HIDS_A_EXCLUSIVE);
	if (nla_put(msg, HIDS_A_MODEL_DATA, n, r->blob + off) ||
	    (off == 0 && (nla_put_u32(msg, HIDS_A_MODEL_SIZE, r->size) ||
			  nla_put(msg, HIDS_A_TOKEN_MAP, sizeof(map), map)))) {
		nlmsg_free(msg);
		return EMSGSIZE;
	}
	return transact(sk, msg);
}

/* Send r's chunks from off on; 0 or the first errno. */
static int send_rest(struct nl_sock *sk, int family, const struct load_req *r, long off)
{
	int ret;

	for (; off < r->size || !r->size; off += r->chunk) {
		ret = send_chunk(sk, family, r, off);
		if (ret || !r->size)
			return ret;
	}
	return 0;
}

/* Send a whole blob to slot with an all-zero token map. */
static int send_model(struct nl_sock *sk, int family, int slot, const char *blob, long size)
{
	struct load_req r = {
		.slot = slot, .blob = blob, .size = size, .chunk = HIDS_MODEL_CHUNK, .skip_nr = -1,
	};

	return send_rest(sk, family, &r, 0);
}

static int load(struct nl_sock *sk, int family, struct load_req *r, const char *path)
{
	char *blob = read_file(path, &r->size);
	int ret;

	if (!blob)
		return errno;
	r->blob = blob;
	ret = send_rest(sk, family, r, 0);
	free(blob);
	return ret;
}

static void print_result(const char *who, int ret)
{
	printf("%s%s%s%s\n", who, errname(ret), extack[0] ? ": " : "", extack);
}

/*
 * Two loaders into one slot, interleaved: A's first chunk, B's first
 * chunk, A's second chunk, then the rest of B's.  Prints each of the
 * last two results: A's second chunk must be refused, B's load complete.
 */
static int interleave(struct nl_sock *a, int slot, const char *path)
{
	struct nl_sock *b = open_socket();
	int family = genl_ctrl_resolve(a, HIDS_GENL_NAME);
	struct load_req r = { .slot = slot, .chunk = 4096, .skip_nr = -1 };
	int ret;

	r.blob = read_file(path, &r.size);
	if (!b || family < 0 || !r.blob || r.size <= 2 * r.chunk) {
		fprintf(stderr, "interleave: no second socket, no family or %s under 3 chunks\n",
			path);
		return 1;
	}
	ret = send_chunk(a, family, &r, 0) ?: send_chunk(b, family, &r, 0);
	if (ret) {
		print_result("start: ", ret);
		return 1;
	}
	print_result("A: ", send_chunk(a, family, &r, r.chunk));
	print_result("B: ", send_rest(b, family, &r, r.chunk));
	nl_socket_free(b);
	free((char *)r.blob);
	return 0;
}

/* One SET_SLOT: mode (or -1), comm selector (or NULL), window (or 0), overflow (or -1). */
static int set_slot(struct nl_sock *sk, int family, int slot, int mode, const char *comm,
		    unsigned int window, int overflow)
{
	struct nl_msg *msg = request(family, HIDS_CMD_SET_SLOT, 0);
	struct nlattr *sel;

	if (!msg)
		return ENOMEM;
	nla_put_u32(msg, HIDS_A_SLOT, slot);
	if (mode >= 0)
		nla_put_u8(msg, HIDS_A_MODE, mode);
	if (comm) {
		sel = nla_nest_start(msg, HIDS_A_SELECTOR);
		nla_put_string(msg, HIDS_SEL_COMM, comm);
		nla_nest_end(msg, sel);
	}
	if (window)
		nla_put_u32(msg, HIDS_A_WINDOW, window);
	if (overflow >= 0)
		nla_put_u8(msg, HIDS_A_OVERFLOW, overflow);
	return transact(sk, msg);
}

static int unload(struct nl_sock *sk, int family, int slot)
{
	struct nl_msg *msg = request(family, HIDS_CMD_UNLOAD_MODEL, 0);

	if (!msg)
		return ENOMEM;
	nla_put_u32(msg, HIDS_A_SLOT, slot);
	return transact(sk, msg);
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	stop = 1;
}

/*
 * What a change racing rmmod/insmod may meet: the family gone (ENOENT, or
 * a stale id: EOPNOTSUPP), unloading (ESHUTDOWN), or a fresh module whose
 * slot lost the model loaded a step earlier.
 */
static bool reload_race(int ret)
{
	return ret == ENOENT || ret == EOPNOTSUPP || ret == ESHUTDOWN ||
	       (ret == EINVAL && strstr(extack, "needs a model"));
}

/*
 * The churn cycle.  Every step is a slot change the kernel must accept;
 * with absent_ok, a reload race is waited out and the cycle starts over.
 */
static int churn(struct nl_sock *sk, int slot, const char *path, const char *comm,
		 long n, bool absent_ok, bool record)
{
	long size, i, loads = 0, changes = 0, absent = 0;
	char *blob = read_file(path, &size);
	int family = genl_ctrl_resolve(sk, HIDS_GENL_NAME), ret = 0;

	if (!blob) {
		perror(path);
		return 1;
	}
	signal(SIGTERM, on_term);
	for (i = 0; changes < n && !stop; i++) {
		if (family < 0) {
			ret = ENOENT;
		} else {
			switch (i % 6) {
			case 0:
				ret = send_model(sk, family, slot, blob, size);
				loads += !ret;
				break;
			case 1:
				ret = set_slot(sk, family, slot, HIDS_MODE_DETECT, comm, 0, -1);
				break;
			case 2:
				ret = set_slot(sk, family, slot,
					       record ? HIDS_MODE_RECORD : HIDS_MODE_DETECT,
					       NULL, 0, -1);
				break;
			case 3:
				ret = set_slot(sk, family, slot, HIDS_MODE_DETECT, NULL, 1 + i % 64,
					       (i / 6) % 2 ? HIDS_OVERFLOW_DROP :
							     HIDS_OVERFLOW_BACKPRESSURE);
				break;
			case 4:
				ret = set_slot(sk, family, slot, HIDS_MODE_OFF, NULL, 0, -1);
				break;
			case 5:
				ret = unload(sk, family, slot);
				break;
			}
		}
		if (!ret) {
			changes++;
			continue;
		}
		if (!absent_ok || !reload_race(ret)) {
			printf("churn: change %ld (step %ld) refused: %s%s%s\n", changes, i % 6,
			       strerror(ret), extack[0] ? ": " : "", extack);
			free(blob);
			return 1;
		}
		absent++;
		usleep(1000);
		family = genl_ctrl_resolve(sk, HIDS_GENL_NAME);
		i -= i % 6 + 1;		/* start the cycle over with a fresh family */
	}
	printf("churn: %ld changes, %ld model loads, %ld tries without the family\n",
	       changes, loads, absent);
	free(blob);
	return 0;
}

/* xorshift64*: the same SEED gives the same messages. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static uint32_t below(uint32_t n)
{
	return rnd() % n;
}

static bool chance(int percent)
{
	return below(100) < (uint32_t)percent;
}

/* A u32 near the edges of what the policies accept. */
static uint32_t edgy_u32(void)
{
	static const uint32_t edges[] = {
		0, 1, 2, 7, 8, 9, 15, 16, 64, 1023, 1024, 1025, 65024, 65025,
		3600000, 3600001, 64 << 20, (64 << 20) + 1, 0x7fffffff, 0x80000000,
		0xfffffffe, 0xffffffff,
	};

	return chance(70) ? edges[below(sizeof(edges) / sizeof(edges[0]))] : (uint32_t)rnd();
}

static const char *const cgroup_paths[] = {
	"/", "/svc", "//", "/..", "/./", "/no/such", "", "/svc/../svc", "relative",
};

/* A payload of a wrong size or kind for any attribute. */
static void put_junk(struct nl_msg *msg, int type)
{
	static char buf[65531];
	static const size_t sizes[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 255, 4096, 4097 };
	size_t n = chance(5) ? below(sizeof(buf)) : sizes[below(sizeof(sizes) / sizeof(sizes[0]))];
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (char)(chance(50) ? (uint64_t)('A' + below(26)) : rnd());
	if (chance(10))
		type |= chance(50) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
	nla_put(msg, type, n, buf);
}

static void put_selector(struct nl_msg *msg)
{
	struct nlattr *nest = nla_nest_start(msg, HIDS_A_SELECTOR);
	int k = chance(80) ? 1 : below(4), kind;
	char comm[40];

	while (k--) {
		kind = below(HIDS_SEL_MAX + 3);
		if (chance(15)) {
			put_junk(msg, kind);
			continue;
		}
		switch (kind) {
		case HIDS_SEL_COMM:
			snprintf(comm, sizeof(comm), "%s", chance(80) ? "hammer" :
				 "a-comm-name-longer-than-fifteen");
			nla_put_string(msg, kind, comm);
			break;
		case HIDS_SEL_PID:
			nla_put_u32(msg, kind, chance(50) ? (uint32_t)getppid() : edgy_u32());
			break;
		case HIDS_SEL_CGROUP:
			nla_put_string(msg, kind,
				       cgroup_paths[below(sizeof(cgroup_paths) / sizeof(cgroup_paths[0]))]);
			break;
		case HIDS_SEL_ALL:
			nla_put_flag(msg, kind);
			break;
		case HIDS_SEL_EXE:
			nla_put_string(msg, kind, chance(50) ? "/bin/busybox" :
				       chance(50) ? "/no/such/file" : "/tmp");
			break;
		default:
			put_junk(msg, kind);
		}
	}
	nla_nest_end(msg, nest);
}

/* Attributes of SET_SLOT: mostly well formed, some out of range or junk. */
static void put_set_attrs(struct nl_msg *msg)
{
	static const int u32s[] = {
		HIDS_A_THRESH_WINDOW, HIDS_A_THRESH_RUNNING, HIDS_A_WINDOW,
		HIDS_A_MIN_CALLS, HIDS_A_ALERT_INTERVAL, HIDS_A_MAX_THREADS,
	};
	static const char *const spares[] = { "/bin/busybox", "/no/such/file", "/tmp", "rel" };
	struct nlattr *nest;
	uint8_t v;
	int i;

	if (chance(60))
		nla_put_u8(msg, HIDS_A_MODE, chance(90) ? below(HIDS_MODE_MAX + 1) : (uint8_t)rnd());
	if (chance(50))
		put_selector(msg);
	for (i = 0; i < (int)(sizeof(u32s) / sizeof(u32s[0])); i++) {
		if (chance(25))
			nla_put_u32(msg, u32s[i], edgy_u32());
	}
	if (chance(20)) {
		/* Never a valid kill response: the fuzzer's own shell must live. */
		v = chance(70) ? HIDS_RESPONSE_LOG : (uint8_t)(HIDS_RESPONSE_MAX + 1 + below(250));
		nla_put_u8(msg, HIDS_A_RESPONSE, v);
	}
	if (chance(20))
		nla_put_u8(msg, HIDS_A_OVERFLOW, chance(80) ? below(HIDS_OVERFLOW_MAX + 1) : (uint8_t)rnd());
	if (chance(15)) {
		/* Spare lists: empty, valid, too long, bad paths or types. */
		nest = nla_nest_start(msg, HIDS_A_SPARE);
		for (i = below(HIDS_MAX_SPARE + 3); i > 0; i--) {
			if (chance(10))
				put_junk(msg, below(4));
			else
				nla_put_string(msg, HIDS_SPARE_EXE, spares[below(4)]);
		}
		nla_nest_end(msg, nest);
	}
}

/* One LOAD_MODEL chunk of the good blob, whole or mutated. */
static void put_load_attrs(struct nl_msg *msg, const char *blob, long size, long *next)
{
	static char copy[HIDS_MODEL_CHUNK];
	static uint16_t map[HIDS_MAX_SYSCALLS + 8];
	long off = chance(70) ? *next : (chance(50) ? 0 : below(size + 2));
	long n = chance(60) ? size - off : 1 + below(HIDS_MODEL_CHUNK);
	unsigned int i, map_len;

	if (off >= size)
		off = 0;
	if (n > HIDS_MODEL_CHUNK)
		n = HIDS_MODEL_CHUNK;
	if (n > size - off && chance(80))
		n = size - off;
	if (n > HIDS_MODEL_CHUNK || off + n > size)
		n = size - off < HIDS_MODEL_CHUNK ? size - off : HIDS_MODEL_CHUNK;
	memcpy(copy, blob + off, n);
	if (chance(25)) {
		for (i = 0; i < 1 + below(8); i++)
			copy[below(n)] ^= 1 << below(8);
	}
	nla_put_u32(msg, HIDS_A_MODEL_OFFSET, chance(95) ? off : edgy_u32());
	if (chance(97))
		nla_put(msg, HIDS_A_MODEL_DATA, chance(95) ? n : 0, copy);
	if (off == 0 || chance(5)) {
		if (chance(95))
			nla_put_u32(msg, HIDS_A_MODEL_SIZE, chance(85) ? size : edgy_u32());
		map_len = chance(80) ? 512 : below(HIDS_MAX_SYSCALLS + 8);
		for (i = 0; i < map_len; i++)
			map[i] = chance(97) ? 0 : (uint16_t)rnd();
		if (chance(95))
			nla_put(msg, HIDS_A_TOKEN_MAP, map_len * sizeof(uint16_t) + (chance(5) ? 1 : 0), map);
	}
	*next = off + n < size ? off + n : 0;
}

/*
 * The fuzz loop.  Commands are weighted towards the ones that change
 * state; a tenth of the messages carry random attributes of any type.
 */
static int fuzz(struct nl_sock **skp, uint64_t seed, long n, const char *path)
{
	long size, i, next = 0, accepted = 0, refused = 0, unanswered = 0, in_a_row = 0;
	struct nl_sock *sk = *skp;
	char *blob = read_file(path, &size);
	int family = genl_ctrl_resolve(sk, HIDS_GENL_NAME), cmd, flags, k, ret;
	struct nl_msg *msg;

	if (!blob || family < 0) {
		fprintf(stderr, "fuzz: no model (%s) or no hids family\n", path);
		return 1;
	}
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
	for (i = 0; i < n; i++) {
		k = below(100);
		cmd = k < 35 ? HIDS_CMD_SET_SLOT : k < 60 ? HIDS_CMD_LOAD_MODEL :
		      k < 68 ? HIDS_CMD_UNLOAD_MODEL : k < 76 ? HIDS_CMD_GET_SLOT :
		      k < 82 ? HIDS_CMD_GET_THREAD : k < 88 ? HIDS_CMD_GET_STATUS :
		      k < 90 ? HIDS_CMD_RESET_STATS : below(HIDS_CMD_MAX + 4);
		flags = (cmd == HIDS_CMD_GET_SLOT || cmd == HIDS_CMD_GET_THREAD) && chance(90) ?
			NLM_F_DUMP : 0;
		msg = request(family, cmd, flags);
		if (!msg)
			return 1;
		if (chance(90))
			nla_put_u32(msg, HIDS_A_SLOT, chance(90) ? below(HIDS_MAX_SLOTS - 1) : edgy_u32());
		if (chance(10)) {
			for (k = below(6); k > 0; k--)
				put_junk(msg, below(HIDS_A_MAX + 4));
		} else if (cmd == HIDS_CMD_SET_SLOT) {
			put_set_attrs(msg);
		} else if (cmd == HIDS_CMD_LOAD_MODEL) {
			put_load_attrs(msg, blob, size, &next);
		}
		ret = transact(sk, msg);
		if (ret == EIO || ret == ENOBUFS) {
			/*
			 * libnl could not take the answer (a dump it
			 * could not follow): say so, start on a fresh
			 * socket; a socket that keeps failing fails the run.
			 */
			fprintf(stderr, "fuzz: message %ld (cmd %d): no answer: %s\n", i, cmd,
				nl_geterror(nl_err));
			unanswered++;
			if (++in_a_row == 10)
				return 1;
			nl_socket_free(*skp);
			sk = *skp = open_socket();
			if (!sk)
				return 1;
			continue;
		}
		in_a_row = 0;
		if (ret)
			refused++;
		else
			accepted++;
	}
	printf("fuzz: %ld messages, %ld accepted, %ld refused, %ld unanswered\n", n,
	       accepted, refused, unanswered);
	free(blob);
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

/* A generic netlink socket with extended ACKs and our error and ACK handlers. */
static struct nl_sock *open_socket(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1;

	if (!sk || genl_connect(sk) || nl_socket_set_buffer_size(sk, 1 << 20, 1 << 20)) {
		nl_socket_free(sk);
		return NULL;
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_error, NULL);
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, on_ack, NULL);
	return sk;
}

static int count_msg(struct nl_msg *msg, void *arg)
{
	(*(int *)arg)++;
	return NL_OK;
}

static int accept_seq(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

/* The largest thread counts seen: the pool's and one slot's. */
struct peak {
	int slot;
	uint32_t pool, in_slot;
};

static int on_counts(struct nl_msg *msg, void *arg)
{
	struct nlattr *a[HIDS_A_MAX + 1], *st[HIDS_STAT_MAX + 1];
	struct peak *p = arg;
	uint32_t n;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, HIDS_A_MAX, NULL))
		return NL_SKIP;
	if (a[HIDS_A_STATS] && !nla_parse_nested(st, HIDS_STAT_MAX, a[HIDS_A_STATS], NULL) &&
	    st[HIDS_STAT_THREADS]) {
		n = nla_get_u64(st[HIDS_STAT_THREADS]);
		if (n > p->pool)
			p->pool = n;
	}
	if (a[HIDS_A_SLOT] && a[HIDS_A_THREADS] && (int)nla_get_u32(a[HIDS_A_SLOT]) == p->slot) {
		n = nla_get_u32(a[HIDS_A_THREADS]);
		if (n > p->in_slot)
			p->in_slot = n;
	}
	return NL_OK;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	*(bool *)arg = true;
	return NL_STOP;
}

/* Send msg (freed here), take its answers until its ACK or end of dump. */
static int ask(struct nl_sock *sk, struct nl_msg *msg)
{
	bool done = false;
	int ret;

	err_code = 0;
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, on_done, &done);
	nl_socket_modify_cb(sk, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &done);
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return EIO;
	do {
		ret = nl_recvmsgs_default(sk);
	} while (ret >= 0 && !done && !err_code);
	return err_code ?: ret < 0 ? EIO : 0;
}

static int peak(struct nl_sock *sk, int slot, long n)
{
	int family = genl_ctrl_resolve(sk, HIDS_GENL_NAME);
	struct peak p = { .slot = slot };
	int ret;

	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_counts, &p);
	for (; n > 0; n--) {
		ret = ask(sk, request(family, HIDS_CMD_GET_STATUS, 0)) ?:
		      ask(sk, request(family, HIDS_CMD_GET_SLOT, NLM_F_DUMP));
		if (ret) {
			printf("%s\n", errname(ret));
			return 1;
		}
	}
	printf("pool %u slot %u\n", p.pool, p.in_slot);
	return 0;
}

/* Messages a plain member of group receives in seconds. */
static int eavesdrop(struct nl_sock *sk, const char *group, int seconds)
{
	int grp = genl_ctrl_resolve_grp(sk, HIDS_GENL_NAME, group), n = 0;
	time_t end = time(NULL) + seconds;

	if (grp < 0 || nl_socket_add_membership(sk, grp)) {
		printf("cannot join %s\n", group);
		return 1;
	}
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, count_msg, &n);
	nl_socket_modify_cb(sk, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, accept_seq, NULL);
	nl_socket_set_nonblocking(sk);
	while (time(NULL) < end) {
		struct pollfd p = { .fd = nl_socket_get_fd(sk), .events = POLLIN };

		if (poll(&p, 1, 200) > 0)
			nl_recvmsgs_default(sk);
	}
	printf("%d\n", n);
	return 0;
}

/* The enforce and enforce-test commands: each result on a line. */
static int enforce(struct nl_sock *sk, int family, int argc, char **argv)
{
	struct nl_msg *msg;
	int i, ret;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[1], "enforce")) {
			msg = request(family, HIDS_CMD_SET_SLOT, 0);
			if (!msg)
				return 1;
			nla_put_u32(msg, HIDS_A_SLOT, atoi(argv[i]));
			nla_put_u8(msg, HIDS_A_RESPONSE, HIDS_RESPONSE_ENFORCE);
		} else {
			msg = request(family, HIDS_CMD_TEST_ENFORCE, 0);
			if (!msg)
				return 1;
			nla_put_u8(msg, HIDS_A_ENFORCE_STEP, !strcmp(argv[i], "arm") ?
				   HIDS_ENFORCE_STEP_ARM : HIDS_ENFORCE_STEP_FINISH);
		}
		ret = transact(sk, msg);
		/* A test's reply comes before its ACK, in a datagram of its own. */
		if (!ret && strcmp(argv[1], "enforce") && nl_wait_for_ack(sk) < 0)
			ret = err_code ?: EIO;
		print_result("", ret);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct nl_sock *sk = open_socket();
	struct nl_msg *msg = nlmsg_alloc();
	int family, ret;

	if (!sk || !msg)
		return 1;
	if (argc == 2 && !strcmp(argv[1], "list")) {
		family = genl_ctrl_resolve(sk, "nlctrl");
		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
			    CTRL_CMD_GETFAMILY, 1);
		nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, HIDS_GENL_NAME);
		nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, print_ops, NULL);
	} else if (((argc == 3 || argc == 4) && !strcmp(argv[1], "send")) ||
		   (argc == 3 && !strcmp(argv[1], "dump"))) {
		family = genl_ctrl_resolve(sk, HIDS_GENL_NAME);
		if (family < 0) {
			printf("ENOENT\n");
			return 1;
		}
		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
			    NLM_F_ACK | (argv[1][0] == 'd' ? NLM_F_DUMP : 0),
			    atoi(argv[2]), HIDS_GENL_VERSION);
		if (argc == 4)
			nla_put_u32(msg, atoi(argv[3]), 0);
	} else if ((argc == 4 || argc == 5) && !strcmp(argv[1], "load")) {
		struct load_req r = { .slot = atoi(argv[2]), .chunk = HIDS_MODEL_CHUNK,
				      .skip_nr = -1 };

		family = genl_ctrl_resolve(sk, HIDS_GENL_NAME);
		if (argc == 5 && !strcmp(argv[4], "excl"))
			r.excl = true;
		else if (argc == 5 && !strncmp(argv[4], "skip=", 5))
			r.skip_nr = atol(argv[4] + 5);
		else if (argc == 5)
			r.chunk = atol(argv[4]);
		print_result("", load(sk, family, &r, argv[3]));
		return 0;
	} else if (argc == 4 && !strcmp(argv[1], "interleave")) {
		return interleave(sk, atoi(argv[2]), argv[3]);
	} else if (argc >= 3 && (!strcmp(argv[1], "enforce") ||
				 !strcmp(argv[1], "enforce-test"))) {
		return enforce(sk, genl_ctrl_resolve(sk, HIDS_GENL_NAME), argc, argv);
	} else if ((argc == 6 || argc == 7) && !strcmp(argv[1], "churn")) {
		return churn(sk, atoi(argv[2]), argv[3], argv[4], atol(argv[5]),
			     argc == 7 && !strcmp(argv[6], "absent-ok"),
			     argc == 6 || strcmp(argv[6], "detect-only"));
	} else if (argc == 5 && !strcmp(argv[1], "fuzz")) {
		return fuzz(&sk, strtoull(argv[2], NULL, 0), atol(argv[3]), argv[4]);
	} else if (argc == 4 && !strcmp(argv[1], "peak")) {
		return peak(sk, atoi(argv[2]), atol(argv[3]));
	} else if (argc == 4 && !strcmp(argv[1], "eavesdrop")) {
		return eavesdrop(sk, argv[2], atoi(argv[3]));
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
		fprintf(stderr, "usage: genl_ops list | send CMD [ATTR] | dump CMD | join GROUP\n"
			"       | eavesdrop GROUP SECONDS\n"
			"       | load SLOT FILE [CHUNK | excl | skip=NR] | enforce SLOT | enforce-test STEP...\n"
			"       | churn SLOT FILE COMM N [absent-ok] | fuzz SEED N FILE\n"
			"       | peak SLOT N | interleave SLOT FILE\n");
		return 2;
	}
	if (nl_send_auto(sk, msg) < 0)
		return 1;
	ret = nl_recvmsgs_default(sk);
	if (!strcmp(argv[1], "send") || !strcmp(argv[1], "dump"))
		printf("%s\n", errname(err_code));
	return ret < 0 && !err_code ? 1 : 0;
}
