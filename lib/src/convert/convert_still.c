/*
 * convert_still.c - a still WebP under a byte budget, best quality first:
 *   1. lossless (most sticker art fits 100 KB losslessly, at SSIM 1);
 *   2. the lossy quality ceiling, then the budget search below it
 *      (budget.c), with the alpha plane's bytes taken out of the model;
 *   3. when that only fits below ALPHA_LEVER_Q (or not at all) and the
 *      art has alpha, the alpha plane's quality is lowered (80, 70, 50,
 *      30, 20, 10: steps that save bytes, performance.md A.5; 90-99 save
 *      nothing) and the search run again, starting from the VP8 size
 *      curve already measured, at the levels that curve says leave room
 *      and at the last.  For flat art the alpha plane is most of the
 *      file, so this can buy far more colour quality than it costs at the
 *      edges (text emoji at 40% of its q90 size: 0.9665 at alpha 30,
 *      0.9725 at 10); the candidates are measured (SSIM over dark and
 *      light) and the best kept, and the notes say so;
 *   4. from quality 60 up, sharp RGB to YUV one step lower (sharp_yuv()).
 * Encodes go through the codec's stk_image_encode(); the bytes of the
 * best fitting probe are the output, never re-encoded.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"

/* Lossless effort, as cwebp -z: level 1 costs 0.75x a lossy m4 encode on
 * the corpus (level 2: 1.2x, level 3: 1.7x) for 15% more bytes than level
 * 3, and sticker art fits with room; only a near miss is worth level 3. */
#define LOSSLESS_FAST_METHOD  1
#define LOSSLESS_FAST_EFFORT  20
#define LOSSLESS_TIGHT_METHOD 3
#define LOSSLESS_TIGHT_EFFORT 30
#define LOSSLESS_NEAR_MISS    1.2  /* level 1 this far over budget: try level 3 */
#define LOSSY_METHOD     4   /* m5/m6 buy 0-4% for 1.3-20x the time (performance.md A.3-4) */
#define WEBP_OVERHEAD    40  /* RIFF, VP8X and VP8 chunk headers */
#define ALPHA_LEVER_Q    70  /* below this, try a coarser alpha plane */
#define SHARP_Q          60  /* from this up, try sharp RGB to YUV conversion */
#define SHARP_COST       1.06 /* its VP8 bytes against plain at one q (~1.07) */
#define SHARP_STEPS      3   /* at most this many qualities below the plain one */

struct still {
	stk__conv *cv;
	stk_image *img;
	stk_encode_options eo;
};

/* A lossless encode when `lossless` (q picks the effort: 0 fast, 1 tight),
 * else lossy at quality q. */
static stk_status encode(struct still *st, bool lossless, double q, stk_buf *out,
                         stk_error *err)
{
	bool tight = lossless && q > 0;
	st->eo.lossless = lossless;
	st->eo.quality = !lossless ? (float)q : tight ? LOSSLESS_TIGHT_EFFORT : LOSSLESS_FAST_EFFORT;
	st->eo.method = !lossless ? LOSSY_METHOD : tight ? LOSSLESS_TIGHT_METHOD
	                                                 : LOSSLESS_FAST_METHOD;
	STK_TRY(stk_image_encode(st->img, &st->eo, out, err));
	st->cv->rep->encodes++;
	stk_convert_probe p = { lossless ? 100 : (float)q, lossless, st->eo.alpha_quality, 0, 0,
	                        out->len, true };
	stk__report_probe(st->cv, &p);
	return STK_OK;
}

static stk_status probe_lossy(void *user, double q, stk_buf *out, uint64_t *fixed,
                              stk_error *err)
{
	struct still *st = user;
	STK_TRY(encode(st, false, q, out, err));
	*fixed = stk__webp_chunk_bytes(out->data, out->len, "ALPH") +
	         stk__webp_chunk_bytes(out->data, out->len, "EXIF") + WEBP_OVERHEAD;
	return STK_OK;
}

