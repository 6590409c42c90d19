// SPDX-License-Identifier: GPL-2.0
/* Option values for the hids-train commands (see cli.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

const char *cli_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, "%s: %s needs a value\n", prog_name, argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

int cli_int(const char *opt, const char *s, long min, long max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max) {
		fprintf(stderr, "%s: invalid %s '%s' (want an integer %ld..%ld)\n", prog_name,
			opt, s, min, max);
		return -EINVAL;
	}
	*out = (int)v;
	return 0;
}

int cli_u64(const char *opt, const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || errno || s[0] == '-') {
		fprintf(stderr, "%s: invalid %s '%s' (want an unsigned integer)\n", prog_name,
			opt, s);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int cli_double(const char *opt, const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v < min || v > max) {
		fprintf(stderr, "%s: invalid %s '%s' (want a number %g..%g)\n", prog_name, opt,
			s, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int cli_data_arg(const char *cmd, int argc, char **argv, int *i, struct cli_data *d,
		 void (*usage)(FILE *f))
{
	const char *o = argv[*i], *v;

	if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
		usage(stdout);
		exit(0);
	}
	if (o[0] != '-') {
		if (d->path) {
			fprintf(stderr, "%s: %s: one PATH only ('%s')\n", prog_name, cmd, o);
			return -EINVAL;
		}
		d->path = o;
		return 1;
	}
	if (strcmp(o, "--dataset"))
		return 0;
	v = cli_value(argc, argv, i);
	if (!v)
		return -EINVAL;
	if (dataset_kind_parse(v, &d->kind)) {
		fprintf(stderr, "%s: unknown data set '%s' (adfa-ld, adfa-ld-a, lid-ds-2019, "
			"lid-ds-2021, lid-ds-ctf, hids)\n", prog_name, v);
		return -EINVAL;
	}
	return 1;
}
