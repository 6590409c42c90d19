/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every conversation with the kernel goes through these functions: argument
 * parsing never sees netlink, and netlink never sees argv.  All return 0 or
 * -errno; ipc_perror() prints the reason with the kernel's own message.
 */
#ifndef HIDS_CTL_IPC_H
#define HIDS_CTL_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/hids.h>

struct ipc;

struct ipc_status {
	char version[32];
	uint32_t abi_version;
	uint32_t nr_cpus;
	uint8_t delivery;			/* enum hids_delivery */
	uint8_t enforce;			/* enum hids_enforce */
	uint64_t alert_seq;			/* the last alert's number */
	uint64_t stats[HIDS_STAT_MAX + 1];	/* by enum hids_stat */
};

struct ipc_selector {
	uint8_t kind;			/* enum hids_selector; UNSPEC: none */
	char comm[HIDS_COMM_LEN];
	uint32_t pid;
	char path[HIDS_CGROUP_PATH_MAX];	/* cgroup or exe */
};

struct ipc_slot {
	uint32_t slot;
	uint8_t mode;
	uint32_t threads, max_threads;	/* max_threads 0: the pool's limit */
	uint64_t untracked;		/* threads selected but left out */
	char spare[1024];		/* spared executables, comma-separated */
	struct ipc_selector sel;
	char model[64];			/* empty: no model */
	uint32_t model_crc;		/* the model file's CRC32C */
	char model_source[4096];	/* the file it was loaded from, if said */
	char name[HIDS_SLOT_NAME_LEN];	/* the operator's name, empty if none */
	uint64_t monitored, scored, dropped, alerts;	/* since load or reset */
	uint32_t thresh_window, thresh_running, window, min_calls, alert_interval;
	uint8_t response, overflow;
};

struct ipc_thread {
	uint32_t tid, pid, slot;
	char comm[HIDS_COMM_LEN];
	uint64_t calls;
	bool scored;			/* detect mode: the fields below are set */
	uint64_t steps, score_sum, drops;
	uint32_t window_score, running_score;	/* Q16.16 nats */
};

/* What SET_SLOT changes: only the fields marked present. */
struct ipc_slot_update {
	uint32_t slot;
	const char *name;		/* NULL: keep; "": clear */
	bool has_mode;
	uint8_t mode;
	bool has_sel;
	struct ipc_selector sel;
	bool has_max_threads;
	uint32_t max_threads;
	bool has_spare;			/* replaces the spare list (empty: clears it) */
	size_t nr_spare;
	const char *spare[HIDS_MAX_SPARE];
	bool has_thresh_window, has_thresh_running, has_window, has_min_calls;
	uint32_t thresh_window, thresh_running, window, min_calls;
	bool has_response, has_overflow, has_alert_interval;
	uint8_t response, overflow;
	uint32_t alert_interval;
};

/* One alert from the alerts group or the module's ring. */
struct ipc_alert {
	uint64_t seq;			/* from 1 at module load; 0: not numbered */
	uint64_t time_ns;
	uint32_t pid, tid, slot;
	uint32_t ppid, uid;
	char exe[4096];			/* empty: unknown */
	char cgroup_path[4096];		/* empty: unknown */
	char comm[HIDS_COMM_LEN];
	uint64_t cgroup;
	char model[64];
	uint8_t kind;			/* enum hids_alert_kind */
	uint32_t score, threshold;	/* Q16.16 nats */
	uint64_t steps, drops;
	uint8_t response;
	bool spared;			/* the slot kills, this process was spared */
	size_t ncalls;
	char calls[HIDS_ALERT_CALLS_MAX][32];
};

/* One batch from the trace group. */
struct ipc_trace_batch {
	uint32_t cpu;
	uint64_t seq;
	uint64_t dropped;
	const struct hids_trace_event *events;
	size_t n;
};

/* -ENOENT when the module is not loaded, -EPROTONOSUPPORT when it speaks
 * another version of the family (ipc_perror says which). */
int ipc_open(struct ipc **out);
/* As ipc_open, for status alone: it reports a module of another version. */
int ipc_open_any_version(struct ipc **out);
void ipc_close(struct ipc *ipc);

int ipc_get_status(struct ipc *ipc, struct ipc_status *st);
int ipc_reset_stats(struct ipc *ipc);
/*
 * Both test a response of enforce first (ipc_test_enforce): the kernel
 * refuses it, saying why, where the test found it cannot work.
 */
int ipc_set_slot(struct ipc *ipc, const struct ipc_slot_update *u);

/*
 * Whether the enforce response works on this kernel (*state, enum
 * hids_enforce): the module's test, run once per load by the calling
 * thread (HIDS_CMD_TEST_ENFORCE), or its answer when known.
 */
int ipc_test_enforce(struct ipc *ipc, uint8_t *state);

/* Dumps into an array the caller frees; interrupted dumps are redone. */
int ipc_get_slots(struct ipc *ipc, struct ipc_slot **slots, size_t *n);
int ipc_get_threads(struct ipc *ipc, struct ipc_thread **threads, size_t *n);

/* Syscall number -> token, one map per enum hids_call_abi. */
struct ipc_token_maps {
	uint16_t *map[HIDS_CALL_ABIS];
	size_t len[HIDS_CALL_ABIS];
};

/*
 * Send a model blob (read from source, an absolute path, or NULL) in
 * chunks to slot u->slot with its token maps; the last chunk carries u,
 * so the model and the slot's configuration change in one step.  Unless
 * replace, a slot that has a model or a mode is left alone: -EEXIST.
 */
int ipc_load_model(struct ipc *ipc, const struct ipc_slot_update *u, const void *blob,
		   size_t len, const char *source, const struct ipc_token_maps *maps,
		   bool replace);
int ipc_unload_model(struct ipc *ipc, uint32_t slot);

/*
 * What a listener does with the messages of the groups it joined; family
 * (may be NULL): the module's family went away (up false) or came back.
 */
struct ipc_listener {
	int (*trace)(const struct ipc_trace_batch *b, void *arg);
	int (*alert)(const struct ipc_alert *a, void *arg);
	int (*family)(bool up, void *arg);
	void *arg;
};

/* The alerts the module keeps with a number above since, oldest first. */
int ipc_get_alerts(struct ipc *ipc, uint64_t since, const struct ipc_listener *l);

/*
 * Hear when the module goes and comes back (the generic netlink
 * controller's notifications): l->family is called from ipc_poll().
 */
int ipc_watch_family(struct ipc *ipc);

/* After the module came back: find its family again and rejoin the groups. */
int ipc_rejoin(struct ipc *ipc);

/*
 * Listen to a group (HIDS_MCGRP_TRACE, HIDS_MCGRP_ALERTS) on a second
 * socket of ipc: join it, or where the module delivers by unicast
 * (HIDS_DELIVERY_UNICAST), register the socket with HIDS_CMD_LISTEN (an
 * error, such as EPERM, then comes from ipc_poll()).  Then ipc_poll() waits up to timeout_ms and hands every
 * message that came to the listener; -ENOBUFS means the socket overran and
 * messages were lost.
 */
int ipc_join(struct ipc *ipc, const char *group);
int ipc_poll(struct ipc *ipc, int timeout_ms, const struct ipc_listener *l);

/* The kernel's extended ACK message for the last failed request, or NULL. */
const char *ipc_extack(const struct ipc *ipc);

/* Print "hidsctl: WHAT: reason" for an ipc error, with the kernel's message. */
void ipc_perror(const struct ipc *ipc, const char *what, int err);

#endif