static stk_status still_image(stk__conv *cv, stk_image **out, stk_error *err)
{
	const uint8_t *rgba;
	STK_TRY(stk__frames_get(cv->fs, 0, &rgba, err));
	STK_TRY(stk_image_new(cv->canvas.w, cv->canvas.h, out, err));
	stk_status s = stk_image_add_frame(*out, rgba, 0, 0, err);
	if (s == STK_OK && cv->exif.len)
		s = stk_image_set_metadata(*out, STK_META_EXIF, cv->exif.data, cv->exif.len, err);
	if (s != STK_OK) {
		stk_image_free(*out);
		*out = NULL;
	}
	return s;
}

static void settle(stk__conv *cv, bool lossless, float q, float alpha_q)
{
	stk_convert_report *rep = cv->rep;
	rep->lossless = lossless;
	rep->quality = lossless ? 100 : q;
	rep->alpha_quality = alpha_q;
	rep->frames = 1;
}

/* One lossy search's outcome. */
struct cand {
	bool found, floor;
	float q, alpha_q;
	stk_buf out;
	double ssim;
	stk__probe probes[STK__MAX_PROBES];
	int n;
};

/* The VP8 part's size at q, from another search's probes (log-linear
 * between them, the size model beyond); -1 when there are none. */
static double vp8_at(const struct cand *c, double q)
{
	const stk__probe *lo = NULL, *hi = NULL;
	for (int i = 0; i < c->n; i++) {
		const stk__probe *p = &c->probes[i];
		if (p->bytes <= p->fixed)
			continue;
		if (p->q <= q && (!lo || p->q > lo->q))
			lo = p;
		if (p->q >= q && (!hi || p->q < hi->q))
			hi = p;
	}
	const stk__probe *one = lo ? lo : hi;
	if (!one)
		return -1;
	double ylo = lo ? (double)(lo->bytes - lo->fixed) : 0;
	double yhi = hi ? (double)(hi->bytes - hi->fixed) : 0;
	if (lo && hi && hi->q > lo->q)
		return exp(log(ylo) + (q - lo->q) / (hi->q - lo->q) * (log(yhi) - log(ylo)));
	double y = (double)(one->bytes - one->fixed);
	return y * stk__webp_size_shape(q) / stk__webp_size_shape(one->q);
}

/* Where a search at a lower alpha quality should start: the highest q
 * whose known VP8 size plus the alpha plane expected at alpha_q fits. */
static double first_q(const struct cand *prev, double budget, double alpha_share, double hi)
{
	double fixed = 0;
	for (int i = 0; i < prev->n; i++)
		fixed = prev->probes[i].fixed > fixed ? prev->probes[i].fixed : fixed;
	double target = budget * 0.965 - fixed * alpha_share;
	for (double q = hi; q > 0; q -= 1) {
		double y = vp8_at(prev, q);
		if (y >= 0 && y <= target)
			return q;
	}
	return 0;
}

/* The lossy search at one alpha quality. */
static stk_status search(struct still *st, float alpha_q, double q_first, struct cand *c,
                         stk_error *err)
{
	const stk_convert_options *o = st->cv->opt;
	stk__search s;
	memset(c, 0, sizeof *c);
	stk__search_init(&s, st->cv->budget, o->min_quality, o->quality);
	s.probe = probe_lossy;
	s.user = st;
	if (q_first >= 0)
		s.q_first = q_first;
	st->eo.alpha_quality = alpha_q;
	stk_status status = stk__search_run(&s, err);
	c->alpha_q = alpha_q;
	c->found = status == STK_OK && s.best >= 0;
	c->floor = s.floor;
	c->ssim = -1;
	c->n = s.n;
	memcpy(c->probes, s.probes, sizeof c->probes);
	if (c->found) {
		c->out = s.out;
		s.out = (stk_buf){ 0 };
		c->q = (float)s.probes[s.best].q;
	}
	stk__search_release(&s);
	return status;
}

