// SPDX-License-Identifier: GPL-2.0
/*
 * hotpath_bench: what the module does per system call of a protected
 * thread, measured in userspace beside a getppid() call in the same run.
 * The module's own probe, thread-table, slot and scorer code (kmod/ files,
 * unchanged, built against bench/kshim) runs here: the sys_enter and
 * sys_exit probes as a tracepoint calls them (thread lookup, slot check,
 * token into the thread's ring, scorer queued), and the per-CPU scorer's
 * work (the integer LSTM step, means, thresholds) run after every BATCH
 * calls.  The model has the VM tests' shape (x86_64 names, E=16, H=32,
 * 2 layers), thresholds that never fire.
 *
 * With the enforce response the sys_enter probe scores each call itself,
 * before the call runs: probes and step together, on the calling thread
 * (enforce_ns).
 *
 * Not in these figures (the VM benchmark has them): the kernel's syscall
 * slow path that any sys_enter probe switches on, the tracepoint's own
 * dispatch, kernel_fpu_begin/end around a SIMD step, the worker's wakeup.
 *
 *   hotpath_bench                           table + BENCH lines
 *   hotpath_bench --count protected|enforce|unprotected CALLS   for callgrind
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/hids.h>

#include "fmodel.h"
#include "hids_engine.h"
#include "hotpath_glue.h"
#include "modelfile.h"
#include "timing.h"
#include "quantize.h"
#include "syscalls_x86_64.h"
#include "random_model.h"

#define NSYS (sizeof(syscalls_x86_64) / sizeof(syscalls_x86_64[0]))
#define BATCH 48		/* calls between scorer runs: under the ring's 64 */
#define REPS 9
#define CALLS 96000L
#define PROTECTED_PID 1000
#define OTHER_PID 2000
#define THRESHOLD (30000u << 16)	/* nats, Q16.16: the most hidsctl takes */

static double timer_ns;		/* cost of one now_ns() pair, subtracted */

/* A random model of the VM tests' shape, and the token map hidsctl would send. */
static int model(unsigned char **blob, size_t *len, uint16_t **map, uint32_t *map_len)
{
	struct model_file mf;
	size_t i;
	int ret;

	ret = random_vm_model("hotpath", NULL, false, blob, len);
	ret = ret ?: model_blob_load(&mf, *blob, *len, "hotpath");
	if (ret)
		return ret;
	*map = calloc(NSYS, sizeof(**map));
	if (!*map)
		return -1;
	for (i = 0; i < NSYS; i++)
		(*map)[i] = syscalls_x86_64[i] ? hids_model_token(mf.model, syscalls_x86_64[i]) : 0;
	*map_len = NSYS;
	model_file_free(&mf);
	return 0;
}

static double time_getppid(long n)
{
	double t0 = now_ns();

	getppid_calls(n);
	return (now_ns() - t0) / n;
}

/* Per call: the probes (*probe_ns) and the scorer's work (*score_ns). */
static void time_protected(long n, double *probe_ns, double *score_ns)
{
	double t0, t1, t2, probe = 0, score = 0;
	long i;

	hp_task(PROTECTED_PID, "hammer");
	for (i = 0; i < n / BATCH; i++) {
		t0 = now_ns();
		hp_calls(BATCH, SYS_getppid, 1);
		t1 = now_ns();
		hp_worker();
		t2 = now_ns();
		probe += t1 - t0 - timer_ns;
		score += t2 - t1 - timer_ns;
	}
	*probe_ns = probe / (n / BATCH * BATCH);
	*score_ns = score / (n / BATCH * BATCH);
}

/* Per call of a protected thread whose slot enforces: probes and step. */
static double time_enforce(long n)
{
	double t0, t;

	hp_task(PROTECTED_PID, "hammer");
	if (hp_response(HIDS_RESPONSE_ENFORCE))
		return -1;
	t0 = now_ns();
	hp_calls(n, SYS_getppid, 1);
	t = (now_ns() - t0) / n;
	return hp_response(HIDS_RESPONSE_LOG) ? -1 : t;
}

static double time_unprotected(long n)
{
	double t0;

	hp_task(OTHER_PID, "other");
	t0 = now_ns();
	hp_calls(n, SYS_getppid, 1);
	return (now_ns() - t0) / n;
}

static void run_protected(long n)
{
	hp_task(PROTECTED_PID, "hammer");
	for (; n > 0; n -= BATCH) {
		hp_calls(n < BATCH ? n : BATCH, SYS_getppid, 1);
		hp_worker();
	}
}

static void measure_timer(void)
{
	double t[101];
	int i;

	for (i = 0; i < 101; i++) {
		t[i] = now_ns();
		t[i] = now_ns() - t[i];
	}
	timer_ns = median(t, 101);
}

