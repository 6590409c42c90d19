// SPDX-License-Identifier: GPL-2.0
/*
 * Evaluation metrics on hand-worked cases: recording-level scores (float
 * and the kernel's Q16.16 floor), the detector replay in recording
 * order, ROC/AUC with ties and its edge cases, DR at FAR, thresholds,
 * and the LID-DS metrics call by call.  Every expected number is worked
 * out in the comment above its check.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "evaluate.h"
#include "lidds_metrics.h"
#include "roc.h"
#include "scores.h"
#include "tap.h"
#include "threshold.h"

#define Q(x)	((uint32_t)((x) * 65536))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const uint64_t t_seq[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static bool near(double a, double b)
{
	return fabs(a - b) < 1e-12;
}

static struct score_thread fthread(const double *f, const uint64_t *t, size_t len)
{
	return (struct score_thread){ .f = f, .t = t, .len = len };
}

static struct score_rec rec_of(const struct score_thread *th, size_t n, bool attack,
			       uint64_t exploit_t)
{
	return (struct score_rec){
		.name = "r", .attack = attack, .exploit_t = exploit_t, .th = th, .nthreads = n,
	};
}

/*
 * W = 2, K = 3.  Thread A = 6 3 2 1: mean 12/4 = 3; windows (the first
 * one young, its missing call 0) 3 4.5 2.5 1.5, max 4.5; running means
 * 6 4.5 11/3 3, from call 3 on: max 11/3.  Thread B = 2.5 (shorter than W
 * and K): mean and running_max 2.5, window_max 2.5 / 2.
 * An empty thread C is skipped.  Recording: worst thread per score:
 * mean 3, window_max 4.5, running_max 11/3.
 */
static void test_levels_float(void)
{
	static const double a[] = { 6, 3, 2, 1 }, b[] = { 2.5 };
	struct score_thread th[] = { fthread(a, t_seq, 4), fthread(b, t_seq, 1),
				     fthread(NULL, NULL, 0) };
	struct score_rec r = rec_of(th, 3, false, 0);
	struct score_opts o = { .window = 2, .min_calls = 3 };
	double v[SCORE__N] = { 0 };
	int ret = score_rec_levels(&r, &o, v);

	tap_ok(!ret && v[SCORE_MEAN] == 3 &&
	       v[SCORE_WINDOW_MAX] == 4.5 && v[SCORE_RUNNING_MAX] == 11.0 / 3.0,
	       "levels: mean 3, window_max 4.5, running_max 11/3 (got %g %g %g)",
	       v[SCORE_MEAN], v[SCORE_WINDOW_MAX], v[SCORE_RUNNING_MAX]);

	/* K = 1: the first call's running mean 6 counts. */
	o.min_calls = 1;
	tap_ok(!score_rec_levels(&r, &o, v) && v[SCORE_RUNNING_MAX] == 6,
	       "levels: running_max from call 1 is the first score 6");

	/* Only B: W = 5 > 1 call, its window 2.5 and four missing calls. */
	r.th = &th[1];
	r.nthreads = 2;
	o.window = 5;
	tap_ok(!score_rec_levels(&r, &o, v) && v[SCORE_WINDOW_MAX] == 0.5,
	       "levels: a stream shorter than W scores its sum over W (got %g)",
	       v[SCORE_WINDOW_MAX]);

	r.th = &th[2];
	r.nthreads = 1;
	tap_ok(!score_rec_levels(&r, &o, v) && isinf(v[SCORE_MEAN]) && v[SCORE_MEAN] < 0,
	       "levels: a recording without scored calls is -inf");

	o.window = 0;
	tap_ok(score_rec_levels(&r, &o, v) == -EINVAL, "levels: W = 0 is -EINVAL");
}

/*
 * Q16.16 as the kernel: q = 1, 2 nats and 1/65536.  W = 2: window sums
 * 3 nats -> 1.5 and 2 nats + 1 -> floor 1.0; max 1.5.  Mean: (3 nats +
 * 1) / 3 floors to exactly 1.0, where doubles would give 1.0000051.
 */
