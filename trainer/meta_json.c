// SPDX-License-Identifier: GPL-2.0
/*
 * The LID-DS recording metadata (NAME.json, 2021 and CTF): a strict JSON
 * parser that keeps no tree, only the three fields the framework uses to
 * label a recording: "exploit", the exploit time
 * "time"."exploit"[0]."absolute" and the container roles.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

#define JSON_MAX_DEPTH	64
#define JSON_PATH	4

enum jtype { J_STRING, J_NUMBER, J_TRUE, J_FALSE, J_NULL };

struct jpath {
	const char *key;	/* NULL for an array element */
	size_t len;
	long idx;
};

struct jparser {
	const char *p, *end;
	const char *why;
	int depth;
	struct jpath path[JSON_PATH];
	struct lidds_meta *m;
	bool have_exploit, have_time;
};

static int jfail(struct jparser *j, const char *why)
{
	if (!j->why)
		j->why = why;
	return -EINVAL;
}

static void jskip_ws(struct jparser *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
				 *j->p == '\r'))
		j->p++;
}

static bool jkey_is(const struct jpath *e, const char *key)
{
	return e->key && e->len == strlen(key) && !memcmp(e->key, key, e->len);
}

/* "1631078877.513988" -> ns, exactly: doubles lose the microseconds. */
static int seconds_to_ns(const char *s, size_t len, int64_t *ns)
{
	const char *dot = memchr(s, '.', len);
	size_t ilen = dot ? (size_t)(dot - s) : len, i;
	uint64_t sec, frac = 0, scale = 100000000;
	char tmp[64];

	if (memchr(s, 'e', len) || memchr(s, 'E', len)) {
		if (len >= sizeof(tmp))
			return -EINVAL;
		memcpy(tmp, s, len);
		tmp[len] = '\0';
		*ns = (int64_t)llround(strtod(tmp, NULL) * 1e9);
		return *ns >= 0 ? 0 : -EINVAL;
	}
	if (!parse_dec(s, ilen, INT64_MAX / 1000000000 - 1, &sec))
		return -EINVAL;
	for (i = ilen + 1; dot && i < len && scale; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		frac += (uint64_t)(s[i] - '0') * scale;
	}
	*ns = (int64_t)(sec * 1000000000 + frac);
	return 0;
}

static int jvisit(struct jparser *j, enum jtype type, const char *s, size_t len)
{
	const struct jpath *p = j->path;

	if (j->depth == 1 && jkey_is(&p[0], "exploit")) {
		if (type != J_TRUE && type != J_FALSE)
			return jfail(j, "\"exploit\" is not true or false");
		j->m->exploit = type == J_TRUE;
		j->have_exploit = true;
	} else if (j->depth == 4 && jkey_is(&p[0], "time") && jkey_is(&p[1], "exploit") &&
		   !p[2].key && p[2].idx == 0 && jkey_is(&p[3], "absolute")) {
		if (type != J_NUMBER || seconds_to_ns(s, len, &j->m->exploit_ns))
			return jfail(j, "time.exploit[0].absolute is not a time in seconds");
		j->have_time = true;
	} else if (j->depth == 3 && jkey_is(&p[0], "container") && jkey_is(&p[2], "role")) {
		if (type == J_STRING && len == 6 && !memcmp(s, "normal", 6))
			j->m->normal = true;
	}
	return 0;
}

static int jvalue(struct jparser *j);

/* A string's body (escapes checked, not decoded: the keys are ASCII). */
static int jstring(struct jparser *j, const char **s, size_t *len)
{
	const char *p = ++j->p;

	while (p < j->end && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return jfail(j, "control character in a string");
		if (*p == '\\') {
			if (++p >= j->end || !strchr("\"\\/bfnrtu", *p))
				return jfail(j, "bad escape in a string");
		}
		p++;
	}
	if (p >= j->end)
		return jfail(j, "unterminated string");
	*s = j->p;
	*len = p - j->p;
	j->p = p + 1;
	return 0;
}

static int jnumber(struct jparser *j, const char **s, size_t *len)
{
	const char *p = j->p;

	if (p < j->end && *p == '-')
		p++;
	if (p >= j->end || *p < '0' || *p > '9')
		return jfail(j, "unexpected character");
	while (p < j->end && strchr("0123456789.eE+-", *p))
		p++;
	*s = j->p;
	*len = p - j->p;
	j->p = p;
	return 0;
}

