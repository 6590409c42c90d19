// SPDX-License-Identifier: GPL-2.0
/*
 * LID-DS 2021: the real recording read from its zip against the extracted
 * copy, the exploit time from its json, the scenario layout and split on
 * zips this test writes, broken zips and metadata, and every recording
 * file under lid-ds/ of the shared data.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "dataset.h"
#include "readers.h"
#include "stream.h"
#include "tap.h"
#include "testdata.h"

#define REAL_TESTS	4
#define LAYOUT_TESTS	8
#define WALK_TESTS	1

#define EXPLOIT_NS	1631078877513988000ll

static char tmpdir[] = "/tmp/hids-test-lidds2021-XXXXXX";

static const char normal_json[] =
	"{\"container\": [{\"role\": \"normal\"}, {\"role\": \"victim\"}], \"exploit\": false,"
	" \"time\": {\"exploit\": []}}";
static const char attack_json[] =
	"{\"container\": [{\"role\": \"normal\"}, {\"role\": \"attacker\"}], \"exploit\": true,"
	" \"time\": {\"exploit\": [{\"absolute\": 100.000000025, \"name\": \"attack\"}]}}";
static const char sc_text[] =
	"99000000000 0 7 app 7 open >\n"
	"99500000000 0 7 app 7 open < fd=3(<f>/x)\n"
	"100000000000 0 7 app 8 read >\n"
	"100000000030 0 7 app 8 read < res=-11(EAGAIN)\n";

/* DIR/NAME.zip with NAME.sc and NAME.json (either NULL to leave it out). */
static int make_zip(const char *dir, const char *name, const char *sc, const char *json)
{
	char path[8192], member[1024];
	zip_source_t *src;
	zip_t *za;
	int err;

	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/%s.zip", dir, name);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!za)
		return -1;
	if (sc) {
		snprintf(member, sizeof(member), "%s.sc", name);
		src = zip_source_buffer(za, sc, strlen(sc), 0);
		if (!src || zip_file_add(za, member, src, 0) < 0)
			return -1;
	}
	if (json) {
		snprintf(member, sizeof(member), "%s.json", name);
		src = zip_source_buffer(za, json, strlen(json), 0);
		if (!src || zip_file_add(za, member, src, 0) < 0)
			return -1;
	}
	return zip_close(za);
}

static void rm_rf(const char *path)
{
	char cmd[8192];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd))
		tap_diag("could not remove %s", path);
}

static void test_real(const char *dir)
{
	struct trace_err err = { "" };
	struct recording z, x;
	struct lidds_meta m;
	struct strtab names;
	char path[8192];
	int ret;

	strtab_init(&names);
	snprintf(path, sizeof(path), "%s/aggressive_nightingale_1018.zip", dir);
	recording_init(&z, path, "aggressive_nightingale_1018", REC_LIDDS2021);
	ret = lidds2021_read_meta(&z, &err);
	tap_ok(!ret && z.attack && z.exploit_ns == EXPLOIT_NS,
	       "lid-ds 2021 zip: json says exploit at %lld ns (1631078877.513988 s)",
	       (long long)z.exploit_ns);
	ret = recording_load(&z, &names, &err);
	if (!tap_ok(!ret && z.nev == 23468, "lid-ds 2021 zip: .sc streamed, %zu events", z.nev))
		tap_diag("%s", err.msg);

	snprintf(path, sizeof(path), "%s/%s/%s.sc", dir, z.name, z.name);
	recording_init(&x, path, "aggressive_nightingale_1018", REC_SC);
	ret = recording_load(&x, &names, &err);
	tap_ok(!ret && x.nev == z.nev && !memcmp(x.ev, z.ev, x.nev * sizeof(*x.ev)),
	       "lid-ds 2021: zip and extracted copy give the same events");
	snprintf(path, sizeof(path),
		 "%s/aggressive_nightingale_1018/aggressive_nightingale_1018.json", dir);
	ret = lidds_meta_read_file(path, &m, &err);
	tap_ok(!ret && m.exploit && m.normal && m.exploit_ns == EXPLOIT_NS,
	       "lid-ds 2021: extracted json agrees");
	recording_free(&z);
	recording_free(&x);
	strtab_free(&names);
}

