/*
 * ssim.c - structural similarity of two stickers as people see them:
 * composited over a flat background (transparent pixels' colour is
 * invisible and encoders change it), per R, G and B channel, in 8x8
 * windows every 4 pixels, averaged.  A sticker is shown on dark and light
 * chat backgrounds, so the score is the worse of the two, as SSIMULACRA 2
 * does.  Identical images score exactly 1.
 */
#include <stdlib.h>
#include "art_internal.h"

#define WIN  8
#define STEP 4
#define C1 (0.01 * 255 * 0.01 * 255)
#define C2 (0.03 * 255 * 0.03 * 255)

/* Straight-alpha channel c over grey bg, rounded. */
static inline uint8_t over(const uint8_t *px, int c, uint8_t bg)
{
	unsigned a = px[3];
	return (uint8_t)((px[c] * a + bg * (255 - a) + 127) / 255);
}

static double window_ssim(const uint8_t *a, const uint8_t *b, uint32_t stride,
                          uint32_t ww, uint32_t wh)
{
	double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, n = (double)ww * wh;
	for (uint32_t y = 0; y < wh; y++) {
		const uint8_t *pa = a + (size_t)y * stride, *pb = b + (size_t)y * stride;
		uint32_t ia = 0, ib = 0, iaa = 0, ibb = 0, iab = 0;
		for (uint32_t x = 0; x < ww; x++) {
			uint32_t va = pa[x], vb = pb[x];
			ia += va;
			ib += vb;
			iaa += va * va;
			ibb += vb * vb;
			iab += va * vb;
		}
		sa += ia; sb += ib; saa += iaa; sbb += ibb; sab += iab;
	}
	double ma = sa / n, mb = sb / n;
	double va = saa / n - ma * ma, vb = sbb / n - mb * mb, cov = sab / n - ma * mb;
	return ((2 * ma * mb + C1) * (2 * cov + C2)) /
	       ((ma * ma + mb * mb + C1) * (va + vb + C2));
}

/* Every window at once: an 8x8 window at a 4-pixel step is four 4x4
 * blocks, so the sums are taken once a block and added up (the same
 * integers, so the same score, for a quarter of the work). */
struct block_sums {
	uint32_t a, b, aa, bb, ab;
};

static void block_row(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t nbx,
                      struct block_sums *out)
{
	for (uint32_t bx = 0; bx < nbx; bx++) {
		struct block_sums s = { 0, 0, 0, 0, 0 };
		for (uint32_t y = 0; y < STEP; y++)
			for (uint32_t x = 0; x < STEP; x++) {
				uint32_t va = a[(size_t)y * w + bx * STEP + x];
				uint32_t vb = b[(size_t)y * w + bx * STEP + x];
				s.a += va;
				s.b += vb;
				s.aa += va * va;
				s.bb += vb * vb;
				s.ab += va * vb;
			}
		out[bx] = s;
	}
}

static double from_sums(const struct block_sums *s, double n)
{
	double ma = s->a / n, mb = s->b / n;
	double va = s->aa / n - ma * ma, vb = s->bb / n - mb * mb, cov = s->ab / n - ma * mb;
	return ((2 * ma * mb + C1) * (2 * cov + C2)) /
	       ((ma * ma + mb * mb + C1) * (va + vb + C2));
}

/* A plane narrower or lower than a window: windows as wide or high as it. */
static double small_plane_ssim(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h)
{
	uint32_t ww = w < WIN ? w : WIN, wh = h < WIN ? h : WIN;
	double sum = 0;
	size_t count = 0;
	for (uint32_t y = 0; y + wh <= h; y += STEP)
		for (uint32_t x = 0; x + ww <= w; x += STEP) {
			sum += window_ssim(a + (size_t)y * w + x, b + (size_t)y * w + x, w, ww, wh);
			count++;
		}
	return count ? sum / count : 1.0;
}

/* rows: scratch for two rows of blocks (2 * (w / STEP)). */
static double plane_ssim(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h,
                         struct block_sums *rows)
{
	if (w < WIN || h < WIN)
		return small_plane_ssim(a, b, w, h);
	uint32_t nbx = w / STEP, nby = h / STEP;
	struct block_sums *top = rows, *bottom = rows + nbx;
	double sum = 0;
	size_t count = 0;
	block_row(a, b, w, nbx, top);
	for (uint32_t by = 0; by + 1 < nby; by++) {
		size_t off = (size_t)(by + 1) * STEP * w;
		block_row(a + off, b + off, w, nbx, bottom);
		for (uint32_t bx = 0; bx + 1 < nbx; bx++) {
			const struct block_sums *q[4] = { &top[bx], &top[bx + 1], &bottom[bx],
			                                  &bottom[bx + 1] };
			struct block_sums s = { 0, 0, 0, 0, 0 };
			for (int k = 0; k < 4; k++) {
				s.a += q[k]->a;
				s.b += q[k]->b;
				s.aa += q[k]->aa;
				s.bb += q[k]->bb;
				s.ab += q[k]->ab;
			}
			sum += from_sums(&s, WIN * WIN);
			count++;
		}
		struct block_sums *t = top;
		top = bottom;
		bottom = t;
	}
	return count ? sum / count : 1.0;
}

static void composite(const uint8_t *rgba, size_t npix, int c, uint8_t bg, uint8_t *plane)
{
	for (size_t i = 0; i < npix; i++)
		plane[i] = over(rgba + i * 4, c, bg);
}

double stk__ssim_over(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h, uint8_t bg)
{
	size_t npix = (size_t)w * h;
	uint8_t *pa = malloc(npix * 2);
	struct block_sums *rows = malloc((2 * (size_t)(w / STEP) + 1) * sizeof *rows);
	if (!pa || !rows) {
		free(pa);
		free(rows);
		return -1;
	}
	uint8_t *pb = pa + npix;
	double sum = 0;
	for (int c = 0; c < 3; c++) {
		composite(a, npix, c, bg, pa);
		composite(b, npix, c, bg, pb);
		sum += plane_ssim(pa, pb, w, h, rows);
	}
	free(pa);
	free(rows);
	return sum / 3;
}

double stk__ssim_sticker(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h)
{
	double dark = stk__ssim_over(a, b, w, h, STK__SSIM_DARK);
	double light = stk__ssim_over(a, b, w, h, STK__SSIM_LIGHT);
	return dark < light ? dark : light;
}