static void test_levels_q(void)
{
	static const uint32_t q[] = { Q(1), Q(2), 1 };
	struct score_thread th = { .q = q, .t = t_seq, .len = 3 };
	struct score_rec r = rec_of(&th, 1, false, 0);
	struct score_opts o = { .window = 2, .min_calls = 1 };
	double v[SCORE__N];

	tap_ok(!score_rec_levels(&r, &o, v) && v[SCORE_MEAN] == 1.0 &&
	       v[SCORE_WINDOW_MAX] == 1.5 && v[SCORE_RUNNING_MAX] == 1.5,
	       "levels Q16.16: floor means 1.0, window_max 1.5, running_max 1.5");
}

/*
 * Replay order: A at t 0 2 4, B at t 1 2 5 -> A B A B(tie at 2: A first)
 * A B.  A = 1 3 5, B = 2 4 8.
 * Per-thread windows W = 2 (full only): - - 2 3 4 6.
 * One window over the recording, W = 2, partial (LID-DS StreamSum
 * thread_aware=False, wait_until_full=False, /W): interleaved scores
 * 1 2 3 4 5 8 -> 0.5 1.5 2.5 3.5 4.5 6.5.
 * Running means K = 2: A 1 2 3, B 2 3 14/3 -> - - 2 3 3 14/3.
 */
static void test_replay(void)
{
	static const uint64_t ta[] = { 0, 2, 4 }, tb[] = { 1, 2, 5 };
	static const double a[] = { 1, 3, 5 }, b[] = { 2, 4, 8 };
	static const size_t order[] = { 0, 1, 0, 1, 0, 1 };
	static const double win[] = { NAN, NAN, 2, 3, 4, 6 };
	static const double across[] = { 0.5, 1.5, 2.5, 3.5, 4.5, 6.5 };
	static const double run[] = { NAN, NAN, 2, 3, 3, 14.0 / 3.0 };
	const double *want[] = { win, across, run };
	struct detector d[] = {
		{ .kind = DET_WINDOW, .window = 2 },
		{ .kind = DET_WINDOW, .window = 2, .across_threads = true, .partial = true },
		{ .kind = DET_RUNNING, .min_calls = 2 },
	};
	static const double max[] = { 6, 6.5, 14.0 / 3.0 };
	struct score_thread th[] = { fthread(a, ta, 3), fthread(b, tb, 3) };
	struct score_rec r = rec_of(th, 2, false, 0);
	struct replay_call c;
	struct replay p;
	size_t i, k;
	double m;
	bool ok;

	for (k = 0; k < ARRAY_SIZE(d); k++) {
		ok = !replay_start(&p, &r, &d[k]);
		for (i = 0; ok && replay_next(&p, &c); i++) {
			ok = i < 6 && c.thread == order[i] &&
			     c.has_value == !isnan(want[k][i]) &&
			     (!c.has_value || near(c.value, want[k][i]));
		}
		replay_end(&p);
		tap_ok(ok && i == 6, "replay %zu: order and values", k);
		tap_ok(!score_rec_det_max(&r, &d[k], &m) && near(m, max[k]),
		       "replay %zu: largest value %g", k, max[k]);
	}
	d[0].window = 0;
	tap_ok(replay_start(&p, &r, &d[0]) == -EINVAL, "replay: W = 0 is -EINVAL");
}

/*
 * normal 0.1 0.4 0.35 0.8, attack 0.9 0.4 0.7.  Pairs attack > normal:
 * 0.9 beats 4, 0.4 beats 2 and ties 1 (0.5), 0.7 beats 3: 9.5 of 12 ->
 * AUC 19/24.  Points by threshold: inf (0,0), 0.9 (fp 0, tp 1),
 * 0.8 (1,1), 0.7 (1,2), 0.4 (2,3), 0.35 (3,3), 0.1 (4,3).
 * DR at FAR <= 0.25 (fp <= 1): 2/3 at 0.7; <= 0.5: 1 at 0.4;
 * <= 0.1 (fp 0): 1/3 at 0.9.
 */
