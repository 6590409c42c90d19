/* SPDX-License-Identifier: GPL-2.0 */
/* Option values for the hids-train commands: parsed whole, range-checked, errors printed. */
#ifndef HIDS_TRAINER_CLI_H
#define HIDS_TRAINER_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "dataset.h"

/* The value of option argv[*i] (advancing *i), or NULL with an error printed. */
const char *cli_value(int argc, char **argv, int *i);

int cli_int(const char *opt, const char *s, long min, long max, int *out);
int cli_u64(const char *opt, const char *s, uint64_t *out);
/* A finite number in [min, max]. */
int cli_double(const char *opt, const char *s, double min, double max, double *out);

/* The data set argument of fit and eval: [--dataset KIND] PATH. */
struct cli_data {
	enum dataset_kind kind;	/* DATASET_HIDS unless given */
	const char *path;
};

/*
 * Take argv[*i] if it is --help (usage to stdout, exit 0), PATH or
 * --dataset KIND (advancing *i): 1 taken, 0 not ours, -EINVAL printed.
 */
int cli_data_arg(const char *cmd, int argc, char **argv, int *i, struct cli_data *d,
		 void (*usage)(FILE *f));

#endif /* HIDS_TRAINER_CLI_H */
