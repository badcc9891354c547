/*
 * validate_pixels.c - what the art-director checks look at in the pixels:
 * how much of a frame shows, where the art sits on the canvas, whether the
 * background is transparent, and a hash to spot duplicate stickers.
 */
#include <stdlib.h>
#include <string.h>
#include "art_internal.h"
#include "validate_internal.h"

/* Pixels fainter than this are treated as empty canvas: soft shadows and
 * antialiasing dust should not count as art. */
#define VISIBLE_ALPHA 32

double stk__visible_fraction(const stk_image *img, uint32_t frame)
{
	const uint8_t *px = stk_image_frame_rgba_const(img, frame);
	size_t n = (size_t)stk_image_width(img) * stk_image_height(img), shown = 0;
	if (!px || n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		shown += px[i * 4 + 3] >= VISIBLE_ALPHA;
	return (double)shown / (double)n;
}

/* One colour over the whole frame (an opaque blank frame). */
bool stk__frame_is_flat(const stk_image *img, uint32_t frame)
{
	const uint8_t *px = stk_image_frame_rgba_const(img, frame);
	size_t n = (size_t)stk_image_width(img) * stk_image_height(img);
	if (!px)
		return false;
	for (size_t i = 1; i < n; i++)
		for (int c = 0; c < 4; c++)
			if (abs(px[i * 4 + c] - px[c]) > 8)
				return false;
	return true;
}

bool stk__art_box(const stk_image *img, uint32_t *x0, uint32_t *y0, uint32_t *x1,
                  uint32_t *y1)
{
	stk_rect r;
	if (!stk__trim_image(img, VISIBLE_ALPHA - 1, &r))
		return false;
	*x0 = r.x;
	*y0 = r.y;
	*x1 = r.x + r.w - 1;
	*y1 = r.y + r.h - 1;
	return true;
}

/* The corners of the art's box, not of the canvas: a photo or an opaque
 * square keeps its background inside the transparent margin convert adds. */
bool stk__opaque_corners(const stk_image *img)
{
	const uint8_t *px = stk_image_frame_rgba_const(img, 0);
	uint32_t w = stk_image_width(img), x0, y0, x1, y1;
	if (!px || !stk__art_box(img, &x0, &y0, &x1, &y1))
		return false;
	size_t corners[4] = { (size_t)y0 * w + x0, (size_t)y0 * w + x1, (size_t)y1 * w + x0,
	                      (size_t)y1 * w + x1 };
	for (int i = 0; i < 4; i++)
		if (px[corners[i] * 4 + 3] != 255)
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

uint64_t stk__pixel_hash(const stk_image *img)
{
	uint32_t head[3] = { stk_image_width(img), stk_image_height(img),
	                     stk_image_frame_count(img) };
	uint64_t h = mix(0xcbf29ce484222325ull, (const uint8_t *)head, sizeof head);
	size_t n = (size_t)head[0] * head[1] * 4;
	for (uint32_t f = 0; f < head[2]; f++)
		h = mix(h, stk_image_frame_rgba_const(img, f), n);
	return h ? h : 1;
}
