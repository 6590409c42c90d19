// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl record: bind a slot in record mode to the selected threads,
 * collect the kernel's trace batches, and write them as LID-DS 2021 .sc
 * lines (the format hids-train reads).  Every loss is reported: events the
 * kernel dropped, batches missing from a CPU's sequence, socket overruns.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipc.h"
#include "options.h"
#include "sc.h"
#include "subcommands.h"

#define MAX_CPUS 4096
#define DRAIN_MS 500

struct recording {
	uint8_t slot;
	struct hids_trace_event *ev;
	size_t n, cap;
	bool seen_cpu[MAX_CPUS];
	uint64_t next_seq[MAX_CPUS];
	uint64_t dropped_base[MAX_CPUS];
	uint64_t dropped_last[MAX_CPUS];
	uint64_t lost_batches;
	uint64_t overruns;
	/*
	 * The kernel's drop counter around the recording: batches only show
	 * drops from a CPU's first batch on, the counter also those before it
	 * (and any other recording's: it never under-reports).
	 */
	uint64_t status_dropped;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s record (--cgroup PATH | --exe PATH | --comm NAME | --pid PID | --all)\n"
		"           -o FILE [--duration SECONDS] [--slot N]\n", prog_name);
}

static int collect(const struct ipc_trace_batch *b, void *arg)
{
	struct recording *r = arg;
	size_t i;

	if (b->cpu >= MAX_CPUS)
		return -ERANGE;
	if (!r->seen_cpu[b->cpu]) {
		/* Losses before we listened are not ours to report. */
		r->seen_cpu[b->cpu] = true;
		r->dropped_base[b->cpu] = b->dropped;
	} else if (b->seq != r->next_seq[b->cpu]) {
		r->lost_batches += b->seq - r->next_seq[b->cpu];
	}
	r->next_seq[b->cpu] = b->seq + 1;
	r->dropped_last[b->cpu] = b->dropped;
	for (i = 0; i < b->n; i++) {
		if (b->events[i].slot != r->slot)
			continue;
		if (r->n == r->cap) {
			size_t cap = r->cap ? 2 * r->cap : 4096;
			void *p = realloc(r->ev, cap * sizeof(*r->ev));

			if (!p)
				return -ENOMEM;
			r->ev = p;
			r->cap = cap;
		}
		r->ev[r->n++] = b->events[i];
	}
	return 0;
}

static int cmp_time(const void *a, const void *b)
{
	const struct hids_trace_event *x = a, *y = b;

	return x->time_ns < y->time_ns ? -1 : x->time_ns > y->time_ns;
}

/* One LID-DS 2021 .sc line, by the writer hids-train's reader is tested with. */
static int write_event(FILE *f, const struct hids_trace_event *e)
{
	char comm[HIDS_COMM_LEN + 1], unknown[32], line[256];
	struct sc_event ev = {
		.ts_ns = e->time_ns, .uid = e->uid, .pid = e->pid, .tid = e->tid,
		.comm = comm, .name = syscall_name(e->abi, e->nr),
		.dir = e->dir == HIDS_TRACE_EXIT ? '<' : '>',
		.has_res = e->dir == HIDS_TRACE_EXIT, .res = e->ret,
	};
	int n;

	memcpy(comm, e->comm, HIDS_COMM_LEN);
	comm[HIDS_COMM_LEN] = '\0';
	if (!comm[0])
		strcpy(comm, "?");
	if (!ev.name) {
		snprintf(unknown, sizeof(unknown), "syscall_%s%d",
			 e->abi == HIDS_CALL_I386 ? "i386_" : e->abi == HIDS_CALL_X32 ? "x32_" :
			 e->abi == HIDS_CALL_IO_URING ? "io_uring_" : "", e->nr);
		ev.name = unknown;
	}
	n = sc_format_line(line, sizeof(line), &ev);
	if (n < 0)
		return n;
	return fwrite(line, 1, n, f) == (size_t)n ? 0 : -EIO;
}

