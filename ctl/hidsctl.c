// SPDX-License-Identifier: GPL-2.0
/*
 * hidsctl: control the hids kernel module.  Only dispatches; each
 * subcommand parses its own arguments.  Exit status: 0 success, 1 the
 * operation failed, 2 bad usage.
 */
#include <stdio.h>
#include <string.h>

#include "subcommands.h"

const char *prog_name;

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *description;
} subcommands[] = {
	{ "status", status_main, "Show module version and counters" },
	{ "reset-counters", reset_counters_main, "Zero the module's counters" },
	{ "load", load_main, "Load a model into a slot and protect the selected threads" },
	{ "unload", unload_main, "Drop a slot's model" },
	{ "set", set_main, "Change a slot's mode or selector" },
	{ "show", show_main, "List the slots" },
	{ "threads", threads_main, "List the threads being tracked" },
	{ "record", record_main, "Record threads' system calls to a .sc file" },
	{ "monitor", monitor_main, "Print alerts as they come (--json: Falco layout)" },
	{ "apply", apply_main, "Make the slots match /etc/hids/hids.conf" },
};

static void show_usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: %s <cmd> [<args>]\n\nAvailable subcommands:\n", prog_name);
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  %-15s %s\n", subcommands[i].name, subcommands[i].description);
	fprintf(f, "\nRun '%s <cmd> --help' for a subcommand's options, '%s --version' for\n"
		"the release (hidsctl status: the module's).\n", prog_name, prog_name);
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
		printf("hidsctl %s\n", HIDS_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "%s: '%s' is not a subcommand\n\n", prog_name, argv[1]);
	show_usage(stderr);
	return 2;
}
