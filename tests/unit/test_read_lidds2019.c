// SPDX-License-Identifier: GPL-2.0
/*
 * LID-DS 2019: runs.csv and the sysdig .txt recordings, on files this test
 * writes in the framework's documented format (no real .txt recording is
 * public), plus the real example runs.csv.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dataset.h"
#include "readers.h"
#include "stream.h"
#include "tap.h"
#include "testdata.h"

#define NS	1000000000ull

static char tmpdir[] = "/tmp/hids-test-lidds2019-XXXXXX";

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* 260 normal runs and 3 exploit runs among them. */
static void write_runs(const char *dir)
{
	char path[8192];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/runs.csv", dir);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "image_name, scenario_name, is_executing_exploit, warmup_time, "
		"recording_time, exploit_start_time\n");
	for (i = 0; i < 263; i++) {
		if (i == 5 || i == 150 || i == 262)
			fprintf(f, "vulhub/mysql:5.5.23, attack_%d, True, 10, 30, 20\n", i);
		else
			fprintf(f, "vulhub/mysql:5.5.23, run_%03d, False, 10, 30, -1\n", i);
	}
	fclose(f);
}

static const char attack_txt[] =
	"1 10:00:00.250000000 0 999 mysqld 7 > read fd=3\n"
	"2 10:00:00.250000100 0 999 mysqld 7 < read res=4 data=...\n"
	"3 10:00:01.000000000 1 999 mysqld 8 > switch next=0 pgft_maj=0\n"
	"4 10:00:09.000000000 1 999 mysqld 8 > open name=/etc/shadow\n"
	"5 10:00:09.000001000 1 999 mysqld 8 < open fd=-13(EACCES)\n";

static const char midnight_txt[] =
	"1 23:59:59.999999000 0 999 mysqld 7 > read fd=3\n"
	"2 00:00:00.000001000 0 999 mysqld 7 < read res=-11(EAGAIN)\n";

static void test_split(const char *dir)
{
	struct trace_err err = { "" };
	struct dataset ds;
	struct recording *t;
	int ret;

	write_runs(dir);
	ret = dataset_open(&ds, DATASET_LIDDS_2019, dir, &err);
	if (!tap_ok(!ret && ds.n[SPLIT_TRAIN] == 200 && ds.n[SPLIT_VAL] == 50 &&
		    ds.n[SPLIT_TEST] == 13,
		    "lid-ds 2019: 200 normal runs train, 50 validate, 10 + 3 exploit test")) {
		tap_diag("%s", err.msg);
		tap_ok(0, "lid-ds 2019: (not run)");
		return;
	}
	t = ds.rec[SPLIT_TEST];
	tap_ok(!strcmp(ds.rec[SPLIT_TRAIN][5].name, "run_006") &&
	       !strcmp(ds.rec[SPLIT_VAL][0].name, "run_202") && !strcmp(t[0].name, "run_252") &&
	       !t[9].attack && t[10].attack && !strcmp(t[10].name, "attack_5") &&
	       !strcmp(t[12].name, "attack_262") && t[12].warmup_s == 10,
	       "lid-ds 2019: runs.csv order, normal test runs before the exploit runs");
	dataset_close(&ds);
}

static void test_recording(const char *dir)
{
	struct stream_opts o = { .dir = TRACE_EXIT, .ret_class = true };
	struct trace_err err = { "" };
	struct rec_streams st;
	struct strtab names;
	struct recording r;
	char path[8192];
	int ret;

	strtab_init(&names);
	write_file(dir, "attack_5.txt", attack_txt);
	snprintf(path, sizeof(path), "%s/attack_5.txt", dir);
	recording_init(&r, path, "attack_5", REC_LIDDS2019);
	r.attack = true;
	r.warmup_s = 10;
	ret = recording_load(&r, &names, &err);
	tap_ok(!ret && r.nev == 4 && strtab_find(&names, "switch", 6) < 0 &&
	       r.ev[2].tid == 8 && r.ev[0].pid == 0 && r.ev[1].ret == TRACE_RET_OK &&
	       r.ev[3].ret == TRACE_RET_ERR && r.ev[1].ts_ns == 36000 * NS + 250000100,
	       "lid-ds 2019: fields, times of day in ns, results; switch events dropped");
	tap_ok(r.exploit_ns == (int64_t)(36008 * NS),
	       "lid-ds 2019: exploit at first call + warmup - 2 s, whole second (%lld)",
	       (long long)r.exploit_ns);
	ret = streams_build(&st, &r, &o);
	tap_ok(!ret && st.nthreads == 2 && st.ntok == 2 && st.exploit_seq == 1,
	       "lid-ds 2019: exit streams, the exploit before the second exit");
	streams_free(&st);
	recording_free(&r);

	write_file(dir, "night.txt", midnight_txt);
	snprintf(path, sizeof(path), "%s/night.txt", dir);
	recording_init(&r, path, "night", REC_LIDDS2019);
	ret = recording_load(&r, &names, &err);
	tap_ok(!ret && r.nev == 2 && r.ev[1].ts_ns == 86400 * NS + 1000,
	       "lid-ds 2019: a recording crossing midnight keeps its time order");
	recording_free(&r);
	strtab_free(&names);
}

