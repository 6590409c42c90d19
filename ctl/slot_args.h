/* SPDX-License-Identifier: GPL-2.0 */
/* The options of a slot's configuration, one parser for load and set. */
#ifndef HIDS_CTL_SLOT_ARGS_H
#define HIDS_CTL_SLOT_ARGS_H

#include <stdbool.h>

#include "ipc.h"

/* What both subcommands accept, for their usage text. */
#define SLOT_ARGS_USAGE \
	"           [--mode off|record|detect] [--threshold NATS]\n" \
	"           [--running-threshold NATS] [--window W] [--min-calls K]\n" \
	"           [--response log|kill|enforce]\n" \
	"           [--overflow backpressure|drop]\n" \
	"           [--alert-interval MS] [--max-threads N] [--spare PATH]...\n" \
	"           [--name NAME]\n"

struct slot_args {
	struct ipc_slot_update u;
	bool have_slot;		/* --slot N given */
	bool replace;		/* --replace (load only) */
	bool help;		/* --help: usage printed to stdout */
};

/*
 * Parse argv from argv[1] into a (zeroed by the caller, or preset); with
 * load set, --replace is accepted too.  Leaves optind at the first
 * non-option.  Returns 0, or -EINVAL after a message naming the bad option
 * or value.
 */
int parse_slot_args(int argc, char **argv, struct slot_args *a, bool load);

/*
 * A load states the slot's whole configuration: response, overflow, alert
 * interval, thread limit and spare list not named take their defaults,
 * never what the slot's last model had (an unloaded slot keeps its
 * settings).  The name, thresholds, window and K are the caller's.
 */
void slot_update_defaults(struct ipc_slot_update *u);

/* Is name one of the options above; does it take a value? */
bool slot_option(const char *name, bool *has_value);

/* A slot name: 1..63 of [A-Za-z0-9_.-]; -EINVAL after a message. */
int check_slot_name(const char *name);

#endif
