// SPDX-License-Identifier: GPL-2.0
/* n-gram counts -> .hidsm blob (see ngram_model.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/hids_model.h>

#include "modelfile.h"
#include "ngram.h"
#include "ngram_model.h"

#define SLOT_BYTES	16

unsigned int ngram_model_bits(size_t count)
{
	unsigned int bits = HIDS_NGRAM_MIN_BITS;

	/* At most two thirds full: a miss probes about 5 slots, a hit 2. */
	while (bits < 63 && 2 * ((size_t)1 << bits) < 3 * count)
		bits++;
	return bits;
}

static void put_le(unsigned char *p, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		p[i] = v >> (8 * i);
}

/* Linear probing into the blob's table; returns the probe length it took. */
static unsigned int place(unsigned char *table, unsigned int bits, const struct ngram_entry *e)
{
	size_t mask = ((size_t)1 << bits) - 1, i = hids_ngram_home(e->key, bits);
	unsigned int probes = 1;
	unsigned char *s;

	for (;; i = (i + 1) & mask, probes++) {
		s = table + i * SLOT_BYTES;
		if (!hids_le64(s))
			break;
	}
	put_le(s, e->key, 8);
	put_le(s + 8, e->a, 4);
	put_le(s + 12, e->b, 4);
	return probes;
}

/* The slot of the blob's table that holds key (it is there). */
static unsigned char *slot_of(unsigned char *table, unsigned int bits, uint64_t key)
{
	size_t mask = ((size_t)1 << bits) - 1, i = hids_ngram_home(key, bits);

	while (hids_le64(table + i * SLOT_BYTES) != key)
		i = (i + 1) & mask;
	return table + i * SLOT_BYTES;
}

/*
 * Each gram of order calls gets its score in place of its distinct count
 * (always 0: it is never a context), computed by the engine's own walk on
 * the model as sealed so far: a call after a full context seen in
 * training then costs the kernel one lookup.
 */
static int hold_scores(const struct ngram_lm *g, unsigned char *p, size_t head,
		       unsigned int bits, size_t total)
{
	const uint16_t *gram;
	struct hids_ngram_seq s;
	struct model_file mf;
	unsigned int k;
	size_t i;
	int ret;

	ret = model_blob_load(&mf, p, total, "n-gram model");
	if (ret)
		return ret;
	for (i = 0; i < g->nfull; i++) {
		gram = g->full + i * g->order;
		hids_ngram_seq_init(&s);
		for (k = 1; k < g->order; k++)
			hids_ngram_seq_older(&s, gram[k]);
		put_le(slot_of(p + head, bits, hids_ngram_key_newer(&s, gram[0])) + 12,
		       hids_ngram_walk(mf.model, gram + 1, g->order - 1, gram[0]), 4);
	}
	model_file_free(&mf);
	return 0;
}

int ngram_model_blob(const struct ngram_lm *g, const struct quant_meta *q,
		     unsigned char **blob, size_t *len)
{
	unsigned int bits = ngram_model_bits(g->count), probes, max_probe = 1;
	struct hids_model_info in;
	size_t head, total, i;
	unsigned char *p;
	int ret;

	hids_engine_init();	/* the CRC table */
	if (quantize_meta_check(q, g->vocab) || g->vocab < 2 || g->vocab > HIDS_MODEL_MAX_VOCAB)
		return -EINVAL;
	if (bits > HIDS_NGRAM_MAX_BITS)
		return -E2BIG;
	head = sizeof(struct hids_model_header) + (size_t)g->vocab * (HIDS_MODEL_NAME_LEN + 4);
	total = head + ((size_t)SLOT_BYTES << bits) + 4;
	p = calloc(1, total);
	if (!p)
		return -ENOMEM;
	for (i = 0; i < (size_t)1 << g->t.bits; i++) {
		if (!g->t.e[i].key)
			continue;
		probes = place(p + head, bits, &g->t.e[i]);
		if (probes > max_probe)
			max_probe = probes;
	}
	/* A third empty: no probe gets near 2^16 slots, but say so if one did. */
	if (max_probe > UINT16_MAX) {
		free(p);
		return -E2BIG;
	}
	in = (struct hids_model_info){
		.kind = HIDS_MODEL_KIND_NGRAM, .vocab = g->vocab, .order = g->order,
		.table_bits = bits, .max_probe = max_probe,
		.flags = (g->start ? HIDS_MODEL_FLAG_NGRAM_START : 0) |
			 (q->ngram_cap ? HIDS_MODEL_FLAG_NGRAM_CAP : 0),
	};
	quantize_head(p, total, &in, q);
	quantize_seal(p, total);
	if (g->nfull) {
		ret = hold_scores(g, p, head, bits, total);
		if (ret) {
			free(p);
			return ret;
		}
		in.flags |= HIDS_MODEL_FLAG_NGRAM_SCORES;
		quantize_head(p, total, &in, q);
		quantize_seal(p, total);
	}
	*blob = p;
	*len = total;
	return 0;
}
