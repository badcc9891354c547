/*
 * resize.c - the public whole-image entry points over the per-frame
 * pipeline (fitter.c).
 *
 * One layout, in one frame fitter, serves every frame.  Streaming entry
 * points resize frames as the decoder hands them over.  With trim, the
 * layout needs the union of all frames' boxes first, so a first pass
 * collects it; a still keeps its (keyed) frame from that pass, an
 * animation is decoded a second time.  Frames keep the colour the steps
 * leave under fully transparent pixels (stk__fitter_place()), as they
 * always have; only stk_frame_fitter_run() clears it.
 */
#include <stdlib.h>
#include <string.h>
#include "art_internal.h"

/* Everything one layout needs, built once and reused for every frame. */
struct job {
	const stk_resize_options *opt;
	uint64_t max_bytes;        /* resized frames kept, 0 = no limit */
	uint64_t bytes;
	uint32_t src_w, src_h;
	stk_frame_fitter *fit;
	stk_image *out;
	/* trim pass */
	stk__trim trim;            /* the union box (trim.c), keyed when keying */
	bool keep_first;           /* streaming: a still is not decoded twice */
	uint8_t *first;            /* frame 0, keyed, while it may be a still */
	uint32_t first_ms;
	uint32_t frames;
};

static void job_release(struct job *j)
{
	stk_frame_fitter_free(j->fit);
	stk__trim_release(&j->trim);
	free(j->first);
	stk_image_free(j->out);
}

/* Starts the trim pass for a w x h source. */
static void job_measure_start(struct job *j, uint32_t w, uint32_t h)
{
	j->src_w = w;
	j->src_h = h;
	stk__trim_init(&j->trim, j->opt->trim_threshold, j->opt);
}

/* Settles the layout for a w x h source and builds the frame fitter (the
 * trim pass's scratch goes: the fitter keys into its own). */
static stk_status job_plan(struct job *j, uint32_t w, uint32_t h, stk_error *err)
{
	j->src_w = w;
	j->src_h = h;
	stk__trim_release(&j->trim);
	STK_TRY(stk__fitter_new(w, h, j->trim.have ? &j->trim.box : NULL, j->opt, 0, &j->fit,
	                        err));
	return stk_image_new(stk_frame_fitter_width(j->fit), stk_frame_fitter_height(j->fit),
	                     &j->out, err);
}

/* Fits one source frame (already keyed) into a new output frame. */
static stk_status job_emit(struct job *j, const uint8_t *src, uint32_t ms, stk_error *err)
{
	uint32_t w = stk_frame_fitter_width(j->fit), h = stk_frame_fitter_height(j->fit);
	size_t bytes;
	stk__rgba_size(w, h, &bytes);
	if (j->max_bytes && j->bytes + bytes > j->max_bytes)
		return stk__fail(err, STK_ERR_LIMIT, "resized frames held would exceed %llu MiB "
		                 "(see --max-memory)",
		                 (unsigned long long)(j->max_bytes >> 20));
	uint8_t *dst = malloc(bytes);
	if (!dst)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u frame", w, h);
	stk__fitter_place(j->fit, src, dst);
	j->bytes += bytes;
	return stk_image_add_frame_take(j->out, dst, ms, err);
}

static stk_status job_frame(struct job *j, const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	return job_emit(j, stk__fitter_key(j->fit, rgba), ms, err);
}

