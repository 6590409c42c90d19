// SPDX-License-Identifier: GPL-2.0
/* The evaluation report as JSON and Markdown (see report.h). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>

#include "json_writer.h"
#include "report.h"

const double report_far[REPORT_NFAR] = { 0.01, 0.05, 0.1 };
const char *const report_far_key[REPORT_NFAR] = { "0.01", "0.05", "0.1" };

static void json_dr(struct jw *w, const struct report_score *s)
{
	int i;

	jw_begin(w, "dr_at_far");
	for (i = 0; i < REPORT_NFAR; i++)
		jw_num(w, report_far_key[i], s->dr_at_far[i]);
	jw_end(w);
}

static void json_scores(struct jw *w, const struct report_detector *d)
{
	int k;

	jw_begin(w, "scores");
	for (k = 0; k < SCORE__N; k++) {
		jw_begin(w, score_kind_name(k));
		jw_num(w, "auc", d->score[k].auc);
		json_dr(w, &d->score[k]);
		jw_end(w);
	}
	jw_end(w);
}

static void json_lidds(struct jw *w, const struct lidds_result *l)
{
	jw_begin(w, "lidds");
	jw_num(w, "detection_rate", l->detection_rate);
	jw_uint(w, "false_alarms", l->c.fp);
	jw_uint(w, "cfa", lidds_cfa(l));
	jw_num(w, "precision_cfa", l->precision_cfa);
	jw_num(w, "f1_cfa", l->f1_cfa);
	jw_num(w, "precision_sys", l->precision_sys);
	jw_uint(w, "true_positives", l->c.tp);
	jw_uint(w, "false_positives", l->c.fp);
	jw_uint(w, "true_negatives", l->c.tn);
	jw_uint(w, "false_negatives", l->c.fn);
	jw_uint(w, "alarm_count", l->c.alarm_count);
	jw_uint(w, "exploit_count", l->c.exploit_count);
	jw_uint(w, "cfa_normal", l->c.cfa_normal);
	jw_uint(w, "cfa_exploits", l->c.cfa_exploits);
	jw_end(w);
}

/* scores, threshold and lidds of one detector, or nulls when it did not run. */
static void json_detector_body(struct jw *w, const struct report_detector *d)
{
	if (!d->present) {
		jw_null(w, "scores");
		jw_null(w, "group_auc");
		jw_null(w, "attack_groups");
		jw_null(w, "threshold");
		jw_null(w, "lidds");
		return;
	}
	json_scores(w, d);
	jw_num(w, "group_auc", d->group_auc);
	jw_uint(w, "attack_groups", d->n_groups);
	jw_num(w, "threshold", d->lidds.threshold);
	json_lidds(w, &d->lidds);
}

static double headline_auc(const struct report_detector *d)
{
	return d->present ? d->score[d->headline].auc : NAN;
}

static void json_head(struct jw *w, const struct report *r)
{
	jw_str(w, "dataset", r->dataset);
	jw_str(w, "split", r->split);
	jw_str(w, "engine", "int");
	jw_begin(w, "model");
	jw_str(w, "kind", r->model.ngram ? "ngram" : "lstm");
	jw_uint(w, "hidden", r->model.hidden);
	jw_uint(w, "embed", r->model.embed);
	jw_uint(w, "layers", r->model.layers);
	jw_uint(w, "order", r->model.order);
	jw_uint(w, "vocab", r->model.vocab);
	jw_uint(w, "window", r->model.window);
	jw_uint(w, "min_calls", r->model.min_calls);
	jw_str(w, "description", r->model.description);
	jw_bool(w, "self_normalized", r->model.self_norm);
	jw_end(w);
	jw_begin(w, "recordings");
	jw_uint(w, "normal", r->lstm.n_normal);
	jw_uint(w, "attack", r->lstm.n_attack);
	jw_end(w);
	jw_str(w, "threshold_rule", r->threshold_rule);
	jw_num(w, "target_far", r->target_far);
}

