// SPDX-License-Identifier: GPL-2.0
/*
 * hids-train fit: recordings of normal behaviour -> an n-gram model's
 * counts (the default) or a float LSTM, quantized -> a model with
 * thresholds picked on validation data by the engine the kernel runs ->
 * M.hidsm, and for an LSTM the float model beside it (M.hidsm.float) for
 * eval.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/hids_model.h>

#include "checkpoint.h"
#include "cli.h"
#include "commands.h"
#include "fmodel.h"
#include "lstm_train.h"
#include "modelfile.h"
#include "ngram_model.h"
#include "quantize.h"
#include "scored.h"
#include "threshold.h"
#include "splits.h"
#include "word2vec.h"

struct fit_args {
	struct cli_data data;
	const char *out, *name, *description;
	struct train_opts t;
	bool ngram;		/* --model ngram, the default */
	int order;		/* its longest gram */
	int max_table;		/* MiB the n-gram table may take in the kernel */
	const char *lstm_opt, *ngram_opt;	/* an option of one kind, given */
	int window, min_calls, min_count;
	double target_far;	/* < 0: the LID-DS rule */
	double target_rate;	/* >= 0: alarms per 1000 validation values */
	double margin;		/* thresholds times this */
	bool normalize, quiet;
	bool score_cap;		/* n-gram: scores at most ln V */
	bool score_sigreturn;	/* signal returns are calls of the streams */
	int word2vec;		/* W2V_* */
};

enum { W2V_OFF, W2V_INIT, W2V_FREEZE };

/* Devlin et al. 2014's weight of the (log Z)^2 penalty. */
#define SELF_NORM_DEFAULT 0.1

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s fit [--dataset KIND] PATH -o MODEL.hidsm [options]\n"
		"\n"
		"Build a model of normal behaviour for the kernel and pick its thresholds on\n"
		"validation data.  KIND: adfa-ld, adfa-ld-a, lid-ds-2019, lid-ds-2021,\n"
		"lid-ds-ctf, hids (default: a hidsctl record file or a directory of them;\n"
		"without a validation split, a fifth of its threads is held out for it).\n"
		"\n"
		"  --model ngram|lstm  the kind of model (default ngram: Witten-Bell counts)\n"
		"  --window W          window of the short-window score (default 100)\n"
		"  --min-calls K       running mean counts from call K on (default 50)\n"
		"  --min-count N       calls seen fewer times become the unknown token (default 1)\n"
		"  --target-far F      thresholds for false-alarm rate F on validation recordings\n"
		"                      (default: the LID-DS rule, the maximum on validation)\n"
		"  --target-rate R     thresholds that R of every 1000 validation windows (and\n"
		"                      running means) exceed: for one recording, or few\n"
		"  --margin M          multiply the thresholds by M (default 1)\n"
		"  --threads T         OpenBLAS threads (default 1)\n"
		"  --name NAME         stored in the model, at most 63 bytes (default: the\n"
		"                      output file's base name, less .hidsm)\n"
		"  --description TEXT  stored in the model, at most 127 bytes\n"
		"  --quiet             no progress\n"
		"  --score-signal-returns  keep rt_sigreturn and sigreturn in the streams (default:\n"
		"                      dropped, in training and in the kernel: a signal returns\n"
		"                      at any point of a thread's calls, no part of their order)\n"
		"n-gram options:\n"
		"  --order N           longest gram, 1..16 (default %d; lowered until the table\n"
		"                      fits --max-table)\n"
		"  --max-table MIB     kernel memory for the table, 1..32 MiB, rounded down to a\n"
		"                      power of two (default 32)\n"
		"  --score-cap         a call scores at most ln V, its score under the uniform\n"
		"                      model (default: uncapped)\n"
		"LSTM options (--model lstm):\n"
		"  --hidden H          units per layer (default 64, at most 64 for the kernel budget)\n"
		"  --embed E           embedding size (default 16)\n"
		"  --layers L          1 or 2 (default 2)\n"
		"  --epochs N          at most N epochs (default 200; training stops on convergence)\n"
		"  --patience N        converged after N epochs without a validation loss 0.1%% lower\n"
		"                      (default 3); the learning rate halves after each such epoch\n"
		"  --batch B --bptt T  streams side by side, truncation length (default 32, 64)\n"
		"  --lr R              peak learning rate (default 0.003)\n"
		"  --dropout P         (default 0.1)\n"
		"  --weight-decay D    (default 0.01)\n"
		"  --split N           train long streams in pieces of N calls; 0 whole (default: an\n"
		"                      eighth of a lane's share of the calls, at least 4 T)\n"
		"  --seed S            (default 1)\n"
		"  --normalize         subtract each call type's usual score on training data\n"
		"  --word2vec init|freeze  start the embedding from skip-gram vectors of the\n"
		"                      training streams, and train it on or keep it\n"
		"  --self-normalize [ALPHA]  train with ALPHA (log Z)^2 added to the loss (default\n"
		"                      %g), so that the kernel scores a call by its logit alone:\n"
		"                      one output row a call instead of the softmax\n",
		prog_name, NGRAM_ORDER_DEFAULT, SELF_NORM_DEFAULT);
}

