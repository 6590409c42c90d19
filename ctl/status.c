// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/hids.h>

#include "ipc.h"
#include "subcommands.h"

static void usage(FILE *f, const char *cmd)
{
	fprintf(f, "Usage: %s %s [--json]\n", prog_name, cmd);
}

static void print_status(const struct ipc_status *st, bool json)
{
	if (json) {
		printf("{\"version\":\"%s\",\"abi_version\":%" PRIu32 ",\"cpus\":%" PRIu32
		       ",\"stats\":{\"seen\":%" PRIu64 "}}\n",
		       st->version, st->abi_version, st->nr_cpus, st->seen);
		return;
	}
	printf("module:        hids %s (ABI %" PRIu32 ")\n", st->version, st->abi_version);
	printf("cpus:          %" PRIu32 "\n", st->nr_cpus);
	printf("syscalls seen: %" PRIu64 "\n", st->seen);
}

int status_main(int argc, char **argv)
{
	struct ipc_status st;
	struct ipc *ipc = NULL;
	bool json = false;
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout, argv[0]);
			return 0;
		} else {
			fprintf(stderr, "%s: %s: unknown argument '%s'\n", prog_name, argv[0], argv[i]);
			usage(stderr, argv[0]);
			return 2;
		}
	}
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_get_status(ipc, &st);
	if (ret) {
		ipc_perror(ipc, "status", ret);
		ipc_close(ipc);
		return 1;
	}
	ipc_close(ipc);
	if (st.abi_version != HIDS_ABI_VERSION)
		fprintf(stderr, "%s: warning: module ABI %" PRIu32 ", hidsctl built for %d\n",
			prog_name, st.abi_version, HIDS_ABI_VERSION);
	print_status(&st, json);
	return 0;
}
