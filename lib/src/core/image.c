/* image.c - the image model: canvas, full-canvas RGBA frames, source facts. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define IMAGE_MAGIC 0x53544b49u /* "STKI": catches use of a freed or foreign pointer */

struct frame {
	uint8_t *rgba;
	uint32_t duration_ms;
	bool keyframe;
};

struct stk_image {
	uint32_t magic;
	uint32_t width, height;
	uint32_t plays;
	struct frame *frames;
	uint32_t nframes;
	size_t cap;
	stk_source_info src;
	stk_buf meta[STK_META_COUNT];
	/* a header a streamed decode filled: each frame's timing, no pixels */
	struct frame *seen;
	uint32_t nseen;
	size_t seen_cap;
};

static void check(const stk_image *img)
{
	if (!img || img->magic != IMAGE_MAGIC)
		abort(); /* a programming error, not bad input */
}

stk_status stk_image_new(uint32_t width, uint32_t height, stk_image **out, stk_error *err)
{
	size_t bytes;
	*out = NULL;
	if (width == 0 || height == 0)
		return stk__fail(err, STK_ERR_INVALID_ARG, "canvas %ux%u has no pixels",
		                 width, height);
	if (!stk__rgba_size(width, height, &bytes))
		return stk__fail(err, STK_ERR_LIMIT, "canvas %ux%u is too large", width, height);
	stk_image *img = calloc(1, sizeof *img);
	if (!img)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	img->magic = IMAGE_MAGIC;
	img->width = width;
	img->height = height;
	*out = img;
	return STK_OK;
}

void stk_image_free(stk_image *img)
{
	if (!img)
		return;
	check(img);
	for (uint32_t i = 0; i < img->nframes; i++)
		free(img->frames[i].rgba);
	free(img->frames);
	free(img->seen);
	for (int k = 0; k < STK_META_COUNT; k++)
		stk_buf_release(&img->meta[k]);
	img->magic = 0;
	free(img);
}

uint32_t stk_image_width(const stk_image *img) { check(img); return img->width; }
uint32_t stk_image_height(const stk_image *img) { check(img); return img->height; }
uint32_t stk_image_frame_count(const stk_image *img) { check(img); return img->nframes; }
uint32_t stk_image_plays(const stk_image *img) { check(img); return img->plays; }
void stk_image_set_plays(stk_image *img, uint32_t plays) { check(img); img->plays = plays; }

stk_status stk_image_add_frame_take(stk_image *img, uint8_t *rgba, uint32_t duration_ms,
                                    stk_error *err)
{
	check(img);
	struct frame *f = stk__grow_array(img->frames, sizeof *f, (size_t)img->nframes + 1,
	                                  &img->cap, 4);
	if (!f) {
		free(rgba);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	img->frames = f;
	img->frames[img->nframes++] = (struct frame){ rgba, duration_ms, true };
	return STK_OK;
}

stk_status stk_image_add_frame(stk_image *img, const uint8_t *rgba, size_t stride,
                               uint32_t duration_ms, stk_error *err)
{
	size_t bytes;
	check(img);
	stk__rgba_size(img->width, img->height, &bytes);
	uint8_t *copy = rgba ? malloc(bytes) : calloc(1, bytes);
	if (!copy)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u frame",
		                 img->width, img->height);
	if (rgba) {
		size_t row = (size_t)img->width * 4;
		if (stride == 0 || stride == row)
			memcpy(copy, rgba, bytes);
		else
			for (uint32_t y = 0; y < img->height; y++)
				memcpy(copy + y * row, rgba + y * stride, row);
	}
	return stk_image_add_frame_take(img, copy, duration_ms, err);
}

uint8_t *stk_image_frame_rgba(stk_image *img, uint32_t i)
{
	check(img);
	return i < img->nframes ? img->frames[i].rgba : NULL;
}

