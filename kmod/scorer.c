// SPDX-License-Identifier: GPL-2.0
/*
 * Scoring.  The probe maps a call to a token and appends it to the thread's
 * ring; a per-CPU worker steps the model over the rings of the threads
 * queued on its CPU.  A thread that outruns its scorer (ring full) either
 * scores its backlog itself (back-pressure, the default) or drops the call
 * (drop): the model's context restarts after the gap, the thread's means
 * do not, and the gap raises an alert of its own.  Both are counted.  The
 * model's per-CPU scratch is used only with preemption disabled (under the
 * score lock), so the worker and a back-pressured thread on the same CPU
 * never share it at once.
 *
 * Threads of a slot whose response is enforce skip the ring: each call is
 * scored in the sys_enter probe before it runs, so that a call crossing a
 * threshold can be kept from running.
 */
#include <linux/hids_model.h>
#include <linux/llist.h>
#include <linux/math64.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/workqueue.h>

#include "alert.h"
#include "mem.h"
#include "model.h"
#include "scorer.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"

/* Steps per lock hold in the worker: bounds the latency it adds. */
#define CHUNK 32

struct scorer_cpu {
	struct llist_head queue;
	struct work_struct work;
	void *scratch;
};

static DEFINE_PER_CPU(struct scorer_cpu, scorers);
static struct workqueue_struct *score_wq;

/*
 * One call: score it, update the means, alert past a threshold.  now: the
 * call has not run yet (enforce).  True: the alert's response was to
 * enforce, and the call must not run.
 */
static bool step(struct hids_thread *t, const struct hids_slot_cfg *c, u16 tok,
		 void *scratch, gfp_t gfp, bool now)
{
	struct hids_score *s = t->score;
	u32 score, w = c->window;
	u8 taken;

	score = hids_kmodel_step(t->model, s->engine, tok, scratch);
	s->recent[s->steps % HIDS_ALERT_CALLS_MAX] = tok;
	s->steps++;
	s->score_sum += score;
	s->run_sum += score;
	s->win_sum += score;
	if (s->win_fill == w)
		s->win_sum -= s->win[s->win_pos];
	else
		s->win_fill++;
	s->win[s->win_pos] = score;
	s->win_pos = s->win_pos + 1 == w ? 0 : s->win_pos + 1;
	/*
	 * Over W even while the window fills: a young thread's missing calls
	 * count 0.  Scores are never negative, so a young thread past the
	 * threshold would cross it at its W-th call anyway; judged now, a
	 * short-lived process cannot finish before it is judged, and enforce
	 * stops it at the call that gives it away.
	 */
	s->window_mean = div_u64(s->win_sum, w);
	s->running_mean = div64_u64(s->run_sum, s->steps);
	this_cpu_inc(hids_pcpu_stats.scored);
	this_cpu_inc(hids_pcpu_stats.slot_scored[t->slot]);

	if (s->alerted && time_before(jiffies, s->last_alert + c->alert_interval))
		return false;
	if (c->thresh_window && s->window_mean > c->thresh_window)
		taken = hids_alert(t, c, HIDS_ALERT_KIND_WINDOW, s->window_mean,
				   c->thresh_window, gfp, now);
	else if (c->thresh_running && s->steps >= c->min_calls &&
		 s->running_mean > c->thresh_running)
		taken = hids_alert(t, c, HIDS_ALERT_KIND_RUNNING, s->running_mean,
				   c->thresh_running, gfp, now);
	else
		return false;
	s->alerted = true;
	s->last_alert = jiffies;
	return taken == HIDS_RESPONSE_ENFORCE;
}

/* Calls taken off the ring unscored: counted for the thread and globally. */
static void discard(struct hids_score *s, u32 head)
{
	atomic64_add(head - s->tail, &s->drops);
	this_cpu_add(hids_pcpu_stats.dropped, head - s->tail);
	this_cpu_add(hids_pcpu_stats.slot_dropped[s->thread->slot], head - s->tail);
	s->tail = head;
}

/*
 * The scorer reached the first call after a gap (calls dropped, ring
 * full).  The model's context no longer holds and restarts, but the
 * window and the running mean go on: a gap must never make a thread look
 * cleaner, or bursts of cheap calls would wipe its record.  The gap itself
 * is an alert of its own kind (at most one per alert interval).
 */
