// SPDX-License-Identifier: GPL-2.0
/*
 * The .sc line parser and writer (LID-DS 2021 and hids record files),
 * malformed lines, the hids data set layouts and the real extracted
 * LID-DS 2021 recording.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <unistd.h>

#include "dataset.h"
#include "readers.h"
#include "sc.h"
#include "sc_output.h"
#include "stream.h"
#include "tap.h"
#include "testdata.h"

static char tmpdir[] = "/tmp/hids-test-sc-XXXXXX";

static int parse(const char *text, struct sc_event *ev, const char **why)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s", text);
	*why = NULL;
	return sc_parse_line(buf, ev, why);
}

static void test_parse(void)
{
	struct sc_event ev;
	const char *why;
	int ret;

	ret = parse("1631078867380457267 0 2902771 apache2 2902773 select < res=0 \n", &ev, &why);
	tap_ok(!ret && ev.ts_ns == 1631078867380457267ull && ev.uid == 0 && ev.pid == 2902771 &&
	       !strcmp(ev.comm, "apache2") && ev.tid == 2902773 && !strcmp(ev.name, "select") &&
	       ev.dir == '<' && ev.has_res && ev.res == 0,
	       "sc: a real exit line parses into every field");
	ret = parse("1 33 5 apache2 5 open < fd=-2(ENOENT) name=/x flags=4097(O_RDONLY)", &ev,
		    &why);
	tap_ok(!ret && ev.has_res && ev.res == -2, "sc: fd=-2(ENOENT) is result -2");
	ret = parse("1 33 5 apache2 5 mmap < res=7F5246360000 vm_size=1", &ev, &why);
	tap_ok(!ret && ev.has_res && ev.res == 0, "sc: mmap's hex address is a success");
	ret = parse("1 33 5 apache2 5 semop > semid=0", &ev, &why);
	tap_ok(!ret && ev.dir == '>' && !ev.has_res, "sc: an enter line has no result");
	ret = parse("1 33 5 apache2 5 getsockname <", &ev, &why);
	tap_ok(!ret && !ev.has_res, "sc: an exit without parameters has no result");
	ret = parse("1631078867380457267 0 2902771 apache2 2902771 select", &ev, &why);
	tap_ok(ret == -EINVAL && why && strstr(why, "truncated"), "sc: truncated line: %s", why);
	ret = parse("16310788673804572x7 0 1 a 1 read >", &ev, &why);
	tap_ok(ret == -EINVAL && why && strstr(why, "timestamp"), "sc: bad number: %s", why);
	ret = parse("99999999999999999999 0 1 a 1 read >", &ev, &why);
	tap_ok(ret == -EINVAL && why && strstr(why, "timestamp"), "sc: overflow: %s", why);
	ret = parse("1 0 1 a -4 read >", &ev, &why);
	tap_ok(ret == -EINVAL && why && strstr(why, "tid"), "sc: bad tid: %s", why);
	ret = parse("1 0 1 a 4 read x", &ev, &why);
	tap_ok(ret == -EINVAL && why && strstr(why, "direction"), "sc: unknown direction: %s",
	       why);
}

static void test_format(void)
{
	struct sc_event ev = {
		.ts_ns = 1631078867380457267ull, .uid = 33, .pid = 10, .tid = 11,
		.comm = "my app", .name = "read", .dir = '<', .has_res = true, .res = -11,
	}, back;
	char buf[256], small[16];
	const char *why;
	int n;

	n = sc_format_line(buf, sizeof(buf), &ev);
	tap_ok(n > 0 && !strcmp(buf, "1631078867380457267 33 10 my_app 11 read < res=-11\n"),
	       "sc: writer formats an exit with its result, blanks in comm replaced");
	tap_ok(!sc_parse_line(buf, &back, &why) && back.ts_ns == ev.ts_ns && back.tid == 11 &&
	       back.pid == 10 && back.uid == 33 && !strcmp(back.name, "read") &&
	       back.dir == '<' && back.has_res && back.res == -11,
	       "sc: the parser reads back what the writer wrote");
	tap_ok(sc_format_line(small, sizeof(small), &ev) == -ENOSPC,
	       "sc: writer into a short buffer is -ENOSPC");
	ev.dir = 'x';
	tap_ok(sc_format_line(buf, sizeof(buf), &ev) == -EINVAL,
	       "sc: writer rejects a bad direction");
	ev.dir = '>';
	ev.name = "bad name";
	tap_ok(sc_format_line(buf, sizeof(buf), &ev) == -EINVAL,
	       "sc: writer rejects a name with a blank");
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
}

/* text gzip'ed to path, less its last cut bytes (a writer killed mid-stream). */
static void write_gz(const char *path, const char *text, long cut)
{
	gzFile gz = gzopen(path, "wb");
	unsigned char buf[4096];
	size_t n;
	FILE *f;

	gzputs(gz, text);
	gzclose(gz);
	if (!cut)
		return;
	f = fopen(path, "rb");
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	f = fopen(path, "wb");
	fwrite(buf, 1, n - cut, f);
	fclose(f);
}