static void test_layout(void)
{
	struct stream_opts o = { .dir = TRACE_EXIT, .ret_class = true };
	char dir[2048], root[1024], path[8192];
	struct trace_err err = { "" };
	struct rec_streams *st = NULL;
	struct dataset ds;
	int ret;

	snprintf(root, sizeof(root), "%s/scenario", tmpdir);
	mkdir(root, 0755);
	snprintf(dir, sizeof(dir), "%s/training", root);
	make_zip(dir, "b_2", sc_text, normal_json);
	make_zip(dir, "a_1", sc_text, normal_json);
	snprintf(dir, sizeof(dir), "%s/validation", root);
	make_zip(dir, "c_3", sc_text, normal_json);
	snprintf(dir, sizeof(dir), "%s/test", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/test/normal", root);
	make_zip(dir, "z_9", sc_text, normal_json);
	snprintf(dir, sizeof(dir), "%s/test/normal_and_attack", root);
	make_zip(dir, "m_5", sc_text, attack_json);

	ret = dataset_open(&ds, DATASET_LIDDS_2021, root, &err);
	tap_ok(!ret && ds.n[SPLIT_TRAIN] == 2 && ds.n[SPLIT_VAL] == 1 && ds.n[SPLIT_TEST] == 2,
	       "lid-ds 2021 layout: training 2, validation 1, test 2");
	if (ret) {
		tap_diag("%s", err.msg);
		for (ret = 0; ret < 3; ret++)
			tap_ok(0, "lid-ds 2021 layout: (not run)");
		goto broken;
	}
	tap_ok(!strcmp(ds.rec[SPLIT_TRAIN][0].name, "a_1") &&
	       !strcmp(ds.rec[SPLIT_TEST][0].name, "m_5") &&
	       !strcmp(ds.rec[SPLIT_TEST][1].name, "z_9"),
	       "lid-ds 2021 layout: sorted by name across test/normal and normal_and_attack");
	tap_ok(ds.rec[SPLIT_TEST][0].attack && ds.rec[SPLIT_TEST][0].exploit_ns == 100000000025ll &&
	       !ds.rec[SPLIT_TEST][1].attack &&
	       ds.rec[SPLIT_TEST][1].exploit_ns == TRACE_NO_EXPLOIT,
	       "lid-ds 2021 layout: labels and the exploit time from each json, to the ns");
	ret = dataset_streams(&ds, SPLIT_TEST, &o, &st, &err);
	tap_ok(!ret && st[0].nthreads == 2 && st[0].ntok == 2 && st[0].exploit_seq == 1 &&
	       st[1].exploit_seq == STREAM_NO_EXPLOIT,
	       "lid-ds 2021 layout: exit streams per thread, exploit from the second exit");
	if (!ret)
		dataset_streams_free(st, ds.n[SPLIT_TEST]);
	dataset_close(&ds);

broken:
	snprintf(dir, sizeof(dir), "%s/test/normal", root);
	snprintf(path, sizeof(path), "%s/bad_1.zip", dir);
	FILE *f = fopen(path, "w");

	if (f) {
		fputs("PK\3\4 this is not a zip", f);
		fclose(f);
	}
	err.msg[0] = '\0';
	ret = dataset_open(&ds, DATASET_LIDDS_2021, root, &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "bad_1.zip: not a readable zip"),
	       "lid-ds 2021: a bad zip is -EINVAL: %s", err.msg);
	unlink(path);

	make_zip(dir, "nojson_1", sc_text, NULL);
	err.msg[0] = '\0';
	ret = dataset_open(&ds, DATASET_LIDDS_2021, root, &err);
	tap_ok(ret == -ENOENT && strstr(err.msg, "nojson_1.zip: member nojson_1.json"),
	       "lid-ds 2021: a zip without json is -ENOENT: %s", err.msg);
	snprintf(path, sizeof(path), "%s/nojson_1.zip", dir);
	unlink(path);

	make_zip(dir, "badjson_1", sc_text, "{\"exploit\": true, \"time\": {}}");
	err.msg[0] = '\0';
	ret = dataset_open(&ds, DATASET_LIDDS_2021, root, &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "badjson_1.json: \"exploit\": true without"),
	       "lid-ds 2021: an exploit without a time is -EINVAL: %s", err.msg);
	snprintf(path, sizeof(path), "%s/badjson_1.zip", dir);
	unlink(path);

	make_zip(dir, "badsc_1", "1 0 7 app 7 open >\n2 0 7 app\n", normal_json);
	err.msg[0] = '\0';
	ret = dataset_open(&ds, DATASET_LIDDS_2021, root, &err);
	if (!ret) {
		ret = dataset_streams(&ds, SPLIT_TEST, &o, &st, &err);
		dataset_close(&ds);
	}
	tap_ok(ret == -EINVAL && strstr(err.msg, "badsc_1.zip: member badsc_1.sc:2: truncated"),
	       "lid-ds 2021: a malformed line names zip, member and line: %s", err.msg);
	rm_rf(root);
}

