// SPDX-License-Identifier: GPL-2.0
/* ROC curves as SVG (see plot_svg.h). */
#include <errno.h>
#include <string.h>

#include "plot_svg.h"

/* Layout in px: the square plot area and the margins around it. */
#define LEFT	72
#define TOP	48
#define SIDE	400
#define WIDTH	(LEFT + SIDE + 32)
#define HEIGHT	(TOP + SIDE + 56)

static const char *const colors[PLOT_MAX_CURVES] = {
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
};

static void xml_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			/* XML 1.0 allows no other control characters. */
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
				fputc(*s, f);
		}
	}
}

static double px_x(double far)
{
	return LEFT + far * SIDE;
}

static double px_y(double dr)
{
	return TOP + (1 - dr) * SIDE;
}

static void axes(FILE *f)
{
	int i;

	for (i = 0; i <= 5; i++) {
		double v = i / 5.0;

		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>\n",
			px_x(v), TOP, px_x(v), TOP + SIDE);
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>\n",
			LEFT, px_y(v), LEFT + SIDE, px_y(v));
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>\n",
			px_x(v), TOP + SIDE + 18, v);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>\n",
			LEFT - 8, px_y(v) + 4, v);
	}
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
		"stroke=\"#333\"/>\n", LEFT, TOP, SIDE, SIDE);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" "
		"stroke-dasharray=\"4 4\"/>\n", LEFT, TOP + SIDE, LEFT + SIDE, TOP);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">False alarm rate</text>\n",
		LEFT + SIDE / 2, TOP + SIDE + 42);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		"transform=\"rotate(-90 %d %d)\">Detection rate</text>\n",
		LEFT - 44, TOP + SIDE / 2, LEFT - 44, TOP + SIDE / 2);
}

static bool drawable(const struct plot_curve *c)
{
	return c->roc && c->roc->n_normal && c->roc->n_attack;
}

static void curve(FILE *f, const struct plot_curve *c, const char *color)
{
	size_t i;

	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", color,
		c->dashed ? " stroke-dasharray=\"7 4\"" : "");
	for (i = 0; i < c->roc->n; i++)
		fprintf(f, "%s%.2f,%.2f", i ? " " : "", px_x(c->roc->pt[i].far),
			px_y(c->roc->pt[i].dr));
	fputs("\"/>\n", f);
}

/* Legend width in px: about 7 px a character at font size 12. */
static int legend_width(const struct plot_curve *c, size_t n)
{
	size_t i, len, most = 0;

	for (i = 0; i < n; i++) {
		len = c[i].label ? strlen(c[i].label) : 0;
		if (drawable(&c[i]) && len > most)
			most = len;
	}
	most += strlen(" (AUC 0.000)");
	return most > (SIDE - 70) / 7 ? SIDE - 16 : 54 + 7 * (int)most;
}

/* In the plot's empty lower right corner, one line per drawn curve. */
static void legend(FILE *f, const struct plot_curve *c, size_t n, size_t shown)
{
	int w = legend_width(c, n), x = LEFT + SIDE - 8 - w;
	int y = TOP + SIDE - 12 - 20 * (int)shown;
	size_t i;

	if (!shown)
		return;
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" "
		"stroke=\"#999\"/>\n", x, y - 4, w, 20 * (int)shown + 8);
	for (i = 0; i < n; i++) {
		if (!drawable(&c[i]))
			continue;
		y += 20;
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			"stroke-width=\"2\"%s/>\n", x + 8, y - 4, x + 36, y - 4, colors[i],
			c[i].dashed ? " stroke-dasharray=\"7 4\"" : "");
		fprintf(f, "<text x=\"%d\" y=\"%d\">", x + 44, y);
		xml_text(f, c[i].label);
		fprintf(f, " (AUC %.3f)</text>\n", c[i].roc->auc);
	}
}

int plot_roc_svg(FILE *f, const char *title, const struct plot_curve *c, size_t n)
{
	size_t i, shown = 0;

	if (n > PLOT_MAX_CURVES)
		return -EINVAL;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
		WIDTH, HEIGHT, WIDTH, HEIGHT);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"15\">",
		LEFT + SIDE / 2, TOP - 18);
	xml_text(f, title);
	fputs("</text>\n", f);
	axes(f);
	for (i = 0; i < n; i++) {
		if (drawable(&c[i])) {
			curve(f, &c[i], colors[i]);
			shown++;
		}
	}
	legend(f, c, n, shown);
	fputs("</svg>\n", f);
	if (fflush(f) || ferror(f))
		return -EIO;
	return 0;
}