static void test_roc(void)
{
	static const double s[] = { 0.1, 0.4, 0.35, 0.8, 0.9, 0.4, 0.7 };
	static const bool atk[] = { 0, 0, 0, 0, 1, 1, 1 };
	struct roc roc;
	double thr, dr;

	if (roc_build(&roc, s, atk, 7))
		memset(&roc, 0, sizeof(roc));
	tap_ok(roc.n == 7 && near(roc.auc, 19.0 / 24.0),
	       "roc: AUC 19/24 with a tie (got %.6f), 7 points", roc.auc);
	tap_ok(roc.pt[4].thr == 0.4 && roc.pt[4].fp == 2 && roc.pt[4].tp == 3 &&
	       roc.pt[4].far == 0.5 && roc.pt[4].dr == 1, "roc: the tie moves both at 0.4");
	dr = roc_dr_at_far(&roc, 0.25, &thr);
	tap_ok(near(dr, 2.0 / 3.0) && thr == 0.7, "dr@0.25 = 2/3 at 0.7");
	dr = roc_dr_at_far(&roc, 0.5, &thr);
	tap_ok(dr == 1 && thr == 0.4, "dr@0.5 = 1 at 0.4");
	dr = roc_dr_at_far(&roc, 0.1, &thr);
	tap_ok(near(dr, 1.0 / 3.0) && thr == 0.9, "dr@0.1 = 1/3 at 0.9");
	roc_free(&roc);
}

/*
 * All ties: one point past (0,0), straight to (1,1): AUC 0.5, and no
 * threshold gives DR > 0 at FAR < 1.  Perfect separation: 1, DR 1 at
 * FAR 0 (threshold 3).  Inverted: 0.  -inf ranks below everything.
 * One class only: NAN.  A NaN score is refused.
 */
static void test_roc_edges(void)
{
	static const double ties[] = { 1, 1, 1, 1, 1 }, sep[] = { 1, 2, 3, 4 };
	static const double inv[] = { 3, 4, 1, 2 }, minf[] = { -INFINITY, 0 };
	static const bool atk5[] = { 0, 0, 1, 1, 1 }, atk4[] = { 0, 0, 1, 1 };
	static const bool atk2[] = { 0, 1 }, none[] = { 0, 0, 0, 0 };
	double nan_s[] = { 0, NAN }, thr;
	struct roc roc;

	tap_ok(!roc_build(&roc, ties, atk5, 5) && roc.auc == 0.5 && roc.n == 2 &&
	       roc_dr_at_far(&roc, 0.5, NULL) == 0, "roc: all ties: AUC 0.5, DR@0.5 0");
	roc_free(&roc);
	tap_ok(!roc_build(&roc, sep, atk4, 4) && roc.auc == 1 &&
	       roc_dr_at_far(&roc, 0, &thr) == 1 && thr == 3, "roc: perfect: AUC 1, DR@0 1");
	roc_free(&roc);
	tap_ok(!roc_build(&roc, inv, atk4, 4) && roc.auc == 0 &&
	       roc_dr_at_far(&roc, 0.1, NULL) == 0, "roc: inverted: AUC 0");
	roc_free(&roc);
	tap_ok(!roc_build(&roc, minf, atk2, 2) && roc.auc == 1, "roc: -inf ranks lowest");
	roc_free(&roc);
	tap_ok(!roc_build(&roc, sep, none, 4) && isnan(roc.auc) &&
	       isnan(roc_dr_at_far(&roc, 0.1, NULL)), "roc: no attacks: NAN");
	roc_free(&roc);
	tap_ok(!roc_build(&roc, NULL, NULL, 0) && isnan(roc.auc) && roc.n == 1,
	       "roc: empty: NAN, the (0,0) point only");
	roc_free(&roc);
	tap_ok(roc_build(&roc, nan_s, atk2, 2) == -EINVAL, "roc: NaN score is -EINVAL");
}

/*
 * LID-DS: the largest value, at least 0.  Target FAR over maxima 1..10:
 * F = 0.1 allows 1 alarm -> 9 (only 10 > 9); F = 0 -> 10; F = 0.25
 * allows 2 -> 8.  1..200 at F = 0.01 allows exactly 2 (0.01 * 200 is
 * not below 2 in doubles either) -> 198.  Ties 1 5 5 5 at F = 0.5
 * allow 2 -> 5 (no alarm; 4.99 would give 3).
 */
