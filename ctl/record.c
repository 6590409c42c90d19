// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl record: bind a slot in record mode to the selected threads,
 * collect the kernel's trace batches, and write them as LID-DS 2021 .sc
 * lines (the format hids-train reads).  Every loss is reported: events the
 * kernel dropped, batches missing from a CPU's sequence, socket overruns.
 *
 * The file is written as the recording goes: each CPU's batches come in
 * time order but the CPUs' interleave, and the kernel sends every CPU's
 * events within a flush interval (100 ms), so events older than LAG are
 * sorted and written, the newer ones wait.  Memory is what LAG of events
 * takes (bounded by PENDING_MAX), and a recorder stopped at any moment,
 * even by SIGKILL, leaves a file of the events up to then (hids-train
 * skips a last line cut short).  An event that comes later than LAG is
 * written where it lands and counted.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipc.h"
#include "options.h"
#include "sc.h"
#include "json_writer.h"
#include "sc_output.h"
#include "subcommands.h"

#define MAX_CPUS 4096
#define DRAIN_MS 500
#define LAG_NS (2 * 1000000000ULL)
#define PENDING_MAX (1u << 21)		/* events, 112 MiB */
#define WRITE_EVERY_S 0.2
#define PROGRESS_EVERY_S 5.0

struct recording {
	uint8_t slot;
	struct hids_trace_event *ev;	/* received, not written yet */
	size_t n, cap;
	FILE *f;
	struct sc_output *out;		/* f, plain or through --compress */
	const char *path;
	uint64_t written, bytes, late, max_size;
	uint64_t last_ts;		/* of the last event written */
	bool full;			/* --max-size reached */
	bool progress;
	bool json;			/* progress and outcome as JSON on stdout */
	int write_err;
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
		"           -o FILE [--duration SECONDS] [--max-size BYTES[k|M|G]] [--progress]\n"
		"           [--compress gzip|zstd] [--slot N] [--json]\n", prog_name);
}

static int cmp_time(const void *a, const void *b)
{
	const struct hids_trace_event *x = a, *y = b;

	return x->time_ns < y->time_ns ? -1 : x->time_ns > y->time_ns;
}

/*
 * One LID-DS 2021 .sc line, by the writer hids-train's reader is tested
 * with: its length, or -errno.
 */
static int write_event(struct recording *r, const struct hids_trace_event *e)
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
	return sc_output_write(r->out, line, n) ?: n;
}

/*
 * Write the pending events up to time upto_ns, in time order, until the
 * file reaches --max-size (the rest is left pending, and counted at the end).
 */