static stk_status measure(struct still *st, struct cand *c, stk_error *err)
{
	stk__tframe f = { 0, 0 };
	stk__timing plan = { .f = &f, .n = 1 };
	if (!c->found || c->ssim >= 0)
		return STK_OK;
	return stk__measure_ssim(st->cv, &plan, &c->out, &c->ssim, err);
}

/* Alpha quality as a lever: coarser alpha planes, searched from the VP8
 * curve already known, the best by SSIM kept in *best.  *full_ssim gets
 * the full-alpha result's SSIM (-1 if it did not fit). */
static stk_status alpha_lever(struct still *st, struct cand *best, double *full_ssim,
                              stk_error *err)
{
	static const float steps[] = { 80, 70, 50, 30, 20, 10 };
	/* alpha bytes left (A.5; 20 and 10 measured on the text corpus file) */
	static const double shares[] = { 0.85, 0.4, 0.32, 0.25, 0.22, 0.18 };
	const size_t nsteps = sizeof steps / sizeof *steps;
	const stk_convert_options *o = st->cv->opt;
	struct cand c, full = *best;
	STK_TRY(measure(st, best, err));
	*full_ssim = best->found ? best->ssim : -1;
	full.ssim = *full_ssim;
	int tried = 0;
	for (size_t i = 0; i < nsteps && tried < 2; i++) {
		/* the VP8 curve says which alpha level leaves room for colour:
		 * the finest that leaves some (quality 35) is searched, and the
		 * finest that leaves enough (ALPHA_LEVER_Q), or else the last:
		 * alpha precision shows on some art (robot at 60% of its q90
		 * size: 0.9963 at alpha 70, q74; 0.9902 at alpha 10, q80) */
		double q = first_q(&full, (double)st->cv->budget, shares[i], o->quality);
		bool some = q >= ALPHA_LEVER_Q / 2 && tried == 0;
		if (!some && q < ALPHA_LEVER_Q && i + 1 < nsteps)
			continue;
		tried++;
		STK_TRY(search(st, steps[i], q, &c, err));
		STK_TRY(measure(st, &c, err));
		if (c.found && (!best->found || c.ssim > best->ssim)) {
			stk_buf_release(&best->out);
			*best = c;
		} else {
			stk_buf_release(&c.out);
		}
		if (best->found && best->q >= ALPHA_LEVER_Q)
			break;
	}
	return STK_OK;
}

/* Lossless at the fast effort, and at the tight one after a near miss. */
static stk_status lossless(struct still *st, stk_buf *out, bool *found, stk_error *err)
{
	uint64_t budget = st->cv->budget;
	STK_TRY(encode(st, true, 0, out, err));
	*found = !budget || out->len <= budget;
	if (*found || (double)out->len > LOSSLESS_NEAR_MISS * (double)budget) {
		if (!*found)
			stk_buf_release(out);
		return STK_OK;
	}
	stk_buf_release(out);
	STK_TRY(encode(st, true, 1, out, err));
	*found = out->len <= budget;
	if (!*found)
		stk_buf_release(out);
	return STK_OK;
}

/* The highest quality below best's, by at most SHARP_STEPS, at which the
 * known VP8 sizes say a sharp-YUV encode fits; -1 if none. */
static double sharp_q(const struct cand *best, double budget, double q_min)
{
	double fixed = 0;
	for (int i = 0; i < best->n; i++)
		fixed = best->probes[i].fixed > fixed ? best->probes[i].fixed : fixed;
	for (double q = best->q - 1; q >= best->q - SHARP_STEPS && q >= q_min; q -= 1) {
		double y = vp8_at(best, q);
		if (y >= 0 && y * SHARP_COST + fixed <= budget)
			return q;
	}
	return -1;
}

/* Near the top of the quality range what is left to lose is mostly colour
 * bleeding from chroma subsampling (photo-like art), and sharp RGB to YUV
 * conversion a quality step or two lower costs about the bytes the steps
 * save (noisy photo: plain q98 98.5 KB, SSIM 0.9748; sharp q97 91.7 KB,
 * 0.9761).  One more encode where the sizes known say it fits, kept only
 * when it does and measures better. */
