// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl load / unload: send a model to a slot and bind the slot to the
 * selected threads.  The model is checked here first with the same
 * validator the kernel runs, and its vocabulary (syscall names) is turned
 * into a token for every system call number of this machine.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/hids_model.h>

#include "ipc.h"
#include "modelfile.h"
#include "options.h"
#include "subcommands.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s load MODEL.hidsm (--cgroup PATH | --exe PATH | --comm NAME | --pid PID | --all)\n"
		"           [--slot N] [--mode detect|record] [--threshold NATS]\n"
		"           [--running-threshold NATS] [--window W] [--min-calls K]\n"
		"           [--response log|kill] [--overflow backpressure|drop]\n"
		"           [--alert-interval MS] [--max-threads N] [--spare PATH]...\n"
		"       %s unload --slot N\n", prog_name, prog_name);
}

static int parse_nats(const char *s, const char *what, uint32_t *q16)
{
	char *end;
	double v = strtod(s, &end);

	if (!*s || *end || !(v >= 0) || v > 30000) {
		fprintf(stderr, "%s: invalid %s '%s' (nats, 0 .. 30000; 0 turns it off)\n",
			prog_name, what, s);
		return -EINVAL;
	}
	*q16 = lrint(v * 65536);
	return 0;
}

/*
 * Token of every syscall number of one calling convention, by name (a model
 * speaks names, so execve through int $0x80 is execve); unknown names are 0.
 */
static uint16_t *token_map(const struct hids_model *m, uint8_t abi, size_t *n)
{
	uint16_t *map;
	const char *name;
	size_t nr;

	*n = 0;
	for (nr = 0; nr < HIDS_MAX_SYSCALLS; nr++)
		if (syscall_name(abi, nr))
			*n = nr + 1;
	map = calloc(*n ? *n : 1, sizeof(*map));
	if (!map)
		return NULL;
	for (nr = 0; nr < *n; nr++) {
		name = syscall_name(abi, nr);
		map[nr] = name ? hids_model_token(m, name) : 0;
	}
	return map;
}

static int token_maps(const struct hids_model *m, struct ipc_token_maps *maps)
{
	int a;

	for (a = 0; a < HIDS_CALL_ABIS; a++) {
		maps->map[a] = token_map(m, a, &maps->len[a]);
		if (!maps->map[a])
			return -ENOMEM;
	}
	return 0;
}

static int parse_choice(const char *s, const char *what, const char *a, const char *b, uint8_t *v)
{
	if (!strcmp(s, a)) {
		*v = 0;
	} else if (!strcmp(s, b)) {
		*v = 1;
	} else {
		fprintf(stderr, "%s: invalid %s '%s' (want %s or %s)\n", prog_name, what, s, a, b);
		return -EINVAL;
	}
	return 0;
}

