// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl monitor: print alerts as they come, in human form or as JSON laid
 * out like Falco's JSON output (time, priority, rule, output, output_fields,
 * hostname, source), so pipelines that take Falco alerts take these too.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "ipc.h"
#include "json_writer.h"
#include "options.h"
#include "subcommands.h"


struct monitor {
	bool json, syslog;
	uint32_t count;		/* stop after this many alerts; 0: never */
	uint32_t seen;
	char host[256];
	FILE *out;		/* stdout, or --output's file */
	const char *out_path;
	struct ipc *ipc;
	uint64_t last;		/* number of the last alert printed (or before our start) */
	uint64_t lost;		/* alerts that fell off the ring before we read them */
};

static volatile sig_atomic_t stop, reopen;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		reopen = 1;
	else
		stop = 1;
}

static const char *kind_name(uint8_t kind)
{
	switch (kind) {
	case HIDS_ALERT_KIND_WINDOW: return "window";
	case HIDS_ALERT_KIND_RUNNING: return "running";
	case HIDS_ALERT_KIND_GAP: return "gap";
	case HIDS_ALERT_KIND_UNTRACKED: return "untracked";
	}
	return "unknown";
}

/* The rule each kind of alert reports, as Falco names its rules. */
static const char *rule(uint8_t kind)
{
	switch (kind) {
	case HIDS_ALERT_KIND_GAP: return "hids: system calls dropped unscored";
	case HIDS_ALERT_KIND_UNTRACKED: return "hids: protected thread left untracked";
	}
	return "hids: improbable system call sequence";
}

static double nats(uint32_t q16)
{
	return q16 / 65536.0;
}

