// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl set: change a live slot.  A change of thresholds, K, response,
 * overflow, alert interval, spare list or thread limit keeps the bound
 * threads' scores; a new selector, mode or window starts them over.
 */
#include <getopt.h>
#include <stdio.h>

#include "ipc.h"
#include "slot_args.h"
#include "subcommands.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s set --slot N [--cgroup PATH | --exe PATH | --comm NAME | --pid PID | --all]\n"
		SLOT_ARGS_USAGE, prog_name);
}

int set_main(int argc, char **argv)
{
	struct slot_args a = {};
	const struct ipc_slot_update *u = &a.u;
	struct ipc *ipc = NULL;
	int ret;

	if (parse_slot_args(argc, argv, &a, false)) {
		usage(stderr);
		return 2;
	}
	if (a.help) {
		usage(stdout);
		return 0;
	}
	if (optind < argc || !a.have_slot ||
	    !(u->name || u->has_mode || u->has_sel || u->has_max_threads || u->has_spare ||
	      u->has_thresh_window || u->has_thresh_running || u->has_window ||
	      u->has_min_calls || u->has_response || u->has_overflow || u->has_alert_interval)) {
		if (optind < argc)
			fprintf(stderr, "%s: set: unexpected argument '%s'\n", prog_name, argv[optind]);
		else if (!a.have_slot)
			fprintf(stderr, "%s: set: --slot is required\n", prog_name);
		else
			fprintf(stderr, "%s: set: nothing to change\n", prog_name);
		usage(stderr);
		return 2;
	}
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_set_slot(ipc, u);
	if (ret)
		ipc_perror(ipc, "set", ret);
	ipc_close(ipc);
	return ret ? 1 : 0;
}