static int write_upto(struct recording *r, uint64_t upto_ns)
{
	size_t i, done;
	int ret = 0;

	qsort(r->ev, r->n, sizeof(*r->ev), cmp_time);
	for (done = 0; done < r->n && r->ev[done].time_ns <= upto_ns && !ret; done++) {
		if (r->max_size && r->bytes >= r->max_size) {
			r->full = true;
			break;
		}
		if (r->ev[done].time_ns < r->last_ts)
			r->late++;
		else
			r->last_ts = r->ev[done].time_ns;
		ret = write_event(r, &r->ev[done]);
		if (ret > 0) {
			r->bytes += ret;
			ret = 0;
		}
	}
	/* A sync flush: what is written decompresses even if we die now. */
	if (!ret)
		ret = sc_output_flush(r->out);
	if (ret) {
		r->write_err = ret;
		fprintf(stderr, "%s: record: writing %s: %s\n", prog_name, r->path,
			strerror(ret == -EIO ? errno : -ret));
		return ret;
	}
	r->written += done;
	for (i = done; i < r->n; i++)
		r->ev[i - done] = r->ev[i];
	r->n -= done;
	if (r->max_size && r->bytes >= r->max_size)
		r->full = true;
	return 0;
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
		/* Too much pending: the oldest half goes out now. */
		if (r->n == PENDING_MAX && write_upto(r, r->ev[r->n / 2].time_ns))
			return r->write_err;
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

static uint64_t real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
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

/* --progress: every PROGRESS_EVERY_S, what the file holds so far. */
static void show_progress(const struct recording *r, double seconds)
{
	uint64_t events = r->written + r->n;

	if (r->json) {
		printf("{\"seconds\":%.0f,\"events\":%" PRIu64 ",\"events_per_s\":%.0f,"
		       "\"bytes\":%" PRIu64 "}\n", seconds, events, events / seconds, r->bytes);
		fflush(stdout);
		return;
	}
	fprintf(stderr, "record: %.0f s, %" PRIu64 " events (%.0f/s), %.1f MB\n", seconds, events,
		events / seconds, r->bytes / 1e6);
}

static int run(struct ipc *ipc, struct recording *r, const struct ipc_slot_update *on,
	       uint32_t duration)
{
	struct ipc_slot_update off = { .slot = on->slot, .has_mode = true, .mode = HIDS_MODE_OFF };
	const struct ipc_listener l = { .trace = collect, .arg = r };
	double start = now_s(), end = start + duration, drain_end, written_at = start;
	double progress_at = start + PROGRESS_EVERY_S;
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
	while (!stop && !r->full && (!duration || now_s() < end)) {
		poll_ret = ipc_poll(ipc, 200, &l);
		if (poll_ret == -ENOBUFS)
			r->overruns++;
		else if (poll_ret)
			break;
		if (now_s() - written_at >= WRITE_EVERY_S) {
			written_at = now_s();
			poll_ret = write_upto(r, real_ns() - LAG_NS);
			if (poll_ret)
				break;
		}
		if (r->progress && now_s() >= progress_at) {
			show_progress(r, now_s() - start);
			progress_at += PROGRESS_EVERY_S;
		}
	}
	if (r->full)
		fprintf(stderr, "record: %s reached --max-size (%" PRIu64 " bytes): stopping\n",
			r->path, r->max_size);
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
		if (!r->write_err)
			ipc_perror(ipc, "record: receiving", poll_ret == -ENOBUFS ?
				   -ENOMEM : poll_ret);
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
	if (r->json) {
		printf("{\"file\":");
		jw_quoted(stdout, path);
		printf(",\"events\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"unwritten\":%zu,"
		       "\"late\":%" PRIu64 ",\"dropped\":%" PRIu64 ",\"lost_batches\":%" PRIu64
		       ",\"overruns\":%" PRIu64 ",\"complete\":%s}\n", r->written, r->bytes,
		       r->full ? r->n : 0, r->late, dropped, r->lost_batches, r->overruns,
		       dropped || r->lost_batches || r->overruns ? "false" : "true");
	}
	fprintf(stderr, "record: %" PRIu64 " events written to %s\n", r->written, path);
	if (r->full && r->n)
		fprintf(stderr, "record: %zu events after --max-size were not written\n", r->n);
	if (r->late)
		fprintf(stderr, "record: WARNING: %" PRIu64 " events came more than %llu s late and "
			"are out of time order in the file\n", r->late, LAG_NS / 1000000000ULL);
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
	{ "max-size", required_argument, NULL, 'm' },
	{ "progress", no_argument, NULL, 'p' },
	{ "json", no_argument, NULL, 'j' },
	{ "compress", required_argument, NULL, 'z' },
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
	bool have_slot = false, progress = isatty(STDERR_FILENO), json = false;
	uint64_t max_size = 0;
	int c, idx, ret, status = 1, compress = SC_PLAIN;
	char opt[16];
	FILE *f = NULL;

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
		case 'm':
			if (parse_size(optarg, &max_size))
				return 2;
			break;
		case 'p':
			progress = true;
			break;
		case 'j':
			json = true;
			break;
		case 'z':
			compress = sc_compress_parse(optarg);
			if (compress < 0) {
				fprintf(stderr, "%s: record: invalid --compress '%s' (want gzip or zstd)\n",
					prog_name, optarg);
				return 2;
			}
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
	r->f = f;
	r->out = sc_output_open(f, compress);
	if (!r->out) {
		fprintf(stderr, "%s: record: %s: out of memory\n", prog_name, path);
		goto out;
	}
	r->path = path;
	r->max_size = max_size;
	r->progress = progress;
	r->json = json;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ret = run(ipc, r, &on, duration);
	/* What is still pending goes out, whatever stopped the recording. */
	if (!r->write_err && (write_upto(r, UINT64_MAX) || ferror(f)))
		ret = -EIO;
	/* The compressed stream's end: a whole stream. */
	if (sc_output_close(r->out) && !ret) {
		fprintf(stderr, "%s: record: finishing %s: %s\n", prog_name, path, strerror(errno));
		ret = -EIO;
	}
	r->out = NULL;
	if (!ret)
		status = report(r, path);
out:
	if (r && r->out)
		sc_output_close(r->out);
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
