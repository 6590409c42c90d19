// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modelfile.h"

int model_blob_load(struct model_file *mf, const void *blob, size_t len, const char *what)
{
	const char *why = NULL;
	int ret;

	memset(mf, 0, sizeof(*mf));
	hids_engine_init();
	ret = hids_model_validate(blob, len, &mf->info, &why);
	if (ret) {
		fprintf(stderr, "%s: invalid model: %s\n", what, why);
		return ret;
	}
	mf->blob = malloc(len);
	mf->mem = aligned_alloc(64, (hids_model_runtime_size(&mf->info) + 63) & ~(size_t)63);
	if (!mf->blob || !mf->mem) {
		model_file_free(mf);
		fprintf(stderr, "%s: out of memory\n", what);
		return -ENOMEM;
	}
	memcpy(mf->blob, blob, len);
	mf->len = len;
	mf->model = hids_model_build(mf->mem, mf->blob, &mf->info);
	return 0;
}

int model_file_read(const char *path, unsigned char **buf, size_t *len)
{
	long size;
	FILE *f;
	int ret;

	f = fopen(path, "rb");
	if (!f) {
		ret = -errno;
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return ret;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		fprintf(stderr, "%s: cannot size the file\n", path);
		return -EIO;
	}
	*buf = malloc(size ? size : 1);
	if (!*buf || fread(*buf, 1, size, f) != (size_t)size) {
		free(*buf);
		fclose(f);
		fprintf(stderr, "%s: read error\n", path);
		return -EIO;
	}
	fclose(f);
	*len = size;
	return 0;
}

int model_file_load(struct model_file *mf, const char *path)
{
	unsigned char *buf;
	size_t len;
	int ret;

	ret = model_file_read(path, &buf, &len);
	if (ret)
		return ret;
	ret = model_blob_load(mf, buf, len, path);
	free(buf);
	return ret;
}

void model_file_free(struct model_file *mf)
{
	free(mf->blob);
	free(mf->mem);
	memset(mf, 0, sizeof(*mf));
}
