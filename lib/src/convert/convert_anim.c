/*
 * convert_anim.c - an animated WebP under a byte budget.
 *
 * A whole-animation probe costs up to ~40 ms a frame, so the search is
 * planned with a model and cheap calibration encodes (performance.md
 * "Implications" 4):
 *
 *     bytes(q, plan) ~ c * E(plan) * S(q)
 *
 * S(q) is one representative frame's size as a still at a few qualities,
 * interpolated geometrically above libwebp's q75 knee (sizes there grow
 * about three times as fast a step, by a near-constant factor); E is the
 * number of full frames' worth of change in the plan (frame 0 whole, then
 * the share of the art's 16x16 blocks that changed since the previous
 * planned frame, known after stabilisation); c is measured on a
 * 12-frame clip for long animations, at the quality the model first
 * predicts (c carried far along S(q) drifts), and corrected by every
 * whole probe.
 *
 * Quality comes first and the frame rate second, as a viewer sees it:
 * measured at instants spread over the animation (convert_quality.c),
 * dropped frames cost far more SSIM on this corpus than lower quality or a
 * coarser alpha plane (hamster at 160 KB: 0.993 at 24 fps, 0.847 at 9):
 *   1. lossless, when the one-frame estimate says it may fit;
 *   2. the quality search (budget.c, with S(q) as its size shape) at full
 *      alpha, and, when that only fits below ALPHA_LEVER_Q, at alpha
 *      quality 50 and 20 (and 0 when nothing else fits): for sticker art
 *      the alpha plane is much of every frame; the candidate with the best
 *      SSIM is kept and reported;
 *   3. only when no quality fits, fewer frames (merged on the timeline,
 *      the total kept; never below min_fps), as many fewer as the model
 *      says, and 2 again.
 * Searches the calibrated model calls hopeless are skipped, so a long
 * animation that cannot fit at its own rate costs clips, not whole probes.
 *
 * With every frame a keyframe, frames are coded independently, so the
 * searches run on a sample of the frames whose size, scaled, predicts the
 * whole's; the whole is encoded once at the answer (the sample's frames
 * reused), and the prediction corrected by it only if it missed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"

#define LOSSY_METHOD    4
#define LOSSLESS_EFFORT 25  /* cwebp -z 2, as stills */
#define LOSSLESS_METHOD 2
#define SOFT_FLOOR      40    /* the lowest quality clips calibrate at */
#define ALPHA_LEVER_Q   70    /* full alpha fitting only below this: try coarser alpha */
#define ALPHA_MIN_SAVING 0.005 /* a coarser alpha level must save this share of a frame */
#define HOPELESS        1.25  /* the model this far over budget at q_min: skip the search */
#define FPS_MARGIN      1.1   /* drop a few more frames than the model says */
#define C_PRIOR         1.0   /* the model's scale before any probe (corpus: 0.6-1.35) */
#define WINDOW          0.88  /* a fit this close to the budget ends the search */
#define MAX_WHOLE       6     /* whole probes per search */
#define SAMPLE_MIN      12    /* keyframe plans this long are searched on a sample */
#define SAMPLE_SHARE    6     /* a sample is every 6th frame, */
#define SAMPLE_FRAMES   6     /* and at least 6, */
#define SAMPLE_MAX      16    /* at most 16 */
#define SAMPLE_AIM      0.96  /* the sample's budget: this share of the whole's, */
#define SAMPLE_AIM_MEASURED 0.985 /* once a whole encode has measured the ratio */
#define SAMPLE_WINDOW   0.92  /* its search ends at a fit this close */
#define WHOLE_TRIES     3     /* whole encodes after a sample search */


/* ---- whole probes ---- */

/* A whole probe; `reuse`, when not NULL, is the sample encoded with the
 * same settings, whose frames are not encoded again. */
static stk_status encode(stk__anim *a, const stk__webp_params *p, const stk_buf *reuse,
                         stk_buf *out, stk_error *err)
{
	stk__anim_src src = { a->cv->fs, &a->plan, a->cv->canvas.w, a->cv->canvas.h,
	                      a->cv->plays, &a->cv->exif, 0, reuse, a->sample_at,
	                      reuse ? a->sample.n : 0 };
	if (a->cv->opt->frame_timing == STK_FRAME_TIMING_CONSTANT && a->plan.n)
		src.frame_ms = a->plan.f[0].ms;
	STK_TRY(stk__webp_anim_encode(&src, p, out, err));
	a->cv->rep->encodes++;
	stk__anim_note_probe(a, p, out->len, true);
	return STK_OK;
}