/* Trim pass: one frame's box into the union; frame 0 kept for a still. */
static stk_status job_measure(struct job *j, uint32_t index, const uint8_t *rgba,
                              uint32_t ms, stk_error *err)
{
	const uint8_t *src;
	STK_TRY(stk__trim_add(&j->trim, rgba, j->src_w, j->src_h, &src, err));
	j->frames = index + 1;
	if (index == 0 && j->keep_first) {
		size_t bytes = (size_t)j->src_w * j->src_h * 4;
		if (!(j->first = malloc(bytes)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u frame",
			                 j->src_w, j->src_h);
		memcpy(j->first, src, bytes);
		j->first_ms = ms;
	} else {
		free(j->first); /* an animation: frames come again in pass two */
		j->first = NULL;
	}
	return STK_OK;
}

/* Plays, source facts and metadata follow the frames. */
static stk_status copy_facts(const stk_image *from, stk_image *to, stk_error *err)
{
	stk_image_set_plays(to, stk_image_plays(from));
	stk_image_set_source(to, stk_image_source(from));
	for (int k = 0; k < STK_META_COUNT; k++) {
		const uint8_t *data;
		size_t len;
		if (stk_image_metadata(from, (stk_meta_kind)k, &data, &len))
			STK_TRY(stk_image_set_metadata(to, (stk_meta_kind)k, data, len, err));
	}
	return STK_OK;
}

/* ---- in memory ---- */

stk_status stk_image_resize(const stk_image *img, const stk_resize_options *opt,
                            stk_image **out, stk_error *err)
{
	struct job j;
	uint32_t n = stk_image_frame_count(img);
	stk_status s = STK_OK;
	*out = NULL;
	STK_TRY(stk_resize_options_check(opt, err));
	if (n == 0)
		return stk__fail(err, STK_ERR_INVALID_ARG, "image has no frames");
	memset(&j, 0, sizeof j);
	j.opt = opt;
	if (opt->trim)
		job_measure_start(&j, stk_image_width(img), stk_image_height(img));
	for (uint32_t i = 0; i < n && opt->trim && s == STK_OK; i++)
		s = job_measure(&j, i, stk_image_frame_rgba_const(img, i), 0, err);
	if (s == STK_OK)
		s = job_plan(&j, stk_image_width(img), stk_image_height(img), err);
	for (uint32_t i = 0; i < n && s == STK_OK; i++) {
		s = job_frame(&j, stk_image_frame_rgba_const(img, i),
		              stk_image_frame_duration(img, i), err);
		if (s != STK_OK && err && err->frame < 0)
			err->frame = (int)i;
	}
	if (s == STK_OK)
		s = copy_facts(img, j.out, err);
	if (s == STK_OK) {
		*out = j.out;
		j.out = NULL;
	}
	job_release(&j);
	return s;
}

/* ---- streaming ---- */

static stk_status decode_pass(const stk__decode_source *src, stk_frame_fn fn,
                              struct job *j, stk_image **header, stk_error *err)
{
	return stk__decode_source_frames(src, fn, j, header, err);
}

static stk_status on_measure(void *user, const stk_image *header, uint32_t index,
                             const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	struct job *j = user;
	if (index == 0)
		job_measure_start(j, stk_image_width(header), stk_image_height(header));
	return job_measure(j, index, rgba, ms, err);
}

static stk_status on_frame(void *user, const stk_image *header, uint32_t index,
                           const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	struct job *j = user;
	if (!j->fit)
		STK_TRY(job_plan(j, stk_image_width(header), stk_image_height(header), err));
	stk_status s = job_frame(j, rgba, ms, err);
	if (s != STK_OK && err && err->frame < 0)
		err->frame = (int)index;
	return s;
}

static stk_status run_passes(struct job *j, const stk__decode_source *src,
                             stk_image **header, stk_error *err)
{
	if (!j->opt->trim)
		return decode_pass(src, on_frame, j, header, err);
	STK_TRY(decode_pass(src, on_measure, j, header, err));
	if (j->frames == 1 && j->first) {
		STK_TRY(job_plan(j, j->src_w, j->src_h, err));
		return job_emit(j, j->first, j->first_ms, err);
	}
	stk_image_free(*header);
	*header = NULL;
	STK_TRY(job_plan(j, j->src_w, j->src_h, err));
	return decode_pass(src, on_frame, j, header, err);
}

static stk_status resize_source(const stk__decode_source *src,
                                const stk_resize_options *opt, stk_image **out,
                                stk_error *err)
{
	struct job j;
	stk_image *header = NULL;
	stk_decode_options defaults;
	*out = NULL;
	STK_TRY(stk_resize_options_check(opt, err));
	if (!src->dopt)
		stk_decode_options_init(&defaults);
	memset(&j, 0, sizeof j);
	j.opt = opt;
	j.keep_first = true;
	const stk_decode_options *dopt = src->dopt ? src->dopt : &defaults;
	j.max_bytes = dopt->max_held_bytes ? dopt->max_held_bytes : STK_DEFAULT_MAX_HELD_BYTES;
	stk_status s = run_passes(&j, src, &header, err);
	if (s == STK_OK)
		s = copy_facts(header, j.out, err);
	if (s == STK_OK) {
		*out = j.out;
		j.out = NULL;
	}
	stk_image_free(header);
	job_release(&j);
	return s;
}

stk_status stk_image_decode_resized(const uint8_t *data, size_t len,
                                    const stk_decode_options *dopt,
                                    const stk_resize_options *opt, stk_image **out,
                                    stk_error *err)
{
	stk__decode_source src;
	stk__decode_source_memory(&src, data, len, dopt);
	return resize_source(&src, opt, out, err);
}

stk_status stk_image_load_resized(const char *path, const stk_decode_options *dopt,
                                  const stk_resize_options *opt, stk_image **out,
                                  stk_error *err)
{
	stk__decode_source src;
	*out = NULL;
	stk_status s = stk__decode_source_open(&src, path, dopt, err);
	if (s == STK_OK)
		s = resize_source(&src, opt, out, err);
	if (s != STK_OK)
		stk__error_set_file(err, path);
	stk__decode_source_release(&src);
	return s;
}
