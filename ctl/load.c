// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl load / unload: send a model to a slot and bind the slot to the
 * selected threads.  The model is checked here first with the same
 * validator the kernel runs, and its vocabulary (syscall names) is turned
 * into a token for every system call number of this machine.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/hids_model.h>

#include "ipc.h"
#include "modelfile.h"
#include "options.h"
#include "slot_args.h"
#include "token_maps.h"
#include "subcommands.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s load MODEL.hidsm (--cgroup PATH | --exe PATH | --comm NAME | --pid PID | --all)\n"
		"           [--slot N [--replace]]\n" SLOT_ARGS_USAGE, prog_name);
}

static void unload_usage(FILE *f)
{
	fprintf(f, "Usage: %s unload --slot N\n", prog_name);
}

/* May slot take a model without --replace?  Never configured, or emptied. */
static bool slot_free(const struct ipc_slot *slots, size_t n, uint32_t slot)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (slots[i].slot == slot)
			return !slots[i].model[0] && slots[i].mode == HIDS_MODE_OFF;
	return true;
}

/*
 * Load into the slot asked for, or else into the first free one (another
 * hidsctl may take it first: EEXIST then moves on to the next).
 */
static int load_slot(struct ipc *ipc, struct slot_args *a, const struct model_file *mf,
		     const char *source, const struct ipc_token_maps *maps)
{
	struct ipc_slot *slots = NULL;
	size_t n = 0;
	uint32_t s;
	int ret;

	if (a->have_slot) {
		ret = ipc_load_model(ipc, &a->u, mf->blob, mf->len, source, maps, a->replace);
		if (ret == -EEXIST)
			fprintf(stderr, "%s: load: slot %u is in use (see hidsctl show): "
				"add --replace to replace it\n", prog_name, a->u.slot);
		else if (ret)
			ipc_perror(ipc, "load", ret);
		return ret;
	}
	ret = ipc_get_slots(ipc, &slots, &n);
	for (s = 0; !ret && s < HIDS_MAX_SLOTS; s++) {
		if (!slot_free(slots, n, s))
			continue;
		a->u.slot = s;
		ret = ipc_load_model(ipc, &a->u, mf->blob, mf->len, source, maps, false);
		if (ret != -EEXIST)
			break;
		ret = 0;
	}
	free(slots);
	if (!ret && s == HIDS_MAX_SLOTS) {
		fprintf(stderr, "%s: load: all %d slots are in use: unload one, or name one "
			"with --slot N --replace\n", prog_name, HIDS_MAX_SLOTS);
		return -EEXIST;
	}
	if (ret)
		ipc_perror(ipc, "load", ret);
	return ret;
}

int load_main(int argc, char **argv)
{
	struct slot_args a = { .u = { .has_mode = true, .mode = HIDS_MODE_DETECT } };
	struct ipc_token_maps maps = {};
	struct ipc *ipc = NULL;
	struct model_file mf;
	char *source = NULL;
	const char *skips;
	int i, ret;

	if (parse_slot_args(argc, argv, &a, true)) {
		usage(stderr);
		return 2;
	}
	if (a.help) {
		usage(stdout);
		return 0;
	}
	if (optind != argc - 1 || !a.u.has_sel || (a.replace && !a.have_slot)) {
		fprintf(stderr, "%s: load: %s\n", prog_name,
			optind != argc - 1 ? "exactly one model file" :
			!a.u.has_sel ? "a selector is required" : "--replace needs --slot N");
		usage(stderr);
		return 2;
	}
	slot_update_defaults(&a.u);
	if (!a.u.name)
		a.u.name = "";		/* no name: not the last model's */
	if (model_file_load(&mf, argv[optind]))
		return 1;
	ret = token_maps_build(mf.model, &maps) ?: ipc_open(&ipc);
	if (ret) {
		ipc_perror(ipc, "load", ret);
		goto out;
	}
	source = realpath(argv[optind], NULL);
	ret = load_slot(ipc, &a, &mf, source, &maps);
	if (ret)
		goto out;
	skips = mf.info.flags & HIDS_MODEL_FLAG_SKIP_SIGRETURN ? ", signal returns skipped" : "";
	if (mf.info.kind == HIDS_MODEL_KIND_NGRAM)
		printf("slot %u: model '%s' (vocab %u, n-gram order %u), %zu syscalls mapped%s\n",
		       a.u.slot, mf.info.name, mf.info.vocab, mf.info.order,
		       maps.len[HIDS_CALL_NATIVE], skips);
	else
		printf("slot %u: model '%s' (vocab %u, hidden %u, %u layers%s), %zu syscalls mapped%s\n",
		       a.u.slot, mf.info.name, mf.info.vocab, mf.info.hidden, mf.info.layers,
		       mf.info.flags & HIDS_MODEL_FLAG_SELF_NORM ? ", self-normalised" : "",
		       maps.len[HIDS_CALL_NATIVE], skips);
out:
	for (i = 0; i < HIDS_CALL_ABIS; i++)
		free(maps.map[i]);
	model_file_free(&mf);
	free(source);
	ipc_close(ipc);
	return ret ? 1 : 0;
}

int unload_main(int argc, char **argv)
{
	struct ipc *ipc = NULL;
	uint32_t slot;
	int ret;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		unload_usage(stdout);
		return 0;
	}
	if (argc != 3 || strcmp(argv[1], "--slot")) {
		if (argc > 1 && strcmp(argv[1], "--slot"))
			fprintf(stderr, "%s: unload: unexpected argument '%s'\n", prog_name, argv[1]);
		unload_usage(stderr);
		return 2;
	}
	if (parse_u32(argv[2], "slot", 0, HIDS_MAX_SLOTS - 1, &slot))
		return 2;
	ret = ipc_open(&ipc);
	if (!ret)
		ret = ipc_unload_model(ipc, slot);
	if (ret)
		ipc_perror(ipc, "unload", ret);
	ipc_close(ipc);
	return ret ? 1 : 0;
}