static int pick_free_slot(struct ipc *ipc, uint32_t *slot)
{
	struct ipc_slot *s;
	size_t n, i;
	int ret;

	ret = ipc_get_slots(ipc, &s, &n);
	if (ret)
		return ret;
	ret = -EBUSY;
	for (i = n; i-- > 0;) {
		if (s[i].mode == HIDS_MODE_OFF) {
			*slot = s[i].slot;
			ret = 0;
			break;
		}
	}
	free(s);
	return ret;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run(struct ipc *ipc, struct recording *r, const struct ipc_slot_update *on,
	       uint32_t duration)
{
	struct ipc_slot_update off = { .slot = on->slot, .has_mode = true, .mode = HIDS_MODE_OFF };
	const struct ipc_listener l = { .trace = collect, .arg = r };
	double end = now_s() + duration, drain_end;
	struct ipc_status st;
	uint64_t dropped0;
	int ret, poll_ret = 0;

	ret = ipc_join(ipc, HIDS_MCGRP_TRACE);
	if (ret) {
		ipc_perror(ipc, "record: joining the trace group", ret);
		return ret;
	}
	ret = ipc_get_status(ipc, &st);
	if (ret) {
		ipc_perror(ipc, "record: reading the counters", ret);
		return ret;
	}
	dropped0 = st.stats[HIDS_STAT_RECORD_DROPPED];
	ret = ipc_set_slot(ipc, on);
	if (ret) {
		ipc_perror(ipc, "record: setting the slot", ret);
		return ret;
	}
	while (!stop && (!duration || now_s() < end)) {
		poll_ret = ipc_poll(ipc, 200, &l);
		if (poll_ret == -ENOBUFS)
			r->overruns++;
		else if (poll_ret)
			break;
	}
	ret = ipc_set_slot(ipc, &off);
	if (ret)
		ipc_perror(ipc, "record: turning the slot off", ret);
	/* The kernel sends what its buffers still hold when the slot stops. */
	drain_end = now_s() + DRAIN_MS / 1000.0;
	while (!poll_ret && now_s() < drain_end) {
		poll_ret = ipc_poll(ipc, 100, &l);
		if (poll_ret == -ENOBUFS) {
			r->overruns++;
			poll_ret = 0;
		}
	}
	if (poll_ret) {
		ipc_perror(ipc, "record: receiving", poll_ret);
		return poll_ret;
	}
	if (!ret)
		ret = ipc_get_status(ipc, &st);
	if (!ret)
		r->status_dropped = st.stats[HIDS_STAT_RECORD_DROPPED] - dropped0;
	return ret;
}

static int report(const struct recording *r, const char *path)
{
	uint64_t dropped = 0;
	size_t i;

	for (i = 0; i < MAX_CPUS; i++)
		dropped += r->dropped_last[i] - r->dropped_base[i];
	if (r->status_dropped > dropped)
		dropped = r->status_dropped;
	fprintf(stderr, "record: %zu events written to %s\n", r->n, path);
	if (dropped || r->lost_batches || r->overruns) {
		fprintf(stderr, "record: WARNING: events were lost: %" PRIu64
			" dropped by the kernel (buffers full), %" PRIu64
			" batches missing, %" PRIu64 " socket overruns\n",
			dropped, r->lost_batches, r->overruns);
		return 1;
	}
	return 0;
}

static const struct option opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "duration", required_argument, NULL, 'd' },
	{ "slot", required_argument, NULL, 's' },
	{ "comm", required_argument, NULL, 'S' },
	{ "pid", required_argument, NULL, 'S' },
	{ "cgroup", required_argument, NULL, 'S' },
	{ "exe", required_argument, NULL, 'S' },
	{ "all", no_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{}
};

int record_main(int argc, char **argv)
{
	struct ipc_slot_update on = { .has_mode = true, .mode = HIDS_MODE_RECORD, .has_sel = true };
	struct sigaction sa = { .sa_handler = on_signal };
	struct recording *r = NULL;
	const char *path = NULL;
	struct ipc *ipc = NULL;
	uint32_t duration = 0;
	bool have_slot = false;
	int c, idx, ret, status = 1;
	char opt[16];
	FILE *f = NULL;
	size_t i;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, &idx)) != -1) {
		switch (c) {
		case 'o':
			path = optarg;
			break;
		case 'd':
			if (parse_u32(optarg, "duration", 1, 7 * 86400, &duration))
				return 2;
			break;
		case 's':
			if (parse_u32(optarg, "slot", 0, HIDS_MAX_SLOTS - 1, &on.slot))
				return 2;
			have_slot = true;
			break;
		case 'S':
			snprintf(opt, sizeof(opt), "--%s", opts[idx].name);
			if (parse_selector_opt(opt, optarg ?: "", &on.sel) < 0)
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
	if (optind < argc || !path || on.sel.kind == HIDS_SEL_UNSPEC) {
		if (optind < argc)
			fprintf(stderr, "%s: record: unexpected argument '%s'\n", prog_name, argv[optind]);
		else
			fprintf(stderr, "%s: record: %s is required\n", prog_name,
				!path ? "-o FILE" : "a selector");
		usage(stderr);
		return 2;
	}
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: record: %s: %s\n", prog_name, path, strerror(errno));
		return 1;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		goto out;
	ret = ipc_open(&ipc);
	if (!ret && !have_slot) {
		ret = pick_free_slot(ipc, &on.slot);
		if (ret == -EBUSY)
			fprintf(stderr, "%s: record: every slot is in use; free one or pass --slot\n",
				prog_name);
	}
	if (ret) {
		if (ret != -EBUSY)
			ipc_perror(ipc, "record", ret);
		goto out;
	}
	r->slot = on.slot;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (run(ipc, r, &on, duration))
		goto out;
	qsort(r->ev, r->n, sizeof(*r->ev), cmp_time);
	for (i = 0; i < r->n && !ret; i++)
		ret = write_event(f, &r->ev[i]);
	if (ret || fflush(f) || ferror(f)) {
		fprintf(stderr, "%s: record: writing %s: %s\n", prog_name, path, strerror(errno));
		goto out;
	}
	status = report(r, path);
out:
	if (f && fclose(f) && !status) {
		fprintf(stderr, "%s: record: closing %s: %s\n", prog_name, path, strerror(errno));
		status = 1;
	}
	ipc_close(ipc);
	if (r)
		free(r->ev);
	free(r);
	return status;
}
