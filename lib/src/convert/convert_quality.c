/*
 * convert_quality.c - how close the written file is to what was asked
 * for: the output is decoded again (with the project's own decoders, as
 * any app would) and compared, over dark and light backgrounds, with the
 * planned source frames at SAMPLES instants spread evenly over the
 * animation: what a viewer sees at those moments.  Sampling by time, not
 * by output frame, is what makes dropped frames count (a frame shown
 * longer than its source is compared with the source frames it stands in
 * for).
 */
#include "convert_internal.h"

#define SAMPLES 16

struct measure {
	stk__conv *cv;
	const stk__timing *plan;
	uint64_t total;        /* the animation's duration (0: a still) */
	uint32_t samples;      /* instants measured */
	uint32_t next;         /* next sample */
	uint64_t t;            /* start of the decoded frame */
	double sum;
	uint32_t count;
};

/* The plan frame showing at time t. */
static uint32_t plan_at(const stk__timing *plan, double t)
{
	double end = 0;
	for (uint32_t i = 0; i < plan->n; i++) {
		end += plan->f[i].ms;
		if (t < end)
			return i;
	}
	return plan->n - 1;
}

static stk_status on_frame(void *user, const stk_image *hdr, uint32_t index,
                           const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	struct measure *m = user;
	uint32_t w = m->cv->canvas.w, h = m->cv->canvas.h;
	(void)index;
	if (stk_image_width(hdr) != w || stk_image_height(hdr) != h)
		return stk__fail(err, STK_ERR_INTERNAL, "the output decodes as %ux%u, not %ux%u",
		                 stk_image_width(hdr), stk_image_height(hdr), w, h);
	uint64_t end = m->t + ms;
	/* every sample instant this frame is on screen for */
	while (m->next < m->samples) {
		double at = m->total ? (m->next + 0.5) * (double)m->total / m->samples : 0;
		if (m->total && at >= (double)end)
			break;
		const uint8_t *ref;
		STK_TRY(stk__frames_get(m->cv->fs, m->plan->f[plan_at(m->plan, at)].src, &ref, err));
		m->sum += stk__ssim_sticker(ref, rgba, w, h);
		m->count++;
		m->next = m->total ? m->next + 1 : m->samples;
	}
	m->t = end;
	return STK_OK;
}

stk_status stk__measure_ssim(stk__conv *cv, const stk__timing *plan, const stk_buf *enc,
                             double *ssim, stk_error *err)
{
	return stk__measure_ssim_at(cv, plan, enc, SAMPLES, ssim, err);
}

stk_status stk__measure_ssim_at(stk__conv *cv, const stk__timing *plan, const stk_buf *enc,
                                uint32_t samples, double *ssim, stk_error *err)
{
	struct measure m = { cv, plan, plan->n > 1 ? plan->total_ms : 0, samples ? samples : 1,
	                     0, 0, 0, 0 };
	stk_image *hdr = NULL;
	stk_status s = stk_image_decode_frames(enc->data, enc->len, NULL, on_frame, &m, &hdr, err);
	stk_image_free(hdr);
	if (s != STK_OK)
		return s;
	*ssim = m.count ? m.sum / m.count : -1;
	return STK_OK;
}
