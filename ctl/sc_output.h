/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where hidsctl record writes its .sc lines: the file as it is, or through
 * gzip or zstd.  A flush is a sync point: what was written up to it
 * decompresses whole even if the recorder dies right after.
 */
#ifndef HIDS_SC_OUTPUT_H
#define HIDS_SC_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

enum sc_compress { SC_PLAIN, SC_GZIP, SC_ZSTD };

struct sc_output;

/* "gzip", "zstd": the kind, or -1. */
int sc_compress_parse(const char *name);
/* Writes to f (which stays the caller's to close); NULL: out of memory. */
struct sc_output *sc_output_open(FILE *f, enum sc_compress kind);
/* 0, or -EIO with errno set. */
int sc_output_write(struct sc_output *o, const void *buf, size_t len);
int sc_output_flush(struct sc_output *o);
/* Ends the compressed stream (its trailer) and frees o; 0 or -EIO. */
int sc_output_close(struct sc_output *o);

#endif
