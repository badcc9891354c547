/*
 * convert_webp.c - the WebP encodes the budget search makes, where the
 * codec's stk_image_encode() cannot serve: an animation streamed frame by
 * frame from the frame store (stk_image_encode needs every frame in
 * memory at once), and one-frame size calibration.
 *
 * The layouts match webp_enc.c: WebPAnimEncoder with keyframes off, or,
 * for all keyframes, every frame a full-canvas still muxed without
 * blending or disposal (performance.md B: kmax=1 would encode each frame
 * twice for the same bytes).  With one frame duration asked for, frames
 * WebPAnimEncoder merged are split again into repeats that cost ~40 bytes.
 * Threads stay off: same input, same bytes.
 */
#include <stdlib.h>
#include <string.h>
#include <webp/encode.h>
#include <webp/mux.h>
#include "convert_internal.h"

#define BACKGROUND 0u  /* transparent, as webp_enc.c */

static stk_status config(const stk__webp_params *p, WebPConfig *cfg, stk_error *err)
{
	if (!WebPConfigInit(cfg))
		return stk__fail(err, STK_ERR_INTERNAL, "WebP: libwebp version mismatch");
	cfg->quality = p->quality;
	cfg->method = p->method;
	cfg->alpha_quality = (int)(p->alpha_quality + 0.5f);
	cfg->lossless = p->lossless;
	cfg->thread_level = 0;
	if (!WebPValidateConfig(cfg))
		return stk__fail(err, STK_ERR_INVALID_ARG, "WebP: invalid settings (quality %g, "
		                 "method %d)", (double)p->quality, p->method);
	return STK_OK;
}

