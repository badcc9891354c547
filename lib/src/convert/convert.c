/*
 * convert.c - stk_convert_file() and stk_convert_image(): the frames taken
 * in (convert_intake.c), then the finishing policy: the output format,
 * budget, metadata and play count, the timing planned, the still,
 * animation, palette or video search, the quality measured and the report
 * completed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "convert_internal.h"
#include "art_internal.h"

#define AUTO_STABILISE 3  /* levels; below libwebp's own q90 tolerance */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- settings ---- */

static bool is_anim(const stk__conv *cv)
{
	return stk__frames_count(cv->fs) > 1;
}

static stk_format output_format(const stk_convert_options *o, bool anim)
{
	stk_format f = anim ? o->anim_format : o->still_format;
	if (f == STK_FORMAT_UNKNOWN)
		f = o->format;
	if (f == STK_FORMAT_UNKNOWN)
		f = STK_FORMAT_WEBP;
	if (anim && f == STK_FORMAT_PNG)
		f = STK_FORMAT_APNG;
	if (!anim && f == STK_FORMAT_APNG)
		f = STK_FORMAT_PNG;
	return f;
}

/* A source's EXIF is kept only when it is WhatsApp sticker metadata. */
static stk_status choose_exif(stk__conv *cv, const stk_image *hdr, stk_error *err)
{
	const stk_convert_options *o = cv->opt;
	if (o->strip_metadata || cv->format != STK_FORMAT_WEBP)
		return STK_OK;
	if (o->whatsapp)
		return stk_wa_exif_build(o->whatsapp, &cv->exif, err);
	const uint8_t *exif;
	size_t len;
	stk_buf json = { 0 };
	if (!hdr || !stk_image_metadata(hdr, STK_META_EXIF, &exif, &len))
		return STK_OK;
	if (stk_wa_exif_parse(exif, len, &json, NULL) == STK_OK) {
		cv->exif.data = malloc(len);
		if (!cv->exif.data) {
			stk_buf_release(&json);
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		}
		memcpy(cv->exif.data, exif, len);
		cv->exif.len = len;
	}
	stk_buf_release(&json);
	return STK_OK;
}

static stk__timing_rules timing_rules(const stk__conv *cv)
{
	const stk_convert_options *o = cv->opt;
	stk__timing_rules r = {
		o->min_frame_ms, o->max_duration_ms, o->duration_policy, o->max_fps,
		o->min_frames, o->max_frames,
		cv->src.format != STK_FORMAT_FRAMES_FOLDER,
		o->durations, o->ndurations < STK_CONVERT_MAX_DURATIONS ? o->ndurations
		                                                        : STK_CONVERT_MAX_DURATIONS,
	};
	return r;
}

static void timing_note(stk_convert_report *rep, const char *fmt, ...) STK_PRINTF(2, 3);
static void timing_note(stk_convert_report *rep, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	stk__note_append(rep->timing, sizeof rep->timing, fmt, ap);
	va_end(ap);
}

/* The timing plan, with runs of frames that are the same after fitting
 * (art drawn "on twos") merged first into one held frame each: the
 * search then sees the motion's own rate, and a hold costs one frame.
 * Durations are taken as played before they are added (a 10 ms GIF
 * frame plays as 100 ms).  Kept apart when merging would leave fewer
 * frames than the store wants, or nothing moving at all. */
