// SPDX-License-Identifier: GPL-2.0
/* Data set layouts and their splits; see dataset.h for the rules. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset.h"
#include "readers.h"

#define ADFA_VAL_TRAIN	500	/* Validation_Data_Master traces added to training */
#define ADFA_VAL_TRAIN_A 2000	/* the same, split A */
#define ADFA_VAL	200
#define L19_TRAIN	200	/* the framework's TRAINING_SIZE */
#define L19_VAL		50	/* VALIDATION_SIZE */

static const char *const kind_names[DATASET__N] = {
	[DATASET_ADFA_LD] = "adfa-ld",
	[DATASET_LIDDS_2019] = "lid-ds-2019",
	[DATASET_LIDDS_2021] = "lid-ds-2021",
	[DATASET_LIDDS_CTF] = "lid-ds-ctf",
	[DATASET_HIDS] = "hids",
	[DATASET_ADFA_LD_A] = "adfa-ld-a",
};

int dataset_kind_parse(const char *name, enum dataset_kind *kind)
{
	int i;

	for (i = 0; i < DATASET__N; i++) {
		if (!strcmp(name, kind_names[i])) {
			*kind = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *dataset_kind_name(enum dataset_kind kind)
{
	return kind < DATASET__N ? kind_names[kind] : "?";
}

const char *split_name(enum split split)
{
	static const char *const names[SPLIT__N] = { "train", "validation", "test" };

	return split < SPLIT__N ? names[split] : "?";
}

int recording_load(struct recording *r, struct strtab *names, struct trace_err *err)
{
	int ret;

	recording_unload(r);
	switch (r->format) {
	case REC_ADFA:
		ret = adfa_read(r, names, err);
		break;
	case REC_SC:
		ret = sc_read_file(r, names, err);
		break;
	case REC_LIDDS2021:
		ret = lidds2021_read(r, names, err);
		break;
	case REC_LIDDS2019:
		ret = lidds2019_read(r, names, err);
		break;
	case REC_CTF:
		ret = ctf_read(r, names, err);
		break;
	default:
		ret = -EINVAL;
	}
	if (ret)
		recording_unload(r);
	return ret;
}

/* A sorted list of the names in a directory ending in @suffix. */
struct names {
	char **v;
	size_t n;
};

static void names_free(struct names *l)
{
	while (l->n)
		free(l->v[--l->n]);
	free(l->v);
	l->v = NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

/* DIR/NAME into @buf; -ENAMETOOLONG rather than a silently cut path. */
static int path_join(char *buf, size_t size, const char *dir, const char *name)
{
	if ((size_t)snprintf(buf, size, "%s/%s", dir, name) >= size)
		return -ENAMETOOLONG;
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* @suffix "/" lists subdirectories. */
static int list_dir(const char *dir, const char *suffix, struct names *l, struct trace_err *err)
{
	bool dirs = !strcmp(suffix, "/");
	char path[4096], **v;
	struct dirent *de;
	size_t cap = 0;
	DIR *d;
	int ret = 0;

	memset(l, 0, sizeof(*l));
	d = opendir(dir);
	if (!d) {
		ret = -errno;
		trace_errf(err, "%s: %s", dir, strerror(errno));
		return ret;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (dirs ? !is_dir(path) : !has_suffix(de->d_name, suffix) || is_dir(path))
			continue;
		if (l->n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(l->v, cap * sizeof(*v));
			if (!v)
				goto nomem;
			l->v = v;
		}
		l->v[l->n] = strdup(de->d_name);
		if (!l->v[l->n])
			goto nomem;
		l->n++;
	}
	closedir(d);
	qsort(l->v, l->n, sizeof(*l->v), cmp_str);
	return 0;
nomem:
	closedir(d);
	names_free(l);
	return -ENOMEM;
}

static struct recording *ds_add(struct dataset *ds, enum split s)
{
	struct recording *p;
	size_t cap;

	if (ds->n[s] == ds->cap[s]) {
		cap = ds->cap[s] ? ds->cap[s] * 2 : 256;
		p = realloc(ds->rec[s], cap * sizeof(*p));
		if (!p)
			return NULL;
		ds->rec[s] = p;
		ds->cap[s] = cap;
	}
	return &ds->rec[s][ds->n[s]];
}

/* Adds DIR/FILE as a recording named FILE less @suffix. */
static int add_file(struct dataset *ds, enum split s, const char *dir, const char *file,
		    const char *suffix, enum rec_format format, struct recording **out)
{
	struct recording *r = ds_add(ds, s);
	char path[4096], name[1024];
	size_t n = strlen(file) - strlen(suffix);

	if (!r)
		return -ENOMEM;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >= sizeof(path) ||
	    n >= sizeof(name))
		return -ENAMETOOLONG;
	memcpy(name, file, n);
	name[n] = '\0';
	if (recording_init(r, path, name, format))
		return -ENOMEM;
	ds->n[s]++;
	if (out)
		*out = r;
	return 0;
}

static int add_files(struct dataset *ds, enum split s, const char *dir, const struct names *l,
		     size_t from, size_t to, bool attack)
{
	struct recording *r;
	size_t i;
	int ret;

	for (i = from; i < to && i < l->n; i++) {
		ret = add_file(ds, s, dir, l->v[i], ".txt", REC_ADFA, &r);
		if (ret)
			return ret;
		if (attack) {
			r->attack = true;
			r->exploit_ns = 0;	/* the whole trace is the attack */
		}
	}
	return 0;
}

/* vtrain: how many Validation_Data_Master traces go to training (split B 500, A 2000). */
static int open_adfa(struct dataset *ds, const char *root, size_t vtrain, struct trace_err *err)
{
	struct names train, val, attacks, traces;
	char dir[4096], sub[4096];
	size_t i;
	int ret;

	snprintf(dir, sizeof(dir), "%s/Training_Data_Master", root);
	ret = list_dir(dir, ".txt", &train, err);
	if (ret)
		return ret;
	ret = add_files(ds, SPLIT_TRAIN, dir, &train, 0, train.n, false);
	names_free(&train);
	if (ret)
		return ret;
	snprintf(dir, sizeof(dir), "%s/Validation_Data_Master", root);
	ret = list_dir(dir, ".txt", &val, err);
	if (ret)
		return ret;
	if (val.n < vtrain + ADFA_VAL) {
		trace_errf(err, "%s: %zu traces, the split needs more than %zu", dir, val.n,
			   vtrain + ADFA_VAL);
		names_free(&val);
		return -ENODATA;
	}
	ret = add_files(ds, SPLIT_TRAIN, dir, &val, 0, vtrain, false);
	if (!ret)
		ret = add_files(ds, SPLIT_VAL, dir, &val, vtrain, vtrain + ADFA_VAL, false);
	if (!ret)
		ret = add_files(ds, SPLIT_TEST, dir, &val, vtrain + ADFA_VAL, val.n, false);
	names_free(&val);
	if (ret)
		return ret;
	snprintf(dir, sizeof(dir), "%s/Attack_Data_Master", root);
	ret = list_dir(dir, "/", &attacks, err);
	for (i = 0; !ret && i < attacks.n; i++) {
		ret = path_join(sub, sizeof(sub), dir, attacks.v[i]);
		if (!ret)
			ret = list_dir(sub, ".txt", &traces, err);
		if (ret)
			break;
		ret = add_files(ds, SPLIT_TEST, sub, &traces, 0, traces.n, true);
		names_free(&traces);
	}
	names_free(&attacks);
	return ret;
}

/* Moves recs[i] into @s; the slot is left empty for recording_free. */
static int move_rec(struct dataset *ds, enum split s, struct recording *rec)
{
	struct recording *r = ds_add(ds, s);

	if (!r)
		return -ENOMEM;
	*r = *rec;
	memset(rec, 0, sizeof(*rec));
	ds->n[s]++;
	return 0;
}

static int open_lidds2019(struct dataset *ds, const char *root, struct trace_err *err)
{
	size_t n, i, normal = 0;
	struct recording *recs;
	enum split s;
	int ret;

	ret = lidds2019_read_runs(root, &recs, &n, err);
	if (ret)
		return ret;
	/* normal runs in order, then the exploit runs, as the framework lists them */
	for (i = 0; !ret && i < n; i++) {
		if (recs[i].attack)
			continue;
		s = normal < L19_TRAIN ? SPLIT_TRAIN :
		    normal < L19_TRAIN + L19_VAL ? SPLIT_VAL : SPLIT_TEST;
		normal++;
		ret = move_rec(ds, s, &recs[i]);
	}
	for (i = 0; !ret && i < n; i++) {
		if (recs[i].attack)
			ret = move_rec(ds, SPLIT_TEST, &recs[i]);
	}
	for (i = 0; i < n; i++)
		recording_free(&recs[i]);
	free(recs);
	return ret;
}

/* A LID-DS 2021 or CTF recording, or a hids .sc file with optional json. */
static int add_lidds(struct dataset *ds, enum split s, const char *dir, const char *file,
		     struct trace_err *err)
{
	char json[4096];
	struct lidds_meta m;
	struct recording *r;
	int ret;

	switch (ds->kind) {
	case DATASET_LIDDS_2021:
		ret = add_file(ds, s, dir, file, ".zip", REC_LIDDS2021, &r);
		return ret ? ret : lidds2021_read_meta(r, err);
	case DATASET_LIDDS_CTF:
		ret = add_file(ds, s, dir, file, ".json", REC_CTF, &r);
		if (ret)
			return ret;
		snprintf(json, sizeof(json), "%s", r->path);
		/* the trace is the directory NAME beside NAME.json */
		r->path[strlen(r->path) - strlen(".json")] = '\0';
		break;
	default:
		ret = add_file(ds, s, dir, file, ".sc", REC_SC, &r);
		if (ret)
			return ret;
		snprintf(json, sizeof(json), "%s/%s.json", dir, r->name);
		if (access(json, F_OK))
			return 0;
	}
	ret = lidds_meta_read_file(json, &m, err);
	if (!ret)
		lidds_meta_apply(&m, r);
	return ret;
}

struct named {
	char *dir;
	char *file;
};

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->file, ((const struct named *)b)->file);
}

struct named_list {
	struct named *v;
	size_t n, cap;
};

static void named_free(struct named_list *l)
{
	while (l->n) {
		l->n--;
		free(l->v[l->n].dir);
		free(l->v[l->n].file);
	}
	free(l->v);
}

static int named_add_dir(struct named_list *l, const char *dir, const char *suffix,
			 struct trace_err *err)
{
	struct names files;
	struct named *v;
	size_t i;
	int ret;

	ret = list_dir(dir, suffix, &files, err);
	for (i = 0; !ret && i < files.n; i++) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 256;
			v = realloc(l->v, l->cap * sizeof(*v));
			if (!v) {
				ret = -ENOMEM;
				break;
			}
			l->v = v;
		}
		l->v[l->n].dir = strdup(dir);
		l->v[l->n].file = files.v[i];
		files.v[i] = NULL;
		if (!l->v[l->n++].dir)
			ret = -ENOMEM;
	}
	names_free(&files);
	return ret;
}

