/*
 * convert_intake.c - a conversion's frames taken in: from a path (or
 * standard input, read once), a TGS kept as it is, trim's art box measured
 * in a pass of its own, then each frame fitted to the canvas (the stills'
 * or the animations' one, frame 0 waiting when the kind decides it),
 * stabilised against the previous one and stored, frames past the maximum
 * duration only timed.  convert.c finishes from the frame store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "convert_internal.h"
#include "art_internal.h"

/* ---- frames in ---- */

/* Trim's union art box (art/trim.c), measured in a pass of its own. */
struct measure {
	stk__trim trim;
};

static stk_status on_measure(void *user, const stk_image *hdr, uint32_t index,
                             const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	struct measure *m = user;
	(void)index; (void)ms;
	return stk__trim_add(&m->trim, rgba, stk_image_width(hdr), stk_image_height(hdr), NULL,
	                     err);
}

/* Distinct visible colours of an RGBA image, counted up to `most` + 1. */
static uint32_t colours(const uint8_t *rgba, size_t npix, uint32_t most)
{
	enum { SLOTS = 1024 }; /* more than twice 257: the table never fills */
	uint32_t table[SLOTS], n = 0;
	bool used[SLOTS] = { false };
	for (size_t i = 0; i < npix && n <= most; i++) {
		const uint8_t *p = rgba + i * 4;
		if (!p[3])
			continue;
		uint32_t c = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		             (uint32_t)p[3] << 24;
		uint32_t h = (c * 2654435761u) >> 22;
		while (used[h] && table[h] != c)
			h = (h + 1) & (SLOTS - 1);
		if (!used[h]) {
			used[h] = true;
			table[h] = c;
			n++;
		}
	}
	return n;
}

#define PIXEL_MAX_SIDE 128
#define PIXEL_MIN_SCALE 4
#define PIXEL_MAX_COLOURS 256

/* Small palette art enlarged a lot (an 18 px emoticon onto 512 px) is
 * pixel art: Lanczos would blur it into something costly to encode, so
 * it is enlarged by a whole number, pixel by pixel, and the notes say so. */
static stk_status choose_pixel(stk__conv *cv, uint32_t w, uint32_t h, const stk_rect *art,
                               const stk_resize_options *ropt, const uint8_t *rgba,
                               stk_error *err)
{
	const stk_convert_options *o = cv->opt;
	if (!o->fit || !o->auto_pixel || !rgba || ropt->filter == STK_FILTER_PIXEL ||
	    ropt->fit != STK_FIT_CONTAIN ||
	    w > PIXEL_MAX_SIDE || h > PIXEL_MAX_SIDE || cv->canvas.scale < PIXEL_MIN_SCALE)
		return STK_OK;
	uint32_t n = colours(rgba, (size_t)w * h, PIXEL_MAX_COLOURS);
	if (n > PIXEL_MAX_COLOURS)
		return STK_OK;
	/* the canvas the store's rules gave stays (a canvas that follows the
	 * art would shrink to the whole multiple, below LINE's long side) */
	stk_resize_options pixel = *ropt;
	pixel.filter = STK_FILTER_PIXEL;
	pixel.mode = STK_SIZE_CANVAS;
	pixel.width = cv->canvas.w;
	pixel.height = cv->canvas.h;
	stk__canvas c;
	STK_TRY(stk__canvas_init(&c, &pixel, w, h, art, err));
	stk__report_note(cv->rep, "pixel art (%ux%u, %u colours): enlarged %gx pixel by pixel "
	                 "(--filter pixel; --filter lanczos3 to blend)", w, h, n, c.scale);
	stk__canvas_release(&cv->canvas);
	cv->canvas = c;
	return STK_OK;
}