/* Options that only one kind of model takes. */
static const char *const lstm_only[] = {
	"--hidden", "--embed", "--layers", "--epochs", "--patience", "--batch", "--bptt", "--lr",
	"--dropout", "--weight-decay", "--split", "--seed", "--normalize", "--word2vec",
	"--self-normalize",
};

static void note_kind_option(struct fit_args *a, const char *o)
{
	size_t i;

	for (i = 0; i < sizeof(lstm_only) / sizeof(lstm_only[0]); i++)
		if (!strcmp(o, lstm_only[i]) && !a->lstm_opt)
			a->lstm_opt = o;
	if ((!strcmp(o, "--order") || !strcmp(o, "--max-table") || !strcmp(o, "--score-cap")) &&
	    !a->ngram_opt)
		a->ngram_opt = o;
}

static int parse(int argc, char **argv, struct fit_args *a)
{
	const char *v;
	double d;
	int i, n, ret = 0;

	memset(a, 0, sizeof(*a));
	a->data.kind = DATASET_HIDS;
	train_opts_default(&a->t);
	a->window = 100;
	a->min_calls = 50;
	a->min_count = 1;
	a->target_far = -1;
	a->target_rate = -1;
	a->margin = 1;
	a->order = NGRAM_ORDER_DEFAULT;
	a->max_table = 32;
	a->ngram = true;
	for (i = 1; i < argc && ret >= 0; i++) {
		const char *o = argv[i];

		note_kind_option(a, o);
		ret = cli_data_arg("fit", argc, argv, &i, &a->data, usage);
		if (ret)
			continue;
		if (!strcmp(o, "--normalize")) {
			a->normalize = true;
			continue;
		} else if (!strcmp(o, "--score-cap")) {
			a->score_cap = true;
			continue;
		} else if (!strcmp(o, "--score-signal-returns")) {
			a->score_sigreturn = true;
			continue;
		} else if (!strcmp(o, "--self-normalize")) {
			/* An optional value: the next argument, if it is a number. */
			a->t.self_norm = SELF_NORM_DEFAULT;
			if (i + 1 < argc && isdigit((unsigned char)argv[i + 1][0])) {
				ret = cli_double(o, argv[++i], 1e-6, FMODEL_MAX_SELF_NORM, &d);
				a->t.self_norm = d;
			}
			continue;
		} else if (!strcmp(o, "--quiet")) {
			a->quiet = true;
			continue;
		}
		v = cli_value(argc, argv, &i);
		if (!v)
			return -EINVAL;
		if (!strcmp(o, "-o") || !strcmp(o, "--output")) {
			a->out = v;
		} else if (!strcmp(o, "--model")) {
			if (strcmp(v, "lstm") && strcmp(v, "ngram")) {
				fprintf(stderr, "%s: invalid --model '%s' (lstm or ngram)\n",
					prog_name, v);
				ret = -EINVAL;
			}
			a->ngram = !strcmp(v, "ngram");
		} else if (!strcmp(o, "--order")) {
			ret = cli_int(o, v, 1, NGRAM_ORDER_MAX, &a->order);
		} else if (!strcmp(o, "--max-table")) {
			ret = cli_int(o, v, 1, 32, &a->max_table);
		} else if (!strcmp(o, "--hidden")) {
			ret = cli_int(o, v, 4, 64, &a->t.hidden);
		} else if (!strcmp(o, "--embed")) {
			ret = cli_int(o, v, 1, 64, &a->t.embed);
		} else if (!strcmp(o, "--layers")) {
			ret = cli_int(o, v, 1, FMODEL_MAX_LAYERS, &a->t.layers);
		} else if (!strcmp(o, "--window")) {
			ret = cli_int(o, v, 1, HIDS_MODEL_MAX_WINDOW, &a->window);
		} else if (!strcmp(o, "--min-calls")) {
			ret = cli_int(o, v, 1, 1 << 30, &a->min_calls);
		} else if (!strcmp(o, "--epochs")) {
			ret = cli_int(o, v, 1, 100000, &a->t.epochs);
		} else if (!strcmp(o, "--patience")) {
			ret = cli_int(o, v, 0, 100000, &a->t.patience);
		} else if (!strcmp(o, "--batch")) {
			ret = cli_int(o, v, 1, 4096, &a->t.batch);
		} else if (!strcmp(o, "--bptt")) {
			ret = cli_int(o, v, 1, 4096, &a->t.bptt);
		} else if (!strcmp(o, "--lr")) {
			ret = cli_double(o, v, 1e-6, 1, &d);
			a->t.lr = d;
			a->t.lr_min = d / 100;
		} else if (!strcmp(o, "--word2vec")) {
			if (!strcmp(v, "init") || !strcmp(v, "freeze")) {
				a->word2vec = v[0] == 'i' ? W2V_INIT : W2V_FREEZE;
			} else {
				fprintf(stderr, "%s: invalid --word2vec '%s' (init or freeze)\n",
					prog_name, v);
				ret = -EINVAL;
			}
		} else if (!strcmp(o, "--dropout")) {
			ret = cli_double(o, v, 0, 0.9, &d);
			a->t.dropout = d;
		} else if (!strcmp(o, "--weight-decay")) {
			ret = cli_double(o, v, 0, 1, &d);
			a->t.weight_decay = d;
		} else if (!strcmp(o, "--split")) {
			ret = cli_int(o, v, 0, 1 << 30, &n);
			a->t.split = (size_t)n;
			a->t.split_auto = false;
		} else if (!strcmp(o, "--seed")) {
			ret = cli_u64(o, v, &a->t.seed);
		} else if (!strcmp(o, "--threads")) {
			ret = cli_int(o, v, 1, 256, &a->t.threads);
		} else if (!strcmp(o, "--min-count")) {
			ret = cli_int(o, v, 1, 1 << 30, &a->min_count);
		} else if (!strcmp(o, "--target-far")) {
			ret = cli_double(o, v, 0, 0.999, &a->target_far);
		} else if (!strcmp(o, "--target-rate")) {
			ret = cli_double(o, v, 0, 999, &a->target_rate);
		} else if (!strcmp(o, "--margin")) {
			ret = cli_double(o, v, 0.5, 100, &a->margin);
		} else if (!strcmp(o, "--name")) {
			a->name = v;
			if (strlen(v) >= MODEL_META_NAME_MAX) {
				fprintf(stderr, "%s: fit: --name '%s' is longer than %d bytes\n",
					prog_name, v, MODEL_META_NAME_MAX - 1);
				ret = -EINVAL;
			}
		} else if (!strcmp(o, "--description")) {
			a->description = v;
			if (strlen(v) >= MODEL_META_DESC_MAX) {
				fprintf(stderr, "%s: fit: --description is longer than %d bytes\n",
					prog_name, MODEL_META_DESC_MAX - 1);
				ret = -EINVAL;
			}
		} else {
			fprintf(stderr, "%s: fit: unknown option '%s'\n", prog_name, o);
			return -EINVAL;
		}
	}
	if (ret < 0)
		return ret;
	if (!a->data.path || !a->out) {
		usage(stderr);
		return -EINVAL;
	}
	if (a->target_far >= 0 && a->target_rate >= 0) {
		fprintf(stderr, "%s: fit: --target-far or --target-rate, not both\n", prog_name);
		return -EINVAL;
	}
	if (a->ngram && a->lstm_opt) {
		fprintf(stderr, "%s: fit: %s is an LSTM option: add --model lstm\n", prog_name,
			a->lstm_opt);
		return -EINVAL;
	}
	if (!a->ngram && a->ngram_opt) {
		fprintf(stderr, "%s: fit: %s is an n-gram option (--model ngram)\n", prog_name,
			a->ngram_opt);
		return -EINVAL;
	}
	return 0;
}

