/*
 * convert_video.c - a VP9 WEBM (Telegram video sticker) under a byte
 * budget.
 *
 * The lever is libvpx's constant quality: budget.c's search runs on
 * q = 63 - crf (one step a crf step), with an exponential size model
 * (VP9 sizes grow by a near-constant factor a crf step; the search refits
 * the exponent from its own probes).  The first probe is a guess from the
 * bits a pixel of a frame takes at a middling crf, so most searches end
 * in two or three whole encodes.  Only when nothing fits at the lowest
 * quality does the frame rate drop (the plan resampled at a lower rate,
 * never below min_fps), and the search runs again.
 * The plan is one frame duration in whole milliseconds: a WEBM track
 * states one (FFmpeg's muxer writes no block durations), and readers give
 * it to the last frame, so a source's long final hold would be cut short
 * (or a short last frame drawn out); holds are repeated frames instead,
 * a few bytes each in VP9.
 * A still becomes a one-frame, one-second loop.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"
#include "webm_enc.h"

#define SPEED        4       /* libvpx cpu-used: its "good" speed for short clips */
#define SLOPE        0.075   /* d ln(bytes) / d q, about 2x per 9 crf steps */
#define GUESS_CRF    32      /* where the first-probe model is anchored */
#define GUESS_BPP    0.04    /* bytes per pixel and frame at GUESS_CRF, first frame 4x */
#define WINDOW       0.90    /* a fit this close to the budget ends the search */
#define MAX_WHOLE    6
#define FPS_STEP     0.7     /* the frame-rate lever's step */

struct video {
	stk__conv *cv;
	stk__timing plan;           /* the plan being encoded (owned) */
	stk__webm_params wp;
};

static stk_status get_frame(void *user, uint32_t i, const uint8_t **rgba, uint32_t *ms,
                            stk_error *err)
{
	struct video *v = user;
	const stk__tframe *f = &v->plan.f[i];
	*ms = v->plan.n == 1 ? 1000 : f->ms;
	if (!rgba)
		return STK_OK;
	return stk__frames_get(v->cv->fs, f->src, rgba, err);
}

static stk_status encode(struct video *v, int crf, stk_buf *out, stk_error *err)
{
	stk__frame_source src = { v->cv->canvas.w, v->cv->canvas.h, v->plan.n, 0, v,
	                          get_frame, NULL, NULL };
	v->wp.crf = crf;
	STK_TRY(stk__webm_encode_frames(&src, &v->wp, out, err));
	v->cv->rep->encodes++;
	stk_convert_probe p = { (float)stk__webm_quality_of(crf), false, 100, 0,
	                        v->plan.n > 1 ? stk__timing_fps(&v->plan) : 0, out->len, true };
	stk__report_probe(v->cv, &p);
	return STK_OK;
}

static int crf_of_q(double q)
{
	int crf = STK__WEBM_MAX_CRF - (int)lround(q);
	return crf < 0 ? 0 : crf > STK__WEBM_MAX_CRF ? STK__WEBM_MAX_CRF : crf;
}

static stk_status probe(void *user, double q, stk_buf *out, uint64_t *fixed, stk_error *err)
{
	*fixed = 0;
	return encode(user, crf_of_q(q), out, err);
}

static double shape(void *user, double q)
{
	(void)user;
	return exp(SLOPE * q);
}

/* The q the prior model says fits the budget: frames after the first
 * cost a quarter of it (inter frames), GUESS_BPP at GUESS_CRF. */
static double guess_q(const struct video *v, double lo, double hi)
{
	double pixels = (double)v->cv->canvas.w * v->cv->canvas.h;
	double frames = 4 + (v->plan.n > 1 ? v->plan.n - 1 : 0);
	double at_guess = pixels * frames * GUESS_BPP / 4;
	double q = (STK__WEBM_MAX_CRF - GUESS_CRF) +
	           log(v->cv->budget * (1 + WINDOW) / 2 / at_guess) / SLOPE;
	return q < lo ? lo : q > hi ? hi : q;
}

