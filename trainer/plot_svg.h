/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ROC curves as a standalone SVG picture: false-alarm rate across,
 * detection rate up, a grid, the chance diagonal, one line per curve
 * through its operating points, and a legend with each curve's AUC.
 * Written by hand, no library; opens in any browser.
 */
#ifndef HIDS_PLOT_SVG_H
#define HIDS_PLOT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "roc.h"

#define PLOT_MAX_CURVES	10

struct plot_curve {
	const char *label;
	const struct roc *roc;	/* a curve without both classes is left out */
	bool dashed;		/* tell apart curves that nearly coincide */
};

/* 0; -EINVAL for more than PLOT_MAX_CURVES; -EIO when the stream failed. */
int plot_roc_svg(FILE *f, const char *title, const struct plot_curve *c, size_t n);

#endif