static void json_log_z(struct jw *w, const struct report *r)
{
	static const char *const split[2] = { "validation", "test" };
	int i;

	if (!r->log_z.present) {
		jw_null(w, "log_z");
		return;
	}
	jw_begin(w, "log_z");
	for (i = 0; i < 2; i++) {
		jw_begin(w, split[i]);
		jw_num(w, "mean", r->log_z.mean[i]);
		jw_num(w, "sd", r->log_z.sd[i]);
		jw_end(w);
	}
	jw_end(w);
}

/* A baseline's headline figures and body after its own parameters. */
static void json_baseline_body(struct jw *w, const struct report_detector *d)
{
	jw_str(w, "score", score_kind_name(d->headline));
	jw_num(w, "auc", headline_auc(d));
	json_dr(w, &d->score[d->headline]);
	json_detector_body(w, d);
	jw_end(w);
}

/* Count or duration vectors; missing: why the data allow none. */
static void json_cvec(struct jw *w, const char *key, const struct report *r,
		      const struct report_detector *d, size_t samples, const char *missing)
{
	if (missing) {
		jw_begin(w, key);
		jw_str(w, "unavailable", missing);
		jw_end(w);
		return;
	}
	if (!d->present) {
		jw_null(w, key);
		return;
	}
	jw_begin(w, key);
	jw_uint(w, "window", r->cvec_window);
	jw_uint(w, "k", r->cvec_k);
	jw_uint(w, "samples", samples);
	json_baseline_body(w, d);
}

static void json_encdec(struct jw *w, const char *key, const struct report_encdec *e)
{
	if (!e->det.present) {
		jw_null(w, key);
		return;
	}
	jw_begin(w, key);
	jw_uint(w, "window", e->window);
	jw_uint(w, "hidden", e->hidden);
	jw_uint(w, "embed", e->embed);
	jw_uint(w, "epochs", e->epochs);
	jw_uint(w, "stride", e->stride);
	jw_uint(w, "samples", e->samples);
	jw_num(w, "train_loss", e->train_loss);
	jw_num(w, "seconds", e->seconds);
	json_baseline_body(w, &e->det);
}

static void json_baselines(struct jw *w, const struct report *r)
{
	jw_begin(w, "baselines");
	if (!r->stide.present) {
		jw_null(w, "stide");
	} else {
		jw_begin(w, "stide");
		jw_uint(w, "n", r->stide_n);
		jw_uint(w, "window", r->stide_window);
		json_baseline_body(w, &r->stide);
	}
	if (!r->ngram.present) {
		jw_null(w, "ngram");
	} else {
		jw_begin(w, "ngram");
		jw_uint(w, "order", r->ngram_order);
		jw_uint(w, "entries", r->ngram_entries);
		json_baseline_body(w, &r->ngram);
	}
	json_cvec(w, "cvec", r, &r->cvec, r->cvec_samples, NULL);
	json_cvec(w, "cvec_durations", r, &r->cvec_dur, r->cvec_dur_samples,
		  r->cvec_dur_missing);
	json_encdec(w, "autoencoder", &r->autoencoder);
	json_encdec(w, "seq2seq", &r->seq2seq);
	jw_end(w);
}

int report_write_json(FILE *f, const struct report *r)
{
	struct jw w;

	jw_init(&w, f);
	jw_begin(&w, NULL);
	json_head(&w, r);
	jw_num(&w, "auc", headline_auc(&r->lstm));
	jw_num(&w, "auc_float", headline_auc(&r->lstm_float));
	if (r->lstm.present)
		json_dr(&w, &r->lstm.score[SCORE_MEAN]);
	else
		jw_null(&w, "dr_at_far");
	json_detector_body(&w, &r->lstm);
	jw_begin(&w, "float");
	json_detector_body(&w, &r->lstm_float);
	jw_end(&w);
	jw_begin(&w, "float_exact");
	json_detector_body(&w, &r->lstm_float_exact);
	jw_end(&w);
	json_log_z(&w, r);
	json_baselines(&w, r);
	jw_begin(&w, "train");
	jw_num(&w, "tokens_per_s", r->train.tokens_per_s);
	jw_num(&w, "seconds", r->train.seconds);
	jw_end(&w);
	jw_end(&w);
	return jw_finish(&w);
}

