/*
 * resample.c - separable resampling over premultiplied alpha.
 *
 * The way libvips does it: a large reduction first shrinks by an integer
 * box factor (sums of whole blocks, cheap) until at most 2x is left, then
 * the filter does the rest, horizontally into a ring of rows and
 * vertically from the ring into the output.  Weights are computed once
 * per geometry; the inner loops run over contiguous floats.
 *
 * Colour is premultiplied before any averaging and divided out at the end,
 * so what lies under a fully transparent pixel never reaches the result.
 * Working values are premultiplied floats on a 0..255 scale, one pixel to
 * a 4-float vector (GCC/Clang vector extensions: SSE2 or NEON without
 * intrinsics), so each tap is one multiply-add for all four channels.
 * Only the bytes-to-floats step has an SSE2 path, as compilers turn the
 * generic one into four scalar conversions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "art_internal.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The pre-shrink stops at 2x above the target: "very close to fair
 * resampling while still being faster" (libvips' gap). */
#define SHRINK_GAP 2.0
/* Blocks of at most 256 x 256 pixels keep float block sums accurate. */
#define MAX_SHRINK 256

typedef float v4f __attribute__((vector_size(16)));
typedef uint8_t v4b __attribute__((vector_size(4)));

/* One direction's taps: output i reads `taps` inputs from start[i]. */
struct axis {
	uint32_t n, taps;
	uint32_t *start;
	float *w;
};

struct stk__resampler {
	stk__resample_spec spec;
	uint32_t rx0, ry0, rw, rh;  /* source region read */
	uint32_t kx, ky;            /* box pre-shrink factors */
	uint32_t iw, ih;            /* pre-shrunk region size */
	struct axis h, v;
	v4f *row;                   /* iw: one pre-shrunk premultiplied row */
	v4f *pre;                   /* rw: one source row premultiplied (pre-shrink) */
	float *inv;                 /* iw: 1 / pixels in the block, per column */
	v4f *ring;                  /* v.taps rows of dst_w, horizontally filtered */
	const v4f **taps;           /* v.taps: the ring rows one output row reads */
};

/* ---- filters ---- */

static double sinc(double x)
{
	if (x == 0)
		return 1;
	x *= M_PI;
	return sin(x) / x;
}

static double filter_support(stk_filter f)
{
	switch (f) {
	case STK_FILTER_LANCZOS3: return 3;
	case STK_FILTER_MITCHELL: return 2;
	case STK_FILTER_BOX: return 0.5;
	case STK_FILTER_NEAREST:
	case STK_FILTER_PIXEL: return 0.5;
	}
	return 3;
}

static double filter_eval(stk_filter f, double x)
{
	double ax = fabs(x);
	switch (f) {
	case STK_FILTER_LANCZOS3:
		return ax < 3 ? sinc(x) * sinc(x / 3) : 0;
	case STK_FILTER_MITCHELL: { /* B = C = 1/3 */
		const double B = 1.0 / 3, C = 1.0 / 3;
		if (ax < 1)
			return ((12 - 9 * B - 6 * C) * ax * ax * ax +
			        (-18 + 12 * B + 6 * C) * ax * ax + (6 - 2 * B)) / 6;
		if (ax < 2)
			return ((-B - 6 * C) * ax * ax * ax + (6 * B + 30 * C) * ax * ax +
			        (-12 * B - 48 * C) * ax + (8 * B + 24 * C)) / 6;
		return 0;
	}
	case STK_FILTER_BOX:
	case STK_FILTER_NEAREST:
	case STK_FILTER_PIXEL:
		return x >= -0.5 && x < 0.5 ? 1 : 0;
	}
	return 0;
}

/* ---- geometry of one axis ---- */

static uint32_t shrink_factor(stk_filter f, double scale)
{
	if (f == STK_FILTER_NEAREST || scale < SHRINK_GAP)
		return 1;
	double k = floor(scale / SHRINK_GAP);
	return k > MAX_SHRINK ? MAX_SHRINK : (uint32_t)k;
}

/* The source span [lo, hi) one axis reads: the rectangle plus the filter's
 * reach and a block of slack for the pre-shrink, inside the frame. */
static void axis_region(double x, double w, double scale, double support, uint32_t size,
                        uint32_t k, uint32_t *lo, uint32_t *hi)
{
	double reach = support * (scale > 1 ? scale : 1) + 2.0 * k + 1;
	double a = floor(x - reach), b = ceil(x + w + reach);
	*lo = a < 0 ? 0 : a > size - 1 ? size - 1 : (uint32_t)a;
	*hi = b > size ? size : b <= *lo ? *lo + 1 : (uint32_t)b;
}

/* Weights for output i of an axis whose centres sit at `first + i*step`
 * in input pixel units (pixel j covers [j, j+1)). */
