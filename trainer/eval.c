// SPDX-License-Identifier: GPL-2.0
/*
 * hids-train eval: a data set's test split scored by a model with the
 * integer engine (the kernel's bits), the float model beside it, and the
 * baselines (STIDE, n-gram, count and duration vectors, LSTM autoencoder
 * and seq2seq) through the same code path; ROC figures for every score,
 * LID-DS metrics at thresholds from validation; JSON, Markdown and an SVG.
 */
#include <cblas.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/hids_model.h>

#include "checkpoint.h"
#include "count_vectors.h"
#include "cli.h"
#include "commands.h"
#include "evaluate.h"
#include "lstm_encdec.h"
#include "lstm_score.h"
#include "modelfile.h"
#include "plot_svg.h"
#include "progress.h"
#include "report.h"
#include "scored.h"
#include "splits.h"

struct eval_args {
	struct cli_data data;
	const char *model, *report, *plot, *markdown, *float_path;
	enum det_kind rule;	/* the detector of the LID-DS metrics */
	double target_far;	/* float and STIDE thresholds; < 0: LID-DS rule */
	int stide_n, stide_window, ngram_order, cvec_window, cvec_k;
	int ae_window, ae_hidden, ae_epochs, ae_stride;
	enum hids_isa isa;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s eval [--dataset KIND] PATH -m MODEL.hidsm [options]\n"
		"\n"
		"Score the test split with the integer engine the kernel runs, the float\n"
		"model (MODEL.hidsm.float, written by fit), STIDE, an interpolated n-gram\n"
		"model (Witten-Bell), count and duration vectors (k-means) and an LSTM\n"
		"autoencoder and seq2seq model (trained here); print a summary.\n"
		"\n"
		"  --report R.json     the report as JSON, with R.md (Markdown) beside it\n"
		"  --plot ROC.svg      the ROC curves (default with --report: R.svg)\n"
		"  --markdown R.md     the Markdown summary elsewhere\n"
		"  --float PATH|none   the float model (default MODEL.hidsm.float if present)\n"
		"  --rule window|running   the kernel detector behind the LID-DS metrics\n"
		"                      (default window, at the model's threshold)\n"
		"  --target-far F      float and STIDE thresholds for this false-alarm rate on\n"
		"                      validation (default: the LID-DS rule, the maximum)\n"
		"  --stide-n N         STIDE n-gram length (default %d)\n"
		"  --stide-window W    STIDE window (default %d)\n"
		"  --ngram-order N     order of the n-gram baseline, 0 leaves it out\n"
		"                      (default %d)\n"
		"  --cvec-window N     calls in a count- and duration-vector window, 0\n"
		"                      leaves both baselines out (default %d)\n"
		"  --cvec-k K          their k-means clusters (default %d)\n"
		"  --ae-window N       calls in an LSTM autoencoder and seq2seq window, 0\n"
		"                      leaves both baselines out (default %d)\n"
		"  --ae-hidden H       their LSTM layers' width (default %d)\n"
		"  --ae-epochs N       their training epochs of %d windows (default %d)\n"
		"  --ae-stride S       score every S-th window, and the last (default 1)\n"
		"  --isa scalar|simd   engine code path (same bits; default simd)\n",
		prog_name, STIDE_N_DEFAULT, STIDE_WINDOW_DEFAULT, NGRAM_ORDER_DEFAULT,
		CVEC_WINDOW_DEFAULT, CVEC_K_DEFAULT, ENCDEC_WINDOW_DEFAULT, ENCDEC_HIDDEN_DEFAULT,
		ENCDEC_EPOCH_WINDOWS, ENCDEC_EPOCHS_DEFAULT);
}