/*
 * offsets[t] = max_u mean(u) - mean(t), mean(t) the model's mean score
 * of call t over the training data: a call type that is always hard to
 * predict (one of several normal successors) stops weighing on the score,
 * which then measures surprise beyond what is usual for that call.  Never
 * negative, so the engine's floor at 0 is kept.
 */
static double *token_mean_offsets(const struct fmodel *m, const struct views *v)
{
	double *off = calloc(m->vocab, sizeof(*off)), *cnt = calloc(m->vocab, sizeof(*cnt));
	double hi = 0;
	struct scored sc;
	size_t i, k = 0;
	uint32_t j, c;
	int t;

	if (!off || !cnt || scored_float(&sc, v, m, NULL)) {
		free(off);
		free(cnt);
		return NULL;
	}
	for (i = 0; i < v->n; i++) {
		for (j = 0; j < v->v[i].n; j++) {
			for (c = 0; c < v->v[i].sl[j].len; c++, k++) {
				off[v->v[i].sl[j].tok[c]] += sc.f[k];
				cnt[v->v[i].sl[j].tok[c]] += 1;
			}
		}
	}
	for (t = 0; t < m->vocab; t++) {
		off[t] = cnt[t] ? off[t] / cnt[t] : 0;
		hi = fmax(hi, off[t]);
	}
	for (t = 0; t < m->vocab; t++)
		off[t] = hi - off[t];	/* a call never trained on: as if usually 0 */
	scored_free(&sc);
	free(cnt);
	return off;
}

