/* test-ssim.c - SSIM over dark and light backgrounds, temporal-noise
 * stabilisation and the frame store. */
#include <math.h>
#include "tap.h"
#include "convert_internal.h"

#define W 64
#define H 64

/* A sticker-like test image: a soft-edged disc with a gradient. */
static void sticker(uint8_t *px)
{
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			uint8_t *p = px + (y * W + x) * 4;
			double d = hypot(x - 31.5, y - 31.5);
			double a = d < 24 ? 1 : d < 28 ? (28 - d) / 4 : 0;
			p[0] = (uint8_t)(40 + x * 3);
			p[1] = (uint8_t)(200 - y * 2);
			p[2] = (uint8_t)((x * y) & 255);
			p[3] = (uint8_t)(a * 255 + 0.5);
		}
}

/* Deterministic noise of +-amp on the colour channels. */
static void add_noise(uint8_t *px, int amp, unsigned seed)
{
	for (int i = 0; i < W * H * 4; i++) {
		if (i % 4 == 3)
			continue;
		seed = seed * 1103515245u + 12345u;
		int v = px[i] + (int)((seed >> 16) % (2 * amp + 1)) - amp;
		px[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
	}
}

static void test_ssim(void)
{
	static uint8_t a[W * H * 4], b[W * H * 4], c[W * H * 4];
	sticker(a);
	memcpy(b, a, sizeof a);
	ok(stk__ssim_sticker(a, b, W, H) == 1.0, "identical images score exactly 1");
	for (int i = 0; i < W * H; i++)
		if (b[i * 4 + 3] == 0)
			b[i * 4] = 255, b[i * 4 + 1] = 0, b[i * 4 + 2] = 255;
	ok(stk__ssim_sticker(a, b, W, H) == 1.0,
	   "colour under fully transparent pixels is invisible: still 1");

	memcpy(b, a, sizeof a);
	add_noise(b, 4, 1);
	memcpy(c, a, sizeof a);
	add_noise(c, 24, 1);
	double weak = stk__ssim_sticker(a, b, W, H), strong = stk__ssim_sticker(a, c, W, H);
	ok(weak < 1 && weak > 0.9, "light noise: a little below 1 (%.4f)", weak);
	ok(strong < weak, "stronger noise scores lower (%.4f < %.4f)", strong, weak);

	/* alpha damage shows over one background more than the other */
	memcpy(b, a, sizeof a);
	for (int i = 0; i < W * H; i++)
		b[i * 4 + 3] = b[i * 4 + 3] > 128 ? 255 : 0;
	double dark = stk__ssim_over(a, b, W, H, STK__SSIM_DARK);
	double light = stk__ssim_over(a, b, W, H, STK__SSIM_LIGHT);
	double both = stk__ssim_sticker(a, b, W, H);
	ok(both < 1 && both == (dark < light ? dark : light),
	   "binary alpha: the worse background counts (%.4f, %.4f)", dark, light);

	/* a blur */
	memcpy(b, a, sizeof a);
	for (int y = 1; y < H - 1; y++)
		for (int x = 1; x < W - 1; x++)
			for (int ch = 0; ch < 3; ch++)
				b[(y * W + x) * 4 + ch] = (uint8_t)((a[(y * W + x - 1) * 4 + ch] +
				                          a[(y * W + x + 1) * 4 + ch] +
				                          a[((y - 1) * W + x) * 4 + ch] +
				                          a[((y + 1) * W + x) * 4 + ch]) / 4);
	double blur = stk__ssim_sticker(a, b, W, H);
	ok(blur < 1 && blur > 0.5, "blur scores lower (%.4f)", blur);
}

/* The definition, window by window: 8x8 windows every 4 pixels, per R, G
 * and B composited over bg, averaged. */
static double naive_ssim_over(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h,
                              uint8_t bg)
{
	const double c1 = 0.01 * 255 * 0.01 * 255, c2 = 0.03 * 255 * 0.03 * 255;
	uint32_t ww = w < 8 ? w : 8, wh = h < 8 ? h : 8;
	double total = 0;
	for (int c = 0; c < 3; c++) {
		double sum = 0;
		size_t count = 0;
		for (uint32_t y = 0; y + wh <= h; y += 4)
			for (uint32_t x = 0; x + ww <= w; x += 4) {
				double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, n = (double)ww * wh;
				for (uint32_t j = 0; j < wh; j++)
					for (uint32_t i = 0; i < ww; i++) {
						const uint8_t *pa = a + (((size_t)y + j) * w + x + i) * 4;
						const uint8_t *pb = b + (((size_t)y + j) * w + x + i) * 4;
						double va = (pa[c] * pa[3] + bg * (255 - pa[3]) + 127) / 255;
						double vb = (pb[c] * pb[3] + bg * (255 - pb[3]) + 127) / 255;
						sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb;
					}
				double ma = sa / n, mb = sb / n;
				double va = saa / n - ma * ma, vb = sbb / n - mb * mb;
				double cov = sab / n - ma * mb;
				sum += ((2 * ma * mb + c1) * (2 * cov + c2)) /
				       ((ma * ma + mb * mb + c1) * (va + vb + c2));
				count++;
			}
		total += count ? sum / count : 1;
	}
	return total / 3;
}

/* The block-sum computation gives the definition's score, on sides that
 * are and are not multiples of the 4-pixel step, and below a window. */
static void test_ssim_definition(void)
{
	static const uint32_t sizes[][2] = { { 64, 64 }, { 67, 45 }, { 9, 30 }, { 7, 12 },
	                                     { 30, 5 }, { 8, 8 } };
	unsigned seed = 7;
	for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
		uint32_t w = sizes[t][0], h = sizes[t][1];
		size_t n = (size_t)w * h * 4;
		uint8_t *a = malloc(n), *b = malloc(n);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = (uint8_t)(seed >> 16);
			b[i] = i % 5 ? a[i] : (uint8_t)(seed >> 8);
		}
		double got = stk__ssim_over(a, b, w, h, 30), want = naive_ssim_over(a, b, w, h, 30);
		ok(fabs(got - want) < 1e-12, "%ux%u: %.15f as defined (%.15f)", w, h, got, want);
		free(a);
		free(b);
	}
}

