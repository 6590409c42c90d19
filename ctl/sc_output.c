// SPDX-License-Identifier: GPL-2.0
/* The .sc output of hidsctl record: plain, gzip (zlib) or zstd (libzstd). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "sc_output.h"

struct sc_output {
	enum sc_compress kind;
	FILE *f;
	gzFile gz;
	ZSTD_CCtx *zc;
	void *zbuf;		/* zstd's output, ZSTD_CStreamOutSize() bytes */
	size_t zbuf_len;
};

int sc_compress_parse(const char *name)
{
	if (!strcmp(name, "gzip"))
		return SC_GZIP;
	if (!strcmp(name, "zstd"))
		return SC_ZSTD;
	return -1;
}

struct sc_output *sc_output_open(FILE *f, enum sc_compress kind)
{
	struct sc_output *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->kind = kind;
	o->f = f;
	if (kind == SC_GZIP) {
		o->gz = gzdopen(dup(fileno(f)), "wb");
		if (!o->gz)
			goto err;
	} else if (kind == SC_ZSTD) {
		o->zc = ZSTD_createCCtx();
		o->zbuf_len = ZSTD_CStreamOutSize();
		o->zbuf = malloc(o->zbuf_len);
		if (!o->zc || !o->zbuf)
			goto err;
	}
	return o;
err:
	ZSTD_freeCCtx(o->zc);
	free(o->zbuf);
	free(o);
	return NULL;
}

/* Feed len bytes (0 with a flush or an end) to zstd and write what comes out. */
static int zstd_feed(struct sc_output *o, const void *buf, size_t len, ZSTD_EndDirective mode)
{
	ZSTD_inBuffer in = { buf, len, 0 };
	size_t left;

	do {
		ZSTD_outBuffer out = { o->zbuf, o->zbuf_len, 0 };

		left = ZSTD_compressStream2(o->zc, &out, &in, mode);
		if (ZSTD_isError(left)) {
			errno = EIO;
			return -EIO;
		}
		if (fwrite(o->zbuf, 1, out.pos, o->f) != out.pos)
			return -EIO;
	} while (mode == ZSTD_e_continue ? in.pos < in.size : left);
	return 0;
}

int sc_output_write(struct sc_output *o, const void *buf, size_t len)
{
	switch (o->kind) {
	case SC_GZIP:
		return gzwrite(o->gz, buf, len) == (int)len ? 0 : -EIO;
	case SC_ZSTD:
		return zstd_feed(o, buf, len, ZSTD_e_continue);
	default:
		return fwrite(buf, 1, len, o->f) == len ? 0 : -EIO;
	}
}

int sc_output_flush(struct sc_output *o)
{
	if (o->kind == SC_GZIP)
		return gzflush(o->gz, Z_SYNC_FLUSH) == Z_OK ? 0 : -EIO;
	if (o->kind == SC_ZSTD && zstd_feed(o, NULL, 0, ZSTD_e_flush))
		return -EIO;
	return fflush(o->f) ? -EIO : 0;
}

int sc_output_close(struct sc_output *o)
{
	int ret = 0;

	if (o->kind == SC_GZIP && gzclose(o->gz) != Z_OK)
		ret = -EIO;
	if (o->kind == SC_ZSTD) {
		ret = zstd_feed(o, NULL, 0, ZSTD_e_end);
		ZSTD_freeCCtx(o->zc);
		free(o->zbuf);
	}
	if (!ret && fflush(o->f))
		ret = -EIO;
	free(o);
	return ret;
}