const uint8_t *stk_image_frame_rgba_const(const stk_image *img, uint32_t i)
{
	check(img);
	return i < img->nframes ? img->frames[i].rgba : NULL;
}

uint32_t stk_image_frame_duration(const stk_image *img, uint32_t i)
{
	check(img);
	return i < img->nframes ? img->frames[i].duration_ms : 0;
}

void stk_image_set_frame_duration(stk_image *img, uint32_t i, uint32_t ms)
{
	check(img);
	if (i < img->nframes)
		img->frames[i].duration_ms = ms;
}

uint64_t stk_image_duration(const stk_image *img)
{
	uint64_t total = 0;
	check(img);
	for (uint32_t i = 0; i < img->nframes; i++)
		total += img->frames[i].duration_ms;
	return total;
}

bool stk_image_frame_is_keyframe(const stk_image *img, uint32_t i)
{
	check(img);
	return i < img->nframes && img->frames[i].keyframe;
}

void stk__image_set_keyframe(stk_image *img, uint32_t i, bool keyframe)
{
	check(img);
	if (i < img->nframes)
		img->frames[i].keyframe = keyframe;
}

stk_status stk__image_note_frame(stk_image *img, uint32_t duration_ms, bool keyframe,
                                 stk_error *err)
{
	check(img);
	STK_GROW(img->seen, img->seen_cap, (size_t)img->nseen + 1, 64, err);
	img->seen[img->nseen++] = (struct frame){ NULL, duration_ms, keyframe };
	return STK_OK;
}

/* Kept frames when there are any, else the ones a streamed decode noted. */
static const struct frame *known(const stk_image *img, uint32_t *n)
{
	check(img);
	*n = img->nframes ? img->nframes : img->nseen;
	return img->nframes ? img->frames : img->seen;
}

uint32_t stk__image_frames_known(const stk_image *img)
{
	uint32_t n;
	known(img, &n);
	return n;
}

uint32_t stk__image_known_ms(const stk_image *img, uint32_t i)
{
	uint32_t n;
	const struct frame *f = known(img, &n);
	return i < n ? f[i].duration_ms : 0;
}

bool stk__image_known_keyframe(const stk_image *img, uint32_t i)
{
	uint32_t n;
	const struct frame *f = known(img, &n);
	return i < n && f[i].keyframe;
}

uint64_t stk__image_known_duration(const stk_image *img)
{
	uint32_t n;
	uint64_t total = 0;
	const struct frame *f = known(img, &n);
	for (uint32_t i = 0; i < n; i++)
		total += f[i].duration_ms;
	return total;
}

stk_alpha stk__image_known_alpha(const stk_image *img)
{
	check(img);
	return img->nframes ? stk_image_alpha(img) : img->src.alpha;
}

const stk_source_info *stk_image_source(const stk_image *img)
{
	check(img);
	return &img->src;
}

stk_source_info *stk__image_source_mut(stk_image *img)
{
	check(img);
	return &img->src;
}

void stk_image_set_source(stk_image *img, const stk_source_info *src)
{
	check(img);
	img->src = *src;
}

stk_alpha stk__alpha_of(const uint8_t *rgba, size_t npix)
{
	stk_alpha kind = STK_ALPHA_NONE;
	for (size_t i = 0; i < npix; i++) {
		uint8_t a = rgba[i * 4 + 3];
		if (a == 255)
			continue;
		if (a != 0)
			return STK_ALPHA_PARTIAL;
		kind = STK_ALPHA_BINARY;
	}
	return kind;
}

stk_alpha stk_image_alpha(const stk_image *img)
{
	stk_alpha kind = STK_ALPHA_NONE;
	check(img);
	size_t npix = (size_t)img->width * img->height;
	for (uint32_t i = 0; i < img->nframes && kind != STK_ALPHA_PARTIAL; i++) {
		stk_alpha k = stk__alpha_of(img->frames[i].rgba, npix);
		if (k > kind)
			kind = k;
	}
	return kind;
}

