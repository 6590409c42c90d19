// SPDX-License-Identifier: GPL-2.0
/* Recordings -> per-thread streams of keys (see stream.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stream.h"

static const char *const ret_suffix[TRACE_RET__N] = { "", ":ok", ":err" };

/* tid -> thread index, open addressing; tids are few per recording. */
struct tid_map {
	int32_t *tid;
	uint32_t *idx;		/* index + 1, 0 = empty */
	uint32_t nslots;
};

static uint32_t *tid_slot(const struct tid_map *m, int32_t tid)
{
	uint32_t mask = m->nslots - 1, i = ((uint32_t)tid * 2654435761u) & mask;

	while (m->idx[i] && m->tid[i] != tid)
		i = (i + 1) & mask;
	return &m->idx[i];
}

static int tid_map_alloc(struct tid_map *m, uint32_t nslots)
{
	m->nslots = nslots;
	m->tid = malloc(nslots * sizeof(*m->tid));
	m->idx = calloc(nslots, sizeof(*m->idx));
	if (!m->tid || !m->idx) {
		free(m->tid);
		free(m->idx);
		return -ENOMEM;
	}
	return 0;
}

/* Doubles the table, re-inserting the threads found so far. */
static int tid_map_grow(struct tid_map *m, const struct thread_stream *th, uint32_t n)
{
	struct tid_map old = *m;
	uint32_t i, *slot;

	if (tid_map_alloc(m, old.nslots * 2)) {
		*m = old;
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		slot = tid_slot(m, th[i].tid);
		m->tid[slot - m->idx] = th[i].tid;
		*slot = i + 1;
	}
	free(old.tid);
	free(old.idx);
	return 0;
}

static bool selected(const struct recording *r, const struct trace_event *e,
		     const struct stream_opts *o)
{
	int i;

	for (i = 0; o->skip_sigreturn && i < HIDS_SIGNAL_RETURNS; i++)
		if (e->name == o->skip[i])
			return false;
	return r->format == REC_ADFA || e->dir == o->dir;
}

static unsigned int event_key(const struct trace_event *e, const struct stream_opts *o)
{
	return o->ret_class ? e->name * TRACE_RET__N + e->ret : e->name;
}

static bool is_exec(const struct trace_event *e, const struct stream_opts *o)
{
	return o->exec_split && e->dir == TRACE_EXIT && e->name == o->exec_name &&
	       e->ret != TRACE_RET_ERR;
}

/* Growable per-call and per-thread bookkeeping of the first pass. */
struct build_tmp {
	uint32_t *owner;	/* each selected call's stream */
	bool *exec;		/* the stream's thread exec'd: its next call starts a new one */
	uint32_t owner_cap, exec_cap;
};

static int new_thread(struct rec_streams *s, struct build_tmp *b, int32_t tid)
{
	struct thread_stream *th;
	uint32_t cap = b->exec_cap;
	bool *ex;

	if (s->nthreads == cap) {
		cap = cap ? cap * 2 : 16;
		th = realloc(s->th, cap * sizeof(*th));
		if (!th)
			return -ENOMEM;
		s->th = th;
		ex = realloc(b->exec, cap * sizeof(*ex));
		if (!ex)
			return -ENOMEM;
		b->exec = ex;
		b->exec_cap = cap;
	}
	s->th[s->nthreads] = (struct thread_stream){ .tid = tid };
	b->exec[s->nthreads] = false;
	return ++s->nthreads;
}

/* First pass: threads, their lengths, each call's thread, the exploit position. */
static int count_threads(struct rec_streams *s, const struct recording *r,
			 const struct stream_opts *o, struct tid_map *m, struct build_tmp *b)
{
	uint32_t *slot, *ow;
	size_t i;
	int t;

	for (i = 0; i < r->nev; i++) {
		const struct trace_event *e = &r->ev[i];

		if (is_exec(e, o)) {
			slot = tid_slot(m, e->tid);
			if (*slot)
				b->exec[*slot - 1] = true;
		}
		if (!selected(r, e, o))
			continue;
		if (event_key(e, o) > UINT16_MAX)
			return -E2BIG;
		if (s->exploit_seq == STREAM_NO_EXPLOIT && r->exploit_ns != TRACE_NO_EXPLOIT &&
		    (int64_t)e->ts_ns >= r->exploit_ns)
			s->exploit_seq = s->ntok;
		slot = tid_slot(m, e->tid);
		if (!*slot && 2 * (s->nthreads + 1) > m->nslots) {
			if (tid_map_grow(m, s->th, s->nthreads))
				return -ENOMEM;
			slot = tid_slot(m, e->tid);
		}
		if (!*slot || b->exec[*slot - 1]) {
			t = new_thread(s, b, e->tid);
			if (t < 0)
				return t;
			m->tid[slot - m->idx] = e->tid;
			*slot = t;
		}
		if (s->ntok == b->owner_cap) {
			b->owner_cap = b->owner_cap ? b->owner_cap * 2 : 1024;
			ow = realloc(b->owner, b->owner_cap * sizeof(*ow));
			if (!ow)
				return -ENOMEM;
			b->owner = ow;
		}
		b->owner[s->ntok++] = *slot - 1;
		s->th[*slot - 1].len++;
	}
	return 0;
}

/*
 * A thread's call in flight, for durations: its entry's time and name, and
 * where its token went when the entry was the token (else the exit is).
 */
struct in_flight {
	int32_t tid;
	bool used, open;
	uint16_t name;
	uint32_t pos;		/* UINT32_MAX: the entry made no token */
	uint64_t ts_ns;
};

