/*
 * stabilise.c - temporal-noise stabilisation for GIF- and video-like
 * animations.  Grain drawn anew in every frame makes every pixel "change",
 * so WebPAnimEncoder codes whole frames (performance.md B.15a: 477 KB
 * against 35 KB for the same art).  An 8x8 block whose every pixel is
 * within a small threshold of the previous *output* frame is copied from
 * it: static parts become identical, and because the comparison is with
 * what was output, the error never grows past the threshold however slowly
 * a region drifts.
 *
 * Whole blocks, not single pixels: smooth art that moves a pixel differs
 * by a level or two almost everywhere, and copying only the pixels within
 * the threshold left a salt of old and new pixels that costs VP8 far more
 * than it saves (a bouncing 512x512 hamster: +48% bytes at q75, every
 * frame a keyframe).  A block is taken whole from one frame or the other.
 */
#include <string.h>
#include "art_internal.h"

static inline int absdiff(int a, int b)
{
	return a > b ? a - b : b - a;
}

/* Whether pixel p is, to the eye, the same as q: alpha within t, and each
 * colour channel within t once weighted by the more opaque alpha. */
static inline bool same(const uint8_t *p, const uint8_t *q, int t)
{
	int a = p[3] > q[3] ? p[3] : q[3];
	if (absdiff(p[3], q[3]) > t)
		return false;
	if (a == 0)
		return true;
	for (int c = 0; c < 3; c++)
		if (absdiff(p[c], q[c]) * a > t * 255)
			return false;
	return true;
}

static inline bool equal(const uint8_t *p, const uint8_t *q)
{
	return p[0] == q[0] && p[1] == q[1] && p[2] == q[2] && p[3] == q[3];
}

#define BLOCK 8   /* copied or kept whole; 8x8 is WebPAnimEncoder's own unit */
#define COUNT 16  /* change is counted in these: a VP8 macroblock */

struct block {
	uint32_t x0, y0, x1, y1; /* pixels [x0, x1) x [y0, y1) */
};

/* Pixels of block b that differ from prev, the box around them (in `box`,
 * inclusive) and whether every one is within the threshold. */
static size_t differing(const uint8_t *cur, const uint8_t *prev, uint32_t w,
                        const struct block *b, int t, struct block *box, bool *similar)
{
	size_t n = 0;
	*box = (struct block){ b->x1, b->y1, 0, 0 };
	*similar = t > 0;
	for (uint32_t y = b->y0; y < b->y1; y++)
		for (uint32_t x = b->x0; x < b->x1; x++) {
			size_t i = ((size_t)y * w + x) * 4;
			if (equal(cur + i, prev + i))
				continue;
			n++;
			box->x0 = x < box->x0 ? x : box->x0;
			box->x1 = x > box->x1 ? x : box->x1;
			box->y0 = y < box->y0 ? y : box->y0;
			box->y1 = y > box->y1 ? y : box->y1;
			if (*similar && !same(cur + i, prev + i, t))
				*similar = false;
		}
	return n;
}

static void copy_block(uint8_t *cur, const uint8_t *prev, uint32_t w, const struct block *b)
{
	for (uint32_t y = b->y0; y < b->y1; y++) {
		size_t i = ((size_t)y * w + b->x0) * 4;
		memcpy(cur + i, prev + i, (size_t)(b->x1 - b->x0) * 4);
	}
}

static bool visible(const uint8_t *cur, const uint8_t *prev, uint32_t w, const struct block *b)
{
	for (uint32_t y = b->y0; y < b->y1; y++)
		for (uint32_t x = b->x0; x < b->x1; x++) {
			size_t i = ((size_t)y * w + x) * 4 + 3;
			if (cur[i] | prev[i])
				return true;
		}
	return false;
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* One block: copied from prev when every pixel is within the threshold,
 * else kept, its differing pixels counted and boxed into *box. */
static size_t stabilise_block(uint8_t *cur, const uint8_t *prev, uint32_t w,
                              const struct block *b, int threshold, struct block *box)
{
	struct block own;
	bool similar;
	size_t n = differing(cur, prev, w, b, threshold, &own, &similar);
	if (n == 0)
		return 0;
	if (similar) {
		copy_block(cur, prev, w, b);
		return 0;
	}
	box->x0 = own.x0 < box->x0 ? own.x0 : box->x0;
	box->y0 = own.y0 < box->y0 ? own.y0 : box->y0;
	box->x1 = own.x1 > box->x1 ? own.x1 : box->x1;
	box->y1 = own.y1 > box->y1 ? own.y1 : box->y1;
	return n;
}

void stk__stabilise(uint8_t *cur, const uint8_t *prev, uint32_t w, uint32_t h, int threshold,
                    stk__change *out)
{
	size_t count = 0, blocks = 0, art = 0;
	struct block box = { w, h, 0, 0 }; /* inclusive, around what still differs */
	uint32_t cw = (w + COUNT - 1) / COUNT, ch = (h + COUNT - 1) / COUNT;
	for (uint32_t cy = 0; cy < ch; cy++)
		for (uint32_t cx = 0; cx < cw; cx++) {
			struct block mb = { cx * COUNT, cy * COUNT, min_u32(cx * COUNT + COUNT, w),
			                    min_u32(cy * COUNT + COUNT, h) };
			size_t before = count;
			art += visible(cur, prev, w, &mb);
			for (uint32_t by = mb.y0; by < mb.y1; by += BLOCK)
				for (uint32_t bx = mb.x0; bx < mb.x1; bx += BLOCK) {
					struct block b = { bx, by, min_u32(bx + BLOCK, mb.x1),
					                   min_u32(by + BLOCK, mb.y1) };
					count += stabilise_block(cur, prev, w, &b, threshold, &box);
				}
			blocks += count > before;
		}
	double npix = (double)w * h;
	out->pixels = npix > 0 ? count / npix : 0;
	out->area = count ? (double)(box.x1 - box.x0 + 1) * (box.y1 - box.y0 + 1) / npix : 0;
	out->blocks = cw && ch ? (double)blocks / ((double)cw * ch) : 0;
	out->art = art ? (double)blocks / (double)art : 0;
}
