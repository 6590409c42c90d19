// SPDX-License-Identifier: GPL-2.0
/*
 * Tracked threads: a fixed hash table keyed by tid with RCU lookups, filled
 * from the syscall path with GFP_NOWAIT allocations bounded by max_threads
 * and the slot's own limit.  A full pool never blocks or fails a system
 * call; the thread it leaves out is handled as untracked.c says.
 */
#include <linux/cgroup.h>
#include <linux/hash.h>
#include <linux/hids.h>
#include <linux/module.h>
#include <linux/pid_namespace.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>

#include "mem.h"
#include "model.h"
#include "neg_cache.h"
#include "netlink.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"
#include "untracked.h"

#define THREAD_HASH_BITS 10

static unsigned int max_threads = 4096;
module_param(max_threads, uint, 0444);
MODULE_PARM_DESC(max_threads, "Most threads tracked at once (default 4096)");

static struct hlist_head buckets[1 << THREAD_HASH_BITS];
static spinlock_t bucket_locks[1 << THREAD_HASH_BITS];
static atomic_t nr_threads = ATOMIC_INIT(0);
static atomic_t nr_in_slot[HIDS_MAX_SLOTS];
/* Changes whenever a thread comes or goes, so dumps can see interruption. */
static atomic_t threads_gen = ATOMIC_INIT(1);

static u32 bucket_of(pid_t tid)
{
	return hash_32((u32)tid, THREAD_HASH_BITS);
}

static struct hids_thread *lookup(pid_t tid)
{
	struct hids_thread *t;

	hlist_for_each_entry_rcu(t, &buckets[bucket_of(tid)], node) {
		if (t->tid == tid)
			return t;
	}
	return NULL;
}

static void thread_free_rcu(struct rcu_head *head)
{
	struct hids_thread *t = container_of(head, struct hids_thread, rcu);

	put_pid(t->pid);
	put_pid(t->tgid_pid);
	hids_kmodel_put(t->model);
	hids_kfree(t);
}

bool hids_thread_tryget(struct hids_thread *t)
{
	return refcount_inc_not_zero(&t->ref);
}

/* The last reference frees after a grace period: RCU readers may hold t. */
void hids_thread_put(struct hids_thread *t)
{
	if (refcount_dec_and_test(&t->ref))
		call_rcu(&t->rcu, thread_free_rcu);
}

static void unlink(struct hids_thread *t)
{
	u32 b = bucket_of(t->tid);

	if (test_and_set_bit(0, &t->dead))
		return;
	spin_lock(&bucket_locks[b]);
	hlist_del_rcu(&t->node);
	spin_unlock(&bucket_locks[b]);
	atomic_dec(&nr_in_slot[t->slot]);
	atomic_dec(&nr_threads);
	atomic_inc(&threads_gen);
	hids_thread_put(t);
}

/*
 * Take one of LIMIT places (0: no limit) in a count, or none.  An attempt
 * over the limit never shows in the count, so that the counts that status
 * and show report never exceed their limits, even for a moment while a
 * thread that cannot be tracked retries on each of its calls.
 */
static bool take_place(atomic_t *count, unsigned int limit)
{
	int n = atomic_read(count);

	do {
		if (limit && n >= limit)
			return false;
	} while (!atomic_try_cmpxchg(count, &n, n + 1));
	return true;
}

/* One allocation: the thread, and in detect mode its score, window, engine state. */
static size_t thread_size(const struct hids_slot_cfg *c, size_t *win_off, size_t *eng_off)
{
	size_t size = sizeof(struct hids_thread);

	if (c->mode != HIDS_MODE_DETECT)
		return size;
	size = ALIGN(size, 8) + sizeof(struct hids_score);
	*win_off = ALIGN(size, 8);
	size = *win_off + c->window * sizeof(u32);
	*eng_off = ALIGN(size, 64);
	return *eng_off + c->model->state_size;
}

static void score_init(struct hids_thread *t, const struct hids_slot_cfg *c,
		       size_t win_off, size_t eng_off)
{
	struct hids_score *s = (void *)ALIGN((unsigned long)(t + 1), 8);

	spin_lock_init(&s->lock);
	s->thread = t;
	atomic64_set(&s->drops, 0);
	s->win = (void *)t + win_off;
	s->engine = (void *)t + eng_off;
	hids_kmodel_get(c->model);
	t->model = c->model;
	hids_kmodel_reset(t->model, s->engine);
	t->score = s;
}