static void axis_weights(struct axis *ax, stk_filter f, double first, double step,
                         uint32_t in_n, double *tmp)
{
	double scale = step > 1 ? step : 1;
	double support = filter_support(f) * scale;
	for (uint32_t i = 0; i < ax->n; i++) {
		double c = first + i * step;
		float *w = ax->w + (size_t)i * ax->taps;
		memset(w, 0, ax->taps * sizeof *w);
		if (f == STK_FILTER_NEAREST) {
			double j = floor(c);
			uint32_t s = j < 0 ? 0 : j >= in_n ? in_n - 1 : (uint32_t)j;
			ax->start[i] = s + ax->taps > in_n ? in_n - ax->taps : s;
			w[s - ax->start[i]] = 1;
			continue;
		}
		long lo = (long)floor(c - support), hi = (long)ceil(c + support);
		if (lo < 0)
			lo = 0;
		if (hi > (long)in_n)
			hi = (long)in_n;
		double total = 0;
		long n = 0;
		for (long j = lo; j < hi; j++, n++) {
			tmp[n] = filter_eval(f, ((double)j + 0.5 - c) / scale);
			total += tmp[n];
		}
		if (total == 0) { /* no tap inside the source: take the nearest pixel */
			long j = (long)floor(c);
			lo = j < 0 ? 0 : j >= (long)in_n ? (long)in_n - 1 : j;
			n = 1;
			tmp[0] = total = 1;
		}
		uint32_t s = (uint32_t)lo;
		if (s + ax->taps > in_n)
			s = in_n - ax->taps;
		ax->start[i] = s;
		for (long t = 0; t < n && (uint32_t)lo - s + t < ax->taps; t++)
			w[(uint32_t)lo - s + t] = (float)(tmp[t] / total);
	}
}

static stk_status axis_init(struct axis *ax, uint32_t n, stk_filter f, double first,
                            double step, uint32_t in_n, stk_error *err)
{
	double scale = step > 1 ? step : 1;
	double taps = f == STK_FILTER_NEAREST ? 1 : ceil(filter_support(f) * scale * 2) + 1;
	ax->n = n;
	ax->taps = taps > in_n ? in_n : (uint32_t)taps;
	ax->start = malloc(n * sizeof *ax->start);
	ax->w = malloc((size_t)n * ax->taps * sizeof *ax->w);
	double *tmp = malloc(((size_t)taps + 2) * sizeof *tmp);
	if (!ax->start || !ax->w || !tmp) {
		free(tmp);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for resampling weights");
	}
	axis_weights(ax, f, first, step, in_n, tmp);
	free(tmp);
	return STK_OK;
}

/* ---- setup ---- */

static stk_status check_spec(const stk__resample_spec *s, stk_error *err)
{
	if (!s->src_w || !s->src_h || !s->dst_w || !s->dst_h)
		return stk__fail(err, STK_ERR_INVALID_ARG, "resampling to or from an empty image");
	if (!(s->w > 0 && s->h > 0) || !isfinite(s->x) || !isfinite(s->y) ||
	    s->x < 0 || s->y < 0 || s->x + s->w > s->src_w + 1e-6 || s->y + s->h > s->src_h + 1e-6)
		return stk__fail(err, STK_ERR_INVALID_ARG,
		                 "source rectangle %gx%g+%g+%g is not inside %ux%u",
		                 s->w, s->h, s->x, s->y, s->src_w, s->src_h);
	return STK_OK;
}

/* malloc() aligns to 16 bytes on every platform we build for; the rows
 * are arrays of 16-byte vectors. */