static int parse(int argc, char **argv, struct eval_args *a)
{
	const char *v;
	int i, ret = 0;

	memset(a, 0, sizeof(*a));
	a->data.kind = DATASET_HIDS;
	a->rule = DET_WINDOW;
	a->target_far = -1;
	a->stide_n = STIDE_N_DEFAULT;
	a->stide_window = STIDE_WINDOW_DEFAULT;
	a->ngram_order = NGRAM_ORDER_DEFAULT;
	a->cvec_window = CVEC_WINDOW_DEFAULT;
	a->cvec_k = CVEC_K_DEFAULT;
	a->ae_window = ENCDEC_WINDOW_DEFAULT;
	a->ae_hidden = ENCDEC_HIDDEN_DEFAULT;
	a->ae_epochs = ENCDEC_EPOCHS_DEFAULT;
	a->ae_stride = 1;
	a->isa = hids_isa_best();
	for (i = 1; i < argc && ret >= 0; i++) {
		const char *o = argv[i];

		ret = cli_data_arg("eval", argc, argv, &i, &a->data, usage);
		if (ret)
			continue;
		v = cli_value(argc, argv, &i);
		if (!v)
			return -EINVAL;
		if (!strcmp(o, "-m") || !strcmp(o, "--model")) {
			a->model = v;
		} else if (!strcmp(o, "--report")) {
			a->report = v;
		} else if (!strcmp(o, "--plot")) {
			a->plot = v;
		} else if (!strcmp(o, "--markdown")) {
			a->markdown = v;
		} else if (!strcmp(o, "--float")) {
			a->float_path = v;
		} else if (!strcmp(o, "--rule")) {
			if (!strcmp(v, "window") || !strcmp(v, "running")) {
				a->rule = v[0] == 'w' ? DET_WINDOW : DET_RUNNING;
			} else {
				fprintf(stderr, "%s: invalid --rule '%s' (window or running)\n",
					prog_name, v);
				ret = -EINVAL;
			}
		} else if (!strcmp(o, "--target-far")) {
			ret = cli_double(o, v, 0, 0.999, &a->target_far);
		} else if (!strcmp(o, "--stide-n")) {
			ret = cli_int(o, v, 1, STIDE_N_MAX, &a->stide_n);
		} else if (!strcmp(o, "--stide-window")) {
			ret = cli_int(o, v, 1, 1 << 24, &a->stide_window);
		} else if (!strcmp(o, "--ngram-order")) {
			ret = cli_int(o, v, 0, NGRAM_ORDER_MAX, &a->ngram_order);
		} else if (!strcmp(o, "--cvec-window")) {
			ret = cli_int(o, v, 0, 1 << 24, &a->cvec_window);
		} else if (!strcmp(o, "--cvec-k")) {
			ret = cli_int(o, v, 1, CVEC_K_MAX, &a->cvec_k);
		} else if (!strcmp(o, "--ae-window")) {
			ret = cli_int(o, v, 0, ENCDEC_WINDOW_MAX, &a->ae_window);
		} else if (!strcmp(o, "--ae-hidden")) {
			ret = cli_int(o, v, 1, ENCDEC_HIDDEN_MAX, &a->ae_hidden);
		} else if (!strcmp(o, "--ae-epochs")) {
			ret = cli_int(o, v, 1, ENCDEC_EPOCHS_MAX, &a->ae_epochs);
		} else if (!strcmp(o, "--ae-stride")) {
			ret = cli_int(o, v, 1, 1 << 24, &a->ae_stride);
		} else if (!strcmp(o, "--isa")) {
			if (!strcmp(v, "scalar") || !strcmp(v, "simd")) {
				a->isa = v[1] == 'c' ? HIDS_ISA_SCALAR : hids_isa_best();
			} else {
				fprintf(stderr, "%s: invalid --isa '%s' (scalar or simd)\n",
					prog_name, v);
				ret = -EINVAL;
			}
		} else {
			fprintf(stderr, "%s: eval: unknown option '%s'\n", prog_name, o);
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

/* One detector over the test split at threshold thr. */
static int run_detector(const struct scored *test, const struct score_opts *so,
			const struct detector *d, double thr, struct report_detector *out,
			struct roc *rocs)
{
	struct eval_run e;
	size_t i;
	int ret;

	ret = eval_run_init(&e, so, d, thr);
	for (i = 0; i < test->n && !ret; i++)
		ret = eval_run_add(&e, &test->rec[i]);
	ret = ret ?: eval_run_finish(&e, out, rocs);
	eval_run_free(&e);
	return ret;
}

struct eval_ctx {
	struct eval_args a;
	struct model_file mf;
	struct splits sp;
	struct report rep;
	/*
	 * int, float, STIDE, n-gram, count vectors, duration vectors,
	 * autoencoder, seq2seq; the exact softmax of a self-normalised float
	 * model (in the tables, not the plot)
	 */
	struct roc roc[9][SCORE__N];
	bool have_roc[9];
};

static int eval_int(struct eval_ctx *c, const struct score_opts *so)
{
	const struct hids_model_info *in = &c->mf.info;
	struct detector d = scored_kernel_detector(c->a.rule, in->window, in->min_calls);
	u32 thr = c->a.rule == DET_WINDOW ? in->threshold_window : in->threshold_running;
	struct scored test;
	int ret;

	ret = scored_engine(&test, &c->sp.v[SPLIT_TEST], c->mf.model, c->a.isa);
	if (ret)
		return ret;
	/* A threshold of 0 is "off" in the kernel: nothing alarms. */
	ret = run_detector(&test, so, &d, thr ? thr / SCORE_ONE : INFINITY, &c->rep.lstm,
			   c->roc[0]);
	c->have_roc[0] = !ret;
	scored_free(&test);
	return ret;
}

/* Scores views with one detector's model (float LSTM, STIDE, n-gram LM). */
typedef int (*score_views_fn)(struct scored *s, const struct views *v, const void *model);

/*
 * A detector beside the engine: its threshold from the validation split
 * (c->a.target_far or the LID-DS rule), then the test split through
 * run_detector() into out, its curves into c->roc[roc].
 */
static int eval_beside(struct eval_ctx *c, const struct score_opts *so, const struct detector *d,
		       score_views_fn score, const void *model, struct report_detector *out,
		       int roc)
{
	struct scored val, test;
	double thr;
	int ret;

	ret = score(&val, &c->sp.v[SPLIT_VAL], model);
	if (ret)
		return ret;
	ret = scored_threshold(&val, d, c->a.target_far, &thr);
	scored_free(&val);
	ret = ret ?: score(&test, &c->sp.v[SPLIT_TEST], model);
	if (ret)
		return ret;
	ret = run_detector(&test, so, d, thr, out, c->roc[roc]);
	c->have_roc[roc] = !ret;
	scored_free(&test);
	return ret;
}

struct float_scorer {
	const struct fmodel *m;
	const double *offsets;
};

static int score_float(struct scored *s, const struct views *v, const void *model)
{
	const struct float_scorer *f = model;

	return scored_float(s, v, f->m, f->offsets);
}

static int score_stide(struct scored *s, const struct views *v, const void *model)
{
	return scored_stide(s, v, model);
}

static int score_ngram(struct scored *s, const struct views *v, const void *model)
{
	return scored_ngram(s, v, model);
}

static int score_cvec(struct scored *s, const struct views *v, const void *model)
{
	return scored_cvec(s, v, model);
}

/* The float model's log Z per call on the validation and test splits. */
static int eval_log_z(struct eval_ctx *c, const struct fmodel *m)
{
	static const int split[2] = { SPLIT_VAL, SPLIT_TEST };
	struct token_stream *ts;
	size_t n;
	int i, ret = 0;

	for (i = 0; i < 2 && !ret; i++) {
		ts = NULL;
		ret = views_token_streams(&c->sp.v[split[i]], &ts, &n);
		ret = ret ?: lstm_log_z(m, ts, n, &c->rep.log_z.mean[i], &c->rep.log_z.sd[i]);
		free(ts);
	}
	c->rep.log_z.present = !ret;
	return ret;
}

static int eval_float(struct eval_ctx *c, const struct score_opts *so)
{
	const struct hids_model_info *in = &c->mf.info;
	struct detector d = scored_kernel_detector(c->a.rule, in->window, in->min_calls);
	struct checkpoint_train ck;
	struct float_scorer fs;
	double *offsets = NULL;
	char path[4096];
	struct fmodel m;
	int ret;

	if (in->kind != HIDS_MODEL_KIND_LSTM ||
	    (c->a.float_path && !strcmp(c->a.float_path, "none")))
		return 0;
	snprintf(path, sizeof(path), "%s%s", c->a.model, CHECKPOINT_SUFFIX);
	if (!c->a.float_path && access(path, F_OK)) {
		printf("note: no float model (%s): float figures left out\n", path);
		return 0;
	}
	ret = checkpoint_read(c->a.float_path ? c->a.float_path : path, &m, &offsets, &ck);
	if (ret)
		return ret;
	if (m.vocab != (int)in->vocab || m.hidden != (int)in->hidden ||
	    m.embed != (int)in->embed || m.layers != (int)in->layers) {
		fprintf(stderr, "%s: the float model's sizes differ from %s's\n", prog_name,
			c->a.model);
		ret = -EINVAL;
		goto out;
	}
	c->rep.train.tokens_per_s = ck.tokens_per_s;
	c->rep.train.seconds = ck.seconds;
	fs = (struct float_scorer){ &m, offsets };
	ret = eval_beside(c, so, &d, score_float, &fs, &c->rep.lstm_float, 1) ?:
	      eval_log_z(c, &m);
	if (!ret && m.self_norm > 0) {
		struct fmodel exact = m;	/* the same weights, scored by -log p */

		exact.self_norm = 0;
		fs.m = &exact;
		ret = eval_beside(c, so, &d, score_float, &fs, &c->rep.lstm_float_exact, 8);
	}
out:
	free(offsets);
	fmodel_free(&m);
	return ret;
}

static int eval_stide(struct eval_ctx *c, const struct score_opts *so)
{
	struct detector d = stide_detector(c->a.stide_window);
	const struct views *tr = &c->sp.v[SPLIT_TRAIN];
	struct stide st;
	size_t i;
	uint32_t j;
	int ret;

	ret = stide_init(&st, c->a.stide_n);
	for (i = 0; i < tr->n && !ret; i++)
		for (j = 0; j < tr->v[i].n && !ret; j++)
			ret = stide_train(&st, tr->v[i].sl[j].tok, tr->v[i].sl[j].len);
	ret = ret ?: eval_beside(c, so, &d, score_stide, &st, &c->rep.stide, 2);
	if (!ret) {
		c->rep.stide_n = c->a.stide_n;
		c->rep.stide_window = c->a.stide_window;
	}
	stide_free(&st);
	return ret;
}

/*
 * The n-gram baseline, scored as the kernel scores a model: the same
 * detector (window and running mean) as the model under evaluation.
 */
static int eval_ngram(struct eval_ctx *c, const struct score_opts *so)
{
	const struct hids_model_info *in = &c->mf.info;
	struct detector d = scored_kernel_detector(c->a.rule, in->window, in->min_calls);
	struct ngram_lm g;
	int ret;

	if (!c->a.ngram_order)
		return 0;
	ret = ngram_init(&g, c->a.ngram_order, in->vocab, true) ?:
	      ngram_train_views(&g, &c->sp.v[SPLIT_TRAIN]) ?:
	      eval_beside(c, so, &d, score_ngram, &g, &c->rep.ngram, 3);
	if (!ret) {
		c->rep.ngram_order = c->a.ngram_order;
		c->rep.ngram_entries = g.count;
	}
	ngram_free(&g);
	return ret;
}

static bool is_adfa(enum dataset_kind k)
{
	return k == DATASET_ADFA_LD || k == DATASET_ADFA_LD_A;
}

/*
 * Count or duration vectors: a value per window, a recording by its worst
 * window (the window maximum of W = 1), alarms where a window's distance
 * is above the threshold.  Durations need exit times: without them the
 * report says so.
 */
static int eval_cvec(struct eval_ctx *c, bool durations)
{
	const struct score_opts so = { .window = 1, .min_calls = 1 };
	const struct detector d = { .kind = DET_WINDOW, .window = 1 };
	struct report_detector *out = durations ? &c->rep.cvec_dur : &c->rep.cvec;
	struct cvec m;
	int ret;

	if (!c->a.cvec_window)
		return 0;
	if (durations && is_adfa(c->a.data.kind)) {
		c->rep.cvec_dur_missing = "ADFA-LD has no exit times";
		return 0;
	}
	ret = cvec_train(&m, &c->sp.v[SPLIT_TRAIN], c->mf.info.vocab, c->a.cvec_window,
			 c->a.cvec_k, durations);
	if (ret == -ENODATA && durations) {
		c->rep.cvec_dur_missing = "no call in the training split has an exit time";
		return 0;
	}
	ret = ret ?: eval_beside(c, &so, &d, score_cvec, &m, out, durations ? 5 : 4);
	if (!ret) {
		out->headline = SCORE_WINDOW_MAX;
		c->rep.cvec_window = m.window;
		c->rep.cvec_k = m.k;
		*(durations ? &c->rep.cvec_dur_samples : &c->rep.cvec_samples) = m.samples;
	}
	cvec_free(&m);
	return ret;
}

struct eval_encdec {
	struct encdec m;
	uint32_t stride;
};

static int score_encdec(struct scored *s, const struct views *v, const void *model)
{
	const struct eval_encdec *e = model;

	return scored_encdec(s, v, &e->m, e->stride);
}

/*
 * The LSTM autoencoder or seq2seq, trained here on the training split,
 * scored like count vectors: a value per window, a recording by its worst.
 */
static int eval_encdec(struct eval_ctx *c, enum encdec_kind kind)
{
	const struct score_opts so = { .window = 1, .min_calls = 1 };
	const struct detector d = { .kind = DET_WINDOW, .window = 1 };
	bool ae = kind == ENCDEC_AUTOENCODER;
	struct report_encdec *out = ae ? &c->rep.autoencoder : &c->rep.seq2seq;
	struct eval_encdec e = { .stride = c->a.ae_stride };
	double t0 = progress_now();
	int ret;

	if (!c->a.ae_window)
		return 0;
	printf("eval: training the LSTM %s (window %d, hidden %d, %d epochs)\n",
	       ae ? "autoencoder" : "seq2seq", c->a.ae_window, c->a.ae_hidden, c->a.ae_epochs);
	fflush(stdout);
	ret = encdec_init(&e.m, kind, c->mf.info.vocab, c->a.ae_window, c->a.ae_hidden,
			  ENCDEC_EMBED, 1) ?:
	      encdec_train(&e.m, &c->sp.v[SPLIT_TRAIN], c->a.ae_epochs, 1);
	out->seconds = progress_now() - t0;
	ret = ret ?: eval_beside(c, &so, &d, score_encdec, &e, &out->det, ae ? 6 : 7);
	if (!ret) {
		out->det.headline = SCORE_WINDOW_MAX;
		*out = (struct report_encdec){ out->det, e.m.window, e.m.hidden, e.m.embed,
					       e.m.epochs, e.stride, e.m.samples, e.m.loss,
					       out->seconds };
	}
	encdec_free(&e.m);
	return ret;
}

static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		fprintf(stderr, "%s: %s: %s\n", prog_name, path, strerror(errno));
	return f;
}

static int close_out(FILE *f, const char *path, int ret)
{
	if (fclose(f) || ret) {
		fprintf(stderr, "%s: %s: write failed\n", prog_name, path);
		remove(path);
		return -EIO;
	}
	printf("wrote %s\n", path);
	return 0;
}

/* R.json -> R.ext beside it. */
static void beside(char *buf, size_t size, const char *report, const char *ext)
{
	const char *dot = strrchr(report, '.'), *slash = strrchr(report, '/');
	int stem = dot && (!slash || dot > slash) ? (int)(dot - report) : (int)strlen(report);

	snprintf(buf, size, "%.*s%s", stem, report, ext);
}

static int write_plot(struct eval_ctx *c, const char *path)
{
	struct plot_curve pc[PLOT_MAX_CURVES];
	char title[256];
	size_t n = 0;
	FILE *f;

	if (c->have_roc[0]) {
		bool ng = c->rep.model.ngram;

		pc[n++] = (struct plot_curve){ ng ? "n-gram int, mean" : "LSTM int, mean",
					       &c->roc[0][SCORE_MEAN], false };
		pc[n++] = (struct plot_curve){ ng ? "n-gram int, running max" :
					       "LSTM int, running max",
					       &c->roc[0][SCORE_RUNNING_MAX], false };
		pc[n++] = (struct plot_curve){ ng ? "n-gram int, window max" :
					       "LSTM int, window max",
					       &c->roc[0][SCORE_WINDOW_MAX], false };
	}
	if (c->have_roc[1])
		pc[n++] = (struct plot_curve){ "LSTM float, mean", &c->roc[1][SCORE_MEAN], true };
	if (c->have_roc[2])
		pc[n++] = (struct plot_curve){ "STIDE, mean", &c->roc[2][SCORE_MEAN], false };
	if (c->have_roc[3])
		pc[n++] = (struct plot_curve){ "n-gram LM, mean", &c->roc[3][SCORE_MEAN], true };
	if (c->have_roc[4])
		pc[n++] = (struct plot_curve){ "count vectors, worst window",
					       &c->roc[4][SCORE_WINDOW_MAX], true };
	if (c->have_roc[5])
		pc[n++] = (struct plot_curve){ "duration vectors, worst window",
					       &c->roc[5][SCORE_WINDOW_MAX], true };
	if (c->have_roc[6])
		pc[n++] = (struct plot_curve){ "LSTM autoencoder, worst window",
					       &c->roc[6][SCORE_WINDOW_MAX], true };
	if (c->have_roc[7])
		pc[n++] = (struct plot_curve){ "LSTM seq2seq, worst window",
					       &c->roc[7][SCORE_WINDOW_MAX], true };
	snprintf(title, sizeof(title), "%s, %s split", dataset_kind_name(c->a.data.kind),
		 split_name(SPLIT_TEST));
	f = open_out(path);
	return f ? close_out(f, path, plot_roc_svg(f, title, pc, n)) : -EIO;
}

/* The report, written by w, into path. */
static int write_report(const char *path, int (*w)(FILE *f, const struct report *r),
			const struct report *r)
{
	FILE *f = open_out(path);

	return f ? close_out(f, path, w(f, r)) : -EIO;
}

/*
 * The summary on stdout; with --report, R.json, R.md and R.svg beside it;
 * --markdown and --plot put theirs elsewhere, with or without --report.
 */
static int write_outputs(struct eval_ctx *c)
{
	char md[4096], svg[4096];
	const char *plot = c->a.plot, *markdown = c->a.markdown;
	int ret;

	ret = report_write_markdown(stdout, &c->rep);
	if (!ret && c->a.report) {
		beside(md, sizeof(md), c->a.report, ".md");
		beside(svg, sizeof(svg), c->a.report, ".svg");
		ret = write_report(c->a.report, report_write_json, &c->rep);
		markdown = markdown ? markdown : md;
		plot = plot ? plot : svg;
	}
	if (!ret && markdown)
		ret = write_report(markdown, report_write_markdown, &c->rep);
	if (ret || !plot)
		return ret;
	return write_plot(c, plot);
}

static int eval(struct eval_ctx *c)
{
	const struct hids_model_info *in;
	const char *names[HIDS_MODEL_MAX_VOCAB];
	struct score_opts so;
	u32 t;
	int ret, k, d;

	/*
	 * One thread, as fit trains: the same figures on every machine (threads
	 * sum in another order), and these matrices are too small to share.
	 */
	openblas_set_num_threads(1);
	ret = model_file_load(&c->mf, c->a.model);
	if (ret)
		return ret;
	in = &c->mf.info;
	for (t = 0; t < in->vocab; t++)
		names[t] = hids_model_token_name(c->mf.model, t);
	ret = splits_open(&c->sp, c->a.data.kind, c->a.data.path, SPLITS_ALL |
			  (c->a.cvec_window && !is_adfa(c->a.data.kind) ? SPLITS_DURATIONS : 0) |
			  (in->flags & HIDS_MODEL_FLAG_SKIP_SIGRETURN ? SPLITS_SKIP_SIGRETURN : 0));
	ret = ret ?: splits_vocab_names(&c->sp, names, in->vocab);
	ret = ret ?: splits_views(&c->sp);
	if (ret)
		return ret;
	if (!c->sp.v[SPLIT_TEST].n) {
		fprintf(stderr, "%s: %s: no test recordings\n", prog_name, c->a.data.path);
		return -ENODATA;
	}
	printf("eval: %s on %s test split: %zu recordings, %zu calls\n", c->a.model,
	       dataset_kind_name(c->a.data.kind), c->sp.v[SPLIT_TEST].n,
	       views_calls(&c->sp.v[SPLIT_TEST]));
	fflush(stdout);
	c->rep = (struct report){
		.dataset = dataset_kind_name(c->a.data.kind), .split = split_name(SPLIT_TEST),
		.model = { in->hidden, in->embed, in->layers, in->vocab, in->window,
			   in->min_calls, in->kind == HIDS_MODEL_KIND_NGRAM, in->order,
			   in->description },
		.threshold_rule = c->a.target_far < 0 ? "lidds" : "target-far",
		.target_far = c->a.target_far < 0 ? NAN : c->a.target_far,
		.train = { NAN, NAN },
	};
	c->rep.model.self_norm = in->flags & HIDS_MODEL_FLAG_SELF_NORM;
	so = (struct score_opts){ .window = in->window, .min_calls = in->min_calls };
	ret = eval_int(c, &so) ?: eval_float(c, &so) ?: eval_stide(c, &so) ?: eval_ngram(c, &so) ?:
	      eval_cvec(c, false) ?: eval_cvec(c, true) ?: eval_encdec(c, ENCDEC_AUTOENCODER) ?:
	      eval_encdec(c, ENCDEC_SEQ2SEQ);
	if (ret) {
		fprintf(stderr, "%s: evaluation failed: %s\n", prog_name, strerror(-ret));
		goto out;
	}
	ret = write_outputs(c);
out:
	for (d = 0; d < (int)(sizeof(c->have_roc) / sizeof(c->have_roc[0])); d++)
		for (k = 0; c->have_roc[d] && k < SCORE__N; k++)
			roc_free(&c->roc[d][k]);
	return ret;
}

int cmd_eval(int argc, char **argv)
{
	struct eval_ctx *c = calloc(1, sizeof(*c));
	int ret;

	if (!c)
		return 1;
	if (parse(argc, argv, &c->a)) {
		free(c);
		return 2;
	}
	ret = eval(c);
	splits_close(&c->sp);
	model_file_free(&c->mf);
	free(c);
	return ret ? 1 : 0;
}