static struct hids_thread *create(struct task_struct *task, int slot,
				  const struct hids_slot_cfg *c)
{
	size_t win_off = 0, eng_off = 0, size = thread_size(c, &win_off, &eng_off);
	struct hids_thread *t;
	u32 b;

	/* The slot's place first: a slot at its limit never touches the pool's count. */
	if (!take_place(&nr_in_slot[slot], c->max_threads))
		goto untracked;
	if (!take_place(&nr_threads, max_threads))
		goto pool_full;
	t = hids_kzalloc(size, GFP_NOWAIT | __GFP_NOWARN);
	if (!t)
		goto no_memory;
	refcount_set(&t->ref, 1);
	t->tid = task->pid;
	t->tgid = task->tgid;
	t->pid = get_task_pid(task, PIDTYPE_PID);
	t->tgid_pid = get_task_pid(task, PIDTYPE_TGID);
	t->exec_id = READ_ONCE(task->self_exec_id);
	t->cgroup_id = cgroup_id(task_dfl_cgroup(task));
	t->slot = slot;
	t->state_gen = c->state_gen;
	t->sel_gen = c->sel_gen;
	get_task_comm(t->comm, task);
	if (c->mode == HIDS_MODE_DETECT)
		score_init(t, c, win_off, eng_off);
	atomic_inc(&threads_gen);
	b = bucket_of(t->tid);
	spin_lock(&bucket_locks[b]);
	hlist_add_head_rcu(&t->node, &buckets[b]);
	spin_unlock(&bucket_locks[b]);
	return t;

no_memory:
	atomic_dec(&nr_threads);
pool_full:
	atomic_dec(&nr_in_slot[slot]);
untracked:
	hids_untracked(task, slot, c);
	return NULL;
}

/*
 * The configuration t is bound under: its own, or a newer one of its slot
 * with the same selector (t is then bound afresh under it).  NULL: the
 * slot went off or changed its selector.  Caller holds RCU.
 */
static const struct hids_slot_cfg *binding(const struct hids_thread *t)
{
	const struct hids_slot_cfg *c;

	if (test_bit(0, &t->dead))
		return NULL;
	c = rcu_dereference(hids_slots[t->slot]);
	if (!c || c->mode == HIDS_MODE_OFF || c->sel_gen != t->sel_gen)
		return NULL;
	return c;
}

struct hids_thread *hids_thread_current(const struct hids_slot_cfg **cfg)
{
	const struct hids_slot_cfg *c;
	struct hids_thread *t, *old;
	struct hids_neg_key key;
	int slot;

	/* Most threads of a machine are nobody's: known as such, they cost little. */
	if (hids_neg_known(&key))
		return NULL;
	t = lookup(current->pid);
	if (t && !test_bit(0, &t->dead)) {
		c = binding(t);
		if (c && c->state_gen == t->state_gen)
			goto found;
		/* The slot changed under the thread: bind it afresh. */
		slot = t->slot;
		unlink(t);
		if (c) {
			old = t;
			t = create(current, slot, c);
			if (t)	/* old stays valid until rcu_read_unlock() */
				t->sig_frames = old->sig_frames;
			goto found;
		}
	}
	c = hids_slot_match(current, &slot);
	if (!c) {
		hids_neg_remember(&key);
		return NULL;
	}
	t = create(current, slot, c);
found:
	*cfg = c;
	return t;
}

void hids_thread_forget(pid_t tid)
{
	struct hids_thread *t;

	rcu_read_lock();
	t = lookup(tid);
	if (t)
		unlink(t);
	rcu_read_unlock();
}

void hids_thread_fork(struct task_struct *parent, struct task_struct *child)
{
	const struct hids_slot_cfg *c;
	struct hids_thread *t, *n;

	rcu_read_lock();
	t = lookup(parent->pid);
	c = t ? binding(t) : NULL;
	if (c && !lookup(child->pid)) {
		n = create(child, t->slot, c);
		/* The child has not run yet: nobody else writes n. */
		if (n && thread_group_leader(child))
			n->sig_frames = t->sig_frames;
	}
	rcu_read_unlock();
}

/*
 * Under the thread's siglock with interrupts off: a lookup only.  A thread
 * bound later (its first call after a slot matched it) misses frames
 * delivered before: its return from them counts as forged, once.
 */
void hids_thread_signal_frame(void)
{
	struct hids_thread *t;

	rcu_read_lock();
	t = lookup(current->pid);
	if (t && t->sig_frames < U32_MAX)
		t->sig_frames++;
	rcu_read_unlock();
}

