/*
 * apng_dec.c - animated PNG frames: acTL, fcTL and fdAT are parsed here, as
 * Debian's libpng has no APNG patch.
 *
 * The file has already passed the structure pass (every CRC, IEND).  One
 * more walk checks the animation rules (sequence numbers, frame regions,
 * the acTL frame count) before any frame is decoded; the last walk rebuilds
 * each frame as a small PNG for libpng, composites it onto the canvas and
 * emits it.  Only the canvas, the dispose-previous backup and one frame's
 * pixels are held, however long the animation.
 */
#include <stdlib.h>
#include <string.h>
#include "png_chunks.h"

enum { DISPOSE_NONE, DISPOSE_BACKGROUND, DISPOSE_PREVIOUS };
enum { BLEND_SOURCE, BLEND_OVER };

struct fctl {
	uint32_t seq, w, h, x, y;
	uint16_t delay_num, delay_den;
	uint8_t dispose, blend;
};

static stk_status parse_fctl(const stk__png_file *f, const stk__png_chunk *c,
                             uint32_t index, struct fctl *fc, stk_error *err)
{
	const uint8_t *p = c->data;
	if (c->len != 26)
		return stk__fail_frame(err, STK_ERR_CORRUPT, (int)index,
		                       "APNG: fcTL chunk is %u bytes, not 26", (unsigned)c->len);
	fc->seq = stk__png_u32(p);
	fc->w = stk__png_u32(p + 4);
	fc->h = stk__png_u32(p + 8);
	fc->x = stk__png_u32(p + 12);
	fc->y = stk__png_u32(p + 16);
	fc->delay_num = stk__png_u16(p + 20);
	fc->delay_den = stk__png_u16(p + 22);
	fc->dispose = p[24];
	fc->blend = p[25];
	if (fc->w == 0 || fc->h == 0 || (uint64_t)fc->x + fc->w > f->width ||
	    (uint64_t)fc->y + fc->h > f->height)
		return stk__fail_frame(err, STK_ERR_CORRUPT, (int)index,
		                       "APNG: frame region %ux%u at %u,%u lies outside the %ux%u "
		                       "canvas", (unsigned)fc->w, (unsigned)fc->h, (unsigned)fc->x,
		                       (unsigned)fc->y, (unsigned)f->width, (unsigned)f->height);
	if (fc->dispose > DISPOSE_PREVIOUS || fc->blend > BLEND_OVER)
		return stk__fail_frame(err, STK_ERR_CORRUPT, (int)index,
		                       "APNG: fcTL dispose op %u / blend op %u is unknown",
		                       fc->dispose, fc->blend);
	return STK_OK;
}

/* ---- pass 1: the animation's structure ---- */

struct check {
	uint32_t next_seq;
	uint32_t frames;        /* fcTL chunks so far */
	bool seen_idat;
	bool default_frame;     /* the current frame's data is the IDAT */
	bool frame_has_data;
};

static stk_status check_seq(struct check *k, uint32_t seq, const char *chunk,
                            stk_error *err)
{
	if (seq != k->next_seq)
		return stk__fail(err, STK_ERR_CORRUPT, "APNG: %s sequence number %u where %u was "
		                 "expected", chunk, (unsigned)seq, (unsigned)k->next_seq);
	k->next_seq++;
	return STK_OK;
}

static stk_status end_of_frame(const struct check *k, stk_error *err)
{
	if (k->frames && !k->frame_has_data)
		return stk__fail_frame(err, STK_ERR_CORRUPT, (int)k->frames - 1,
		                       "APNG: frame has no image data");
	return STK_OK;
}

static stk_status check_fctl(const stk__png_file *f, struct check *k,
                             const stk__png_chunk *c, stk_error *err)
{
	struct fctl fc;
	STK_TRY(end_of_frame(k, err));
	STK_TRY(parse_fctl(f, c, k->frames, &fc, err));
	STK_TRY(check_seq(k, fc.seq, "fcTL", err));
	k->default_frame = !k->seen_idat;
	k->frame_has_data = false;
	if (k->default_frame && k->frames > 0)
		return stk__fail(err, STK_ERR_CORRUPT, "APNG: two fcTL chunks before IDAT");
	/* The default image (IDAT) is the first frame: it fills the canvas. */
	if (k->default_frame && (fc.x || fc.y || fc.w != f->width || fc.h != f->height))
		return stk__fail_frame(err, STK_ERR_CORRUPT, 0, "APNG: first frame is %ux%u at "
		                       "%u,%u, not the full %ux%u canvas", (unsigned)fc.w,
		                       (unsigned)fc.h, (unsigned)fc.x, (unsigned)fc.y,
		                       (unsigned)f->width, (unsigned)f->height);
	k->frames++;
	return STK_OK;
}