/*
 * Every recording of ROOT/SUB (of ROOT/test/{normal,normal_and_attack,...}
 * for the test split), sorted by recording name across subdirectories.
 */
static int open_category(struct dataset *ds, enum split s, const char *root, const char *sub,
			 const char *suffix, struct trace_err *err)
{
	struct named_list all = { 0 };
	struct names subs = { 0 };
	char dir[4096], path[4096];
	size_t i;
	int ret;

	snprintf(dir, sizeof(dir), "%s/%s", root, sub);
	if (s != SPLIT_TEST) {
		ret = named_add_dir(&all, dir, suffix, err);
	} else {
		ret = list_dir(dir, "/", &subs, err);
		for (i = 0; !ret && i < subs.n; i++) {
			ret = path_join(path, sizeof(path), dir, subs.v[i]);
			if (!ret)
				ret = named_add_dir(&all, path, suffix, err);
		}
		names_free(&subs);
	}
	if (!ret)
		qsort(all.v, all.n, sizeof(*all.v), cmp_named);
	for (i = 0; !ret && i < all.n; i++)
		ret = add_lidds(ds, s, all.v[i].dir, all.v[i].file, err);
	named_free(&all);
	return ret;
}

static int open_lidds(struct dataset *ds, const char *root, const char *suffix,
		      struct trace_err *err)
{
	static const char *const sub[SPLIT__N] = { "training", "validation", "test" };
	char dir[4096];
	int s, ret;