/* "2026-11-22T16:10:04.123456789Z" */
static void iso_time(uint64_t ns, char *buf, size_t len)
{
	time_t s = ns / 1000000000ULL;
	struct tm tm;

	gmtime_r(&s, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%09" PRIu64 "Z", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (uint64_t)(ns % 1000000000ULL));
}

static void describe(const struct ipc_alert *a, char *buf, size_t len)
{
	const char *killed = a->response == HIDS_RESPONSE_KILL ? ", process killed" :
			     a->response == HIDS_RESPONSE_ENFORCE ?
			     ", last call stopped before it ran, process killed" :
			     a->spared ? ", process spared" : "";
	size_t i, n;

	if (a->kind == HIDS_ALERT_KIND_UNTRACKED) {
		snprintf(buf, len, "Thread of %s (pid %u tid %u) left untracked: no room in slot %u "
			 "or the thread pool%s", a->comm, a->pid, a->tid, a->slot, killed);
		return;
	}
	if (a->kind == HIDS_ALERT_KIND_GAP) {
		snprintf(buf, len, "System calls of %s (pid %u tid %u) dropped unscored: %" PRIu64
			 " so far, running score %.2f after %" PRIu64 " calls, slot %u model %s",
			 a->comm, a->pid, a->tid, a->drops, nats(a->score), a->steps, a->slot,
			 a->model);
		return;
	}
	n = snprintf(buf, len, "Improbable system calls in %s (pid %u tid %u uid %u exe %s): %s score "
		     "%.2f > %.2f nats after %" PRIu64 " calls, slot %u model %s%s; last calls:",
		     a->comm, a->pid, a->tid, a->uid, a->exe[0] ? a->exe : "?", kind_name(a->kind),
		     nats(a->score), nats(a->threshold), a->steps, a->slot, a->model, killed);
	for (i = 0; i < a->ncalls && n < len; i++)
		n += snprintf(buf + n, len - n, " %s", a->calls[i]);
}

/* A string field, or null when the kernel could not tell. */
static void json_or_null(FILE *f, const char *s)
{
	if (*s)
		jw_quoted(f, s);
	else
		fputs("null", f);
}

static void print_json(const struct monitor *m, const struct ipc_alert *a, const char *text)
{
	FILE *f = m->out;
	char t[64];
	size_t i;

	iso_time(a->time_ns, t, sizeof(t));
	fprintf(f, "{\"time\":\"%s\",\"priority\":\"%s\",\"rule\":", t,
		a->response != HIDS_RESPONSE_LOG ? "Critical" : "Warning");
	jw_quoted(f, rule(a->kind));
	fprintf(f, ",\"output\":");
	jw_quoted(f, text);
	fprintf(f, ",\"source\":\"hids\",\"hostname\":");
	jw_quoted(f, m->host);
	fprintf(f, ",\"output_fields\":{\"evt.time\":%" PRIu64 ",\"proc.pid\":%u,"
		"\"thread.tid\":%u,\"proc.ppid\":%u,\"user.uid\":%u,\"proc.name\":",
		a->time_ns, a->pid, a->tid, a->ppid, a->uid);
	jw_quoted(f, a->comm);
	fprintf(f, ",\"proc.exepath\":");
	json_or_null(f, a->exe);
	fprintf(f, ",\"cgroup.id\":%" PRIu64 ",\"cgroup.path\":", a->cgroup);
	json_or_null(f, a->cgroup_path);
	fprintf(f, ",\"hids.seq\":%" PRIu64 ",\"hids.slot\":%u,\"hids.model\":", a->seq, a->slot);
	jw_quoted(f, a->model);
	fprintf(f, ",\"hids.kind\":\"%s\",\"hids.score\":%.4f,\"hids.threshold\":%.4f,"
		"\"hids.steps\":%" PRIu64 ",\"hids.drops\":%" PRIu64 ",\"hids.response\":\"%s\","
		"\"hids.calls\":[", kind_name(a->kind), nats(a->score), nats(a->threshold), a->steps,
		a->drops,
		a->response != HIDS_RESPONSE_LOG ? response_name(a->response) :
		a->spared ? "spared" : "log");
	for (i = 0; i < a->ncalls; i++) {
		if (i)
			fputc(',', f);
		jw_quoted(f, a->calls[i]);
	}
	fprintf(f, "]}}\n");
}

static void emit(struct monitor *m, const struct ipc_alert *a)
{
	char text[1024], t[64];

	describe(a, text, sizeof(text));
	if (m->json) {
		print_json(m, a, text);
	} else {
		iso_time(a->time_ns, t, sizeof(t));
		fprintf(m->out, "%s %s\n", t, text);
	}
	fflush(m->out);
	if (m->syslog)
		syslog(LOG_AUTHPRIV | LOG_WARNING, "%s", text);
	m->seen++;
	if (m->count && m->seen >= m->count)
		stop = 1;
}

/*
 * Print a in sequence: an alert seen already (from the ring and live) is
 * skipped; numbers missing before it are alerts lost for good.
 */
static void deliver(struct monitor *m, const struct ipc_alert *a)
{
	if (stop)
		return;
	if (a->seq && a->seq <= m->last)
		return;
	if (a->seq > m->last + 1) {
		m->lost += a->seq - m->last - 1;
		fprintf(stderr, "%s: monitor: WARNING: alerts %" PRIu64 "..%" PRIu64
			" fell off the module's ring before they were read\n",
			prog_name, m->last + 1, a->seq - 1);
	}
	if (a->seq)
		m->last = a->seq;
	emit(m, a);
}

static int on_ring_alert(const struct ipc_alert *a, void *arg)
{
	deliver(arg, a);
	return 0;
}

/* Fetch from the module's ring what came after the last alert printed. */
static int catch_up(struct monitor *m)
{
	const struct ipc_listener ring = { .alert = on_ring_alert, .arg = m };
	int ret = ipc_get_alerts(m->ipc, m->last, &ring);

	if (ret)
		ipc_perror(m->ipc, "monitor: reading the module's kept alerts", ret);
	return ret;
}

static int on_alert(const struct ipc_alert *a, void *arg)
{
	struct monitor *m = arg;
	struct ipc_alert *copy;

	/* Missed some (socket overrun, a race at start): the ring has them. */
	if (a->seq > m->last + 1) {
		copy = malloc(sizeof(*copy));
		if (!copy)
			return -ENOMEM;
		*copy = *a;		/* the ring's replies reuse a's buffer */
		catch_up(m);
		deliver(m, copy);
		free(copy);
		return 0;
	}
	deliver(m, a);
	return 0;
}

/* The module was unloaded, or loaded again: its numbers start over. */
static int on_family(bool up, void *arg)
{
	struct monitor *m = arg;
	int ret;

	if (!up) {
		fprintf(stderr, "%s: monitor: the hids module was unloaded; waiting for it\n",
			prog_name);
		return 0;
	}
	ret = ipc_rejoin(m->ipc);
	if (ret) {
		ipc_perror(m->ipc, "monitor: listening to the reloaded module", ret);
		return ret;
	}
	fprintf(stderr, "%s: monitor: the hids module was loaded again; listening\n", prog_name);
	m->last = 0;
	return catch_up(m);
}

/* SIGHUP (logrotate): write to a fresh --output file; keep the old on failure. */
static void reopen_output(struct monitor *m)
{
	FILE *f;

	reopen = 0;
	if (!m->out_path)
		return;
	f = fopen(m->out_path, "a");
	if (!f) {
		fprintf(stderr, "%s: monitor: reopening %s: %s (still writing the old file)\n",
			prog_name, m->out_path, strerror(errno));
		return;
	}
	fclose(m->out);
	m->out = f;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s monitor [--json] [--syslog] [--output FILE] [--since-boot]\n"
		"           [--count N] [--duration SECONDS]\n", prog_name);
}