static stk_status check_fdat(struct check *k, const stk__png_chunk *c, stk_error *err)
{
	if (c->len < 4)
		return stk__fail(err, STK_ERR_CORRUPT, "APNG: fdAT chunk is %u bytes, too short "
		                 "for a sequence number", (unsigned)c->len);
	if (!k->seen_idat || k->frames == 0 || k->default_frame)
		return stk__fail(err, STK_ERR_CORRUPT, "APNG: fdAT chunk outside a frame (no fcTL "
		                 "after IDAT before it)");
	STK_TRY(check_seq(k, stk__png_u32(c->data), "fdAT", err));
	k->frame_has_data = true;
	return STK_OK;
}

static stk_status check_structure(const stk__png_file *f, uint32_t declared, stk_error *err)
{
	stk__png_walk w;
	stk__png_chunk c;
	struct check k = { 0, 0, false, false, false };

	stk__png_walk_init(&w, f->data, f->len, false);
	for (;;) {
		STK_TRY(stk__png_next(&w, &c, err));
		if (c.type == STK__PNG_IEND)
			break;
		if (c.type == STK__PNG_fcTL) {
			STK_TRY(check_fctl(f, &k, &c, err));
		} else if (c.type == STK__PNG_fdAT) {
			STK_TRY(check_fdat(&k, &c, err));
		} else if (c.type == STK__PNG_IDAT) {
			k.seen_idat = true;
			if (k.default_frame)
				k.frame_has_data = true;
		}
	}
	STK_TRY(end_of_frame(&k, err));
	if (k.frames != declared)
		return stk__fail(err, STK_ERR_CORRUPT, "APNG: acTL declares %u frames but the file "
		                 "has %u", (unsigned)declared, (unsigned)k.frames);
	return STK_OK;
}

/* ---- pass 2: decoding and compositing ---- */

struct anim {
	stk__decoder *d;
	const stk__png_file *f;
	uint8_t *canvas;        /* the composited picture, width*4 bytes a row */
	uint8_t *backup;        /* region saved for DISPOSE_PREVIOUS */
	uint8_t *pixels;        /* one decoded frame, for BLEND_OVER */
	size_t canvas_bytes;
	stk__png_stream s;
	stk__timeline tl;
	struct fctl fc;         /* the frame being gathered */
	uint32_t index;         /* its number */
	bool in_frame;
};

/* Straight-alpha "over": out_a = a + b(1 - a); colours weighted by their
 * alpha and divided by out_a, rounded.  Integer maths with weights scaled
 * by 255: ws + wd = 255 * out_a, so nothing overflows 32 bits. */
static void blend_over(uint8_t *dst, size_t dst_stride, const uint8_t *src, uint32_t w,
                       uint32_t h)
{
	for (uint32_t y = 0; y < h; y++) {
		uint8_t *dp = dst + (size_t)y * dst_stride;
		const uint8_t *sp = src + (size_t)y * w * 4;
		for (uint32_t x = 0; x < w; x++, dp += 4, sp += 4) {
			uint32_t sa = sp[3];
			if (sa == 0)
				continue;
			if (sa == 255) {
				dp[0] = sp[0];
				dp[1] = sp[1];
				dp[2] = sp[2];
				dp[3] = 255;
				continue;
			}
			uint32_t ws = sa * 255, wd = dp[3] * (255 - sa), a = ws + wd;
			dp[0] = (uint8_t)((sp[0] * ws + dp[0] * wd + a / 2) / a);
			dp[1] = (uint8_t)((sp[1] * ws + dp[1] * wd + a / 2) / a);
			dp[2] = (uint8_t)((sp[2] * ws + dp[2] * wd + a / 2) / a);
			dp[3] = (uint8_t)((a + 127) / 255);
		}
	}
}

/* Copies a region between the canvas and a packed buffer. */
static void copy_region(struct anim *an, uint8_t *packed, bool to_canvas)
{
	size_t stride = (size_t)an->f->width * 4, row = (size_t)an->fc.w * 4;
	uint8_t *c = an->canvas + (size_t)an->fc.y * stride + (size_t)an->fc.x * 4;
	for (uint32_t y = 0; y < an->fc.h; y++, c += stride, packed += row)
		memcpy(to_canvas ? c : packed, to_canvas ? packed : c, row);
}

static void clear_region(struct anim *an)
{
	size_t stride = (size_t)an->f->width * 4, row = (size_t)an->fc.w * 4;
	uint8_t *c = an->canvas + (size_t)an->fc.y * stride + (size_t)an->fc.x * 4;
	for (uint32_t y = 0; y < an->fc.h; y++, c += stride)
		memset(c, 0, row);
}

