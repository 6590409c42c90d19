// SPDX-License-Identifier: GPL-2.0
/* Option values for the hids-train commands (see cli.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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
