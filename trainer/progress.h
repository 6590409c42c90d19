/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Training progress: on a terminal one line redrawn in place (epoch, bar,
 * step, loss, tokens/s, ETA) and a line kept per epoch; anywhere else
 * only the per-epoch lines, so logs stay readable.
 */
#ifndef HIDS_PROGRESS_H
#define HIDS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct progress {
	FILE *f;		/* NULL: silent */
	bool tty;
	int epochs;		/* at most */
	size_t epoch_tokens;	/* loss terms in one epoch */
	size_t done;		/* loss terms trained over so far */
	double t0, last;	/* start, last redraw (seconds) */
};

/* Monotonic seconds. */
double progress_now(void);

void progress_init(struct progress *p, FILE *f, int epochs, size_t epoch_tokens);

/* After each step: tokens this epoch so far, the recent loss, the rate. */
void progress_step(struct progress *p, int epoch, long step, size_t tokens, double loss,
		   double tokens_per_s);

/* valid_loss NAN without validation data. */
void progress_epoch(struct progress *p, int epoch, double train_loss, double valid_loss,
		    bool best, double tokens_per_s, double seconds);

#endif