static void report(void)
{
	double gp[REPS], pr[REPS], sc[REPS], un[REPS], en[REPS];
	double r_pr[REPS], r_sc[REPS], r_all[REPS], r_un[REPS], r_en[REPS];
	double g, p, s, u, e, rp, rs, ra, ru, re;
	int r;

	measure_timer();
	run_protected(CALLS / 10);
	for (r = 0; r < REPS; r++) {
		gp[r] = time_getppid(CALLS);
		time_protected(CALLS, &pr[r], &sc[r]);
		un[r] = time_unprotected(CALLS);
		en[r] = time_enforce(CALLS);
		r_en[r] = en[r] / gp[r];
		r_pr[r] = pr[r] / gp[r];
		r_sc[r] = sc[r] / gp[r];
		r_all[r] = (pr[r] + sc[r]) / gp[r];
		r_un[r] = un[r] / gp[r];
	}
	g = median(gp, REPS);
	p = median(pr, REPS);
	s = median(sc, REPS);
	u = median(un, REPS);
	e = median(en, REPS);
	/* Sorted by median(): [0] and [REPS - 1] are the spread. */
	rp = median(r_pr, REPS);
	rs = median(r_sc, REPS);
	ra = median(r_all, REPS);
	ru = median(r_un, REPS);
	re = median(r_en, REPS);
	printf("per system call, median of %d rounds (%ld calls each, scorer every %d calls);\n"
	       "the module's C code only: no tracepoint dispatch, syscall slow path or FPU save\n",
	       REPS, CALLS, BATCH);
	printf("%-34s %10s %14s %22s\n", "", "ns", "x getppid", "x getppid min..max");
	printf("%-34s %10.1f\n", "getppid() system call", g);
	printf("%-34s %10.1f %14.3f %14.3f..%.3f\n", "probes, protected thread", p,
	       rp, r_pr[0], r_pr[REPS - 1]);
	printf("%-34s %10.1f %14.3f %14.3f..%.3f\n", "scorer work, protected thread", s,
	       rs, r_sc[0], r_sc[REPS - 1]);
	printf("%-34s %10s %14.3f %14.3f..%.3f\n", "both, protected thread", "",
	       ra, r_all[0], r_all[REPS - 1]);
	printf("%-34s %10.1f %14.3f %14.3f..%.3f\n", "enforce: probes scoring inline", e,
	       re, r_en[0], r_en[REPS - 1]);
	printf("%-34s %10.1f %14.3f %14.3f..%.3f\n", "probes, unprotected thread", u,
	       ru, r_un[0], r_un[REPS - 1]);
	printf("BENCH hotpath_getppid_ns=%.2f\n", g);
	printf("BENCH hotpath_ns=%.2f\nBENCH hotpath_per_getppid=%.4f\n", p, rp);
	printf("BENCH hotpath_per_getppid_min=%.4f\nBENCH hotpath_per_getppid_max=%.4f\n",
	       r_pr[0], r_pr[REPS - 1]);
	printf("BENCH hotpath_score_ns=%.2f\nBENCH hotpath_score_per_getppid=%.4f\n", s, rs);
	printf("BENCH hotpath_total_per_getppid=%.4f\n", ra);
	printf("BENCH hotpath_unprotected_ns=%.2f\nBENCH hotpath_unprotected_per_getppid=%.4f\n",
	       u, ru);
	printf("BENCH enforce_ns=%.2f\nBENCH enforce_per_getppid=%.4f\n", e, re);
}

int main(int argc, char **argv)
{
	uint64_t monitored, scored, inl;
	unsigned char *blob;
	uint16_t *map;
	uint32_t map_len;
	size_t len;
	long left;
	int ret;

	hids_engine_init();
	ret = model(&blob, &len, &map, &map_len);
	ret = ret ?: hp_start(blob, len, map, map_len, "hammer", THRESHOLD);
	if (ret) {
		fprintf(stderr, "hotpath_bench: setup failed: %d\n", ret);
		return 1;
	}
	if (argc == 4 && !strcmp(argv[1], "--count")) {
		if (!strcmp(argv[2], "protected")) {
			run_protected(atol(argv[3]));
		} else if (!strcmp(argv[2], "enforce")) {
			hp_task(PROTECTED_PID, "hammer");
			if (hp_response(HIDS_RESPONSE_ENFORCE))
				return 1;
			hp_calls(atol(argv[3]), SYS_getppid, 1);
		} else {
			hp_task(OTHER_PID, "other");
			hp_calls(atol(argv[3]), SYS_getppid, 1);
		}
	} else {
		report();
	}
	hp_counters(&monitored, &scored, &inl);
	left = hp_stop();
	free(blob);
	free(map);
	if (scored != monitored || inl || left) {
		fprintf(stderr, "hotpath_bench: %llu calls, %llu scored, %llu inline, "
			"%ld bytes left\n", (unsigned long long)monitored, (unsigned long long)scored,
			(unsigned long long)inl, left);
		return 1;
	}
	return 0;
}
