// SPDX-License-Identifier: GPL-2.0
/* hids-train info: what a model file holds, checked by the shared validator. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <time.h>

#include <linux/hids_model.h>

#include "commands.h"
#include "hids_engine.h"
#include "json_writer.h"
#include "modelfile.h"

static void print_text(const struct hids_model_info *in, const struct hids_model *m)
{
	char when[32] = "?";
	time_t t = in->created;
	struct tm tm;
	u32 i;

	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("name:              %s\n", in->name);
	printf("description:       %s\n", in->description);
	printf("created:           %s\n", when);
	printf("size:              %u bytes\n", in->size);
	if (in->kind == HIDS_MODEL_KIND_NGRAM)
		printf("n-gram:            vocab %u, order %u, table 2^%u slots, probes <= %u%s%s%s\n",
		       in->vocab, in->order, in->table_bits, in->max_probe,
		       in->flags & HIDS_MODEL_FLAG_NGRAM_START ? ", start symbol" : "",
		       in->flags & HIDS_MODEL_FLAG_NGRAM_SCORES ? ", full grams' scores held" : "",
		       in->flags & HIDS_MODEL_FLAG_NGRAM_CAP ? ", scores at most ln V" : "");
	else
		printf("network:           vocab %u, embed %u, hidden %u, layers %u%s\n",
		       in->vocab, in->embed, in->hidden, in->layers,
		       in->flags & HIDS_MODEL_FLAG_SELF_NORM ?
		       ", self-normalised (one output row a call)" : "");
	printf("signal returns:    %s\n", in->flags & HIDS_MODEL_FLAG_SKIP_SIGRETURN ?
	       "not scored (neither scores nor context)" : "scored");
	printf("window:            %u calls\n", in->window);
	printf("min calls (K):     %u\n", in->min_calls);
	printf("threshold window:  %.4f nats\n", in->threshold_window / 65536.0);
	printf("threshold running: %.4f nats\n", in->threshold_running / 65536.0);
	printf("vocabulary:");
	for (i = 0; i < in->vocab; i++)
		printf(" %s", hids_model_token_name(m, i));
	printf("\n");
}

static void print_json(const struct hids_model_info *in)
{
	printf("{\"name\":");
	jw_quoted(stdout, in->name);
	printf(",\"kind\":\"%s\",\"size\":%u,\"vocab\":%u,\"embed\":%u,"
	       "\"hidden\":%u,\"layers\":%u,\"order\":%u,\"window\":%u,\"min_calls\":%u,\"threshold_window\":%.6f,"
	       "\"threshold_running\":%.6f,\"self_normalized\":%s,\"start_symbol\":%s,"
	       "\"held_scores\":%s,\"score_cap\":%s,\"skip_signal_returns\":%s,\"created\":%llu}\n",
	       in->kind == HIDS_MODEL_KIND_NGRAM ? "ngram" : "lstm", in->size, in->vocab,
	       in->embed, in->hidden, in->layers, in->order, in->window, in->min_calls,
	       in->threshold_window / 65536.0, in->threshold_running / 65536.0,
	       in->flags & HIDS_MODEL_FLAG_SELF_NORM ? "true" : "false",
	       in->flags & HIDS_MODEL_FLAG_NGRAM_START ? "true" : "false",
	       in->flags & HIDS_MODEL_FLAG_NGRAM_SCORES ? "true" : "false",
	       in->flags & HIDS_MODEL_FLAG_NGRAM_CAP ? "true" : "false",
	       in->flags & HIDS_MODEL_FLAG_SKIP_SIGRETURN ? "true" : "false",
	       (unsigned long long)in->created);
}

int cmd_info(int argc, char **argv)
{
	struct model_file mf;
	const char *path = NULL;
	bool json = false;
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("Usage: %s info [--json] MODEL.hidsm\n", prog_name);
			return 0;
		} else if (!path && argv[i][0] != '-') {
			path = argv[i];
		} else {
			fprintf(stderr, "%s: info: unexpected argument '%s'\n", prog_name, argv[i]);
			return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "Usage: %s info [--json] MODEL.hidsm\n", prog_name);
		return 2;
	}
	ret = model_file_load(&mf, path);
	if (ret)
		return 1;
	if (json)
		print_json(&mf.info);
	else
		print_text(&mf.info, mf.model);
	model_file_free(&mf);
	return 0;
}
