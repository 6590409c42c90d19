/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the unit tests find the public data sets: $HIDS_DATA, else
 * ../shared/data beside the repository (tests run from its root).  The
 * data is never copied into the repository; tests skip loudly without it.
 */
#ifndef HIDS_TESTS_TESTDATA_H
#define HIDS_TESTS_TESTDATA_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static inline const char *test_data_dir(void)
{
	const char *env = getenv("HIDS_DATA");

	return env && *env ? env : "../shared/data";
}

/* DATA/SUB into @buf; true when it exists. */
static inline int test_data_path(char *buf, size_t size, const char *sub)
{
	struct stat st;

	snprintf(buf, size, "%s/%s", test_data_dir(), sub);
	return !stat(buf, &st);
}

#endif