/*
 * One detector's validation values: their quantiles printed, and the
 * threshold by --target-rate when given (else by the recordings' maxima).
 */
static int pick_one(const struct scored *sc, const struct detector *d,
		    const struct fit_args *a, const char *what, double *thr)
{
	static const double q[] = { 0.5, 0.9, 0.99, 0.999 };
	double *v = NULL;
	size_t n, i;
	int ret;

	ret = threshold_values(sc->rec, sc->n, d, &v, &n);
	if (ret)
		return ret;
	printf("validation %s (%zu values):", what, n);
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		printf(" p%g %.4f", q[i] * 100, threshold_quantile(v, n, q[i]));
	printf(" max %.4f nats\n", n ? v[n - 1] : NAN);
	if (a->target_rate >= 0)
		ret = n ? threshold_target_rate(v, n, a->target_rate, thr) : 0;
	else
		ret = scored_threshold(sc, d, a->target_far, thr);
	free(v);
	return ret;
}

/* Both kernel thresholds from the validation views, scored by the engine. */
static int pick_thresholds(const struct model_file *mf, const struct views *val,
			   const struct fit_args *a, double *thr_window, double *thr_running)
{
	struct detector det[2] = {
		scored_kernel_detector(DET_WINDOW, a->window, a->min_calls),
		scored_kernel_detector(DET_RUNNING, a->window, a->min_calls),
	};
	static const char *const what[2] = { "window means", "running means" };
	double *thr[2] = { thr_window, thr_running };
	struct scored sc;
	int k, ret;

	ret = scored_engine(&sc, val, mf->model, hids_isa_best());
	if (ret)
		return ret;
	for (k = 0; k < 2 && !ret; k++) {
		*thr[k] = 0;
		ret = pick_one(&sc, &det[k], a, what[k], thr[k]);
		/* Round up to the Q16.16 grid the kernel compares on. */
		*thr[k] = ceil(*thr[k] * a->margin * SCORE_ONE) / SCORE_ONE;
	}
	if (!ret && a->target_far >= 0 && a->target_far * sc.n < 1)
		printf("note: --target-far %g over %zu validation recordings lets none alarm: "
		       "the thresholds are their maxima (--target-rate counts windows)\n",
		       a->target_far, sc.n);
	scored_free(&sc);
	return ret;
}

