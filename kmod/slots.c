// SPDX-License-Identifier: GPL-2.0
/*
 * Model slots: which threads are protected, and how.  Writers serialise on
 * slots_lock and publish whole new configurations with RCU; readers (the
 * probes) only dereference.
 */
#include <linux/bitops.h>
#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/mutex.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netlink.h>

#include "enforce.h"
#include "mem.h"
#include "model.h"
#include "neg_cache.h"
#include "record.h"
#include "probes.h"
#include "slots.h"
#include "threads.h"

struct hids_slot_cfg __rcu *hids_slots[HIDS_MAX_SLOTS];

static DEFINE_MUTEX(slots_lock);
/* Bit i: slot i is on.  Written under slots_lock, read by the probes. */
static unsigned long active_mask;
static atomic_t nr_recording = ATOMIC_INIT(0);
static u64 next_gen = 1;

bool hids_slots_active(void)
{
	return READ_ONCE(active_mask) != 0;
}

bool hids_slots_recording(void)
{
	return atomic_read(&nr_recording) > 0;
}

/* Is inode t's executable?  t is current, so its mm cannot change under us. */
static bool exe_is(struct task_struct *t, const struct inode *inode)
{
	struct file *f;

	if (!t->mm)
		return false;
	f = rcu_dereference(t->mm->exe_file);
	return f && file_inode(f) == inode;
}

static bool selector_match(const struct hids_slot_cfg *c, struct task_struct *t)
{
	switch (c->sel) {
	case HIDS_SEL_ALL:
		return true;
	case HIDS_SEL_PID:
		return t->tgid == c->pid;
	case HIDS_SEL_COMM:
		return !strncmp(t->comm, c->comm, TASK_COMM_LEN);
	case HIDS_SEL_CGROUP:
		return cgroup_is_descendant(task_dfl_cgroup(t), c->cgrp);
	case HIDS_SEL_EXE:
		return exe_is(t, file_inode(c->exe));
	}
	return false;
}

const struct hids_slot_cfg *hids_slot_match(struct task_struct *t, int *slot)
{
	unsigned long mask = READ_ONCE(active_mask);
	const struct hids_slot_cfg *c;
	int i;

	/* The slots that are on, lowest first; mode covers one switching off. */
	for (; mask; mask &= mask - 1) {
		i = __ffs(mask);
		c = rcu_dereference(hids_slots[i]);
		if (c && c->mode != HIDS_MODE_OFF && selector_match(c, t)) {
			*slot = i;
			return c;
		}
	}
	return NULL;
}

static void cfg_free(struct hids_slot_cfg *c)
{
	int i;

	if (!c)
		return;
	hids_kmodel_put(c->model);
	put_pid(c->loader);
	hids_kfree(c->model_source);
	if (c->cgrp)
		cgroup_put(c->cgrp);
	hids_kfree(c->cgroup_path);
	if (c->exe)
		fput(c->exe);
	hids_kfree(c->exe_path);
	for (i = 0; i < c->nr_spare; i++) {
		if (c->spare[i])
			fput(c->spare[i]);
		hids_kfree(c->spare_path[i]);
	}
	hids_kfree(c);
}

static void cfg_free_rcu(struct rcu_head *head)
{
	cfg_free(container_of(head, struct hids_slot_cfg, rcu));
}

/* A response this kernel can give (enforce.c tests enforce). */
static int enforce_ready(u8 response, struct netlink_ext_ack *extack)
{
	if (response != HIDS_RESPONSE_ENFORCE)
		return 0;
	switch (hids_enforce_state()) {
	case HIDS_ENFORCE_AVAILABLE:
		return 0;
	case HIDS_ENFORCE_UNTESTED:
		NL_SET_ERR_MSG(extack,
			       "enforce is not tested on this kernel yet: HIDS_CMD_TEST_ENFORCE first");
		break;
	default:
		NL_SET_ERR_MSG(extack,
			       "this kernel runs a system call whose number the sys_enter probe changed (it lacks \"entry: Respect changes to system call number by trace_sys_enter()\"): enforce cannot stop a call here; use the kill response");
	}
	return -EOPNOTSUPP;
}