static void gap(struct hids_thread *t, const struct hids_slot_cfg *c, gfp_t gfp)
{
	struct hids_score *s = t->score;

	clear_bit(HIDS_SCORE_GAP, &s->flags);
	hids_kmodel_reset(t->model, s->engine);
	if (s->gap_alerted && time_before(jiffies, s->last_gap_alert + c->alert_interval))
		return;
	hids_alert(t, c, HIDS_ALERT_KIND_GAP, s->running_mean, c->thresh_running, gfp, false);
	s->gap_alerted = true;
	s->last_gap_alert = jiffies;
}

/* Is the next call to score the first one after a gap? */
static bool at_gap(struct hids_score *s)
{
	if (!test_bit(HIDS_SCORE_GAP, &s->flags))
		return false;
	/* Pairs with the producer's barrier: gap_at was written before the bit. */
	smp_rmb();
	return s->tail == READ_ONCE(s->gap_at);
}

/*
 * Score up to max queued calls.  Caller holds s->lock (so preemption is
 * off and this CPU's scratch is ours).  Returns true if calls remain.
 */
static bool drain_locked(struct hids_thread *t, unsigned int max, gfp_t gfp)
{
	struct hids_score *s = t->score;
	const struct hids_slot_cfg *c;
	void *scratch = this_cpu_ptr(&scorers)->scratch;
	/* Pairs with the producer's release: the ring entries before head are written. */
	u32 head = smp_load_acquire(&s->head);

	rcu_read_lock();
	c = rcu_dereference(hids_slots[t->slot]);
	/* A thread whose slot changed is about to be rebound: stop scoring. */
	if (!c || c->state_gen != t->state_gen) {
		discard(s, head);
		rcu_read_unlock();
		return false;
	}
	while (s->tail != head && max--) {
		if (at_gap(s))
			gap(t, c, gfp);
		step(t, c, s->ring[s->tail % HIDS_RING], scratch, gfp, false);
		/* Pairs with the producer's acquire: the slot is free to reuse. */
		smp_store_release(&s->tail, s->tail + 1);
	}
	/* A gap after the last call queued: report it now, not on the next call. */
	if (at_gap(s))
		gap(t, c, gfp);
	rcu_read_unlock();
	return s->tail != head;
}

static void score_work(struct work_struct *work)
{
	struct scorer_cpu *sc = container_of(work, struct scorer_cpu, work);
	struct llist_node *list, *node, *next;
	struct hids_thread *t;
	bool more;

	list = llist_del_all(&sc->queue);
	llist_for_each_safe(node, next, list) {
		t = llist_entry(node, struct hids_score, qnode)->thread;
		/* Calls queued after this are seen by us or requeue the thread. */
		clear_bit(HIDS_SCORE_QUEUED, &t->score->flags);
		/* Order the clear before reading head: see hids_scorer_call(). */
		smp_mb__after_atomic();
		do {
			spin_lock(&t->score->lock);
			more = drain_locked(t, CHUNK, GFP_ATOMIC);
			spin_unlock(&t->score->lock);
			cond_resched();
		} while (more);
		hids_thread_put(t);
	}
}

