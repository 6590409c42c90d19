// SPDX-License-Identifier: GPL-2.0
/*
 * The one validator of .hidsm blobs (include/uapi/linux/hids_model.h) and
 * the build of the runtime model.  Every read is checked against the
 * length first; header fields are read byte-wise (the blob may be
 * unaligned).
 */
#include <linux/hids_model.h>

#include "fixed.h"
#include "model.h"

#define HDR_SIZE 256

/* Offsets of the header fields (the struct documents them). */
#define H_MAGIC		0
#define H_VERSION	4
#define H_HDRSIZE	6
#define H_TOTAL		8
#define H_VOCAB		12
#define H_HIDDEN	14
#define H_LAYERS	16
#define H_EMBED		18
#define H_WINDOW	20
#define H_XFRAC		22
#define H_MINCALLS	24
#define H_THRWIN	28
#define H_THRRUN	32
#define H_FLAGS		36
#define H_CREATED	40
#define H_NAME		48
#define H_DESC		112
#define H_KIND		240
#define H_ORDER		242
#define H_TBITS		244
#define H_MAXPROBE	246
#define H_RESERVED	248

/* Section sizes in the blob, in order (an n-gram model: names, offsets, table). */
struct layout {
	size_t names, offsets, xtab, layer[2], wout, table, total;
};

static void layout_of(const struct hids_model_info *in, struct layout *l)
{
	size_t v = in->vocab, h = in->hidden, g = 4 * h, i;

	memset(l, 0, sizeof(*l));
	l->names = v * HIDS_MODEL_NAME_LEN;
	l->offsets = v * 4;
	if (in->kind == HIDS_MODEL_KIND_NGRAM) {
		l->table = ((size_t)1 << in->table_bits) * 16;
		l->total = HDR_SIZE + l->names + l->offsets + l->table + 4;
		return;
	}
	l->xtab = v * g * 2;
	l->layer[0] = g * h + g * 4;
	l->layer[1] = in->layers > 1 ? 2 * (g * h + g * 4) + g * 4 : 0;
	l->wout = v * h + v * 4 + v * 4;
	l->total = HDR_SIZE;
	for (i = 0; i < 2; i++)
		l->total += l->layer[i];
	l->total += l->names + l->offsets + l->xtab + l->wout + 4;
}

static bool cstr_ok(const u8 *p, size_t n)
{
	return memchr(p, 0, n);
}

static int fail(const char **why, const char *msg, int err)
{
	if (why)
		*why = msg;
	return err;
}

/* The fields of one kind: the other kind's must be 0. */
static int check_kind(const struct hids_model_info *in, const char **why)
{
	if (in->kind == HIDS_MODEL_KIND_NGRAM) {
		if (in->hidden || in->layers || in->embed || in->xfrac)
			return fail(why, "n-gram model with LSTM sizes set", -EINVAL);
		if (in->order < 1 || in->order > HIDS_NGRAM_MAX_ORDER)
			return fail(why, "n-gram order out of range (1..16)", -ERANGE);
		if (in->table_bits < HIDS_NGRAM_MIN_BITS || in->table_bits > HIDS_NGRAM_MAX_BITS)
			return fail(why, "n-gram table size out of range (2^4..2^21)", -ERANGE);
		if (in->max_probe < 1 || in->max_probe > 1U << in->table_bits)
			return fail(why, "n-gram probe length out of range", -ERANGE);
		return 0;
	}
	if (in->order || in->table_bits || in->max_probe)
		return fail(why, "LSTM model with n-gram sizes set", -EINVAL);
	if (in->hidden < 1 || in->hidden > HIDS_MODEL_MAX_HIDDEN)
		return fail(why, "hidden size out of range (1..256)", -ERANGE);
	if (in->layers < 1 || in->layers > HIDS_MODEL_MAX_LAYERS)
		return fail(why, "layer count out of range (1..2)", -ERANGE);
	if (in->xfrac > 15)
		return fail(why, "token table fraction bits out of range (0..15)", -ERANGE);
	return 0;
}