/* The working settings, lossy at q. */
static stk__webp_params lossy_at(const stk__anim *a, double q)
{
	stk__webp_params p = a->wp;
	p.quality = (float)q;
	p.lossless = false;
	return p;
}

static stk_status probe_lossy(void *user, double q, stk_buf *out, uint64_t *fixed,
                              stk_error *err)
{
	stk__anim *a = user;
	stk__webp_params p = lossy_at(a, q);
	STK_TRY(encode(a, &p, NULL, out, err));
	*fixed = a->cv->exif.len;
	return STK_OK;
}

static void settle(stk__anim *a, const stk__webp_params *p)
{
	stk_convert_report *rep = a->cv->rep;
	rep->lossless = p->lossless;
	rep->quality = p->lossless ? 100 : p->quality;
	rep->alpha_quality = p->alpha_quality;
	rep->frames = a->plan.n;
	rep->fps = stk__timing_fps(&a->plan);
	rep->duration_ms = a->plan.total_ms;
}

/* The highest q in [lo, hi] the model fits in the middle of the window,
 * or -1. */
static double model_q(const stk__anim *a, double lo, double hi)
{
	double target = a->cv->budget * (1 + WINDOW) / 2;
	for (double q = hi; q >= lo; q -= 1)
		if (stk__anim_model(a, q) <= target)
			return q;
	return -1;
}

/* ---- sampled probes (every frame a keyframe) ---- */

/* With every frame a keyframe, frames are coded independently and a whole
 * probe's size is the sum of its frames': a sample of them, spread evenly
 * (the middle of each stretch), predicts it to a few percent for a sixth
 * of the encoding.  The search runs on the sample; the whole is encoded
 * once at its answer and corrects the prediction if it has to go again.
 * Sub-frames depend on the frames before, so they are probed whole. */
static stk_status build_sample(stk__anim *a, stk_error *err)
{
	uint32_t n = a->plan.n;
	stk__timing_release(&a->sample);
	free(a->sample_at);
	a->sample_at = NULL;
	if (!a->wp.all_keyframes || n < SAMPLE_MIN)
		return STK_OK;
	uint32_t k = n / SAMPLE_SHARE;
	k = k < SAMPLE_FRAMES ? SAMPLE_FRAMES : k > SAMPLE_MAX ? SAMPLE_MAX : k;
	a->sample.f = malloc(k * sizeof *a->sample.f);
	a->sample_at = malloc(k * sizeof *a->sample_at);
	if (!a->sample.f || !a->sample_at)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (uint32_t j = 0; j < k; j++) {
		a->sample_at[j] = (uint32_t)((2 * (uint64_t)j + 1) * n / (2 * k));
		a->sample.f[j] = a->plan.f[a->sample_at[j]];
		a->sample.total_ms += a->sample.f[j].ms;
	}
	uint32_t *srcs = malloc(k * sizeof *srcs);
	if (!srcs)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (uint32_t j = 0; j < k; j++)
		srcs[j] = a->sample.f[j].src;
	stk_status s = stk__frames_pin(a->cv->fs, srcs, k, err);
	free(srcs);
	STK_TRY(s);
	a->sample.n = k;
	a->ratio = (double)n / k;
	a->ratio_measured = false;
	return STK_OK;
}

static bool sampled(const stk__anim *a)
{
	return a->sample.n > 0;
}

static stk_status encode_sample(stk__anim *a, const stk__webp_params *p, stk_buf *out,
                                stk_error *err)
{
	stk__anim_src src = { a->cv->fs, &a->sample, a->cv->canvas.w, a->cv->canvas.h,
	                      a->cv->plays, NULL, 0, NULL, NULL, 0 };
	STK_TRY(stk__webp_anim_encode(&src, p, out, err));
	stk__anim_note_probe(a, p, out->len, false);
	return STK_OK;
}

static stk_status probe_sample(void *user, double q, stk_buf *out, uint64_t *fixed,
                               stk_error *err)
{
	stk__anim *a = user;
	stk__webp_params p = lossy_at(a, q);
	*fixed = 0;
	return encode_sample(a, &p, out, err);
}

/* The sample's share of the budget, aimed a little low: a whole over
 * budget costs another whole encode. */
