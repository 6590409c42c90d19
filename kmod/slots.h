/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_SLOTS_H
#define HIDS_SLOTS_H

#include <linux/hids.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/types.h>

struct cgroup;
struct hids_kmodel;
struct netlink_ext_ack;

/*
 * A slot's configuration.  Immutable once published: a change builds a new
 * one and swaps it in under RCU, so the hot path reads it without locks.
 * gen is unique per published configuration; threads remember the
 * state_gen they were bound under and start over when it changes.
 */
struct hids_slot_cfg {
	struct rcu_head rcu;
	u64 gen;
	/*
	 * The gen of the configuration that set this selector: threads bound
	 * under an older gen with the same sel_gen stay bound (inherited
	 * bindings survive a threshold change).
	 */
	u64 sel_gen;
	/*
	 * The gen of the configuration that fixed what a bound thread's state
	 * is (selector, mode, model, window): a change of thresholds,
	 * response, overflow, alert interval or limits keeps it, so threads
	 * go on with their scores.
	 */
	u64 state_gen;
	u8 mode;			/* enum hids_mode */
	u8 sel;				/* enum hids_selector, UNSPEC: none */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	struct cgroup *cgrp;		/* reference held */
	char *cgroup_path;
	/*
	 * HIDS_SEL_EXE: an O_PATH file held for its inode.  A file, not a
	 * path: configurations are freed from RCU callbacks, where fput()
	 * is allowed and path_put() (dput may sleep) is not.
	 */
	struct file *exe;
	char *exe_path;
	/* Never killed: processes running one of these (O_PATH files too). */
	struct file *spare[HIDS_MAX_SPARE];
	char *spare_path[HIDS_MAX_SPARE];
	u8 nr_spare;
	u32 max_threads;		/* tracked at once; 0: the pool's limit */
	struct hids_kmodel *model;	/* reference held, or NULL */
	struct pid *loader;		/* the process that loaded it: never killed */
	u32 thresh_window, thresh_running;	/* Q16.16 nats, 0: off */
	u32 window, min_calls;
	u32 alert_interval;		/* jiffies */
	u32 alert_interval_ms;		/* as asked: what reports say */
	u8 response;			/* enum hids_response */
	u8 overflow;			/* enum hids_overflow */
	char name[HIDS_SLOT_NAME_LEN];	/* the operator's, "" if none */
	char *model_source;		/* where the model came from, or NULL */
};

/* A requested change: fields with has_* false keep their value. */
struct hids_slot_update {
	bool exclusive;			/* refuse a slot that has a model or a mode */
	bool has_mode;
	u8 mode;
	bool has_sel;
	u8 sel;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	const char *cgroup_path;
	const char *exe_path;
	bool has_spare;
	u8 nr_spare;
	const char *spare_path[HIDS_MAX_SPARE];
	bool has_max_threads;
	u32 max_threads;
	bool has_model;			/* model replaces (NULL: drops) the model */
	struct hids_kmodel *model;
	const char *model_source;	/* with has_model: its file, or NULL */
	bool has_name;
	char name[HIDS_SLOT_NAME_LEN];
	bool has_thresh_window, has_thresh_running, has_window, has_min_calls;
	u32 thresh_window, thresh_running, window, min_calls;
	bool has_alert_interval, has_response, has_overflow;
	u32 alert_interval_ms;
	u8 response, overflow;
};

extern struct hids_slot_cfg __rcu *hids_slots[HIDS_MAX_SLOTS];

/* Cheap check for the hot path: is any slot in a mode other than off? */
bool hids_slots_active(void);

/*
 * Cheap check for the hot path: is any slot in record mode?  (Only
 * recordings want sys_exit; it also keeps the trace flush running.)
 */
bool hids_slots_recording(void);

/*
 * The configuration of the first active slot matching t, and its index in
 * *slot; NULL when none matches.  The very configuration that matched is
 * the one to bind under: the slot may have been changed since.  Caller
 * holds RCU.
 */
const struct hids_slot_cfg *hids_slot_match(struct task_struct *t, int *slot);

int hids_slot_update(u32 slot, const struct hids_slot_update *u,
		     struct netlink_ext_ack *extack);
/* Does slot have a model or a mode other than off (u->exclusive refuses it)? */
bool hids_slot_in_use(u32 slot);
#define SLOT_IN_USE_MSG "the slot is in use (a model or a mode is set)"
void hids_slots_uninit(void);

#endif /* HIDS_SLOTS_H */
