// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "subcommands.h"
#include "syscalls_i386.h"
#include "syscalls_io_uring.h"
#include "syscalls_x32.h"
#include "syscalls_x86_64.h"

int parse_u32(const char *s, const char *what, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || errno || s[0] == '-' || v < min || v > max) {
		fprintf(stderr, "%s: invalid %s '%s' (want %u..%u)\n", prog_name, what, s, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int parse_size(const char *s, uint64_t *out)
{
	unsigned long long v;
	char *end;
	int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end == 'k' || *end == 'K')
		shift = 10;
	else if (*end == 'M')
		shift = 20;
	else if (*end == 'G')
		shift = 30;
	if (shift)
		end++;
	if (!*s || *end || errno || s[0] == '-' || !v || v > (~0ULL >> shift) >> 1) {
		fprintf(stderr, "%s: invalid size '%s' (bytes, with k, M or G: 10M)\n", prog_name, s);
		return -EINVAL;
	}
	*out = v << shift;
	return 0;
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* *v: the index of s in names[0..n); -EINVAL (saying what it wants) if absent. */
static int parse_name(const char *s, const char *what, const char *want,
		      const char *const *names, uint8_t n, uint8_t *v)
{
	uint8_t i;

	for (i = 0; i < n; i++) {
		if (!strcmp(s, names[i])) {
			*v = i;
			return 0;
		}
	}
	fprintf(stderr, "%s: invalid %s '%s' (want %s)\n", prog_name, what, s, want);
	return -EINVAL;
}

const char *table_name(const char *const *names, size_t n, uint8_t v)
{
	return v < n && names[v] ? names[v] : "?";
}

static const char *const responses[] = {
	[HIDS_RESPONSE_LOG] = "log",
	[HIDS_RESPONSE_KILL] = "kill",
	[HIDS_RESPONSE_ENFORCE] = "enforce",
};

int parse_response(const char *s, uint8_t *response)
{
	return parse_name(s, "response", "log, kill or enforce", responses, ARRAY_SIZE(responses),
			  response);
}

const char *response_name(uint8_t response)
{
	return table_name(responses, ARRAY_SIZE(responses), response);
}

static const char *const overflows[] = {
	[HIDS_OVERFLOW_BACKPRESSURE] = "backpressure",
	[HIDS_OVERFLOW_DROP] = "drop",
};

int parse_overflow(const char *s, uint8_t *overflow)
{
	return parse_name(s, "overflow", "backpressure or drop", overflows, ARRAY_SIZE(overflows),
			  overflow);
}

const char *overflow_name(uint8_t overflow)
{
	return table_name(overflows, ARRAY_SIZE(overflows), overflow);
}

static const char *const modes[] = {
	[HIDS_MODE_OFF] = "off",
	[HIDS_MODE_RECORD] = "record",
	[HIDS_MODE_DETECT] = "detect",
};

int parse_mode(const char *s, uint8_t *mode)
{
	return parse_name(s, "mode", "off, record or detect", modes, ARRAY_SIZE(modes), mode);
}

int parse_spare(const char *path, struct ipc_slot_update *u)
{
	if (path[0] != '/' || strlen(path) >= HIDS_CGROUP_PATH_MAX) {
		fprintf(stderr, "%s: invalid --spare '%s' (an absolute path)\n", prog_name, path);
		return -EINVAL;
	}
	if (u->nr_spare == HIDS_MAX_SPARE) {
		fprintf(stderr, "%s: at most %d --spare executables\n", prog_name, HIDS_MAX_SPARE);
		return -EINVAL;
	}
	u->has_spare = true;
	u->spare[u->nr_spare++] = path;
	return 0;
}

bool slot_in_use(const struct ipc_slot *s)
{
	return s->model[0] || s->mode != HIDS_MODE_OFF || s->name[0];
}

const char *mode_name(uint8_t mode)
{
	return table_name(modes, ARRAY_SIZE(modes), mode);
}

int parse_selector_opt(const char *opt, const char *val, struct ipc_selector *sel)
{
	uint8_t kind;

	if (!strcmp(opt, "--comm"))
		kind = HIDS_SEL_COMM;
	else if (!strcmp(opt, "--pid"))
		kind = HIDS_SEL_PID;
	else if (!strcmp(opt, "--cgroup"))
		kind = HIDS_SEL_CGROUP;
	else if (!strcmp(opt, "--exe"))
		kind = HIDS_SEL_EXE;
	else if (!strcmp(opt, "--all"))
		kind = HIDS_SEL_ALL;
	else
		return 0;
	if (sel->kind != HIDS_SEL_UNSPEC) {
		fprintf(stderr, "%s: %s: only one of --cgroup, --exe, --comm, --pid, --all\n",
			prog_name, opt);
		return -EINVAL;
	}
	sel->kind = kind;
	switch (kind) {
	case HIDS_SEL_COMM:
		if (!*val || strlen(val) >= sizeof(sel->comm)) {
			fprintf(stderr, "%s: invalid comm '%s' (1..%zu bytes)\n", prog_name, val,
				sizeof(sel->comm) - 1);
			return -EINVAL;
		}
		strcpy(sel->comm, val);
		break;
	case HIDS_SEL_PID:
		return parse_u32(val, "pid", 1, INT32_MAX, &sel->pid) ?: 1;
	case HIDS_SEL_CGROUP:
		if (val[0] != '/' || strlen(val) >= sizeof(sel->path)) {
			fprintf(stderr, "%s: invalid cgroup path '%s' (absolute, below the cgroup2 root)\n",
				prog_name, val);
			return -EINVAL;
		}
		strcpy(sel->path, val);
		break;
	case HIDS_SEL_EXE:
		if (val[0] != '/' || strlen(val) >= sizeof(sel->path)) {
			fprintf(stderr, "%s: invalid executable '%s' (an absolute path)\n", prog_name,
				val);
			return -EINVAL;
		}
		strcpy(sel->path, val);
		break;
	}
	return 1;
}

const char *selector_str(const struct ipc_selector *sel, char *buf, size_t len)
{
	switch (sel->kind) {
	case HIDS_SEL_COMM:
		snprintf(buf, len, "comm %s", sel->comm);
		break;
	case HIDS_SEL_PID:
		snprintf(buf, len, "pid %u", sel->pid);
		break;
	case HIDS_SEL_CGROUP:
		snprintf(buf, len, "cgroup %s", sel->path);
		break;
	case HIDS_SEL_EXE:
		snprintf(buf, len, "exe %s", sel->path);
		break;
	case HIDS_SEL_ALL:
		snprintf(buf, len, "all");
		break;
	default:
		snprintf(buf, len, "none");
	}
	return buf;
}

#define TABLE(t) { t, sizeof(t) / sizeof(t[0]) }

const char *syscall_name(uint8_t abi, int nr)
{
	static const struct {
		const char *const *names;
		size_t n;
	} tables[HIDS_CALL_ABIS] = {
		[HIDS_CALL_NATIVE] = TABLE(syscalls_x86_64),
		[HIDS_CALL_I386] = TABLE(syscalls_i386),
		[HIDS_CALL_X32] = TABLE(syscalls_x32),
		[HIDS_CALL_IO_URING] = TABLE(syscalls_io_uring),
	};

	if (abi >= HIDS_CALL_ABIS || nr < 0 || (size_t)nr >= tables[abi].n)
		return NULL;
	return tables[abi].names[nr];
}