void hids_thread_exec(struct task_struct *p, pid_t old_pid)
{
	const struct hids_slot_cfg *c;
	struct hids_thread *t;
	int slot = 0;

	rcu_read_lock();
	t = lookup(old_pid);
	c = t ? binding(t) : NULL;
	if (c)
		slot = t->slot;
	if (t)
		unlink(t);
	if (old_pid != p->pid) {
		t = lookup(p->pid);
		if (t)
			unlink(t);
	}
	if (c)
		create(p, slot, c);
	rcu_read_unlock();
}

void hids_threads_purge_slot(int slot)
{
	struct hids_thread *t;
	int i;

	rcu_read_lock();
	for (i = 0; i < ARRAY_SIZE(buckets); i++) {
		hlist_for_each_entry_rcu(t, &buckets[i], node) {
			if (t->slot == slot)
				unlink(t);
		}
	}
	rcu_read_unlock();
}

u32 hids_threads_count(void)
{
	return atomic_read(&nr_threads);
}

u32 hids_threads_in_slot(int slot)
{
	return atomic_read(&nr_in_slot[slot]);
}

static int put_score(struct sk_buff *skb, struct hids_score *s)
{
	u64 steps, sum;
	u32 wmean, rmean;

	spin_lock(&s->lock);
	steps = s->steps;
	sum = s->score_sum;
	wmean = s->window_mean;
	rmean = s->running_mean;
	spin_unlock(&s->lock);
	return nla_put_u64_64bit(skb, HIDS_THREAD_STEPS, steps, HIDS_THREAD_PAD) ||
	       nla_put_u64_64bit(skb, HIDS_THREAD_SCORE_SUM, sum, HIDS_THREAD_PAD) ||
	       nla_put_u32(skb, HIDS_THREAD_WINDOW_SCORE, wmean) ||
	       nla_put_u32(skb, HIDS_THREAD_RUNNING_SCORE, rmean) ||
	       nla_put_u64_64bit(skb, HIDS_THREAD_DROPS, atomic64_read(&s->drops),
				 HIDS_THREAD_PAD);
}

/*
 * Ids as the reader's pid namespace numbers them; a thread it cannot see
 * is left out, as /proc would.  Caller holds RCU.
 */
static int put_thread(struct sk_buff *skb, struct netlink_callback *cb,
		      const struct hids_thread *t)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	pid_t tid = pid_nr_ns(t->pid, ns), tgid = pid_nr_ns(t->tgid_pid, ns);
	struct nlattr *nest;
	void *hdr;

	if (!tid || !tgid)
		return 0;
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &hids_family, NLM_F_MULTI, HIDS_CMD_GET_THREAD);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	nest = nla_nest_start(skb, HIDS_A_THREAD);
	if (!nest ||
	    nla_put_u32(skb, HIDS_THREAD_TID, tid) ||
	    nla_put_u32(skb, HIDS_THREAD_PID, tgid) ||
	    nla_put_string(skb, HIDS_THREAD_COMM, t->comm) ||
	    nla_put_u32(skb, HIDS_THREAD_SLOT, t->slot) ||
	    nla_put_u64_64bit(skb, HIDS_THREAD_CALLS, READ_ONCE(t->calls),
			      HIDS_THREAD_PAD) ||
	    (t->score && put_score(skb, t->score))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

/* cb->args[0]: bucket to resume at; cb->args[1]: entries of it already sent. */
int hids_threads_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long b = cb->args[0], skip = cb->args[1], i;
	struct hids_thread *t;

	cb->seq = atomic_read(&threads_gen);
	rcu_read_lock();
	for (; b < ARRAY_SIZE(buckets); b++, skip = 0) {
		i = 0;
		hlist_for_each_entry_rcu(t, &buckets[b], node) {
			if (i++ < skip)
				continue;
			if (put_thread(skb, cb, t)) {
				cb->args[0] = b;
				cb->args[1] = i - 1;
				goto out;
			}
		}
	}
	cb->args[0] = b;
	cb->args[1] = 0;
out:
	rcu_read_unlock();
	return skb->len;
}

int hids_threads_init(void)
{
	int i;

	if (!max_threads) {
		pr_err("max_threads must be at least 1\n");
		return -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(buckets); i++) {
		INIT_HLIST_HEAD(&buckets[i]);
		spin_lock_init(&bucket_locks[i]);
	}
	return 0;
}

/* Called after the probes are gone: no thread touches the table any more. */
void hids_threads_uninit(void)
{
	struct hids_thread *t;
	struct hlist_node *n;
	int i;

	for (i = 0; i < ARRAY_SIZE(buckets); i++) {
		hlist_for_each_entry_safe(t, n, &buckets[i], node)
			unlink(t);
	}
	rcu_barrier();
}
