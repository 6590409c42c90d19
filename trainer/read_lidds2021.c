// SPDX-License-Identifier: GPL-2.0
/*
 * LID-DS 2021 recordings: NAME.zip holding NAME.sc (the calls), NAME.json
 * (metadata: exploit flag and time), NAME.res and NAME.pcap.  The .sc
 * member is decompressed while it is parsed, never written to disk, as the
 * framework's Recording2021 reads it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "readers.h"

#define META_MAX	(16u << 20)

static int zip_open_err(const char *path, zip_t **za, struct trace_err *err)
{
	zip_error_t ze;
	int code;

	*za = zip_open(path, ZIP_RDONLY, &code);
	if (*za)
		return 0;
	zip_error_init_with_code(&ze, code);
	trace_errf(err, "%s: not a readable zip: %s", path, zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return code == ZIP_ER_OPEN || code == ZIP_ER_NOENT ? -ENOENT : -EINVAL;
}

static int member_open(zip_t *za, const char *path, const char *member, zip_file_t **zf,
		       struct trace_err *err)
{
	*zf = zip_fopen(za, member, 0);
	if (*zf)
		return 0;
	trace_errf(err, "%s: member %s: %s", path, member,
		   zip_error_strerror(zip_get_error(za)));
	return zip_name_locate(za, member, 0) < 0 ? -ENOENT : -EIO;
}

static int read_meta(zip_t *za, const char *path, const char *name, struct lidds_meta *m,
		     struct trace_err *err)
{
	char member[4096], *buf = NULL;
	const char *why = NULL;
	zip_file_t *zf;
	zip_stat_t st;
	zip_int64_t n;
	int ret;

	snprintf(member, sizeof(member), "%s.json", name);
	ret = member_open(za, path, member, &zf, err);
	if (ret)
		return ret;
	if (zip_stat(za, member, 0, &st) || !(st.valid & ZIP_STAT_SIZE) || st.size > META_MAX) {
		trace_errf(err, "%s: member %s: no size or larger than 16 MiB", path, member);
		ret = -EINVAL;
		goto out;
	}
	buf = malloc(st.size + 1);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	n = zip_fread(zf, buf, st.size);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		trace_errf(err, "%s: member %s: %s", path, member,
			   n < 0 ? zip_error_strerror(zip_file_get_error(zf)) : "short read");
		ret = -EIO;
		goto out;
	}
	ret = lidds_meta_parse(buf, st.size, m, &why);
	if (ret)
		trace_errf(err, "%s: member %s: %s", path, member, why);
out:
	free(buf);
	zip_fclose(zf);
	return ret;
}

int lidds2021_read_meta(struct recording *r, struct trace_err *err)
{
	struct lidds_meta m;
	zip_t *za;
	int ret;

	ret = zip_open_err(r->path, &za, err);
	if (ret)
		return ret;
	ret = read_meta(za, r->path, r->name, &m, err);
	if (!ret)
		lidds_meta_apply(&m, r);
	zip_discard(za);
	return ret;
}

static long member_read(void *src, char *buf, size_t len)
{
	zip_int64_t n = zip_fread(src, buf, len);

	return n < 0 ? -EIO : (long)n;
}

int lidds2021_read(struct recording *r, struct strtab *names, struct trace_err *err)
{
	char member[4096], where[8192];
	struct line_reader lr;
	zip_file_t *zf;
	zip_t *za;
	int ret;

	ret = zip_open_err(r->path, &za, err);
	if (ret)
		return ret;
	snprintf(member, sizeof(member), "%s.sc", r->name);
	ret = member_open(za, r->path, member, &zf, err);
	if (ret)
		goto out;
	snprintf(where, sizeof(where), "%s: member %s", r->path, member);
	lr_init(&lr, member_read, zf);
	ret = sc_read_lines(&lr, r, names, where, err);
	lr_free(&lr);
	zip_fclose(zf);
out:
	zip_discard(za);
	return ret;
}
