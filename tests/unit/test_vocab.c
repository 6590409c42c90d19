// SPDX-License-Identifier: GPL-2.0
/*
 * Thread-aware streams and the vocabulary on hand-made recordings: thread
 * order, positions, exploit position, the unknown token for rare and
 * unseen names, return-class names, skipped signal returns, a vocabulary
 * rebuilt from a model's names.
 */
#include <errno.h>
#include <string.h>

#include "stream.h"
#include "tap.h"

static void push(struct recording *r, struct strtab *t, uint64_t ts, int32_t tid,
		 const char *name, enum trace_dir dir, enum trace_ret ret)
{
	struct trace_event ev = {
		.ts_ns = ts, .tid = tid, .pid = 1, .dir = dir, .ret = ret,
		.name = (uint16_t)strtab_intern(t, name, strlen(name)),
	};

	recording_push(r, &ev);
}

/* Two threads interleaved: 5 reads, 2 opens, 1 mmap (enter); exits after each. */
static void make_train(struct recording *r, struct strtab *t)
{
	static const char *const calls[] = { "read", "open", "read", "read", "mmap", "open",
					     "read", "read" };
	size_t i;

	recording_init(r, "train.sc", "train", REC_SC);
	for (i = 0; i < 8; i++) {
		push(r, t, 10 * i, i % 2 ? 200 : 100, calls[i], TRACE_ENTER, TRACE_RET_NONE);
		push(r, t, 10 * i + 1, i % 2 ? 200 : 100, calls[i], TRACE_EXIT,
		     i == 1 ? TRACE_RET_ERR : TRACE_RET_OK);
	}
}

static void test_streams(void)
{
	struct stream_opts enter = { .dir = TRACE_ENTER }, exits = { .dir = TRACE_EXIT };
	struct rec_streams s;
	struct recording r;
	struct strtab t;
	int ret;

	strtab_init(&t);
	make_train(&r, &t);
	r.exploit_ns = 35;
	ret = streams_build(&s, &r, &enter);
	tap_ok(!ret && s.nthreads == 2 && s.th[0].tid == 100 && s.th[1].tid == 200 &&
	       s.th[0].len == 4 && s.th[1].off == 4 && s.ntok == 8,
	       "streams: one per thread, in order of first call");
	tap_ok(!ret && s.seq[0] == 0 && s.seq[1] == 2 && s.seq[4] == 1 && s.seq[7] == 7 &&
	       s.tok[0] == strtab_find(&t, "read", 4) && s.tok[4] == strtab_find(&t, "open", 4),
	       "streams: keys and each call's position in the recording");
	tap_ok(!ret && s.exploit_seq == 4,
	       "streams: exploit position is the first call at or after it");
	streams_free(&s);
	ret = streams_build(&s, &r, &exits);
	tap_ok(!ret && s.ntok == 8 && s.exploit_seq == 4, "streams: exit events selectable");
	streams_free(&s);
	recording_free(&r);
	strtab_free(&t);
}

/*
 * Durations: calls of two threads overlap; an entry without its exit (the
 * recording ends) and an exit without its entry (it began mid-call) have
 * none; without durations asked for, no array.
 */
static void test_durations(void)
{
	struct stream_opts enter = { .dir = TRACE_ENTER, .durations = true },
			   exits = { .dir = TRACE_EXIT, .durations = true },
			   plain = { .dir = TRACE_ENTER };
	struct rec_streams s;
	struct recording r;
	struct strtab t;
	int ret;

	strtab_init(&t);
	recording_init(&r, "d.sc", "d", REC_SC);
	push(&r, &t, 500, 200, "close", TRACE_EXIT, TRACE_RET_OK);
	push(&r, &t, 1000, 100, "read", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 2000, 200, "open", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 6000, 100, "read", TRACE_EXIT, TRACE_RET_OK);
	push(&r, &t, 10000, 200, "open", TRACE_EXIT, TRACE_RET_OK);
	push(&r, &t, 11000, 100, "mmap", TRACE_ENTER, TRACE_RET_NONE);
	ret = streams_build(&s, &r, &enter);
	/* thread 100: read (5 us), mmap (no exit); thread 200: open (8 us) */
	tap_ok(!ret && s.dur && s.ntok == 3 && s.dur[0] == 5 && s.dur[1] == 0 && s.dur[2] == 8,
	       "streams: entry tokens carry the microseconds to their exit");
	streams_free(&s);
	ret = streams_build(&s, &r, &exits);
	/* thread 200: close (no entry), open (8 us); thread 100: read (5 us) */
	tap_ok(!ret && s.dur && s.ntok == 3 && s.dur[0] == 0 && s.dur[1] == 8 && s.dur[2] == 5,
	       "streams: exit tokens carry the microseconds since their entry");
	streams_free(&s);
	ret = streams_build(&s, &r, &plain);
	tap_ok(!ret && !s.dur, "streams: no durations unless asked for");
	streams_free(&s);
	recording_free(&r);
	strtab_free(&t);
}