/* What fit made: the blob, and for an LSTM the float model beside it. */
struct fit_out {
	unsigned char *blob;
	size_t len;
	struct fmodel m;
	double *offsets;
	struct train_result res;
};

/*
 * The n-gram model of the training views, at the highest order up to
 * --order whose table fits a model.
 */
static int fit_ngram(const struct fit_args *a, const struct splits *sp,
		     struct quant_meta *meta, char *desc, size_t desc_size, struct fit_out *fo)
{
	unsigned int max_bits = HIDS_NGRAM_MAX_BITS;
	struct ngram_lm g;
	int order, ret;

	/* 16-byte entries: 2^max_bits of them in --max-table MiB. */
	while (max_bits > HIDS_NGRAM_MIN_BITS && ((size_t)16 << max_bits) > (size_t)a->max_table << 20)
		max_bits--;
	for (order = a->order; order >= 1; order--) {
		ret = ngram_init(&g, order, vocab_size(&sp->vocab), true) ?:
		      ngram_train_views(&g, &sp->v[SPLIT_TRAIN]);
		if (ret || ngram_model_bits(g.count) <= max_bits)
			break;
		if (order == 1) {
			fprintf(stderr, "%s: even order 1 needs more than %d MiB\n", prog_name,
				a->max_table);
			ret = -E2BIG;
			break;
		}
		printf("note: order %d counts %zu call sequences, more than %d MiB holds: "
		       "trying order %d\n", order, g.count, a->max_table, order - 1);
		ngram_free(&g);
	}
	if (ret) {
		if (ret != -E2BIG)
			fprintf(stderr, "%s: counting n-grams: %s\n", prog_name, strerror(-ret));
		goto out;
	}
	printf("counted: order %d, %zu call sequences, table of 2^%u slots (%zu KiB)\n",
	       order, g.count, ngram_model_bits(g.count),
	       ((size_t)16 << ngram_model_bits(g.count)) >> 10);
	snprintf(desc, desc_size, "%s %s, n-gram order %d", dataset_kind_name(a->data.kind),
		 a->data.path, order);
	ret = ngram_model_blob(&g, meta, &fo->blob, &fo->len);
	if (ret)
		fprintf(stderr, "%s: n-gram model: %s\n", prog_name, strerror(-ret));
out:
	ngram_free(&g);
	return ret;
}

/* The float LSTM trained on the training views, quantized. */
static int fit_lstm(const struct fit_args *a, const struct splits *sp,
		    struct quant_meta *meta, char *desc, size_t desc_size, struct fit_out *fo)
{
	struct token_stream *tr = NULL, *va = NULL;
	struct train_opts to = a->t;
	int vocab = vocab_size(&sp->vocab), ret;
	float *emb = NULL;
	size_t ntr, nva;

