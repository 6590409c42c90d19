// SPDX-License-Identifier: GPL-2.0
/*
 * Models in the kernel: chunked staging of a .hidsm blob per slot, whole-blob
 * validation by the shared engine validator, and refcounted runtime models.
 * Nothing here runs in probe context except the step and lookups.
 */
#include <linux/errno.h>
#include <linux/hids.h>
#include <linux/hids_model.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/fpu/api.h>
#include <net/netlink.h>

#include "hids_engine.h"
#include "mem.h"
#include "model.h"

static bool simd = true;
module_param(simd, bool, 0444);
MODULE_PARM_DESC(simd, "Use SSE2/AVX2 in the scorer when the CPU has it (default on)");

struct stage {
	void *buf;
	u32 size;
	u32 next;			/* offset the next chunk must have */
	u32 portid;			/* the loader's netlink port */
	u16 *map[HIDS_CALL_ABIS];
	u32 map_len[HIDS_CALL_ABIS];
};

static DEFINE_MUTEX(stage_lock);
static struct stage stages[HIDS_MAX_SLOTS];

static enum hids_isa isa(void)
{
	if (!simd)
		return HIDS_ISA_SCALAR;
	if (boot_cpu_has(X86_FEATURE_AVX2) && boot_cpu_has(X86_FEATURE_OSXSAVE))
		return HIDS_ISA_AVX2;
	return HIDS_ISA_SSE2;
}

/* Copy every map of src into dst (each allocated, or NULL when empty). */
static int maps_copy(u16 **dst, u32 *dst_len, const struct hids_token_maps *src)
{
	int a;

	for (a = 0; a < HIDS_CALL_ABIS; a++) {
		if (!src->len[a])
			continue;
		dst[a] = hids_kzalloc(src->len[a] * sizeof(u16), GFP_KERNEL);
		if (!dst[a])
			return -ENOMEM;
		memcpy(dst[a], src->map[a], src->len[a] * sizeof(u16));
		dst_len[a] = src->len[a];
	}
	return 0;
}

static void maps_free(u16 **map, u32 *len)
{
	int a;

	for (a = 0; a < HIDS_CALL_ABIS; a++) {
		hids_kfree(map[a]);
		map[a] = NULL;
		len[a] = 0;
	}
}

/*
 * The signal returns of each calling convention (syscall_64.tbl,
 * syscall_32.tbl: numbers fixed by the ABI), the only calls a token map may
 * skip: skipping execve would blind the model.
 */
static bool signal_return(int abi, u32 nr)
{
	switch (abi) {
	case HIDS_CALL_NATIVE:
		return nr == 15;
	case HIDS_CALL_I386:
		return nr == 119 || nr == 173;
	case HIDS_CALL_X32:
		return nr == 513;
	default:
		return false;
	}
}

static int check_token(const struct hids_model_info *info, int abi, u32 nr, u16 tok,
		       struct netlink_ext_ack *extack)
{
	if (tok == HIDS_TOKEN_SKIP) {
		if (!(info->flags & HIDS_MODEL_FLAG_SKIP_SIGRETURN)) {
			NL_SET_ERR_MSG(extack, "token map skips calls the model scores");
			return -EINVAL;
		}
		if (!signal_return(abi, nr)) {
			NL_SET_ERR_MSG(extack, "token map skips a non-signal-return call");
			return -EINVAL;
		}
		return 0;
	}
	if (tok >= info->vocab) {
		NL_SET_ERR_MSG(extack, "token map entry beyond the vocabulary");
		return -EINVAL;
	}
	return 0;
}

int hids_kmodel_create(const void *blob, size_t len, const struct hids_token_maps *maps,
		       struct hids_kmodel **out, struct netlink_ext_ack *extack)
{
	struct hids_model_info info;
	struct hids_kmodel *m;
	__le32 crc;
	const char *why = NULL;
	u32 i;
	int a, ret;

