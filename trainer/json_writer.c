// SPDX-License-Identifier: GPL-2.0
/* A small JSON emitter (see json_writer.h). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"

void jw_init(struct jw *w, FILE *f)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
}

/* Length of the valid UTF-8 sequence at s, 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	cp = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates, beyond U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* The escape of an ASCII byte that needs one, NULL for the others. */
static const char *ascii_escape(unsigned char c, char buf[8])
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\n':
		return "\\n";
	case '\t':
		return "\\t";
	case '\r':
		return "\\r";
	}
	if (c >= 0x20 && c != 0x7f)
		return NULL;
	snprintf(buf, 8, "\\u%04x", c);
	return buf;
}

void jw_escape(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	const char *esc;
	char buf[8];
	size_t n;

	while (*s) {
		n = utf8_len(s);
		esc = n == 1 ? ascii_escape(*s, buf) : NULL;
		if (!n) {
			fputs("\\ufffd", f);
			n = 1;
		} else if (esc) {
			fputs(esc, f);
		} else {
			fwrite(s, 1, n, f);
		}
		s += n;
	}
}

void jw_quoted(FILE *f, const char *s)
{
	fputc('"', f);
	jw_escape(f, s);
	fputc('"', f);
}

/* The separator, indentation and key of the next member. */
static void member(struct jw *w, const char *key)
{
	if (w->depth > 0) {
		fputs(w->used[w->depth - 1] ? ",\n" : "\n", w->f);
		w->used[w->depth - 1] = true;
		fprintf(w->f, "%*s", 2 * w->depth, "");
	}
	if (key) {
		fputc('"', w->f);
		jw_escape(w->f, key);
		fputs("\": ", w->f);
	}
	/* Members of an object have keys, the top-level value has none. */
	if (!w->depth != !key && !w->err)
		w->err = -EINVAL;
}

void jw_begin(struct jw *w, const char *key)
{
	member(w, key);
	fputc('{', w->f);
	if (w->depth == JW_MAX_DEPTH) {
		w->err = -EINVAL;
		return;
	}
	w->used[w->depth++] = false;
}

void jw_end(struct jw *w)
{
	if (!w->depth) {
		w->err = -EINVAL;
		return;
	}
	w->depth--;
	if (w->used[w->depth])
		fprintf(w->f, "\n%*s", 2 * w->depth, "");
	fputc('}', w->f);
	if (!w->depth)
		fputc('\n', w->f);
}

void jw_null(struct jw *w, const char *key)
{
	member(w, key);
	fputs("null", w->f);
}

void jw_str(struct jw *w, const char *key, const char *s)
{
	if (!s) {
		jw_null(w, key);
		return;
	}
	member(w, key);
	fputc('"', w->f);
	jw_escape(w->f, s);
	fputc('"', w->f);
}

void jw_num(struct jw *w, const char *key, double v)
{
	char buf[32];
	int prec;

	if (!isfinite(v)) {
		jw_null(w, key);
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	member(w, key);
	fputs(buf, w->f);
}

void jw_uint(struct jw *w, const char *key, uint64_t v)
{
	member(w, key);
	fprintf(w->f, "%" PRIu64, v);
}

void jw_bool(struct jw *w, const char *key, bool v)
{
	member(w, key);
	fputs(v ? "true" : "false", w->f);
}

int jw_finish(struct jw *w)
{
	if (w->err)
		return w->err;
	if (w->depth)
		return -EINVAL;
	if (fflush(w->f) || ferror(w->f))
		return -EIO;
	return 0;
}
