// SPDX-License-Identifier: GPL-2.0
/*
 * .sc recordings: LID-DS 2021 (inside its zips, or extracted) and hids
 * record files, plain or gzip.  Streams line by line; keeps events, never
 * lines.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "readers.h"
#include "sc.h"

static int sc_push(struct recording *r, struct strtab *names, const struct sc_event *sc,
		   const char **why)
{
	struct trace_event ev = {
		.ts_ns = sc->ts_ns,
		.tid = (int32_t)sc->tid,
		.pid = (int32_t)sc->pid,
		.dir = sc->dir == '>' ? TRACE_ENTER : TRACE_EXIT,
		.ret = TRACE_RET_NONE,
	};
	int id;

	if (sc->has_res)
		ev.ret = trace_ret_class(sc->res);
	id = strtab_intern(names, sc->name, strlen(sc->name));
	if (id < 0) {
		*why = id == -E2BIG ? "more than 65536 distinct syscall names" : "out of memory";
		return id;
	}
	ev.name = (uint16_t)id;
	if (recording_push(r, &ev)) {
		*why = "out of memory";
		return -ENOMEM;
	}
	return 0;
}

static const char *lr_strerror(int ret)
{
	switch (ret) {
	case -EFBIG:
		return "line longer than 16 MiB";
	case -EILSEQ:
		return "NUL byte in text (binary data?)";
	case -EIO:
		return "read error (corrupt compressed data?)";
	default:
		return strerror(-ret);
	}
}

int sc_read_lines(struct line_reader *lr, struct recording *r, struct strtab *names,
		  const char *where, struct trace_err *err)
{
	const char *why = NULL;
	struct sc_event sc;
	char *line;
	int ret;

	while ((ret = lr_next(lr, &line)) > 0) {
		if (!line[strspn(line, " \t\r")])
			continue;	/* blank lines carry no event */
		ret = sc_parse_line(line, &sc, &why);
		/* A recorder killed mid-write leaves its last line cut short. */
		if (ret && lr->unterminated) {
			fprintf(stderr, "warning: %s:%lu: the last line is cut short (%s): skipped\n",
				where, lr->lineno, why);
			return 0;
		}
		if (!ret)
			ret = sc_push(r, names, &sc, &why);
		if (ret) {
			trace_errf(err, "%s:%lu: %s", where, lr->lineno, why);
			return ret;
		}
	}
	if (ret < 0)
		trace_errf(err, "%s:%lu: %s", where, lr->lineno, lr_strerror(ret));
	return ret;
}

struct sc_file {
	const char *path;
	gzFile gz;		/* plain or gzip */
	FILE *f;		/* zstd: the compressed bytes */
	ZSTD_DCtx *zd;
	ZSTD_inBuffer in;
	char *zbuf;		/* in's bytes, ZSTD_DStreamInSize() of them */
	size_t frame_left;	/* ZSTD_decompressStream's last hint: 0 at a frame's end */
};

static const unsigned char zstd_magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };

static int stops_short(const struct sc_file *f)
{
	fprintf(stderr, "warning: %s: the compressed stream stops short\n", f->path);
	return 0;
}

static long zstd_read(struct sc_file *f, char *buf, size_t len)
{
	ZSTD_outBuffer out = { buf, len, 0 };
	size_t n;

	while (!out.pos) {
		if (f->in.pos == f->in.size) {
			f->in.size = fread(f->zbuf, 1, ZSTD_DStreamInSize(), f->f);
			f->in.pos = 0;
			if (!f->in.size)
				return ferror(f->f) ? -EIO : f->frame_left ? stops_short(f) : 0;
		}
		n = ZSTD_decompressStream(f->zd, &out, &f->in);
		if (ZSTD_isError(n)) {
			fprintf(stderr, "%s: zstd: %s\n", f->path, ZSTD_getErrorName(n));
			return -EBADMSG;
		}
		f->frame_left = n;
	}
	return out.pos;
}

/*
 * Plain, gzip or zstd (hidsctl record --compress), alike.  A compressed
 * stream that stops short -- a recorder killed mid-write -- ends the data
 * there: the lines before are good, the last one is cut (sc_read_lines).
 */
static long file_read(void *src, char *buf, size_t len)
{
	struct sc_file *f = src;
	int n, code;

	if (f->zd)
		return zstd_read(f, buf, len);
	n = gzread(f->gz, buf, len > INT_MAX ? INT_MAX : len);
	if (n >= 0)
		return n;
	gzerror(f->gz, &code);
	if (code == Z_BUF_ERROR)
		return stops_short(f);
	return -EIO;
}

/* Open r->path as zstd (by its magic number) or through zlib (plain, gzip). */
static int file_open(struct sc_file *f)
{
	unsigned char magic[4];

	f->f = fopen(f->path, "rb");
	if (!f->f)
		return -errno;
	if (fread(magic, 1, 4, f->f) == 4 && !memcmp(magic, zstd_magic, 4)) {
		rewind(f->f);
		f->zd = ZSTD_createDCtx();
		f->zbuf = malloc(ZSTD_DStreamInSize());
		f->in.src = f->zbuf;
		return f->zd && f->zbuf ? 0 : -ENOMEM;
	}
	fclose(f->f);
	f->f = NULL;
	errno = 0;
	f->gz = gzopen(f->path, "rb");
	if (!f->gz)
		return errno ? -errno : -ENOMEM;
	return 0;
}

static void file_close(struct sc_file *f)
{
	if (f->gz)
		gzclose(f->gz);
	if (f->f)
		fclose(f->f);
	ZSTD_freeDCtx(f->zd);
	free(f->zbuf);
}

int sc_read_file(struct recording *r, struct strtab *names, struct trace_err *err)
{
	struct sc_file f = { .path = r->path };
	struct line_reader lr;
	int ret;

	ret = file_open(&f);
	if (ret) {
		trace_errf(err, "%s: %s", r->path, strerror(-ret));
		file_close(&f);
		return ret;
	}
	lr_init(&lr, file_read, &f);
	ret = sc_read_lines(&lr, r, names, r->path, err);
	lr_free(&lr);
	file_close(&f);
	return ret;
}