static stk_status search(struct video *v, double lo, double hi, stk_buf *out, bool *found,
                         bool *floor_hit, stk_error *err)
{
	stk__search s;
	stk__search_init(&s, v->cv->budget, lo, hi);
	s.window = WINDOW;
	s.max_probes = MAX_WHOLE;
	s.probe = probe;
	s.interp = shape;
	s.extrap = shape;
	s.user = v;
	s.q_first = guess_q(v, lo, hi);
	stk_status st = stk__search_run(&s, err);
	*found = st == STK_OK && s.best >= 0;
	*floor_hit = s.floor;
	if (*found) {
		*out = s.out;
		s.out.data = NULL;
		s.out.len = 0;
		v->wp.crf = crf_of_q(s.probes[s.best].q);
	}
	stk__search_release(&s);
	return st;
}

/* `in` at one frame duration of whole milliseconds (frame_ms; 0: the step
 * that keeps the source's frame boundaries, or nearly), never faster than
 * fps_cap (0: none), the total never longer than in's. */
static stk_status constant_rate(const stk__conv *cv, const stk__timing *in, double frame_ms,
                                double fps_cap, stk__timing *out, stk_error *err)
{
	uint32_t min_ms = cv->opt->min_frame_ms;
	double cap_ms = fps_cap > 0 ? ceil(1000 / fps_cap - 1e-9) : 0;
	if (cap_ms > min_ms)
		min_ms = (uint32_t)cap_ms;
	return stk__timing_uniform(in, frame_ms, min_ms, false, out, err);
}

/* The frame-rate lever: the plan merged to a lower rate, or *done false
 * when it is at min_fps already or has too few frames to thin. */
static stk_status fewer_frames(struct video *v, bool *done, stk_error *err)
{
	const stk_convert_options *o = v->cv->opt;
	double fps = stk__timing_fps(&v->plan), next_fps = fps * FPS_STEP;
	double min_fps = o->min_fps > 0 ? o->min_fps : 4;
	*done = false;
	if (v->plan.n < 3 || fps <= min_fps * 1.001)
		return STK_OK;
	if (next_fps < min_fps)
		next_fps = min_fps;
	stk__timing next;
	STK_TRY(constant_rate(v->cv, &v->plan, 1000.0 / next_fps, next_fps, &next, err));
	if (next.n >= v->plan.n) {
		stk__timing_release(&next);
		return STK_OK;
	}
	stk__report_note(v->cv->rep, "frame rate lowered from %.3g to %.3g fps to fit", fps,
	                 stk__timing_fps(&next));
	stk__timing_release(&v->plan);
	v->plan = next;
	*done = true;
	return STK_OK;
}

static stk_status run(struct video *v, stk_buf *out, stk_error *err)
{
	const stk_convert_options *o = v->cv->opt;
	double hi = STK__WEBM_MAX_CRF * (o->quality > 0 ? o->quality : 0) / 100;
	double lo = STK__WEBM_MAX_CRF * (o->min_quality > 0 ? o->min_quality : 0) / 100;
	if (lo > hi)
		lo = hi;
	if (!v->cv->budget)
		return encode(v, crf_of_q(hi), out, err);
	for (;;) {
		bool found, floor_hit, fewer;
		STK_TRY(search(v, lo, hi, out, &found, &floor_hit, err));
		if (found)
			return STK_OK;
		if (!floor_hit)
			break;
		STK_TRY(fewer_frames(v, &fewer, err));
		if (!fewer)
			break;
	}
	return stk__budget_fail(v->cv, 0, "the VP9 WEBM", err);
}

stk_status stk__convert_video(stk__conv *cv, const stk__timing *plan, stk_buf *out,
                              stk_error *err)
{
	struct video v;
	memset(&v, 0, sizeof v);
	v.cv = cv;
	v.wp.speed = SPEED;
	STK_TRY(constant_rate(cv, plan, 0, cv->opt->max_fps, &v.plan, err));
	stk_convert_report *rep = cv->rep;
	snprintf(rep->timing, sizeof rep->timing, "%s", v.plan.note);
	stk_status s = run(&v, out, err);
	if (s == STK_OK) {
		rep->quality = (float)stk__webm_quality_of(v.wp.crf);
		rep->lossless = false;
		rep->alpha_quality = 100;
		stk__report_note(rep, "VP9 crf %d", v.wp.crf);
	}
	if (s == STK_OK || s == STK_ERR_BUDGET) {
		rep->frames = v.plan.n;
		rep->fps = v.plan.n > 1 ? stk__timing_fps(&v.plan) : 0;
		rep->duration_ms = v.plan.n > 1 ? v.plan.total_ms : 1000;
	}
	stk__timing_release(&v.plan);
	return s;
}