static void test_thresholds(void)
{
	static const double lid[] = { -INFINITY, 0.5, 2.0, 1.0 }, neg[] = { -1, -INFINITY };
	static const double ties[] = { 5, 1, 5, 5 };
	double v[200], thr;
	size_t i;

	tap_ok(threshold_lidds(lid, 4) == 2.0 && threshold_lidds(neg, 2) == 0.0 &&
	       threshold_lidds(NULL, 0) == 0.0, "threshold lidds: max, floor 0");
	for (i = 0; i < 200; i++)
		v[i] = (double)(200 - i);
	tap_ok(!threshold_target_far(v + 190, 10, 0.1, &thr) && thr == 9,
	       "target far 0.1 of 1..10 -> 9");
	tap_ok(!threshold_target_far(v + 190, 10, 0, &thr) && thr == 10, "target far 0 -> 10");
	tap_ok(!threshold_target_far(v + 190, 10, 0.25, &thr) && thr == 8, "target far 0.25 -> 8");
	tap_ok(!threshold_target_far(v, 200, 0.01, &thr) && thr == 198,
	       "target far 0.01 of 1..200 -> 198");
	tap_ok(!threshold_target_far(ties, 4, 0.5, &thr) && thr == 5, "target far with ties -> 5");
	tap_ok(threshold_target_far(v, 10, 1, &thr) == -EINVAL &&
	       threshold_target_far(v, 10, -0.1, &thr) == -EINVAL &&
	       threshold_target_far(v, 0, 0.1, &thr) == -EINVAL, "target far: bad input -EINVAL");
}

/*
 * LID-DS, W = 1 per thread (value = score), threshold 0.5:
 * N1 normal, 0 1 1 0 1: tn, fp (run), fp, tn (run ends: cfa 1), fp (run
 * ends with the recording: cfa 2) -> fp 3, tn 2, cfa_normal 2.
 * A1 attack, exploit at t 3, 1 0 1 1 0 1: t0 fp (run), t1 tn (cfa 1),
 * t2 fp (run), t3 alarm after: run ends (cfa 2), tp, detected, t4 fn,
 * t5 tp -> fp 2, tn 1, tp 2, fn 1, cfa_exploits 2, alarm_count 1.
 * A2 attack, exploit at t 1, 0 0 0: tn 1, fn 2, not detected.
 * Total: tp 2, fp 5, tn 4, fn 3, alarms 1 of 2 exploits, CFA 2 + 2.
 * DR 1/2; precision_cfa 1 / (1 + 4) = 0.2; precision_sys 1 / (1 + 5);
 * F1 = 2 * 0.2 * 0.5 / 0.7 = 2/7.
 */
static void test_lidds(void)
{
	static const double n1[] = { 0, 1, 1, 0, 1 }, a1[] = { 1, 0, 1, 1, 0, 1 };
	static const double a2[] = { 0, 0, 0 };
	struct score_thread tn1 = fthread(n1, t_seq, 5), ta1 = fthread(a1, t_seq, 6);
	struct score_thread ta2 = fthread(a2, t_seq, 3);
	struct score_rec r[] = { rec_of(&tn1, 1, false, 0), rec_of(&ta1, 1, true, 3),
				 rec_of(&ta2, 1, true, 1) };
	struct detector d = { .kind = DET_WINDOW, .window = 1 };
	struct lidds_counts c = { 0 };
	struct lidds_result res;
	size_t i;
	int ret = 0;

	for (i = 0; i < 3; i++)
		ret |= lidds_count_rec(&c, &r[i], &d, 0.5);
	lidds_results(&c, 0.5, &res);
	tap_ok(!ret && c.tp == 2 && c.fp == 5 && c.tn == 4 && c.fn == 3,
	       "lidds: tp 2 fp 5 tn 4 fn 3 (got %lu %lu %lu %lu)", (unsigned long)c.tp,
	       (unsigned long)c.fp, (unsigned long)c.tn, (unsigned long)c.fn);
	tap_ok(c.alarm_count == 1 && c.exploit_count == 2 && c.cfa_normal == 2 &&
	       c.cfa_exploits == 2 && lidds_cfa(&res) == 4, "lidds: alarms 1/2, cfa 2 + 2");
	tap_ok(res.detection_rate == 0.5 && near(res.precision_cfa, 0.2) &&
	       near(res.precision_sys, 1.0 / 6.0) && near(res.f1_cfa, 2.0 / 7.0) &&
	       res.threshold == 0.5, "lidds: DR 0.5, precision_cfa 0.2, sys 1/6, F1 2/7");

	memset(&c, 0, sizeof(c));
	lidds_results(&c, 0, &res);
	tap_ok(res.detection_rate == 0 && res.precision_cfa == 0 && res.f1_cfa == 0,
	       "lidds: nothing counted: every ratio 0 as in LID-DS");
}

