/*
 * convert_anim_model.c - the size model behind the animated search
 * (convert_anim.c's header comment draws it): bytes(q, plan) ~ c * E(plan)
 * * S(q), with S(q) from one representative frame's stills, E the plan's
 * full frames' worth of change, and c from a clip or corrected by whole
 * probes.  The search driver asks it; it encodes only stills and clips.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"

#define CLIP            12    /* frames in a calibration clip */
#define KNEE_Q          75    /* libwebp's quality knee: sizes grow geometrically above */

void stk__anim_note_probe(stk__anim *a, const stk__webp_params *p, uint64_t bytes, bool whole)
{
	stk_convert_probe pr = { p->lossless ? 100 : p->quality, p->lossless, p->alpha_quality, 0,
	                         whole ? stk__timing_fps(&a->plan) : 0, bytes, whole };
	stk__report_probe(a->cv, &pr);
}

/* ---- one-frame calibration ---- */

stk_status stk__anim_still_size(stk__anim *a, const stk__webp_params *p, uint64_t *bytes,
                                uint64_t *alpha_bytes, stk_error *err)
{
	STK_TRY(stk__webp_still_size(a->rep_frame, a->cv->canvas.w, a->cv->canvas.h, p, bytes,
	                             alpha_bytes, err));
	stk__anim_note_probe(a, p, *bytes, false);
	return STK_OK;
}

/* S(q) at STK__ANIM_NCAL qualities from q_max down. */
stk_status stk__anim_calibrate(stk__anim *a, stk_error *err)
{
	const stk_convert_options *o = a->cv->opt;
	double qs[STK__ANIM_NCAL] = { o->quality, 75, 55, 35, 15, 0 };
	a->ncal = 0;
	a->cal_alpha = a->wp.alpha_quality;
	for (int i = 0; i < STK__ANIM_NCAL; i++) {
		if (i > 0 && (qs[i] >= qs[0] || qs[i] < o->min_quality))
			continue;
		stk__webp_params p = a->wp;
		uint64_t bytes, alpha;
		p.quality = (float)qs[i];
		p.lossless = false;
		STK_TRY(stk__anim_still_size(a, &p, &bytes, &alpha, err));
		if (i == 0)
			a->cal_alpha_bytes = (double)alpha;
		/* keep it increasing in q whatever the encoder did */
		double b = (double)bytes;
		if (a->ncal && b > a->cal_bytes[a->ncal - 1])
			b = a->cal_bytes[a->ncal - 1];
		a->cal_q[a->ncal] = qs[i];
		a->cal_bytes[a->ncal++] = b;
	}
	return STK_OK;
}

/* S(q) at another alpha quality from one still: the alpha plane does not
 * depend on q, so the curve moves by the change in its size. */
stk_status stk__anim_recalibrate_alpha(stk__anim *a, float alpha_q, stk_error *err)
{
	stk__webp_params p = a->wp;
	uint64_t bytes, alpha;
	p.quality = (float)a->cal_q[0];
	p.lossless = false;
	p.alpha_quality = alpha_q;
	STK_TRY(stk__anim_still_size(a, &p, &bytes, &alpha, err));
	double shift = (double)alpha - a->cal_alpha_bytes;
	for (int i = 0; i < a->ncal; i++)
		a->cal_bytes[i] = a->cal_bytes[i] + shift > 1 ? a->cal_bytes[i] + shift : 1;
	a->cal_alpha_bytes = (double)alpha;
	a->cal_alpha = alpha_q;
	a->wp.alpha_quality = alpha_q;
	return STK_OK;
}

/* S(q), interpolated between calibration points (stored high q first). */
double stk__anim_shape(void *user, double q)
{
	const stk__anim *a = user;
	int n = a->ncal;
	if (n == 1 || q >= a->cal_q[0])
		return a->cal_bytes[0] * (n == 1 ? stk__webp_size_shape(q) /
		                          stk__webp_size_shape(a->cal_q[0]) : 1);
	for (int i = 1; i < n; i++)
		if (q >= a->cal_q[i]) {
			double t = (q - a->cal_q[i]) / (a->cal_q[i - 1] - a->cal_q[i]);
			if (a->cal_q[i] >= KNEE_Q)
				return a->cal_bytes[i] * pow(a->cal_bytes[i - 1] / a->cal_bytes[i], t);
			return a->cal_bytes[i] + t * (a->cal_bytes[i - 1] - a->cal_bytes[i]);
		}
	return a->cal_bytes[n - 1];
}

/* How much of a frame a change costs: the share of the art's blocks that
 * changed (transparent blocks cost a still almost nothing, so a share of
 * the canvas would underestimate; measured on the corpus, this puts c at
 * 1.0-1.35). */
static double cost(const stk__change *c)
{
	return c->art;
}

/* Full frames' worth of change in a plan.  Where frames were merged, the
 * changes of the frames in between overlap (the same part moving on), so
 * the largest counts whole and the rest a third. */
static double change_frames(stk__conv *cv, const stk__timing *plan)
{
	double e = 1;
	for (uint32_t k = 1; k < plan->n; k++) {
		double sum = 0, max = 0;
		for (uint32_t i = plan->f[k - 1].src + 1; i <= plan->f[k].src; i++) {
			stk__change ch = stk__frames_changed(cv->fs, i);
			sum += cost(&ch);
			max = cost(&ch) > max ? cost(&ch) : max;
		}
		double c = max + (sum - max) / 3;
		e += c < 1 ? c : 1;
	}
	return e;
}

/* The same, for the layout being encoded: a keyframe costs a whole frame
 * however little changed. */
double stk__anim_effective_frames(const stk__anim *a, const stk__timing *plan)
{
	return a->wp.all_keyframes ? plan->n : change_frames(a->cv, plan);
}

/* The model's size at q for the current plan. */
double stk__anim_model(const stk__anim *a, double q)
{
	return a->c * a->effective * stk__anim_shape((void *)a, q) + (double)a->cv->exif.len;
}

/* Corrects c from a whole probe on the current plan. */
void stk__anim_correct(stk__anim *a, double q, uint64_t bytes)
{
	double base = a->effective * stk__anim_shape(a, q);
	if (base > 0 && bytes > a->cv->exif.len)
		a->c = (double)(bytes - a->cv->exif.len) / base;
}

/* For a long plan, c from a short clip of consecutive planned frames from
 * the middle: a few percent of a whole probe, and it sees the real
 * frame-to-frame coding that one still cannot. */
stk_status stk__anim_calibrate_clip(stk__anim *a, double q, stk_error *err)
{
	if (a->plan.n < 2 * CLIP)
		return STK_OK;
	stk__timing clip = a->plan;
	clip.f = a->plan.f + (a->plan.n - CLIP) / 2;
	clip.n = CLIP;
	stk__anim_src src = { a->cv->fs, &clip, a->cv->canvas.w, a->cv->canvas.h, a->cv->plays,
	                      NULL, 0, NULL, NULL, 0 };
	stk__webp_params p = a->wp;
	stk_buf out = { 0 };
	p.quality = (float)q;
	p.lossless = false;
	STK_TRY(stk__webp_anim_encode(&src, &p, &out, err));
	stk__anim_note_probe(a, &p, out.len, false);
	double base = stk__anim_effective_frames(a, &clip) * stk__anim_shape(a, q);
	if (base > 0)
		a->c = (double)out.len / base;
	stk_buf_release(&out);
	return STK_OK;
}