static int read_header(const u8 *b, size_t len, struct hids_model_info *in, const char **why)
{
	size_t i;
	u16 version;
	int ret;

	if (len < HDR_SIZE + 4)
		return fail(why, "model truncated: shorter than its header", -EMSGSIZE);
	if (hids_le32(b + H_MAGIC) != HIDS_MODEL_MAGIC)
		return fail(why, "not a hids model (bad magic)", -EPROTO);
	version = hids_le16(b + H_VERSION);
	if (version < HIDS_MODEL_VERSION_LSTM || version > HIDS_MODEL_VERSION)
		return fail(why, "unsupported model format version", -EPROTONOSUPPORT);
	if (hids_le16(b + H_HDRSIZE) != HDR_SIZE)
		return fail(why, "header size field is wrong", -EINVAL);
	in->size = hids_le32(b + H_TOTAL);
	if (in->size != len)
		return fail(why, "model size field does not match its length", -EMSGSIZE);
	in->vocab = hids_le16(b + H_VOCAB);
	in->hidden = hids_le16(b + H_HIDDEN);
	in->layers = hids_le16(b + H_LAYERS);
	in->embed = hids_le16(b + H_EMBED);
	in->window = hids_le16(b + H_WINDOW);
	in->xfrac = hids_le16(b + H_XFRAC);
	in->min_calls = hids_le32(b + H_MINCALLS);
	in->threshold_window = hids_le32(b + H_THRWIN);
	in->threshold_running = hids_le32(b + H_THRRUN);
	in->created = hids_le64(b + H_CREATED);
	in->kind = hids_le16(b + H_KIND);
	in->order = hids_le16(b + H_ORDER);
	in->table_bits = hids_le16(b + H_TBITS);
	in->max_probe = hids_le16(b + H_MAXPROBE);
	/* Version 1 reserves the version 2 fields: all 0, an LSTM. */
	for (i = H_KIND; version == HIDS_MODEL_VERSION_LSTM && i < H_RESERVED; i++)
		if (b[i])
			return fail(why, "reserved header bytes not zero", -EINVAL);
	if (in->kind != HIDS_MODEL_KIND_LSTM && in->kind != HIDS_MODEL_KIND_NGRAM)
		return fail(why, "unknown model kind", -EPROTONOSUPPORT);
	if (in->vocab < 2 || in->vocab > HIDS_MODEL_MAX_VOCAB)
		return fail(why, "vocabulary size out of range (2..1024)", -ERANGE);
	ret = check_kind(in, why);
	if (ret)
		return ret;
	if (in->window < 1 || in->window > HIDS_MODEL_MAX_WINDOW)
		return fail(why, "window out of range (1..1024)", -ERANGE);
	if (in->min_calls < 1)
		return fail(why, "min calls must be at least 1", -ERANGE);
	in->flags = hids_le32(b + H_FLAGS);
	if (in->flags && version < HIDS_MODEL_VERSION)
		return fail(why, "flags set in a format version without them", -EINVAL);
	if (in->flags & ~(HIDS_MODEL_FLAG_SELF_NORM | HIDS_MODEL_FLAG_NGRAM_START |
			  HIDS_MODEL_FLAG_NGRAM_SCORES | HIDS_MODEL_FLAG_NGRAM_CAP |
			  HIDS_MODEL_FLAG_SKIP_SIGRETURN))
		return fail(why, "unknown flags set", -EINVAL);
	if ((in->flags & HIDS_MODEL_FLAG_SELF_NORM) && in->kind != HIDS_MODEL_KIND_LSTM)
		return fail(why, "self-normalised flag on an n-gram model", -EINVAL);
	if ((in->flags & HIDS_MODEL_FLAG_NGRAM_START) && in->kind != HIDS_MODEL_KIND_NGRAM)
		return fail(why, "start-symbol flag on an LSTM", -EINVAL);
	if ((in->flags & HIDS_MODEL_FLAG_NGRAM_SCORES) && in->kind != HIDS_MODEL_KIND_NGRAM)
		return fail(why, "gram-score flag on an LSTM", -EINVAL);
	if ((in->flags & HIDS_MODEL_FLAG_NGRAM_CAP) && in->kind != HIDS_MODEL_KIND_NGRAM)
		return fail(why, "score-cap flag on an LSTM", -EINVAL);
	for (i = H_RESERVED; i < HDR_SIZE; i++)
		if (b[i])
			return fail(why, "reserved header bytes not zero", -EINVAL);
	if (!cstr_ok(b + H_NAME, 64) || !cstr_ok(b + H_DESC, 128))
		return fail(why, "model name or description not terminated", -EINVAL);
	memcpy(in->name, b + H_NAME, 64);
	memcpy(in->description, b + H_DESC, 128);
	return 0;
}

