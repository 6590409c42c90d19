/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_MODEL_H
#define HIDS_MODEL_H

#include <linux/hids.h>
#include <linux/refcount.h>
#include <linux/types.h>

struct netlink_ext_ack;
struct hids_model;

/*
 * A validated model ready to score, shared by a slot configuration and the
 * threads bound under it; freed with its last reference.  Everything the
 * module knows of the engine goes through here.
 */
struct hids_kmodel {
	refcount_t ref;
	struct hids_model *rt;		/* engine runtime model, in its own allocation */
	size_t rt_bytes;
	u16 *map[HIDS_CALL_ABIS];	/* syscall number -> token, per ABI */
	u32 map_len[HIDS_CALL_ABIS];
	u32 state_size;			/* engine state per thread */
	u32 scratch_size;		/* engine scratch per CPU */
	bool simd;			/* an LSTM: its step may use the FPU */
	u32 thresh_window, thresh_running, window, min_calls;	/* defaults */
	char name[64];
	u32 crc;			/* the file's CRC32C: which model this is */
};

/* The token maps of a load, one per enum hids_call_abi (len 0: none). */
struct hids_token_maps {
	const u16 *map[HIDS_CALL_ABIS];
	u32 len[HIDS_CALL_ABIS];
};

/* Validate blob whole and build a model from it; precise extack on error. */
int hids_kmodel_create(const void *blob, size_t len, const struct hids_token_maps *maps,
		       struct hids_kmodel **out, struct netlink_ext_ack *extack);
void hids_kmodel_get(struct hids_kmodel *m);
void hids_kmodel_put(struct hids_kmodel *m);

static inline u16 hids_kmodel_token(const struct hids_kmodel *m, u8 abi, long nr)
{
	return nr >= 0 && nr < m->map_len[abi] ? m->map[abi][nr] : 0;
}

void hids_kmodel_reset(const struct hids_kmodel *m, void *state);
/* Score token and advance state; needs a per-CPU scratch (preemption off). */
u32 hids_kmodel_step(const struct hids_kmodel *m, void *state, u16 token, void *scratch);
const char *hids_kmodel_token_name(const struct hids_kmodel *m, u16 token);

/* Largest per-CPU scratch any valid model needs. */
size_t hids_kmodel_max_scratch(void);

/*
 * Chunked loading into a per-slot staging buffer (netlink LOAD_MODEL),
 * owned by the netlink port that sent its first chunk: another port's
 * first chunk takes the stage over, and the first port's later chunks are
 * refused (EBUSY), never mixed into the other's model.
 */
int hids_stage_chunk(u32 slot, u32 portid, u32 offset, const void *data, u32 len, u32 size,
		     const struct hids_token_maps *maps, struct hids_kmodel **done,
		     struct netlink_ext_ack *extack);
void hids_stage_uninit(void);

#endif /* HIDS_MODEL_H */
