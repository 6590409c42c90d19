// SPDX-License-Identifier: GPL-2.0
/*
 * Quantization: int8 weights with a per-row scale (as a Q24 multiplier),
 * the embedding and layer 0's input projection and biases fused into one
 * int16 table per token, biases and logits in Q12, offsets in Q16.16.
 * A matrix row with a weight beyond +-127 has no valid multiplier: -ERANGE.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/hids_model.h>

#include "hids_engine.h"
#include "quantize.h"

struct out {
	unsigned char *p;
	size_t n;
	int err;
};

static void put8(struct out *o, uint8_t v)
{
	o->p[o->n++] = v;
}

static void put16(struct out *o, uint16_t v)
{
	put8(o, v);
	put8(o, v >> 8);
}

static void put32(struct out *o, uint32_t v)
{
	put16(o, v);
	put16(o, v >> 16);
}

static void put64(struct out *o, uint64_t v)
{
	put32(o, v);
	put32(o, v >> 32);
}

static int32_t fix(double x, int frac, int64_t limit)
{
	double v = nearbyint(x * (double)(1LL << frac));

	return v > limit ? limit : v < -limit ? -limit : (int32_t)v;
}

/* rows x cols float matrix -> int8 rows, then one multiplier per row. */
static void put_matrix(struct out *o, const float *w, int rows, int cols)
{
	int r, j;
	double max, scale;

	for (r = 0; r < rows; r++) {
		const float *row = w + (size_t)r * cols;

		max = 0;
		for (j = 0; j < cols; j++)
			max = fabs(row[j]) > max ? fabs(row[j]) : max;
		scale = max / 127;
		for (j = 0; j < cols; j++)
			put8(o, scale ? (uint8_t)(int8_t)lrint(row[j] / scale) : 0);
	}
	for (r = 0; r < rows; r++) {
		const float *row = w + (size_t)r * cols;

		max = 0;
		for (j = 0; j < cols; j++)
			max = fabs(row[j]) > max ? fabs(row[j]) : max;
		if (!(max <= 127))
			o->err = -ERANGE;
		put32(o, fix(max / 127 / 8, 24, HIDS_MODEL_MAX_M));
	}
}

/* Layer 0's pre-activations of every token, and the bits they allow. */
static double *token_table(const struct fmodel *m, int *xfrac)
{
	size_t g = 4 * (size_t)m->hidden, t, r;
	double *pre, max = 0, a;
	int j;

	pre = malloc(m->vocab * g * sizeof(*pre));
	if (!pre)
		return NULL;
	for (t = 0; t < (size_t)m->vocab; t++) {
		for (r = 0; r < g; r++) {
			a = m->b[0][r];
			for (j = 0; j < m->embed; j++)
				a += (double)m->w_ih[0][r * m->embed + j] * m->emb[t * m->embed + j];
			pre[t * g + r] = a;
			max = fabs(a) > max ? fabs(a) : max;
		}
	}
	*xfrac = 15;
	while (*xfrac > 0 && max * (1 << *xfrac) > 32767)
		(*xfrac)--;
	return pre;
}

/* Header, names and offsets of any kind of model: bytes written (see quantize.h). */
size_t quantize_head(unsigned char *p, size_t total, const struct hids_model_info *in,
		     const struct quant_meta *q)
{
	char name[MODEL_META_NAME_MAX] = "", desc[MODEL_META_DESC_MAX] = "";
	struct out o = { .p = p };
	u32 t, flags = in->flags | (q->skip_sigreturn ? HIDS_MODEL_FLAG_SKIP_SIGRETURN : 0);
	u16 version;

	snprintf(name, sizeof(name), "%s", q->name ? q->name : "");
	snprintf(desc, sizeof(desc), "%s", q->description ? q->description : "");
	/* The oldest version that holds the model, for older modules. */
	if (flags)
		version = HIDS_MODEL_VERSION;
	else if (in->kind == HIDS_MODEL_KIND_NGRAM)
		version = HIDS_MODEL_VERSION_NGRAM;
	else
		version = HIDS_MODEL_VERSION_LSTM;
	put32(&o, HIDS_MODEL_MAGIC);
	put16(&o, version);
	put16(&o, sizeof(struct hids_model_header));
	put32(&o, total);
	put16(&o, in->vocab);
	put16(&o, in->hidden);
	put16(&o, in->layers);
	put16(&o, in->embed);
	put16(&o, q->window);
	put16(&o, in->xfrac);
	put32(&o, q->min_calls);
	put32(&o, fix(q->threshold_window, 16, INT32_MAX));
	put32(&o, fix(q->threshold_running, 16, INT32_MAX));
	put32(&o, flags);
	put64(&o, q->created);
	memcpy(o.p + o.n, name, sizeof(name));
	o.n += sizeof(name);
	memcpy(o.p + o.n, desc, sizeof(desc));
	o.n += sizeof(desc);
	put16(&o, in->kind);
	put16(&o, in->order);
	put16(&o, in->table_bits);
	put16(&o, in->max_probe);
	o.n += 8;
	for (t = 0; t < in->vocab; t++) {
		strncpy((char *)o.p + o.n, q->names[t], HIDS_MODEL_NAME_LEN - 1);
		o.n += HIDS_MODEL_NAME_LEN;
	}
	for (t = 0; t < in->vocab; t++)
		put32(&o, fix(q->offsets ? q->offsets[t] : 0, 16, HIDS_MODEL_MAX_BIAS));
	return o.n;
}

