/*
 * lottie_dec.c - Lottie JSON and TGS (gzipped Lottie) rendered with
 * rlottie, one frame at a time at the animation's own size and rate:
 * op - ip frames at fr fps, timed without drift (stk__timeline).
 *
 * rlottie trusts what it parses, so the document is read first by the TGS
 * inspector (tgs.c: inflated under the same cap as validate's, parsed by
 * jansson with a depth limit): only well-formed Lottie with a sane header
 * reaches it, and frames x pixels are bounded before the first render.
 * Image assets that name files are refused: rlottie would read them from
 * disk relative to a resource path.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rlottie_capi.h>
#include "inspect.h"

/* rlottie caches parsed models by key (a few at most); a fresh key per
 * load keeps two files with the same key from sharing one model. */
static atomic_ulong load_serial;

/* rlottie renders premultiplied ARGB in native 32-bit words. */
static void to_straight_rgba(const uint32_t *argb, uint8_t *rgba, size_t npix)
{
	for (size_t i = 0; i < npix; i++, rgba += 4) {
		uint32_t v = argb[i], a = v >> 24;
		uint32_t r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
		if (a == 0) {
			r = g = b = 0;
		} else if (a < 255) {
			r = (r * 255 + a / 2) / a;
			g = (g * 255 + a / 2) / a;
			b = (b * 255 + a / 2) / a;
			r = r > 255 ? 255 : r;
			g = g > 255 ? 255 : g;
			b = b > 255 ? 255 : b;
		}
		rgba[0] = (uint8_t)r;
		rgba[1] = (uint8_t)g;
		rgba[2] = (uint8_t)b;
		rgba[3] = (uint8_t)a;
	}
}

/* The whole render, frames x canvas, within the decode limits before any
 * frame is drawn. */
static stk_status check_budget(stk__decoder *d, uint32_t w, uint32_t h, size_t frames,
                               stk_error *err)
{
	STK_TRY(stk__dec_check_frame_count(d, frames, err));
	double total = (double)w * h * 4 * (double)frames;
	uint64_t limit = stk__decoded_limit(d);
	if (total > (double)limit)
		return stk__fail(err, STK_ERR_LIMIT, "Lottie: %zu frames of %ux%u would decode to "
		                 "%.0f MiB, over the limit of %llu MiB (see --max-decoded)", frames,
		                 w, h, total / (1 << 20), (unsigned long long)(limit >> 20));
	return STK_OK;
}

static stk_status render_all(stk__decoder *d, Lottie_Animation *anim, uint32_t w, uint32_t h,
                             size_t frames, double fps, stk_error *err)
{
	size_t bytes;
	if (!stk__rgba_size(w, h, &bytes))
		return stk__fail(err, STK_ERR_LIMIT, "Lottie: %ux%u is too large", w, h);
	uint32_t *argb = malloc(bytes);
	uint8_t *rgba = malloc(bytes);
	stk_status s = argb && rgba ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk__timeline tl = { 0 };
	for (size_t i = 0; s == STK_OK && i < frames; i++) {
		memset(argb, 0, bytes);
		lottie_animation_render(anim, i, argb, w, h, (size_t)w * 4);
		to_straight_rgba(argb, rgba, (size_t)w * h);
		s = stk__dec_emit(d, rgba, stk__timeline_next(&tl, 1000.0 / fps), err);
		if (s != STK_OK && err && err->frame < 0)
			err->frame = (int)i;
	}
	free(argb);
	free(rgba);
	return s;
}

/* Renders the checked JSON (NUL-terminated, as rlottie wants it). */
static stk_status render(stk__decoder *d, const char *json, const stk__tgs_info *info,
                         stk_error *err)
{
	if (info->external_images)
		return stk__fail(err, STK_ERR_UNSUPPORTED, "Lottie: an image asset names a file; "
		                 "only embedded (data:) images are read");
	STK_TRY(stk__dec_canvas(d, info->width, info->height, err));
	double frames_d = info->out_point - info->in_point;
	STK_TRY(check_budget(d, info->width, info->height,
	                     frames_d < 1e9 ? (size_t)(frames_d + 0.5) : (size_t)1e9, err));
	char key[48];
	snprintf(key, sizeof key, "stk-%lu", (unsigned long)atomic_fetch_add(&load_serial, 1));
	Lottie_Animation *anim = lottie_animation_from_data(json, key, "");
	if (!anim)
		return stk__fail(err, STK_ERR_CORRUPT, "Lottie: rlottie cannot read this animation");
	size_t w = 0, h = 0, frames = lottie_animation_get_totalframe(anim);
	double fps = lottie_animation_get_framerate(anim);
	lottie_animation_get_size(anim, &w, &h);
	stk_status s = STK_OK;
	if (w != info->width || h != info->height || !(fps > 0))
		s = stk__fail(err, STK_ERR_CORRUPT, "Lottie: rlottie reads it as %zux%zu at %g fps, "
		              "the header says %ux%u at %g", w, h, fps, info->width, info->height,
		              info->fps);
	else if (frames == 0)
		s = stk__fail(err, STK_ERR_CORRUPT, "Lottie: the animation has no frames");
	if (s == STK_OK)
		s = check_budget(d, info->width, info->height, frames, err);
	if (s == STK_OK) {
		d->src.declared_frames = frames > UINT32_MAX ? UINT32_MAX : (uint32_t)frames;
		d->src.fps = fps;
		s = render_all(d, anim, info->width, info->height, frames, fps, err);
	}
	lottie_animation_destroy(anim);
	return s;
}

static void lottie_source(stk__decoder *d, stk_format format)
{
	d->src.format = format;
	d->src.color_type = STK_COLOR_RGBA;
	d->src.bit_depth = 8;
	snprintf(d->src.codec, sizeof d->src.codec, "lottie");
}

/* A copy with a NUL at the end, or NULL when out of memory. */
static char *terminated(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);
	if (s) {
		memcpy(s, data, len);
		s[len] = '\0';
	}
	return s;
}

stk_status stk__lottie_decode(stk__decoder *d, const uint8_t *data, size_t len,
                              stk_error *err)
{
	stk__tgs_info *info = calloc(1, sizeof *info);
	char *json = terminated(data, len);
	stk_status s = info && json ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	lottie_source(d, STK_FORMAT_LOTTIE);
	if (s == STK_OK && len > STK__LOTTIE_MAX_JSON)
		s = stk__fail(err, STK_ERR_LIMIT, "Lottie: JSON is %zu bytes, over the limit of %u",
		              len, STK__LOTTIE_MAX_JSON);
	if (s == STK_OK)
		s = stk__lottie_inspect(data, len, info, err);
	if (s == STK_OK)
		s = render(d, json, info, err);
	free(json);
	free(info);
	return s;
}

stk_status stk__tgs_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err)
{
	uint8_t *raw = NULL;
	size_t raw_len = 0;
	lottie_source(d, STK_FORMAT_TGS);
	STK_TRY(stk__tgs_inflate(data, len, STK__LOTTIE_MAX_JSON, &raw, &raw_len, err));
	stk__tgs_info *info = calloc(1, sizeof *info);
	char *json = terminated(raw, raw_len);
	stk_status s = info && json ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK)
		s = stk__lottie_inspect(raw, raw_len, info, err);
	if (s == STK_OK)
		s = render(d, json, info, err);
	free(raw);
	free(json);
	free(info);
	return s;
}
