// SPDX-License-Identifier: GPL-2.0
/*
 * The options that configure a slot (selector, mode, thresholds, response,
 * limits), parsed once for hidsctl load and hidsctl set: what one accepts
 * the other does, with the same checks and messages.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "slot_args.h"
#include "subcommands.h"

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
	{ "name", required_argument, NULL, 'N' },
	{ "replace", no_argument, NULL, 'R' },
	{ "help", no_argument, NULL, 'h' },
	{}
};

bool slot_option(const char *name, bool *has_value)
{
	const struct option *o;

	for (o = opts; o->name; o++) {
		if (!strcmp(o->name, name) && strcmp(name, "help") && strcmp(name, "replace")) {
			*has_value = o->has_arg == required_argument;
			return true;
		}
	}
	return false;
}

void slot_update_defaults(struct ipc_slot_update *u)
{
	if (!u->has_response)
		u->response = HIDS_RESPONSE_LOG;
	if (!u->has_overflow)
		u->overflow = HIDS_OVERFLOW_BACKPRESSURE;
	if (!u->has_alert_interval)
		u->alert_interval = 1000;
	if (!u->has_max_threads)
		u->max_threads = 0;
	u->has_response = u->has_overflow = u->has_alert_interval = true;
	u->has_max_threads = u->has_spare = true;
}

int check_slot_name(const char *name)
{
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

	if (!*name || name[n] || n >= HIDS_SLOT_NAME_LEN) {
		fprintf(stderr, "%s: invalid slot name '%s' (1 to %d of A-Z a-z 0-9 _ . -)\n",
			prog_name, name, HIDS_SLOT_NAME_LEN - 1);
		return -EINVAL;
	}
	return 0;
}

static int parse_one(int c, int idx, struct slot_args *a, bool load)
{
	struct ipc_slot_update *u = &a->u;
	char opt[32];

	switch (c) {
	case 's':
		a->have_slot = true;
		return parse_u32(optarg, "slot", 0, HIDS_MAX_SLOTS - 1, &u->slot);
	case 'm':
		u->has_mode = true;
		return parse_mode(optarg, &u->mode);
	case 't':
		u->has_thresh_window = true;
		return parse_nats(optarg, "threshold", &u->thresh_window);
	case 'T':
		u->has_thresh_running = true;
		return parse_nats(optarg, "running threshold", &u->thresh_running);
	case 'w':
		u->has_window = true;
		return parse_u32(optarg, "window", 1, HIDS_MAX_WINDOW, &u->window);
	case 'k':
		u->has_min_calls = true;
		return parse_u32(optarg, "min calls", 1, INT32_MAX, &u->min_calls);
	case 'r':
		u->has_response = true;
		return parse_response(optarg, &u->response);
	case 'o':
		u->has_overflow = true;
		return parse_overflow(optarg, &u->overflow);
	case 'i':
		u->has_alert_interval = true;
		return parse_u32(optarg, "alert interval", 1, 3600 * 1000, &u->alert_interval);
	case 'M':
		u->has_max_threads = true;
		return parse_u32(optarg, "max threads", 0, UINT32_MAX, &u->max_threads);
	case 'P':
		return parse_spare(optarg, u);
	case 'S':
		u->has_sel = true;
		snprintf(opt, sizeof(opt), "--%s", opts[idx].name);
		return parse_selector_opt(opt, optarg ?: "", &u->sel) < 0 ? -EINVAL : 0;
	case 'N':
		u->name = optarg;
		return check_slot_name(optarg);
	case 'R':
		if (!load) {
			fprintf(stderr, "%s: --replace belongs to load\n", prog_name);
			return -EINVAL;
		}
		a->replace = true;
		return 0;
	case 'h':
		a->help = true;
		return 0;
	default:
		return -EINVAL;		/* getopt named it */
	}
}

int parse_slot_args(int argc, char **argv, struct slot_args *a, bool load)
{
	int c, idx, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
		ret = parse_one(c, idx, a, load);
		if (ret)
			return ret;
	}
	return 0;
}