	ret = views_token_streams(&sp->v[SPLIT_TRAIN], &tr, &ntr) ?:
	      views_token_streams(&sp->v[SPLIT_VAL], &va, &nva);
	if (ret) {
		fprintf(stderr, "%s: %s\n", prog_name, strerror(-ret));
		goto out;
	}
	if (a->word2vec) {
		struct w2v_opts wo;

		w2v_opts_default(&wo, to.embed);
		wo.seed = to.seed;
		emb = malloc((size_t)vocab * to.embed * sizeof(*emb));
		ret = emb ? w2v_train(emb, vocab, tr, ntr, &wo) : -ENOMEM;
		if (ret) {
			fprintf(stderr, "%s: word2vec: %s\n", prog_name, strerror(-ret));
			goto out;
		}
		to.init_emb = emb;
		to.freeze_emb = a->word2vec == W2V_FREEZE;
		printf("word2vec: skip-gram embedding (E=%d, window %d, %d negatives, %d epochs), "
		       "%s\n", wo.dim, wo.window, wo.negatives, wo.epochs,
		       to.freeze_emb ? "kept frozen" : "trained on");
	}
	to.progress = a->quiet ? NULL : stderr;
	/* lstm_train() allocates and initialises the model. */
	ret = lstm_train(&fo->m, vocab, tr, ntr, va, nva, &to, &fo->res);
	if (ret) {
		fprintf(stderr, "%s: training failed: %s\n", prog_name, strerror(-ret));
		goto out;
	}
	printf("trained: %d epochs (best %d, validation loss %.4f), %.0f tokens/s, %.1f s\n",
	       fo->res.epochs, fo->res.best_epoch, fo->res.best_valid_loss, fo->res.tokens_per_s,
	       fo->res.seconds);
	if (!fo->res.converged)
		printf("note: stopped at the epoch cap (%d) before converging: raise --epochs\n",
		       to.epochs);
	if (a->normalize) {
		fo->offsets = token_mean_offsets(&fo->m, &sp->v[SPLIT_TRAIN]);
		if (!fo->offsets) {
			ret = -ENOMEM;
			goto out;
		}
	}
	snprintf(desc, desc_size, "%s %s, E=%d H=%d L=%d, seed %llu%s%s%s",
		 dataset_kind_name(a->data.kind), a->data.path, to.embed, to.hidden, to.layers,
		 (unsigned long long)to.seed, a->normalize ? ", normalized" : "",
		 a->word2vec == W2V_INIT ? ", word2vec init" :
		 a->word2vec == W2V_FREEZE ? ", word2vec frozen" : "",
		 to.self_norm > 0 ? ", self-normalised" : "");
	meta->offsets = fo->offsets;
	ret = quantize_model(&fo->m, meta, &fo->blob, &fo->len);
	if (ret)
		fprintf(stderr, "%s: quantizing: %s\n", prog_name, strerror(-ret));
out:
	free(tr);
	free(va);
	free(emb);
	return ret;
}

/* The model's name unless --name: the output file's base name, less .hidsm. */
static const char *default_name(const char *out, char *buf, size_t size)
{
	const char *base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	size_t n = strlen(base);

	if (n > 6 && !strcmp(base + n - 6, ".hidsm"))
		n -= 6;
	snprintf(buf, size, "%.*s", (int)n, base);
	return buf;
}

