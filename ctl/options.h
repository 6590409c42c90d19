/* SPDX-License-Identifier: GPL-2.0 */
/* Argument parsers shared by subcommands: each prints the exact bad value. */
#ifndef HIDS_CTL_OPTIONS_H
#define HIDS_CTL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc.h"

/*
 * If opt is a selector option (--comm, --pid, --cgroup, --all), parse val
 * into sel and return 1; 0 if opt is something else; -EINVAL on a bad value
 * or a second selector.
 */
int parse_selector_opt(const char *opt, const char *val, struct ipc_selector *sel);

/* Unsigned decimal in [min, max]; -EINVAL (with a message naming what). */
int parse_u32(const char *s, const char *what, uint32_t min, uint32_t max, uint32_t *out);

/* A size in bytes, at least 1, with an optional k, M or G suffix (1024s). */
int parse_size(const char *s, uint64_t *out);

int parse_mode(const char *s, uint8_t *mode);

/* names[v] of a table indexed by an enum, or "?" beyond it. */
const char *table_name(const char *const *names, size_t n, uint8_t v);

/* enum hids_response by name (log, kill, enforce), and back. */
int parse_response(const char *s, uint8_t *response);
const char *response_name(uint8_t response);

/* enum hids_overflow by name (backpressure, drop), and back. */
int parse_overflow(const char *s, uint8_t *overflow);
const char *overflow_name(uint8_t overflow);

/* Does the slot hold anything: a model, a mode other than off, a name? */
bool slot_in_use(const struct ipc_slot *s);

/* One more --spare PATH (absolute, at most HIDS_MAX_SPARE of them). */
int parse_spare(const char *path, struct ipc_slot_update *u);
const char *mode_name(uint8_t mode);

/* "comm nginx", "pid 42", "cgroup /x", "all" or "none" into buf. */
const char *selector_str(const struct ipc_selector *sel, char *buf, size_t len);

/* Name of system call nr in the table of abi (enum hids_call_abi), or NULL. */
const char *syscall_name(uint8_t abi, int nr);

#endif
