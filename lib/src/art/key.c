/*
 * key.c - a flat background colour to transparency.
 *
 * A flood fill from the frame's border, not a global colour replace: a
 * white background goes, a character's white eyes (enclosed by its
 * outline) stay.  The fill moves between 4-neighbours whose largest
 * channel difference from the key is within the tolerance; transparent
 * pixels count as background.
 *
 * Soft edges: the anti-aliased ring of pixels around the filled region is
 * a mix of the art and the key colour.  Each is unmixed as a colour-to-
 * alpha does: the least alpha that explains it as art over the key, and
 * the art colour that gives it back exactly over the key.
 */
#include <stdlib.h>
#include <string.h>
#include "art_internal.h"

enum { OUTSIDE = 0, REGION = 1 };

static bool matches(const uint8_t *p, const uint8_t key[4], int tol)
{
	if (p[3] == 0)
		return true;
	for (int c = 0; c < 3; c++) {
		int d = p[c] - key[c];
		if (d > tol || d < -tol)
			return false;
	}
	return true;
}

struct fill {
	uint8_t *rgba;
	uint32_t w, h;
	const uint8_t *key;
	int tol;
	uint8_t *mask;
	uint32_t *stack;
	size_t top;
};

static void visit(struct fill *f, uint32_t x, uint32_t y)
{
	size_t i = (size_t)y * f->w + x;
	if (f->mask[i] == OUTSIDE && matches(f->rgba + i * 4, f->key, f->tol)) {
		f->mask[i] = REGION;
		f->stack[f->top++] = (uint32_t)i;
	}
}

static void flood(struct fill *f)
{
	for (uint32_t x = 0; x < f->w; x++) {
		visit(f, x, 0);
		visit(f, x, f->h - 1);
	}
	for (uint32_t y = 0; y < f->h; y++) {
		visit(f, 0, y);
		visit(f, f->w - 1, y);
	}
	while (f->top) {
		uint32_t i = f->stack[--f->top];
		uint32_t x = i % f->w, y = i / f->w;
		if (x > 0)
			visit(f, x - 1, y);
		if (x + 1 < f->w)
			visit(f, x + 1, y);
		if (y > 0)
			visit(f, x, y - 1);
		if (y + 1 < f->h)
			visit(f, x, y + 1);
	}
}

static bool next_to_region(const struct fill *f, uint32_t x, uint32_t y)
{
	uint32_t x0 = x ? x - 1 : 0, x1 = x + 1 < f->w ? x + 1 : x;
	uint32_t y0 = y ? y - 1 : 0, y1 = y + 1 < f->h ? y + 1 : y;
	for (uint32_t yy = y0; yy <= y1; yy++)
		for (uint32_t xx = x0; xx <= x1; xx++)
			if (f->mask[(size_t)yy * f->w + xx] == REGION)
				return true;
	return false;
}

/* p = a*F + (1-a)*K: the least a with F inside 0..255, then F. */
static void unmix(uint8_t *p, const uint8_t key[4], int tol)
{
	float a = 0;
	for (int c = 0; c < 3; c++) {
		float range = p[c] > key[c] ? 255.0f - key[c] : key[c];
		float r = range > 0 ? (float)abs(p[c] - key[c]) / range : 0;
		a = r > a ? r : a;
	}
	/* Within the tolerance is background: alpha ramps up from there. */
	float t = tol / 255.0f;
	float soft = t < 1 ? (a - t) / (1 - t) : 0;
	if (soft <= 0 || a <= 0) {
		memset(p, 0, 4);
		return;
	}
	for (int c = 0; c < 3; c++) {
		float v = key[c] + (p[c] - key[c]) / a;
		p[c] = (uint8_t)(v <= 0 ? 0 : v >= 255 ? 255 : v + 0.5f);
	}
	p[3] = (uint8_t)(p[3] * (soft > 1 ? 1 : soft) + 0.5f);
}

struct stk__keyer {
	uint32_t w, h;
	uint8_t *mask;   /* w*h: OUTSIDE or REGION */
	uint32_t *stack; /* w*h: the fill's pending pixels */
};

stk_status stk__keyer_new(uint32_t w, uint32_t h, stk__keyer **out, stk_error *err)
{
	size_t n = (size_t)w * h;
	stk__keyer *k = calloc(1, sizeof *k);
	*out = NULL;
	if (!k)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	k->w = w;
	k->h = h;
	k->mask = malloc(n);
	k->stack = malloc(n * sizeof *k->stack);
	if (!k->mask || !k->stack) {
		stk__keyer_free(k);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for keying a %ux%u frame", w, h);
	}
	*out = k;
	return STK_OK;
}

void stk__keyer_free(stk__keyer *k)
{
	if (!k)
		return;
	free(k->mask);
	free(k->stack);
	free(k);
}

void stk__keyer_apply(stk__keyer *k, uint8_t *rgba, const uint8_t key[4], uint8_t tolerance)
{
	uint32_t w = k->w, h = k->h;
	struct fill f = { rgba, w, h, key, tolerance, k->mask, k->stack, 0 };
	memset(k->mask, OUTSIDE, (size_t)w * h);
	flood(&f);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			if (f.mask[i] == REGION)
				memset(rgba + i * 4, 0, 4);
			else if (next_to_region(&f, x, y))
				unmix(rgba + i * 4, key, tolerance);
		}
}

stk_status stk__key_frame(uint8_t *rgba, uint32_t w, uint32_t h, const uint8_t key[4],
                          uint8_t tolerance, stk_error *err)
{
	stk__keyer *k;
	STK_TRY(stk__keyer_new(w, h, &k, err));
	stk__keyer_apply(k, rgba, key, tolerance);
	stk__keyer_free(k);
	return STK_OK;
}