/*
 * CFA runs follow the recording's interleaved order, not the thread's:
 * A at t 0 2 scores 1 1, B at t 1 3 scores 0 1, exploit at t 3, W = 1:
 * A t0 fp (run), B t1 tn (cfa 1), A t2 fp (run), B t3 tp (cfa 2).
 * Per thread A alone would be one run.
 */
static void test_lidds_interleaved(void)
{
	static const uint64_t ta[] = { 0, 2 }, tb[] = { 1, 3 };
	static const double a[] = { 1, 1 }, b[] = { 0, 1 };
	struct score_thread th[] = { fthread(a, ta, 2), fthread(b, tb, 2) };
	struct score_rec r = rec_of(th, 2, true, 3);
	struct detector d = { .kind = DET_WINDOW, .window = 1 };
	struct lidds_counts c = { 0 };

	tap_ok(!lidds_count_rec(&c, &r, &d, 0.5) && c.cfa_exploits == 2 && c.fp == 2 &&
	       c.tn == 1 && c.tp == 1 && c.alarm_count == 1,
	       "lidds: CFA in recording order across threads");
}

/*
 * Calls without a value are skipped like LID-DS's None: W = 2 full only
 * on 1 1 0, threshold 0.75: call 1 skipped, call 2 (1.0) fp, call 3
 * (0.5) tn -> fp 1, tn 1, cfa 1.  value == threshold does not alarm.
 * Q16.16: window of 1 nat and 1 nat + 1 floors to exactly 1.0, so at
 * threshold 1.0 it does not alarm, as in the kernel.
 */
static void test_lidds_edges(void)
{
	static const double s[] = { 1, 1, 0 };
	static const uint32_t q[] = { Q(1), Q(1) + 1 };
	struct score_thread th = fthread(s, t_seq, 3);
	struct score_thread thq = { .q = q, .t = t_seq, .len = 2 };
	struct score_rec r = rec_of(&th, 1, false, 0), rq = rec_of(&thq, 1, false, 0);
	struct detector d = { .kind = DET_WINDOW, .window = 2 };
	struct lidds_counts c = { 0 };

	tap_ok(!lidds_count_rec(&c, &r, &d, 0.75) && c.fp == 1 && c.tn == 1 && c.cfa_normal == 1,
	       "lidds: calls before the window fills are not counted");
	memset(&c, 0, sizeof(c));
	tap_ok(!lidds_count_rec(&c, &r, &d, 1.0) && c.fp == 0 && c.tn == 2,
	       "lidds: value == threshold is no alarm");
	memset(&c, 0, sizeof(c));
	tap_ok(!lidds_count_rec(&c, &rq, &d, 1.0) && c.fp == 0 && c.tn == 1,
	       "lidds Q16.16: the kernel's floor mean decides");
}

/*
 * The evaluation run end to end: two normal recordings (means 1 and 2)
 * and one attack (mean 3, exploit at t 0), W = 1, threshold 2.5 from
 * validation maxima 1 2.5 (LID-DS rule).  AUC 1 for every score; DR 1 at
 * every FAR; LID-DS: the attack's calls 3 3 alarm (tp 2, detected), the
 * normal calls 1 1 2 2 do not (tn 4).
 */
