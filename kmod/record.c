// SPDX-License-Identifier: GPL-2.0
/*
 * Record mode: events of threads in record-mode slots go to a per-CPU ring
 * of batch buffers; a worker sends full (and, every FLUSH_INTERVAL, partly
 * filled) batches to the "trace" multicast group with per-CPU sequence
 * numbers.  When every buffer of a CPU waits to be sent, new events are
 * dropped and counted, and every batch carries the count so the reader sees
 * the loss.  Never blocks the traced thread.
 */
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/hids.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "mem.h"
#include "deliver.h"
#include "netlink.h"
#include "record.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"

#define BATCH 512
#define FLUSH_INTERVAL (HZ / 10)

static unsigned int record_buffers = 8;
module_param(record_buffers, uint, 0444);
MODULE_PARM_DESC(record_buffers, "Trace batches of 512 events buffered per CPU (2..64, default 8)");

/*
 * Buffers head .. tail - 1 (mod record_buffers) wait for the sender; tail
 * is being filled, with n events.  The probe on this CPU moves tail, the
 * sender moves head; lock orders both.
 */
struct record_cpu {
	spinlock_t lock;			/* probe on this CPU vs. sender */
	struct hids_trace_event *ring;	/* record_buffers * BATCH events */
	u32 *count;			/* events in each buffer */
	u32 head, tail, n;
	u64 seq;			/* sender only */
	u64 dropped;
};

static DEFINE_PER_CPU(struct record_cpu, record_cpus);
static void flush_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(trace_flush, flush_fn);

static size_t ring_bytes(void)
{
	return (size_t)record_buffers * BATCH * sizeof(struct hids_trace_event);
}

/* Hand the filling buffer to the sender.  Caller holds rc->lock. */
static bool hand_off(struct record_cpu *rc)
{
	if (!rc->n || rc->tail - rc->head == record_buffers - 1)
		return false;
	rc->count[rc->tail % record_buffers] = rc->n;
	rc->tail++;
	rc->n = 0;
	return true;
}

void hids_record_event(const struct hids_thread *t, u8 dir, u8 abi, long nr, long ret)
{
	struct hids_trace_event *ev;
	struct record_cpu *rc;
	bool kick = false;

	rc = get_cpu_ptr(&record_cpus);
	spin_lock(&rc->lock);
	if (rc->n == BATCH) {
		kick = hand_off(rc);
		if (!kick) {
			rc->dropped++;
			spin_unlock(&rc->lock);
			put_cpu_ptr(&record_cpus);
			hids_stat_inc(record_dropped);
			return;
		}
	}
	ev = &rc->ring[(rc->tail % record_buffers) * BATCH + rc->n++];
	ev->time_ns = ktime_get_real_ns();
	ev->tid = t->tid;
	ev->pid = t->tgid;
	ev->uid = from_kuid_munged(&init_user_ns, current_uid());
	ev->nr = nr;
	ev->ret = dir == HIDS_TRACE_EXIT ? ret : 0;
	ev->dir = dir;
	ev->slot = t->slot;
	ev->abi = abi;
	memset(ev->pad, 0, sizeof(ev->pad));
	memcpy(ev->comm, current->comm, sizeof(ev->comm));
	spin_unlock(&rc->lock);
	put_cpu_ptr(&record_cpus);
	hids_stat_inc(recorded);
	if (kick)
		mod_delayed_work(system_unbound_wq, &trace_flush, 0);
}

/* 0, or -errno when the batch could not be delivered (events then lost). */
static int send_batch(int cpu, u64 seq, u64 dropped,
		      const struct hids_trace_event *ev, u32 n)
{
	struct sk_buff *skb;
	void *hdr;

	if (!hids_deliver_has_listeners(HIDS_MCGRP_TRACE_ID))
		return -ESRCH;
	skb = genlmsg_new(nla_total_size(n * sizeof(*ev)) + 128, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put(skb, 0, 0, &hids_family, 0, HIDS_CMD_TRACE);
	if (!hdr ||
	    nla_put_u32(skb, HIDS_A_TRACE_CPU, cpu) ||
	    nla_put_u64_64bit(skb, HIDS_A_TRACE_SEQ, seq, HIDS_A_PAD) ||
	    nla_put_u64_64bit(skb, HIDS_A_TRACE_DROPPED, dropped, HIDS_A_PAD) ||
	    nla_put(skb, HIDS_A_TRACE_EVENTS, n * sizeof(*ev), ev)) {
		nlmsg_free(skb);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return hids_deliver(skb, HIDS_MCGRP_TRACE_ID, GFP_KERNEL);
}

static void flush_cpu(int cpu)
{
	struct record_cpu *rc = per_cpu_ptr(&record_cpus, cpu);
	const struct hids_trace_event *batch;
	u64 dropped;
	u32 n;

	spin_lock_bh(&rc->lock);
	hand_off(rc);
	while (rc->head != rc->tail) {
		batch = &rc->ring[(rc->head % record_buffers) * BATCH];
		n = rc->count[rc->head % record_buffers];
		dropped = rc->dropped;
		spin_unlock_bh(&rc->lock);
		if (send_batch(cpu, rc->seq++, dropped, batch, n)) {
			/* Nobody received them: lost, and counted as such. */
			spin_lock_bh(&rc->lock);
			rc->dropped += n;
			spin_unlock_bh(&rc->lock);
			this_cpu_add(hids_pcpu_stats.record_dropped, n);
		}
		spin_lock_bh(&rc->lock);
		rc->head++;
	}
	spin_unlock_bh(&rc->lock);
}

static void flush_fn(struct work_struct *work)
{
	int cpu;

	for_each_possible_cpu(cpu)
		flush_cpu(cpu);
	if (hids_slots_recording())
		queue_delayed_work(system_unbound_wq, &trace_flush, FLUSH_INTERVAL);
}

void hids_record_kick(void)
{
	mod_delayed_work(system_unbound_wq, &trace_flush, 0);
}

int hids_record_init(void)
{
	struct record_cpu *rc;
	int cpu;

	if (record_buffers < 2 || record_buffers > 64) {
		pr_err("record_buffers must be 2..64\n");
		return -EINVAL;
	}
	for_each_possible_cpu(cpu) {
		rc = per_cpu_ptr(&record_cpus, cpu);
		spin_lock_init(&rc->lock);
		rc->ring = hids_kvzalloc(ring_bytes());
		rc->count = hids_kzalloc(record_buffers * sizeof(*rc->count), GFP_KERNEL);
		if (!rc->ring || !rc->count)
			goto err;
	}
	return 0;

err:
	hids_record_uninit();
	return -ENOMEM;
}

/*
 * Called after the probes are gone and the netlink ops closed: nothing adds
 * events or kicks the flush any more, and the flush stops re-arming itself.
 */
void hids_record_uninit(void)
{
	struct record_cpu *rc;
	int cpu;

	cancel_delayed_work_sync(&trace_flush);
	for_each_possible_cpu(cpu) {
		rc = per_cpu_ptr(&record_cpus, cpu);
		if (rc->ring && rc->count)
			flush_cpu(cpu);
		hids_kvfree(rc->ring, ring_bytes());
		hids_kfree(rc->count);
		rc->ring = NULL;
		rc->count = NULL;
	}
}
