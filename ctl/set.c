// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ipc.h"
#include "options.h"
#include "subcommands.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s set --slot N [--mode off|record|detect]\n"
		"           [--cgroup PATH | --exe PATH | --comm NAME | --pid PID | --all]\n"
		"           [--max-threads N] [--spare PATH]...\n",
		prog_name);
}

static const struct option opts[] = {
	{ "slot", required_argument, NULL, 's' },
	{ "mode", required_argument, NULL, 'm' },
	{ "comm", required_argument, NULL, 'S' },
	{ "pid", required_argument, NULL, 'S' },
	{ "cgroup", required_argument, NULL, 'S' },
	{ "exe", required_argument, NULL, 'S' },
	{ "all", no_argument, NULL, 'S' },
	{ "max-threads", required_argument, NULL, 'M' },
	{ "spare", required_argument, NULL, 'P' },
	{ "help", no_argument, NULL, 'h' },
	{}
};

int set_main(int argc, char **argv)
{
	struct ipc_slot_update u = {};
	struct ipc *ipc = NULL;
	bool have_slot = false;
	char opt[16];
	int c, idx, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
		switch (c) {
		case 's':
			if (parse_u32(optarg, "slot", 0, HIDS_MAX_SLOTS - 1, &u.slot))
				return 2;
			have_slot = true;
			break;
		case 'm':
			if (parse_mode(optarg, &u.mode))
				return 2;
			u.has_mode = true;
			break;
		case 'S':
			snprintf(opt, sizeof(opt), "--%s", opts[idx].name);
			if (parse_selector_opt(opt, optarg ?: "", &u.sel) < 0)
				return 2;
			u.has_sel = true;
			break;
		case 'M':
			if (parse_u32(optarg, "max threads", 0, UINT32_MAX, &u.max_threads))
				return 2;
			u.has_max_threads = true;
			break;
		case 'P':
			if (parse_spare(optarg, &u))
				return 2;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc || !have_slot || (!u.has_mode && !u.has_sel && !u.has_max_threads && !u.has_spare)) {
		if (optind < argc)
			fprintf(stderr, "%s: set: unexpected argument '%s'\n", prog_name, argv[optind]);
		else if (!have_slot)
			fprintf(stderr, "%s: set: --slot is required\n", prog_name);
		else
			fprintf(stderr, "%s: set: nothing to change\n", prog_name);
		usage(stderr);
		return 2;
	}
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_set_slot(ipc, &u);
	if (ret)
		ipc_perror(ipc, "set", ret);
	ipc_close(ipc);
	return ret ? 1 : 0;
}
