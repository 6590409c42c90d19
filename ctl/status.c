// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/hids.h>

#include "ipc.h"
#include "options.h"
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
	[HIDS_STAT_BLOCKED] = "blocked",
	[HIDS_STAT_SKIPPED] = "skipped",
	[HIDS_STAT_FORGED_SIGRETURNS] = "forged_sigreturns",
};

static const char *const enforce_names[] = {
	[HIDS_ENFORCE_UNTESTED] = "untested",
	[HIDS_ENFORCE_AVAILABLE] = "available",
	[HIDS_ENFORCE_UNAVAILABLE] = "unavailable",
};

static const char *enforce_name(uint8_t state)
{
	return table_name(enforce_names, sizeof(enforce_names) / sizeof(enforce_names[0]), state);
}

/* Prometheus text format: metric names, help, type, by enum hids_stat. */
static const struct {
	const char *name, *help;
	bool gauge;
} metrics[] = {
	[HIDS_STAT_SEEN] = { "hids_syscalls_seen_total", "System calls the sys_enter probe saw" },
	[HIDS_STAT_MONITORED] = { "hids_syscalls_monitored_total",
				  "System calls of threads bound to a slot" },
	[HIDS_STAT_RECORDED] = { "hids_trace_events_total", "Trace events queued for recording" },
	[HIDS_STAT_RECORD_DROPPED] = { "hids_trace_events_dropped_total",
				       "Trace events lost: buffers full or nobody listening" },
	[HIDS_STAT_UNTRACKED] = { "hids_threads_untracked_total",
				  "Threads a slot selected but could not track" },
	[HIDS_STAT_SCORED] = { "hids_syscalls_scored_total", "System calls a model scored" },
	[HIDS_STAT_INLINE] = { "hids_syscalls_scored_inline_total",
			       "System calls a thread scored itself (its ring was full)" },
	[HIDS_STAT_DROPPED] = { "hids_syscalls_dropped_total",
				"System calls of detecting threads never scored" },
	[HIDS_STAT_ALERTS] = { "hids_alerts_total", "Alerts raised" },
	[HIDS_STAT_ALERTS_LOST] = { "hids_alerts_lost_total",
				    "Alerts neither sent to a listener nor kept" },
	[HIDS_STAT_KILLED] = { "hids_processes_killed_total", "Processes the kill response killed" },
	[HIDS_STAT_THREADS] = { "hids_threads", "Threads tracked now", true },
	[HIDS_STAT_MEMORY] = { "hids_memory_bytes", "Bytes the module holds now", true },
	[HIDS_STAT_ALERTS_EVICTED] = { "hids_alerts_evicted_total",
				       "Kept alerts that fell off the ring" },
	[HIDS_STAT_BLOCKED] = { "hids_syscalls_blocked_total",
				"System calls the enforce response kept from running" },
	[HIDS_STAT_SKIPPED] = { "hids_syscalls_skipped_total",
				"Signal returns a model skips: neither scored nor context" },
	[HIDS_STAT_FORGED_SIGRETURNS] = {
		"hids_sigreturns_forged_total",
		"Signal returns with no signal delivered to a handler, scored as unknown calls" },
};

static void usage(FILE *f, const char *cmd)
{
	fprintf(f, "Usage: %s %s [--json | --prometheus]\n", prog_name, cmd);
}

static void metric_head(const char *name, const char *help, bool gauge)
{
	printf("# HELP %s %s.\n# TYPE %s %s\n", name, help, name, gauge ? "gauge" : "counter");
}

/* A label value: Prometheus escapes backslash, double quote and newline. */
static void label(const char *key, const char *v, bool last)
{
	printf("%s=\"", key);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			printf("\\%c", *v);
		else if (*v == '\n')
			printf("\\n");
		else
			putchar(*v);
	}
	printf("\"%s", last ? "" : ",");
}

/* The per-slot metrics, by the enum hids_stat of the same count. */
static const struct {
	int stat;
	const char *name, *help;
	bool gauge;
} slot_metrics[] = {
	{ HIDS_STAT_THREADS, "hids_slot_threads", "Threads the slot tracks now", true },
	{ HIDS_STAT_UNTRACKED, "hids_slot_threads_untracked_total",
	  "Threads the slot selected but could not track", false },
	{ HIDS_STAT_MONITORED, "hids_slot_syscalls_monitored_total",
	  "System calls of the slot's threads", false },
	{ HIDS_STAT_SCORED, "hids_slot_syscalls_scored_total",
	  "System calls of the slot's threads its model scored", false },
	{ HIDS_STAT_DROPPED, "hids_slot_syscalls_dropped_total",
	  "System calls of the slot's threads never scored", false },
	{ HIDS_STAT_ALERTS, "hids_slot_alerts_total", "Alerts the slot raised", false },
};

static uint64_t slot_stat(const struct ipc_slot *s, int stat)
{
	switch (stat) {
	case HIDS_STAT_THREADS: return s->threads;
	case HIDS_STAT_UNTRACKED: return s->untracked;
	case HIDS_STAT_MONITORED: return s->monitored;
	case HIDS_STAT_SCORED: return s->scored;
	case HIDS_STAT_DROPPED: return s->dropped;
	case HIDS_STAT_ALERTS: return s->alerts;
	}
	return 0;
}

