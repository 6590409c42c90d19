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
	uint64_t stats[HIDS_STAT_MAX + 1];	/* by enum hids_stat */
};

struct ipc_selector {
	uint8_t kind;			/* enum hids_selector; UNSPEC: none */
	char comm[HIDS_COMM_LEN];
	uint32_t pid;
	char cgroup[HIDS_CGROUP_PATH_MAX];
};

struct ipc_slot {
	uint32_t slot;
	uint8_t mode;
	uint32_t threads;
	struct ipc_selector sel;
};

struct ipc_thread {
	uint32_t tid, pid, slot;
	char comm[HIDS_COMM_LEN];
	uint64_t calls;
};

/* What SET_SLOT changes: only the fields marked present. */
struct ipc_slot_update {
	uint32_t slot;
	bool has_mode;
	uint8_t mode;
	bool has_sel;
	struct ipc_selector sel;
};

/* One batch from the trace group. */
struct ipc_trace_batch {
	uint32_t cpu;
	uint64_t seq;
	uint64_t dropped;
	const struct hids_trace_event *events;
	size_t n;
};

/* -ENOENT when the module is not loaded. */
int ipc_open(struct ipc **out);
void ipc_close(struct ipc *ipc);

int ipc_get_status(struct ipc *ipc, struct ipc_status *st);
int ipc_reset_stats(struct ipc *ipc);
int ipc_set_slot(struct ipc *ipc, const struct ipc_slot_update *u);

/* Dumps into an array the caller frees; interrupted dumps are redone. */
int ipc_get_slots(struct ipc *ipc, struct ipc_slot **slots, size_t *n);
int ipc_get_threads(struct ipc *ipc, struct ipc_thread **threads, size_t *n);

/*
 * Join the trace multicast group on a second socket of ipc.  Then
 * ipc_trace_poll() waits up to timeout_ms and hands every batch that came
 * to fn; -ENOBUFS means the socket overran and batches were lost.
 */
int ipc_trace_join(struct ipc *ipc);
int ipc_trace_poll(struct ipc *ipc, int timeout_ms,
		   int (*fn)(const struct ipc_trace_batch *b, void *arg), void *arg);

/* The kernel's extended ACK message for the last failed request, or NULL. */
const char *ipc_extack(const struct ipc *ipc);

/* Print "hidsctl: WHAT: reason" for an ipc error, with the kernel's message. */
void ipc_perror(const struct ipc *ipc, const char *what, int err);

#endif
