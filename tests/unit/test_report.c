// SPDX-License-Identifier: GPL-2.0
/*
 * The report writers: JSON escaping and numbers byte for byte, a whole
 * report that parses (python3's json when installed, else a structural
 * check) and holds every key the eval issue asks for, the Markdown
 * tables, and an SVG that is well-formed XML (xmllint when installed).
 * HIDS_REPORT_DIR=DIR keeps the written files there for a look.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_writer.h"
#include "plot_svg.h"
#include "report.h"
#include "tap.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *out_dir(void)
{
	const char *d = getenv("HIDS_REPORT_DIR");

	return d && *d ? d : NULL;
}

/* A file to write: in HIDS_REPORT_DIR, else a fresh temporary file. */
static FILE *out_open(const char *name, char *path, size_t size)
{
	int fd;

	if (out_dir()) {
		snprintf(path, size, "%s/%s", out_dir(), name);
		return fopen(path, "w+");
	}
	snprintf(path, size, "/tmp/hids-report-XXXXXX");
	fd = mkstemp(path);
	return fd < 0 ? NULL : fdopen(fd, "w+");
}

static void out_close(FILE *f, const char *path)
{
	fclose(f);
	if (!out_dir())
		unlink(path);
}

static char *slurp(FILE *f)
{
	long n;
	char *s;

	fflush(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = calloc(1, n + 1);
	if (s && fread(s, 1, n, f) != (size_t)n)
		s[0] = '\0';
	return s;
}

static bool have(const char *tool)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* Exact bytes: escapes, invalid UTF-8, shortest round-trip numbers, null. */
static void test_escape(void)
{
	FILE *f = tmpfile();
	struct jw w;
	char *s;
	int ret;

	jw_init(&w, f);
	jw_begin(&w, NULL);
	jw_str(&w, "s", "a\"b\\c\n\x01\xff\xc3\xa9");
	jw_num(&w, "x", 0.1);
	jw_num(&w, "y", 1.0 / 3.0);
	jw_num(&w, "z", NAN);
	jw_num(&w, "e", 1e-5);
	jw_uint(&w, "u", 18446744073709551615ull);
	jw_begin(&w, "o");
	jw_end(&w);
	jw_end(&w);
	ret = jw_finish(&w);
	s = slurp(f);
	tap_ok(!ret && s && !strcmp(s, "{\n  \"s\": \"a\\\"b\\\\c\\n\\u0001\\ufffd\xc3\xa9\",\n"
				    "  \"x\": 0.1,\n  \"y\": 0.3333333333333333,\n"
				    "  \"z\": null,\n  \"e\": 1e-05,\n"
				    "  \"u\": 18446744073709551615,\n  \"o\": {}\n}\n"),
	       "json: escapes, U+FFFD, shortest numbers, null");
	free(s);

	rewind(f);
	jw_init(&w, f);
	jw_begin(&w, NULL);
	tap_ok(jw_finish(&w) == -EINVAL, "json: an unclosed object is -EINVAL");
	fclose(f);
}

static void fill_detector(struct report_detector *d, double base)
{
	int k, i;

	d->present = true;
	d->n_normal = 10;
	d->n_attack = 5;
	d->group_auc = base + 0.05;
	d->n_groups = 4;
	for (k = 0; k < SCORE__N; k++) {
		d->score[k].auc = base - 0.01 * k;
		for (i = 0; i < REPORT_NFAR; i++)
			d->score[k].dr_at_far[i] = base - 0.1 * (REPORT_NFAR - i);
	}
	d->lidds.threshold = 3.25;
	d->lidds.detection_rate = 0.8;
	d->lidds.precision_cfa = 0.5;
	d->lidds.f1_cfa = 2 * 0.5 * 0.8 / 1.3;
	d->lidds.c.fp = 7;
	d->lidds.c.cfa_normal = 2;
	d->lidds.c.cfa_exploits = 1;
}

static void fill_report(struct report *r)
{
	memset(r, 0, sizeof(*r));
	r->dataset = "adfa-ld";
	r->split = "test \"quoted\"";
	r->model.hidden = 64;
	r->model.embed = 16;
	r->model.layers = 2;
	r->model.vocab = 175;
	r->model.window = 64;
	r->model.min_calls = 20;
	r->model.description = "adfa-ld /data, E=16 H=64 L=2, seed 1, word2vec frozen";
	r->threshold_rule = "lidds";
	r->target_far = NAN;
	fill_detector(&r->lstm, 0.92);
	fill_detector(&r->lstm_float, 0.921);
	fill_detector(&r->stide, 0.85);
	r->stide_n = 6;
	r->stide_window = 1000;
	fill_detector(&r->ngram, 0.86);
	r->ngram_order = 12;
	r->ngram_entries = 2455883;
	fill_detector(&r->cvec, 0.75);
	r->cvec.headline = SCORE_WINDOW_MAX;
	r->cvec_window = 10000;
	r->cvec_k = 8;
	r->cvec_samples = 1333;
	r->train.tokens_per_s = 123456.5;
	r->train.seconds = INFINITY;
}

static const char *const json_keys[] = {
	"dataset", "split", "engine", "model.hidden", "model.embed", "model.layers",
	"model.vocab", "model.window", "model.description", "auc", "auc_float", "scores.mean.auc",
	"scores.mean.dr_at_far.0.01", "scores.window_max.auc", "scores.running_max.dr_at_far.0.1",
	"dr_at_far.0.01", "dr_at_far.0.05", "dr_at_far.0.1", "lidds.detection_rate",
	"group_auc", "attack_groups", "lidds.false_alarms", "lidds.cfa", "lidds.precision_cfa", "lidds.f1_cfa", "threshold",
	"baselines.stide.auc", "baselines.stide.dr_at_far.0.05", "baselines.stide.lidds.f1_cfa",
	"baselines.ngram.order", "baselines.ngram.entries", "baselines.ngram.auc",
	"baselines.ngram.dr_at_far.0.05", "baselines.ngram.lidds.f1_cfa",
	"baselines.cvec.window", "baselines.cvec.k", "baselines.cvec.samples",
	"baselines.cvec.score", "baselines.cvec.auc", "baselines.cvec.dr_at_far.0.05",
	"baselines.cvec.lidds.f1_cfa",
	"train.tokens_per_s", "train.seconds",
};

/* python3: parse, then walk each dotted key (dr_at_far keys hold a dot). */
static bool json_valid_python(const char *path)
{
	char cmd[4096];
	size_t i, n;

	n = snprintf(cmd, sizeof(cmd),
		     "python3 -c 'import json,sys\n"
		     "d=json.load(open(sys.argv[1]))\n"
		     "assert d[\"engine\"]==\"int\" and d[\"auc\"]==0.92 and d[\"train\"][\"seconds\"] is None\n"
		     "c=d[\"baselines\"][\"cvec\"]\n"
		     "assert c[\"score\"]==\"window_max\" and c[\"auc\"]==0.74 and d[\"baselines\"][\"ngram\"][\"score\"]==\"mean\"\n"
		     "for k in sys.argv[2:]:\n"
		     " o=d\n"
		     " for p in k.replace(\"0.\",\"0_\").split(\".\"):\n"
		     "  o=o[p.replace(\"0_\",\"0.\")]\n' %s", path);
	for (i = 0; i < ARRAY_SIZE(json_keys) && n < sizeof(cmd); i++)
		n += snprintf(cmd + n, sizeof(cmd) - n, " %s", json_keys[i]);
	return n < sizeof(cmd) && system(cmd) == 0;
}

/* The last part of a dotted key; the FAR keys ("0.01") hold a dot. */
static const char *leaf(const char *key)
{
	size_t n = strlen(key), i;
	const char *dot;

	for (i = 0; i < REPORT_NFAR; i++) {
		size_t m = strlen(report_far_key[i]);

		if (n > m && key[n - m - 1] == '.' && !strcmp(key + n - m, report_far_key[i]))
			return key + n - m;
	}
	dot = strrchr(key, '.');
	return dot ? dot + 1 : key;
}

/* Without python3: braces balance outside strings and every key occurs. */
static bool json_valid_structure(const char *s)
{
	const char *p;
	char want[64];
	bool in_str = false;
	int depth = 0;
	size_t i;

	for (p = s; *p; p++) {
		if (in_str && *p == '\\')
			p++;
		else if (*p == '"')
			in_str = !in_str;
		else if (!in_str && *p == '{')
			depth++;
		else if (!in_str && *p == '}' && --depth < 0)
			return false;
	}
	for (i = 0; i < ARRAY_SIZE(json_keys); i++) {
		snprintf(want, sizeof(want), "\"%s\": ", leaf(json_keys[i]));
		if (!strstr(s, want))
			return false;
	}
	return !in_str && !depth;
}

static void test_report_json(void)
{
	struct report r;
	char path[512], *s;
	FILE *f;
	int ret;

	fill_report(&r);
	f = out_open("report.json", path, sizeof(path));
	ret = f ? report_write_json(f, &r) : -errno;
	s = f ? slurp(f) : NULL;
	tap_ok(!ret && s && strstr(s, "\"split\": \"test \\\"quoted\\\"\"") &&
	       strstr(s, "\"seconds\": null") && strstr(s, "\"false_alarms\": 7") &&
	       strstr(s, "\"cfa\": 3"), "report json: written, escaped, null for infinity");
	tap_ok(s && json_valid_structure(s), "report json: balanced, every key there");
	if (have("python3"))
		tap_ok(json_valid_python(path), "report json: python3 parses it, every key there");
	else
		tap_skip("report json: python3 parse: no python3");
	free(s);
	if (f)
		out_close(f, path);

	r.stide.present = false;
	r.ngram.present = false;
	r.cvec.present = false;
	r.lstm_float.present = false;
	f = tmpfile();
	ret = report_write_json(f, &r);
	s = slurp(f);
	tap_ok(!ret && s && strstr(s, "\"auc_float\": null") && strstr(s, "\"stide\": null") &&
	       strstr(s, "\"ngram\": null") && strstr(s, "\"cvec\": null"),
	       "report json: detectors not run are null");
	free(s);
	fclose(f);
}

static void test_report_markdown(void)
{
	struct report r;
	char path[512], *s;
	FILE *f;
	int ret;

	fill_report(&r);
	f = out_open("report.md", path, sizeof(path));
	ret = f ? report_write_markdown(f, &r) : -errno;
	s = f ? slurp(f) : NULL;
	tap_ok(!ret && s && strstr(s, "# hids evaluation: adfa-ld") &&
	       strstr(s, "| LSTM (int engine) | mean | 0.9200 | 0.6200 | 0.7200 | 0.8200 |") &&
	       strstr(s, "| STIDE | 3.25 | 0.8000 | 7 | 3 | 0.5000 |"),
	       "report markdown: ROC and LID-DS tables");
	free(s);
	if (f)
		out_close(f, path);
}

/* Three curves: a good one, one close to it (dashed), a weaker one. */
static void test_svg(void)
{
	static const double s1[] = { 0.1, 0.2, 0.3, 0.35, 0.4, 0.7, 0.8, 0.9, 0.32, 0.95 };
	static const double s2[] = { 0.1, 0.25, 0.3, 0.35, 0.45, 0.7, 0.8, 0.9, 0.28, 0.95 };
	static const double s3[] = { 0.5, 0.2, 0.6, 0.35, 0.4, 0.3, 0.8, 0.45, 0.6, 0.55 };
	static const bool atk[] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 };
	struct roc roc[3];
	struct plot_curve c[3] = {
		{ "LSTM (int engine)", &roc[0], false },
		{ "LSTM (float)", &roc[1], true },
		{ "STIDE <n=6> & co", &roc[2], false },
	};
	char path[512], cmd[600], *s;
	FILE *f;
	int ret, i;

	ret = roc_build(&roc[0], s1, atk, 10) | roc_build(&roc[1], s2, atk, 10) |
	      roc_build(&roc[2], s3, atk, 10);
	f = out_open("roc.svg", path, sizeof(path));
	ret |= f ? plot_roc_svg(f, "ROC: adfa-ld test", c, 3) : -errno;
	s = f ? slurp(f) : NULL;
	tap_ok(!ret && s && !strncmp(s, "<?xml", 5) && strstr(s, "<svg") &&
	       strstr(s, "</svg>\n") && strstr(s, "STIDE &lt;n=6&gt; &amp; co (AUC "),
	       "svg: written, labels escaped");
	if (have("xmllint")) {
		snprintf(cmd, sizeof(cmd), "xmllint --noout %s", path);
		tap_ok(system(cmd) == 0, "svg: xmllint finds it well-formed");
	} else {
		tap_ok(s && !strstr(s, "& ") && !strstr(s, "<<"), "svg: no raw & or <");
	}
	free(s);
	if (f)
		out_close(f, path);
	for (i = 0; i < 3; i++)
		roc_free(&roc[i]);
	tap_ok(plot_roc_svg(stdout, "x", c, PLOT_MAX_CURVES + 1) == -EINVAL,
	       "svg: too many curves is -EINVAL");
}

int main(void)
{
	tap_plan(10);
	test_escape();
	test_report_json();
	test_report_markdown();
	test_svg();
	return tap_done();
}
