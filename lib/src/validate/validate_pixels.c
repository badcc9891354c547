/*
 * validate_pixels.c - what the art-director checks look at in the pixels:
 * how much of a frame shows, where the art sits on the canvas, whether the
 * background is transparent, and a hash to spot duplicate stickers.
 * They are gathered frame by frame as a file is decoded (only frame 0's
 * alpha plane is kept, until the last frame has widened the art's box), so
 * validating a long animation holds one or two frames, not all of them.
 */
#include <stdlib.h>
#include <string.h>
#include "validate_internal.h"

/* Pixels fainter than this are treated as empty canvas: soft shadows and
 * antialiasing dust should not count as art. */
#define VISIBLE_ALPHA 32

/* The share of a frame's pixels that show. */
static double visible_fraction(const uint8_t *px, size_t n)
{
	size_t shown = 0;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		shown += px[i * 4 + 3] >= VISIBLE_ALPHA;
	return (double)shown / (double)n;
}

/* One colour over the whole frame (an opaque blank frame). */
static bool frame_is_flat(const uint8_t *px, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (int c = 0; c < 4; c++)
			if (abs(px[i * 4 + c] - px[c]) > 8)
				return false;
	return true;
}

/* An FNV-style hash, 8 bytes a step, over size, frame count and pixels
 * (frames are width*4*height bytes, a multiple of 4; a tail is mixed in). */
static uint64_t mix(uint64_t h, const uint8_t *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

void stk__pixels_begin(stk__pixel_facts *pf, uint32_t w, uint32_t h)
{
	uint32_t head[2] = { w, h };
	memset(pf, 0, sizeof *pf);
	pf->w = w;
	pf->h = h;
	pf->hash = mix(0xcbf29ce484222325ull, (const uint8_t *)head, sizeof head);
	stk__trim_init(&pf->trim, VISIBLE_ALPHA - 1, NULL);
}

stk_status stk__pixels_frame(stk__pixel_facts *pf, const uint8_t *rgba, stk_error *err)
{
	size_t n = (size_t)pf->w * pf->h;
	stk_alpha a = stk__alpha_of(rgba, n);
	if (pf->frames == 0) {
		pf->first_visible = visible_fraction(rgba, n);
		pf->first_flat = frame_is_flat(rgba, n);
		if (!(pf->first_alpha = malloc(n ? n : 1)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u alpha plane",
			                 pf->w, pf->h);
		for (size_t i = 0; i < n; i++)
			pf->first_alpha[i] = rgba[i * 4 + 3];
	}
	pf->alpha = a > pf->alpha ? a : pf->alpha;
	STK_TRY(stk__trim_add(&pf->trim, rgba, pf->w, pf->h, NULL, err));
	pf->hash = mix(pf->hash, rgba, n * 4);
	pf->frames++;
	return STK_OK;
}

/* The corners of the art's box, not of the canvas: a photo or an opaque
 * square keeps its background inside the transparent margin convert adds. */
void stk__pixels_end(stk__pixel_facts *pf)
{
	const uint8_t *a = pf->first_alpha;
	uint32_t w = pf->w;
	const stk_rect *r = &pf->trim.box;
	pf->box = pf->trim.have;
	if (pf->box) {
		pf->x0 = r->x;
		pf->y0 = r->y;
		pf->x1 = r->x + r->w - 1;
		pf->y1 = r->y + r->h - 1;
	}
	stk__trim_release(&pf->trim);
	pf->corners_opaque = a && pf->box;
	if (pf->corners_opaque) {
		size_t corners[4] = { (size_t)pf->y0 * w + pf->x0, (size_t)pf->y0 * w + pf->x1,
		                      (size_t)pf->y1 * w + pf->x0, (size_t)pf->y1 * w + pf->x1 };
		for (int i = 0; i < 4; i++)
			pf->corners_opaque = pf->corners_opaque && a[corners[i]] == 255;
	}
	free(pf->first_alpha);
	pf->first_alpha = NULL;
	pf->hash = mix(pf->hash, (const uint8_t *)&pf->frames, sizeof pf->frames);
	if (!pf->hash)
		pf->hash = 1;
	pf->have = pf->frames > 0;
}

void stk__pixels_release(stk__pixel_facts *pf)
{
	free(pf->first_alpha);
	stk__trim_release(&pf->trim);
	memset(pf, 0, sizeof *pf);
}

stk_status stk__pixels_of_image(stk__pixel_facts *pf, const stk_image *img, stk_error *err)
{
	stk__pixels_begin(pf, stk_image_width(img), stk_image_height(img));
	for (uint32_t i = 0; i < stk_image_frame_count(img); i++) {
		stk_status s = stk__pixels_frame(pf, stk_image_frame_rgba_const(img, i), err);
		if (s != STK_OK) {
			stk__pixels_release(pf);
			return s;
		}
	}
	stk__pixels_end(pf);
	return STK_OK;
}