static void test_stabilise(void)
{
	static uint8_t prev[W * H * 4], cur[W * H * 4], orig[W * H * 4];
	stk__change ch;
	sticker(prev);
	memcpy(cur, prev, sizeof cur);
	add_noise(cur, 2, 7);
	memcpy(orig, cur, sizeof cur);
	stk__stabilise(cur, prev, W, H, 3, &ch);
	ok(memcmp(cur, prev, sizeof cur) == 0, "noise within the threshold is copied from prev");
	ok(ch.pixels == 0 && ch.blocks == 0 && ch.art == 0, "and counts as no change");

	memcpy(cur, orig, sizeof cur);
	stk__stabilise(cur, prev, W, H, 0, &ch);
	ok(memcmp(cur, orig, sizeof cur) == 0, "threshold 0 changes nothing");
	ok(ch.pixels > 0.3, "but the noise is measured as change (%.2f)", ch.pixels);

	/* a real change: a 10x10 square somewhere; it touches the 8x8 blocks
	 * of pixels 16..31 x 16..31 */
	memcpy(cur, prev, sizeof cur);
	add_noise(cur, 2, 9);
	for (int y = 20; y < 30; y++)
		for (int x = 20; x < 30; x++)
			memset(cur + (y * W + x) * 4, 255, 4);
	memcpy(orig, cur, sizeof cur);
	stk__stabilise(cur, prev, W, H, 3, &ch);
	int outside = 0, inside = 0;
	for (int i = 0; i < W * H * 4; i++) {
		int y = i / 4 / W, x = i / 4 % W;
		bool touched = y >= 16 && y < 32 && x >= 16 && x < 32;
		if (!touched && cur[i] != prev[i])
			outside++;
		if (touched && cur[i] != orig[i])
			inside++;
	}
	is_int(outside, 0, "outside the blocks of the change, pixels equal prev");
	is_int(inside, 0, "the blocks of the change are kept whole, noise and all");
	ok(cur[(25 * W + 25) * 4] == 255, "the change itself is kept");
	ok(fabs(ch.area - 256.0 / (W * H)) < 1e-9, "bounding box is those blocks (%.4f)",
	   ch.area);
	ok(ch.blocks > 0 && ch.blocks <= 4.0 / 16 && ch.art >= ch.blocks,
	   "1-4 of 16 blocks changed, a larger share of the art's");
}

/* Smooth art moving by a pixel differs by a level or two almost everywhere,
 * more at its edges: no block may come out part old, part new (the salt
 * that costs VP8 more than the stabilising saves). */
