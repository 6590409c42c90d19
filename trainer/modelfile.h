/* SPDX-License-Identifier: GPL-2.0 */
/* A .hidsm file read, validated and built into a runtime model. */
#ifndef HIDS_MODELFILE_H
#define HIDS_MODELFILE_H

#include <stddef.h>

#include "hids_engine.h"

struct model_file {
	unsigned char *blob;
	size_t len;
	struct hids_model_info info;
	struct hids_model *model;
	void *mem;
};

/* 0, or -errno after printing "PATH: reason" (the validator's words). */
int model_file_load(struct model_file *mf, const char *path);
/* The same from memory (blob is copied). */
int model_blob_load(struct model_file *mf, const void *blob, size_t len, const char *what);
void model_file_free(struct model_file *mf);

/* A whole file into *buf (malloc'd, len bytes): 0, or -errno after printing "PATH: reason". */
int model_file_read(const char *path, unsigned char **buf, size_t *len);

#endif