/*
 * Thread 100 execs (its calls after it form a new stream, as the kernel
 * restarts scores at exec), thread 200 fails to exec (no new stream), and
 * thread 100 execs again; the second pass keeps every call in its stream
 * across a tid map that grows.
 */
static void test_exec_split(void)
{
	struct stream_opts o = { .dir = TRACE_ENTER, .exec_split = true };
	struct rec_streams s;
	struct recording r;
	struct strtab t;
	int ret, i;

	strtab_init(&t);
	recording_init(&r, "exec.sc", "exec", REC_SC);
	push(&r, &t, 1, 100, "read", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 2, 200, "open", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 3, 100, "execve", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 4, 200, "execve", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 5, 100, "execve", TRACE_EXIT, TRACE_RET_OK);
	push(&r, &t, 6, 200, "execve", TRACE_EXIT, TRACE_RET_ERR);
	push(&r, &t, 7, 100, "brk", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 8, 200, "write", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 9, 100, "execve", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 10, 100, "execve", TRACE_EXIT, TRACE_RET_OK);
	for (i = 0; i < 40; i++)	/* threads enough to grow the tid map */
		push(&r, &t, 11 + i, 1000 + i, "read", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 60, 100, "mmap", TRACE_ENTER, TRACE_RET_NONE);
	push(&r, &t, 61, 100, "close", TRACE_ENTER, TRACE_RET_NONE);
	o.exec_name = (uint16_t)strtab_find(&t, "execve", 6);
	ret = streams_build(&s, &r, &o);
	tap_ok(!ret && s.nthreads == 44 && s.ntok == 49 &&
	       s.th[0].tid == 100 && s.th[0].len == 2 && s.th[1].tid == 200 &&
	       s.th[1].len == 3 && s.th[2].tid == 100 && s.th[2].len == 2 &&
	       s.th[43].tid == 100 && s.th[43].len == 2,
	       "streams: a successful exec starts the thread's next stream, a failed one does not");
	tap_ok(!ret && s.tok[s.th[2].off] == strtab_find(&t, "brk", 3) &&
	       s.tok[s.th[43].off] == strtab_find(&t, "mmap", 4) &&
	       s.tok[s.th[43].off + 1] == strtab_find(&t, "close", 5) &&
	       s.seq[s.th[43].off] == 47,
	       "streams: calls after exec land in the new stream, in order");
	streams_free(&s);
	o.exec_split = false;
	ret = streams_build(&s, &r, &o);
	tap_ok(!ret && s.nthreads == 42 && s.th[0].len == 6,
	       "streams: without exec_split one stream per thread");
	streams_free(&s);
	recording_free(&r);
	strtab_free(&t);
}

/*
 * Signal returns are no calls of a stream when skipped: a signal arrives
 * between any two calls, so neither its return nor the call position it
 * would take counts; the exploit position is among the calls kept.
 */
static void test_skip_sigreturn(void)
{
	/* Entries at times 1..5: thread 100 and 200 interleaved. */
	static const char *const calls[] = { "read", "rt_sigreturn", "sigreturn", "wait4", "open" };
	static const int32_t tids[] = { 100, 100, 200, 100, 200 };
	struct stream_opts o = { .dir = TRACE_ENTER };
	struct rec_streams s;
	struct recording r;
	struct strtab t;
	int ret, i;

	strtab_init(&t);
	recording_init(&r, "sig.sc", "sig", REC_SC);
	for (i = 0; i < 5; i++)
		push(&r, &t, i + 1, tids[i], calls[i], TRACE_ENTER, TRACE_RET_NONE);
	r.exploit_ns = 3;
	o.skip[0] = (uint16_t)strtab_find(&t, "rt_sigreturn", 12);
	o.skip[1] = (uint16_t)strtab_find(&t, "sigreturn", 9);
	ret = streams_build(&s, &r, &o);
	tap_ok(!ret && s.ntok == 5 && s.th[0].len == 3,
	       "streams: signal returns are calls unless skipped");
	streams_free(&s);
	o.skip_sigreturn = true;
	ret = streams_build(&s, &r, &o);
	tap_ok(!ret && s.ntok == 3 && s.nthreads == 2 && s.th[0].len == 2 &&
	       s.tok[0] == strtab_find(&t, "read", 4) && s.tok[1] == strtab_find(&t, "wait4", 5) &&
	       s.seq[1] == 1 && s.th[1].len == 1 && s.seq[2] == 2 && s.exploit_seq == 1,
	       "streams: skipped signal returns leave the calls around them adjacent");
	streams_free(&s);
	recording_free(&r);
	strtab_free(&t);
}