/* Every per-slot metric, for every slot in use. */
static void print_slot_metrics(const struct ipc_slot *s, size_t n)
{
	char slot[16];
	size_t m, i;

	for (m = 0; m < sizeof(slot_metrics) / sizeof(slot_metrics[0]); m++) {
		metric_head(slot_metrics[m].name, slot_metrics[m].help, slot_metrics[m].gauge);
		for (i = 0; i < n; i++) {
			if (!slot_in_use(&s[i]))
				continue;
			snprintf(slot, sizeof(slot), "%u", s[i].slot);
			printf("%s{", slot_metrics[m].name);
			label("slot", slot, false);
			label("name", s[i].name, false);
			label("mode", mode_name(s[i].mode), true);
			printf("} %" PRIu64 "\n", slot_stat(&s[i], slot_metrics[m].stat));
		}
	}
}

/*
 * For node_exporter's textfile collector.  The per-slot metrics need
 * CAP_NET_ADMIN (the slot list); without it only the module's are printed.
 */
static int print_prometheus(struct ipc *ipc, const struct ipc_status *st)
{
	struct ipc_slot *slots = NULL;
	size_t i, n = 0;
	int ret;

	metric_head("hids_info", "The module's version, ABI and alert delivery (value 1)", true);
	printf("hids_info{");
	label("version", st->version, false);
	printf("abi=\"%" PRIu32 "\",", st->abi_version);
	label("delivery", st->delivery == HIDS_DELIVERY_UNICAST ? "unicast" : "multicast", false);
	label("enforce", enforce_name(st->enforce), true);
	printf("} 1\n");
	for (i = 1; i < sizeof(metrics) / sizeof(metrics[0]); i++) {
		if (!metrics[i].name)
			continue;
		metric_head(metrics[i].name, metrics[i].help, metrics[i].gauge);
		printf("%s %" PRIu64 "\n", metrics[i].name, st->stats[i]);
	}
	ret = ipc_get_slots(ipc, &slots, &n);
	if (ret == -EPERM) {
		printf("# per-slot metrics left out: they need CAP_NET_ADMIN\n");
		return 0;
	}
	if (ret) {
		ipc_perror(ipc, "status", ret);
		return ret;
	}
	print_slot_metrics(slots, n);
	free(slots);
	return 0;
}

static void print_status(const struct ipc_status *st, bool json)
{
	const char *delivery = st->delivery == HIDS_DELIVERY_UNICAST ? "unicast" : "multicast";
	size_t i;
	bool first = true;

	if (json) {
		printf("{\"version\":\"%s\",\"abi_version\":%" PRIu32 ",\"cpus\":%" PRIu32
		       ",\"delivery\":\"%s\",\"enforce\":\"%s\",\"alert_seq\":%" PRIu64
		       ",\"stats\":{", st->version, st->abi_version, st->nr_cpus, delivery,
		       enforce_name(st->enforce), st->alert_seq);
		for (i = 1; i < sizeof(stat_names) / sizeof(stat_names[0]); i++) {
			if (!stat_names[i])
				continue;
			printf("%s\"%s\":%" PRIu64, first ? "" : ",", stat_names[i], st->stats[i]);
			first = false;
		}
		printf("}}\n");
		return;
	}
	printf("%-19s hids %s (ABI %" PRIu32 ")\n", "module:", st->version, st->abi_version);
	printf("%-19s %" PRIu32 "\n", "cpus:", st->nr_cpus);
	printf("%-19s %s\n", "delivery:", delivery);
	printf("%-19s %s%s\n", "enforce:", enforce_name(st->enforce),
	       st->enforce == HIDS_ENFORCE_UNTESTED ? " (the first --response enforce tests it)" :
	       st->enforce == HIDS_ENFORCE_UNAVAILABLE ?
	       " (this kernel runs a call the probe skips: use --response kill)" : "");
	printf("%-19s %" PRIu64 "\n", "last alert:", st->alert_seq);
	for (i = 1; i < sizeof(stat_names) / sizeof(stat_names[0]); i++) {
		if (stat_names[i])
			printf("%-18s: %" PRIu64 "\n", stat_names[i], st->stats[i]);
	}
}

int status_main(int argc, char **argv)
{
	struct ipc_status st;
	struct ipc *ipc = NULL;
	bool json = false, prometheus = false;
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--prometheus")) {
			prometheus = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout, argv[0]);
			return 0;
		} else {
			fprintf(stderr, "%s: %s: unknown argument '%s'\n", prog_name, argv[0], argv[i]);
			usage(stderr, argv[0]);
			return 2;
		}
	}
	ret = ipc_open_any_version(&ipc);
	if (!ret)
		ret = ipc_get_status(ipc, &st);
	if (ret) {
		ipc_perror(ipc, "status", ret);
		ipc_close(ipc);
		return 1;
	}
	if (prometheus) {
		ret = print_prometheus(ipc, &st);
		ipc_close(ipc);
		return ret ? 1 : 0;
	}
	ipc_close(ipc);
	if (st.abi_version != HIDS_ABI_VERSION || strcmp(st.version, HIDS_VERSION))
		fprintf(stderr, "%s: warning: module hids %s (ABI %" PRIu32 "), hidsctl %s "
			"(ABI %d)\n", prog_name, st.version, st.abi_version, HIDS_VERSION,
			HIDS_ABI_VERSION);
	print_status(&st, json);
	return 0;
}
