// SPDX-License-Identifier: GPL-2.0
/*
 * ADFA-LD traces: one process per file, its calls as space-separated i386
 * syscall numbers (auditd on 32-bit Ubuntu 11.04).  Numbers become names
 * through the i386 table generated from the installed uapi headers, so a
 * model trained here speaks the same names as a live recording.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "syscalls_i386.h"

#define ADFA_MAX_FILE	(64u << 20)
#define NR_I386		(sizeof(syscalls_i386) / sizeof(syscalls_i386[0]))

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int adfa_push(struct recording *r, struct strtab *names, uint64_t nr,
		     const char **why)
{
	struct trace_event ev = { .ts_ns = r->nev, .dir = TRACE_ENTER };
	const char *name = syscalls_i386[nr];
	int id;

	id = strtab_intern(names, name, strlen(name));
	if (id < 0) {
		*why = "too many syscall names";
		return id;
	}
	ev.name = (uint16_t)id;
	if (recording_push(r, &ev)) {
		*why = "out of memory";
		return -ENOMEM;
	}
	return 0;
}

int adfa_parse(const char *buf, size_t len, struct recording *r, struct strtab *names,
	       unsigned long *line, const char **why)
{
	size_t i = 0, start;
	uint64_t nr;
	int ret;

	*line = 1;
	while (i < len) {
		if (is_space(buf[i])) {
			*line += buf[i++] == '\n';
			continue;
		}
		start = i;
		while (i < len && !is_space(buf[i]))
			i++;
		if (!parse_dec(buf + start, i - start, UINT32_MAX, &nr)) {
			*why = "not a syscall number";
			return -EINVAL;
		}
		if (nr >= NR_I386 || !syscalls_i386[nr]) {
			*why = "no i386 syscall has this number";
			return -EINVAL;
		}
		ret = adfa_push(r, names, nr, why);
		if (ret)
			return ret;
	}
	return 0;
}

static int read_whole(const char *path, char **buf, size_t *len, struct trace_err *err)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 0;
	char *p = NULL, *q;
	int ret = 0;

	if (!f) {
		ret = -errno;
		trace_errf(err, "%s: %s", path, strerror(errno));
		return ret;
	}
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			q = cap <= ADFA_MAX_FILE ? realloc(p, cap) : NULL;
			if (!q) {
				ret = cap <= ADFA_MAX_FILE ? -ENOMEM : -EFBIG;
				trace_errf(err, "%s: %s", path, ret == -EFBIG ?
					   "larger than 64 MiB: not an ADFA-LD trace" :
					   strerror(ENOMEM));
				goto out;
			}
			p = q;
		}
		q = p + n;
		n += fread(q, 1, cap - n, f);
		if (ferror(f)) {
			ret = -EIO;
			trace_errf(err, "%s: read error", path);
			goto out;
		}
		if (feof(f))
			break;
	}
	*buf = p;
	*len = n;
	p = NULL;
out:
	free(p);
	fclose(f);
	return ret;
}

int adfa_read(struct recording *r, struct strtab *names, struct trace_err *err)
{
	const char *why = NULL;
	unsigned long line;
	size_t len = 0;
	char *buf = NULL;
	int ret;

	ret = read_whole(r->path, &buf, &len, err);
	if (ret)
		return ret;
	ret = adfa_parse(buf, len, r, names, &line, &why);
	if (ret)
		trace_errf(err, "%s:%lu: %s (call %zu)", r->path, line, why, r->nev + 1);
	free(buf);
	return ret;
}
