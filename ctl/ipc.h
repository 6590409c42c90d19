/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every conversation with the kernel goes through these functions: argument
 * parsing never sees netlink, and netlink never sees argv.
 */
#ifndef HIDS_CTL_IPC_H
#define HIDS_CTL_IPC_H

#include <stdint.h>

struct ipc;

struct ipc_status {
	char version[32];
	uint32_t abi_version;
	uint32_t nr_cpus;
	uint64_t seen;
};

/* 0 or -errno; -ENOENT when the module is not loaded. */
int ipc_open(struct ipc **out);
void ipc_close(struct ipc *ipc);

int ipc_get_status(struct ipc *ipc, struct ipc_status *st);
int ipc_reset_stats(struct ipc *ipc);

/* The kernel's extended ACK message for the last failed request, or NULL. */
const char *ipc_extack(const struct ipc *ipc);

/* Print "hidsctl: WHAT: reason" for an ipc error, with the kernel's message. */
void ipc_perror(const struct ipc *ipc, const char *what, int err);

#endif
