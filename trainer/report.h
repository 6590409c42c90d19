/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The evaluation report: what `hids-train eval` measured, as JSON (stable
 * key order, for machines and diffs) and as a Markdown summary (tables,
 * for people).  The eval command fills struct report (evaluate.h fills
 * the detector parts) and writes it; the ROC picture is plot_svg.h's.
 *
 * JSON keys, in order ("…" = the detector block below):
 *   dataset, split, engine ("int"), model{kind ("lstm" or "ngram"),
 *   hidden, embed, layers, order, vocab, window, min_calls, description,
 *   self_normalized}, recordings{normal, attack}, threshold_rule,
 *   target_far, auc (int engine, mean score), auc_float (float model,
 *   mean score), dr_at_far{"0.01", "0.05", "0.1"} (int engine, mean
 *   score), scores{mean, window_max, running_max}{auc, dr_at_far},
 *   threshold, lidds{...}, float{scores, threshold, lidds}, float_exact{the
 *   same: a self-normalised model's float network with the exact softmax},
 *   log_z{validation{mean, sd}, test{mean, sd}} (the float model's softmax
 *   normaliser per call),
 *   baselines{stide{n, window, auc, dr_at_far, scores, threshold, lidds},
 *   ngram{order, entries, auc, dr_at_far, scores, threshold, lidds},
 *   cvec{window, k, samples, score, auc, dr_at_far, scores, threshold,
 *   lidds}, cvec_durations{the same, or {unavailable: why}},
 *   autoencoder{window, hidden, embed, epochs, stride, samples,
 *   train_loss, seconds, score, auc, dr_at_far, scores, threshold, lidds},
 *   seq2seq{the same}} (a baseline's auc and dr_at_far are those of its
 *   "score": mean, or window_max for the window baselines: the worst
 *   window),
 *   train{tokens_per_s, seconds}.
 *   lidds: detection_rate, false_alarms (false-positive calls), cfa (both
 *   kinds of run), precision_cfa, f1_cfa, precision_sys, true_positives,
 *   false_positives, true_negatives, false_negatives, alarm_count,
 *   exploit_count, cfa_normal, cfa_exploits.
 * A figure that is unknown or undefined (NAN, infinite) is null; a
 * detector not run (present false) is null as a whole.
 */
#ifndef HIDS_REPORT_H
#define HIDS_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lidds_metrics.h"
#include "scores.h"

#define REPORT_NFAR	3

/* 0.01, 0.05, 0.1 and their JSON keys "0.01", "0.05", "0.1". */
extern const double report_far[REPORT_NFAR];
extern const char *const report_far_key[REPORT_NFAR];

struct report_score {
	double auc;
	double dr_at_far[REPORT_NFAR];
};

/* One detector on the evaluated split. */
struct report_detector {
	bool present;
	enum score_kind headline;		/* its auc and dr_at_far (default mean) */
	size_t n_normal, n_attack;
	struct report_score score[SCORE__N];	/* recording-level */
	double group_auc;			/* attack groups by their worst, mean score */
	size_t n_groups;
	struct lidds_result lidds;		/* per call, at lidds.threshold */
};

struct report {
	const char *dataset;		/* dataset_kind_name() */
	const char *split;		/* split_name() */
	struct {
		uint32_t hidden, embed, layers, vocab;
		uint32_t window, min_calls;	/* W and K of the scores */
		bool ngram;			/* an n-gram model, not an LSTM */
		uint32_t order;			/* the n-gram model's */
		const char *description;	/* the model file's: how it was trained */
		bool self_norm;			/* a self-normalised LSTM: scores -logit */
	} model;
	const char *threshold_rule;	/* "lidds" or "target-far" */
	double target_far;		/* with "target-far", else NAN */
	struct report_detector lstm;	/* integer engine, either kind: the headline */
	struct report_detector lstm_float;	/* scored as the engine scores */
	struct report_detector lstm_float_exact;	/* self-normalised: the exact softmax */
	struct {
		bool present;
		double mean[2], sd[2];	/* validation, test */
	} log_z;
	struct report_detector stide;
	uint32_t stide_n, stide_window;
	struct report_detector ngram;	/* Witten-Bell n-gram model */
	uint32_t ngram_order;
	size_t ngram_entries;		/* call sequences counted */
	struct report_detector cvec;	/* count vectors, k-means */
	uint32_t cvec_window, cvec_k;
	size_t cvec_samples;		/* training windows k-means saw */
	struct report_detector cvec_dur;	/* duration vectors, k-means */
	size_t cvec_dur_samples;
	const char *cvec_dur_missing;	/* why the data allow no duration vectors */
	struct report_encdec {		/* LSTM autoencoder, seq2seq */
		struct report_detector det;
		uint32_t window, hidden, embed, epochs, stride;
		size_t samples;		/* training windows drawn from */
		double train_loss;	/* the last epoch's mean (nats) */
		double seconds;		/* training */
	} autoencoder, seq2seq;
	struct {
		double tokens_per_s, seconds;	/* NAN when not trained in this run */
	} train;
};

/* 0, or -EIO when the stream failed. */
int report_write_json(FILE *f, const struct report *r);
int report_write_markdown(FILE *f, const struct report *r);

#endif
