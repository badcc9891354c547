/*
 * ssim.c - structural similarity of two stickers as people see them:
 * composited over a flat background (transparent pixels' colour is
 * invisible and encoders change it), per R, G and B channel, in 8x8
 * windows every 4 pixels, averaged.  A sticker is shown on dark and light
 * chat backgrounds, so the score is the worse of the two, as SSIMULACRA 2
 * does.  Identical images score exactly 1.
 */
#include <stdlib.h>
#include "convert_internal.h"

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

static double plane_ssim(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h)
{
	uint32_t ww = w < WIN ? w : WIN, wh = h < WIN ? h : WIN;
	double sum = 0;
	size_t count = 0;
	for (uint32_t y = 0; y + wh <= h; y += STEP) {
		for (uint32_t x = 0; x + ww <= w; x += STEP) {
			sum += window_ssim(a + (size_t)y * w + x, b + (size_t)y * w + x, w, ww, wh);
			count++;
		}
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
	if (!pa)
		return -1;
	uint8_t *pb = pa + npix;
	double sum = 0;
	for (int c = 0; c < 3; c++) {
		composite(a, npix, c, bg, pa);
		composite(b, npix, c, bg, pb);
		sum += plane_ssim(pa, pb, w, h);
	}
	free(pa);
	return sum / 3;
}

double stk__ssim_sticker(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h)
{
	double dark = stk__ssim_over(a, b, w, h, STK__SSIM_DARK);
	double light = stk__ssim_over(a, b, w, h, STK__SSIM_LIGHT);
	return dark < light ? dark : light;
}