static stk_status plan_holds(stk__conv *cv, const stk__timing_rules *r, stk__timing *plan,
                             uint32_t *merged, stk_error *err)
{
	const stk_convert_options *o = cv->opt;
	uint32_t n = cv->nsrc, kept = 0;
	*merged = 0;
	if (o->keep_repeats || n < 2 || stk__frames_count(cv->fs) != n)
		return stk__timing_plan(cv->src_ms, n, r, plan, err);
	uint32_t *ms = malloc((size_t)n * sizeof *ms), *map = malloc((size_t)n * sizeof *map);
	if (!ms || !map) {
		free(ms);
		free(map);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	for (uint32_t i = 0; i < n; i++) {
		uint32_t played = stk__timing_played_ms(cv->src_ms[i], r->playback_clamp);
		if (kept && stk__frames_changed(cv->fs, i).pixels == 0) {
			uint64_t hold = (uint64_t)ms[kept - 1] + played;
			if (hold <= UINT32_MAX) {
				ms[kept - 1] = (uint32_t)hold;
				continue;
			}
		}
		ms[kept] = played;
		map[kept++] = i;
	}
	stk_status s;
	if (kept == n || kept < 2 || (o->min_frames && kept < o->min_frames)) {
		s = stk__timing_plan(cv->src_ms, n, r, plan, err);
	} else {
		/* a frame of its own keeps its duration as the source gave it
		 * (the rules clamp it and say so); a hold's is as played */
		for (uint32_t k = 0; k < kept; k++)
			if ((k + 1 < kept ? map[k + 1] : n) - map[k] == 1)
				ms[k] = cv->src_ms[map[k]];
		s = stk__timing_plan(ms, kept, r, plan, err);
		for (uint32_t i = 0; s == STK_OK && i < plan->n; i++)
			plan->f[i].src = map[plan->f[i].src];
		if (s == STK_OK)
			*merged = n - kept;
	}
	free(ms);
	free(map);
	return s;
}

/* The play count to write: forever, the options' or the source's, within
 * max_plays and max_play_time_ms (forever is more than any number). */
static uint32_t play_count(const stk_convert_options *o, uint32_t source, uint64_t play_ms,
                           stk_convert_report *rep)
{
	uint32_t plays = o->loop_forever ? 0 : o->plays ? o->plays : source;
	uint32_t most = o->max_plays;
	if (o->max_play_time_ms && play_ms) {
		uint64_t fit = o->max_play_time_ms / play_ms;
		fit = fit ? fit : 1;
		if (!most || fit < most)
			most = (uint32_t)fit;
	}
	if (most && (plays == 0 || plays > most)) {
		char was[16];
		snprintf(was, sizeof was, "%u", plays);
		timing_note(rep, "plays %u time%s, the most the store allows (was %s)", most,
		            most == 1 ? "" : "s", plays ? was : "forever");
		plays = most;
	}
	return plays;
}

/* ---- the run ---- */

static void conv_release(stk__conv *cv)
{
	stk__canvas_release(&cv->canvas);
	stk__frames_free(cv->fs);
	stk_buf_release(&cv->exif);
	free(cv->src_ms);
	free(cv->scratch);
}

static void report_begin(stk_convert_report *rep)
{
	memset(rep, 0, sizeof *rep);
	rep->ssim = -1;
}

static stk_status check_ssim(stk__conv *cv, const stk__timing *plan, const stk_buf *out,
                             stk_error *err)
{
	const stk_convert_options *o = cv->opt;
	stk_convert_report *rep = cv->rep;
	if (!o->measure_ssim && o->min_ssim <= 0)
		return STK_OK;
	if (rep->ssim < 0) /* the search may have measured it already */
		STK_TRY(stk__measure_ssim(cv, plan, out, &rep->ssim, err));
	if (o->min_ssim > 0 && rep->ssim < o->min_ssim) {
		rep->fits = false;
		return stk__fail(err, STK_ERR_BUDGET, "SSIM %.4f is below the %g asked for (the "
		                 "best quality that fits %llu bytes)", rep->ssim, o->min_ssim,
		                 (unsigned long long)cv->budget);
	}
	return STK_OK;
}

/* The search in cv->format, then the SSIM gate. */
static stk_status encode_as(stk__conv *cv, const stk__timing *plan, stk_buf *out,
                            stk_error *err)
{
	stk_convert_report *rep = cv->rep;
	bool anim = is_anim(cv);
	stk_status s;
	if (cv->format == STK_FORMAT_WEBP)
		s = anim ? stk__convert_anim(cv, plan, out, err) : stk__convert_still(cv, out, err);
	else if (cv->format == STK_FORMAT_WEBM)
		s = stk__convert_video(cv, plan, out, err);
	else
		s = stk__convert_palette(cv, plan, out, err);
	if (s == STK_OK) {
		rep->fits = true;
		rep->bytes = out->len;
		s = check_ssim(cv, plan, out, err);
	}
	return s;
}

/* Whether result a (fits, ssim, bytes) is better than b: fitting first,
 * then an SSIM higher by more than noise, then fewer bytes. */
static bool better(const stk_convert_report *a, const stk_convert_report *b)
{
	if (a->fits != b->fits)
		return a->fits;
	if (a->fits && fabs(a->ssim - b->ssim) > 0.0005)
		return a->ssim > b->ssim;
	return a->bytes < b->bytes;
}

/* A store that takes several formats for this kind, and no choice made:
 * each is searched in turn (the profile's first one first) and the best
 * result kept; every encode is counted, and the notes say what each gave. */
static stk_status encode_best(stk__conv *cv, const stk__timing *plan, uint32_t formats,
                              stk_buf *out, stk_error *err)
{
	stk_convert_report base = *cv->rep, best, *mine = cv->rep;
	stk_buf best_out = { 0 };
	stk_error best_err;
	stk_status best_s = STK_ERR_BUDGET;
	char each[200] = "";
	size_t n = 0;
	uint32_t encodes = 0, partial = 0;
	bool have = false;
	stk_format first = cv->format;
	stk_error_init(&best_err);
	for (int i = -1; i < 32; i++) {
		stk_format f = i < 0 ? first : (stk_format)i;
		if (!(formats & 1u << f) || (i >= 0 && f == first))
			continue;
		stk_convert_report rep = base;
		stk_buf enc = { 0 };
		stk_error e;
		stk_error_init(&e);
		cv->format = f;
		cv->rep = &rep;
		rep.format = f;
		stk_status s = encode_as(cv, plan, &enc, &e);
		if (s == STK_OK && rep.ssim < 0)
			s = stk__measure_ssim(cv, plan, &enc, &rep.ssim, &e);
		cv->rep = mine;
		if (s != STK_OK && s != STK_ERR_BUDGET) {
			stk_buf_release(&enc);
			stk_buf_release(&best_out);
			*err = e;
			return s;
		}
		rep.fits = s == STK_OK;
		encodes += rep.encodes;
		partial += rep.calibration_encodes;
		if (n < sizeof each)
			n += (size_t)(rep.fits
			     ? snprintf(each + n, sizeof each - n, "%s%s SSIM %.4f at %llu bytes",
			                n ? ", " : "", stk_format_name(f), rep.ssim,
			                (unsigned long long)rep.bytes)
			     : snprintf(each + n, sizeof each - n, "%s%s does not fit", n ? ", " : "",
			                stk_format_name(f)));
		if (!have || better(&rep, &best)) {
			stk_buf_release(&best_out);
			best = rep;
			best_out = enc;
			best_s = s;
			best_err = e;
			have = true;
		} else {
			stk_buf_release(&enc);
		}
	}
	*mine = best;
	mine->encodes = encodes;
	mine->calibration_encodes = partial;
	cv->format = best.format;
	stk__report_note(mine, "format %s, the best of those the store takes (%s)",
	                 stk_format_name(best.format), each);
	if (best_s != STK_OK) {
		*err = best_err;
		return best_s;
	}
	*out = best_out;
	return STK_OK;
}

/* Everything after the frames are in. */
static stk_status conv_finish(stk__conv *cv, const stk_image *hdr, stk_buf *out,
                              stk_error *err)
{
	stk_convert_report *rep = cv->rep;
	const stk_convert_options *o = cv->opt;
	bool anim = is_anim(cv);
	stk__timing plan = { 0 };
	stk_status s;

	if (!anim && o->no_still)
		return stk__fail(err, STK_ERR_UNSUPPORTED, "a still, and the output takes "
		                 "animations only (the store has no still format we write)");
	cv->format = output_format(o, anim);
	cv->budget = anim && o->max_bytes_anim ? o->max_bytes_anim : o->max_bytes;
	cv->plays = o->plays ? o->plays : (hdr ? stk_image_plays(hdr) : 0);
	STK_TRY(choose_exif(cv, hdr, err));
	rep->format = cv->format;
	rep->width = cv->canvas.w;
	rep->height = cv->canvas.h;
	rep->scale = cv->canvas.scale;
	rep->fitted = cv->canvas.fit != NULL;
	rep->filter = cv->canvas.filter;
	rep->budget = cv->budget;
	rep->source_frames = cv->nsrc;
	for (uint32_t i = 0; i < cv->nsrc; i++)
		rep->source_duration_ms += cv->src_ms[i];

	if (anim) {
		stk__timing_rules r = timing_rules(cv);
		uint32_t merged;
		STK_TRY(plan_holds(cv, &r, &plan, &merged, err));
		if (o->frame_timing != STK_FRAME_TIMING_SOURCE) {
			stk__timing uniform;
			s = stk__timing_for(o, &plan, 0, &uniform, err);
			stk__timing_release(&plan);
			if (s != STK_OK)
				return s;
			plan = uniform;
		}
		snprintf(rep->timing, sizeof rep->timing, "%s", plan.note);
		if (merged)
			timing_note(rep, "%u repeated frames merged into holds (%u frames of motion)",
			            merged, cv->nsrc - merged);
		cv->plays = play_count(o, hdr ? stk_image_plays(hdr) : 0, plan.total_ms, rep);
	} else {
		STK_TRY(stk__timing_plan(cv->src_ms, 1, &(stk__timing_rules){ 0 }, &plan, err));
	}
	uint32_t formats = anim ? o->anim_formats : o->still_formats;
	if (o->choose_format && (formats & (formats - 1)))
		s = encode_best(cv, &plan, formats, out, err);
	else
		s = encode_as(cv, &plan, out, err);
	if (s != STK_OK)
		stk_buf_release(out);
	stk__timing_release(&plan);
	return s;
}

static stk_status conv_init(stk__conv *cv, const stk_convert_options *opt,
                            stk_convert_options *defaults, stk_convert_report *rep,
                            stk_convert_report *scratch_rep)
{
	if (!opt) {
		stk_convert_options_init(defaults);
		opt = defaults;
	}
	memset(cv, 0, sizeof *cv);
	cv->opt = opt;
	cv->rep = rep ? rep : scratch_rep;
	report_begin(cv->rep);
	cv->stabilise = opt->stabilise >= 0 ? opt->stabilise : AUTO_STABILISE;
	return STK_OK;
}

stk_status stk_convert_file(const char *path, const stk_decode_options *dopt,
                            const stk_convert_options *opt, stk_buf *out,
                            stk_convert_report *rep, stk_error *err)
{
	stk__conv cv;
	stk_convert_options defaults;
	stk_convert_report scratch_rep;
	stk_image *hdr = NULL;
	double t0 = now_ms();

	out->data = NULL;
	out->len = 0;
	conv_init(&cv, opt, &defaults, rep, &scratch_rep);
	bool kept = false;
	stk_status s = stk__intake_file(&cv, path, dopt, out, &kept, &hdr, err);
	if (s == STK_OK && !kept) {
		cv.src = *stk_image_source(hdr);
		s = conv_finish(&cv, hdr, out, err);
	}
	if (s != STK_OK)
		stk__error_set_file(err, path);
	cv.rep->ms = now_ms() - t0;
	stk_image_free(hdr);
	conv_release(&cv);
	return s;
}

/* ---- one fit, several finishes (build: stores with the same canvas) ---- */

struct stk__fit {
	stk__conv cv;               /* canvas, fitted frames, their durations */
	stk_convert_options opt;    /* the options it was fitted with */
	double ms;                  /* the time fitting took */
	char notes[sizeof ((stk_convert_report *)0)->notes]; /* what intake noted */
};

/* Only under fail and trim does the length decide which frames are fitted. */
static uint32_t fitted_length(const stk_convert_options *o)
{
	bool cuts = o->duration_policy == STK_DURATION_FAIL ||
	            o->duration_policy == STK_DURATION_TRIM;
	return cuts ? o->max_duration_ms : 0;
}

bool stk__convert_same_fit(const stk_convert_options *a, const stk_convert_options *b)
{
	return a->fit == b->fit && memcmp(&a->resize, &b->resize, sizeof a->resize) == 0 &&
	       a->anim_mode == b->anim_mode && a->anim_width == b->anim_width &&
	       a->anim_height == b->anim_height && a->no_anim == b->no_anim &&
	       a->stabilise == b->stabilise && a->auto_pixel == b->auto_pixel &&
	       fitted_length(a) == fitted_length(b);
}

stk_status stk__convert_fit(const stk_image *img, const stk_convert_options *opt,
                            stk__fit **out, stk_error *err)
{
	*out = NULL;
	if (stk_image_frame_count(img) == 0)
		return stk__fail(err, STK_ERR_INVALID_ARG, "image has no frames");
	stk__fit *f = calloc(1, sizeof *f);
	if (!f)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	double t0 = now_ms();
	stk_convert_report scratch_rep;
	f->opt = *opt;
	conv_init(&f->cv, &f->opt, NULL, NULL, &scratch_rep);
	stk_status s = stk__intake_image(&f->cv, img, err);
	memcpy(f->notes, scratch_rep.notes, sizeof f->notes);
	f->cv.opt = NULL;
	f->cv.rep = NULL;
	f->ms = now_ms() - t0;
	if (s != STK_OK) {
		stk__fit_free(f);
		return s;
	}
	*out = f;
	return STK_OK;
}

stk_status stk__convert_fitted(stk__fit *f, const stk_image *img,
                               const stk_convert_options *opt, stk_buf *out,
                               stk_convert_report *rep, stk_error *err)
{
	stk_convert_report scratch_rep;
	double t0 = now_ms();
	out->data = NULL;
	out->len = 0;
	if (!stk__convert_same_fit(&f->opt, opt))
		return stk__fail(err, STK_ERR_INTERNAL, "convert: options fit differently");
	stk__conv *cv = &f->cv;
	cv->opt = opt;
	cv->rep = rep ? rep : &scratch_rep;
	report_begin(cv->rep);
	memcpy(cv->rep->notes, f->notes, sizeof f->notes); /* as stk_convert_image has them */
	stk_buf_release(&cv->exif);
	cv->src = *stk_image_source(img);
	stk_status s = conv_finish(cv, img, out, err);
	cv->rep->ms = f->ms + now_ms() - t0;
	cv->opt = NULL;
	cv->rep = NULL;
	return s;
}

void stk__fit_free(stk__fit *f)
{
	if (!f)
		return;
	conv_release(&f->cv);
	free(f);
}

/* A fit finished once: the same path a build takes, so the two cannot
 * drift apart. */
stk_status stk_convert_image(const stk_image *img, const stk_convert_options *opt,
                             stk_buf *out, stk_convert_report *rep, stk_error *err)
{
	stk_convert_options defaults;
	stk_convert_report scratch_rep;
	stk__fit *f = NULL;
	if (!opt) {
		stk_convert_options_init(&defaults);
		opt = &defaults;
	}
	if (!rep)
		rep = &scratch_rep;
	out->data = NULL;
	out->len = 0;
	stk_status s = stk__convert_fit(img, opt, &f, err);
	if (s != STK_OK) {
		report_begin(rep);
		return s;
	}
	s = stk__convert_fitted(f, img, opt, out, rep, err);
	stk__fit_free(f);
	return s;
}
