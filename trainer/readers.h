/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the readers: one entry point per format (recording_load picks
 * one), the LID-DS metadata json, and a line reader over any byte source
 * (a FILE, a zip member) that keeps one line in memory, never the file.
 */
#ifndef HIDS_READERS_H
#define HIDS_READERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"

int adfa_read(struct recording *r, struct strtab *names, struct trace_err *err);
int sc_read_file(struct recording *r, struct strtab *names, struct trace_err *err);
int lidds2021_read(struct recording *r, struct strtab *names, struct trace_err *err);
int lidds2019_read(struct recording *r, struct strtab *names, struct trace_err *err);
int ctf_read(struct recording *r, struct strtab *names, struct trace_err *err);

/* Reads a LID-DS 2021 zip's NAME.json: label and exploit time. */
int lidds2021_read_meta(struct recording *r, struct trace_err *err);

/* The recordings runs.csv in DIR lists, in its order, labelled. */
int lidds2019_read_runs(const char *dir, struct recording **recs, size_t *n,
			struct trace_err *err);

/*
 * Parses one ADFA-LD trace (space-separated i386 syscall numbers) from
 * memory into @r.  On -EINVAL, *line and *why locate the problem.
 */
int adfa_parse(const char *buf, size_t len, struct recording *r, struct strtab *names,
	       unsigned long *line, const char **why);

/* The fields hids needs from a LID-DS recording's json. */
struct lidds_meta {
	bool exploit;		/* "exploit": true */
	bool normal;		/* some container has "role": "normal" */
	int64_t exploit_ns;	/* "time"."exploit"[0]."absolute", or TRACE_NO_EXPLOIT */
};

/* -EINVAL with a reason in @why on bad json or a missing field. */
int lidds_meta_parse(const char *buf, size_t len, struct lidds_meta *m, const char **why);
/* Reads PATH (a .json file) with lidds_meta_parse. */
int lidds_meta_read_file(const char *path, struct lidds_meta *m, struct trace_err *err);
/* Applies the metadata: the attack label and the exploit time. */
void lidds_meta_apply(const struct lidds_meta *m, struct recording *r);

/* Decimal digits only, at most @max. */
bool parse_dec(const char *s, size_t len, uint64_t max, uint64_t *v);

typedef long (*lr_read_fn)(void *src, char *buf, size_t len);

struct line_reader {
	lr_read_fn read;	/* bytes read, 0 at the end, -errno */
	void *src;
	char *buf;
	size_t cap, len, pos;
	unsigned long lineno;	/* of the line last returned, or that failed */
	bool eof;
	bool unterminated;	/* the line last returned ended the data without '\n' */
};

void lr_init(struct line_reader *lr, lr_read_fn read, void *src);
void lr_free(struct line_reader *lr);
/*
 * The next line, NUL-terminated without its '\n', writable until the
 * next call: 1, 0 at the end, -EFBIG for a line over 16 MiB, -EILSEQ for
 * a NUL byte, or the source's -errno.
 */
int lr_next(struct line_reader *lr, char **line);

/* Reads .sc lines from @lr into @r; @where names the file (and member). */
int sc_read_lines(struct line_reader *lr, struct recording *r, struct strtab *names,
		  const char *where, struct trace_err *err);

#endif