/*
 * Through hidsctl record's own writer, zstd: two lines, a flush (a sync
 * point), a third line, the end.  cut_after_flush > 0 leaves only the bytes
 * up to the flush and that many more, as a recorder killed there would.
 */
static void write_zst(const char *path, long cut_after_flush)
{
	static const char l12[] = "10 0 7 app 7 open >\n11 0 7 app 7 open < res=3\n";
	static const char l3[] = "12 0 7 app 7 read >\n";
	FILE *f = fopen(path, "wb");
	struct sc_output *o = sc_output_open(f, SC_ZSTD);
	long at;

	sc_output_write(o, l12, strlen(l12));
	sc_output_flush(o);
	at = ftell(f);
	sc_output_write(o, l3, strlen(l3));
	sc_output_close(o);
	fclose(f);
	if (cut_after_flush && truncate(path, at + cut_after_flush))
		perror(path);
}

static int read_sc(const char *path, struct recording *r, struct strtab *names,
		   struct trace_err *err)
{
	err->msg[0] = '\0';
	recording_init(r, path, "t", REC_SC);
	return recording_load(r, names, err);
}

static void test_files(void)
{
	static const char good[] =
		"10 0 7 app 7 open > name=/etc/passwd\n"
		"11 0 7 app 7 open < fd=-2(ENOENT)\n"
		"\n"
		"12 0 7 app 8 read > fd=3\n"
		"13 0 7 app 8 read < res=5";
	char path[4096], path2[4096];
	struct trace_err err = { "" };
	struct strtab names;
	struct recording r;
	struct dataset ds;
	int ret;

	strtab_init(&names);
	snprintf(path, sizeof(path), "%s/good.sc", tmpdir);
	write_file(path, good, strlen(good));
	ret = read_sc(path, &r, &names, &err);
	tap_ok(!ret && r.nev == 4 && r.ev[1].ret == TRACE_RET_ERR && r.ev[3].ret == TRACE_RET_OK &&
	       r.ev[0].ret == TRACE_RET_NONE && r.ev[2].tid == 8 && names.n == 2,
	       "sc file: blank lines skipped, last line without newline read, results classed");
	recording_free(&r);

	snprintf(path, sizeof(path), "%s/bad.sc", tmpdir);
	write_file(path, "10 0 7 app 7 open >\n11 0 7 app 7 open <\n12 0 7 app 7 read ?\n", 60);
	ret = read_sc(path, &r, &names, &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "bad.sc:3: unknown direction"),
	       "sc file: error names file and line: %s", err.msg);
	recording_free(&r);

	write_file(path, "10 0 7 app 7 open >\n11 0 7 a\0p 7 open <\n", 40);
	ret = read_sc(path, &r, &names, &err);
	tap_ok(ret == -EILSEQ && strstr(err.msg, "bad.sc:2: NUL"),
	       "sc file: binary data is -EILSEQ: %s", err.msg);
	recording_free(&r);

	/* A recorder killed mid-write: the cut last line is skipped, the rest read. */
	write_file(path, "10 0 7 app 7 open >\n11 0 7 app 7 open <\n12 0 7 ap", 49);
	ret = read_sc(path, &r, &names, &err);
	tap_ok(!ret && r.nev == 2, "sc file: a last line cut short is skipped, the rest read");
	recording_free(&r);
	write_file(path, "10 0 7 app 7 open >\n11 0 7 ap\n12 0 7 app 7 open <\n", 51);
	ret = read_sc(path, &r, &names, &err);
	tap_ok(ret == -EINVAL && strstr(err.msg, "bad.sc:2:"),
	       "sc file: a cut line in the middle is still an error: %s", err.msg);
	recording_free(&r);

	/* gzip (hidsctl record --compress gzip), whole and stopped short. */
	snprintf(path2, sizeof(path2), "%s/good.sc.gz", tmpdir);
	write_gz(path2, "10 0 7 app 7 open >\n11 0 7 app 7 open < res=3\n12 0 7 app 7 read >\n", 0);
	ret = read_sc(path2, &r, &names, &err);
	tap_ok(!ret && r.nev == 3 && r.ev[1].ret == TRACE_RET_OK, "sc file: gzip is read");
	recording_free(&r);
	write_gz(path2, "10 0 7 app 7 open >\n11 0 7 app 7 open < res=3\n12 0 7 app 7 read >\n", 30);
	ret = read_sc(path2, &r, &names, &err);
	tap_ok(!ret && r.nev >= 1 && r.nev < 3,
	       "sc file: gzip stopped short: the whole lines before the cut are read (%zu)", r.nev);
	recording_free(&r);
	unlink(path2);

	/* zstd (hidsctl record --compress zstd), whole and stopped short. */
	snprintf(path2, sizeof(path2), "%s/good.sc.zst", tmpdir);
	write_zst(path2, 0);
	ret = read_sc(path2, &r, &names, &err);
	tap_ok(!ret && r.nev == 3 && r.ev[1].ret == TRACE_RET_OK, "sc file: zstd is read");
	recording_free(&r);
	write_zst(path2, 3);
	ret = read_sc(path2, &r, &names, &err);
	tap_ok(!ret && r.nev == 2,
	       "sc file: zstd stopped short after a flush: the lines before it are read (%zu)",
	       r.nev);
	recording_free(&r);
	unlink(path2);

	snprintf(path2, sizeof(path2), "%s/missing.sc", tmpdir);
	ret = read_sc(path2, &r, &names, &err);
	tap_ok(ret == -ENOENT && strstr(err.msg, "missing.sc"), "sc file: missing is -ENOENT");
	recording_free(&r);
	strtab_free(&names);

	snprintf(path, sizeof(path), "%s/good.sc", tmpdir);
	err.msg[0] = '\0';
	ret = dataset_open(&ds, DATASET_HIDS, path, &err);
	tap_ok(!ret && ds.n[SPLIT_TRAIN] == 1 && !ds.n[SPLIT_VAL] && !ds.n[SPLIT_TEST] &&
	       !strcmp(ds.rec[SPLIT_TRAIN][0].name, "good"),
	       "hids: one record file is one training recording");
	if (!ret)
		dataset_close(&ds);
	unlink(path2);
	snprintf(path, sizeof(path), "%s/bad.sc", tmpdir);
	unlink(path);
	ret = dataset_open(&ds, DATASET_HIDS, tmpdir, &err);
	tap_ok(!ret && ds.n[SPLIT_TRAIN] == 1, "hids: a directory of record files trains on all");
	if (!ret)
		dataset_close(&ds);
}

