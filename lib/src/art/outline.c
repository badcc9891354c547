/*
 * outline.c - the die-cut stroke around the art's silhouette.
 *
 * The silhouette is every pixel with alpha >= 50%.  An exact Euclidean
 * distance transform (Felzenszwalb and Huttenlocher's lower envelope of
 * parabolas, a column pass then a row pass) gives each pixel its distance
 * d to the nearest silhouette pixel centre.  That pixel's edge is half a
 * pixel nearer, so the stroke covers a pixel fully up to d = W and fades
 * linearly to nothing at d = W + 1: a smooth, anti-aliased outer edge W
 * pixels out.  The stroke goes under the art, so the art's own soft edge
 * blends onto it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "art_internal.h"

#define FAR 1e20

struct stk__outliner {
	uint32_t w, h;
	double width;
	uint8_t color[4];
	float *d2;       /* w*h squared distances */
	double *f, *d, *z;
	uint32_t *v;
};

stk_status stk__outliner_new(uint32_t w, uint32_t h, double width, const uint8_t color[4],
                             stk__outliner **out, stk_error *err)
{
	size_t n = w > h ? w : h;
	stk__outliner *o = calloc(1, sizeof *o);
	*out = NULL;
	if (!o)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	o->w = w;
	o->h = h;
	o->width = width;
	memcpy(o->color, color, 4);
	o->d2 = malloc((size_t)w * h * sizeof *o->d2);
	o->f = malloc(n * sizeof *o->f);
	o->d = malloc(n * sizeof *o->d);
	o->z = malloc((n + 1) * sizeof *o->z);
	o->v = malloc(n * sizeof *o->v);
	if (!o->d2 || !o->f || !o->d || !o->z || !o->v) {
		stk__outliner_free(o);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u outline", w, h);
	}
	*out = o;
	return STK_OK;
}

void stk__outliner_free(stk__outliner *o)
{
	if (!o)
		return;
	free(o->d2);
	free(o->f);
	free(o->d);
	free(o->z);
	free(o->v);
	free(o);
}

/* Where the parabolas rooted at q and p cross. */
static double meet(const double *f, uint32_t q, uint32_t p)
{
	return ((f[q] + (double)q * q) - (f[p] + (double)p * p)) / (2.0 * q - 2.0 * p);
}

/* One dimension: d[q] = min over p of (q - p)^2 + f[p]. */
static void envelope(stk__outliner *o, uint32_t n)
{
	const double *f = o->f;
	double *d = o->d, *z = o->z;
	uint32_t *v = o->v;
	uint32_t k = 0;
	v[0] = 0;
	z[0] = -INFINITY;
	z[1] = INFINITY;
	for (uint32_t q = 1; q < n; q++) {
		double s = meet(f, q, v[k]);
		while (s <= z[k]) /* never past k = 0: z[0] is -inf */
			s = meet(f, q, v[--k]);
		k++;
		v[k] = q;
		z[k] = s;
		z[k + 1] = INFINITY;
	}
	k = 0;
	for (uint32_t q = 0; q < n; q++) {
		while (z[k + 1] < q)
			k++;
		double dq = (double)q - v[k];
		d[q] = dq * dq + f[v[k]];
	}
}

static void distance_transform(stk__outliner *o, const uint8_t *rgba)
{
	const uint32_t w = o->w, h = o->h;
	for (uint32_t x = 0; x < w; x++) {
		bool any = false;
		for (uint32_t y = 0; y < h; y++) {
			bool in = rgba[((size_t)y * w + x) * 4 + 3] >= 128;
			o->f[y] = in ? 0 : FAR;
			any |= in;
		}
		if (any)
			envelope(o, h);
		for (uint32_t y = 0; y < h; y++)
			o->d2[(size_t)y * w + x] = any ? (float)o->d[y] : (float)FAR;
	}
	for (uint32_t y = 0; y < h; y++) {
		float *row = o->d2 + (size_t)y * w;
		for (uint32_t x = 0; x < w; x++)
			o->f[x] = row[x];
		envelope(o, w);
		for (uint32_t x = 0; x < w; x++)
			row[x] = (float)o->d[x];
	}
}

void stk__paint_under(uint8_t *p, const uint8_t color[4], float cov)
{
	float sa = cov * color[3] / 255.0f, a = p[3] / 255.0f;
	float under = sa * (1 - a), oa = a + under;
	if (oa <= 0)
		return;
	for (int c = 0; c < 3; c++) {
		float v = (p[c] * a + color[c] * under) / oa;
		p[c] = (uint8_t)(v >= 255 ? 255 : v + 0.5f);
	}
	p[3] = (uint8_t)(oa * 255 + 0.5f);
}

void stk__outliner_apply(stk__outliner *o, uint8_t *rgba)
{
	const double reach = (o->width + 1) * (o->width + 1);
	distance_transform(o, rgba);
	for (size_t i = 0; i < (size_t)o->w * o->h; i++) {
		if (o->d2[i] >= reach)
			continue;
		float cov = (float)(o->width + 1 - sqrt(o->d2[i]));
		stk__paint_under(rgba + i * 4, o->color, cov > 1 ? 1 : cov);
	}
}