static void test_stabilise_no_salt(void)
{
	static uint8_t prev[W * H * 4], cur[W * H * 4], orig[W * H * 4];
	stk__change ch;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			uint8_t *p = prev + (y * W + x) * 4, *c = cur + (y * W + x) * 4;
			int edge = x == 40 ? 60 : 0; /* a hard edge moving on */
			p[0] = p[1] = p[2] = (uint8_t)(2 * x);
			c[0] = c[1] = c[2] = (uint8_t)(2 * x + 2 + edge);
			p[3] = c[3] = 255;
		}
	memcpy(orig, cur, sizeof cur);
	stk__stabilise(cur, prev, W, H, 3, &ch);
	int mixed = 0, copied = 0;
	for (int by = 0; by < H; by += 8)
		for (int bx = 0; bx < W; bx += 8) {
			int old = 0, kept = 0;
			for (int y = by; y < by + 8; y++)
				for (int x = bx; x < bx + 8; x++) {
					size_t i = ((size_t)y * W + x) * 4;
					old += memcmp(cur + i, prev + i, 4) == 0;
					kept += memcmp(cur + i, orig + i, 4) == 0;
				}
			mixed += old != 64 && kept != 64;
			copied += old == 64;
		}
	is_int(mixed, 0, "every block comes from one frame");
	is_int(copied, 56, "the blocks within the threshold are copied, the edge's 8 kept");
}

static void test_frames(void)
{
	stk__frames *fs;
	stk_error err;
	static uint8_t f[10][16 * 16 * 4];
	const uint8_t *got;
	/* raw limit of 3 frames: the rest are packed, with keys every 32 */
	is_int(stk__frames_new(16, 16, 3 * 16 * 16 * 4, &fs, &err), STK_OK, "store");
	for (int i = 0; i < 10; i++) {
		for (int k = 0; k < 16 * 16 * 4; k++)
			f[i][k] = (uint8_t)((k * 7 + i * 13) & (i % 3 ? 0xff : 0x0f));
		stk__change ch = { 0.5, 0.5, 0.5, 0.5 };
		is_int(stk__frames_push(fs, f[i], 40 + i, &ch, &err), STK_OK, "push %d", i);
	}
	is_int(stk__frames_count(fs), 10, "10 frames");
	ok(stk__frames_memory(fs) < 10 * 16 * 16 * 4 + 3 * 16 * 16 * 4, "packed frames are smaller");
	static const int order[] = { 0, 5, 6, 9, 2, 4, 3, 8, 7, 1, 9, 9, 4 };
	int bad = 0;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		if (stk__frames_get(fs, (uint32_t)order[i], &got, &err) != STK_OK ||
		    memcmp(got, f[order[i]], sizeof f[0]) != 0)
			bad++;
	}
	is_int(bad, 0, "frames read back exactly, in any order");
	is_int(stk__frames_ms(fs, 7), 47, "durations kept");
	ok(stk__frames_changed(fs, 3).art == 0.5, "change records kept");
	is_int(stk__frames_get(fs, 10, &got, &err), STK_ERR_INTERNAL, "out of range refused");
	/* pinned frames: kept unpacked, read back exactly, stable pointers */
	size_t before = stk__frames_memory(fs);
	static const uint32_t pins[] = { 1, 5, 8, 8 };
	is_int(stk__frames_pin(fs, pins, 4, &err), STK_OK, "pin");
	is_int((int)(stk__frames_memory(fs) - before), 2 * 16 * 16 * 4,
	       "two packed frames pinned (frame 1 is raw, 8 twice)");
	const uint8_t *p5, *p8;
	bad = stk__frames_get(fs, 5, &p5, &err) != STK_OK;
	bad += stk__frames_get(fs, 8, &p8, &err) != STK_OK;
	bad += stk__frames_get(fs, 6, &got, &err) != STK_OK; /* an unpinned packed frame */
	bad += memcmp(p5, f[5], sizeof f[0]) != 0 || memcmp(p8, f[8], sizeof f[0]) != 0;
	bad += memcmp(got, f[6], sizeof f[0]) != 0;
	is_int(bad, 0, "pinned frames exact and still valid after other reads");
	is_int(stk__frames_pin(fs, pins, 1, &err), STK_OK, "pin others");
	is_int((int)stk__frames_memory(fs), (int)before, "earlier pins released");
	static const uint32_t beyond[] = { 10 };
	is_int(stk__frames_pin(fs, beyond, 1, &err), STK_ERR_INTERNAL, "pin out of range refused");
	stk__frames_free(fs);
}

int main(void)
{
	test_ssim();
	test_ssim_definition();
	test_stabilise();
	test_stabilise_no_salt();
	test_frames();
	return done_testing();
}