static const struct option opts[] = {
	{ "slot", required_argument, NULL, 's' },
	{ "mode", required_argument, NULL, 'm' },
	{ "threshold", required_argument, NULL, 't' },
	{ "running-threshold", required_argument, NULL, 'T' },
	{ "window", required_argument, NULL, 'w' },
	{ "min-calls", required_argument, NULL, 'k' },
	{ "response", required_argument, NULL, 'r' },
	{ "overflow", required_argument, NULL, 'o' },
	{ "alert-interval", required_argument, NULL, 'i' },
	{ "max-threads", required_argument, NULL, 'M' },
	{ "spare", required_argument, NULL, 'P' },
	{ "comm", required_argument, NULL, 'S' },
	{ "pid", required_argument, NULL, 'S' },
	{ "cgroup", required_argument, NULL, 'S' },
	{ "exe", required_argument, NULL, 'S' },
	{ "all", no_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{}
};

static int parse(int argc, char **argv, struct ipc_slot_update *u)
{
	char opt[32];
	int c, idx;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
		int bad = 0;

		switch (c) {
		case 's':
			bad = parse_u32(optarg, "slot", 0, HIDS_MAX_SLOTS - 1, &u->slot);
			break;
		case 'm':
			bad = parse_mode(optarg, &u->mode);
			break;
		case 't':
			bad = parse_nats(optarg, "threshold", &u->thresh_window);
			u->has_thresh_window = true;
			break;
		case 'T':
			bad = parse_nats(optarg, "running threshold", &u->thresh_running);
			u->has_thresh_running = true;
			break;
		case 'w':
			bad = parse_u32(optarg, "window", 1, HIDS_MAX_WINDOW, &u->window);
			u->has_window = true;
			break;
		case 'k':
			bad = parse_u32(optarg, "min calls", 1, INT32_MAX, &u->min_calls);
			u->has_min_calls = true;
			break;
		case 'r':
			bad = parse_choice(optarg, "response", "log", "kill", &u->response);
			u->has_response = true;
			break;
		case 'o':
			bad = parse_choice(optarg, "overflow", "backpressure", "drop", &u->overflow);
			u->has_overflow = true;
			break;
		case 'M':
			bad = parse_u32(optarg, "max threads", 0, UINT32_MAX, &u->max_threads);
			u->has_max_threads = true;
			break;
		case 'P':
			bad = parse_spare(optarg, u);
			break;
		case 'i':
			bad = parse_u32(optarg, "alert interval", 1, 3600 * 1000, &u->alert_interval);
			u->has_alert_interval = true;
			break;
		case 'S':
			snprintf(opt, sizeof(opt), "--%s", opts[idx].name);
			bad = parse_selector_opt(opt, optarg ?: "", &u->sel) < 0;
			u->has_sel = true;
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			bad = 1;
		}
		if (bad) {
			usage(stderr);
			return -EINVAL;
		}
	}
	return 0;
}

int load_main(int argc, char **argv)
{
	struct ipc_slot_update u = { .has_mode = true, .mode = HIDS_MODE_DETECT };
	struct ipc_token_maps maps = {};
	struct ipc *ipc = NULL;
	struct model_file mf;
	int a, ret;

	ret = parse(argc, argv, &u);
	if (ret)
		return ret > 0 ? 0 : 2;
	if (optind != argc - 1 || !u.has_sel) {
		fprintf(stderr, "%s: load: %s\n", prog_name,
			optind != argc - 1 ? "exactly one model file" : "a selector is required");
		usage(stderr);
		return 2;
	}
	if (model_file_load(&mf, argv[optind]))
		return 1;
	ret = token_maps(mf.model, &maps) ?: ipc_open(&ipc);
	if (!ret)
		ret = ipc_load_model(ipc, u.slot, mf.blob, mf.len, &maps);
	if (ret) {
		ipc_perror(ipc, "load", ret);
		goto out;
	}
	ret = ipc_set_slot(ipc, &u);
	if (ret) {
		ipc_perror(ipc, "load: configuring the slot", ret);
		goto out;
	}
	if (mf.info.kind == HIDS_MODEL_KIND_NGRAM)
		printf("slot %u: model '%s' (vocab %u, n-gram order %u), %zu syscalls mapped\n",
		       u.slot, mf.info.name, mf.info.vocab, mf.info.order,
		       maps.len[HIDS_CALL_NATIVE]);
	else
		printf("slot %u: model '%s' (vocab %u, hidden %u, %u layers), %zu syscalls mapped\n",
		       u.slot, mf.info.name, mf.info.vocab, mf.info.hidden, mf.info.layers,
		       maps.len[HIDS_CALL_NATIVE]);
out:
	for (a = 0; a < HIDS_CALL_ABIS; a++)
		free(maps.map[a]);
	model_file_free(&mf);
	ipc_close(ipc);
	return ret ? 1 : 0;
}

int unload_main(int argc, char **argv)
{
	struct ipc *ipc = NULL;
	uint32_t slot;
	int ret;

	if (argc != 3 || strcmp(argv[1], "--slot")) {
		usage(stderr);
		return 2;
	}
	if (parse_u32(argv[2], "slot", 0, HIDS_MAX_SLOTS - 1, &slot))
		return 2;
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_unload_model(ipc, slot);
	if (ret)
		ipc_perror(ipc, "unload", ret);
	ipc_close(ipc);
	return ret ? 1 : 0;
}
