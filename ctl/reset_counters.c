// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "ipc.h"
#include "subcommands.h"

int reset_counters_main(int argc, char **argv)
{
	struct ipc *ipc = NULL;
	int ret;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("Usage: %s %s\n", prog_name, argv[0]);
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "%s: %s: unknown argument '%s'\n", prog_name, argv[0], argv[1]);
		fprintf(stderr, "Usage: %s %s\n", prog_name, argv[0]);
		return 2;
	}
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_reset_stats(ipc);
	if (ret)
		ipc_perror(ipc, "reset-counters", ret);
	ipc_close(ipc);
	return ret ? 1 : 0;
}