/* The detection half of cfg_build(): model, thresholds, response. */
static int cfg_build_detect(struct hids_slot_cfg *c, const struct hids_slot_cfg *old,
			    const struct hids_slot_update *u,
			    struct netlink_ext_ack *extack)
{
	const char *source = u->has_model ? u->model_source : old ? old->model_source : NULL;
	int ret;

	c->model = u->has_model ? u->model : old ? old->model : NULL;
	if (c->model)
		hids_kmodel_get(c->model);
	/* The load runs in the loader's context (a netlink request). */
	if (u->has_model)
		c->loader = u->model ? get_task_pid(current, PIDTYPE_TGID) : NULL;
	else if (old)
		c->loader = get_pid(old->loader);
	if (c->model && source) {
		c->model_source = hids_kstrdup(source, GFP_KERNEL);
		if (!c->model_source)
			return -ENOMEM;
	}
	if (u->has_model && u->model) {
		/* A new model brings its own defaults. */
		c->thresh_window = u->model->thresh_window;
		c->thresh_running = u->model->thresh_running;
		c->window = u->model->window;
		c->min_calls = u->model->min_calls;
	} else if (old) {
		c->thresh_window = old->thresh_window;
		c->thresh_running = old->thresh_running;
		c->window = old->window;
		c->min_calls = old->min_calls;
	}
	c->alert_interval_ms = old ? old->alert_interval_ms : 1000;
	c->response = old ? old->response : HIDS_RESPONSE_LOG;
	c->overflow = old ? old->overflow : HIDS_OVERFLOW_BACKPRESSURE;
	if (u->has_thresh_window)
		c->thresh_window = u->thresh_window;
	if (u->has_thresh_running)
		c->thresh_running = u->thresh_running;
	if (u->has_window)
		c->window = u->window;
	if (u->has_min_calls)
		c->min_calls = u->min_calls;
	if (u->has_alert_interval)
		c->alert_interval_ms = u->alert_interval_ms;
	c->alert_interval = msecs_to_jiffies(c->alert_interval_ms);
	if (u->has_response) {
		ret = enforce_ready(u->response, extack);
		if (ret)
			return ret;
		c->response = u->response;
	}
	if (u->has_overflow)
		c->overflow = u->overflow;
	/* Dropping the model of a detecting slot turns the slot off. */
	if (u->has_model && !u->model && c->mode == HIDS_MODE_DETECT && !u->has_mode)
		c->mode = HIDS_MODE_OFF;
	if (c->mode == HIDS_MODE_DETECT && !c->model) {
		NL_SET_ERR_MSG(extack, "detect mode needs a model: load one first");
		return -EINVAL;
	}
	if (c->model && (!c->window || c->window > HIDS_MAX_WINDOW || !c->min_calls)) {
		NL_SET_ERR_MSG(extack, "window must be 1..HIDS_MAX_WINDOW and min calls >= 1");
		return -EINVAL;
	}
	return 0;
}

/*
 * An executable named by path (exe selector, spare list): a regular file,
 * held as an O_PATH file for its inode, and a copy of its path.
 */
static int open_exe(const char *path, struct file **f, char **copy,
		    struct netlink_ext_ack *extack)
{
	*f = filp_open(path, O_PATH, 0);
	if (IS_ERR(*f)) {
		int ret = PTR_ERR(*f);

		*f = NULL;
		NL_SET_ERR_MSG(extack, "no such executable");
		return ret;
	}
	if (!S_ISREG(file_inode(*f)->i_mode)) {
		NL_SET_ERR_MSG(extack, "the executable is not a regular file");
		return -EINVAL;
	}
	*copy = hids_kstrdup(path, GFP_KERNEL);
	return *copy ? 0 : -ENOMEM;
}

/* Another reference to an executable an older configuration holds. */
static int keep_exe(struct file *of, const char *opath, struct file **f, char **copy)
{
	*f = get_file(of);
	*copy = hids_kstrdup(opath, GFP_KERNEL);
	return *copy ? 0 : -ENOMEM;
}

