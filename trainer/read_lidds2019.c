// SPDX-License-Identifier: GPL-2.0
/*
 * LID-DS 2019: a scenario directory holds runs.csv (one row per recording:
 * image_name, scenario_name, is_executing_exploit, warmup_time,
 * recording_time, exploit_start_time) and NAME.txt per recording, sysdig
 * text lines:
 *
 *   EVNUM HH:MM:SS.NNNNNNNNN CPU UID COMM TID DIR TYPE [PARAM=VALUE ...]
 *
 * As the framework's Recording2019: 'switch' events (scheduler switches,
 * not system calls) are dropped, there is no pid, and the exploit time is
 * the first call's time plus warmup_time - 2 s, cut to the whole second
 * (the framework's own correction for the coarse relative times).
 * Timestamps are times of day; a recording crossing midnight keeps going.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers.h"

#define NS_PER_S	1000000000ll
#define NS_PER_DAY	(86400 * NS_PER_S)

enum { F_NUM, F_TIME, F_CPU, F_UID, F_COMM, F_TID, F_DIR, F_TYPE, F_MIN };

struct l19_event {
	uint64_t ts_ns;		/* since midnight */
	int32_t tid;
	const char *name;
	enum trace_dir dir;
	enum trace_ret ret;
};

static char *next_field(char **pos)
{
	char *p = *pos, *start;

	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	if (!*p)
		return NULL;
	start = p;
	while (*p && *p != ' ' && *p != '\t' && *p != '\r')
		p++;
	if (*p)
		*p++ = '\0';
	*pos = p;
	return start;
}

/* "HH:MM:SS.NNNNNNNNN" (fewer fraction digits allowed) -> ns since midnight. */
static bool parse_tod(const char *s, uint64_t *ns)
{
	uint64_t h, m, sec, frac = 0, scale = 100000000;
	size_t n = strlen(s), i;

	if (n < 8 || s[2] != ':' || s[5] != ':' || !parse_dec(s, 2, 23, &h) ||
	    !parse_dec(s + 3, 2, 59, &m) || !parse_dec(s + 6, 2, 60, &sec))
		return false;
	if (n > 8 && (s[8] != '.' || n == 9))
		return false;
	for (i = 9; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9' || !scale)
			return false;
		frac += (uint64_t)(s[i] - '0') * scale;
	}
	*ns = ((h * 60 + m) * 60 + sec) * NS_PER_S + frac;
	return true;
}

static enum trace_ret result_class(const char *param)
{
	const char *v;
	uint64_t x;
	size_t n;

	if (!param)
		return TRACE_RET_NONE;
	if (!strncmp(param, "res=", 4))
		v = param + 4;
	else if (!strncmp(param, "fd=", 3))
		v = param + 3;
	else
		return TRACE_RET_NONE;
	if (*v != '-')
		return TRACE_RET_OK;
	n = strcspn(v + 1, "(");
	if (!parse_dec(v + 1, n, INT64_MAX, &x))
		return TRACE_RET_OK;
	return trace_ret_class(-(int64_t)x);
}

static int l19_parse_line(char *line, struct l19_event *ev, const char **why)
{
	char *f[F_MIN], *pos = line;
	uint64_t x;
	int i;

	for (i = 0; i < F_MIN; i++) {
		f[i] = next_field(&pos);
		if (!f[i]) {
			*why = "truncated line: fewer than 8 fields";
			return -EINVAL;
		}
	}
	if (!parse_dec(f[F_NUM], strlen(f[F_NUM]), UINT64_MAX, &x)) {
		*why = "bad event number";
		return -EINVAL;
	}
	if (!parse_tod(f[F_TIME], &ev->ts_ns)) {
		*why = "bad time (expected HH:MM:SS.NNNNNNNNN)";
		return -EINVAL;
	}
	if (!parse_dec(f[F_TID], strlen(f[F_TID]), INT32_MAX, &x)) {
		*why = "bad tid";
		return -EINVAL;
	}
	ev->tid = (int32_t)x;
	if (strcmp(f[F_DIR], ">") && strcmp(f[F_DIR], "<")) {
		*why = "unknown direction (expected '>' or '<')";
		return -EINVAL;
	}
	ev->dir = f[F_DIR][0] == '>' ? TRACE_ENTER : TRACE_EXIT;
	ev->name = f[F_TYPE];
	ev->ret = ev->dir == TRACE_EXIT ? result_class(next_field(&pos)) : TRACE_RET_NONE;
	return 0;
}

static int l19_push(struct recording *r, struct strtab *names, const struct l19_event *l,
		    int64_t *day, const char **why)
{
	struct trace_event ev = { .tid = l->tid, .dir = l->dir, .ret = l->ret };
	int64_t ts = (int64_t)l->ts_ns + *day;
	int id;

	/* a jump back by more than half a day is the clock passing midnight */
	if (r->nev && ts + NS_PER_DAY / 2 < (int64_t)r->ev[r->nev - 1].ts_ns) {
		*day += NS_PER_DAY;
		ts += NS_PER_DAY;
	}
	ev.ts_ns = ts;
	id = strtab_intern(names, l->name, strlen(l->name));
	if (id < 0) {
		*why = "too many syscall names";
		return id;
	}
	ev.name = (uint16_t)id;
	if (recording_push(r, &ev)) {
		*why = "out of memory";
		return -ENOMEM;
	}
	return 0;
}

static long file_read(void *src, char *buf, size_t len)
{
	size_t n = fread(buf, 1, len, src);

	return !n && ferror(src) ? -EIO : (long)n;
}

