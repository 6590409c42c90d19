// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/hids.h>

#include "ipc.h"
#include "subcommands.h"

/* Counter names, as printed and as JSON keys, by enum hids_stat. */
static const char *const stat_names[] = {
	[HIDS_STAT_SEEN] = "seen",
	[HIDS_STAT_MONITORED] = "monitored",
	[HIDS_STAT_RECORDED] = "recorded",
	[HIDS_STAT_RECORD_DROPPED] = "record_dropped",
	[HIDS_STAT_UNTRACKED] = "untracked",
	[HIDS_STAT_SCORED] = "scored",
	[HIDS_STAT_INLINE] = "scored_inline",
	[HIDS_STAT_DROPPED] = "dropped",
	[HIDS_STAT_ALERTS] = "alerts",
	[HIDS_STAT_ALERTS_LOST] = "alerts_lost",
	[HIDS_STAT_KILLED] = "killed",
	[HIDS_STAT_THREADS] = "threads",
	[HIDS_STAT_MEMORY] = "memory_bytes",
	[HIDS_STAT_ALERTS_EVICTED] = "alerts_evicted",
};

static void usage(FILE *f, const char *cmd)
{
	fprintf(f, "Usage: %s %s [--json]\n", prog_name, cmd);
}

static void print_status(const struct ipc_status *st, bool json)
{
	const char *delivery = st->delivery == HIDS_DELIVERY_UNICAST ? "unicast" : "multicast";
	size_t i;
	bool first = true;

	if (json) {
		printf("{\"version\":\"%s\",\"abi_version\":%" PRIu32 ",\"cpus\":%" PRIu32
		       ",\"delivery\":\"%s\",\"alert_seq\":%" PRIu64 ",\"stats\":{", st->version,
		       st->abi_version, st->nr_cpus, delivery, st->alert_seq);
		for (i = 1; i < sizeof(stat_names) / sizeof(stat_names[0]); i++) {
			if (!stat_names[i])
				continue;
			printf("%s\"%s\":%" PRIu64, first ? "" : ",", stat_names[i], st->stats[i]);
			first = false;
		}
		printf("}}\n");
		return;
	}
	printf("%-16s hids %s (ABI %" PRIu32 ")\n", "module:", st->version, st->abi_version);
	printf("%-16s %" PRIu32 "\n", "cpus:", st->nr_cpus);
	printf("%-16s %s\n", "delivery:", delivery);
	printf("%-16s %" PRIu64 "\n", "last alert:", st->alert_seq);
	for (i = 1; i < sizeof(stat_names) / sizeof(stat_names[0]); i++) {
		if (stat_names[i])
			printf("%-15s: %" PRIu64 "\n", stat_names[i], st->stats[i]);
	}
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
	if (st.abi_version != HIDS_ABI_VERSION || strcmp(st.version, HIDS_VERSION))
		fprintf(stderr, "%s: warning: module hids %s (ABI %" PRIu32 "), hidsctl %s "
			"(ABI %d)\n", prog_name, st.version, st.abi_version, HIDS_VERSION,
			HIDS_ABI_VERSION);
	print_status(&st, json);
	return 0;
}
