// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl apply [FILE]: make the module's slots match hids.conf, as
 * `wg syncconf` does for an interface.  Each section gets the slot it
 * names, else the slot that carries its name, else a free one.  A slot
 * whose model file changed is reloaded with its whole configuration in
 * one step (the last chunk carries it); one whose options changed is set
 * in one step, its threads keeping their scores where the kernel can; a
 * slot with a model or a name that the file does not name is emptied.  Nothing changes
 * when nothing differs, and --dry-run only says what would.  --json says it
 * as one object a line: each change, then the outcome.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hids_engine.h"
#include "json_writer.h"
#include "modelfile.h"
#include "options.h"
#include "subcommands.h"
#include "token_maps.h"

struct plan {
	bool dry_run, json;
	int changes, failures;
	struct ipc *ipc;
	struct ipc_slot cur[HIDS_MAX_SLOTS];	/* by slot number */
};

/* Slot numbers for every section: named, then by name, then free. */
static void assign(const struct config *c, const struct plan *p, int *slot_of)
{
	bool taken[HIDS_MAX_SLOTS] = {};
	int i, s;

	for (i = 0; i < c->n; i++) {
		slot_of[i] = c->slot[i].a.have_slot ? (int)c->slot[i].a.u.slot : -1;
		if (slot_of[i] >= 0)
			taken[slot_of[i]] = true;
	}
	for (i = 0; i < c->n; i++)
		for (s = 0; s < HIDS_MAX_SLOTS && slot_of[i] < 0; s++)
			if (!taken[s] && !strcmp(p->cur[s].name, c->slot[i].name))
				taken[slot_of[i] = s] = true;
	for (i = 0; i < c->n; i++) {
		for (s = 0; s < HIDS_MAX_SLOTS && slot_of[i] < 0; s++)
			if (!taken[s] && !slot_in_use(&p->cur[s]))
				taken[slot_of[i] = s] = true;
		/* No free slot: take one the file does not keep. */
		for (s = 0; s < HIDS_MAX_SLOTS && slot_of[i] < 0; s++)
			if (!taken[s])
				taken[slot_of[i] = s] = true;
	}
}

/* The update that sets every option the section implies, defaults too. */
static void desired(const struct slot_conf *sc, const struct model_file *mf, int slot,
		    struct ipc_slot_update *u)
{
	*u = sc->a.u;
	u->slot = slot;
	u->name = sc->name;
	slot_update_defaults(u);
	if (!mf)
		return;
	if (!u->has_thresh_window)
		u->thresh_window = mf->info.threshold_window;
	if (!u->has_thresh_running)
		u->thresh_running = mf->info.threshold_running;
	if (!u->has_window)
		u->window = mf->info.window;
	if (!u->has_min_calls)
		u->min_calls = mf->info.min_calls;
	u->has_thresh_window = u->has_thresh_running = u->has_window = u->has_min_calls = true;
}

static bool same_selector(const struct ipc_selector *a, const struct ipc_selector *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case HIDS_SEL_COMM:
		return !strcmp(a->comm, b->comm);
	case HIDS_SEL_PID:
		return a->pid == b->pid;
	case HIDS_SEL_CGROUP:
	case HIDS_SEL_EXE:
		return !strcmp(a->path, b->path);
	}
	return true;
}

static void spare_list(const struct ipc_slot_update *u, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < u->nr_spare && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s", i ? "," : "", u->spare[i]);
}

/* What differs between slot s and u, as "threshold, window" (empty: nothing). */
static void differences(const struct ipc_slot *s, const struct ipc_slot_update *u, bool model,
			char *buf, size_t len)
{
	char spare[sizeof(s->spare)];
	size_t n = 0;

#define DIFF(cond, what) \
	do { if ((cond) && n < len) n += snprintf(buf + n, len - n, "%s%s", n ? ", " : "", what); } while (0)
	buf[0] = '\0';
	spare_list(u, spare, sizeof(spare));
	DIFF(strcmp(s->name, u->name), "name");
	DIFF(s->mode != u->mode, "mode");
	DIFF(!same_selector(&s->sel, &u->sel), "selector");
	DIFF(s->max_threads != u->max_threads, "max-threads");
	DIFF(strcmp(s->spare, spare), "spare");
	if (model) {
		DIFF(s->thresh_window != u->thresh_window, "threshold");
		DIFF(s->thresh_running != u->thresh_running, "running-threshold");
		DIFF(s->window != u->window, "window");
		DIFF(s->min_calls != u->min_calls, "min-calls");
		DIFF(s->response != u->response, "response");
		DIFF(s->overflow != u->overflow, "overflow");
		DIFF(s->alert_interval != u->alert_interval, "alert-interval");
	}
#undef DIFF
}

static void say(struct plan *p, int slot, const char *name, const char *what, const char *detail)
{
	p->changes++;
	if (!p->json) {
		printf("%sslot %d [%s]: %s%s%s\n", p->dry_run ? "would: " : "", slot, name, what,
		       *detail ? ": " : "", detail);
		return;
	}
	printf("{\"slot\":%d,\"name\":", slot);
	jw_quoted(stdout, name);
	printf(",\"action\":");
	jw_quoted(stdout, what);
	printf(",\"detail\":");
	jw_quoted(stdout, detail);
	printf(",\"dry_run\":%s}\n", p->dry_run ? "true" : "false");
}

