/*
 * stabilise.c - temporal-noise stabilisation for GIF- and video-like
 * animations.  Grain drawn anew in every frame makes every pixel "change",
 * so WebPAnimEncoder codes whole frames (performance.md B.15a: 477 KB
 * against 35 KB for the same art).  A pixel within a small threshold of
 * the previous *output* frame is copied from it: static parts become
 * identical, and because the comparison is with what was output, the
 * error never grows past the threshold however slowly a region drifts.
 */
#include <string.h>
#include "convert_internal.h"

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

#define BLOCK 16  /* a VP8 macroblock */

void stk__stabilise(uint8_t *cur, const uint8_t *prev, uint32_t w, uint32_t h, int threshold,
                    stk__change *out)
{
	size_t count = 0, blocks = 0, art = 0;
	uint32_t x0 = w, y0 = h, x1 = 0, y1 = 0;
	uint32_t bw = (w + BLOCK - 1) / BLOCK, bh = (h + BLOCK - 1) / BLOCK;
	for (uint32_t by = 0; by < bh; by++)
		for (uint32_t bx = 0; bx < bw; bx++) {
			size_t before = count;
			bool visible = false;
			uint32_t ye = by * BLOCK + BLOCK < h ? by * BLOCK + BLOCK : h;
			uint32_t xe = bx * BLOCK + BLOCK < w ? bx * BLOCK + BLOCK : w;
			for (uint32_t y = by * BLOCK; y < ye; y++)
				for (uint32_t x = bx * BLOCK; x < xe; x++) {
					size_t i = ((size_t)y * w + x) * 4;
					visible |= (cur[i + 3] | prev[i + 3]) != 0;
					if (equal(cur + i, prev + i))
						continue;
					if (threshold > 0 && same(cur + i, prev + i, threshold)) {
						memcpy(cur + i, prev + i, 4);
						continue;
					}
					count++;
					x0 = x < x0 ? x : x0;
					x1 = x > x1 ? x : x1;
					y0 = y < y0 ? y : y0;
					y1 = y > y1 ? y : y1;
				}
			blocks += count > before;
			art += visible;
		}
	double npix = (double)w * h;
	out->pixels = npix > 0 ? count / npix : 0;
	out->area = count ? (double)(x1 - x0 + 1) * (y1 - y0 + 1) / npix : 0;
	out->blocks = bw && bh ? (double)blocks / ((double)bw * bh) : 0;
	out->art = art ? (double)blocks / (double)art : 0;
}
