/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LID-DS 2021 .sc line, which hids record files use too:
 *
 *   TIME_NS UID PID COMM TID SYSCALL DIR [PARAM=VALUE ...]
 *
 * DIR is '>' (enter) or '<' (exit).  An exit's result is its first
 * parameter when that is res= or fd= (sysdig's convention), e.g.
 * "res=-11(EAGAIN)" or "fd=3(<f>/etc/passwd)".  Fields are separated by
 * single spaces, so COMM must not contain one; the writer replaces blanks.
 *
 * Pure C without other hids dependencies, so hidsctl can build it.
 */
#ifndef HIDS_SC_H
#define HIDS_SC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sc_event {
	uint64_t ts_ns;
	uint32_t uid;
	int64_t pid;
	int64_t tid;
	const char *comm;	/* NUL-terminated */
	const char *name;	/* NUL-terminated */
	char dir;		/* '>' or '<' */
	bool has_res;		/* exit with a res=/fd= result */
	int64_t res;		/* the result when it is a decimal number */
};

/*
 * Parses one line in place (fields are cut with NULs; the line may end in
 * '\n' or not).  Returns 0, or -EINVAL with a reason in @why:
 * "truncated line", "bad timestamp", "unknown direction '?'" ...
 */
int sc_parse_line(char *line, struct sc_event *ev, const char **why);

/*
 * Formats one event as a line ending in '\n' into @buf.  Returns the
 * length, -ENOSPC when @size is too small, -EINVAL for a bad event (no
 * name, a name with a blank, a direction other than '>' or '<').
 * On exit events with has_res, writes "res=RES".
 */
int sc_format_line(char *buf, size_t size, const struct sc_event *ev);

#endif