static const struct option opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "syslog", no_argument, NULL, 's' },
	{ "count", required_argument, NULL, 'c' },
	{ "duration", required_argument, NULL, 'd' },
	{ "output", required_argument, NULL, 'o' },
	{ "since-boot", no_argument, NULL, 'b' },
	{ "help", no_argument, NULL, 'h' },
	{}
};

int monitor_main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct monitor m = { .out = stdout };
	const struct ipc_listener l = { .alert = on_alert, .family = on_family, .arg = &m };
	bool since_boot = false;
	struct ipc_status st;
	uint32_t duration = 0;
	time_t end;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			m.json = true;
			break;
		case 's':
			m.syslog = true;
			break;
		case 'c':
			if (parse_u32(optarg, "count", 1, UINT32_MAX, &m.count))
				return 2;
			break;
		case 'd':
			if (parse_u32(optarg, "duration", 1, 7 * 86400, &duration))
				return 2;
			break;
		case 'o':
			m.out_path = optarg;
			break;
		case 'b':
			since_boot = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: monitor: unexpected argument '%s'\n", prog_name, argv[optind]);
		usage(stderr);
		return 2;
	}
	if (m.out_path) {
		m.out = fopen(m.out_path, "a");
		if (!m.out) {
			fprintf(stderr, "%s: monitor: %s: %s\n", prog_name, m.out_path, strerror(errno));
			return 1;
		}
	}
	if (gethostname(m.host, sizeof(m.host) - 1))
		strcpy(m.host, "localhost");
	if (m.syslog)
		openlog("hids", LOG_PID, LOG_AUTHPRIV);
	ret = ipc_open(&m.ipc);
	/* Alerts after the last one raised so far, unless --since-boot. */
	if (!ret)
		ret = ipc_get_status(m.ipc, &st);
	if (!ret) {
		m.last = since_boot ? 0 : st.alert_seq;
		ret = ipc_join(m.ipc, HIDS_MCGRP_ALERTS);
	}
	if (ret) {
		ipc_perror(m.ipc, "monitor", ret);
		ipc_close(m.ipc);
		return 1;
	}
	if (ipc_watch_family(m.ipc))
		fprintf(stderr, "%s: monitor: WARNING: cannot watch for module reloads\n", prog_name);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* Scripts and service managers can tell when alerts start to count. */
	fprintf(stderr, "%s: monitor: listening\n", prog_name);
	/* What came before we joined: all kept ones, or those of the race. */
	ret = catch_up(&m);
	end = time(NULL) + duration;
	while (!ret && !stop && (!duration || time(NULL) < end)) {
		if (reopen)
			reopen_output(&m);
		ret = ipc_poll(m.ipc, 200, &l);
		if (ret == -ENOBUFS) {
			/* The reader fell behind: what it missed is in the ring. */
			fprintf(stderr, "%s: monitor: socket overrun: reading the missed alerts "
				"from the module's ring\n", prog_name);
			ret = catch_up(&m);
		} else if (ret) {
			ipc_perror(m.ipc, "monitor", ret);
		}
	}
	ipc_close(m.ipc);
	if (m.out != stdout)
		fclose(m.out);
	if (m.lost)
		fprintf(stderr, "%s: monitor: %" PRIu64 " alerts lost: they fell off the module's "
			"ring (module parameter alert_ring) before they were read\n", prog_name,
			m.lost);
	return ret || m.lost ? 1 : 0;
}