/* A figure for a table cell: "-" when undefined. */
static void md_num(FILE *f, const char *fmt, double v)
{
	fputs(" | ", f);
	if (isfinite(v))
		fprintf(f, fmt, v);
	else
		fputc('-', f);
}

#define NDET 9

static const char *const det_label[NDET] = {
	"LSTM (int engine)", "LSTM (float)", "LSTM (float, exact softmax)", "STIDE", "n-gram LM",
	"count vectors", "duration vectors", "LSTM autoencoder", "LSTM seq2seq",
};

static const char *label(const struct report *r, int i)
{
	return i == 0 && r->model.ngram ? "n-gram (int engine)" : det_label[i];
}

static const struct report_detector *det_at(const struct report *r, int i)
{
	const struct report_detector *d[NDET] = {
		&r->lstm, &r->lstm_float, &r->lstm_float_exact, &r->stide, &r->ngram, &r->cvec,
		&r->cvec_dur, &r->autoencoder.det, &r->seq2seq.det,
	};

	return d[i];
}

static void md_roc(FILE *f, const struct report *r)
{
	const struct report_detector *d;
	int i, k, j;

	fputs("## Recording-level scores (ROC)\n\n"
	      "| detector | score | AUC | DR @ 1% FAR | DR @ 5% FAR | DR @ 10% FAR |\n"
	      "|---|---|---:|---:|---:|---:|\n", f);
	for (i = 0; i < NDET; i++) {
		d = det_at(r, i);
		for (k = 0; d->present && k < SCORE__N; k++) {
			fprintf(f, "| %s | %s", label(r, i), score_kind_name(k));
			md_num(f, "%.4f", d->score[k].auc);
			for (j = 0; j < REPORT_NFAR; j++)
				md_num(f, "%.4f", d->score[k].dr_at_far[j]);
			fputs(" |\n", f);
		}
	}
	fputs("\nAttack groups, each scored by its worst recording (mean score):\n\n"
	      "| detector | groups | group AUC |\n|---|---:|---:|\n", f);
	for (i = 0; i < NDET; i++) {
		d = det_at(r, i);
		if (!d->present)
			continue;
		fprintf(f, "| %s | %zu", label(r, i), d->n_groups);
		md_num(f, "%.4f", d->group_auc);
		fputs(" |\n", f);
	}
}

static void md_lidds(FILE *f, const struct report *r)
{
	const struct report_detector *d;
	const struct lidds_result *l;
	int i;

	fputs("\n## LID-DS metrics\n\nPer call: alarm when the detector value > threshold.\n\n", f);
	fputs("| detector | threshold | DR | false alarms | CFA | precision (CFA) | F1 (CFA) ", f);
	fputs("| TP | FP | TN | FN |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", f);
	for (i = 0; i < NDET; i++) {
		d = det_at(r, i);
		if (!d->present)
			continue;
		l = &d->lidds;
		fprintf(f, "| %s", label(r, i));
		md_num(f, "%.6g", l->threshold);
		md_num(f, "%.4f", l->detection_rate);
		fprintf(f, " | %" PRIu64 " | %" PRIu64, l->c.fp, lidds_cfa(l));
		md_num(f, "%.4f", l->precision_cfa);
		md_num(f, "%.4f", l->f1_cfa);
		fprintf(f, " | %" PRIu64 " | %" PRIu64 " | %" PRIu64 " | %" PRIu64 " |\n",
			l->c.tp, l->c.fp, l->c.tn, l->c.fn);
	}
}