static int check_names(const u8 *p, u32 v, const char **why)
{
	const char *a, *c;
	u32 i, j;

	for (i = 0; i < v; i++) {
		a = (const char *)p + i * HIDS_MODEL_NAME_LEN;
		if (!cstr_ok((const u8 *)a, HIDS_MODEL_NAME_LEN) || !a[0])
			return fail(why, "vocabulary name empty or not terminated", -EINVAL);
		for (j = 0; j < i; j++) {
			c = (const char *)p + j * HIDS_MODEL_NAME_LEN;
			if (!strcmp(a, c))
				return fail(why, "vocabulary name appears twice", -EINVAL);
		}
	}
	return 0;
}

/* Every __le32 in [p, p + 4n) within [lo, hi] (signed). */
static bool range32(const u8 *p, size_t n, s64 lo, s64 hi)
{
	size_t i;
	s32 x;

	for (i = 0; i < n; i++) {
		x = (s32)hids_le32(p + 4 * i);
		if (x < lo || x > hi)
			return false;
	}
	return true;
}

static int check_values(const u8 *b, const struct hids_model_info *in,
			const struct layout *l, const char **why)
{
	size_t v = in->vocab, h = in->hidden, g = 4 * h;
	const u8 *p = b + HDR_SIZE + l->names;

	if (!range32(p, v, -HIDS_MODEL_MAX_BIAS, HIDS_MODEL_MAX_BIAS))
		return fail(why, "score offset out of range", -ERANGE);
	if (in->kind == HIDS_MODEL_KIND_NGRAM) {
		if (!hids_ngram_table_ok(p + l->offsets, in->table_bits))
			return fail(why, "n-gram count out of range, or in an empty slot", -ERANGE);
		return 0;
	}
	p += l->offsets + l->xtab;
	if (in->layers > 1) {
		/* Layer 0 has whh only; layer 1 wih, wih_m, bias, whh, whh_m. */
		if (!range32(p + g * h, g, 0, HIDS_MODEL_MAX_M))
			return fail(why, "row multiplier out of range", -ERANGE);
		p += l->layer[0];
		if (!range32(p + g * h, g, 0, HIDS_MODEL_MAX_M) ||
		    !range32(p + 2 * g * h + 8 * g, g, 0, HIDS_MODEL_MAX_M))
			return fail(why, "row multiplier out of range", -ERANGE);
		if (!range32(p + g * h + 4 * g, g, -HIDS_MODEL_MAX_BIAS, HIDS_MODEL_MAX_BIAS))
			return fail(why, "gate bias out of range", -ERANGE);
		p += l->layer[1];
	} else {
		if (!range32(p + g * h, g, 0, HIDS_MODEL_MAX_M))
			return fail(why, "row multiplier out of range", -ERANGE);
		p += l->layer[0];
	}
	if (!range32(p + v * h, v, 0, HIDS_MODEL_MAX_M))
		return fail(why, "output row multiplier out of range", -ERANGE);
	if (!range32(p + v * h + 4 * v, v, -HIDS_MODEL_MAX_BIAS, HIDS_MODEL_MAX_BIAS))
		return fail(why, "output bias out of range", -ERANGE);
	return 0;
}

int hids_model_validate(const void *blob, size_t len, struct hids_model_info *info,
			const char **why)
{
	const u8 *b = blob;
	struct layout l;
	int ret;

	memset(info, 0, sizeof(*info));
	ret = read_header(b, len, info, why);
	if (ret)
		return ret;
	layout_of(info, &l);
	if (l.total != len)
		return fail(why, "model size does not match its dimensions", -EINVAL);
	if (hids_crc32c(0, b, len - 4) != hids_le32(b + len - 4))
		return fail(why, "model checksum mismatch (corrupt file)", -EBADMSG);
	ret = check_names(b + HDR_SIZE, info->vocab, why);
	if (ret)
		return ret;
	return check_values(b, info, &l, why);
}

