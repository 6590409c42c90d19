// SPDX-License-Identifier: GPL-2.0
/*
 * Recordings, the syscall-name table and the line reader every text
 * format shares.  The format readers live in read_*.c, recording_load()
 * picks one in dataset.c: this file stands alone for the fuzzers.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "trace.h"

void trace_errf(struct trace_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->msg[0])
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/* FNV-1a: names are short and few. */
static uint32_t hash_name(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof(*t));
}

void strtab_free(struct strtab *t)
{
	uint32_t i;

	for (i = 0; i < t->n; i++)
		free(t->names[i]);
	free(t->names);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static uint32_t *strtab_slot(const struct strtab *t, const char *s, size_t len)
{
	uint32_t mask = t->nslots - 1, i = hash_name(s, len) & mask;
	const char *name;

	for (;; i = (i + 1) & mask) {
		if (!t->slots[i])
			return &t->slots[i];
		name = t->names[t->slots[i] - 1];
		if (!strncmp(name, s, len) && !name[len])
			return &t->slots[i];
	}
}

int strtab_find(const struct strtab *t, const char *s, size_t len)
{
	uint32_t *slot;

	if (!t->nslots)
		return -ENOENT;
	slot = strtab_slot(t, s, len);
	return *slot ? (int)*slot - 1 : -ENOENT;
}

static int strtab_grow(struct strtab *t)
{
	uint32_t nslots = t->nslots ? t->nslots * 2 : 256, i, *old = t->slots;
	uint32_t oldn = t->nslots;
	char **names;
	const char *s;

	names = realloc(t->names, nslots / 2 * sizeof(*names));
	if (!names)
		return -ENOMEM;
	t->names = names;
	t->cap = nslots / 2;
	t->slots = calloc(nslots, sizeof(*t->slots));
	if (!t->slots) {
		t->slots = old;
		return -ENOMEM;
	}
	t->nslots = nslots;
	for (i = 0; i < oldn; i++) {
		if (!old[i])
			continue;
		s = t->names[old[i] - 1];
		*strtab_slot(t, s, strlen(s)) = old[i];
	}
	free(old);
	return 0;
}

int strtab_intern(struct strtab *t, const char *s, size_t len)
{
	uint32_t *slot;
	char *copy;
	int ret;

	if (t->nslots) {
		slot = strtab_slot(t, s, len);
		if (*slot)
			return (int)*slot - 1;
	}
	if (t->n >= TRACE_MAX_NAMES)
		return -E2BIG;
	if (t->n + 1 > t->cap) {
		ret = strtab_grow(t);
		if (ret)
			return ret;
	}
	copy = strndup(s, len);
	if (!copy)
		return -ENOMEM;
	slot = strtab_slot(t, s, len);
	t->names[t->n++] = copy;
	*slot = t->n;
	return (int)t->n - 1;
}

int recording_init(struct recording *r, const char *path, const char *name,
		   enum rec_format format)
{
	memset(r, 0, sizeof(*r));
	r->path = strdup(path);
	r->name = strdup(name);
	if (!r->path || !r->name) {
		recording_free(r);
		return -ENOMEM;
	}
	r->format = format;
	r->exploit_ns = TRACE_NO_EXPLOIT;
	return 0;
}

void recording_free(struct recording *r)
{
	recording_unload(r);
	free(r->path);
	free(r->name);
	r->path = NULL;
	r->name = NULL;
}

void recording_unload(struct recording *r)
{
	free(r->ev);
	r->ev = NULL;
	r->nev = 0;
	r->cap = 0;
}

int recording_push(struct recording *r, const struct trace_event *ev)
{
	struct trace_event *p;
	size_t cap;

	if (r->nev == r->cap) {
		cap = r->cap ? r->cap * 2 : 1024;
		p = realloc(r->ev, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		r->ev = p;
		r->cap = cap;
	}
	r->ev[r->nev++] = *ev;
	return 0;
}

bool parse_dec(const char *s, size_t len, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (x > (max - (s[i] - '0')) / 10)
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return true;
}

#define LR_CHUNK	65536
#define LR_MAX_LINE	(16u << 20)

void lr_init(struct line_reader *lr, lr_read_fn read, void *src)
{
	memset(lr, 0, sizeof(*lr));
	lr->read = read;
	lr->src = src;
}

void lr_free(struct line_reader *lr)
{
	free(lr->buf);
	lr->buf = NULL;
}

/* Moves the unread tail to the front and reads more behind it. */
static int lr_fill(struct line_reader *lr)
{
	size_t cap;
	char *p;
	long n;

	memmove(lr->buf, lr->buf + lr->pos, lr->len - lr->pos);
	lr->len -= lr->pos;
	lr->pos = 0;
	if (lr->cap - lr->len < LR_CHUNK / 2) {
		cap = lr->cap ? lr->cap * 2 : LR_CHUNK;
		if (cap > LR_MAX_LINE + 1)
			return -EFBIG;
		p = realloc(lr->buf, cap + 1);
		if (!p)
			return -ENOMEM;
		lr->buf = p;
		lr->cap = cap;
	}
	n = lr->read(lr->src, lr->buf + lr->len, lr->cap - lr->len);
	if (n < 0)
		return (int)n;
	if (!n)
		lr->eof = true;
	lr->len += n;
	return 0;
}

int lr_next(struct line_reader *lr, char **line)
{
	char *nl;
	int ret;

	for (;;) {
		if (lr->pos < lr->len) {
			nl = memchr(lr->buf + lr->pos, '\n', lr->len - lr->pos);
			if (nl || lr->eof) {
				lr->unterminated = !nl;
				if (!nl)
					nl = lr->buf + lr->len;
				*nl = '\0';
				*line = lr->buf + lr->pos;
				lr->pos = nl - lr->buf + (nl < lr->buf + lr->len);
				lr->lineno++;
				/* a NUL would end the line early: binary data */
				if (memchr(*line, '\0', nl - *line))
					return -EILSEQ;
				return 1;
			}
		} else if (lr->eof) {
			return 0;
		}
		ret = lr_fill(lr);
		if (ret) {
			lr->lineno++;	/* errors name the line being read */
			return ret;
		}
	}
}
