// SPDX-License-Identifier: GPL-2.0
/*
 * LID-DS recordings in LTTng CTF (libbabeltrace2): the four recordings of
 * the framework's own fixture, their split and the attack's exploit time.
 */
#include <errno.h>
#include <string.h>

#include "dataset.h"
#include "readers.h"
#include "stream.h"
#include "tap.h"
#include "testdata.h"

#define REAL_TESTS	6

static void test_real(const char *root)
{
	struct stream_opts o = { .dir = TRACE_ENTER };
	struct trace_err err = { "" };
	struct rec_streams st;
	struct recording *a;
	struct dataset ds;
	size_t i, enter = 0, exits = 0, errs = 0;
	bool ok = true;
	int ret;

	ret = dataset_open(&ds, DATASET_LIDDS_CTF, root, &err);
	if (!tap_ok(!ret && ds.n[SPLIT_TRAIN] == 1 && ds.n[SPLIT_VAL] == 1 &&
		    ds.n[SPLIT_TEST] == 2, "ctf: split 1/1/2 recordings")) {
		tap_diag("%s", err.msg);
		for (i = 1; i < REAL_TESTS; i++)
			tap_ok(0, "ctf: (not run)");
		return;
	}
	a = &ds.rec[SPLIT_TEST][0];
	tap_ok(!strcmp(a->name, "defeated_chandrasekhar_3584") && a->attack &&
	       a->exploit_ns == 1666346786690099000ll && !ds.rec[SPLIT_TEST][1].attack &&
	       !ds.rec[SPLIT_TRAIN][0].attack && !ds.rec[SPLIT_VAL][0].attack,
	       "ctf: only defeated_chandrasekhar_3584 is an attack, exploit at %lld ns",
	       (long long)a->exploit_ns);
	for (i = 0; i < 4 && ok; i++) {
		struct recording *r = i < 2 ? &ds.rec[i][0] : &ds.rec[SPLIT_TEST][i - 2];

		ret = recording_load(r, &ds.names, &err);
		ok = !ret && r->nev > 0;
		tap_diag("%s: %zu events", r->name, r->nev);
		if (r != a)
			recording_unload(r);
	}
	if (!tap_ok(ok, "ctf: the 4 recordings parse"))
		tap_diag("%s", err.msg);
	for (i = 0; ok && i < a->nev; i++) {
		enter += a->ev[i].dir == TRACE_ENTER;
		exits += a->ev[i].dir == TRACE_EXIT;
		errs += a->ev[i].ret == TRACE_RET_ERR;
		ok &= !i || a->ev[i].ts_ns >= a->ev[i - 1].ts_ns;
	}
	tap_ok(ok && enter && exits && errs,
	       "ctf: time-ordered enter (%zu) and exit (%zu) events, %zu failed calls",
	       enter, exits, errs);
	for (i = 0; i < ds.names.n; i++)
		ok &= !strstr(ds.names.names[i], "syscall_");
	tap_ok(ok && ds.names.n > 1, "ctf: event names become syscall names (%u distinct)",
	       ds.names.n);
	ret = streams_build(&st, a, &o);
	tap_ok(!ret && st.nthreads >= 1 && st.exploit_seq != STREAM_NO_EXPLOIT &&
	       st.exploit_seq < st.ntok,
	       "ctf: %u thread streams, exploit at call %u of %u", st.nthreads, st.exploit_seq,
	       st.ntok);
	streams_free(&st);
	dataset_close(&ds);
}

static void test_missing(void)
{
	struct trace_err err = { "" };
	struct strtab names;
	struct recording r;
	int ret;

	strtab_init(&names);
	recording_init(&r, "/nonexistent/rec", "rec", REC_CTF);
	ret = recording_load(&r, &names, &err);
	tap_ok(ret == -ENOENT && strstr(err.msg, "/nonexistent/rec"),
	       "ctf: a missing trace is -ENOENT: %s", err.msg);
	recording_free(&r);
	recording_init(&r, "/tmp", "tmp", REC_CTF);
	err.msg[0] = '\0';
	ret = recording_load(&r, &names, &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "/tmp"),
	       "ctf: a directory without a trace is -EINVAL: %s", err.msg);
	recording_free(&r);
	strtab_free(&names);
}

int main(void)
{
	char root[4096];
	int i;

	tap_plan(REAL_TESTS + 2);
	if (test_data_path(root, sizeof(root), "lid-ds/ctf-lttng-format/ctf_dummy_scenario")) {
		test_real(root);
	} else {
		for (i = 0; i < REAL_TESTS; i++)
			tap_skip("ctf: no recordings at %s (set HIDS_DATA)", root);
	}
	test_missing();
	return tap_done();
}