static int load_text(const char *dir, const char *text, struct trace_err *err)
{
	struct strtab names;
	struct recording r;
	char path[8192];
	int ret;

	write_file(dir, "bad.txt", text);
	snprintf(path, sizeof(path), "%s/bad.txt", dir);
	strtab_init(&names);
	recording_init(&r, path, "bad", REC_LIDDS2019);
	err->msg[0] = '\0';
	ret = recording_load(&r, &names, err);
	recording_free(&r);
	strtab_free(&names);
	return ret;
}

static void test_malformed(const char *dir)
{
	struct trace_err err = { "" };
	struct dataset ds;
	int ret;

	ret = load_text(dir, "1 10:00:00.0 0 999 mysqld 7 > read\n2 10:00:00.1 0 999 mysqld 7 <\n",
			&err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "bad.txt:2: truncated"),
	       "lid-ds 2019: truncated line: %s", err.msg);
	ret = load_text(dir, "1 10:61:00.0 0 999 mysqld 7 > read\n", &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "bad.txt:1: bad time"),
	       "lid-ds 2019: bad time: %s", err.msg);
	ret = load_text(dir, "1 10:00:00.0 0 999 mysqld 7 = read\n", &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "bad.txt:1: unknown direction"),
	       "lid-ds 2019: unknown direction: %s", err.msg);
	ret = load_text(dir, "x 10:00:00.0 0 999 mysqld 7 > read\n", &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "bad event number"),
	       "lid-ds 2019: bad number: %s", err.msg);
	write_file(dir, "runs.csv", "image_name, scenario_name, is_executing_exploit, "
		   "warmup_time, recording_time, exploit_start_time\n"
		   "img, run_1, False, 10, 30, -1\nimg, run_2, maybe, 10, 30, -1\n");
	err.msg[0] = '\0';
	ret = dataset_open(&ds, DATASET_LIDDS_2019, dir, &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "runs.csv:3: is_executing_exploit"),
	       "lid-ds 2019: bad runs.csv row: %s", err.msg);
	write_file(dir, "runs.csv", "header\nimg, run_1, False\n");
	err.msg[0] = '\0';
	ret = dataset_open(&ds, DATASET_LIDDS_2019, dir, &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "runs.csv:2: fewer than 6 columns"),
	       "lid-ds 2019: short runs.csv row: %s", err.msg);
}

static void test_example(const char *example, const char *dir)
{
	struct trace_err err = { "" };
	char buf[4096];
	struct recording *recs;
	size_t n = 0, len;
	FILE *in = fopen(example, "r");
	int ret = -ENOENT;

	if (in) {
		len = fread(buf, 1, sizeof(buf) - 1, in);
		buf[len] = '\0';
		fclose(in);
		write_file(dir, "runs.csv", buf);
		ret = lidds2019_read_runs(dir, &recs, &n, &err);
	}
	tap_ok(!ret && n == 5 && !recs[0].attack && recs[1].attack && recs[1].warmup_s == 15 &&
	       !strcmp(recs[1].name, "other_normal_behavior_with_exploit"),
	       "lid-ds 2019: the real example runs.csv: %zu runs, one exploit", n);
	while (!ret && n)
		recording_free(&recs[--n]);
	if (!ret)
		free(recs);
}

int main(void)
{
	char example[4096], cmd[256];
	int i;

	tap_plan(2 + 4 + 6 + 1);
	if (!mkdtemp(tmpdir)) {
		for (i = 0; i < 13; i++)
			tap_ok(0, "lid-ds 2019: no temporary directory");
		return tap_done();
	}
	test_split(tmpdir);
	test_recording(tmpdir);
	test_malformed(tmpdir);
	if (test_data_path(example, sizeof(example), "lid-ds/lid-ds-2019-format/example_runs.csv"))
		test_example(example, tmpdir);
	else
		tap_skip("lid-ds 2019: no example runs.csv at %s (set HIDS_DATA)", example);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		tap_diag("could not remove %s", tmpdir);
	return tap_done();
}
