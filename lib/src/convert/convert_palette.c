/*
 * convert_palette.c - PNG, APNG and GIF under a byte budget (Signal, LINE,
 * Discord, Kakao, WeChat).  These formats are lossless, so the levers are
 * the palette and the frame rate:
 *   1. as it is: PNG/APNG lossless (a palette only when that loses
 *      nothing), GIF with its palette of up to max_colors;
 *   2. a quantised palette (libimagequant, shared across frames by the
 *      codec), the colour count searched like a quality (budget.c), in a
 *      log2 model since bytes follow bits per pixel;
 *   3. for animations, the frame rate halved while above min_fps.
 * Frames are small here (stores that want these formats use <= 512x512
 * canvases and <= 5 s), so the image is built in memory for the codec.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"

#define MIN_COLORS 8

struct pal {
	stk__conv *cv;
	stk__timing plan;
	stk_image *img;
	stk_encode_options eo;
};

static stk_status build(struct pal *p, stk_error *err)
{
	stk__conv *cv = p->cv;
	stk_image_free(p->img);
	p->img = NULL;
	STK_TRY(stk_image_new(cv->canvas.w, cv->canvas.h, &p->img, err));
	stk_image_set_plays(p->img, cv->plays);
	for (uint32_t i = 0; i < p->plan.n; i++) {
		const uint8_t *rgba;
		STK_TRY(stk__frames_get(cv->fs, p->plan.f[i].src, &rgba, err));
		STK_TRY(stk_image_add_frame(p->img, rgba, 0, p->plan.n > 1 ? p->plan.f[i].ms : 0,
		                            err));
	}
	return STK_OK;
}

static stk_status encode(struct pal *p, int palette, int colors, stk_buf *out,
                         stk_error *err)
{
	p->eo.png_palette = palette;
	p->eo.max_colors = colors;
	STK_TRY(stk_image_encode(p->img, &p->eo, out, err));
	p->cv->rep->encodes++;
	stk_convert_probe pr = { 100, palette != 1, 100, palette == 1 ? colors : 0,
	                         p->plan.n > 1 ? stk__timing_fps(&p->plan) : 0, out->len, true };
	stk__report_probe(p->cv, &pr);
	return STK_OK;
}

static stk_status probe_colors(void *user, double q, stk_buf *out, uint64_t *fixed,
                               stk_error *err)
{
	*fixed = 0;
	return encode(user, 1, (int)q, out, err);
}

static double log_colors(void *user, double q)
{
	(void)user;
	return log2(q > 2 ? q : 2);
}

static void settle(struct pal *p, bool lossless, int colors)
{
	stk_convert_report *rep = p->cv->rep;
	rep->lossless = lossless;
	rep->quality = 100;
	rep->alpha_quality = 100;
	rep->colors = colors;
	rep->frames = p->plan.n;
	rep->fps = p->plan.n > 1 ? stk__timing_fps(&p->plan) : 0;
	rep->duration_ms = p->plan.n > 1 ? p->plan.total_ms : 0;
}

static stk_status search(struct pal *p, stk_buf *out, bool *found, stk_error *err)
{
	int max = p->cv->opt->max_colors;
	stk__search s;
	stk__search_init(&s, p->cv->budget, MIN_COLORS < max ? MIN_COLORS : 2, max);
	s.probe = probe_colors;
	s.interp = log_colors;
	s.extrap = log_colors;
	s.user = p;
	stk_status st = stk__search_run(&s, err);
	*found = st == STK_OK && s.best >= 0;
	if (*found) {
		*out = s.out;
		s.out = (stk_buf){ 0 };
		settle(p, false, (int)s.probes[s.best].q);
	}
	stk__search_release(&s);
	return st;
}

static stk_status halve_fps(struct pal *p, bool *done, stk_error *err)
{
	const stk_convert_options *o = p->cv->opt;
	double fps = stk__timing_fps(&p->plan);
	stk__timing next;
	*done = false;
	if (p->plan.n < 3 || fps / 2 < o->min_fps - 1e-9 ||
	    (o->min_frames && p->plan.n / 2 < o->min_frames))
		return STK_OK;
	STK_TRY(stk__timing_merge(&p->plan, 2000.0 / fps, o->min_frame_ms, &next, err));
	if (next.n >= p->plan.n) {
		stk__timing_release(&next);
		return STK_OK;
	}
	stk__report_note(p->cv->rep, "frame rate lowered from %.3g to %.3g fps to fit", fps,
	                 stk__timing_fps(&next));
	stk__timing_release(&p->plan);
	p->plan = next;
	*done = true;
	return build(p, err);
}

static stk_status run(struct pal *p, stk_buf *out, stk_error *err)
{
	stk__conv *cv = p->cv;
	bool found = false, fewer = true;
	bool gif = p->eo.format == STK_FORMAT_GIF;
	STK_TRY(build(p, err));
	while (!found) {
		/* as it is: lossless PNG, or GIF with all the colours it may have */
		STK_TRY(encode(p, gif ? 1 : -1, cv->opt->max_colors, out, err));
		if (!cv->budget || out->len <= cv->budget) {
			settle(p, !gif, gif ? cv->opt->max_colors : 0);
			return STK_OK;
		}
		stk_buf_release(out);
		STK_TRY(search(p, out, &found, err));
		if (found || p->plan.n < 2)
			break;
		STK_TRY(halve_fps(p, &fewer, err));
		if (!fewer)
			break;
	}
	if (found)
		return STK_OK;
	return stk__budget_fail(cv, 0, p->plan.n > 1 ? "the animation" : "the image", err);
}

stk_status stk__convert_palette(stk__conv *cv, const stk__timing *plan, stk_buf *out,
                                stk_error *err)
{
	struct pal p;
	memset(&p, 0, sizeof p);
	p.cv = cv;
	stk_encode_options_init(&p.eo);
	p.eo.format = cv->format;
	p.eo.keep_metadata = false;
	STK_TRY(stk__timing_merge(plan, 0, 0, &p.plan, err));
	stk_status s = run(&p, out, err);
	cv->rep->frames = p.plan.n;
	cv->rep->fps = p.plan.n > 1 ? stk__timing_fps(&p.plan) : 0;
	cv->rep->duration_ms = p.plan.n > 1 ? p.plan.total_ms : 0;
	stk_image_free(p.img);
	stk__timing_release(&p.plan);
	return s;
}