int quantize_meta_check(const struct quant_meta *q, unsigned int vocab)
{
	unsigned int t;

	if (!q->names || q->window < 1 || q->window > HIDS_MODEL_MAX_WINDOW || q->min_calls < 1)
		return -EINVAL;
	for (t = 0; t < vocab; t++)
		if (!q->names[t] || !q->names[t][0] ||
		    strlen(q->names[t]) >= HIDS_MODEL_NAME_LEN)
			return -EINVAL;
	return 0;
}

static size_t total_size(const struct fmodel *m)
{
	size_t v = m->vocab, h = m->hidden, g = 4 * h, n;

	n = sizeof(struct hids_model_header) + v * HIDS_MODEL_NAME_LEN + v * 4 + v * g * 2;
	n += g * h + g * 4;
	if (m->layers > 1)
		n += 2 * (g * h + g * 4) + g * 4;
	return n + v * h + 2 * v * 4 + 4;
}

int quantize_model(const struct fmodel *m, const struct quant_meta *q,
		   unsigned char **blob, size_t *len)
{
	size_t total = total_size(m), g = 4 * (size_t)m->hidden, i;
	struct out o = { 0 };
	struct hids_model_info in;
	double *pre;
	int xfrac, t, l;

	hids_engine_init();	/* the CRC table */
	if (quantize_meta_check(q, m->vocab))
		return -EINVAL;
	pre = token_table(m, &xfrac);
	o.p = calloc(1, total);
	if (!pre || !o.p) {
		free(pre);
		free(o.p);
		return -ENOMEM;
	}
	in = (struct hids_model_info){
		.kind = HIDS_MODEL_KIND_LSTM, .vocab = m->vocab, .hidden = m->hidden,
		.layers = m->layers, .embed = m->embed, .xfrac = xfrac,
		.flags = m->self_norm > 0 ? HIDS_MODEL_FLAG_SELF_NORM : 0,
	};
	o.n = quantize_head(o.p, total, &in, q);
	for (i = 0; i < m->vocab * g; i++)
		put16(&o, fix(pre[i], xfrac, 32767));
	free(pre);
	for (l = 0; l < m->layers; l++) {
		if (l > 0) {
			put_matrix(&o, m->w_ih[l], g, m->hidden);
			for (i = 0; i < g; i++)
				put32(&o, fix(m->b[l][i], 12, HIDS_MODEL_MAX_BIAS));
		}
		put_matrix(&o, m->w_hh[l], g, m->hidden);
	}
	put_matrix(&o, m->w_out, m->vocab, m->hidden);
	for (t = 0; t < m->vocab; t++)
		put32(&o, fix(m->b_out[t], 12, HIDS_MODEL_MAX_BIAS));
	put32(&o, hids_crc32c(0, o.p, o.n));
	if (o.err || o.n != total) {
		free(o.p);
		return o.err ?: -EFAULT;
	}
	*blob = o.p;
	*len = o.n;
	return 0;
}

int write_model_file(const char *path, const unsigned char *blob, size_t len)
{
	char tmp[4096];
	FILE *f;
	int ret = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	f = fopen(tmp, "wb");
	if (!f)
		return -errno;
	if (fwrite(blob, 1, len, f) != len)
		ret = -EIO;
	if (fclose(f) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret)
		unlink(tmp);
	return ret;
}

void quantize_set_thresholds(unsigned char *blob, size_t len, double window, double running)
{
	struct out o = { .p = blob, .n = offsetof(struct hids_model_header, threshold_window) };

	put32(&o, fix(window, 16, INT32_MAX));
	o.n = offsetof(struct hids_model_header, threshold_running);
	put32(&o, fix(running, 16, INT32_MAX));
	quantize_seal(blob, len);
}

void quantize_seal(unsigned char *blob, size_t len)
{
	struct out o = { .p = blob, .n = len - 4 };

	put32(&o, hids_crc32c(0, blob, len - 4));
}
