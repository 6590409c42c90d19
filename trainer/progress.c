// SPDX-License-Identifier: GPL-2.0
/* The training progress line (terminal) or per-epoch lines (logs). */
#include <math.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define BAR_WIDTH 20
#define REDRAW_S 0.1

double progress_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void progress_init(struct progress *p, FILE *f, int epochs, size_t epoch_tokens)
{
	p->f = f;
	p->tty = f && isatty(fileno(f));
	p->epochs = epochs;
	p->epoch_tokens = epoch_tokens ? epoch_tokens : 1;
	p->done = 0;
	p->t0 = progress_now();
	p->last = 0;
}

/* "1h02m", "3m07s", "12s" */
static void fmt_duration(char *buf, size_t size, double s)
{
	unsigned long t = s > 0 && s < 1e8 ? (unsigned long)s : 0;

	if (t >= 3600)
		snprintf(buf, size, "%luh%02lum", t / 3600, t / 60 % 60);
	else if (t >= 60)
		snprintf(buf, size, "%lum%02lus", t / 60, t % 60);
	else
		snprintf(buf, size, "%lus", t);
}

void progress_step(struct progress *p, int epoch, long step, size_t tokens, double loss,
		   double tokens_per_s)
{
	double now = progress_now(), frac, left;
	char bar[BAR_WIDTH + 1], eta[32];
	int i, fill;

	if (!p->tty || now - p->last < REDRAW_S)
		return;
	p->last = now;
	frac = (double)tokens / p->epoch_tokens;
	frac = frac > 1 ? 1 : frac;
	fill = (int)(frac * BAR_WIDTH);
	for (i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	/* Up to the last epoch: early stopping can only make it shorter. */
	left = ((double)(p->epochs - epoch + 1) * p->epoch_tokens - tokens) /
	       (tokens_per_s > 0 ? tokens_per_s : 1);
	fmt_duration(eta, sizeof(eta), left);
	fprintf(p->f, "\repoch %d/%d [%s] %3.0f%% step %ld loss %.4f %.0f tok/s ETA %s\033[K",
		epoch, p->epochs, bar, frac * 100, step, loss, tokens_per_s, eta);
	fflush(p->f);
}

void progress_epoch(struct progress *p, int epoch, double train_loss, double valid_loss,
		    bool best, double tokens_per_s, double seconds)
{
	char took[32];

	if (!p->f)
		return;
	fmt_duration(took, sizeof(took), seconds);
	fprintf(p->f, "%sepoch %d/%d: train loss %.4f", p->tty ? "\r" : "", epoch, p->epochs,
		train_loss);
	if (!isnan(valid_loss))
		fprintf(p->f, ", valid loss %.4f%s", valid_loss, best ? " (best)" : "");
	fprintf(p->f, ", %.0f tok/s, %s%s\n", tokens_per_s, took, p->tty ? "\033[K" : "");
	fflush(p->f);
}
