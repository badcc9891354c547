/*
 * convert_canvas.c - one source frame onto the output canvas, as the
 * resize engine (stk/resize.h) lays it out: key, resample, outline,
 * flatten.  Frames come one at a time from the decoder, so the layout and
 * the resampler's weights are built once and reused; nothing holds more
 * than one source frame.
 */
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"
#include "resize_int.h"

stk_status stk__canvas_init(stk__canvas *c, const stk_resize_options *ropt, uint32_t src_w,
                            uint32_t src_h, const stk_rect *art, stk_error *err)
{
	memset(c, 0, sizeof *c);
	c->ropt = ropt;
	c->src_w = c->w = src_w;
	c->src_h = c->h = src_h;
	c->scale = 1;
	if (!ropt)
		return STK_OK;
	STK_TRY(stk_resize_options_check(ropt, err));
	STK_TRY(stk_resize_plan(src_w, src_h, art, ropt, &c->lay, err));
	stk__resample_spec spec = { src_w, src_h, c->lay.src_x, c->lay.src_y, c->lay.src_w,
	                            c->lay.src_h, c->lay.art.w, c->lay.art.h, ropt->filter };
	c->w = c->lay.width;
	c->h = c->lay.height;
	c->scale = c->lay.src_w > 0 ? c->lay.art.w / c->lay.src_w : 1;
	/* the art lands pixel for pixel: a copy does what resampling would */
	c->copy = c->lay.art.w == src_w && c->lay.art.h == src_h && c->lay.src_x == 0 &&
	          c->lay.src_y == 0 && c->lay.src_w == src_w && c->lay.src_h == src_h;
	STK_TRY(stk__resampler_new(&spec, &c->rs, err));
	if (ropt->outline > 0)
		STK_TRY(stk__outliner_new(c->w, c->h, ropt->outline, ropt->outline_color, &c->ol,
		                          err));
	if (ropt->key) {
		size_t bytes;
		stk__rgba_size(src_w, src_h, &bytes);
		if (!(c->keyed = malloc(bytes)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u frame",
			                 src_w, src_h);
	}
	return STK_OK;
}

void stk__canvas_release(stk__canvas *c)
{
	stk__resampler_free(c->rs);
	stk__outliner_free(c->ol);
	free(c->keyed);
	memset(c, 0, sizeof *c);
}

static void clear_invisible(uint8_t *rgba, size_t npix)
{
	for (size_t i = 0; i < npix; i++)
		if (rgba[i * 4 + 3] == 0)
			memset(rgba + i * 4, 0, 4);
}

stk_status stk__canvas_fit(stk__canvas *c, const uint8_t *src, uint8_t *dst, stk_error *err)
{
	size_t npix = (size_t)c->w * c->h;
	if (!c->ropt) {
		memcpy(dst, src, npix * 4);
		clear_invisible(dst, npix);
		return STK_OK;
	}
	if (c->ropt->key) {
		memcpy(c->keyed, src, (size_t)c->src_w * c->src_h * 4);
		STK_TRY(stk__key_frame(c->keyed, c->src_w, c->src_h, c->ropt->key_color,
		                       c->ropt->key_tolerance, err));
		src = c->keyed;
	}
	size_t stride = (size_t)c->w * 4, row = (size_t)c->src_w * 4;
	uint8_t *at = dst + c->lay.art.y * stride + (size_t)c->lay.art.x * 4;
	memset(dst, 0, npix * 4);
	if (c->copy)
		for (uint32_t y = 0; y < c->src_h; y++)
			memcpy(at + y * stride, src + y * row, row);
	else
		stk__resampler_run(c->rs, src, row, at, stride);
	if (c->ol)
		stk__outliner_apply(c->ol, dst);
	if (c->ropt->flatten)
		for (size_t i = 0; i < npix; i++)
			stk__paint_under(dst + i * 4, c->ropt->background, 1);
	clear_invisible(dst, npix);
	return STK_OK;
}
