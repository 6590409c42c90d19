/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small JSON emitter: objects in the order keys are written, two-space
 * indentation, strings escaped (quotes, backslashes, control characters;
 * bytes that are not valid UTF-8 become U+FFFD), numbers in the shortest
 * form that reads back to the same double, and null for NAN and the
 * infinities, which JSON cannot carry.  Errors are sticky: check once
 * with jw_finish().
 */
#ifndef HIDS_JSON_WRITER_H
#define HIDS_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH	16

struct jw {
	FILE *f;
	int depth;
	bool used[JW_MAX_DEPTH];	/* the object at this depth has a member */
	int err;
};

void jw_init(struct jw *w, FILE *f);

/* key is NULL for the top-level value only. */
void jw_begin(struct jw *w, const char *key);
void jw_end(struct jw *w);
void jw_null(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *key, const char *s);	/* NULL: null */
void jw_num(struct jw *w, const char *key, double v);
void jw_uint(struct jw *w, const char *key, uint64_t v);
void jw_bool(struct jw *w, const char *key, bool v);

/* 0; -EINVAL when objects are unbalanced or too deep; -EIO on a write error. */
int jw_finish(struct jw *w);

/*
 * The JSON string body of s (no quotes) to f: the project's one escaper,
 * valid UTF-8 whatever s holds (a byte that is not is U+FFFD).
 */
void jw_escape(FILE *f, const char *s);
/* s as a quoted JSON string. */
void jw_quoted(FILE *f, const char *s);

#endif