static size_t align64(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

static bool self_norm(const struct hids_model_info *in)
{
	return in->flags & HIDS_MODEL_FLAG_SELF_NORM;
}

/* The output rows in the top matrix: none where one row is scored alone. */
static size_t top_out_rows(const struct hids_model_info *in)
{
	return self_norm(in) ? 0 : hids_round_block(in->vocab);
}

/* Whether the int16 weights of every matrix pass HIDS_L1_WEIGHTS. */
static bool narrow(const struct hids_model_info *in)
{
	size_t g = 4 * hids_round_block(in->hidden), rows = top_out_rows(in) + g;

	if (in->layers > 1)
		rows += 2 * g;
	return rows * hids_round_block(in->hidden) * sizeof(s16) > HIDS_L1_WEIGHTS;
}

/* A matrix of rp rows in the layouts of model.h, and its multipliers. */
static size_t matrix_size(size_t rp, const struct hids_model_info *in)
{
	size_t pairs = hids_round_block(in->hidden) / 2;

	return align64(pairs * rp * 2 * sizeof(s16)) +
	       (narrow(in) ? align64(pairs * rp * 2) : 0) +
	       align64(rp / 2 * in->hidden * sizeof(s64)) + align64(rp * 4);
}

size_t hids_model_runtime_size(const struct hids_model_info *in)
{
	size_t v = in->vocab, vp = hids_round_block(v), g = 4 * hids_round_block(in->hidden), n;

	n = align64(sizeof(struct hids_model));
	if (in->kind == HIDS_MODEL_KIND_NGRAM)
		return n + align64(v * HIDS_MODEL_NAME_LEN) + align64(v * 4) +
		       ((size_t)1 << in->table_bits) * sizeof(struct hids_ngram_entry);
	n += align64(v * HIDS_MODEL_NAME_LEN) + align64(v * 4) + align64(v * g * 4);
	n += matrix_size(top_out_rows(in) + g, in) + align64(vp * 4);
	if (self_norm(in))
		n += align64(v * in->hidden) + align64(v * 4);
	if (in->layers > 1)
		n += 2 * matrix_size(g, in) + align64(g * 4);
	return n;
}

/* Carve n bytes (64-aligned) off *cur. */
static void *carve(u8 **cur, size_t n)
{
	void *p = *cur;

	*cur += align64(n);
	return p;
}

/* A matrix while it is built. */
struct mat_build {
	s16 *w;
	s8 *w8;
	s64 *w2;
	s32 *mul;
	size_t rp;
};

static void carve_matrix(u8 **cur, size_t rp, const struct hids_model *m, struct mat_build *b)
{
	b->w = carve(cur, m->hp / 2 * rp * 2 * sizeof(s16));
	b->w8 = narrow(&m->info) ? carve(cur, m->hp / 2 * rp * 2) : NULL;
	b->w2 = carve(cur, rp / 2 * m->info.hidden * sizeof(s64));
	b->mul = carve(cur, rp * 4);
	b->rp = rp;
}

/* Runtime row of row r of a blob matrix: gate rows go block by block. */
static size_t row_of(const struct hids_model *m, size_t r, bool gates)
{
	size_t h = m->info.hidden;

	return gates ? r / h * m->hp + r % h : r;
}

/*
 * An int8 matrix as stored (rows x H, then rows __le32 multipliers) into
 * rows first.. of b, pair-major; padding stays zero from the memset.
 */
static const u8 *fill(const struct hids_model *m, struct mat_build *b, size_t first,
		      const u8 *p, size_t rows, bool gates)
{
	size_t h = m->info.hidden, r, j, row;

	for (r = 0; r < rows; r++) {
		row = first + row_of(m, r, gates);
		for (j = 0; j < h; j++)
			b->w[((j / 2) * b->rp + row) * 2 + (j & 1)] = (s8)p[r * h + j];
		b->mul[row] = (s32)hids_le32(p + rows * h + 4 * r);
	}
	return p + rows * h + rows * 4;
}

/* The int8 and scalar layouts from the pair-major one, and the finished matrix. */
static void finish(const struct hids_model *m, const struct mat_build *b, struct hids_mat *a)
{
	size_t h = m->info.hidden, r, j;
	const s16 *w;

	for (r = 0; r < b->rp; r += 2) {
		for (j = 0; j < h; j++) {
			w = b->w + ((j / 2) * b->rp + r) * 2 + (j & 1);
			b->w2[r / 2 * h + j] = w[0] + w[2] * 0x100000000LL;
		}
	}
	for (j = 0; b->w8 && j < m->hp / 2 * b->rp * 2; j++)
		b->w8[j] = b->w[j];	/* within int8: they came from int8 */
	a->w = b->w;
	a->w8 = b->w8;
	a->w2 = b->w2;
	a->mul = b->mul;
	a->rows_p = b->rp;
}

/* n __le32 gate values into their runtime rows. */
static const u8 *copy_gates(const struct hids_model *m, s32 *dst, const u8 *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[row_of(m, i, true)] = (s32)hids_le32(src + 4 * i);
	return src + 4 * n;
}

struct hids_model *hids_model_build(void *mem, const void *blob,
				    const struct hids_model_info *info)
{
	size_t v = info->vocab, h = info->hidden, vp = hids_round_block(v), out, g, i;
	const u8 *p = (const u8 *)blob + HDR_SIZE;
	struct mat_build top, whh0, wih1;
	u8 *cur = mem;
	struct hids_model *m = carve(&cur, sizeof(*m));
	s32 *xt, *bias, *off, *bout, x;
	char *names;
	int shift;

	memset(mem, 0, hids_model_runtime_size(info));
	m->info = *info;
	m->hp = hids_round_block(h);
	m->vp = vp;
	out = top_out_rows(info);
	m->top_out = out;
	g = 4 * m->hp;
	names = carve(&cur, v * HIDS_MODEL_NAME_LEN);
	memcpy(names, p, v * HIDS_MODEL_NAME_LEN);
	m->names = names;
	p += v * HIDS_MODEL_NAME_LEN;
	off = carve(&cur, v * 4);
	for (i = 0; i < v; i++)
		off[i] = (s32)hids_le32(p + 4 * i);
	m->offsets = off;
	p += v * 4;
	if (info->kind == HIDS_MODEL_KIND_NGRAM) {
		struct hids_ngram_entry *t = carve(&cur, sizeof(*t) << info->table_bits);

		for (i = 0; i < (size_t)1 << info->table_bits; i++, p += 16) {
			t[i].key = hids_le64(p);
			t[i].a = hids_le32(p + 8);
			t[i].b = hids_le32(p + 12);
		}
		m->table = t;
		/* ln V: the score of a call under the uniform model. */
		m->ngram_cap = info->flags & HIDS_MODEL_FLAG_NGRAM_CAP ?
			       (hids_ln_q30((u64)v << 30) + 128) >> 8 : 0xffffffff;
		return m;
	}
	/* The token table goes to Q12 once, here, not per step. */
	xt = carve(&cur, v * g * 4);
	shift = 12 - (int)info->xfrac;
	for (i = 0; i < v * 4 * h; i++) {
		x = (s16)hids_le16(p + 2 * i);
		x = shift >= 0 ? x * (1 << shift) : (x + (1 << (-shift - 1))) >> -shift;
		xt[i / (4 * h) * g + row_of(m, i % (4 * h), true)] = x;
	}
	p += v * 4 * h * 2;
	m->xtab = xt;
	carve_matrix(&cur, out + g, m, &top);
	bout = carve(&cur, vp * 4);
	if (info->layers > 1) {
		carve_matrix(&cur, g, m, &whh0);
		carve_matrix(&cur, g, m, &wih1);
		bias = carve(&cur, g * 4);
		p = fill(m, &whh0, 0, p, 4 * h, true);
		p = fill(m, &wih1, 0, p, 4 * h, true);
		p = copy_gates(m, bias, p, 4 * h);
		finish(m, &whh0, &m->whh0);
		finish(m, &wih1, &m->wih1);
		m->bias1 = bias;
	}
	p = fill(m, &top, out, p, 4 * h, true);
	if (self_norm(info)) {
		s8 *w = carve(&cur, v * h);
		s32 *mul = carve(&cur, v * 4);

		for (i = 0; i < v * h; i++)
			w[i] = (s8)p[i];
		for (i = 0; i < v; i++)
			mul[i] = (s32)hids_le32(p + v * h + 4 * i);
		m->wrow = w;
		m->wrow_mul = mul;
		p += v * h + v * 4;
	} else {
		p = fill(m, &top, 0, p, v, false);
	}
	finish(m, &top, &m->top);
	for (i = 0; i < vp; i++)
		bout[i] = i < v ? (s32)hids_le32(p + 4 * i) : HIDS_LOGIT_PAD;
	m->bout = bout;
	return m;
}

const struct hids_model_info *hids_model_info(const struct hids_model *m)
{
	return &m->info;
}

const char *hids_model_token_name(const struct hids_model *m, u16 token)
{
	if (token >= m->info.vocab)
		token = 0;
	return m->names + (size_t)token * HIDS_MODEL_NAME_LEN;
}

const char *const hids_signal_returns[HIDS_SIGNAL_RETURNS] = { "rt_sigreturn", "sigreturn" };

static bool signal_return(const char *name)
{
	int i;

	for (i = 0; i < HIDS_SIGNAL_RETURNS; i++)
		if (!strcmp(name, hids_signal_returns[i]))
			return true;
	return false;
}

u16 hids_model_token(const struct hids_model *m, const char *name)
{
	u32 t;

	if ((m->info.flags & HIDS_MODEL_FLAG_SKIP_SIGRETURN) && signal_return(name))
		return HIDS_TOKEN_SKIP;
	for (t = 1; t < m->info.vocab; t++)
		if (!strcmp(m->names + (size_t)t * HIDS_MODEL_NAME_LEN, name))
			return t;
	return 0;
}