/* Buffers of canvas size, allocated on first need. */
static stk_status ensure(uint8_t **buf, size_t bytes, stk_error *err)
{
	if (!*buf && !(*buf = malloc(bytes)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return STK_OK;
}

/* Decodes the gathered frame into place: straight onto the canvas for
 * BLEND_SOURCE, through a scratch buffer for BLEND_OVER. */
static stk_status draw_frame(struct anim *an, stk_error *err)
{
	const struct fctl *fc = &an->fc;
	size_t stride = (size_t)an->f->width * 4;
	uint8_t *at = an->canvas + (size_t)fc->y * stride + (size_t)fc->x * 4;
	stk_status s;

	if (fc->blend == BLEND_SOURCE) {
		s = stk__png_decode_stream(an->f, &an->s, fc->w, fc->h, at, stride, err);
	} else {
		STK_TRY(ensure(&an->pixels, an->canvas_bytes, err));
		s = stk__png_decode_stream(an->f, &an->s, fc->w, fc->h, an->pixels,
		                           (size_t)fc->w * 4, err);
		if (s == STK_OK)
			blend_over(at, stride, an->pixels, fc->w, fc->h);
	}
	if (s != STK_OK && err)
		err->frame = (int)an->index;
	return s;
}

static stk_status finish_frame(struct anim *an, stk_error *err)
{
	const struct fctl *fc = &an->fc;
	uint8_t dispose = fc->dispose;
	/* The spec: a first frame's PREVIOUS means BACKGROUND. */
	if (an->index == 0 && dispose == DISPOSE_PREVIOUS)
		dispose = DISPOSE_BACKGROUND;

	STK_TRY(stk__png_stream_end(&an->s, err));
	if (dispose == DISPOSE_PREVIOUS) {
		STK_TRY(ensure(&an->backup, an->canvas_bytes, err));
		copy_region(an, an->backup, false);
	}
	STK_TRY(draw_frame(an, err));
	double ms = fc->delay_num * 1000.0 / (fc->delay_den ? fc->delay_den : 100);
	STK_TRY(stk__dec_emit(an->d, an->canvas, stk__timeline_next(&an->tl, ms), err));
	if (dispose == DISPOSE_BACKGROUND)
		clear_region(an);
	else if (dispose == DISPOSE_PREVIOUS)
		copy_region(an, an->backup, true);
	an->index++;
	an->in_frame = false;
	return STK_OK;
}

static stk_status on_chunk(struct anim *an, const stk__png_chunk *c, stk_error *err)
{
	switch (c->type) {
	case STK__PNG_fcTL:
		if (an->in_frame)
			STK_TRY(finish_frame(an, err));
		STK_TRY(parse_fctl(an->f, c, an->index, &an->fc, err));
		an->in_frame = true;
		return stk__png_stream_begin(&an->s, an->f, an->fc.w, an->fc.h, err);
	case STK__PNG_IDAT:
		/* IDAT before any fcTL is a hidden default image, not a frame. */
		if (an->in_frame && an->index == 0)
			return stk__png_stream_add(&an->s, c->data, c->len, err);
		return STK_OK;
	case STK__PNG_fdAT:
		return stk__png_stream_add(&an->s, c->data + 4, c->len - 4, err);
	}
	return STK_OK;
}

static stk_status decode_frames(struct anim *an, stk_error *err)
{
	stk__png_walk w;
	stk__png_chunk c;

	stk__png_walk_init(&w, an->f->data, an->f->len, false);
	for (;;) {
		STK_TRY(stk__png_next(&w, &c, err));
		if (c.type == STK__PNG_IEND)
			break;
		STK_TRY(on_chunk(an, &c, err));
	}
	return an->in_frame ? finish_frame(an, err) : STK_OK;
}

stk_status stk__apng_decode(stk__decoder *d, const stk__png_file *f, stk_error *err)
{
	struct anim an;
	const stk__png_chunk *actl = &f->actl;

	if (actl->len != 8)
		return stk__fail(err, STK_ERR_CORRUPT, "APNG: acTL chunk is %u bytes, not 8",
		                 (unsigned)actl->len);
	uint32_t declared = stk__png_u32(actl->data);
	if (declared == 0)
		return stk__fail(err, STK_ERR_CORRUPT, "APNG: acTL declares 0 frames");
	STK_TRY(stk__dec_check_frame_count(d, declared, err));
	STK_TRY(check_structure(f, declared, err));
	d->src.format = STK_FORMAT_APNG;
	d->src.declared_frames = declared;
	stk_image_set_plays(d->img, stk__png_u32(actl->data + 4));

	memset(&an, 0, sizeof an);
	an.d = d;
	an.f = f;
	stk__rgba_size(f->width, f->height, &an.canvas_bytes);
	an.canvas = calloc(1, an.canvas_bytes); /* starts fully transparent black */
	stk_status s = an.canvas ? decode_frames(&an, err)
	                         : stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u "
	                                     "canvas", (unsigned)f->width, (unsigned)f->height);
	stk__png_stream_free(&an.s);
	free(an.canvas);
	free(an.backup);
	free(an.pixels);
	return s;
}