static void test_vocab(void)
{
	struct stream_opts enter = { .dir = TRACE_ENTER };
	struct stream_opts ret_opts = { .dir = TRACE_EXIT, .ret_class = true };
	struct rec_streams train, test;
	struct vocab v, m;
	struct recording r, u;
	struct strtab t;
	uint16_t rd, op;
	int ret;

	strtab_init(&t);
	make_train(&r, &t);
	streams_build(&train, &r, &enter);
	ret = vocab_build(&v, &train, 1, &t, &enter, 2);
	tap_ok(!ret && vocab_size(&v) == 3 && !strcmp(vocab_names(&v)[0], "<unk>") &&
	       !strcmp(vocab_names(&v)[1], "read") && !strcmp(vocab_names(&v)[2], "open"),
	       "vocab: <unk>, then names seen at least min_count times, most frequent first");
	vocab_apply(&v, &train, 1, &t, &enter);
	rd = (uint16_t)vocab_token(&v, "read");
	op = (uint16_t)vocab_token(&v, "open");
	tap_ok(train.tok[0] == rd && train.tok[4] == op && train.tok[2] == VOCAB_UNK,
	       "vocab: applied to training, the rare mmap is unknown");

	recording_init(&u, "test.sc", "test", REC_SC);
	push(&u, &t, 1, 5, "execve", TRACE_ENTER, TRACE_RET_NONE);
	push(&u, &t, 2, 5, "open", TRACE_ENTER, TRACE_RET_NONE);
	streams_build(&test, &u, &enter);
	vocab_apply(&v, &test, 1, &t, &enter);
	tap_ok(test.tok[0] == VOCAB_UNK && test.tok[1] == op,
	       "vocab: a name the training data never saw is unknown in another split");

	ret = vocab_from_names(&m, vocab_names(&v), vocab_size(&v));
	tap_ok(!ret && vocab_size(&m) == 3 && vocab_token(&m, "open") == op &&
	       vocab_token(&m, "nope") == VOCAB_UNK,
	       "vocab: rebuilt from a model's names, same tokens");
	vocab_free(&m);
	{
		const char *const dup[] = { "<unk>", "read", "read" };

		tap_ok(vocab_from_names(&m, dup, 3) == -EINVAL,
		       "vocab: duplicate model names are -EINVAL");
	}
	vocab_free(&v);
	streams_free(&train);

	streams_build(&train, &r, &ret_opts);
	ret = vocab_build(&v, &train, 1, &t, &ret_opts, 1);
	tap_ok(!ret && vocab_token(&v, "open:err") > 0 && vocab_token(&v, "open:ok") > 0 &&
	       vocab_token(&v, "read:ok") == 1 && vocab_token(&v, "read") == VOCAB_UNK,
	       "vocab: with return classes, exits are NAME:ok and NAME:err");
	vocab_free(&v);
	streams_free(&train);
	streams_free(&test);
	recording_free(&r);
	recording_free(&u);
	strtab_free(&t);
}

static void test_strtab(void)
{
	struct strtab t;
	char name[16];
	int i, ok = 1, id;

	strtab_init(&t);
	for (i = 0; i < 5000 && ok; i++) {
		snprintf(name, sizeof(name), "sys_%d", i);
		ok = strtab_intern(&t, name, strlen(name)) == i;
	}
	for (i = 0; i < 5000 && ok; i++) {
		snprintf(name, sizeof(name), "sys_%d", i);
		id = strtab_find(&t, name, strlen(name));
		ok = id == i && !strcmp(strtab_name(&t, id), name);
	}
	tap_ok(ok && t.n == 5000 && strtab_find(&t, "sys_5000", 8) == -ENOENT,
	       "strtab: 5000 names interned and found again");
	strtab_free(&t);
}

int main(void)
{
	tap_plan(4 + 3 + 3 + 2 + 6 + 1);
	test_streams();
	test_durations();
	test_exec_split();
	test_skip_sigreturn();
	test_vocab();
	test_strtab();
	return tap_done();
}
