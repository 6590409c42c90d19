// SPDX-License-Identifier: GPL-2.0
/*
 * hids-train: build and evaluate hids models.  Only dispatches to the
 * subcommand table; each command parses its own arguments.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

const char *prog_name;

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *description;
} commands[] = {
	{ "fit", cmd_fit, "Train, quantize and pick thresholds: a .hidsm from normal behaviour" },
	{ "eval", cmd_eval, "Score a data set's test split with a model: ROC, LID-DS metrics, report" },
	{ "info", cmd_info, "Print a model file's header, sizes and metadata" },
	{ "replay", cmd_replay, "Score recordings as the kernel would and list the alerts it would raise" },
};

static void show_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: %s <command> [<args>]\n\nAvailable commands:\n", prog_name);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].description);
	fprintf(f, "\nRun '%s <command> --help' for a command's options.\n", prog_name);
}

int main(int argc, char *argv[])
{
	size_t i;

	prog_name = argv[0];
	if (argc < 2) {
		show_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		show_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("hids-train %s\n", HIDS_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "%s: '%s' is not a command\n\n", prog_name, argv[1]);
	show_usage(stderr);
	return 2;
}