static stk_status picture(const uint8_t *rgba, uint32_t w, uint32_t h, WebPPicture *pic,
                          stk_error *err)
{
	if (!WebPPictureInit(pic))
		return stk__fail(err, STK_ERR_INTERNAL, "WebP: libwebp version mismatch");
	pic->use_argb = 1;
	pic->width = (int)w;
	pic->height = (int)h;
	if (!WebPPictureImportRGBA(pic, rgba, (int)w * 4)) {
		WebPPictureFree(pic);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	return STK_OK;
}

/* One frame as a still WebP in wr. */
static stk_status encode_still(const uint8_t *rgba, uint32_t w, uint32_t h,
                               const WebPConfig *cfg, WebPMemoryWriter *wr, stk_error *err)
{
	WebPPicture pic;
	STK_TRY(picture(rgba, w, h, &pic, err));
	WebPMemoryWriterInit(wr);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = wr;
	int ok = WebPEncode(cfg, &pic);
	int code = pic.error_code;
	WebPPictureFree(&pic);
	if (!ok) {
		WebPMemoryWriterClear(wr);
		return stk__fail(err, code == VP8_ENC_ERROR_OUT_OF_MEMORY ? STK_ERR_NOMEM
		                 : STK_ERR_ENCODE, "WebP: encoding failed (libwebp error %d)", code);
	}
	return STK_OK;
}

stk_status stk__webp_still_size(const uint8_t *rgba, uint32_t w, uint32_t h,
                                const stk__webp_params *p, uint64_t *bytes,
                                uint64_t *alpha_bytes, stk_error *err)
{
	WebPConfig cfg;
	WebPMemoryWriter wr;
	STK_TRY(config(p, &cfg, err));
	STK_TRY(encode_still(rgba, w, h, &cfg, &wr, err));
	*bytes = wr.size;
	if (alpha_bytes)
		*alpha_bytes = stk__webp_chunk_bytes(wr.mem, wr.size, "ALPH");
	WebPMemoryWriterClear(&wr);
	return STK_OK;
}

static stk_status mux_fail(WebPMuxError e, const char *what, stk_error *err)
{
	return stk__fail(err, e == WEBP_MUX_MEMORY_ERROR ? STK_ERR_NOMEM : STK_ERR_ENCODE,
	                 "WebP: %s failed (libwebp mux error %d)", what, (int)e);
}

static stk_status anim_add(WebPAnimEncoder *enc, WebPPicture *pic, int ts,
                           const WebPConfig *cfg, stk_error *err)
{
	if (WebPAnimEncoderAdd(enc, pic, ts, cfg))
		return STK_OK;
	const char *why = WebPAnimEncoderGetError(enc);
	return stk__fail(err, STK_ERR_ENCODE, "WebP: animation encoding failed: %s",
	                 why && *why ? why : "unknown error");
}

/* Frames through WebPAnimEncoder, one picture alive at a time. */
static stk_status encode_anim(const stk__anim_src *src, const WebPConfig *cfg,
                              WebPData *out, stk_error *err)
{
	WebPAnimEncoderOptions ao;
	if (!WebPAnimEncoderOptionsInit(&ao))
		return stk__fail(err, STK_ERR_INTERNAL, "WebP: libwebp version mismatch");
	ao.anim_params.loop_count = (int)src->plays;
	ao.anim_params.bgcolor = BACKGROUND;
	WebPAnimEncoder *enc = WebPAnimEncoderNew((int)src->w, (int)src->h, &ao);
	if (!enc)
		return stk__fail(err, STK_ERR_NOMEM, "WebP: cannot start the animation encoder");
	stk_status s = STK_OK;
	int ts = 0;
	for (uint32_t i = 0; s == STK_OK && i < src->plan->n; i++) {
		const uint8_t *rgba;
		WebPPicture pic;
		s = stk__frames_get(src->fs, src->plan->f[i].src, &rgba, err);
		if (s == STK_OK)
			s = picture(rgba, src->w, src->h, &pic, err);
		if (s != STK_OK)
			break;
		s = anim_add(enc, &pic, ts, cfg, err);
		WebPPictureFree(&pic);
		ts += (int)src->plan->f[i].ms;
	}
	if (s == STK_OK)
		s = anim_add(enc, NULL, ts, NULL, err);
	if (s == STK_OK && !WebPAnimEncoderAssemble(enc, out))
		s = stk__fail(err, STK_ERR_ENCODE, "WebP: assembling the animation failed");
	WebPAnimEncoderDelete(enc);
	return s;
}

/* Every frame a full-canvas still: each decodes on its own. */
static stk_status mux_keyframes(const stk__anim_src *src, const WebPConfig *cfg,
                                WebPMux *mux, stk_error *err)
{
	for (uint32_t i = 0; i < src->plan->n; i++) {
		const uint8_t *rgba;
		WebPMemoryWriter wr;
		STK_TRY(stk__frames_get(src->fs, src->plan->f[i].src, &rgba, err));
		STK_TRY(encode_still(rgba, src->w, src->h, cfg, &wr, err));
		WebPMuxFrameInfo fi;
		memset(&fi, 0, sizeof fi);
		fi.bitstream.bytes = wr.mem;
		fi.bitstream.size = wr.size;
		fi.duration = (int)src->plan->f[i].ms;
		fi.id = WEBP_CHUNK_ANMF;
		fi.dispose_method = WEBP_MUX_DISPOSE_NONE;
		fi.blend_method = WEBP_MUX_NO_BLEND;
		WebPMuxError e = WebPMuxPushFrame(mux, &fi, 1);
		WebPMemoryWriterClear(&wr);
		if (e != WEBP_MUX_OK)
			return mux_fail(e, "adding a frame", err);
	}
	WebPMuxAnimParams ap = { BACKGROUND, (int)src->plays };
	WebPMuxError e = WebPMuxSetAnimationParams(mux, &ap);
	if (e == WEBP_MUX_OK)
		e = WebPMuxSetCanvasSize(mux, (int)src->w, (int)src->h);
	return e == WEBP_MUX_OK ? STK_OK : mux_fail(e, "setting the animation", err);
}

/* The end of a hold whose frame disposes to the background: a fully
 * transparent frame over the same rectangle draws nothing (blended) and
 * clears the rectangle when it ends, as the frame itself would have. */
static WebPMuxError push_disposal(WebPMux *mux, const WebPMuxFrameInfo *f, int ms)
{
	WebPData data;
	WebPMux *one = WebPMuxCreate(&f->bitstream, 0);
	int w = 0, h = 0;
	WebPMuxError e = one ? WebPMuxGetCanvasSize(one, &w, &h) : WEBP_MUX_BAD_DATA;
	WebPMuxDelete(one);
	if (e != WEBP_MUX_OK)
		return e;
	uint8_t *clear = calloc((size_t)w * h, 4);
	if (!clear)
		return WEBP_MUX_MEMORY_ERROR;
	data.size = WebPEncodeLosslessRGBA(clear, w, h, w * 4, (uint8_t **)&data.bytes);
	free(clear);
	if (!data.size)
		return WEBP_MUX_MEMORY_ERROR;
	WebPMuxFrameInfo end = { data, f->x_offset, f->y_offset, ms, WEBP_CHUNK_ANMF,
	                         WEBP_MUX_DISPOSE_BACKGROUND, WEBP_MUX_BLEND, { 0 } };
	e = WebPMuxPushFrame(mux, &end, 1);
	WebPFree((void *)data.bytes);
	return e;
}

/* WebPAnimEncoder merges a frame identical to the one before into it (a
 * longer duration).  With one duration asked for, each merged frame is
 * split again: the frame itself for frame_ms, then repeats that change
 * nothing (a 1x1 fully transparent frame, blended) for frame_ms each; a
 * frame that disposes to the background does so at the end of its hold. */
static stk_status split_holds(const WebPData *in, uint32_t frame_ms, WebPMux **out,
                              stk_error *err)
{
	static const uint8_t clear[4] = { 0, 0, 0, 0 };
	uint8_t *dot = NULL;
	size_t dot_len = WebPEncodeLosslessRGBA(clear, 1, 1, 4, &dot);
	WebPMux *src = WebPMuxCreate(in, 0), *dst = WebPMuxNew();
	WebPMuxError e = src && dst && dot_len ? WEBP_MUX_OK : WEBP_MUX_MEMORY_ERROR;
	int n = 0;
	if (e == WEBP_MUX_OK)
		e = WebPMuxNumChunks(src, WEBP_CHUNK_ANMF, &n);
	for (int i = 1; e == WEBP_MUX_OK && i <= n; i++) {
		WebPMuxFrameInfo fi;
		e = WebPMuxGetFrame(src, (uint32_t)i, &fi);
		if (e != WEBP_MUX_OK)
			break;
		int repeats = fi.duration > (int)frame_ms ? (fi.duration + (int)frame_ms / 2) /
		                                            (int)frame_ms - 1 : 0;
		WebPMuxAnimDispose dispose = fi.dispose_method;
		fi.duration -= repeats * (int)frame_ms;
		if (repeats)
			fi.dispose_method = WEBP_MUX_DISPOSE_NONE; /* the hold still shows it */
		e = WebPMuxPushFrame(dst, &fi, 1);
		WebPMuxFrameInfo hold = { { dot, dot_len }, 0, 0, (int)frame_ms, WEBP_CHUNK_ANMF,
		                          WEBP_MUX_DISPOSE_NONE, WEBP_MUX_BLEND, { 0 } };
		for (int k = 0; e == WEBP_MUX_OK && k < repeats; k++) {
			if (k + 1 == repeats && dispose == WEBP_MUX_DISPOSE_BACKGROUND)
				e = push_disposal(dst, &fi, (int)frame_ms);
			else
				e = WebPMuxPushFrame(dst, &hold, 1);
		}
		WebPDataClear(&fi.bitstream);
	}
	WebPMuxAnimParams ap;
	int w = 0, h = 0;
	if (e == WEBP_MUX_OK)
		e = WebPMuxGetAnimationParams(src, &ap);
	if (e == WEBP_MUX_OK)
		e = WebPMuxSetAnimationParams(dst, &ap);
	if (e == WEBP_MUX_OK)
		e = WebPMuxGetCanvasSize(src, &w, &h);
	if (e == WEBP_MUX_OK)
		e = WebPMuxSetCanvasSize(dst, w, h);
	WebPFree(dot);
	WebPMuxDelete(src);
	if (e != WEBP_MUX_OK) {
		WebPMuxDelete(dst);
		return mux_fail(e, "repeating held frames", err);
	}
	*out = dst;
	return STK_OK;
}

static stk_status take(const WebPData *d, stk_buf *out, stk_error *err)
{
	out->data = malloc(d->size ? d->size : 1);
	if (!out->data)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memcpy(out->data, d->bytes, d->size);
	out->len = d->size;
	return STK_OK;
}

stk_status stk__webp_anim_encode(const stk__anim_src *src, const stk__webp_params *p,
                                 stk_buf *out, stk_error *err)
{
	WebPConfig cfg;
	WebPData webp = { NULL, 0 }, assembled = { NULL, 0 };
	WebPMux *mux = NULL;
	bool has_exif = src->exif && src->exif->len;
	stk_status s;

	out->data = NULL;
	out->len = 0;
	STK_TRY(config(p, &cfg, err));
	if (p->all_keyframes) {
		if (!(mux = WebPMuxNew()))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		s = mux_keyframes(src, &cfg, mux, err);
	} else {
		s = encode_anim(src, &cfg, &webp, err);
		if (s == STK_OK && src->frame_ms)
			s = split_holds(&webp, src->frame_ms, &mux, err);
		else if (s == STK_OK && has_exif && !(mux = WebPMuxCreate(&webp, 0)))
			s = stk__fail(err, STK_ERR_ENCODE, "WebP: libwebp cannot reopen its output");
	}
	if (s == STK_OK && mux && has_exif) {
		WebPData exif = { src->exif->data, src->exif->len };
		WebPMuxError e = WebPMuxSetChunk(mux, "EXIF", &exif, 1);
		if (e != WEBP_MUX_OK)
			s = mux_fail(e, "adding EXIF", err);
	}
	if (s == STK_OK && mux) {
		WebPMuxError e = WebPMuxAssemble(mux, &assembled);
		s = e == WEBP_MUX_OK ? take(&assembled, out, err) : mux_fail(e, "assembling", err);
	} else if (s == STK_OK) {
		s = take(&webp, out, err);
	}
	WebPMuxDelete(mux);
	WebPDataClear(&assembled);
	WebPDataClear(&webp);
	return s;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t chunks_in(const uint8_t *p, size_t len, const char fourcc[4], int depth)
{
	uint64_t sum = 0;
	size_t off = 0;
	while (off + 8 <= len) {
		uint32_t size = le32(p + off + 4);
		size_t whole = 8 + (size_t)size + (size & 1);
		if (size > len - off - 8)
			break;
		if (memcmp(p + off, fourcc, 4) == 0)
			sum += whole;
		else if (depth == 0 && memcmp(p + off, "ANMF", 4) == 0 && size >= 16)
			sum += chunks_in(p + off + 8 + 16, size - 16, fourcc, 1);
		off += whole;
	}
	return sum;
}

uint64_t stk__webp_chunk_bytes(const uint8_t *data, size_t len, const char fourcc[4])
{
	if (len < 12 || memcmp(data, "RIFF", 4) != 0 || memcmp(data + 8, "WEBP", 4) != 0)
		return 0;
	return chunks_in(data + 12, len - 12, fourcc, 0);
}