static int fit(const struct fit_args *a)
{
	struct splits sp;
	struct fit_out fo = { 0 };
	struct model_file mf = { 0 };
	struct quant_meta meta;
	struct checkpoint_train ck;
	char desc[MODEL_META_DESC_MAX], side[4096], name[MODEL_META_NAME_MAX];
	double thr_w = 0, thr_r = 0;
	int ret;

	ret = splits_open(&sp, a->data.kind, a->data.path, (1u << SPLIT_TRAIN) | (1u << SPLIT_VAL) |
			  (a->score_sigreturn ? 0 : SPLITS_SKIP_SIGRETURN));
	if (ret)
		return ret;
	ret = splits_vocab_build(&sp, a->min_count) ?: splits_views(&sp);
	if (ret)
		goto out;
	if (vocab_size(&sp.vocab) > HIDS_MODEL_MAX_VOCAB) {
		fprintf(stderr, "%s: %d distinct calls, more than a model holds (%d): raise --min-count\n",
			prog_name, vocab_size(&sp.vocab), HIDS_MODEL_MAX_VOCAB);
		ret = -E2BIG;
		goto out;
	}
	printf("data: %s %s: train %zu recordings (%zu calls), validation %zu (%zu calls)%s\n",
	       dataset_kind_name(a->data.kind), a->data.path, sp.v[SPLIT_TRAIN].n,
	       views_calls(&sp.v[SPLIT_TRAIN]), sp.v[SPLIT_VAL].n, views_calls(&sp.v[SPLIT_VAL]),
	       sp.held_out ? " held out of training" : "");
	printf("vocabulary: %d calls (with %s)\n", vocab_size(&sp.vocab), VOCAB_UNK_NAME);
	fflush(stdout);
	meta = (struct quant_meta){
		.names = vocab_names(&sp.vocab),
		.window = a->window, .min_calls = a->min_calls, .ngram_cap = a->score_cap,
		.skip_sigreturn = !a->score_sigreturn,
		.name = a->name ?: default_name(a->out, name, sizeof(name)),
		.description = a->description ? a->description : desc,
		.created = (unsigned long long)time(NULL),
	};
	ret = (a->ngram ? fit_ngram : fit_lstm)(a, &sp, &meta, desc, sizeof(desc), &fo);
	if (ret)
		goto out;
	ret = model_blob_load(&mf, fo.blob, fo.len, "the new model");
	ret = ret ?: pick_thresholds(&mf, &sp.v[SPLIT_VAL], a, &thr_w, &thr_r);
	model_file_free(&mf);
	if (ret)
		goto out;
	printf("thresholds (%s on %zu validation recordings): window %.4f nats, running %.4f nats\n",
	       a->target_rate >= 0 ? "target rate per 1000 values" :
	       a->target_far < 0 ? "maximum" : "target false-alarm rate", sp.v[SPLIT_VAL].n,
	       thr_w, thr_r);
	if (!thr_w)
		printf("note: no validation thread reached %d calls: the window score is off\n",
		       a->window);
	quantize_set_thresholds(fo.blob, fo.len, thr_w, thr_r);
	ret = write_model_file(a->out, fo.blob, fo.len);
	if (ret) {
		fprintf(stderr, "%s: %s: %s\n", prog_name, a->out, strerror(-ret));
		goto out;
	}
	snprintf(side, sizeof(side), "%s%s", a->out, CHECKPOINT_SUFFIX);
	if (a->ngram) {
		/* A float LSTM left from an earlier fit is not this model's. */
		if (unlink(side) && errno != ENOENT)
			fprintf(stderr, "%s: %s: %s\n", prog_name, side, strerror(errno));
		printf("wrote %s (%zu bytes)\n", a->out, fo.len);
		goto out;
	}
	ck = (struct checkpoint_train){
		.tokens_per_s = fo.res.tokens_per_s, .seconds = fo.res.seconds,
		.epochs = fo.res.epochs, .best_epoch = fo.res.best_epoch,
	};
	ret = checkpoint_write(side, &fo.m, fo.offsets, &ck);
	if (!ret)
		printf("wrote %s (%zu bytes) and %s\n", a->out, fo.len, side);
out:
	free(fo.blob);
	free(fo.offsets);
	fmodel_free(&fo.m);
	splits_close(&sp);
	return ret;
}

int cmd_fit(int argc, char **argv)
{
	struct fit_args a;

	if (parse(argc, argv, &a))
		return 2;
	return fit(&a) ? 1 : 0;
}
