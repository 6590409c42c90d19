// SPDX-License-Identifier: GPL-2.0
/* The vocabulary: key names -> tokens, token 0 unknown (see stream.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stream.h"

#define KEY_NAME_MAX	256

struct key_count {
	char *name;
	uint64_t count;
};

static int cmp_count(const void *a, const void *b)
{
	const struct key_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int vocab_init(struct vocab *v)
{
	strtab_init(&v->tab);
	return strtab_intern(&v->tab, VOCAB_UNK_NAME, strlen(VOCAB_UNK_NAME)) < 0 ? -ENOMEM : 0;
}

/* Sorted key counts: the vocabulary's order. */
static int count_keys(const struct rec_streams *s, size_t n, const struct strtab *names,
		      const struct stream_opts *o, struct key_count **out, size_t *nkeys)
{
	uint64_t *count = calloc(UINT16_MAX + 1, sizeof(*count));
	char buf[KEY_NAME_MAX];
	struct key_count *kc;
	size_t i, k = 0;
	uint32_t j;
	int ret = 0;

	kc = calloc(UINT16_MAX + 1, sizeof(*kc));
	if (!count || !kc) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < s[i].ntok; j++)
			count[s[i].tok[j]]++;
	}
	for (i = 0; i <= UINT16_MAX && !ret; i++) {
		if (!count[i])
			continue;
		ret = stream_key_name(names, o, i, buf, sizeof(buf));
		if (!ret) {
			kc[k].name = strdup(buf);
			kc[k].count = count[i];
			ret = kc[k++].name ? 0 : -ENOMEM;
		}
	}
	qsort(kc, k, sizeof(*kc), cmp_count);
out:
	free(count);
	if (ret) {
		while (kc && k)
			free(kc[--k].name);
		free(kc);
		return ret;
	}
	*out = kc;
	*nkeys = k;
	return 0;
}

int vocab_build(struct vocab *v, const struct rec_streams *s, size_t n,
		const struct strtab *names, const struct stream_opts *o, unsigned int min_count)
{
	struct key_count *kc;
	size_t nkeys, i;
	int ret;

	ret = vocab_init(v);
	if (!ret)
		ret = count_keys(s, n, names, o, &kc, &nkeys);
	if (ret) {
		vocab_free(v);
		return ret;
	}
	for (i = 0; i < nkeys && !ret; i++) {
		if (kc[i].count >= min_count &&
		    strtab_intern(&v->tab, kc[i].name, strlen(kc[i].name)) < 0)
			ret = -E2BIG;
	}
	for (i = 0; i < nkeys; i++)
		free(kc[i].name);
	free(kc);
	if (ret)
		vocab_free(v);
	return ret;
}

int vocab_from_names(struct vocab *v, const char *const *names, int n)
{
	int i, id;

	if (n < 1 || n > TRACE_MAX_NAMES)
		return -EINVAL;
	strtab_init(&v->tab);
	for (i = 0; i < n; i++) {
		id = names[i] ? strtab_intern(&v->tab, names[i], strlen(names[i])) : -EINVAL;
		if (id != i) {
			vocab_free(v);
			return id < 0 ? id : -EINVAL;
		}
	}
	return 0;
}

void vocab_free(struct vocab *v)
{
	strtab_free(&v->tab);
}

int vocab_token(const struct vocab *v, const char *name)
{
	int id = strtab_find(&v->tab, name, strlen(name));

	return id < 0 ? VOCAB_UNK : id;
}

int vocab_apply(const struct vocab *v, struct rec_streams *s, size_t n,
		const struct strtab *names, const struct stream_opts *o)
{
	uint16_t *map = calloc(UINT16_MAX + 1, sizeof(*map));
	char buf[KEY_NAME_MAX];
	unsigned int key;
	size_t i;
	uint32_t j;

	if (!map)
		return -ENOMEM;
	/* every key the string table can form; unknown names stay 0 */
	for (key = 0; key <= UINT16_MAX; key++) {
		if (!stream_key_name(names, o, key, buf, sizeof(buf)))
			map[key] = (uint16_t)vocab_token(v, buf);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < s[i].ntok; j++)
			s[i].tok[j] = map[s[i].tok[j]];
	}
	free(map);
	return 0;
}