static int jliteral(struct jparser *j, const char *word, enum jtype type)
{
	size_t n = strlen(word);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
		return jfail(j, "unexpected character");
	j->p += n;
	return jvisit(j, type, word, n);
}

static int jpush(struct jparser *j, const char *key, size_t len, long idx)
{
	if (j->depth >= JSON_MAX_DEPTH)
		return jfail(j, "nested too deeply");
	if (j->depth < JSON_PATH)
		j->path[j->depth] = (struct jpath){ .key = key, .len = len, .idx = idx };
	j->depth++;
	return 0;
}

static int jcontainer(struct jparser *j, char close)
{
	bool object = close == '}';
	const char *key = NULL;
	size_t len = 0;
	long idx = 0;
	int ret;

	j->p++;
	jskip_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;; idx++) {
		if (object) {
			jskip_ws(j);
			if (j->p >= j->end || *j->p != '"')
				return jfail(j, "expected a key");
			ret = jstring(j, &key, &len);
			if (ret)
				return ret;
			jskip_ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return jfail(j, "expected ':'");
		}
		ret = jpush(j, key, len, idx);
		if (!ret)
			ret = jvalue(j);
		j->depth--;
		if (ret)
			return ret;
		jskip_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		return jfail(j, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int jvalue(struct jparser *j)
{
	const char *s;
	size_t len;
	int ret;

	jskip_ws(j);
	if (j->p >= j->end)
		return jfail(j, "unexpected end");
	switch (*j->p) {
	case '{':
		return jcontainer(j, '}');
	case '[':
		return jcontainer(j, ']');
	case '"':
		ret = jstring(j, &s, &len);
		return ret ? ret : jvisit(j, J_STRING, s, len);
	case 't':
		return jliteral(j, "true", J_TRUE);
	case 'f':
		return jliteral(j, "false", J_FALSE);
	case 'n':
		return jliteral(j, "null", J_NULL);
	default:
		ret = jnumber(j, &s, &len);
		return ret ? ret : jvisit(j, J_NUMBER, s, len);
	}
}

int lidds_meta_parse(const char *buf, size_t len, struct lidds_meta *m, const char **why)
{
	struct jparser j = { .p = buf, .end = buf + len, .m = m };
	int ret;

	memset(m, 0, sizeof(*m));
	m->exploit_ns = TRACE_NO_EXPLOIT;
	jskip_ws(&j);
	if (j.p >= j.end || *j.p != '{')
		ret = jfail(&j, "not a json object");
	else
		ret = jvalue(&j);
	jskip_ws(&j);
	if (!ret && j.p != j.end)
		ret = jfail(&j, "trailing data after the object");
	if (!ret && !j.have_exploit)
		ret = jfail(&j, "no \"exploit\" field");
	if (!ret && m->exploit && !j.have_time)
		ret = jfail(&j, "\"exploit\": true without time.exploit[0].absolute");
	if (!m->exploit)
		m->exploit_ns = TRACE_NO_EXPLOIT;
	*why = j.why;
	return ret;
}

int lidds_meta_read_file(const char *path, struct lidds_meta *m, struct trace_err *err)
{
	const char *why = NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	FILE *f;
	int ret = 0;

	f = fopen(path, "rb");
	if (!f) {
		ret = -errno;
		trace_errf(err, "%s: %s", path, strerror(errno));
		return ret;
	}
	do {
		if (n == cap) {
			char *p = cap < (16u << 20) ? realloc(buf, cap + 65536) : NULL;

			if (!p) {
				ret = cap ? -EFBIG : -ENOMEM;
				trace_errf(err, "%s: too large for recording metadata", path);
				goto out;
			}
			buf = p;
			cap += 65536;
		}
		n += fread(buf + n, 1, cap - n, f);
	} while (!feof(f) && !ferror(f));
	if (ferror(f)) {
		ret = -EIO;
		trace_errf(err, "%s: read error", path);
		goto out;
	}
	ret = lidds_meta_parse(buf, n, m, &why);
	if (ret)
		trace_errf(err, "%s: %s", path, why);
out:
	free(buf);
	fclose(f);
	return ret;
}

void lidds_meta_apply(const struct lidds_meta *m, struct recording *r)
{
	r->attack = m->exploit;
	r->exploit_ns = m->exploit ? m->exploit_ns : TRACE_NO_EXPLOIT;
}
