/*
 * convert_canvas.c - one source frame onto the output canvas: through a
 * frame fitter (stk/resize.h) when convert fits, a copy at the source's
 * size when it does not.  Either way fully transparent pixels come out as
 * 0,0,0,0, so their colour costs no bytes in any encoder.
 */
#include <string.h>
#include "convert_internal.h"
#include "art_internal.h"

stk_status stk__canvas_init(stk__canvas *c, const stk_resize_options *ropt, uint32_t src_w,
                            uint32_t src_h, const stk_rect *art, stk_error *err)
{
	memset(c, 0, sizeof *c);
	c->w = src_w;
	c->h = src_h;
	c->scale = 1;
	if (!ropt)
		return STK_OK;
	STK_TRY(stk__fitter_new(src_w, src_h, art, ropt, STK__FIT_COPY_1TO1, &c->fit, err));
	c->w = stk_frame_fitter_width(c->fit);
	c->h = stk_frame_fitter_height(c->fit);
	c->scale = stk_frame_fitter_scale(c->fit);
	c->filter = ropt->filter;
	return STK_OK;
}

void stk__canvas_release(stk__canvas *c)
{
	stk_frame_fitter_free(c->fit);
	memset(c, 0, sizeof *c);
}

stk_status stk__canvas_fit(stk__canvas *c, const uint8_t *src, uint8_t *dst, stk_error *err)
{
	size_t npix = (size_t)c->w * c->h;
	if (c->fit)
		return stk_frame_fitter_run(c->fit, src, dst, err);
	memcpy(dst, src, npix * 4);
	stk__clear_invisible(dst, npix);
	return STK_OK;
}