static void queue_token(struct hids_thread *t, const struct hids_slot_cfg *c, u16 tok)
{
	struct hids_score *s = t->score;
	struct scorer_cpu *sc;
	u32 head = s->head;

	/* Pairs with the consumer's release of tail. */
	if (head - smp_load_acquire(&s->tail) >= HIDS_RING) {
		if (c->overflow == HIDS_OVERFLOW_DROP) {
			atomic64_inc(&s->drops);
			this_cpu_inc(hids_pcpu_stats.dropped);
			this_cpu_inc(hids_pcpu_stats.slot_dropped[t->slot]);
			/*
			 * The first gap the scorer has not reached yet marks
			 * where the context breaks; later ones before it is
			 * reached merge into it.
			 */
			if (!test_bit(HIDS_SCORE_GAP, &s->flags)) {
				WRITE_ONCE(s->gap_at, head);
				/* gap_at before the bit: pairs with at_gap(). */
				smp_mb__before_atomic();
				set_bit(HIDS_SCORE_GAP, &s->flags);
			}
			return;
		}
		/* Back-pressure: the thread pays for its own backlog. */
		spin_lock(&s->lock);
		drain_locked(t, HIDS_RING, GFP_ATOMIC);
		spin_unlock(&s->lock);
		this_cpu_inc(hids_pcpu_stats.inline_scored);
	}
	s->ring[head % HIDS_RING] = tok;
	/* Publish the entry, then head; test_and_set_bit() below is a full barrier. */
	smp_store_release(&s->head, head + 1);
	if (test_and_set_bit(HIDS_SCORE_QUEUED, &s->flags))
		return;
	/*
	 * The probe holds t only under RCU: a slot change or the thread's
	 * exit may have dropped the table's reference already.  Such a
	 * thread is gone for good, and so is the call just queued.
	 */
	if (!hids_thread_tryget(t)) {
		this_cpu_inc(hids_pcpu_stats.dropped);
		this_cpu_inc(hids_pcpu_stats.slot_dropped[t->slot]);
		return;
	}
	sc = get_cpu_ptr(&scorers);
	llist_add(&s->qnode, &sc->queue);
	queue_work_on(smp_processor_id(), score_wq, &sc->work);
	put_cpu_ptr(&scorers);
}

/* Enforce: score tok before its call runs.  True: it must not run. */
static bool score_now(struct hids_thread *t, const struct hids_slot_cfg *c, u16 tok)
{
	struct hids_score *s = t->score;
	bool block;

	spin_lock(&s->lock);
	/* Calls queued before the slot's response became enforce come first. */
	if (s->tail != s->head)
		drain_locked(t, HIDS_RING, GFP_ATOMIC);
	block = step(t, c, tok, this_cpu_ptr(&scorers)->scratch, GFP_ATOMIC, true);
	spin_unlock(&s->lock);
	return block;
}

bool hids_scorer_call(struct hids_thread *t, const struct hids_slot_cfg *c, u8 abi, long nr)
{
	u16 tok = hids_kmodel_token(t->model, abi, nr);
	/*
	 * The thread's first call through a foreign convention is an event
	 * of its own (scored as the unknown token), whatever the call is.
	 */
	bool foreign = (abi == HIDS_CALL_I386 || abi == HIDS_CALL_X32) && !t->foreign_abi;
	/* A signal return the model skips: no score, no context. */
	bool skip = tok == HIDS_TOKEN_SKIP;

	if (foreign)
		t->foreign_abi = true;
	/*
	 * ...unless no signal left it a frame: then it is forged (a
	 * sigreturn-oriented exploit) and scored as the unknown call.
	 */
	if (skip && t->sig_frames) {
		t->sig_frames--;
		hids_stat_inc(skipped);
	} else if (skip) {
		skip = false;
		tok = 0;
		hids_stat_inc(forged_sigreturns);
	}
	if (c->response == HIDS_RESPONSE_ENFORCE) {
		/* A process on its way out (killed) makes no more calls. */
		if (fatal_signal_pending(current))
			return true;
		return (foreign && score_now(t, c, 0)) || (!skip && score_now(t, c, tok)) ||
		       fatal_signal_pending(current);
	}
	if (foreign)
		queue_token(t, c, 0);
	if (!skip)
		queue_token(t, c, tok);
	return false;
}

int hids_scorer_init(void)
{
	struct scorer_cpu *sc;
	int cpu;

	score_wq = alloc_workqueue("hids_score", WQ_HIGHPRI | WQ_PERCPU, 0);
	if (!score_wq)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		sc = per_cpu_ptr(&scorers, cpu);
		init_llist_head(&sc->queue);
		INIT_WORK(&sc->work, score_work);
		sc->scratch = hids_kzalloc(hids_kmodel_max_scratch(), GFP_KERNEL);
		if (!sc->scratch)
			goto err;
	}
	return 0;

err:
	hids_scorer_uninit();
	return -ENOMEM;
}

void hids_scorer_uninit(void)
{
	struct scorer_cpu *sc;
	int cpu;

	if (score_wq) {
		/* Runs every queued work: their thread references are dropped. */
		destroy_workqueue(score_wq);
		score_wq = NULL;
	}
	for_each_possible_cpu(cpu) {
		sc = per_cpu_ptr(&scorers, cpu);
		hids_kfree(sc->scratch);
		sc->scratch = NULL;
	}
}
