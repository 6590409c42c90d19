// SPDX-License-Identifier: GPL-2.0
/*
 * hids-train replay: a recording scored as the kernel would score it, to
 * see what a model and its thresholds would raise before loading them:
 * each recording's calls in time order, per thread, at entry, a thread's
 * state restarted at a successful execve (the kernel forgets the thread
 * then); the window mean over W from the first call (a young thread's
 * missing calls count 0), the running mean from call K on, the window
 * checked first; after an alert the thread raises
 * none for the alert interval (1 s, the kernel's default).  The same
 * integer arithmetic as kmod/scorer.c, so the same alerts.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/hids_model.h>

#include "cli.h"
#include "commands.h"
#include "dataset.h"
#include "modelfile.h"

struct replay_args {
	struct cli_data data;
	const char *model;
	double thr_window, thr_running;	/* nats; NAN: the model's */
	int window, min_calls;		/* 0: the model's */
	int interval_ms, list;
	int split;			/* an enum split, or -1 for every one */
};

/* What the kernel's slot would hold, from the model and the options. */
struct replay_cfg {
	u32 thr_window, thr_running, window, min_calls;	/* thresholds Q16.16, 0: off */
	enum hids_isa isa;
	void *scratch;		/* the engine's, hids_scratch_size() */
	u64 interval_ns;
};

struct rthread {
	int32_t tid;
	bool used, alerted;
	void *state;
	u32 *win;
	u64 win_sum, run_sum, steps, last_alert_ns;
	u32 win_fill, win_pos;
};

struct replay_totals {
	u64 calls, threads, alerts[2], alerted_threads;
	double seconds;		/* recordings with timestamps */
	bool untimed;		/* some had none (ADFA-LD) */
	u64 listed;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s replay [--dataset KIND] PATH -m MODEL.hidsm [options]\n"
		"\n"
		"Score recordings as the kernel would score them with MODEL and list the\n"
		"alerts it would raise, with alerts per hour of recording.\n"
		"\n"
		"  --split train|validation|test|all   recordings of one split (default all)\n"
		"  --threshold T       window threshold in nats, 0 off (default the model's)\n"
		"  --running-threshold T   running threshold (default the model's)\n"
		"  --window W --min-calls K   (default the model's)\n"
		"  --interval MS       per thread, no alert for MS after one (default 1000,\n"
		"                      the kernel's)\n"
		"  --list N            print the first N alerts (default 20)\n",
		prog_name);
}

static int parse(int argc, char **argv, struct replay_args *a)
{
	const char *v;
	int i, ret = 0;

	memset(a, 0, sizeof(*a));
	a->data.kind = DATASET_HIDS;
	a->thr_window = NAN;
	a->thr_running = NAN;
	a->interval_ms = 1000;
	a->list = 20;
	a->split = -1;
	for (i = 1; i < argc && ret >= 0; i++) {
		const char *o = argv[i];

		ret = cli_data_arg("replay", argc, argv, &i, &a->data, usage);
		if (ret)
			continue;
		v = cli_value(argc, argv, &i);
		if (!v)
			return -EINVAL;
		if (!strcmp(o, "-m") || !strcmp(o, "--model")) {
			a->model = v;
		} else if (!strcmp(o, "--threshold")) {
			ret = cli_double(o, v, 0, 65535, &a->thr_window);
		} else if (!strcmp(o, "--running-threshold")) {
			ret = cli_double(o, v, 0, 65535, &a->thr_running);
		} else if (!strcmp(o, "--window")) {
			ret = cli_int(o, v, 1, HIDS_MODEL_MAX_WINDOW, &a->window);
		} else if (!strcmp(o, "--min-calls")) {
			ret = cli_int(o, v, 1, 1 << 30, &a->min_calls);
		} else if (!strcmp(o, "--interval")) {
			ret = cli_int(o, v, 0, 3600 * 1000, &a->interval_ms);
		} else if (!strcmp(o, "--list")) {
			ret = cli_int(o, v, 0, 1 << 30, &a->list);
		} else if (!strcmp(o, "--split")) {
			a->split = !strcmp(v, "train") ? SPLIT_TRAIN :
				   !strcmp(v, "validation") ? SPLIT_VAL :
				   !strcmp(v, "test") ? SPLIT_TEST : !strcmp(v, "all") ? -1 : -2;
			if (a->split == -2) {
				fprintf(stderr, "%s: invalid --split '%s' (train, validation, test "
					"or all)\n", prog_name, v);
				ret = -EINVAL;
			}
		} else {
			fprintf(stderr, "%s: replay: unknown option '%s'\n", prog_name, o);
			return -EINVAL;
		}
	}
	if (ret < 0)
		return ret;
	if (!a->data.path || !a->model) {
		usage(stderr);
		return -EINVAL;
	}
	return 0;
}

/* Threads of one recording: open addressing on the tid. */
struct thread_map {
	struct rthread *t;
	size_t n, cap;
	u32 window;
	const struct hids_model *model;
};