/* The last line: what apply (or --check) came to. */
static void outcome(const struct plan *p, const struct config *conf, bool check_only,
		    bool ok)
{
	if (!p->json) {
		if (check_only && ok)
			printf("%s: apply: %s: %d slots, every model valid\n", prog_name,
			       conf->path, conf->n);
		else if (ok && !p->changes)
			printf("%s: apply: the slots match %s already\n", prog_name, conf->path);
		return;
	}
	printf("{\"config\":");
	jw_quoted(stdout, conf->path);
	printf(",\"sections\":%d,\"check\":%s,\"dry_run\":%s,\"changes\":%d,"
	       "\"failures\":%d,\"ok\":%s}\n", conf->n, check_only ? "true" : "false",
	       p->dry_run ? "true" : "false", p->changes, p->failures, ok ? "true" : "false");
}

/* mf: the section's model, loaded and checked already, or NULL. */
static void apply_section(struct plan *p, const struct slot_conf *sc, int slot,
			  const struct model_file *mf)
{
	const struct ipc_slot *cur = &p->cur[slot];
	struct ipc_token_maps maps = {};
	struct ipc_slot_update u;
	char diff[256];
	uint32_t crc = 0;
	int i, ret = 0;

	/* The file's CRC32C, its last 4 bytes: what the kernel reports back. */
	if (mf)
		crc = hids_le32(mf->blob + mf->len - 4);
	desired(sc, mf, slot, &u);
	if (mf && (!cur->model[0] || cur->model_crc != crc || strcmp(cur->model_source, sc->model))) {
		say(p, slot, sc->name, "load", sc->model);
		if (!p->dry_run) {
			ret = token_maps_build(mf->model, &maps) ?:
			      ipc_load_model(p->ipc, &u, mf->blob, mf->len, sc->model, &maps, true);
			if (ret)
				ipc_perror(p->ipc, "apply: load", ret);
		}
		goto out;
	}
	if (!mf && cur->model[0]) {
		say(p, slot, sc->name, "unload the model", "the section has none");
		if (!p->dry_run)
			ret = ipc_unload_model(p->ipc, slot);
		if (ret)
			goto fail;
	}
	differences(cur, &u, mf, diff, sizeof(diff));
	if (!*diff)
		goto out;
	say(p, slot, sc->name, "set", diff);
	if (!p->dry_run)
		ret = ipc_set_slot(p->ipc, &u);
fail:
	if (ret)
		ipc_perror(p->ipc, "apply: set", ret);
out:
	p->failures += !!ret;
	for (i = 0; i < HIDS_CALL_ABIS; i++)
		free(maps.map[i]);
}

/* A slot the file does not keep: model dropped, mode off, name cleared. */
static void empty_slot(struct plan *p, int slot)
{
	struct ipc_slot_update u = { .slot = slot, .name = "", .has_mode = true,
				     .mode = HIDS_MODE_OFF };
	int ret = 0;

	say(p, slot, p->cur[slot].name[0] ? p->cur[slot].name : "-", "empty",
	    "not in the configuration");
	if (p->dry_run)
		return;
	if (p->cur[slot].model[0])
		ret = ipc_unload_model(p->ipc, slot);
	ret = ret ?: ipc_set_slot(p->ipc, &u);
	if (ret) {
		ipc_perror(p->ipc, "apply: emptying a slot", ret);
		p->failures++;
	}
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s apply [--dry-run | --check] [--json] [FILE]   (default "
		HIDS_CONFIG_DEFAULT ")\n", prog_name);
}

int apply_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "check", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct model_file mf[HIDS_MAX_SLOTS] = {};
	bool have_mf[HIDS_MAX_SLOTS] = {};
	struct plan p = {};
	bool check_only = false;
	struct ipc_slot *slots = NULL;
	int slot_of[HIDS_MAX_SLOTS], c, i, ret;
	bool kept[HIDS_MAX_SLOTS] = {};
	struct config conf;
	size_t n = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n') {
			p.dry_run = true;
		} else if (c == 'c') {
			check_only = true;
		} else if (c == 'j') {
			p.json = true;
		} else if (c == 'h') {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "%s: apply: one configuration file at most\n", prog_name);
		usage(stderr);
		return 2;
	}
	if (config_read(optind < argc ? argv[optind] : HIDS_CONFIG_DEFAULT, &conf))
		return 1;
	/* Every model is read and checked before anything changes. */
	ret = 0;
	for (i = 0; i < conf.n && !ret; i++) {
		if (!conf.slot[i].model)
			continue;
		ret = model_file_load(&mf[i], conf.slot[i].model);
		have_mf[i] = !ret;
	}
	if (ret || check_only)
		goto out;
	for (i = 0; i < HIDS_MAX_SLOTS; i++)
		p.cur[i].slot = i;
	ret = ipc_open(&p.ipc);
	if (!ret)
		ret = ipc_get_slots(p.ipc, &slots, &n);
	if (ret) {
		ipc_perror(p.ipc, "apply", ret);
		goto out;
	}
	for (i = 0; i < (int)n; i++)
		if (slots[i].slot < HIDS_MAX_SLOTS)
			p.cur[slots[i].slot] = slots[i];
	assign(&conf, &p, slot_of);
	for (i = 0; i < conf.n; i++)
		kept[slot_of[i]] = true;
	/* Not an unnamed recording: that is a hidsctl record at work. */
	for (i = 0; i < HIDS_MAX_SLOTS; i++)
		if (!kept[i] && (p.cur[i].model[0] || p.cur[i].name[0]))
			empty_slot(&p, i);
	for (i = 0; i < conf.n; i++)
		apply_section(&p, &conf.slot[i], slot_of[i], have_mf[i] ? &mf[i] : NULL);
out:
	outcome(&p, &conf, check_only, !ret && !p.failures);
	for (i = 0; i < HIDS_MAX_SLOTS; i++)
		if (have_mf[i])
			model_file_free(&mf[i]);
	free(slots);
	config_free(&conf);
	ipc_close(p.ipc);
	return ret || p.failures ? 1 : 0;
}