static int walk(const char *dir, struct strtab *names, int *files, struct trace_err *err);

static int walk_entry(const char *dir, const char *name, struct strtab *names, int *files,
		      struct trace_err *err)
{
	char path[8192], res[8192], base[1024];
	struct lidds_meta m;
	struct recording r;
	struct stat st;
	size_t n = strlen(name);
	int ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (stat(path, &st))
		return -errno;
	if (S_ISDIR(st.st_mode))
		return walk(path, names, files, err);
	snprintf(base, sizeof(base), "%.*s", (int)(n > 4 ? n - 4 : 0), name);
	if (n > 4 && !strcmp(name + n - 4, ".zip")) {
		recording_init(&r, path, base, REC_LIDDS2021);
		ret = lidds2021_read_meta(&r, err);
		if (!ret)
			ret = recording_load(&r, names, err);
		recording_free(&r);
	} else if (n > 3 && !strcmp(name + n - 3, ".sc")) {
		recording_init(&r, path, base, REC_SC);
		ret = recording_load(&r, names, err);
		recording_free(&r);
	} else if (n > 5 && !strcmp(name + n - 5, ".json")) {
		/* recording metadata sits beside its .res; defect lists are not recordings */
		snprintf(res, sizeof(res), "%s/%.*s.res", dir, (int)(n - 5), name);
		if (access(res, F_OK))
			return 0;
		ret = lidds_meta_read_file(path, &m, err);
	} else {
		return 0;
	}
	*files += !ret;
	return ret;
}

static int walk(const char *dir, struct strtab *names, int *files, struct trace_err *err)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return -errno;
	while (!ret && (de = readdir(d))) {
		if (de->d_name[0] != '.')
			ret = walk_entry(dir, de->d_name, names, files, err);
	}
	closedir(d);
	return ret;
}

int main(void)
{
	struct trace_err err = { "" };
	struct strtab names;
	char dir[4096];
	int i, files = 0, ret;

	tap_plan(REAL_TESTS + LAYOUT_TESTS + WALK_TESTS);
	if (test_data_path(dir, sizeof(dir), "lid-ds/lid-ds-2021-format")) {
		test_real(dir);
	} else {
		for (i = 0; i < REAL_TESTS; i++)
			tap_skip("lid-ds 2021: no recording at %s (set HIDS_DATA)", dir);
	}
	if (mkdtemp(tmpdir)) {
		test_layout();
		rm_rf(tmpdir);
	} else {
		for (i = 0; i < LAYOUT_TESTS; i++)
			tap_ok(0, "lid-ds 2021 layout: no temporary directory");
	}
	if (test_data_path(dir, sizeof(dir), "lid-ds")) {
		strtab_init(&names);
		ret = walk(dir, &names, &files, &err);
		if (!tap_ok(!ret && files > 0,
			    "lid-ds: every .zip, .sc and recording .json under %s parses (%d files)",
			    dir, files))
			tap_diag("%s", err.msg);
		strtab_free(&names);
	} else {
		tap_skip("lid-ds: no data at %s (set HIDS_DATA)", dir);
	}
	return tap_done();
}