static void map_free(struct thread_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->t[i].state);
		free(m->t[i].win);
	}
	free(m->t);
	m->t = NULL;
	m->n = 0;
	m->cap = 0;
}

static size_t slot_of(const struct rthread *t, size_t cap, int32_t tid)
{
	size_t i = ((uint32_t)tid * 2654435761u) & (cap - 1);

	while (t[i].used && t[i].tid != tid)
		i = (i + 1) & (cap - 1);
	return i;
}

static int map_grow(struct thread_map *m)
{
	size_t cap = m->cap ? 2 * m->cap : 64, i;
	struct rthread *t = calloc(cap, sizeof(*t));

	if (!t)
		return -ENOMEM;
	for (i = 0; i < m->cap; i++)
		if (m->t[i].used)
			t[slot_of(t, cap, m->t[i].tid)] = m->t[i];
	free(m->t);
	m->t = t;
	m->cap = cap;
	return 0;
}

/* The thread's entry, new and reset if unseen; NULL on -ENOMEM. */
static struct rthread *thread_of(struct thread_map *m, int32_t tid)
{
	struct rthread *t;

	if (2 * (m->n + 1) > m->cap && map_grow(m))
		return NULL;
	t = &m->t[slot_of(m->t, m->cap, tid)];
	if (t->used)
		return t;
	t->state = calloc(1, hids_state_size(m->model) ?: 1);
	t->win = calloc(m->window, sizeof(*t->win));
	if (!t->state || !t->win) {
		free(t->state);
		free(t->win);
		t->state = NULL;
		t->win = NULL;
		return NULL;
	}
	/* The model's own fresh state, as the kernel resets a thread it binds. */
	hids_state_reset(m->model, t->state);
	t->used = true;
	t->tid = tid;
	m->n++;
	return t;
}

/* A fresh history, as for a thread the kernel has just bound (no alert yet). */
static void thread_restart(struct rthread *t, const struct hids_model *model)
{
	hids_state_reset(model, t->state);
	t->alerted = false;
	t->win_sum = 0;
	t->run_sum = 0;
	t->steps = 0;
	t->win_fill = 0;
	t->win_pos = 0;
}

/* kmod/scorer.c's step(): 0 no alert, 1 window, 2 running. */
static int step(struct rthread *t, const struct hids_model *m, const struct replay_cfg *c,
		u16 tok, u64 now, u32 *mean)
{
	u32 score = hids_step(m, t->state, tok, c->scratch, c->isa), w = c->window;
	u32 window_mean;
	u64 running_mean;

	t->steps++;
	t->run_sum += score;
	t->win_sum += score;
	if (t->win_fill == w)
		t->win_sum -= t->win[t->win_pos];
	else
		t->win_fill++;
	t->win[t->win_pos] = score;
	t->win_pos = t->win_pos + 1 == w ? 0 : t->win_pos + 1;
	window_mean = t->win_sum / w;	/* a young thread's missing calls count 0 */
	running_mean = t->run_sum / t->steps;
	if (t->alerted && now < t->last_alert_ns + c->interval_ns)
		return 0;
	if (c->thr_window && window_mean > c->thr_window) {
		*mean = window_mean;
		return 1;
	}
	if (c->thr_running && t->steps >= c->min_calls && running_mean > c->thr_running) {
		*mean = (u32)running_mean;
		return 2;
	}
	return 0;
}

static bool is_exec(const struct strtab *names, const struct trace_event *e)
{
	const char *n = strtab_name(names, e->name);

	return e->dir == TRACE_EXIT && e->ret != TRACE_RET_ERR && n &&
	       (!strcmp(n, "execve") || !strcmp(n, "execveat"));
}

/* One recording, its alerts listed and counted into tot. */
static int replay_one(struct dataset *ds, struct recording *r, const struct model_file *mf,
		      const struct replay_cfg *c, const struct replay_args *a,
		      struct replay_totals *tot)
{
	struct thread_map map = { .window = c->window, .model = mf->model };
	u64 alerts[2] = { 0, 0 }, calls = 0, alerted = 0, t0 = 0, t1 = 0;
	u16 *tok_of = NULL;
	struct trace_err err = { "" };
	struct rthread *t;
	const char *name;
	size_t i;
	u32 mean;
	int ret, kind;