static uint64_t sample_budget(const stk__anim *a)
{
	double room = (double)a->cv->budget - (double)a->cv->exif.len;
	double b = room * (a->ratio_measured ? SAMPLE_AIM_MEASURED : SAMPLE_AIM) / a->ratio;
	return b > 1 ? (uint64_t)b : 1;
}

/* The whole's size the sample predicts. */
static double predicted(const stk__anim *a, uint64_t sample_bytes)
{
	return (double)sample_bytes * a->ratio + (double)a->cv->exif.len;
}

/* Frames that show a new source frame (repeats of a hold do not count). */
static uint32_t distinct(const stk__timing *t)
{
	uint32_t n = t->n ? 1 : 0;
	for (uint32_t i = 1; i < t->n; i++)
		n += t->f[i].src != t->f[i - 1].src;
	return n;
}

/* Frames that cost bytes: those showing a new source frame, or with every
 * frame a keyframe, all of them (a repeat is a whole frame then). */
static uint32_t costly(const stk__anim *a, const stk__timing *t)
{
	return a->wp.all_keyframes ? t->n : distinct(t);
}

/* The plan at `fps` (not below min_fps). */
static stk_status at_rate(stk__anim *a, double fps, stk__timing *next, stk_error *err)
{
	const stk_convert_options *o = a->cv->opt;
	if (o->frame_timing != STK_FRAME_TIMING_SOURCE)
		return stk__timing_for(o, &a->plan, 1000.0 / fps, next, err);
	return stk__timing_merge(&a->plan, 1000.0 / fps, o->min_frame_ms, next, err);
}

/* The plan merged down to `fps`, or lower until its effective frames fall
 * to `want` (holds absorb a coarser step, so a rate only drops the frames
 * shorter than its step), never below min_fps; and whether it is worth
 * it: the change must fall at least half as much as the frame count,
 * which it does when most of each frame moves, not when a small part
 * changes now and then (performance.md B.15a). */
static stk_status reduced(stk__anim *a, double fps, double want, stk__timing *next,
                          bool *ok, stk_error *err)
{
	const stk_convert_options *o = a->cv->opt;
	double now = stk__timing_fps(&a->plan);
	*ok = false;
	memset(next, 0, sizeof *next);
	fps = fps < o->min_fps ? o->min_fps : fps;
	if (distinct(&a->plan) < 3 || fps > now * 0.95)
		return STK_OK;
	STK_TRY(at_rate(a, fps, next, err));
	while (stk__anim_effective_frames(a, next) > want && fps > o->min_fps) {
		stk__timing_release(next);
		fps = fps * 0.8 < o->min_fps ? o->min_fps : fps * 0.8;
		STK_TRY(at_rate(a, fps, next, err));
	}
	double frames_saved = 1 - (double)costly(a, next) / costly(a, &a->plan);
	double change_saved = 1 - stk__anim_effective_frames(a, next) / a->effective;
	*ok = costly(a, next) < costly(a, &a->plan) && change_saved >= 0.5 * frames_saved;
	if (!*ok)
		stk__timing_release(next);
	return STK_OK;
}

/* Fewer frames, as many fewer as the model says soft-floor quality needs
 * (*done false when not allowed or not worth it). */
static stk_status fewer_frames(stk__anim *a, double soft, bool *done, stk_error *err)
{
	stk__timing next;
	double fps = stk__timing_fps(&a->plan);
	double factor = stk__anim_model(a, soft) / (a->cv->budget * (1 + WINDOW) / 2) * FPS_MARGIN;
	factor = factor < 1.25 ? 1.25 : factor > 8 ? 8 : factor;
	STK_TRY(reduced(a, fps / factor, a->effective / factor, &next, done, err));
	if (!*done)
		return STK_OK;
	stk__report_note(a->cv->rep, "frame rate lowered from %.3g to %.3g fps to fit", fps,
	                 stk__timing_fps(&next));
	stk__timing_release(&a->plan);
	a->plan = next;
	a->effective = stk__anim_effective_frames(a, &a->plan);
	STK_TRY(build_sample(a, err));
	return sampled(a) ? STK_OK : stk__anim_calibrate_clip(a, soft, err);
}

/* Quality search on the current plan within [lo, hi], seeded with the
 * over-budget probes already made on it. */
