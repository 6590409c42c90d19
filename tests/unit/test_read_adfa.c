// SPDX-License-Identifier: GPL-2.0
/*
 * ADFA-LD reader and split on the real data set: the counts and syscall
 * totals of its SOURCE.md, the split the issue defines, malformed traces.
 */
#include <errno.h>
#include <string.h>

#include "dataset.h"
#include "readers.h"
#include "stream.h"
#include "tap.h"
#include "testdata.h"

#define REAL_TESTS	12

static size_t count_in(const struct dataset *ds, const char *dir, size_t *calls,
		       bool attack)
{
	size_t n = 0, i;
	int s;

	*calls = 0;
	for (s = 0; s < SPLIT__N; s++) {
		for (i = 0; i < ds->n[s]; i++) {
			const struct recording *r = &ds->rec[s][i];

			if (strstr(r->path, dir) && r->attack == attack) {
				n++;
				*calls += r->nev;
			}
		}
	}
	return n;
}

static int load_all(struct dataset *ds, struct trace_err *err)
{
	size_t i;
	int s, ret;

	for (s = 0; s < SPLIT__N; s++) {
		for (i = 0; i < ds->n[s]; i++) {
			ret = recording_load(&ds->rec[s][i], &ds->names, err);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static void test_real(const char *root)
{
	struct trace_err err = { "" };
	struct rec_streams *st = NULL;
	struct stream_opts o = { .dir = TRACE_ENTER };
	struct recording missing;
	bool ok = true;
	struct dataset ds, split_a;
	size_t n, calls, i, attacks = 0;
	int ret;

	ret = dataset_open(&ds, DATASET_ADFA_LD, root, &err);
	if (!tap_ok(!ret, "adfa-ld: open %s", root)) {
		tap_diag("%s", err.msg);
		for (i = 1; i < REAL_TESTS; i++)
			tap_ok(0, "adfa-ld: (not run)");
		return;
	}
	tap_ok(ds.n[SPLIT_TRAIN] == 833 + 500 && ds.n[SPLIT_VAL] == 200 &&
	       ds.n[SPLIT_TEST] == 4372 - 700 + 746,
	       "adfa-ld: split train %zu (1333), validation %zu (200), test %zu (4418)",
	       ds.n[SPLIT_TRAIN], ds.n[SPLIT_VAL], ds.n[SPLIT_TEST]);
	for (i = 0; i < ds.n[SPLIT_TEST]; i++)
		attacks += ds.rec[SPLIT_TEST][i].attack;
	tap_ok(attacks == 746 && !ds.rec[SPLIT_TEST][3671].attack &&
	       ds.rec[SPLIT_TEST][3672].attack,
	       "adfa-ld: test holds 3672 normal then %zu attack traces", attacks);
	tap_ok(!strcmp(ds.rec[SPLIT_TRAIN][833].name, "UVD-0001") &&
	       !strcmp(ds.rec[SPLIT_VAL][0].name, "UVD-0501") &&
	       !strcmp(ds.rec[SPLIT_VAL][199].name, "UVD-0700") &&
	       !strcmp(ds.rec[SPLIT_TEST][0].name, "UVD-0701"),
	       "adfa-ld: validation traces split by sorted name (%s, %s..%s, %s)",
	       ds.rec[SPLIT_TRAIN][833].name, ds.rec[SPLIT_VAL][0].name,
	       ds.rec[SPLIT_VAL][199].name, ds.rec[SPLIT_TEST][0].name);

	ok = !dataset_open(&split_a, DATASET_ADFA_LD_A, root, &err);
	tap_ok(ok && split_a.n[SPLIT_TRAIN] == 833 + 2000 && split_a.n[SPLIT_VAL] == 200 &&
	       split_a.n[SPLIT_TEST] == 4372 - 2200 + 746 &&
	       !strcmp(split_a.rec[SPLIT_VAL][0].name, "UVD-2001") &&
	       !strcmp(split_a.rec[SPLIT_TEST][0].name, "UVD-2201"),
	       "adfa-ld-a: split A: train %zu (2833), validation %zu (200) from UVD-2001, "
	       "test %zu (2918)", split_a.n[SPLIT_TRAIN], split_a.n[SPLIT_VAL],
	       split_a.n[SPLIT_TEST]);
	if (ok)
		dataset_close(&split_a);
	ok = true;

	ret = load_all(&ds, &err);
	if (!tap_ok(!ret, "adfa-ld: all 5951 traces parse"))
		tap_diag("%s", err.msg);
	n = count_in(&ds, "/Training_Data_Master/", &calls, false);
	tap_ok(n == 833 && calls == 308077, "adfa-ld: training %zu traces, %zu calls (308,077)",
	       n, calls);
	n = count_in(&ds, "/Validation_Data_Master/", &calls, false);
	tap_ok(n == 4372 && calls == 2122085,
	       "adfa-ld: validation %zu traces, %zu calls (2,122,085)", n, calls);
	n = count_in(&ds, "/Attack_Data_Master/", &calls, true);
	tap_ok(n == 746 && calls == 317388, "adfa-ld: attack %zu traces, %zu calls (317,388)",
	       n, calls);
	tap_ok(ds.names.n == 175, "adfa-ld: %u distinct syscall names (175 numbers)",
	       ds.names.n);

	for (i = 0; i < ds.n[SPLIT_TEST]; i++)
		recording_unload(&ds.rec[SPLIT_TEST][i]);
	ret = dataset_streams(&ds, SPLIT_TEST, &o, &st, &err);
	for (i = 0; !ret && i < ds.n[SPLIT_TEST]; i++) {
		const struct rec_streams *s = &st[i];

		ok &= s->nthreads == (s->ntok ? 1u : 0u) && !s->rec->ev;
		ok &= s->attack ? s->exploit_seq == 0 : s->exploit_seq == STREAM_NO_EXPLOIT;
	}
	tap_ok(!ret && ok, "adfa-ld: one stream per trace, attacks from their first call");
	dataset_streams_free(st, ds.n[SPLIT_TEST]);

	recording_init(&missing, "/nonexistent/UTD-0001.txt", "UTD-0001", REC_ADFA);
	err.msg[0] = '\0';
	ret = recording_load(&missing, &ds.names, &err);
	tap_ok(ret == -ENOENT && strstr(err.msg, "/nonexistent/UTD-0001.txt"),
	       "adfa-ld: a missing trace is -ENOENT naming it (%s)", err.msg);
	recording_free(&missing);
	dataset_close(&ds);
}

static int parse(const char *text, size_t *nev, unsigned long *line, const char **why)
{
	struct strtab names;
	struct recording r;
	int ret;

	strtab_init(&names);
	recording_init(&r, "mem", "mem", REC_ADFA);
	*why = NULL;
	ret = adfa_parse(text, strlen(text), &r, &names, line, why);
	*nev = r.nev;
	recording_free(&r);
	strtab_free(&names);
	return ret;
}

static void test_malformed(void)
{
	struct trace_err err = { "" };
	struct dataset ds;
	unsigned long line;
	const char *why;
	size_t nev;
	int ret;

	ret = parse("6 6 63 ", &nev, &line, &why);
	tap_ok(!ret && nev == 3, "adfa: a trace with a trailing space parses (%zu calls)", nev);
	ret = parse("", &nev, &line, &why);
	tap_ok(!ret && nev == 0, "adfa: an empty trace has no calls");
	ret = parse("6 6\n3 x1 5", &nev, &line, &why);
	tap_ok(ret == -EINVAL && line == 2 && why && strstr(why, "not a syscall number"),
	       "adfa: bad number is -EINVAL at line %lu: %s", line, why);
	ret = parse("6 99999", &nev, &line, &why);
	tap_ok(ret == -EINVAL && why && strstr(why, "no i386 syscall"),
	       "adfa: an unknown number is -EINVAL: %s", why);
	ret = parse("6 -3", &nev, &line, &why);
	tap_ok(ret == -EINVAL, "adfa: a negative number is -EINVAL");
	ret = parse("18446744073709551617", &nev, &line, &why);
	tap_ok(ret == -EINVAL, "adfa: an overflowing number is -EINVAL");
	ret = dataset_open(&ds, DATASET_ADFA_LD, "/nonexistent/ADFA-LD", &err);
	tap_ok(ret == -ENOENT && strstr(err.msg, "/nonexistent/ADFA-LD/Training_Data_Master"),
	       "adfa: a missing data set is -ENOENT: %s", err.msg);
}

int main(void)
{
	char root[4096];
	int i;

	tap_plan(REAL_TESTS + 7);
	if (test_data_path(root, sizeof(root), "adfa-ld/Training_Data_Master")) {
		test_data_path(root, sizeof(root), "adfa-ld");
		test_real(root);
	} else {
		for (i = 0; i < REAL_TESTS; i++)
			tap_skip("adfa-ld: no data set at %s (set HIDS_DATA)", root);
	}
	test_malformed();
	return tap_done();
}
