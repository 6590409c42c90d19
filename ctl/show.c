// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ipc.h"
#include "json_writer.h"
#include "options.h"
#include "subcommands.h"

static void print_slots(const struct ipc_slot *s, size_t n, bool json)
{
	char sel[HIDS_CGROUP_PATH_MAX + 16];
	size_t i;

	if (!json)
		printf("%-4s %-7s %-8s %-6s %-9s %s\n", "slot", "mode", "threads", "limit",
		       "untracked", "selector");
	for (i = 0; i < n; i++) {
		selector_str(&s[i].sel, sel, sizeof(sel));
		if (json) {
			printf("{\"slot\":%u,\"mode\":\"%s\",\"threads\":%u,\"max_threads\":%u,"
			       "\"untracked\":%" PRIu64 ",\"selector\":", s[i].slot,
			       mode_name(s[i].mode), s[i].threads, s[i].max_threads, s[i].untracked);
			jw_quoted(stdout, sel);
			printf(",\"spare\":");
			jw_quoted(stdout, s[i].spare);
			printf(",\"name\":");
			jw_quoted(stdout, s[i].name);
			printf(",\"monitored\":%" PRIu64 ",\"scored\":%" PRIu64 ",\"dropped\":%" PRIu64
			       ",\"alerts\":%" PRIu64, s[i].monitored, s[i].scored, s[i].dropped,
			       s[i].alerts);
			if (s[i].model[0]) {
				printf(",\"model\":");
				jw_quoted(stdout, s[i].model);
				printf(",\"model_crc\":%u,\"model_source\":", s[i].model_crc);
				jw_quoted(stdout, s[i].model_source);
				printf(",\"threshold\":%.4f,\"running_threshold\":%.4f,\"window\":%u,"
				       "\"min_calls\":%u,\"response\":\"%s\",\"overflow\":\"%s\","
				       "\"alert_interval_ms\":%u", s[i].thresh_window / 65536.0,
				       s[i].thresh_running / 65536.0, s[i].window, s[i].min_calls,
				       response_name(s[i].response),
				       overflow_name(s[i].overflow), s[i].alert_interval);
			}
			printf("}\n");
		} else {
			char limit[16] = "-";

			if (s[i].max_threads)
				snprintf(limit, sizeof(limit), "%u", s[i].max_threads);
			printf("%-4u %-7s %-8u %-6s %-9" PRIu64 " %s", s[i].slot, mode_name(s[i].mode),
			       s[i].threads, limit, s[i].untracked, sel);
			if (s[i].model[0])
				printf(" | model %s, threshold %.3f, running %.3f, W %u, K %u, %s",
				       s[i].model, s[i].thresh_window / 65536.0,
				       s[i].thresh_running / 65536.0, s[i].window, s[i].min_calls,
				       response_name(s[i].response));
			if (s[i].spare[0])
				printf(", spare %s", s[i].spare);
			if (s[i].name[0])
				printf(" [%s]", s[i].name);
			printf("\n");
		}
	}
}

int show_main(int argc, char **argv)
{
	struct ipc_slot *slots = NULL;
	struct ipc *ipc = NULL;
	bool json = false, config = false;
	size_t n = 0;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--json")) {
		json = true;
	} else if (argc == 2 && !strcmp(argv[1], "--config")) {
		config = true;
	} else if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("Usage: %s show [--json | --config]\n", prog_name);
		return 0;
	} else if (argc != 1) {
		fprintf(stderr, "%s: show: unknown argument '%s'\n", prog_name, argv[1]);
		fprintf(stderr, "Usage: %s show [--json | --config]\n", prog_name);
		return 2;
	}
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_get_slots(ipc, &slots, &n);
	if (ret) {
		ipc_perror(ipc, "show", ret);
		ipc_close(ipc);
		return 1;
	}
	ipc_close(ipc);
	if (config)
		config_print(stdout, slots, n);
	else
		print_slots(slots, n, json);
	free(slots);
	return 0;
}
