/*
 * fitter.c - the per-frame pipeline: key, resample, outline, flatten, one
 * source frame at a time onto the output canvas (stk_frame_fitter in
 * stk/resize.h).
 *
 * Everything a frame needs is built with the fitter: the layout, the
 * resampler's weights and rows, the outline's distance scratch, the key's
 * copy of the source and its fill scratch.  Running it allocates nothing,
 * so a streaming caller pays for the geometry once, whatever the number
 * of frames.  stk_image_resize() and convert run the same steps through
 * stk__fitter_key() and stk__fitter_place() (art_internal.h).
 */
#include <stdlib.h>
#include <string.h>
#include "art_internal.h"

struct stk_frame_fitter {
	stk_resize_options opt;     /* a copy: the caller's may change */
	uint32_t src_w, src_h;
	stk_resize_layout lay;
	double scale;               /* art scale across, source to output */
	bool copy;                  /* STK__FIT_COPY_1TO1 and the layout is 1:1 */
	stk__resampler *rs;         /* NULL when copying */
	stk__outliner *ol;          /* NULL without an outline */
	stk__keyer *keyer;          /* NULL without keying ... */
	uint8_t *keyed;             /* ... and the source-size copy it works on */
};

/* The art lands pixel for pixel: a copy takes the place of resampling. */
static bool one_to_one(const stk_resize_layout *l, uint32_t src_w, uint32_t src_h)
{
	return l->art.w == src_w && l->art.h == src_h && l->src_x == 0 && l->src_y == 0 &&
	       l->src_w == src_w && l->src_h == src_h;
}

static stk_status build(stk_frame_fitter *f, unsigned flags, stk_error *err)
{
	const stk_resize_options *o = &f->opt;
	size_t bytes;
	f->scale = f->lay.src_w > 0 ? f->lay.art.w / f->lay.src_w : 1;
	f->copy = (flags & STK__FIT_COPY_1TO1) && one_to_one(&f->lay, f->src_w, f->src_h);
	if (!f->copy) {
		stk__resample_spec spec = { f->src_w, f->src_h, f->lay.src_x, f->lay.src_y,
		                            f->lay.src_w, f->lay.src_h, f->lay.art.w,
		                            f->lay.art.h, o->filter };
		STK_TRY(stk__resampler_new(&spec, &f->rs, err));
	}
	if (o->outline > 0)
		STK_TRY(stk__outliner_new(f->lay.width, f->lay.height, o->outline,
		                          o->outline_color, &f->ol, err));
	if (o->key) {
		STK_TRY(stk__keyer_new(f->src_w, f->src_h, &f->keyer, err));
		stk__rgba_size(f->src_w, f->src_h, &bytes);
		if (!(f->keyed = malloc(bytes)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u frame",
			                 f->src_w, f->src_h);
	}
	return STK_OK;
}

stk_status stk__fitter_new(uint32_t src_w, uint32_t src_h, const stk_rect *art,
                           const stk_resize_options *opt, unsigned flags,
                           stk_frame_fitter **out, stk_error *err)
{
	size_t bytes;
	if (!out)
		return stk__fail(err, STK_ERR_INVALID_ARG, "no place for the frame fitter");
	*out = NULL;
	if (!opt)
		return stk__fail(err, STK_ERR_INVALID_ARG, "no resize options for the frame fitter");
	stk_frame_fitter *f = calloc(1, sizeof *f);
	if (!f)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	f->opt = *opt;
	f->src_w = src_w;
	f->src_h = src_h;
	stk_status s = stk_resize_plan(src_w, src_h, art, &f->opt, &f->lay, err);
	if (s == STK_OK && !stk__rgba_size(src_w, src_h, &bytes))
		s = stk__fail(err, STK_ERR_LIMIT, "source %ux%u is too large", src_w, src_h);
	if (s == STK_OK)
		s = build(f, flags, err);
	if (s != STK_OK) {
		stk_frame_fitter_free(f);
		return s;
	}
	*out = f;
	return STK_OK;
}

stk_status stk_frame_fitter_new(uint32_t src_w, uint32_t src_h, const stk_rect *art,
                                const stk_resize_options *opt, stk_frame_fitter **out,
                                stk_error *err)
{
	return stk__fitter_new(src_w, src_h, art, opt, 0, out, err);
}

void stk_frame_fitter_free(stk_frame_fitter *f)
{
	if (!f)
		return;
	stk__resampler_free(f->rs);
	stk__outliner_free(f->ol);
	stk__keyer_free(f->keyer);
	free(f->keyed);
	free(f);
}

uint32_t stk_frame_fitter_width(const stk_frame_fitter *f)
{
	return f->lay.width;
}

uint32_t stk_frame_fitter_height(const stk_frame_fitter *f)
{
	return f->lay.height;
}

const stk_resize_layout *stk_frame_fitter_layout(const stk_frame_fitter *f)
{
	return &f->lay;
}

double stk_frame_fitter_scale(const stk_frame_fitter *f)
{
	return f->scale;
}

/* ---- the steps ---- */

const uint8_t *stk__fitter_key(stk_frame_fitter *f, const uint8_t *src)
{
	if (!f->opt.key)
		return src;
	memcpy(f->keyed, src, (size_t)f->src_w * f->src_h * 4);
	stk__keyer_apply(f->keyer, f->keyed, f->opt.key_color, f->opt.key_tolerance);
	return f->keyed;
}

void stk__fitter_place(stk_frame_fitter *f, const uint8_t *keyed, uint8_t *dst)
{
	size_t npix = (size_t)f->lay.width * f->lay.height;
	size_t stride = (size_t)f->lay.width * 4, row = (size_t)f->src_w * 4;
	uint8_t *at = dst + f->lay.art.y * stride + (size_t)f->lay.art.x * 4;
	memset(dst, 0, npix * 4);
	if (f->copy)
		for (uint32_t y = 0; y < f->src_h; y++)
			memcpy(at + y * stride, keyed + y * row, row);
	else
		stk__resampler_run(f->rs, keyed, row, at, stride);
	if (f->ol)
		stk__outliner_apply(f->ol, dst);
	if (f->opt.flatten)
		for (size_t i = 0; i < npix; i++)
			stk__paint_under(dst + i * 4, f->opt.background, 1);
}

void stk__clear_invisible(uint8_t *rgba, size_t npix)
{
	for (size_t i = 0; i < npix; i++)
		if (rgba[i * 4 + 3] == 0)
			memset(rgba + i * 4, 0, 4);
}

stk_status stk_frame_fitter_run(stk_frame_fitter *f, const uint8_t *src_rgba,
                                uint8_t *dst_rgba, stk_error *err)
{
	if (!f || !src_rgba || !dst_rgba)
		return stk__fail(err, STK_ERR_INVALID_ARG, "frame fitter run without %s",
		                 !f ? "a fitter" : !src_rgba ? "a source frame" : "an output buffer");
	stk__fitter_place(f, stk__fitter_key(f, src_rgba), dst_rgba);
	stk__clear_invisible(dst_rgba, (size_t)f->lay.width * f->lay.height);
	return STK_OK;
}