bool stk_image_metadata(const stk_image *img, stk_meta_kind kind,
                        const uint8_t **data, size_t *len)
{
	check(img);
	if ((unsigned)kind >= STK_META_COUNT || img->meta[kind].len == 0)
		return false;
	if (data)
		*data = img->meta[kind].data;
	if (len)
		*len = img->meta[kind].len;
	return true;
}

stk_status stk_image_set_metadata(stk_image *img, stk_meta_kind kind,
                                  const uint8_t *data, size_t len, stk_error *err)
{
	check(img);
	if ((unsigned)kind >= STK_META_COUNT)
		return stk__fail(err, STK_ERR_INVALID_ARG, "unknown metadata kind %d", (int)kind);
	uint8_t *copy = NULL;
	if (len) {
		copy = malloc(len);
		if (!copy)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		memcpy(copy, data, len);
	}
	stk_buf_release(&img->meta[kind]);
	img->meta[kind].data = copy;
	img->meta[kind].len = len;
	return STK_OK;
}

stk_status stk_image_clone(const stk_image *img, stk_image **out, stk_error *err)
{
	stk_image *c;
	check(img);
	STK_TRY(stk_image_new(img->width, img->height, &c, err));
	c->plays = img->plays;
	c->src = img->src;
	stk_status s = STK_OK;
	for (int k = 0; k < STK_META_COUNT && s == STK_OK; k++)
		s = stk_image_set_metadata(c, (stk_meta_kind)k, img->meta[k].data,
		                           img->meta[k].len, err);
	for (uint32_t i = 0; i < img->nframes && s == STK_OK; i++) {
		s = stk_image_add_frame(c, img->frames[i].rgba, 0, img->frames[i].duration_ms, err);
		if (s == STK_OK)
			c->frames[i].keyframe = img->frames[i].keyframe;
	}
	if (s != STK_OK) {
		stk_image_free(c);
		return s;
	}
	*out = c;
	return STK_OK;
}

const char *stk_format_name(stk_format f)
{
	switch (f) {
	case STK_FORMAT_PNG: return "png";
	case STK_FORMAT_APNG: return "apng";
	case STK_FORMAT_GIF: return "gif";
	case STK_FORMAT_WEBP: return "webp";
	case STK_FORMAT_JPEG: return "jpeg";
	case STK_FORMAT_FRAMES_FOLDER: return "frames-folder";
	case STK_FORMAT_LOTTIE: return "lottie";
	case STK_FORMAT_TGS: return "tgs";
	case STK_FORMAT_WEBM: return "webm";
	case STK_FORMAT_MP4: return "mp4";
	case STK_FORMAT_MOV: return "mov";
	case STK_FORMAT_UNKNOWN: break;
	}
	return "unknown";
}

const char *stk_alpha_name(stk_alpha a)
{
	switch (a) {
	case STK_ALPHA_NONE: return "none";
	case STK_ALPHA_BINARY: return "binary";
	case STK_ALPHA_PARTIAL: return "partial";
	}
	return "none";
}

const char *stk_color_type_name(stk_color_type c)
{
	switch (c) {
	case STK_COLOR_GRAY: return "gray";
	case STK_COLOR_GRAY_ALPHA: return "gray+alpha";
	case STK_COLOR_RGB: return "rgb";
	case STK_COLOR_RGBA: return "rgba";
	case STK_COLOR_PALETTE: return "palette";
	case STK_COLOR_YCBCR: return "ycbcr";
	case STK_COLOR_CMYK: return "cmyk";
	case STK_COLOR_UNKNOWN: break;
	}
	return "unknown";
}

const char *stk_webp_kind_name(stk_webp_kind k)
{
	switch (k) {
	case STK_WEBP_LOSSY: return "lossy";
	case STK_WEBP_LOSSLESS: return "lossless";
	case STK_WEBP_MIXED: return "mixed";
	case STK_WEBP_NONE: break;
	}
	return NULL;
}
