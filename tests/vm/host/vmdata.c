// SPDX-License-Identifier: GPL-2.0
/*
 * vmdata OUTDIR [DATA_DIR]: the files the VM suite needs from the host.
 *   random.hidsm      a model with random weights over x86_64 syscall names
 *   selfnorm.hidsm    the same kind, self-normalised (one output row a call)
 *   bad-*.hidsm       broken copies of it, one defect each
 *   ngram.hidsm       an n-gram model over the same names (order 8)
 *   bad-ngram-order.hidsm  a copy of it with order 17
 *   ngram-cap.hidsm   the same with its scores capped at ln V (fit --score-cap)
 *   ngram-skip.hidsm  the same with signal returns not scored (fit's default)
 *   ngram-tiny.hidsm  the same from 200 calls (a fuzzer seed)
 *   getppid.hidsm, munmap.hidsm  n-gram models of a loop of that call (order 4)
 *   uring.hidsm       an n-gram model of a program submitting io_uring NOPs
 *   adfa.names        an ADFA-LD attack trace as syscall names (i386 table)
 *   lidds.names       the busiest thread of the LID-DS 2021 recording
 * The .names files need DATA_DIR (../shared/data); without it they are not
 * written and the guest test says SKIP loudly.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/hids_model.h>

#include "fmodel.h"
#include "hids_engine.h"
#include "quantize.h"
#include "sc.h"
#include "syscalls_i386.h"
#include "syscalls_x86_64.h"
#include "random_model.h"

#define NSYS (sizeof(syscalls_x86_64) / sizeof(syscalls_x86_64[0]))

static int put(const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		return -EIO;
	}
	return 0;
}

/* NAME.hidsm: random_vm_ngram()'s model of that many calls, with flags. */
static int put_ngram(const char *out, const char *name, const char *description, size_t calls,
		     unsigned int flags)
{
	unsigned char *blob = NULL;
	char file[128];
	size_t len;
	int ret;

	snprintf(file, sizeof(file), "%s.hidsm", name);
	ret = random_vm_ngram(name, description, calls, flags, &blob, &len);
	ret = ret ?: put(out, file, blob, len);
	free(blob);
	return ret;
}

static int ngram_models(const char *out)
{
	unsigned char *blob;
	size_t len;
	int ret;

	ret = put_ngram(out, "ngram-cap", "capped n-gram of a seeded stream for VM tests", 20000,
			HIDS_MODEL_FLAG_NGRAM_CAP);
	ret = ret ?: put_ngram(out, "ngram-skip", "n-gram skipping signal returns, for VM tests",
			       20000, HIDS_MODEL_FLAG_SKIP_SIGRETURN);
	if (ret)
		return ret;
	ret = random_vm_ngram("ngram", "n-gram of a seeded stream for VM tests", 20000, 0,
			      &blob, &len);
	if (ret)
		return ret;
	ret = put(out, "ngram.hidsm", blob, len);
	blob[offsetof(struct hids_model_header, order)] = 17;
	quantize_seal(blob, len);
	ret = ret ?: put(out, "bad-ngram-order.hidsm", blob, len);
	free(blob);
	if (ret)
		return ret;
	/* Small enough for the model fuzzer's inputs. */
	return put_ngram(out, "ngram-tiny", "n-gram seed for the fuzzer", 200, 0);
}

/*
 * FILE: an n-gram model (order 4, W=16, K=10) over the vocabulary names[v]
 * of pattern (tokens, plen of them) repeated: every other sequence is
 * improbable.
 */
static int pattern_model(const char *out, const char *file, const char **names, int v,
			 const uint16_t *pattern, int plen)
{
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10, .name = file,
				.description = "a repeated pattern, for VM tests" };
	uint16_t seq[4000];
	unsigned char *blob;
	struct ngram_lm g;
	size_t len;
	int i, ret;

	for (i = 0; i < 4000; i++)
		seq[i] = pattern[i % plen];
	ret = ngram_init(&g, 4, v, true) ?: ngram_train(&g, seq, 4000);
	ret = ret ?: ngram_model_blob(&g, &q, &blob, &len);
	ngram_free(&g);
	if (ret)
		return ret;
	ret = put(out, file, blob, len);
	free(blob);
	return ret;
}

/* CALL.hidsm: a loop of one call (t/75: getppid, munmap). */
static int loop_model(const char *out, const char *call)
{
	const char *names[200];
	int v = random_vm_names(names), i;
	char file[64];
	uint16_t tok = 0;

	for (i = 1; i < v; i++)
		if (!strcmp(names[i], call))
			tok = i;
	if (!tok)
		return -EINVAL;
	snprintf(file, sizeof(file), "%s.hidsm", call);
	return pattern_model(out, file, names, v, &tok, 1);
}

/*
 * uring.hidsm: a program that submits io_uring NOPs, one io_uring_enter
 * each, then writes and exits; as the kernel sees it with io_uring
 * requests as calls of their own (t/75).
 */