static stk_status alloc_rows(stk__resampler *r, stk_error *err)
{
	r->row = malloc((size_t)r->iw * sizeof *r->row);
	r->ring = malloc((size_t)r->spec.dst_w * r->v.taps * sizeof *r->ring);
	r->taps = malloc(r->v.taps * sizeof *r->taps);
	if (r->kx * r->ky > 1) {
		r->inv = malloc(r->iw * sizeof *r->inv);
		r->pre = malloc((size_t)r->rw * sizeof *r->pre);
	}
	if (!r->row || !r->ring || !r->taps || (r->kx * r->ky > 1 && (!r->inv || !r->pre)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for resampling rows");
	return STK_OK;
}

static void block_inverses(stk__resampler *r)
{
	for (uint32_t b = 0; b < r->iw; b++) {
		uint32_t cols = r->rw - b * r->kx < r->kx ? r->rw - b * r->kx : r->kx;
		r->inv[b] = 1.0f / cols;
	}
}

stk_status stk__resampler_new(const stk__resample_spec *spec, stk__resampler **out,
                              stk_error *err)
{
	*out = NULL;
	STK_TRY(check_spec(spec, err));
	stk__resampler *r = calloc(1, sizeof *r);
	if (!r)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	r->spec = *spec;
	if (r->spec.filter == STK_FILTER_PIXEL) /* the layout made the scale whole */
		r->spec.filter = STK_FILTER_NEAREST;
	spec = &r->spec;
	double sx = spec->w / spec->dst_w, sy = spec->h / spec->dst_h;
	double support = filter_support(spec->filter);
	r->kx = shrink_factor(spec->filter, sx);
	r->ky = shrink_factor(spec->filter, sy);
	uint32_t x1, y1;
	axis_region(spec->x, spec->w, sx, support, spec->src_w, r->kx, &r->rx0, &x1);
	axis_region(spec->y, spec->h, sy, support, spec->src_h, r->ky, &r->ry0, &y1);
	r->rw = x1 - r->rx0;
	r->rh = y1 - r->ry0;
	r->iw = (r->rw + r->kx - 1) / r->kx;
	r->ih = (r->rh + r->ky - 1) / r->ky;
	/* Output centre i sits at x + (i + 0.5) * sx in the source, which is
	 * (that - rx0) / kx in pre-shrunk pixels. */
	stk_status s = axis_init(&r->h, spec->dst_w, spec->filter,
	                         (spec->x - r->rx0 + 0.5 * sx) / r->kx, sx / r->kx, r->iw, err);
	if (s == STK_OK)
		s = axis_init(&r->v, spec->dst_h, spec->filter,
		              (spec->y - r->ry0 + 0.5 * sy) / r->ky, sy / r->ky, r->ih, err);
	if (s == STK_OK)
		s = alloc_rows(r, err);
	if (s == STK_OK && r->inv)
		block_inverses(r);
	if (s != STK_OK) {
		stk__resampler_free(r);
		return s;
	}
	*out = r;
	return STK_OK;
}

void stk__resampler_free(stk__resampler *r)
{
	if (!r)
		return;
	free(r->h.start);
	free(r->h.w);
	free(r->v.start);
	free(r->v.w);
	free(r->row);
	free(r->pre);
	free(r->inv);
	free(r->ring);
	free(r->taps);
	free(r);
}

void stk__resampler_shrink(const stk__resampler *r, uint32_t *kx, uint32_t *ky)
{
	*kx = r->kx;
	*ky = r->ky;
}

/* ---- rows ---- */

/* One straight RGBA8 pixel, premultiplied: (r*a/255, g*a/255, b*a/255, a). */
static inline v4f premultiply(const uint8_t *p)
{
	v4b b;
	memcpy(&b, p, 4);
	v4f v = __builtin_convertvector(b, v4f);
	const float a = v[3] * (1.0f / 255);
	return v * (v4f){ a, a, a, 1 };
}

#if defined(__SSE2__)
/* Four pixels at once: bytes widened to 32-bit lanes, then floats. */
static void premultiply4(const uint8_t *p, v4f *out)
{
	const __m128i zero = _mm_setzero_si128();
	const v4f k = { 1.0f / 255, 1.0f / 255, 1.0f / 255, 0 }, one = { 0, 0, 0, 1 };
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i lo = _mm_unpacklo_epi8(b, zero), hi = _mm_unpackhi_epi8(b, zero);
	__m128i q[4] = { _mm_unpacklo_epi16(lo, zero), _mm_unpackhi_epi16(lo, zero),
	                 _mm_unpacklo_epi16(hi, zero), _mm_unpackhi_epi16(hi, zero) };
	for (int i = 0; i < 4; i++) {
		v4f v = (v4f)_mm_cvtepi32_ps(q[i]);
		v4f a = (v4f)_mm_shuffle_ps((__m128)v, (__m128)v, 0xff);
		out[i] = v * (a * k + one);
	}
}
#endif

static void premultiply_row(const uint8_t *src, uint32_t n, v4f *out)
{
	uint32_t i = 0;
#if defined(__SSE2__)
	for (; i + 4 <= n; i += 4)
		premultiply4(src + (size_t)i * 4, out + i);
#endif
	for (; i < n; i++)
		out[i] = premultiply(src + (size_t)i * 4);
}

/* Adds one premultiplied row into the block sums (k pixels a block; the
 * last block may be partial). */
static void box_add_row(const v4f *pre, uint32_t n, uint32_t k, v4f *sum)
{
	uint32_t b = 0;
	for (uint32_t i = 0; i < n; b++) {
		v4f s = sum[b];
		for (uint32_t end = i + k < n ? i + k : n; i < end; i++)
			s += pre[i];
		sum[b] = s;
	}
}

/* Pre-shrunk row j of the region, premultiplied, into r->row. */
static void source_row(stk__resampler *r, const uint8_t *src, size_t stride, uint32_t j)
{
	const uint8_t *first = src + (size_t)(r->ry0 + j * r->ky) * stride + (size_t)r->rx0 * 4;
	if (r->kx * r->ky == 1) {
		premultiply_row(first, r->rw, r->row);
		return;
	}
	uint32_t rows = r->rh - j * r->ky < r->ky ? r->rh - j * r->ky : r->ky;
	memset(r->row, 0, (size_t)r->iw * sizeof *r->row);
	for (uint32_t y = 0; y < rows; y++) {
		premultiply_row(first + (size_t)y * stride, r->rw, r->pre);
		box_add_row(r->pre, r->rw, r->kx, r->row);
	}
	const float rows_inv = 1.0f / rows;
	for (uint32_t b = 0; b < r->iw; b++)
		r->row[b] *= r->inv[b] * rows_inv;
}

/* Horizontal pass: in (pre-shrunk row) into out (dst_w pixels).  Two
 * accumulators halve the add chain. */
static void filter_row(const struct axis *ax, const v4f *in, v4f *out)
{
	const uint32_t taps = ax->taps;
	for (uint32_t x = 0; x < ax->n; x++) {
		const v4f *s = in + ax->start[x];
		const float *w = ax->w + (size_t)x * taps;
		v4f a0 = { 0, 0, 0, 0 }, a1 = { 0, 0, 0, 0 };
		uint32_t t = 0;
		for (; t + 1 < taps; t += 2) {
			a0 += w[t] * s[t];
			a1 += w[t + 1] * s[t + 1];
		}
		if (t < taps)
			a0 += w[t] * s[t];
		out[x] = a0 + a1;
	}
}

static uint8_t clamp_byte(float v)
{
	return v <= 0 ? 0 : v >= 255 ? 255 : (uint8_t)(v + 0.5f);
}

/* Premultiplied back to straight RGBA8, rounding to nearest. */
static void unpremultiply(v4f v, uint8_t *out)
{
	uint8_t a = clamp_byte(v[3]);
	if (a == 0) {
		memset(out, 0, 4);
		return;
	}
	v *= 255.0f / v[3];
	out[0] = clamp_byte(v[0]);
	out[1] = clamp_byte(v[1]);
	out[2] = clamp_byte(v[2]);
	out[3] = a;
}

/* Vertical pass: output row y as the weighted sum of ring rows, written
 * straight to dst.  Four pixels at a time share each weight and keep four
 * independent sums. */
static void filter_column(stk__resampler *r, uint32_t y, uint8_t *dst)
{
	const uint32_t taps = r->v.taps, n = r->spec.dst_w;
	const float *w = r->v.w + (size_t)y * taps;
	const v4f **in = r->taps;
	uint32_t x = 0;
	for (uint32_t t = 0; t < taps; t++)
		in[t] = r->ring + (size_t)((r->v.start[y] + t) % taps) * n;
	for (; x + 4 <= n; x += 4) {
		v4f a0 = w[0] * in[0][x], a1 = w[0] * in[0][x + 1];
		v4f a2 = w[0] * in[0][x + 2], a3 = w[0] * in[0][x + 3];
		for (uint32_t t = 1; t < taps; t++) {
			const v4f *p = in[t] + x;
			const float wt = w[t];
			a0 += wt * p[0];
			a1 += wt * p[1];
			a2 += wt * p[2];
			a3 += wt * p[3];
		}
		unpremultiply(a0, dst + (size_t)x * 4);
		unpremultiply(a1, dst + (size_t)x * 4 + 4);
		unpremultiply(a2, dst + (size_t)x * 4 + 8);
		unpremultiply(a3, dst + (size_t)x * 4 + 12);
	}
	for (; x < n; x++) {
		v4f a = w[0] * in[0][x];
		for (uint32_t t = 1; t < taps; t++)
			a += w[t] * in[t][x];
		unpremultiply(a, dst + (size_t)x * 4);
	}
}

void stk__resampler_run(stk__resampler *r, const uint8_t *src, size_t src_stride,
                        uint8_t *dst, size_t dst_stride)
{
	const uint32_t taps = r->v.taps;
	uint32_t next = 0; /* next pre-shrunk row to filter into the ring */
	for (uint32_t y = 0; y < r->spec.dst_h; y++) {
		uint32_t first = r->v.start[y];
		if (next < first)
			next = first; /* rows no output reads (nearest, big steps) */
		for (; next < first + taps; next++) {
			source_row(r, src, src_stride, next);
			filter_row(&r->h, r->row, r->ring + (size_t)(next % taps) * r->spec.dst_w);
		}
		filter_column(r, y, dst + (size_t)y * dst_stride);
	}
}