/* The extracted copy of the real LID-DS 2021 recording, read as a plain .sc. */
static void test_real(const char *dir)
{
	struct stream_opts enter = { .dir = TRACE_ENTER };
	struct trace_err err = { "" };
	size_t i, nenter = 0, before = 0;
	struct rec_streams st;
	struct strtab names;
	struct recording r;
	char path[8192];
	int ret;

	strtab_init(&names);
	snprintf(path, sizeof(path), "%s/aggressive_nightingale_1018.sc", dir);
	ret = read_sc(path, &r, &names, &err);
	if (!tap_ok(!ret, "lid-ds 2021 extracted .sc parses"))
		tap_diag("%s", err.msg);
	for (i = 0; i < r.nev; i++) {
		nenter += r.ev[i].dir == TRACE_ENTER;
		before += r.ev[i].ts_ns < 1631078877513988000ull;
	}
	tap_ok(r.nev == 23468 && nenter == 11734 && names.n == 38,
	       "lid-ds 2021 extracted .sc: %zu events (23,468), %zu enter (11,734), %u names (38)",
	       r.nev, nenter, names.n);
	tap_ok(before == 6213, "lid-ds 2021 extracted .sc: %zu events before the exploit (6,213)",
	       before);
	r.exploit_ns = 1631078877513988000ll;
	ret = streams_build(&st, &r, &enter);
	tap_ok(!ret && st.nthreads == 7 && st.ntok == 11734 && st.exploit_seq > 0 &&
	       st.exploit_seq < 11734,
	       "lid-ds 2021 extracted .sc: 7 thread streams of %u enter calls, exploit at %u",
	       st.ntok, st.exploit_seq);
	streams_free(&st);
	recording_free(&r);
	strtab_free(&names);
}

int main(void)
{
	char dir[4096];
	int i;

	tap_plan(10 + 5 + 12 + 4);
	test_parse();
	test_format();
	if (!mkdtemp(tmpdir)) {
		for (i = 0; i < 12; i++)
			tap_ok(0, "sc file: no temporary directory");
	} else {
		test_files();
		snprintf(dir, sizeof(dir), "%s/good.sc", tmpdir);
		unlink(dir);
		rmdir(tmpdir);
	}
	if (test_data_path(dir, sizeof(dir),
			   "lid-ds/lid-ds-2021-format/aggressive_nightingale_1018")) {
		test_real(dir);
	} else {
		for (i = 0; i < 4; i++)
			tap_skip("lid-ds 2021: no extracted recording at %s (set HIDS_DATA)", dir);
	}
	return tap_done();
}
