/* SPDX-License-Identifier: GPL-2.0 */
/* Option values for the hids-train commands: parsed whole, range-checked, errors printed. */
#ifndef HIDS_TRAINER_CLI_H
#define HIDS_TRAINER_CLI_H

#include <stdint.h>

/* The value of option argv[*i] (advancing *i), or NULL with an error printed. */
const char *cli_value(int argc, char **argv, int *i);

int cli_int(const char *opt, const char *s, long min, long max, int *out);
int cli_u64(const char *opt, const char *s, uint64_t *out);
/* A finite number in [min, max]. */
int cli_double(const char *opt, const char *s, double min, double max, double *out);

#endif /* HIDS_TRAINER_CLI_H */