static stk_status search(stk__anim *a, double lo, double hi, double first,
                         const stk__search *prev, stk_buf *out, bool *found,
                         stk__search *s, stk_error *err)
{
	stk__search_init(s, sampled(a) ? sample_budget(a) : a->cv->budget, lo, hi);
	s->probe = sampled(a) ? probe_sample : probe_lossy;
	s->interp = stk__anim_shape;
	s->extrap = stk__anim_shape;
	s->user = a;
	s->max_probes = MAX_WHOLE;
	s->window = sampled(a) ? SAMPLE_WINDOW : WINDOW;
	s->q_first = first >= 0 ? first : lo;
	for (int i = 0; prev && i < prev->n; i++)
		stk__search_seed(s, prev->probes[i].q, prev->probes[i].bytes, prev->probes[i].fixed);
	stk_status st = stk__search_run(s, err);
	*found = st == STK_OK && s->best >= 0;
	if (*found) {
		*out = s->out;
		s->out = (stk_buf){ 0 };
		stk__webp_params p = a->wp;
		p.quality = (float)s->probes[s->best].q;
		settle(a, &p);
		a->sample_q = s->probes[s->best].q;
		a->sample_bytes = s->probes[s->best].bytes;
	}
	/* the lowest-q probe says most about the model's scale */
	int low = -1;
	for (int i = s->seeded; i < s->n; i++)
		if (low < 0 || s->probes[i].q < s->probes[low].q)
			low = i;
	if (low >= 0)
		stk__anim_correct(a, s->probes[low].q,
		                  sampled(a) ? (uint64_t)predicted(a, s->probes[low].bytes)
		                             : s->probes[low].bytes);
	return st;
}

/* Lossless when its one-frame estimate leaves room. */
static stk_status try_lossless(stk__anim *a, stk_buf *out, bool *found, stk_error *err)
{
	stk__webp_params p = a->wp;
	uint64_t one;
	*found = false;
	p.lossless = true;
	p.quality = LOSSLESS_EFFORT;
	p.method = LOSSLESS_METHOD;
	STK_TRY(stk__anim_still_size(a, &p, &one, NULL, err));
	if (a->cv->budget && one * a->effective > 0.8 * a->cv->budget)
		return STK_OK;
	stk_buf sample_enc = { 0 };
	if (a->cv->budget && sampled(a)) {
		/* the sample tells a near miss from a fit without a whole encode,
		 * and its frames are the whole's */
		STK_TRY(encode_sample(a, &p, &sample_enc, err));
		if (predicted(a, sample_enc.len) > (double)a->cv->budget) {
			stk_buf_release(&sample_enc);
			return STK_OK;
		}
	}
	stk_status st = encode(a, &p, sample_enc.len ? &sample_enc : NULL, out, err);
	stk_buf_release(&sample_enc);
	STK_TRY(st);
	if (!a->cv->budget || out->len <= a->cv->budget) {
		*found = true;
		settle(a, &p);
		return STK_OK;
	}
	stk_buf_release(out);
	return STK_OK;
}

/* The whole animation at the quality the sample search chose.  Each whole
 * encode corrects the sample's ratio; when one misses the budget, or fits
 * well short of it, the sample is searched again in the range left and
 * the whole encoded at that answer.  The best fitting whole is kept; the
 * settings (alpha quality included) are a->wp. */
static stk_status whole_from_sample(stk__anim *a, stk_buf *sample_enc, stk_buf *out,
                                    bool *found, stk_error *err)
{
	const stk_convert_options *o = a->cv->opt;
	uint64_t budget = a->cv->budget, exif = a->cv->exif.len;
	double lo = o->min_quality, hi = o->quality, q = a->sample_q, best_q = -1;
	*found = false;
	for (int tries = 0; tries < WHOLE_TRIES; tries++) {
		stk_buf b = { 0 };
		uint64_t sample_bytes = a->sample_bytes;
		stk__webp_params p = lossy_at(a, q);
		stk_status st = encode(a, &p, sample_enc, &b, err);
		stk_buf_release(sample_enc);
		STK_TRY(st);
		bool fit = b.len <= budget;
		if (fit && q > best_q) {
			stk_buf_release(out);
			*out = b;
			best_q = q;
			*found = true;
		} else {
			stk_buf_release(&b);
		}
		if (fit && (out->len >= WINDOW * budget || q >= hi))
			break;
		a->ratio = (double)(b.len > exif ? b.len - exif : 1) / (double)sample_bytes;
		a->ratio_measured = true;
		if (fit)
			lo = q + 1;
		else
			hi = q - 1;
		if (lo > hi)
			break;
		stk__search s;
		bool again = false;
		st = search(a, lo, hi, model_q(a, lo, hi), NULL, sample_enc, &again, &s, err);
		stk__search_release(&s);
		STK_TRY(st);
		if (!again)
			break;
		q = a->sample_q;
	}
	stk_buf_release(sample_enc);
	if (*found) {
		stk__webp_params p = a->wp;
		p.quality = (float)best_q;
		settle(a, &p);
	}
	return STK_OK;
}

