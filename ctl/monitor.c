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
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "ipc.h"
#include "json.h"
#include "options.h"
#include "subcommands.h"


struct monitor {
	bool json, syslog;
	uint32_t count;		/* stop after this many alerts; 0: never */
	uint32_t seen;
	char host[256];
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
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
	n = snprintf(buf, len, "Improbable system calls in %s (pid %u tid %u): %s score %.2f > %.2f nats "
		     "after %" PRIu64 " calls, slot %u model %s%s; last calls:",
		     a->comm, a->pid, a->tid, kind_name(a->kind), nats(a->score), nats(a->threshold),
		     a->steps, a->slot, a->model, killed);
	for (i = 0; i < a->ncalls && n < len; i++)
		n += snprintf(buf + n, len - n, " %s", a->calls[i]);
}

static void print_json(const struct monitor *m, const struct ipc_alert *a, const char *text)
{
	char t[64];
	size_t i;

	iso_time(a->time_ns, t, sizeof(t));
	printf("{\"time\":\"%s\",\"priority\":\"%s\",\"rule\":", t,
	       a->response == HIDS_RESPONSE_KILL ? "Critical" : "Warning");
	json_string(stdout, rule(a->kind));
	printf(",\"output\":");
	json_string(stdout, text);
	printf(",\"source\":\"hids\",\"hostname\":");
	json_string(stdout, m->host);
	printf(",\"output_fields\":{\"evt.time\":%" PRIu64 ",\"proc.pid\":%u,\"thread.tid\":%u,"
	       "\"proc.name\":", a->time_ns, a->pid, a->tid);
	json_string(stdout, a->comm);
	printf(",\"cgroup.id\":%" PRIu64 ",\"hids.slot\":%u,\"hids.model\":", a->cgroup, a->slot);
	json_string(stdout, a->model);
	printf(",\"hids.kind\":\"%s\",\"hids.score\":%.4f,\"hids.threshold\":%.4f,"
	       "\"hids.steps\":%" PRIu64 ",\"hids.drops\":%" PRIu64 ",\"hids.response\":\"%s\","
	       "\"hids.calls\":[", kind_name(a->kind), nats(a->score), nats(a->threshold), a->steps,
	       a->drops,
	       a->response == HIDS_RESPONSE_KILL ? "kill" : a->spared ? "spared" : "log");
	for (i = 0; i < a->ncalls; i++) {
		if (i)
			putchar(',');
		json_string(stdout, a->calls[i]);
	}
	printf("]}}\n");
}

static int on_alert(const struct ipc_alert *a, void *arg)
{
	struct monitor *m = arg;
	char text[1024], t[64];

	describe(a, text, sizeof(text));
	if (m->json) {
		print_json(m, a, text);
	} else {
		iso_time(a->time_ns, t, sizeof(t));
		printf("%s %s\n", t, text);
	}
	fflush(stdout);
	if (m->syslog)
		syslog(LOG_AUTHPRIV | LOG_WARNING, "%s", text);
	m->seen++;
	if (m->count && m->seen >= m->count)
		stop = 1;
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s monitor [--json] [--syslog] [--count N] [--duration SECONDS]\n",
		prog_name);
}

static const struct option opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "syslog", no_argument, NULL, 's' },
	{ "count", required_argument, NULL, 'c' },
	{ "duration", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{}
};

int monitor_main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct monitor m = {};
	const struct ipc_listener l = { .alert = on_alert, .arg = &m };
	struct ipc *ipc = NULL;
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
	if (gethostname(m.host, sizeof(m.host) - 1))
		strcpy(m.host, "localhost");
	if (m.syslog)
		openlog("hids", LOG_PID, LOG_AUTHPRIV);
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_join(ipc, HIDS_MCGRP_ALERTS);
	if (ret) {
		ipc_perror(ipc, "monitor", ret);
		ipc_close(ipc);
		return 1;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* Scripts and service managers can tell when alerts start to count. */
	fprintf(stderr, "%s: monitor: listening\n", prog_name);
	end = time(NULL) + duration;
	while (!stop && (!duration || time(NULL) < end)) {
		ret = ipc_poll(ipc, 200, &l);
		if (ret == -ENOBUFS) {
			/* Never silent: the reader fell behind and alerts were lost. */
			fprintf(stderr, "%s: monitor: WARNING: socket overrun, alerts were lost\n",
				prog_name);
		} else if (ret) {
			ipc_perror(ipc, "monitor", ret);
			break;
		}
	}
	ipc_close(ipc);
	return ret && ret != -ENOBUFS ? 1 : 0;
}
