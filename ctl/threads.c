// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc.h"
#include "json_writer.h"
#include "subcommands.h"

int threads_main(int argc, char **argv)
{
	struct ipc_thread *t = NULL;
	struct ipc *ipc = NULL;
	bool json = false;
	size_t n = 0, i;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--json")) {
		json = true;
	} else if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("Usage: %s threads [--json]\n", prog_name);
		return 0;
	} else if (argc != 1) {
		fprintf(stderr, "%s: threads: unknown argument '%s'\n", prog_name, argv[1]);
		fprintf(stderr, "Usage: %s threads [--json]\n", prog_name);
		return 2;
	}
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_get_threads(ipc, &t, &n);
	if (ret) {
		ipc_perror(ipc, "threads", ret);
		ipc_close(ipc);
		return 1;
	}
	ipc_close(ipc);
	if (!json)
		printf("%-8s %-8s %-16s %-4s %-10s %-10s %-8s %-8s %s\n", "tid", "pid", "comm", "slot",
		       "calls", "scored", "window", "running", "dropped");
	for (i = 0; i < n; i++) {
		if (json) {
			printf("{\"tid\":%u,\"pid\":%u,\"comm\":", t[i].tid, t[i].pid);
			jw_quoted(stdout, t[i].comm);
			printf(",\"slot\":%u,\"calls\":%" PRIu64, t[i].slot, t[i].calls);
			if (t[i].scored)
				printf(",\"steps\":%" PRIu64 ",\"score_sum\":%" PRIu64
				       ",\"window_score\":%.4f,\"running_score\":%.4f,\"drops\":%"
				       PRIu64, t[i].steps, t[i].score_sum, t[i].window_score / 65536.0,
				       t[i].running_score / 65536.0, t[i].drops);
			printf("}\n");
		} else if (t[i].scored) {
			printf("%-8u %-8u %-16s %-4u %-10" PRIu64 " %-10" PRIu64 " %-8.3f %-8.3f %" PRIu64 "\n",
			       t[i].tid, t[i].pid, t[i].comm, t[i].slot, t[i].calls, t[i].steps,
			       t[i].window_score / 65536.0, t[i].running_score / 65536.0, t[i].drops);
		} else {
			printf("%-8u %-8u %-16s %-4u %" PRIu64 "\n", t[i].tid, t[i].pid, t[i].comm,
			       t[i].slot, t[i].calls);
		}
	}
	free(t);
	return 0;
}