	ret = recording_load(r, &ds->names, &err);
	if (ret) {
		fprintf(stderr, "%s: %s\n", prog_name, err.msg[0] ? err.msg : strerror(-ret));
		return ret;
	}
	/* Each name's token once, not per call. */
	tok_of = calloc(ds->names.n ? ds->names.n : 1, sizeof(*tok_of));
	if (!tok_of) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < ds->names.n; i++)
		tok_of[i] = hids_model_token(mf->model, ds->names.names[i]);
	for (i = 0; i < r->nev; i++) {
		const struct trace_event *e = &r->ev[i];

		if (!calls)
			t0 = e->ts_ns;
		t1 = e->ts_ns;
		t = thread_of(&map, e->tid);
		if (!t) {
			ret = -ENOMEM;
			goto out;
		}
		if (is_exec(&ds->names, e)) {
			thread_restart(t, mf->model);
			continue;
		}
		if (e->dir != TRACE_ENTER)
			continue;
		calls++;
		if (tok_of[e->name] == HIDS_TOKEN_SKIP)
			continue;	/* a signal return, as the kernel skips it */
		kind = step(t, mf->model, c, tok_of[e->name], e->ts_ns, &mean);
		if (!kind)
			continue;
		alerted += !t->alerted;
		t->alerted = true;
		t->last_alert_ns = e->ts_ns;
		alerts[kind - 1]++;
		if (tot->listed++ < (u64)a->list) {
			name = strtab_name(&ds->names, e->name);
			printf("  %s +%.3fs tid %d: %s score %.4f > %.4f nats after %" PRIu64
			       " calls (last: %s)\n", r->name, (e->ts_ns - t0) / 1e9, e->tid,
			       kind == 1 ? "window" : "running", mean / 65536.0,
			       (kind == 1 ? c->thr_window : c->thr_running) / 65536.0, t->steps,
			       name ? name : "?");
		}
	}
	tot->calls += calls;
	tot->threads += map.n;
	tot->alerts[0] += alerts[0];
	tot->alerts[1] += alerts[1];
	tot->alerted_threads += alerted;
	/* ADFA-LD's "times" are call indices. */
	if (r->format == REC_ADFA)
		tot->untimed = true;
	else
		tot->seconds += (t1 - t0) / 1e9;
out:
	free(tok_of);
	map_free(&map);
	recording_unload(r);
	return ret;
}

static u32 q16(double nats)
{
	return (u32)lrint(nats * 65536);
}

static int replay(const struct replay_args *a)
{
	struct replay_totals tot = { 0 };
	struct trace_err err = { "" };
	const struct hids_model_info *in;
	struct model_file mf;
	struct replay_cfg c;
	struct dataset ds;
	size_t i, nrec = 0;
	double alerts;
	int sp, ret;

	ret = model_file_load(&mf, a->model);
	if (ret)
		return ret;
	in = &mf.info;
	c = (struct replay_cfg){
		.thr_window = isnan(a->thr_window) ? in->threshold_window : q16(a->thr_window),
		.thr_running = isnan(a->thr_running) ? in->threshold_running :
			       q16(a->thr_running),
		.window = a->window ? (u32)a->window : in->window,
		.min_calls = a->min_calls ? (u32)a->min_calls : in->min_calls,
		.interval_ns = (u64)a->interval_ms * 1000000,
		.isa = hids_isa_best(),
		.scratch = aligned_alloc(64, (hids_scratch_size(mf.model) + 64) & ~(size_t)63),
	};
	if (!c.scratch) {
		ret = -ENOMEM;
		goto out_model;
	}
	ret = dataset_open(&ds, a->data.kind, a->data.path, &err);
	if (ret) {
		fprintf(stderr, "%s: %s\n", prog_name, err.msg[0] ? err.msg : strerror(-ret));
		goto out_model;
	}
	printf("replay: %s, thresholds window %.4f (W=%u) running %.4f (K=%u) nats, "
	       "interval %d ms\n", a->model, c.thr_window / 65536.0, c.window,
	       c.thr_running / 65536.0, c.min_calls, a->interval_ms);
	for (sp = 0; sp < SPLIT__N && !ret; sp++) {
		if (a->split >= 0 && a->split != sp)
			continue;
		for (i = 0; i < ds.n[sp] && !ret; i++, nrec++)
			ret = replay_one(&ds, &ds.rec[sp][i], &mf, &c, a, &tot);
	}
	if (ret)
		goto out;
	if (!nrec) {
		fprintf(stderr, "%s: %s: no recordings to replay\n", prog_name, a->data.path);
		ret = -ENODATA;
		goto out;
	}
	alerts = tot.alerts[0] + tot.alerts[1];
	if (tot.listed > (u64)a->list)
		printf("  ... %" PRIu64 " more (--list)\n", tot.listed - a->list);
	printf("replayed %zu recordings: %" PRIu64 " calls in %" PRIu64 " threads; %.0f alerts "
	       "(%" PRIu64 " window, %" PRIu64 " running) in %" PRIu64 " threads\n", nrec,
	       tot.calls, tot.threads, alerts, tot.alerts[0], tot.alerts[1],
	       tot.alerted_threads);
	if (tot.untimed)
		printf("alerts per hour: unknown (recordings without timestamps)\n");
	else if (tot.seconds > 0)
		printf("alerts per hour: %.2f over %.1f s of recording\n",
		       alerts * 3600 / tot.seconds, tot.seconds);
	printf("alerts per 1000 calls: %.4f\n", tot.calls ? alerts * 1000 / tot.calls : 0.0);
out:
	dataset_close(&ds);
out_model:
	free(c.scratch);
	model_file_free(&mf);
	return ret;
}

int cmd_replay(int argc, char **argv)
{
	struct replay_args a;

	if (parse(argc, argv, &a))
		return 2;
	return replay(&a) ? 1 : 0;
}