static int spare_build(struct hids_slot_cfg *c, const struct hids_slot_cfg *old,
		       const struct hids_slot_update *u, struct netlink_ext_ack *extack)
{
	int i, ret = 0;

	if (!u->has_spare && !old)
		return 0;
	c->nr_spare = u->has_spare ? u->nr_spare : old->nr_spare;
	for (i = 0; i < c->nr_spare && !ret; i++)
		ret = u->has_spare ?
		      open_exe(u->spare_path[i], &c->spare[i], &c->spare_path[i], extack) :
		      keep_exe(old->spare[i], old->spare_path[i], &c->spare[i], &c->spare_path[i]);
	return ret;
}

/* Copy old (or defaults) into a new configuration, then apply u. */
static struct hids_slot_cfg *cfg_build(const struct hids_slot_cfg *old,
				       const struct hids_slot_update *u,
				       struct netlink_ext_ack *extack)
{
	struct hids_slot_cfg *c;
	int ret = -ENOMEM;

	c = hids_kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return ERR_PTR(-ENOMEM);
	c->mode = u->has_mode ? u->mode : old ? old->mode : HIDS_MODE_OFF;
	c->sel = u->has_sel ? u->sel : old ? old->sel : HIDS_SEL_UNSPEC;
	c->max_threads = u->has_max_threads ? u->max_threads : old ? old->max_threads : 0;
	if (u->has_name)
		strscpy(c->name, u->name, sizeof(c->name));
	else if (old)
		strscpy(c->name, old->name, sizeof(c->name));
	if (!u->has_sel && old) {
		c->pid = old->pid;
		memcpy(c->comm, old->comm, sizeof(c->comm));
		if (old->cgrp) {
			cgroup_get(old->cgrp);
			c->cgrp = old->cgrp;
			c->cgroup_path = hids_kstrdup(old->cgroup_path, GFP_KERNEL);
			if (!c->cgroup_path)
				goto err;
		}
		if (old->exe) {
			ret = keep_exe(old->exe, old->exe_path, &c->exe, &c->exe_path);
			if (ret)
				goto err;
		}
	} else if (u->has_sel) {
		c->pid = u->pid;
		memcpy(c->comm, u->comm, sizeof(c->comm));
		if (u->sel == HIDS_SEL_CGROUP) {
			c->cgrp = cgroup_get_from_path(u->cgroup_path);
			if (IS_ERR(c->cgrp)) {
				ret = PTR_ERR(c->cgrp);
				c->cgrp = NULL;
				NL_SET_ERR_MSG(extack, "no such cgroup v2 path");
				goto err;
			}
			c->cgroup_path = hids_kstrdup(u->cgroup_path, GFP_KERNEL);
			if (!c->cgroup_path)
				goto err;
		}
		if (u->sel == HIDS_SEL_EXE) {
			ret = open_exe(u->exe_path, &c->exe, &c->exe_path, extack);
			if (ret)
				goto err;
		}
	}
	ret = spare_build(c, old, u, extack) ?: cfg_build_detect(c, old, u, extack);
	if (ret)
		goto err;
	if (c->mode != HIDS_MODE_OFF && c->sel == HIDS_SEL_UNSPEC) {
		NL_SET_ERR_MSG(extack, "an active slot needs a selector");
		ret = -EINVAL;
		goto err;
	}
	return c;

err:
	cfg_free(c);
	return ERR_PTR(ret);
}

/* Do c and old (or NULL) select the same threads? */
static bool same_selector(const struct hids_slot_cfg *c, const struct hids_slot_cfg *old)
{
	if (!old || c->sel != old->sel)
		return false;
	switch (c->sel) {
	case HIDS_SEL_PID:
		return c->pid == old->pid;
	case HIDS_SEL_COMM:
		return !strncmp(c->comm, old->comm, TASK_COMM_LEN);
	case HIDS_SEL_CGROUP:
		return c->cgrp == old->cgrp;
	case HIDS_SEL_EXE:
		return file_inode(c->exe) == file_inode(old->exe);
	}
	return true;
}