	for (s = 0; s < SPLIT__N; s++) {
		snprintf(dir, sizeof(dir), "%s/%s", root, sub[s]);
		if (!is_dir(dir)) {
			trace_errf(err, "%s: no such directory (expected %s/%s)", dir, root,
				   "{training,validation,test}");
			return -ENOENT;
		}
		ret = open_category(ds, s, root, sub[s], suffix, err);
		if (ret)
			return ret;
	}
	return 0;
}

static int open_hids(struct dataset *ds, const char *path, struct trace_err *err)
{
	/* Recordings as hidsctl record writes them: plain, gzip or zstd. */
	static const char *const sc_exts[] = { ".sc", ".sc.gz", ".sc.zst" };
	char dir[4096], *slash;
	const char *file, *ext;
	struct names l;
	size_t i, e;
	int ret;

	snprintf(dir, sizeof(dir), "%s/training", path);
	if (is_dir(dir))
		return open_lidds(ds, path, ".sc", err);
	if (is_dir(path)) {
		ret = 0;
		for (e = 0; !ret && e < sizeof(sc_exts) / sizeof(sc_exts[0]); e++) {
			ret = list_dir(path, sc_exts[e], &l, err);
			for (i = 0; !ret && i < l.n; i++)
				ret = add_file(ds, SPLIT_TRAIN, path, l.v[i], sc_exts[e], REC_SC, NULL);
			names_free(&l);
		}
		if (!ret && !ds->n[SPLIT_TRAIN]) {
			trace_errf(err, "%s: no .sc recordings", path);
			ret = -ENOENT;
		}
		return ret;
	}
	if (access(path, R_OK)) {
		ret = -errno;
		trace_errf(err, "%s: %s", path, strerror(errno));
		return ret;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	file = slash ? slash + 1 : path;
	ext = strrchr(file, '.');
	return add_file(ds, SPLIT_TRAIN, slash ? dir : ".", file, ext && ext != file ? ext : "",
			REC_SC, NULL);
}

int dataset_open(struct dataset *ds, enum dataset_kind kind, const char *path,
		 struct trace_err *err)
{
	int ret;

	memset(ds, 0, sizeof(*ds));
	strtab_init(&ds->names);
	ds->kind = kind;
	switch (kind) {
	case DATASET_ADFA_LD:
		ret = open_adfa(ds, path, ADFA_VAL_TRAIN, err);
		break;
	case DATASET_ADFA_LD_A:
		ret = open_adfa(ds, path, ADFA_VAL_TRAIN_A, err);
		break;
	case DATASET_LIDDS_2019:
		ret = open_lidds2019(ds, path, err);
		break;
	case DATASET_LIDDS_2021:
		ret = open_lidds(ds, path, ".zip", err);
		break;
	case DATASET_LIDDS_CTF:
		ret = open_lidds(ds, path, ".json", err);
		break;
	case DATASET_HIDS:
		ret = open_hids(ds, path, err);
		break;
	default:
		ret = -EINVAL;
	}
	if (ret) {
		if (ret == -ENOMEM || ret == -ENAMETOOLONG)
			trace_errf(err, "%s: %s", path, strerror(-ret));
		dataset_close(ds);
	}
	return ret;
}

void dataset_close(struct dataset *ds)
{
	size_t i;
	int s;

	for (s = 0; s < SPLIT__N; s++) {
		for (i = 0; i < ds->n[s]; i++)
			recording_free(&ds->rec[s][i]);
		free(ds->rec[s]);
		ds->rec[s] = NULL;
		ds->n[s] = 0;
		ds->cap[s] = 0;
	}
	strtab_free(&ds->names);
}