/* Whether the model, calibrated, says even q_min is far over budget on
 * this plan: a whole probe would only confirm it. */
static bool hopeless(const stk__anim *a)
{
	return stk__anim_model(a, a->cv->opt->min_quality) > HOPELESS * (double)a->cv->budget;
}

/* A candidate's SSIM: of the whole against the source's timeline, or of
 * the sample, one instant a frame. */
static stk_status candidate_ssim(stk__anim *a, const stk_buf *enc, double *ssim,
                                 stk_error *err)
{
	if (sampled(a))
		return stk__measure_ssim_at(a->cv, &a->sample, enc, a->sample.n, ssim, err);
	return stk__measure_ssim(a->cv, a->source, enc, ssim, err);
}

/* Quality search at each alpha level the art allows, the best fit by SSIM
 * kept in *out: full alpha first, coarser alpha planes when full alpha
 * only fits below ALPHA_LEVER_Q (for sticker art the alpha plane is much
 * of every frame, so this buys far more than it costs at the edges); 0
 * only when nothing else fits, for budgets only the roughest edges meet. */
static stk_status quality(stk__anim *a, stk_buf *out, bool *found, stk_error *err)
{
	static const float levels[] = { 100, 50, 20, 0 };
	const size_t all = sizeof levels / sizeof levels[0];
	const stk_convert_options *o = a->cv->opt;
	size_t nlevels = o->allow_alpha_fallback && a->has_alpha ? all : 1;
	double best_ssim = -1, best_q = -1;
	float best_alpha = 100;
	uint64_t best_sample_bytes = 0;
	*found = false;
	for (size_t i = 0; i < nlevels; i++) {
		if (i > 0 && *found && (best_q >= ALPHA_LEVER_Q || levels[i] == 0))
			break;
		double alpha_before = a->cal_alpha_bytes;
		if (a->cal_alpha != levels[i])
			STK_TRY(stk__anim_recalibrate_alpha(a, levels[i], err));
		/* a coarser alpha plane that saves next to nothing (opaque art)
		 * would only repeat the search before it */
		if (i > 0 && alpha_before - a->cal_alpha_bytes < ALPHA_MIN_SAVING * a->cal_bytes[0])
			continue;
		if (hopeless(a))
			continue;
		stk__search s;
		stk_buf b = { 0 };
		bool fit = false;
		stk_status st = search(a, o->min_quality, o->quality,
		                       model_q(a, o->min_quality, o->quality), NULL, &b, &fit, &s, err);
		double q = fit ? s.probes[s.best].q : -1, ssim = -1;
		stk__search_release(&s);
		/* SSIM only decides between two candidates (sampled: on the sample) */
		if (st == STK_OK && fit && *found && best_ssim < 0)
			st = candidate_ssim(a, out, &best_ssim, err);
		if (st == STK_OK && fit && *found)
			st = candidate_ssim(a, &b, &ssim, err);
		if (st != STK_OK) {
			stk_buf_release(&b);
			return st;
		}
		if (fit && (!*found || ssim > best_ssim)) {
			stk_buf_release(out);
			*out = b;
			*found = true;
			best_ssim = ssim;
			best_q = q;
			best_alpha = levels[i];
			best_sample_bytes = a->sample_bytes;
		} else {
			stk_buf_release(&b);
		}
	}
	if (*found && sampled(a)) {
		/* the model at best_alpha, for a second search on the sample; the
		 * sample's bytes there are its ratio's base */
		if (a->cal_alpha != best_alpha)
			STK_TRY(stk__anim_recalibrate_alpha(a, best_alpha, err));
		a->sample_q = best_q;
		a->sample_bytes = best_sample_bytes;
		stk_buf sample_enc = *out; /* the chosen sample encode: its frames are reused */
		*out = (stk_buf){ 0 };
		STK_TRY(whole_from_sample(a, &sample_enc, out, found, err));
		best_q = a->cv->rep->quality;
		best_ssim = -1; /* measured on the whole at the end */
	}
	if (*found) {
		stk__webp_params p = a->wp;
		p.quality = (float)best_q;
		p.alpha_quality = best_alpha;
		settle(a, &p);
		a->cv->rep->ssim = best_ssim;
		if (best_alpha < 100)
			stk__report_note(a->cv->rep, "alpha quality lowered to %g to fit (edges less "
			                 "smooth)", (double)best_alpha);
	}
	return STK_OK;
}