	ret = hids_model_validate(blob, len, &info, &why);
	if (ret) {
		/* The validator's messages are static strings: safe to keep. */
		if (extack)
			extack->_msg = why ?: "invalid model";
		return ret;
	}
	for (a = 0; a < HIDS_CALL_ABIS; a++) {
		for (i = 0; i < maps->len[a]; i++) {
			ret = check_token(&info, a, i, maps->map[a][i], extack);
			if (ret)
				return ret;
		}
	}
	m = hids_kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	refcount_set(&m->ref, 1);
	m->rt_bytes = hids_model_runtime_size(&info);
	m->rt = hids_kvzalloc(m->rt_bytes);
	if (!m->rt || maps_copy(m->map, m->map_len, maps)) {
		hids_kmodel_put(m);
		return -ENOMEM;
	}
	m->rt = hids_model_build(m->rt, blob, &info);
	m->state_size = hids_state_size(m->rt);
	m->scratch_size = hids_scratch_size(m->rt);
	m->simd = info.kind == HIDS_MODEL_KIND_LSTM;
	m->thresh_window = info.threshold_window;
	m->thresh_running = info.threshold_running;
	m->window = info.window;
	m->min_calls = info.min_calls;
	strscpy(m->name, info.name, sizeof(m->name));
	/* Validated above: the blob ends with its CRC32C. */
	memcpy(&crc, (const u8 *)blob + len - sizeof(crc), sizeof(crc));
	m->crc = le32_to_cpu(crc);
	*out = m;
	return 0;
}

void hids_kmodel_get(struct hids_kmodel *m)
{
	refcount_inc(&m->ref);
}

/* May run from an RCU callback (softirq): kvfree copes. */
void hids_kmodel_put(struct hids_kmodel *m)
{
	if (!m || !refcount_dec_and_test(&m->ref))
		return;
	hids_kvfree(m->rt, m->rt_bytes);
	maps_free(m->map, m->map_len);
	hids_kfree(m);
}

void hids_kmodel_reset(const struct hids_kmodel *m, void *state)
{
	hids_state_reset(m->rt, state);
}

u32 hids_kmodel_step(const struct hids_kmodel *m, void *state, u16 token, void *scratch)
{
	enum hids_isa i = isa();
	u32 s;

	if (i == HIDS_ISA_SCALAR || !m->simd)
		return hids_step(m->rt, state, token, scratch, i);
	kernel_fpu_begin();
	s = hids_step(m->rt, state, token, scratch, i);
	kernel_fpu_end();
	return s;
}

const char *hids_kmodel_token_name(const struct hids_kmodel *m, u16 token)
{
	return hids_model_token_name(m->rt, token);
}

size_t hids_kmodel_max_scratch(void)
{
	return hids_scratch_size_max();
}

static void stage_reset(struct stage *st)
{
	hids_kvfree(st->buf, st->size);
	maps_free(st->map, st->map_len);
	memset(st, 0, sizeof(*st));
}

static int stage_start(struct stage *st, u32 size, const struct hids_token_maps *maps)
{
	stage_reset(st);
	st->buf = hids_kvzalloc(size);
	if (!st->buf || maps_copy(st->map, st->map_len, maps)) {
		stage_reset(st);
		return -ENOMEM;
	}
	st->size = size;
	return 0;
}

int hids_stage_chunk(u32 slot, u32 portid, u32 offset, const void *data, u32 len, u32 size,
		     const struct hids_token_maps *maps, struct hids_kmodel **done,
		     struct netlink_ext_ack *extack)
{
	struct stage *st = &stages[slot];
	struct hids_token_maps staged;
	int a, ret = 0;

	*done = NULL;
	mutex_lock(&stage_lock);
	if (offset == 0) {
		ret = stage_start(st, size, maps);
		if (ret)
			goto out;
		st->portid = portid;
	} else if (st->buf && st->portid != portid) {
		NL_SET_ERR_MSG(extack,
			       "another load into this slot started after this one's first chunk");
		ret = -EBUSY;
		goto out;
	} else if (!st->buf || offset != st->next) {
		NL_SET_ERR_MSG(extack, "chunk out of order: no load started at this offset");
		ret = -EINVAL;
		goto out;
	}
	if (len > st->size - offset) {
		NL_SET_ERR_MSG(extack, "chunk runs past the model size");
		stage_reset(st);
		ret = -EINVAL;
		goto out;
	}
	memcpy(st->buf + offset, data, len);
	st->next = offset + len;
	if (st->next < st->size)
		goto out;
	for (a = 0; a < HIDS_CALL_ABIS; a++) {
		staged.map[a] = st->map[a];
		staged.len[a] = st->map_len[a];
	}
	ret = hids_kmodel_create(st->buf, st->size, &staged, done, extack);
	stage_reset(st);
out:
	mutex_unlock(&stage_lock);
	return ret;
}

void hids_stage_uninit(void)
{
	int i;

	for (i = 0; i < HIDS_MAX_SLOTS; i++)
		stage_reset(&stages[i]);
}