static stk_status sharp_yuv(struct still *st, struct cand *best, stk_error *err)
{
	const stk_convert_options *o = st->cv->opt;
	if (!best->found || best->q < SHARP_Q)
		return STK_OK;
	struct cand c = { .found = true, .alpha_q = best->alpha_q, .ssim = -1 };
	c.q = (float)sharp_q(best, (double)st->cv->budget, o->min_quality);
	if (c.q < 0)
		return STK_OK;
	STK_TRY(measure(st, best, err));
	st->eo.alpha_quality = c.alpha_q;
	st->eo.webp_sharp_yuv = true;
	stk_status s = encode(st, false, c.q, &c.out, err);
	st->eo.webp_sharp_yuv = false;
	if (s == STK_OK && c.out.len <= st->cv->budget)
		s = measure(st, &c, err);
	if (s == STK_OK && c.ssim > best->ssim) {
		stk__report_note(st->cv->rep, "sharp RGB to YUV conversion at quality %g: SSIM "
		                 "%.4f, against %.4f at quality %g", (double)c.q, c.ssim,
		                 best->ssim, (double)best->q);
		stk_buf_release(&best->out);
		best->out = c.out;
		best->q = c.q;
		best->ssim = c.ssim;
		return STK_OK;
	}
	stk_buf_release(&c.out);
	return s;
}

static stk_status run(struct still *st, stk_buf *out, stk_error *err)
{
	stk__conv *cv = st->cv;
	const stk_convert_options *o = cv->opt;
	struct cand best;

	if (o->allow_lossless) {
		bool found;
		STK_TRY(lossless(st, out, &found, err));
		if (found) {
			settle(cv, true, 100, 100);
			return STK_OK;
		}
	}
	if (!cv->budget) {
		st->eo.alpha_quality = 100;
		STK_TRY(encode(st, false, o->quality, out, err));
		settle(cv, false, o->quality, 100);
		return STK_OK;
	}
	STK_TRY(search(st, 100, -1, &best, err));
	bool has_alpha = stk_image_alpha(st->img) != STK_ALPHA_NONE;
	if (o->allow_alpha_fallback && has_alpha && (!best.found || best.q < ALPHA_LEVER_Q)) {
		double full_ssim;
		float full_q = best.q;
		stk_status s = alpha_lever(st, &best, &full_ssim, err);
		if (s != STK_OK) {
			stk_buf_release(&best.out);
			return s;
		}
		if (best.found && best.alpha_q < 100 && full_ssim >= 0)
			stk__report_note(cv->rep, "alpha quality lowered to %g: SSIM %.4f, against "
			                 "%.4f at quality %g with full alpha", (double)best.alpha_q,
			                 best.ssim, full_ssim, (double)full_q);
		else if (best.found && best.alpha_q < 100)
			stk__report_note(cv->rep, "alpha quality lowered to %g to fit (edges less "
			                 "smooth)", (double)best.alpha_q);
	}
	if (!best.found)
		return stk__budget_fail(cv, 0, "a still", err);
	stk_status s = sharp_yuv(st, &best, err);
	if (s != STK_OK) {
		stk_buf_release(&best.out);
		return s;
	}
	*out = best.out;
	settle(cv, false, best.q, best.alpha_q);
	cv->rep->ssim = best.ssim;
	return STK_OK;
}

stk_status stk__convert_still(stk__conv *cv, stk_buf *out, stk_error *err)
{
	struct still st;
	memset(&st, 0, sizeof st);
	st.cv = cv;
	stk_encode_options_init(&st.eo);
	st.eo.format = STK_FORMAT_WEBP;
	st.eo.keep_metadata = true;
	STK_TRY(still_image(cv, &st.img, err));
	stk_status s = run(&st, out, err);
	stk_image_free(st.img);
	return s;
}
