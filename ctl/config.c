// SPDX-License-Identifier: GPL-2.0
/*
 * hids.conf: one [slot NAME] section per protected service; its lines are
 * "model = PATH" and the options of hidsctl load written as "key = value"
 * (or a bare "key" for an option without a value, such as "all").  The
 * options go through the very parser the command line does, so the file
 * and the command accept the same things and say the same errors.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "options.h"
#include "subcommands.h"

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int bad(const struct config *c, int line, const char *what, const char *arg)
{
	fprintf(stderr, "%s: %s:%d: %s%s%s%s\n", prog_name, c->path, line, what,
		arg ? " '" : "", arg ?: "", arg ? "'" : "");
	return -EINVAL;
}

/* "[slot NAME]": a new section. */
static int section(struct config *c, char *s, int line)
{
	struct slot_conf *sc;
	char *name, *end = strchr(s, ']');
	int i;

	if (!end || end[1] || strncmp(s, "[slot ", 6))
		return bad(c, line, "expected [slot NAME], got", s);
	*end = '\0';
	name = trim(s + 6);
	if (check_slot_name(name))
		return bad(c, line, "bad section name", name);
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->slot[i].name, name))
			return bad(c, line, "a second section named", name);
	if (c->n == HIDS_MAX_SLOTS)
		return bad(c, line, "more sections than the module has slots (8)", NULL);
	sc = &c->slot[c->n++];
	memset(sc, 0, sizeof(*sc));
	snprintf(sc->name, sizeof(sc->name), "%s", name);
	sc->line = line;
	return 0;
}

/* "key = value" or "key" in the current section. */
static int option(struct config *c, char *s, int line)
{
	struct slot_conf *sc = &c->slot[c->n - 1];
	char opt[64], *key = s, *val = NULL, *eq = strchr(s, '=');
	char *argv[4] = { "hids.conf", opt, NULL, NULL };
	bool has_value;

	if (eq) {
		*eq = '\0';
		val = trim(eq + 1);
	}
	key = trim(key);
	if (!strcmp(key, "model")) {
		if (!val || val[0] != '/')
			return bad(c, line, "model needs an absolute path", NULL);
		sc->model = val;
		return 0;
	}
	if (!slot_option(key, &has_value))
		return bad(c, line, "unknown key", key);
	if (has_value != !!val || (val && !*val))
		return bad(c, line, has_value ? "a value is needed for" : "no value is taken by",
			   key);
	if (!strcmp(key, "name"))
		return bad(c, line, "the section names the slot:", key);
	snprintf(opt, sizeof(opt), "--%s", key);
	argv[2] = val;
	opterr = 0;
	if (parse_slot_args(val ? 3 : 2, argv, &sc->a, false))
		return bad(c, line, "bad value for", key);
	return 0;
}

static int check(struct config *c)
{
	struct slot_conf *sc;
	int i, j;

	for (i = 0; i < c->n; i++) {
		sc = &c->slot[i];
		if (!sc->a.u.has_sel)
			return bad(c, sc->line, "no selector (cgroup, exe, comm, pid or all) in",
				   sc->name);
		if (!sc->a.u.has_mode) {
			sc->a.u.has_mode = true;
			sc->a.u.mode = sc->model ? HIDS_MODE_DETECT : HIDS_MODE_RECORD;
		}
		if (sc->a.u.mode == HIDS_MODE_DETECT && !sc->model)
			return bad(c, sc->line, "detect mode needs model = PATH in", sc->name);
		for (j = 0; j < i; j++)
			if (sc->a.have_slot && c->slot[j].a.have_slot &&
			    sc->a.u.slot == c->slot[j].a.u.slot)
				return bad(c, sc->line, "the slot number is taken already by",
					   c->slot[j].name);
		sc->a.u.name = sc->name;
	}
	return 0;
}

int config_read(const char *path, struct config *c)
{
	char *line, *next, *hash;
	FILE *f;
	long size;
	int n = 0, ret = 0;

	memset(c, 0, sizeof(*c));
	c->path = path;
	f = fopen(path, "r");
	if (!f) {
		ret = -errno;
		fprintf(stderr, "%s: %s: %s\n", prog_name, path, strerror(errno));
		return ret;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(c->text = calloc(1, size + 1)) || fread(c->text, 1, size, f) != (size_t)size) {
		fprintf(stderr, "%s: %s: cannot read it\n", prog_name, path);
		fclose(f);
		config_free(c);
		return -EIO;
	}
	fclose(f);
	if (strlen(c->text) != (size_t)size)
		ret = bad(c, 1, "a NUL byte in the file", NULL);
	for (line = c->text; !ret && line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		n++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		line = trim(line);
		if (!*line)
			continue;
		if (*line == '[')
			ret = section(c, line, n);
		else if (!c->n)
			ret = bad(c, n, "an option before the first [slot NAME]:", line);
		else
			ret = option(c, line, n);
	}
	ret = ret ?: check(c);
	if (ret)
		config_free(c);
	return ret;
}

void config_free(struct config *c)
{
	free(c->text);
	c->text = NULL;
	c->n = 0;
}

static void print_selector(FILE *f, const struct ipc_selector *sel)
{
	switch (sel->kind) {
	case HIDS_SEL_COMM:
		fprintf(f, "comm = %s\n", sel->comm);
		break;
	case HIDS_SEL_PID:
		fprintf(f, "pid = %u\n", sel->pid);
		break;
	case HIDS_SEL_CGROUP:
		fprintf(f, "cgroup = %s\n", sel->path);
		break;
	case HIDS_SEL_EXE:
		fprintf(f, "exe = %s\n", sel->path);
		break;
	case HIDS_SEL_ALL:
		fprintf(f, "all\n");
		break;
	}
}

void config_print(FILE *f, const struct ipc_slot *slots, size_t n)
{
	const struct ipc_slot *s;
	const char *p, *comma;
	size_t i;

	fprintf(f, "# The running slots, as hids.conf(5) writes them.\n");
	for (i = 0; i < n; i++) {
		s = &slots[i];
		if (!slot_in_use(s))
			continue;
		if (s->name[0])
			fprintf(f, "\n[slot %s]\nslot = %u\n", s->name, s->slot);
		else
			fprintf(f, "\n[slot slot-%u]\nslot = %u\n", s->slot, s->slot);
		if (s->model_source[0])
			fprintf(f, "model = %s\n", s->model_source);
		else if (s->model[0])
			fprintf(f, "# model '%s' was loaded without a file name\n", s->model);
		print_selector(f, &s->sel);
		fprintf(f, "mode = %s\n", mode_name(s->mode));
		if (s->model[0])
			fprintf(f, "threshold = %.6f\nrunning-threshold = %.6f\nwindow = %u\n"
				"min-calls = %u\nresponse = %s\noverflow = %s\nalert-interval = %u\n",
				s->thresh_window / 65536.0, s->thresh_running / 65536.0, s->window,
				s->min_calls, response_name(s->response),
				overflow_name(s->overflow), s->alert_interval);
		if (s->max_threads)
			fprintf(f, "max-threads = %u\n", s->max_threads);
		for (p = s->spare; *p; p = comma ? comma + 1 : p + strlen(p)) {
			comma = strchr(p, ',');
			fprintf(f, "spare = %.*s\n", comma ? (int)(comma - p) : (int)strlen(p), p);
		}
	}
}
