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
#define DASHED	" stroke-dasharray=\"7 4\""

static const char *const colors[PLOT_MAX_CURVES] = {
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
	"#7f7f7f", "#bcbd22", "#17becf",
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

/* A line; style holds its other attributes. */
static void svg_line(FILE *f, double x1, double y1, double x2, double y2, const char *style)
{
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>\n",
		x1, y1, x2, y2, style);
}

static void svg_rect(FILE *f, double x, double y, double w, double h, const char *style)
{
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s/>\n",
		x, y, w, h, style);
}

/* Text at (x, y); the caller writes the body and closes it. */
static void svg_text(FILE *f, double x, double y, const char *attrs)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
}

static void axes(FILE *f)
{
	int i;

	for (i = 0; i <= 5; i++) {
		double v = i / 5.0;

		svg_line(f, px_x(v), TOP, px_x(v), TOP + SIDE, "stroke=\"#e0e0e0\"");
		svg_line(f, LEFT, px_y(v), LEFT + SIDE, px_y(v), "stroke=\"#e0e0e0\"");
		svg_text(f, px_x(v), TOP + SIDE + 18, "text-anchor=\"middle\"");
		fprintf(f, "%.1f</text>\n", v);
		svg_text(f, LEFT - 8, px_y(v) + 4, "text-anchor=\"end\"");
		fprintf(f, "%.1f</text>\n", v);
	}
	svg_rect(f, LEFT, TOP, SIDE, SIDE, "fill=\"none\" stroke=\"#333\"");
	svg_line(f, LEFT, TOP + SIDE, LEFT + SIDE, TOP, "stroke=\"#999\" stroke-dasharray=\"4 4\"");
	svg_text(f, LEFT + SIDE / 2, TOP + SIDE + 42, "text-anchor=\"middle\"");
	fputs("False alarm rate</text>\n", f);
	fprintf(f, "<g transform=\"rotate(-90 %d %d)\">", LEFT - 44, TOP + SIDE / 2);
	svg_text(f, LEFT - 44, TOP + SIDE / 2, "text-anchor=\"middle\"");
	fputs("Detection rate</text></g>\n", f);
}

static bool drawable(const struct plot_curve *c)
{
	return c->roc && c->roc->n_normal && c->roc->n_attack;
}

static void curve(FILE *f, const struct plot_curve *c, const char *color)
{
	size_t i;

	fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"",
		color, c->dashed ? DASHED : "");
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
	char style[96];
	size_t i;

	if (!shown)
		return;
	svg_rect(f, x, y - 4, w, 20 * (int)shown + 8, "fill=\"white\" stroke=\"#999\"");
	for (i = 0; i < n; i++) {
		if (!drawable(&c[i]))
			continue;
		y += 20;
		snprintf(style, sizeof(style), "stroke=\"%s\" stroke-width=\"2\"%s", colors[i],
			 c[i].dashed ? DASHED : "");
		svg_line(f, x + 8, y - 4, x + 36, y - 4, style);
		svg_text(f, x + 44, y, "");
		xml_text(f, c[i].label);
		fprintf(f, " (AUC %.3f)</text>\n", c[i].roc->auc);
	}
}

int plot_roc_svg(FILE *f, const char *title, const struct plot_curve *c, size_t n)
{
	size_t i, shown = 0;

	if (n > PLOT_MAX_CURVES)
		return -EINVAL;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\"",
		WIDTH, HEIGHT);
	fprintf(f, " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
		WIDTH, HEIGHT);
	svg_rect(f, 0, 0, WIDTH, HEIGHT, "fill=\"white\"");
	svg_text(f, LEFT + SIDE / 2, TOP - 18, "text-anchor=\"middle\" font-size=\"15\"");
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