static int uring_model(const char *out)
{
	static const char *names[] = { "<unk>", "read", "write", "exit_group", "io_uring_enter",
				       "io_uring:nop", "newfstatat" };
	uint16_t pattern[44] = { 1 };
	int i;

	for (i = 0; i < 20; i++) {
		pattern[1 + 2 * i] = 4;
		pattern[2 + 2 * i] = 5;
	}
	pattern[41] = 6;	/* printf: stdout's buffer */
	pattern[42] = 2;
	pattern[43] = 3;
	return pattern_model(out, "uring.hidsm", names, 7, pattern, 44);
}

static int models(const char *out)
{
	unsigned char *blob, *b;
	size_t len;
	int ret;

	ret = random_vm_model("selfnorm", "random weights, self-normalised", true, &blob, &len);
	ret = ret ?: put(out, "selfnorm.hidsm", blob, len);
	free(blob);
	ret = ret ?: random_vm_model("random", "random weights for VM tests", false, &blob, &len);
	if (ret)
		return ret;
	b = malloc(len);
	ret = put(out, "random.hidsm", blob, len);
	ret = ret ?: put(out, "bad-truncated.hidsm", blob, len - 100);
	memcpy(b, blob, len);
	b[len / 2] ^= 1;
	ret = ret ?: put(out, "bad-crc.hidsm", b, len);
	memcpy(b, blob, len);
	b[4] = 9;	/* no such version */
	quantize_seal(b, len);
	ret = ret ?: put(out, "bad-version.hidsm", b, len);
	memcpy(b, blob, len);
	b[14] = 0;
	b[15] = 4;	/* hidden 1024 */
	quantize_seal(b, len);
	ret = ret ?: put(out, "bad-hidden.hidsm", b, len);
	memcpy(b, blob, len);
	b[16] = 3;	/* 3 layers */
	quantize_seal(b, len);
	ret = ret ?: put(out, "bad-layers.hidsm", b, len);
	free(b);
	free(blob);
	return ret ?: ngram_models(out) ?: loop_model(out, "getppid") ?: loop_model(out, "munmap") ?: uring_model(out);
}

static int adfa(const char *out, const char *data)
{
	char path[4096];
	FILE *in, *o;
	unsigned int nr;

	snprintf(path, sizeof(path), "%s/adfa-ld/Attack_Data_Master/Adduser_1/UAD-Adduser-1-1371.txt",
		 data);
	in = fopen(path, "r");
	if (!in) {
		fprintf(stderr, "vmdata: SKIP adfa.names: %s: %s\n", path, strerror(errno));
		return 0;
	}
	snprintf(path, sizeof(path), "%s/adfa.names", out);
	o = fopen(path, "w");
	if (!o)
		return -errno;
	while (fscanf(in, "%u", &nr) == 1)
		if (nr < sizeof(syscalls_i386) / sizeof(syscalls_i386[0]) && syscalls_i386[nr])
			fprintf(o, "%s\n", syscalls_i386[nr]);
	fclose(in);
	return fclose(o) ? -EIO : 0;
}

static int lidds(const char *out, const char *data)
{
	char path[4096], line[8192];
	struct sc_event ev;
	const char *why;
	FILE *in, *o;
	long counts[4096] = { 0 }, tids[4096] = { 0 }, best = -1;
	int n = 0, i;

	snprintf(path, sizeof(path),
		 "%s/lid-ds/lid-ds-2021-format/aggressive_nightingale_1018/aggressive_nightingale_1018.sc",
		 data);
	in = fopen(path, "r");
	if (!in) {
		fprintf(stderr, "vmdata: SKIP lidds.names: %s: %s\n", path, strerror(errno));
		return 0;
	}
	while (fgets(line, sizeof(line), in)) {
		if (sc_parse_line(line, &ev, &why) || ev.dir != '>')
			continue;
		for (i = 0; i < n && tids[i] != ev.tid; i++)
			;
		if (i == n && n < 4096)
			tids[n++] = ev.tid;
		counts[i]++;
	}
	for (i = 0; i < n; i++)
		if (best < 0 || counts[i] > counts[best])
			best = i;
	if (best < 0) {
		fclose(in);
		return -EINVAL;
	}
	rewind(in);
	snprintf(path, sizeof(path), "%s/lidds.names", out);
	o = fopen(path, "w");
	if (!o)
		return -errno;
	while (fgets(line, sizeof(line), in))
		if (!sc_parse_line(line, &ev, &why) && ev.dir == '>' && ev.tid == tids[best])
			fprintf(o, "%s\n", ev.name);
	fclose(in);
	return fclose(o) ? -EIO : 0;
}

int main(int argc, char **argv)
{
	int ret;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: vmdata OUTDIR [DATA_DIR]\n");
		return 2;
	}
	hids_engine_init();
	ret = models(argv[1]);
	if (!ret && argc == 3)
		ret = adfa(argv[1], argv[2]);
	if (!ret && argc == 3)
		ret = lidds(argv[1], argv[2]);
	if (ret)
		fprintf(stderr, "vmdata: %s\n", strerror(-ret));
	return ret ? 1 : 0;
}
