// SPDX-License-Identifier: GPL-2.0
/* A data set's splits as token views (see splits.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "splits.h"

int splits_open(struct splits *s, enum dataset_kind kind, const char *path, unsigned int want)
{
	struct trace_err err = { "" };
	const char *name;
	int sp, i, ret;

	memset(s, 0, sizeof(*s));
	s->so.dir = TRACE_ENTER;	/* the kernel scores at system-call entry */
	s->so.durations = want & SPLITS_DURATIONS;
	ret = dataset_open(&s->ds, kind, path, &err);
	if (ret) {
		fprintf(stderr, "%s: %s\n", prog_name, err.msg[0] ? err.msg : strerror(-ret));
		return ret;
	}
	/* The kernel made these recordings; it restarts a thread's scores at exec. */
	if (kind == DATASET_HIDS) {
		ret = strtab_intern(&s->ds.names, "execve", strlen("execve"));
		if (ret < 0)
			goto err;
		s->so.exec_split = true;
		s->so.exec_name = (uint16_t)ret;
	}
	for (i = 0; (want & SPLITS_SKIP_SIGRETURN) && i < HIDS_SIGNAL_RETURNS; i++) {
		name = hids_signal_returns[i];
		ret = strtab_intern(&s->ds.names, name, strlen(name));
		if (ret < 0)
			goto err;
		s->so.skip[i] = (uint16_t)ret;
		s->so.skip_sigreturn = true;
	}
	/* Without a validation split, it is held out of training. */
	if ((want & (1u << SPLIT_VAL)) && !s->ds.n[SPLIT_VAL])
		want |= 1u << SPLIT_TRAIN;
	for (sp = 0; sp < SPLIT__N; sp++) {
		if (!(want & (1u << sp)))
			continue;
		ret = dataset_streams(&s->ds, sp, &s->so, &s->rs[sp], &err);
		if (ret) {
			fprintf(stderr, "%s: %s\n", prog_name,
				err.msg[0] ? err.msg : strerror(-ret));
			splits_close(s);
			return ret;
		}
		s->nrs[sp] = s->ds.n[sp];
		s->want |= 1u << sp;
	}
	return 0;

err:
	dataset_close(&s->ds);
	return ret;
}

int splits_vocab_build(struct splits *s, unsigned int min_count)
{
	int ret;

	if (!s->nrs[SPLIT_TRAIN]) {
		fprintf(stderr, "%s: %s: no training recordings\n", prog_name,
			dataset_kind_name(s->ds.kind));
		return -ENODATA;
	}
	ret = vocab_build(&s->vocab, s->rs[SPLIT_TRAIN], s->nrs[SPLIT_TRAIN], &s->ds.names,
			  &s->so, min_count);
	if (ret) {
		fprintf(stderr, "%s: building the vocabulary: %s\n", prog_name,
			ret == -E2BIG ? "too many distinct calls" : strerror(-ret));
		return ret;
	}
	s->have_vocab = true;
	return 0;
}

int splits_vocab_names(struct splits *s, const char *const *names, int n)
{
	int ret = vocab_from_names(&s->vocab, names, n);

	if (ret) {
		fprintf(stderr, "%s: the model's vocabulary: %s\n", prog_name, strerror(-ret));
		return ret;
	}
	s->have_vocab = true;
	return 0;
}

int splits_views(struct splits *s)
{
	int sp, ret = 0;

	for (sp = 0; sp < SPLIT__N && !ret; sp++)
		if (s->want & (1u << sp))
			ret = vocab_apply(&s->vocab, s->rs[sp], s->nrs[sp], &s->ds.names, &s->so);
	/* Held out only when validation was asked for and the data set has none. */
	if ((s->want & (1u << SPLIT_VAL)) && !s->ds.n[SPLIT_VAL] && s->nrs[SPLIT_TRAIN]) {
		ret = ret ?: views_hold_out(&s->v[SPLIT_TRAIN], &s->v[SPLIT_VAL],
					    s->rs[SPLIT_TRAIN], s->nrs[SPLIT_TRAIN]);
		if (ret == -ENODATA) {
			fprintf(stderr, "%s: %s: too few calls to hold out a validation part\n",
				prog_name, dataset_kind_name(s->ds.kind));
			return ret;
		}
		s->held_out = !ret;
	} else {
		for (sp = SPLIT_TRAIN; sp <= SPLIT_VAL && !ret; sp++)
			if (s->want & (1u << sp))
				ret = views_of(&s->v[sp], s->rs[sp], s->nrs[sp]);
	}
	if (!ret && (s->want & (1u << SPLIT_TEST)))
		ret = views_of(&s->v[SPLIT_TEST], s->rs[SPLIT_TEST], s->nrs[SPLIT_TEST]);
	if (ret)
		fprintf(stderr, "%s: %s\n", prog_name, strerror(-ret));
	return ret;
}

void splits_close(struct splits *s)
{
	int sp;

	for (sp = 0; sp < SPLIT__N; sp++) {
		views_free(&s->v[sp]);
		dataset_streams_free(s->rs[sp], s->nrs[sp]);
	}
	if (s->have_vocab)
		vocab_free(&s->vocab);
	dataset_close(&s->ds);
	memset(s, 0, sizeof(*s));
}
