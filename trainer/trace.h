/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One in-memory form for every recording format the trainer reads.
 *
 * A recording is a file (ADFA-LD trace, LID-DS 2019 .txt, plain .sc), a
 * LID-DS 2021 zip or an LTTng CTF directory, plus its label and exploit
 * time.  Its events are loaded on demand (recording_load) and dropped
 * again (recording_unload) once turned into token streams, so a data set
 * larger than memory is read one recording at a time.  Syscall names are
 * interned in a string table shared by every recording of a data set;
 * events carry the 16-bit id.
 *
 * Errors: every function returns 0 or -errno and, where a trace_err is
 * passed, leaves a message naming the file, the zip member and the line.
 */
#ifndef HIDS_TRACE_H
#define HIDS_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TRACE_NO_EXPLOIT	INT64_MIN
#define TRACE_MAX_NAMES		65536

struct trace_err {
	char msg[512];
};

/* Records the first error only: the innermost reader knows the most. */
void trace_errf(struct trace_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

enum trace_dir {
	TRACE_ENTER,
	TRACE_EXIT,
};

enum trace_ret {
	TRACE_RET_NONE,		/* an enter event, or an exit without a result */
	TRACE_RET_OK,
	TRACE_RET_ERR,		/* -4095..-1 */
	TRACE_RET__N,
};

struct trace_event {
	uint64_t ts_ns;		/* ADFA-LD: the call's index in the trace */
	int32_t tid;
	int32_t pid;		/* LID-DS 2019 has none: 0 */
	uint16_t name;		/* id in the data set's string table */
	uint8_t dir;		/* enum trace_dir */
	uint8_t ret;		/* enum trace_ret */
};

/* Interned syscall names: id -> name and name -> id. */
struct strtab {
	char **names;
	uint32_t n, cap;
	uint32_t *slots;	/* open addressing, id + 1, 0 = empty */
	uint32_t nslots;
};

void strtab_init(struct strtab *t);
void strtab_free(struct strtab *t);
/* The id (>= 0) of the name, adding it when new; -E2BIG past 65536 names. */
int strtab_intern(struct strtab *t, const char *s, size_t len);
/* The id of the name, or -ENOENT. */
int strtab_find(const struct strtab *t, const char *s, size_t len);

static inline const char *strtab_name(const struct strtab *t, unsigned int id)
{
	return id < t->n ? t->names[id] : NULL;
}

enum rec_format {
	REC_ADFA,		/* one line of i386 syscall numbers */
	REC_SC,			/* LID-DS 2021 .sc text: hids record files */
	REC_LIDDS2021,		/* zip holding NAME.sc and NAME.json */
	REC_LIDDS2019,		/* sysdig text, NAME.txt beside runs.csv */
	REC_CTF,		/* LTTng CTF trace directory (NAME/kernel) */
};

struct recording {
	char *name;		/* file name without directory and extension */
	char *path;
	enum rec_format format;
	bool attack;		/* the recording runs an exploit */
	int64_t exploit_ns;	/* time of the exploit, or TRACE_NO_EXPLOIT */
	int32_t warmup_s;	/* LID-DS 2019: the exploit time's base */

	struct trace_event *ev;	/* NULL until recording_load() */
	size_t nev, cap;
};

/* Sets name, path and format; label normal, no exploit time. */
int recording_init(struct recording *r, const char *path, const char *name,
		   enum rec_format format);
void recording_free(struct recording *r);

/* Reads the events, interning names in @names. */
int recording_load(struct recording *r, struct strtab *names, struct trace_err *err);
void recording_unload(struct recording *r);

/* Appends one event, growing the array; -ENOMEM. */
int recording_push(struct recording *r, const struct trace_event *ev);

/* -4095..-1 is an error, like the kernel's IS_ERR_VALUE. */
static inline enum trace_ret trace_ret_class(int64_t ret)
{
	return ret < 0 && ret >= -4095 ? TRACE_RET_ERR : TRACE_RET_OK;
}

#endif
