/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --dataset KIND PATH -> training, validation and test recordings with
 * labels and exploit times, split as the LID-DS framework splits them:
 *
 *   adfa-ld      (split B) train = Training_Data_Master + the first 500
 *                of Validation_Data_Master by name; validation = the next
 *                200; test = the rest of Validation + every
 *                Attack_Data_Master trace (attack from its first call).
 *   adfa-ld-a    split A: the same with the first 2000 of Validation in
 *                training (2833 traces), the next 200 validating, and
 *                the other 2172 and the attacks testing.
 *   lid-ds-2019  runs.csv order: the first 200 normal runs train, the next
 *                50 validate, the other normal runs and all exploit runs test.
 *   lid-ds-2021  training/, validation/, test/{normal,normal_and_attack}/
 *                NAME.zip, by name; label and exploit time from NAME.json.
 *   lid-ds-ctf   the same layout, NAME.json + NAME/kernel per recording.
 *   hids         hidsctl record files (.sc): one file, or a directory of
 *                them (all train), or the lid-ds-2021 layout with NAME.sc
 *                files and an optional NAME.json beside each.
 *
 * Opening lists the recordings (and reads the small json files); events
 * are read later, one recording at a time (recording_load).  The string
 * table interns the syscall names of every recording loaded.
 */
#ifndef HIDS_DATASET_H
#define HIDS_DATASET_H

#include <stddef.h>

#include "trace.h"

enum dataset_kind {
	DATASET_ADFA_LD,
	DATASET_LIDDS_2019,
	DATASET_LIDDS_2021,
	DATASET_LIDDS_CTF,
	DATASET_HIDS,
	DATASET_ADFA_LD_A,
	DATASET__N,
};

enum split {
	SPLIT_TRAIN,
	SPLIT_VAL,
	SPLIT_TEST,
	SPLIT__N,
};

struct dataset {
	enum dataset_kind kind;
	struct strtab names;
	struct recording *rec[SPLIT__N];
	size_t n[SPLIT__N];
	size_t cap[SPLIT__N];
};

/* "adfa-ld" ... "hids" -> kind; -EINVAL for another name. */
int dataset_kind_parse(const char *name, enum dataset_kind *kind);
const char *dataset_kind_name(enum dataset_kind kind);
const char *split_name(enum split split);

int dataset_open(struct dataset *ds, enum dataset_kind kind, const char *path,
		 struct trace_err *err);
void dataset_close(struct dataset *ds);

#endif