static stk_status conv_start(stk__conv *cv, uint32_t w, uint32_t h, const stk_rect *art,
                             const stk_resize_options *ropt, const uint8_t *rgba,
                             stk_error *err)
{
	STK_TRY(stk__canvas_init(&cv->canvas, cv->opt->fit ? ropt : NULL, w, h, art, err));
	STK_TRY(choose_pixel(cv, w, h, art, ropt, rgba, err));
	size_t bytes;
	stk__rgba_size(cv->canvas.w, cv->canvas.h, &bytes);
	if (!(cv->scratch = malloc(bytes)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return stk__frames_new(cv->canvas.w, cv->canvas.h, 0, &cv->fs, err);
}

static stk_status keep_duration(stk__conv *cv, uint32_t ms, stk_error *err)
{
	STK_GROW(cv->src_ms, cv->src_ms_cap, (size_t)cv->nsrc + 1, 64, err);
	cv->src_ms[cv->nsrc++] = ms;
	if (cv->opt->progress) {
		stk_progress pr = { .stage = "reading", .done = cv->nsrc, .unit = "frames" };
		cv->opt->progress(&pr, cv->opt->progress_user);
	}
	return STK_OK;
}

/* One source frame: fitted, stabilised against the previous stored frame,
 * stored. */
static stk_status conv_frame(stk__conv *cv, const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	STK_TRY(stk__canvas_fit(&cv->canvas, rgba, cv->scratch, err));
	const uint8_t *prev = stk__frames_last(cv->fs);
	stk__change changed = { 1, 1, 1, 1 };
	if (prev)
		stk__stabilise(cv->scratch, prev, cv->canvas.w, cv->canvas.h, cv->stabilise,
		               &changed);
	STK_TRY(keep_duration(cv, ms, err));
	return stk__frames_push(cv->fs, cv->scratch, ms, &changed, err);
}

struct feed {
	stk__conv *cv;
	const stk_rect *art;
	uint64_t played_ms;         /* duration so far, as played */
	stk_resize_options ropt;    /* the canvas, for the kind of input */
	bool wait;                  /* the kind decides the canvas: frame 0 waits */
	uint8_t *held;              /* frame 0, while it waits */
	uint32_t held_ms;
};

/* The canvas for stills or for animations: `resize`, with the anim_*
 * size for animations when one is given. */
static void kind_resize(const stk_convert_options *o, bool anim, stk_resize_options *out)
{
	*out = o->resize;
	if (anim && o->anim_width) {
		out->mode = o->anim_mode;
		out->width = o->anim_width;
		out->height = o->anim_height;
	}
}

/* Whether stills and animations get different canvases. */
static bool two_canvases(const stk_convert_options *o)
{
	stk_resize_options s, a;
	if (!o->fit || !o->anim_width)
		return false;
	kind_resize(o, false, &s);
	kind_resize(o, true, &a);
	return s.mode != a.mode || s.width != a.width ||
	       (s.mode != STK_SIZE_SIDE && s.height != a.height);
}

/* Frames past the maximum duration are only timed, not fitted and
 * stored, at a fraction of the cost: under the fail policy the refusal
 * comes from the timing plan with the whole duration; under trim the plan
 * drops every frame that starts at or after the limit (durations as
 * played, as the plan counts them). */
static bool too_long(struct feed *f, uint32_t ms)
{
	const stk_convert_options *o = f->cv->opt;
	uint64_t start = f->played_ms;
	f->played_ms += stk__timing_played_ms(ms, f->cv->src.format != STK_FORMAT_FRAMES_FOLDER);
	if (!o->max_duration_ms)
		return false;
	if (o->duration_policy == STK_DURATION_FAIL)
		return f->played_ms > o->max_duration_ms;
	return o->duration_policy == STK_DURATION_TRIM && start >= o->max_duration_ms;
}

static stk_status feed_frame(struct feed *f, const stk_image *hdr, uint32_t index,
                             const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	if (index == 0)
		STK_TRY(conv_start(f->cv, stk_image_width(hdr), stk_image_height(hdr), f->art,
		                   &f->ropt, rgba, err));
	if (too_long(f, ms))
		return keep_duration(f->cv, ms, err);
	stk_status s = conv_frame(f->cv, rgba, ms, err);
	if (s != STK_OK && err && err->frame < 0)
		err->frame = (int)index;
	return s;
}

/* Frame 0 kept as it came (one source-size frame) until frame 1 says the
 * input is an animation, or the end says it is a still. */
static stk_status hold_first(struct feed *f, const stk_image *hdr, const uint8_t *rgba,
                             uint32_t ms, stk_error *err)
{
	size_t bytes;
	if (!stk__rgba_size(stk_image_width(hdr), stk_image_height(hdr), &bytes) ||
	    !(f->held = malloc(bytes)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u frame",
		                 stk_image_width(hdr), stk_image_height(hdr));
	memcpy(f->held, rgba, bytes);
	f->held_ms = ms;
	return STK_OK;
}

/* The kind is known: frame 0 goes onto its canvas. */
static stk_status release_first(struct feed *f, const stk_image *hdr, bool anim,
                                stk_error *err)
{
	f->wait = false;
	kind_resize(f->cv->opt, anim, &f->ropt);
	stk_status s = feed_frame(f, hdr, 0, f->held, f->held_ms, err);
	free(f->held);
	f->held = NULL;
	return s;
}

static stk_status on_frame(void *user, const stk_image *hdr, uint32_t index,
                           const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	struct feed *f = user;
	if (index == 1 && f->cv->opt->no_anim)
		return stk__fail(err, STK_ERR_UNSUPPORTED, "an animation, and the output takes "
		                 "stills only (the store has no animated format we write)");
	if (f->wait && index == 0)
		return hold_first(f, hdr, rgba, ms, err);
	if (f->wait && index == 1)
		STK_TRY(release_first(f, hdr, true, err));
	return feed_frame(f, hdr, index, rgba, ms, err);
}

static void feed_init(struct feed *f, stk__conv *cv, const struct measure *m, int anim)
{
	memset(f, 0, sizeof *f);
	f->cv = cv;
	f->art = m->trim.have ? &m->trim.box : NULL;
	f->wait = anim < 0 && two_canvases(cv->opt);
	kind_resize(cv->opt, anim > 0, &f->ropt);
}

/* A TGS the options keep as it is (Telegram): only gzip files are read
 * whole for the check, so other inputs are not read twice. */
static stk_status pass_through(stk__conv *cv, const stk__decode_source *src,
                               stk_buf *out, bool *kept, stk_error *err)
{
	uint8_t magic[2] = { 0, 0 };
	*kept = false;
	if (!cv->opt->keep_tgs)
		return STK_OK;
	if (src->buffered)
		return stk__convert_keep_tgs(cv->opt, src->data, src->len, out, cv->rep,
		                             kept, err);
	FILE *f = fopen(src->path, "rb");
	size_t n = f ? fread(magic, 1, 2, f) : 0;
	if (f)
		fclose(f);
	if (n != 2 || stk_format_sniff(magic, 2) != STK_FORMAT_TGS)
		return STK_OK;
	stk_buf data = { 0 };
	stk_status s = stk_read_file(src->path, src->dopt ? src->dopt->max_input_bytes
	                                                  : STK_DEFAULT_MAX_INPUT_BYTES, &data, err);
	if (s == STK_OK)
		s = stk__convert_keep_tgs(cv->opt, data.data, data.len, out, cv->rep, kept, err);
	stk_buf_release(&data);
	return s;
}

/* Trim needs every frame's box before the layout: one decode to measure. */
static stk_status measure_art(const stk__decode_source *src, const stk_image *img,
                              const stk_convert_options *o, struct measure *m, stk_error *err)
{
	stk__trim_init(&m->trim, o->resize.trim_threshold, &o->resize);
	if (!o->fit || !o->resize.trim)
		return STK_OK;
	stk_status s = STK_OK;
	if (img) {
		for (uint32_t i = 0; s == STK_OK && i < stk_image_frame_count(img); i++)
			s = on_measure(m, img, i, stk_image_frame_rgba_const(img, i), 0, err);
	} else {
		stk_image *hdr = NULL;
		s = stk__decode_source_frames(src, on_measure, m, &hdr, err);
		stk_image_free(hdr);
	}
	stk__trim_release(&m->trim);
	return s;
}

/* ---- the whole intake ---- */

stk_status stk__intake_file(stk__conv *cv, const char *path, const stk_decode_options *dopt,
                            stk_buf *out, bool *kept, stk_image **hdr, stk_error *err)
{
	struct measure m = { 0 };
	stk__decode_source src;
	stk_status s = stk__decode_source_open(&src, path, dopt, err);
	if (src.folder)
		cv->src.format = STK_FORMAT_FRAMES_FOLDER;
	*kept = false;
	if (s == STK_OK && cv->src.format != STK_FORMAT_FRAMES_FOLDER)
		s = pass_through(cv, &src, out, kept, err);
	if (s == STK_OK && !*kept)
		s = measure_art(&src, NULL, cv->opt, &m, err);
	struct feed f;
	feed_init(&f, cv, &m, -1);
	if (s == STK_OK && !*kept)
		s = stk__decode_source_frames(&src, on_frame, &f, hdr, err);
	if (s == STK_OK && !*kept && f.wait)
		s = release_first(&f, *hdr, false, err);
	free(f.held);
	stk__decode_source_release(&src);
	return s;
}

stk_status stk__intake_image(stk__conv *cv, const stk_image *img, stk_error *err)
{
	struct measure m;
	uint32_t n = stk_image_frame_count(img);
	stk_status s = measure_art(NULL, img, cv->opt, &m, err);
	struct feed f;
	feed_init(&f, cv, &m, n > 1);
	cv->src = *stk_image_source(img);
	for (uint32_t i = 0; s == STK_OK && i < n; i++)
		s = on_frame(&f, img, i, stk_image_frame_rgba_const(img, i),
		             stk_image_frame_duration(img, i), err);
	free(f.held);
	return s;
}