static void set_exploit_time(struct recording *r)
{
	int64_t t;

	if (!r->attack || !r->nev)
		return;
	t = (int64_t)r->ev[0].ts_ns + (int64_t)(r->warmup_s - 2) * NS_PER_S;
	r->exploit_ns = t - t % NS_PER_S;
}

int lidds2019_read(struct recording *r, struct strtab *names, struct trace_err *err)
{
	const char *why = NULL;
	struct line_reader lr;
	struct l19_event l;
	int64_t day = 0;
	char *line;
	FILE *f;
	int ret;

	f = fopen(r->path, "r");
	if (!f) {
		ret = -errno;
		trace_errf(err, "%s: %s", r->path, strerror(errno));
		return ret;
	}
	lr_init(&lr, file_read, f);
	while ((ret = lr_next(&lr, &line)) > 0) {
		if (!line[strspn(line, " \t\r")])
			continue;
		ret = l19_parse_line(line, &l, &why);
		if (ret)
			break;
		if (strcmp(l.name, "switch")) {
			ret = l19_push(r, names, &l, &day, &why);
			if (ret)
				break;
		}
	}
	if (why)
		trace_errf(err, "%s:%lu: %s", r->path, lr.lineno, why);
	else if (ret < 0)
		trace_errf(err, "%s:%lu: %s", r->path, lr.lineno,
			   ret == -EILSEQ ? "NUL byte in text" : strerror(-ret));
	lr_free(&lr);
	fclose(f);
	if (!ret)
		set_exploit_time(r);
	return ret;
}

/* Python's strtobool, which the framework applies to is_executing_exploit. */
static int parse_bool(const char *s, bool *v)
{
	static const char *const yes[] = { "y", "yes", "t", "true", "on", "1" };
	static const char *const no[] = { "n", "no", "f", "false", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(s, yes[i]) || !strcasecmp(s, no[i])) {
			*v = !strcasecmp(s, yes[i]);
			return 0;
		}
	}
	return -EINVAL;
}

enum { C_IMAGE, C_NAME, C_EXPLOIT, C_WARMUP, C_RECTIME, C_EXPTIME, C_MIN };

/* Splits a runs.csv row: commas, blanks after a comma skipped. */
static int csv_fields(char *line, char **f, int max)
{
	int n = 0;
	char *c;

	line[strcspn(line, "\r")] = '\0';
	while (n < max) {
		while (*line == ' ')
			line++;
		f[n++] = line;
		c = strchr(line, ',');
		if (!c)
			break;
		*c = '\0';
		line = c + 1;
	}
	return n;
}

static int runs_row(const char *dir, char *line, struct recording *r, const char **why)
{
	char *f[C_MIN + 1], path[4096];
	uint64_t warmup;
	bool exploit;
	int n;

	n = csv_fields(line, f, C_MIN + 1);
	if (n < C_MIN) {
		*why = "fewer than 6 columns";
		return -EINVAL;
	}
	if (!*f[C_NAME] || strchr(f[C_NAME], '/')) {
		*why = "bad scenario_name (recording name)";
		return -EINVAL;
	}
	if (parse_bool(f[C_EXPLOIT], &exploit)) {
		*why = "is_executing_exploit is not a boolean";
		return -EINVAL;
	}
	if (!parse_dec(f[C_WARMUP], strlen(f[C_WARMUP]), INT32_MAX, &warmup)) {
		*why = "bad warmup_time";
		return -EINVAL;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s.txt", dir, f[C_NAME]) >= sizeof(path)) {
		*why = "path too long";
		return -ENAMETOOLONG;
	}
	if (recording_init(r, path, f[C_NAME], REC_LIDDS2019)) {
		*why = "out of memory";
		return -ENOMEM;
	}
	r->attack = exploit;
	r->warmup_s = (int32_t)warmup;
	return 0;
}

/* Appends the recording of one row to *v. */
static int runs_add(const char *dir, char *line, struct recording **v, size_t *n, size_t *cap,
		    const char **why)
{
	struct recording *p;
	int ret;

	if (*n == *cap) {
		p = realloc(*v, (*cap ? *cap * 2 : 256) * sizeof(*p));
		if (!p) {
			*why = "out of memory";
			return -ENOMEM;
		}
		*v = p;
		*cap = *cap ? *cap * 2 : 256;
	}
	ret = runs_row(dir, line, &(*v)[*n], why);
	if (!ret)
		(*n)++;
	return ret;
}

int lidds2019_read_runs(const char *dir, struct recording **recs, size_t *n,
			struct trace_err *err)
{
	struct recording *v = NULL;
	const char *why = NULL;
	struct line_reader lr;
	char path[4096], *line;
	size_t cap = 0;
	int ret = 0, got;
	FILE *f;

	*n = 0;
	snprintf(path, sizeof(path), "%s/runs.csv", dir);
	f = fopen(path, "r");
	if (!f) {
		ret = -errno;
		trace_errf(err, "%s: %s", path, strerror(errno));
		return ret;
	}
	lr_init(&lr, file_read, f);
	got = lr_next(&lr, &line);	/* the header */
	while (got > 0 && !ret) {
		got = lr_next(&lr, &line);
		if (got > 0 && line[strspn(line, " \t\r")])
			ret = runs_add(dir, line, &v, n, &cap, &why);
	}
	if (!ret && got < 0)
		ret = got;
	if (ret)
		trace_errf(err, "%s:%lu: %s", path, lr.lineno, why ? why : strerror(-ret));
	lr_free(&lr);
	fclose(f);
	if (ret) {
		while (*n)
			recording_free(&v[--*n]);
		free(v);
		return ret;
	}
	*recs = v;
	return 0;
}
