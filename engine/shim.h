/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few definitions the engine needs from its host, so the same files
 * build into the kernel module and into userspace.  No floating point.
 */
#ifndef HIDS_SHIM_H
#define HIDS_SHIM_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef __UINT8_TYPE__ u8;
typedef __INT8_TYPE__ s8;
typedef __UINT16_TYPE__ u16;
typedef __INT16_TYPE__ s16;
typedef __UINT32_TYPE__ u32;
typedef __INT32_TYPE__ s32;
typedef __UINT64_TYPE__ u64;
typedef __INT64_TYPE__ s64;

static inline u64 div64_u64(u64 a, u64 b)
{
	return a / b;
}
#endif

static inline u16 hids_le16(const u8 *p)
{
	return p[0] | (u16)p[1] << 8;
}

static inline u32 hids_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 hids_le64(const u8 *p)
{
	return hids_le32(p) | (u64)hids_le32(p + 4) << 32;
}

#endif /* HIDS_SHIM_H */
