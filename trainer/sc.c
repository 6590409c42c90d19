// SPDX-License-Identifier: GPL-2.0
/*
 * LID-DS 2021 .sc lines: the parser the trainer reads recordings with and
 * the writer hidsctl record uses, in one place so they cannot drift.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sc.h"

enum { F_TIME, F_UID, F_PID, F_COMM, F_TID, F_NAME, F_DIR, F_MIN };

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Strict decimal: digits only, no sign, no overflow. */
static bool parse_u64(const char *s, uint64_t *v)
{
	uint64_t x = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (x > (UINT64_MAX - (*s - '0')) / 10)
			return false;
		x = x * 10 + (*s - '0');
	}
	*v = x;
	return true;
}

static bool parse_id(const char *s, int64_t *v)
{
	uint64_t x;

	if (!parse_u64(s, &x) || x > INT32_MAX)
		return false;
	*v = (int64_t)x;
	return true;
}

/* "-11(EAGAIN)", "3(<f>/etc/passwd)", "0": a decimal before '(' or the end. */
static bool parse_res(const char *s, int64_t *v)
{
	bool neg = *s == '-';
	uint64_t x = 0;
	const char *p = s + neg;

	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (x > ((uint64_t)INT64_MAX - (*p - '0')) / 10)
			return false;
		x = x * 10 + (*p - '0');
	}
	if (*p && *p != '(')
		return false;
	*v = neg ? -(int64_t)x : (int64_t)x;
	return true;
}

/* Cuts the next blank-separated field; NULL at the end of the line. */
static char *next_field(char **pos)
{
	char *p = *pos, *start;

	while (*p && is_blank(*p))
		p++;
	if (!*p)
		return NULL;
	start = p;
	while (*p && !is_blank(*p))
		p++;
	if (*p)
		*p++ = '\0';
	*pos = p;
	return start;
}

static void parse_result(char *param, struct sc_event *ev)
{
	char *val;

	if (!strncmp(param, "res=", 4))
		val = param + 4;
	else if (!strncmp(param, "fd=", 3))
		val = param + 3;
	else
		return;
	ev->has_res = true;
	if (!parse_res(val, &ev->res))
		ev->res = 0;	/* non-decimal results (mmap's hex address) succeeded */
}

int sc_parse_line(char *line, struct sc_event *ev, const char **why)
{
	char *f[F_MIN], *pos = line, *param;
	uint64_t uid;
	int i;

	for (i = 0; i < F_MIN; i++) {
		f[i] = next_field(&pos);
		if (!f[i]) {
			*why = "truncated line: fewer than 7 fields";
			return -EINVAL;
		}
	}
	memset(ev, 0, sizeof(*ev));
	if (!parse_u64(f[F_TIME], &ev->ts_ns)) {
		*why = "bad timestamp";
		return -EINVAL;
	}
	if (!parse_u64(f[F_UID], &uid) || uid > UINT32_MAX) {
		*why = "bad uid";
		return -EINVAL;
	}
	ev->uid = (uint32_t)uid;
	if (!parse_id(f[F_PID], &ev->pid)) {
		*why = "bad pid";
		return -EINVAL;
	}
	if (!parse_id(f[F_TID], &ev->tid)) {
		*why = "bad tid";
		return -EINVAL;
	}
	if (strcmp(f[F_DIR], ">") && strcmp(f[F_DIR], "<")) {
		*why = "unknown direction (expected '>' or '<')";
		return -EINVAL;
	}
	ev->comm = f[F_COMM];
	ev->name = f[F_NAME];
	ev->dir = f[F_DIR][0];
	param = next_field(&pos);
	if (ev->dir == '<' && param)
		parse_result(param, ev);
	return 0;
}

int sc_format_line(char *buf, size_t size, const struct sc_event *ev)
{
	const char *c = ev->comm && *ev->comm ? ev->comm : "?";
	size_t len, i, comm_len = strlen(c);
	int n;

	if (!ev->name || !*ev->name || strpbrk(ev->name, " \t\r\n") ||
	    (ev->dir != '>' && ev->dir != '<') || ev->pid < 0 || ev->tid < 0)
		return -EINVAL;
	n = snprintf(buf, size, "%" PRIu64 " %" PRIu32 " %" PRId64 " ", ev->ts_ns,
		     ev->uid, ev->pid);
	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	len = n;
	n = snprintf(buf + len, size - len, "%s %" PRId64 " %s %c", c, ev->tid, ev->name,
		     ev->dir);
	if (n < 0 || (size_t)n >= size - len)
		return -ENOSPC;
	for (i = 0; i < comm_len; i++) {
		if (is_blank(buf[len + i]))
			buf[len + i] = '_';
	}
	len += n;
	if (ev->dir == '<' && ev->has_res)
		n = snprintf(buf + len, size - len, " res=%" PRId64 "\n", ev->res);
	else
		n = snprintf(buf + len, size - len, "\n");
	if (n < 0 || (size_t)n >= size - len)
		return -ENOSPC;
	return (int)(len + n);
}