static bool in_use(const struct hids_slot_cfg *c)
{
	return c && (c->model || c->mode != HIDS_MODE_OFF);
}

bool hids_slot_in_use(u32 slot)
{
	bool ret;

	mutex_lock(&slots_lock);
	ret = in_use(rcu_dereference_protected(hids_slots[slot], lockdep_is_held(&slots_lock)));
	mutex_unlock(&slots_lock);
	return ret;
}

int hids_slot_update(u32 slot, const struct hids_slot_update *u,
		     struct netlink_ext_ack *extack)
{
	struct hids_slot_cfg *old, *c;
	bool was_recording;

	BUILD_BUG_ON(HIDS_MAX_SLOTS > BITS_PER_LONG);
	mutex_lock(&slots_lock);
	old = rcu_dereference_protected(hids_slots[slot], lockdep_is_held(&slots_lock));
	if (u->exclusive && in_use(old)) {
		mutex_unlock(&slots_lock);
		NL_SET_ERR_MSG(extack, SLOT_IN_USE_MSG);
		return -EEXIST;
	}
	c = cfg_build(old, u, extack);
	if (IS_ERR(c)) {
		mutex_unlock(&slots_lock);
		return PTR_ERR(c);
	}
	/* A slot on needs the per-call probes; attaching can fail: nothing changes. */
	if (c->mode != HIDS_MODE_OFF) {
		int ret = hids_probes_attach(true);

		if (ret) {
			mutex_unlock(&slots_lock);
			cfg_free(c);
			NL_SET_ERR_MSG(extack, "cannot attach to the system call tracepoints");
			return ret;
		}
	}
	c->gen = next_gen++;
	/* Bound threads stay bound while the selector stays (or is set again). */
	if ((u->has_sel && !same_selector(c, old)) || c->mode == HIDS_MODE_OFF || !old ||
	    old->mode == HIDS_MODE_OFF)
		c->sel_gen = c->gen;
	else
		c->sel_gen = old->sel_gen;
	if (c->sel_gen == c->gen || c->mode != old->mode || c->model != old->model ||
	    c->window != old->window)
		c->state_gen = c->gen;
	else
		c->state_gen = old->state_gen;
	was_recording = old && old->mode == HIDS_MODE_RECORD;
	if (c->mode != HIDS_MODE_OFF)
		WRITE_ONCE(active_mask, active_mask | BIT(slot));
	else
		WRITE_ONCE(active_mask, active_mask & ~BIT(slot));
	if (c->mode == HIDS_MODE_RECORD && !was_recording)
		atomic_inc(&nr_recording);
	else if (c->mode != HIDS_MODE_RECORD && was_recording)
		atomic_dec(&nr_recording);
	rcu_assign_pointer(hids_slots[slot], c);
	/* Who matches may have changed: no thread is known unprotected any more. */
	hids_neg_invalidate();
	/* The last slot off: no system call of the machine pays for hids. */
	if (!active_mask)
		hids_probes_attach(false);
	mutex_unlock(&slots_lock);
	if (old)
		call_rcu(&old->rcu, cfg_free_rcu);
	/*
	 * Bound threads start over when their state changes: released now if
	 * the selector changed, else rebound on their next call.
	 */
	if (c->sel_gen == c->gen)
		hids_threads_purge_slot(slot);
	/* Start the trace flush, or send what a stopped recording left. */
	if (c->mode == HIDS_MODE_RECORD || was_recording)
		hids_record_kick();
	return 0;
}

/* Called after the probes are gone: nobody reads the slots any more. */
void hids_slots_uninit(void)
{
	int i;

	for (i = 0; i < HIDS_MAX_SLOTS; i++) {
		cfg_free(rcu_dereference_protected(hids_slots[i], true));
		RCU_INIT_POINTER(hids_slots[i], NULL);
	}
	WRITE_ONCE(active_mask, 0);
	atomic_set(&nr_recording, 0);
	/* Wait for the call_rcu() frees of replaced configurations. */
	rcu_barrier();
}
