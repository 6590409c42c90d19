// SPDX-License-Identifier: GPL-2.0
/* The float model file beside a .hidsm (see checkpoint.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "hids_engine.h"
#include "modelfile.h"

static const char magic[8] = "HIDSFLT1";

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static int put(struct buf *b, const void *v, size_t n)
{
	void *p;

	if (b->len + n > b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 4096;

		while (cap < b->len + n)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p)
			return -ENOMEM;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, v, n);
	b->len += n;
	return 0;
}

static int put32(struct buf *b, uint32_t v)
{
	return put(b, &v, sizeof(v));
}

int checkpoint_write(const char *path, const struct fmodel *m, const double *offsets,
		     const struct checkpoint_train *t)
{
	struct buf b = { 0 };
	FILE *f;
	int ret;

	hids_engine_init();	/* the CRC table */
	ret = put(&b, magic, sizeof(magic));
	ret = ret ?: put32(&b, m->vocab);
	ret = ret ?: put32(&b, m->embed);
	ret = ret ?: put32(&b, m->hidden);
	ret = ret ?: put32(&b, m->layers);
	ret = ret ?: put32(&b, (offsets ? CHECKPOINT_OFFSETS : 0) |
			       (m->self_norm > 0 ? CHECKPOINT_SELF_NORM : 0));
	ret = ret ?: put(&b, &t->tokens_per_s, sizeof(double));
	ret = ret ?: put(&b, &t->seconds, sizeof(double));
	ret = ret ?: put32(&b, t->epochs);
	ret = ret ?: put32(&b, t->best_epoch);
	if (m->self_norm > 0)
		ret = ret ?: put(&b, &m->self_norm, sizeof(float));
	ret = ret ?: put(&b, m->params, m->nparams * sizeof(float));
	if (offsets)
		ret = ret ?: put(&b, offsets, m->vocab * sizeof(double));
	ret = ret ?: put32(&b, hids_crc32c(0, b.p, b.len));
	if (ret) {
		fprintf(stderr, "%s: out of memory\n", path);
		goto out;
	}
	f = fopen(path, "wb");
	if (!f || fwrite(b.p, 1, b.len, f) != b.len || fclose(f)) {
		ret = -errno ?: -EIO;
		fprintf(stderr, "%s: %s\n", path, strerror(-ret));
		if (f)
			fclose(f);
		remove(path);
	}
out:
	free(b.p);
	return ret;
}

int checkpoint_read(const char *path, struct fmodel *m, double **offsets,
		    struct checkpoint_train *t)
{
	uint32_t h[5], crc, ep[2];
	unsigned char *p = NULL;
	size_t len = 0, need, sn;
	const char *why = NULL;
	int ret;

	*offsets = NULL;
	memset(m, 0, sizeof(*m));
	hids_engine_init();
	ret = model_file_read(path, &p, &len);
	if (ret)
		return ret;
	need = sizeof(magic) + sizeof(h) + 2 * sizeof(double) + sizeof(ep) + 4;
	if (len < need || memcmp(p, magic, sizeof(magic))) {
		why = len < need ? "truncated" : "not a hids float model";
		ret = -EPROTO;
		goto out;
	}
	memcpy(&crc, p + len - 4, 4);
	if (crc != hids_crc32c(0, p, len - 4)) {
		why = "checksum mismatch";
		ret = -EBADMSG;
		goto out;
	}
	memcpy(h, p + sizeof(magic), sizeof(h));
	if ((h[4] & ~(CHECKPOINT_OFFSETS | CHECKPOINT_SELF_NORM)) ||
	    fmodel_alloc(m, h[0], h[1], h[2], h[3])) {
		why = "bad sizes or flags";
		ret = -EINVAL;
		goto out;
	}
	sn = h[4] & CHECKPOINT_SELF_NORM ? sizeof(float) : 0;
	need += sn + m->nparams * sizeof(float) +
		(h[4] & CHECKPOINT_OFFSETS ? m->vocab * sizeof(double) : 0);
	if (len != need) {
		why = "size does not match its header";
		ret = -EMSGSIZE;
		goto out;
	}
	need = sizeof(magic) + sizeof(h);
	memcpy(&t->tokens_per_s, p + need, sizeof(double));
	memcpy(&t->seconds, p + need + sizeof(double), sizeof(double));
	need += 2 * sizeof(double);
	memcpy(ep, p + need, sizeof(ep));
	t->epochs = ep[0];
	t->best_epoch = ep[1];
	need += sizeof(ep);
	memcpy(&m->self_norm, p + need, sn);
	need += sn;
	if (sn && !(m->self_norm > 0 && m->self_norm <= FMODEL_MAX_SELF_NORM)) {
		why = "self-normalisation weight out of range";
		ret = -EINVAL;
		goto out;
	}
	memcpy(m->params, p + need, m->nparams * sizeof(float));
	need += m->nparams * sizeof(float);
	if (h[4] & CHECKPOINT_OFFSETS) {
		*offsets = malloc(m->vocab * sizeof(double));
		if (!*offsets) {
			why = "out of memory";
			ret = -ENOMEM;
			goto out;
		}
		memcpy(*offsets, p + need, m->vocab * sizeof(double));
	}
out:
	free(p);
	if (ret) {
		fprintf(stderr, "%s: %s\n", path, why);
		fmodel_free(m);
	}
	return ret;
}