/* Quality first (with alpha precision); the frame rate only when no
 * quality fits, as many frames fewer as the calibrated model says. */
static stk_status run(stk__anim *a, stk_buf *out, stk_error *err)
{
	stk__conv *cv = a->cv;
	const stk_convert_options *o = cv->opt;
	bool found = false, fewer = true;

	if (cv->budget)
		STK_TRY(build_sample(a, err));
	if (o->allow_lossless) {
		STK_TRY(try_lossless(a, out, &found, err));
		if (found)
			return STK_OK;
	}
	if (!cv->budget) {
		a->wp.quality = o->quality;
		STK_TRY(encode(a, &a->wp, NULL, out, err));
		settle(a, &a->wp);
		return STK_OK;
	}
	STK_TRY(stk__anim_calibrate(a, err));
	if (!sampled(a)) {
		/* where the search is likely to land: c is a ratio measured at
		 * one q and carried to the others by the still's curve */
		double q = model_q(a, o->min_quality, o->quality);
		STK_TRY(stk__anim_calibrate_clip(a, q > SOFT_FLOOR ? q : SOFT_FLOOR, err));
	}
	STK_TRY(quality(a, out, &found, err));
	while (!found && fewer) {
		STK_TRY(fewer_frames(a, o->min_quality, &fewer, err));
		if (fewer)
			STK_TRY(quality(a, out, &found, err));
	}
	if (found)
		return STK_OK;
	/* the model may have judged every search hopeless without a whole
	 * encode: make the roughest one, so the failure says a real size (and
	 * a model too pessimistic still gets its fit) */
	if (!cv->rep->encodes) {
		stk__webp_params p = lossy_at(a, o->min_quality);
		if (o->allow_alpha_fallback && a->has_alpha)
			p.alpha_quality = 0;
		STK_TRY(encode(a, &p, NULL, out, err));
		if (out->len <= cv->budget) {
			settle(a, &p);
			return STK_OK;
		}
		stk_buf_release(out);
	}
	return stk__budget_fail(cv, 0, "the animation", err);
}

stk_status stk__convert_anim(stk__conv *cv, const stk__timing *plan, stk_buf *out,
                             stk_error *err)
{
	stk__anim a;
	const uint8_t *rgba;
	size_t bytes = (size_t)cv->canvas.w * cv->canvas.h * 4;
	memset(&a, 0, sizeof a);
	a.cv = cv;
	a.c = C_PRIOR;
	a.source = plan;
	a.wp = (stk__webp_params){ cv->opt->quality, false, 100, LOSSY_METHOD,
	                           cv->opt->all_keyframes };
	STK_TRY(stk__timing_merge(plan, 0, 0, &a.plan, err));
	stk_status s = stk__frames_get(cv->fs, plan->f[plan->n / 2].src, &rgba, err);
	if (s == STK_OK && !(a.rep_copy = malloc(bytes)))
		s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK) {
		memcpy(a.rep_copy, rgba, bytes);
		a.rep_frame = a.rep_copy;
		a.has_alpha = stk__alpha_of(a.rep_copy, bytes / 4) != STK_ALPHA_NONE;
		a.effective = stk__anim_effective_frames(&a, &a.plan);
		s = run(&a, out, err);
	}
	if (s == STK_OK || s == STK_ERR_BUDGET) {
		/* the plan actually encoded (the frame-rate lever may have changed it) */
		cv->rep->frames = a.plan.n;
		cv->rep->fps = stk__timing_fps(&a.plan);
		cv->rep->duration_ms = a.plan.total_ms;
	}
	free(a.rep_copy);
	stk__timing_release(&a.plan);
	stk__timing_release(&a.sample);
	free(a.sample_at);
	return s;
}