static void test_eval_run(void)
{
	static const double n1[] = { 1, 1 }, n2[] = { 2, 2 }, a1[] = { 3, 3 };
	static const double v1[] = { 1 }, v2[] = { 2.5 };
	struct score_thread th[] = { fthread(n1, t_seq, 2), fthread(n2, t_seq, 2),
				     fthread(a1, t_seq, 2), fthread(v1, t_seq, 1),
				     fthread(v2, t_seq, 1) };
	struct score_rec r[] = { rec_of(&th[0], 1, false, 0), rec_of(&th[1], 1, false, 0),
				 rec_of(&th[2], 1, true, 0), rec_of(&th[3], 1, false, 0),
				 rec_of(&th[4], 1, false, 0) };
	struct score_opts o = { .window = 1, .min_calls = 1 };
	struct detector d = { .kind = DET_WINDOW, .window = 1 };
	struct report_detector out;
	struct threshold_val val;
	struct roc rocs[SCORE__N];
	struct eval_run e;
	double thr = 0;
	int ret, k;

	threshold_val_init(&val, &d);
	ret = threshold_val_add(&val, &r[3]) | threshold_val_add(&val, &r[4]);
	ret |= threshold_val_pick(&val, -1, &thr);
	threshold_val_free(&val);
	tap_ok(!ret && thr == 2.5, "eval: LID-DS threshold 2.5 from validation");

	ret = eval_run_init(&e, &o, &d, thr);
	for (k = 0; k < 3; k++)
		ret |= eval_run_add(&e, &r[k]);
	ret |= eval_run_finish(&e, &out, rocs);
	eval_run_free(&e);
	tap_ok(!ret && out.present && out.n_normal == 2 && out.n_attack == 1 &&
	       out.score[SCORE_MEAN].auc == 1 && out.score[SCORE_RUNNING_MAX].dr_at_far[0] == 1,
	       "eval: AUC 1, DR@1%% 1");
	tap_ok(out.lidds.c.tp == 2 && out.lidds.c.tn == 4 && out.lidds.c.fp == 0 &&
	       out.lidds.detection_rate == 1 && out.lidds.precision_cfa == 1 &&
	       out.lidds.f1_cfa == 1, "eval: LID-DS DR 1, precision 1, F1 1");
	tap_ok(rocs[SCORE_MEAN].n == 4, "eval: the ROC curves come back for the plot");
	for (k = 0; k < SCORE__N; k++)
		roc_free(&rocs[k]);
}

/*
 * Attack groups: normal means 1 2 3; attacks 0.5 and 5 in group A, 2.5
 * in group B, 4 named "A" but with group "B" given.  Per recording the
 * attacks 0.5 5 2.5 4 beat 0 + 3 + 2 + 3 of the 12 pairs: AUC 8/12; per
 * group A scores 5 and B max(2.5, 4) = 4: 3 + 3 of 6 pairs, AUC 1.
 */
static void test_group_auc(void)
{
	static const double v[] = { 1, 2, 3, 0.5, 5, 2.5, 4 };
	static const char *const grp[] = { NULL, NULL, NULL, "Ax", "Ay", "B", "B" };
	static const size_t glen[] = { 0, 0, 0, 1, 1, 1, 1 };
	struct score_opts o = { .window = 1, .min_calls = 1 };
	struct detector d = { .kind = DET_WINDOW, .window = 1 };
	struct score_thread th[7];
	struct score_rec r[7];
	struct report_detector out;
	struct eval_run e;
	int ret, k;

	for (k = 0; k < 7; k++) {
		th[k] = fthread(&v[k], t_seq, 1);
		r[k] = rec_of(&th[k], 1, k >= 3, 0);
		r[k].group = grp[k];
		r[k].group_len = glen[k];
	}
	ret = eval_run_init(&e, &o, &d, 10);
	for (k = 0; k < 7; k++)
		ret |= eval_run_add(&e, &r[k]);
	ret |= eval_run_finish(&e, &out, NULL);
	eval_run_free(&e);
	tap_ok(!ret && fabs(out.score[SCORE_MEAN].auc - 8.0 / 12) < 1e-12 && out.n_groups == 2 &&
	       out.group_auc == 1, "eval: group AUC 1 over 2 groups (each its worst), AUC 8/12");
	r[3].group = NULL;	/* then the name, "r", a third group: 0.5 */
	ret = eval_run_init(&e, &o, &d, 10);
	for (k = 0; k < 7; k++)
		ret |= eval_run_add(&e, &r[k]);
	ret |= eval_run_finish(&e, &out, NULL);
	eval_run_free(&e);
	tap_ok(!ret && out.n_groups == 3 && fabs(out.group_auc - 6.0 / 9) < 1e-12,
	       "eval: a recording without a group is its own (by name): 3 groups, AUC 6/9");
}

int main(void)
{
	tap_plan(46);
	test_levels_float();
	test_levels_q();
	test_replay();
	test_roc();
	test_roc_edges();
	test_thresholds();
	test_lidds();
	test_lidds_interleaved();
	test_lidds_edges();
	test_eval_run();
	test_group_auc();
	return tap_done();
}