static void md_encdec(FILE *f, const char *name, const char *from, const struct report_encdec *e)
{
	if (!e->det.present)
		return;
	/* Not the training time: the summary of a run is the same in every run. */
	fprintf(f, "- %s: windows of %" PRIu32 " calls predicted from %s, hidden %" PRIu32
		", embedding %" PRIu32 ", %" PRIu32 " epochs over %zu training windows (loss "
		"%.3f nats), stride %" PRIu32 ", a recording by its worst window "
		"(window_max)\n", name, e->window, from, e->hidden, e->embed, e->epochs,
		e->samples, e->train_loss, e->stride);
}

static void md_head(FILE *f, const struct report *r)
{
	fprintf(f, "# hids evaluation: %s, %s split\n\n", r->dataset ? r->dataset : "-",
		r->split ? r->split : "-");
	if (r->model.ngram)
		fprintf(f, "- Model: n-gram, order %" PRIu32 ", vocabulary %" PRIu32
			"; scored by the integer engine (the kernel's)\n", r->model.order,
			r->model.vocab);
	else
		fprintf(f, "- Model: LSTM, %" PRIu32 " layer(s), hidden %" PRIu32 ", embedding %"
			PRIu32 ", vocabulary %" PRIu32 "%s; scored by the integer engine (the kernel's)\n",
			r->model.layers, r->model.hidden, r->model.embed, r->model.vocab,
			r->model.self_norm ? ", self-normalised (a call scores -logit)" : "");
	if (r->log_z.present)
		fprintf(f, "- log Z (float model, per call): validation mean %.4f sd %.4f, test "
			"mean %.4f sd %.4f nats\n", r->log_z.mean[0], r->log_z.sd[0],
			r->log_z.mean[1], r->log_z.sd[1]);
	fprintf(f, "- Scores: window W = %" PRIu32 " calls, running mean from call K = %" PRIu32
		"\n", r->model.window, r->model.min_calls);
	fprintf(f, "- Recordings: %zu normal, %zu attack\n", r->lstm.n_normal, r->lstm.n_attack);
	fprintf(f, "- Threshold: %s", r->threshold_rule ? r->threshold_rule : "-");
	if (isfinite(r->target_far))
		fprintf(f, " (target FAR %g)", r->target_far);
	fputs(" on the validation split\n", f);
	if (r->stide.present)
		fprintf(f, "- STIDE: thread-aware %" PRIu32 "-grams, window %" PRIu32 " calls\n",
			r->stide_n, r->stide_window);
	if (r->ngram.present)
		fprintf(f, "- n-gram LM: Witten-Bell, order %" PRIu32 " (%zu call sequences), "
			"scored like the model\n", r->ngram_order, r->ngram_entries);
	if (r->cvec.present)
		fprintf(f, "- count vectors: windows of %" PRIu32 " calls, k-means with k = %"
			PRIu32 " (%zu training windows), a recording by its worst window "
			"(window_max)\n", r->cvec_window, r->cvec_k, r->cvec_samples);
	if (r->cvec_dur.present)
		fprintf(f, "- duration vectors: the same, each call weighing its time from "
			"entry to exit (%zu training windows)\n", r->cvec_dur_samples);
	else if (r->cvec_dur_missing)
		fprintf(f, "- duration vectors: not available: %s\n", r->cvec_dur_missing);
	md_encdec(f, "LSTM autoencoder", "itself", &r->autoencoder);
	md_encdec(f, "LSTM seq2seq", "the window before it", &r->seq2seq);
	if (isfinite(r->train.seconds))
		fprintf(f, "- Training: %.1f s, %.0f tokens/s\n", r->train.seconds,
			r->train.tokens_per_s);
	fputc('\n', f);
}

int report_write_markdown(FILE *f, const struct report *r)
{
	md_head(f, r);
	md_roc(f, r);
	md_lidds(f, r);
	if (fflush(f) || ferror(f))
		return -EIO;
	return 0;
}