/* tid's slot; NULL when the table is full (threads with exits only). */
static struct in_flight *flight_of(struct in_flight *f, uint32_t nslots, int32_t tid)
{
	uint32_t i = ((uint32_t)tid * 2654435761u) & (nslots - 1), probes;

	for (probes = 0; f[i].used && f[i].tid != tid; probes++) {
		if (probes == nslots)
			return NULL;
		i = (i + 1) & (nslots - 1);
	}
	f[i].used = true;
	f[i].tid = tid;
	return &f[i];
}

/* Event e's part in the durations: pos is its token's place, or UINT32_MAX. */
static void track_duration(struct rec_streams *s, struct in_flight *f, uint32_t nslots,
			   const struct trace_event *e, uint32_t pos)
{
	struct in_flight *c = flight_of(f, nslots, e->tid);
	uint64_t us;

	if (!c)
		return;
	if (e->dir == TRACE_ENTER) {
		*c = (struct in_flight){ .tid = e->tid, .used = true, .open = true,
					 .name = e->name, .pos = pos, .ts_ns = e->ts_ns };
		return;
	}
	if (!c->open || c->name != e->name || e->ts_ns < c->ts_ns) {
		c->open = false;
		return;
	}
	us = (e->ts_ns - c->ts_ns) / 1000;
	us = us > UINT32_MAX ? UINT32_MAX : us;
	if (c->pos != UINT32_MAX)
		s->dur[c->pos] = (uint32_t)us;
	else if (pos != UINT32_MAX)
		s->dur[pos] = (uint32_t)us;
	c->open = false;
}

int streams_build(struct rec_streams *s, const struct recording *r, const struct stream_opts *o)
{
	struct in_flight *flight = NULL;
	uint32_t nflight = 0;
	struct build_tmp b = {};
	struct tid_map m;
	uint32_t t, off = 0, seq = 0, *fill = NULL;
	size_t i;
	int ret;

	memset(s, 0, sizeof(*s));
	s->exploit_seq = STREAM_NO_EXPLOIT;
	s->attack = r->attack;
	s->rec = r;
	if (r->nev > UINT32_MAX - 1)
		return -E2BIG;
	ret = tid_map_alloc(&m, 64);
	if (ret)
		return ret;
	ret = count_threads(s, r, o, &m, &b);
	if (ret)
		goto out;
	ret = -ENOMEM;
	s->tok = malloc((s->ntok ? s->ntok : 1) * sizeof(*s->tok));
	s->seq = malloc((s->ntok ? s->ntok : 1) * sizeof(*s->seq));
	fill = calloc(s->nthreads ? s->nthreads : 1, sizeof(*fill));
	if (!s->tok || !s->seq || !fill)
		goto out;
	if (o->durations) {
		/* A slot per thread at most half full: no growth needed. */
		for (nflight = 16; nflight < 2 * s->nthreads; nflight *= 2)
			;
		s->dur = calloc(s->ntok ? s->ntok : 1, sizeof(*s->dur));
		flight = calloc(nflight, sizeof(*flight));
		if (!s->dur || !flight)
			goto out;
	}
	for (t = 0; t < s->nthreads; t++) {
		s->th[t].off = off;
		off += s->th[t].len;
	}
	for (i = 0; i < r->nev; i++) {
		const struct trace_event *e = &r->ev[i];
		uint32_t pos = UINT32_MAX;

		if (selected(r, e, o)) {
			t = b.owner[seq];
			pos = s->th[t].off + fill[t]++;
			s->tok[pos] = (uint16_t)event_key(e, o);
			s->seq[pos] = seq++;
		}
		if (flight && r->format != REC_ADFA)
			track_duration(s, flight, nflight, e, pos);
	}
	ret = 0;
out:
	free(b.owner);
	free(b.exec);
	free(fill);
	free(flight);
	free(m.tid);
	free(m.idx);
	if (ret)
		streams_free(s);
	return ret;
}

void streams_free(struct rec_streams *s)
{
	free(s->th);
	free(s->tok);
	free(s->seq);
	free(s->dur);
	s->th = NULL;
	s->tok = NULL;
	s->seq = NULL;
	s->dur = NULL;
	s->nthreads = 0;
	s->ntok = 0;
}

int dataset_streams(struct dataset *ds, enum split which, const struct stream_opts *o,
		    struct rec_streams **out, struct trace_err *err)
{
	struct rec_streams *v;
	size_t i;
	int ret = 0;

	v = calloc(ds->n[which] ? ds->n[which] : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (i = 0; i < ds->n[which]; i++) {
		struct recording *r = &ds->rec[which][i];

		ret = recording_load(r, &ds->names, err);
		if (ret)
			break;
		ret = streams_build(&v[i], r, o);
		recording_unload(r);
		if (ret) {
			trace_errf(err, "%s: building streams: %s", r->path, ret == -E2BIG ?
				   "too many names or calls" : strerror(-ret));
			break;
		}
	}
	if (ret) {
		dataset_streams_free(v, i);
		return ret;
	}
	*out = v;
	return 0;
}

void dataset_streams_free(struct rec_streams *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		streams_free(&v[i]);
	free(v);
}

int stream_key_name(const struct strtab *names, const struct stream_opts *o, unsigned int key,
		    char *buf, size_t size)
{
	unsigned int id = o->ret_class ? key / TRACE_RET__N : key;
	const char *name = strtab_name(names, id);
	int n;

	if (!name)
		return -ENOENT;
	n = snprintf(buf, size, "%s%s", name, o->ret_class ? ret_suffix[key % TRACE_RET__N] : "");
	return n >= 0 && (size_t)n < size ? 0 : -ENOSPC;
}
