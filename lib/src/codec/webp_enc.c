/*
 * webp_enc.c - WebP encoding with libwebp.
 *
 * One frame is a still (WebPEncode).  Several frames go through
 * WebPAnimEncoder (sub-rectangles, blending, keyframes off), or, with
 * webp_all_keyframes, are encoded one by one as full-canvas stills and
 * put together with WebPMux (no blending, no disposal), so every frame
 * decodes on its own; that gives the bytes of kmax=1 without encoding
 * each frame twice.  Metadata is added last with WebPMux, which writes
 * the VP8X flags.  Threads stay off so the same input and options always
 * give the same bytes.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "webp_enc.h"

#define MAX_FRAME_MS 0xffffffu /* ANMF duration is 24 bits */
#define MAX_PLAYS    0xffffu   /* ANIM loop count is 16 bits */
#define BACKGROUND   0u        /* transparent: what apps and browsers show anyway */

static const char *enc_error_text(WebPEncodingError e)
{
	switch (e) {
	case VP8_ENC_ERROR_OUT_OF_MEMORY: return "out of memory";
	case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY: return "out of memory for the bitstream";
	case VP8_ENC_ERROR_NULL_PARAMETER: return "missing parameter";
	case VP8_ENC_ERROR_INVALID_CONFIGURATION: return "invalid configuration";
	case VP8_ENC_ERROR_BAD_DIMENSION: return "bad picture size";
	case VP8_ENC_ERROR_PARTITION0_OVERFLOW: return "partition 0 over 512 KiB";
	case VP8_ENC_ERROR_PARTITION_OVERFLOW: return "partition over 16 MiB";
	case VP8_ENC_ERROR_BAD_WRITE: return "cannot write the output";
	case VP8_ENC_ERROR_FILE_TOO_BIG: return "file over 4 GiB";
	case VP8_ENC_ERROR_USER_ABORT: return "aborted";
	default: break;
	}
	return "unknown error";
}

static const char *mux_error_text(WebPMuxError e)
{
	switch (e) {
	case WEBP_MUX_NOT_FOUND: return "not found";
	case WEBP_MUX_INVALID_ARGUMENT: return "invalid argument";
	case WEBP_MUX_BAD_DATA: return "bad data";
	case WEBP_MUX_MEMORY_ERROR: return "out of memory";
	case WEBP_MUX_NOT_ENOUGH_DATA: return "not enough data";
	default: break;
	}
	return "unknown error";
}

stk_status stk__webp_mux_fail(stk_error *err, WebPMuxError e, const char *what)
{
	return stk__fail(err, e == WEBP_MUX_MEMORY_ERROR ? STK_ERR_NOMEM : STK_ERR_ENCODE,
	                 "WebP: %s failed: %s (libwebp mux error %d)", what, mux_error_text(e),
	                 (int)e);
}

/* What the format can hold, checked before any encoding. */
static stk_status check_image(const stk_image *img, stk_error *err)
{
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	uint32_t n = stk_image_frame_count(img);
	uint64_t total = 0;
	if (w > WEBP_MAX_DIMENSION || h > WEBP_MAX_DIMENSION)
		return stk__fail(err, STK_ERR_LIMIT, "WebP: %ux%u is over the format's %dx%d limit",
		                 w, h, WEBP_MAX_DIMENSION, WEBP_MAX_DIMENSION);
	if (n > 1 && stk_image_plays(img) > MAX_PLAYS)
		return stk__fail(err, STK_ERR_LIMIT, "WebP: play count %u is over %u",
		                 stk_image_plays(img), MAX_PLAYS);
	for (uint32_t i = 0; n > 1 && i < n; i++) {
		uint32_t ms = stk_image_frame_duration(img, i);
		if (ms > MAX_FRAME_MS)
			return stk__fail_frame(err, STK_ERR_LIMIT, (int)i, "WebP: frame duration %u ms "
			                       "is over %u ms", ms, MAX_FRAME_MS);
		total += ms;
	}
	if (total > INT_MAX)
		return stk__fail(err, STK_ERR_LIMIT, "WebP: animation of %llu ms is too long",
		                 (unsigned long long)total);
	return STK_OK;
}

static stk_status make_config(const stk_encode_options *opt, WebPConfig *cfg,
                              stk_error *err)
{
	if (!WebPConfigInit(cfg))
		return stk__fail(err, STK_ERR_INTERNAL, "WebP: libwebp version mismatch");
	cfg->quality = opt->quality;
	cfg->method = opt->method;
	cfg->alpha_quality = (int)(opt->alpha_quality + 0.5f);
	cfg->lossless = opt->lossless;
	/* Lossless keeps RGB under transparent pixels, so round trips are exact. */
	cfg->exact = opt->lossless;
	cfg->use_sharp_yuv = opt->webp_sharp_yuv;
	cfg->thread_level = 0; /* determinism */
	if (!WebPValidateConfig(cfg))
		return stk__fail(err, STK_ERR_INVALID_ARG, "WebP: invalid encoder settings "
		                 "(quality %g, method %d)", (double)opt->quality, opt->method);
	return STK_OK;
}

/* An ARGB picture of one frame, which WebPAnimEncoder requires and lossless
 * uses directly. */
static stk_status import_rgba(const uint8_t *rgba, uint32_t w, uint32_t h, WebPPicture *pic,
                              stk_error *err)
{
	if (!WebPPictureInit(pic))
		return stk__fail(err, STK_ERR_INTERNAL, "WebP: libwebp version mismatch");
	pic->use_argb = 1;
	pic->width = (int)w;
	pic->height = (int)h;
	if (!WebPPictureImportRGBA(pic, rgba, pic->width * 4)) {
		WebPPictureFree(pic);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	return STK_OK;
}

stk_status stk__webp_encode_rgba(const uint8_t *rgba, uint32_t w, uint32_t h,
                                 const WebPConfig *cfg, int frame, WebPData *out,
                                 stk_error *err)
{
	WebPPicture pic;
	WebPMemoryWriter wr;
	STK_TRY(import_rgba(rgba, w, h, &pic, err));
	WebPMemoryWriterInit(&wr);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &wr;
	int ok = WebPEncode(cfg, &pic);
	WebPEncodingError code = pic.error_code;
	WebPPictureFree(&pic);
	if (!ok) {
		WebPMemoryWriterClear(&wr);
		return stk__fail_frame(err, code == VP8_ENC_ERROR_OUT_OF_MEMORY ? STK_ERR_NOMEM
		                       : STK_ERR_ENCODE, frame, "WebP: encoding failed: %s "
		                       "(libwebp error %d)", enc_error_text(code), (int)code);
	}
	out->bytes = wr.mem;
	out->size = wr.size;
	return STK_OK;
}

static stk_status anim_add(WebPAnimEncoder *enc, WebPPicture *pic, int ts,
                           const WebPConfig *cfg, int frame, stk_error *err)
{
	if (WebPAnimEncoderAdd(enc, pic, ts, cfg))
		return STK_OK;
	const char *why = WebPAnimEncoderGetError(enc);
	return stk__fail_frame(err, STK_ERR_ENCODE, frame, "WebP: animation encoding failed: %s",
	                       why && *why ? why : "unknown error");
}

stk_status stk__webp_encode_anim(const stk__frame_source *src, const WebPConfig *cfg,
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
	int ts = 0; /* callers keep the sum within int (check_image()) */
	for (uint32_t i = 0; s == STK_OK && i < src->n; i++) {
		const uint8_t *rgba;
		uint32_t ms;
		WebPPicture pic;
		s = src->get(src->user, i, &rgba, &ms, err);
		if (s == STK_OK)
			s = import_rgba(rgba, src->w, src->h, &pic, err);
		if (s != STK_OK)
			break;
		s = anim_add(enc, &pic, ts, cfg, (int)i, err);
		WebPPictureFree(&pic);
		ts += (int)ms;
	}
	/* The closing NULL frame fixes the last frame's duration. */
	if (s == STK_OK)
		s = anim_add(enc, NULL, ts, NULL, -1, err);
	if (s == STK_OK && !WebPAnimEncoderAssemble(enc, out)) {
		const char *why = WebPAnimEncoderGetError(enc);
		s = stk__fail(err, STK_ERR_ENCODE, "WebP: assembling the animation failed: %s",
		              why && *why ? why : "unknown error");
	}
	WebPAnimEncoderDelete(enc);
	return s;
}

/* Frame i as a still: the bitstream the source already has, or encoded now. */
static stk_status keyframe(const stk__frame_source *src, const WebPConfig *cfg, uint32_t i,
                           WebPData *still, uint32_t *ms, stk_error *err)
{
	const uint8_t *rgba;
	STK_TRY(src->get(src->user, i, NULL, ms, err));
	if (src->encoded && src->encoded(src->user, i, still))
		return STK_OK;
	STK_TRY(src->get(src->user, i, &rgba, ms, err));
	return stk__webp_encode_rgba(rgba, src->w, src->h, cfg, (int)i, still, err);
}

/* Every frame a full-canvas still, no blending, no disposal: each one is a
 * keyframe.  A hold (the same pixels again) reuses the bitstream before it:
 * same bytes, one encode. */
stk_status stk__webp_mux_keyframes(const stk__frame_source *src, const WebPConfig *cfg,
                                   WebPMux *mux, stk_error *err)
{
	WebPData still = { NULL, 0 };
	stk_status s = STK_OK;
	for (uint32_t i = 0; s == STK_OK && i < src->n; i++) {
		uint32_t ms;
		bool hold = i > 0 && still.bytes && src->repeats && src->repeats(src->user, i);
		if (hold) {
			s = src->get(src->user, i, NULL, &ms, err); /* the duration only */
		} else {
			WebPDataClear(&still);
			s = keyframe(src, cfg, i, &still, &ms, err);
		}
		if (s != STK_OK)
			break;
		WebPMuxFrameInfo fi;
		memset(&fi, 0, sizeof fi);
		fi.bitstream = still;
		fi.duration = (int)ms;
		fi.id = WEBP_CHUNK_ANMF;
		fi.dispose_method = WEBP_MUX_DISPOSE_NONE;
		fi.blend_method = WEBP_MUX_NO_BLEND;
		WebPMuxError e = WebPMuxPushFrame(mux, &fi, 1);
		if (e != WEBP_MUX_OK)
			s = stk__webp_mux_fail(err, e, "adding a frame");
	}
	WebPDataClear(&still);
	STK_TRY(s);
	WebPMuxAnimParams ap = { BACKGROUND, (int)src->plays };
	WebPMuxError e = WebPMuxSetAnimationParams(mux, &ap);
	if (e == WEBP_MUX_OK)
		e = WebPMuxSetCanvasSize(mux, (int)src->w, (int)src->h);
	return e == WEBP_MUX_OK ? STK_OK : stk__webp_mux_fail(err, e, "setting the animation");
}

/* The metadata to write: none without keep_metadata, and no ICC profile when
 * the decoder already converted the pixels to sRGB. */
static bool meta_to_write(const stk_image *img, const stk_encode_options *opt,
                          stk_meta_kind k, WebPData *out)
{
	if (!opt->keep_metadata)
		return false;
	if (k == STK_META_ICC && stk_image_source(img)->icc_converted)
		return false;
	return stk_image_metadata(img, k, &out->bytes, &out->size);
}

static bool has_meta(const stk_image *img, const stk_encode_options *opt)
{
	WebPData m;
	for (int k = 0; k < STK_META_COUNT; k++)
		if (meta_to_write(img, opt, (stk_meta_kind)k, &m))
			return true;
	return false;
}

static stk_status mux_metadata(const stk_image *img, const stk_encode_options *opt,
                               WebPMux *mux, stk_error *err)
{
	static const char *const fourcc[STK_META_COUNT] = { "EXIF", "XMP ", "ICCP" };
	for (int k = 0; k < STK_META_COUNT; k++) {
		WebPData m;
		if (!meta_to_write(img, opt, (stk_meta_kind)k, &m))
			continue;
		WebPMuxError e = WebPMuxSetChunk(mux, fourcc[k], &m, 0);
		if (e != WEBP_MUX_OK)
			return stk__webp_mux_fail(err, e, "adding metadata");
	}
	return STK_OK;
}

/* Moves libwebp's bytes into a malloc'd stk_buf. */
static stk_status take_output(const WebPData *webp, stk_buf *out, stk_error *err)
{
	out->data = malloc(webp->size ? webp->size : 1);
	if (!out->data)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memcpy(out->data, webp->bytes, webp->size);
	out->len = webp->size;
	return STK_OK;
}

stk_status stk__webp_reopen(WebPMux **mux, const WebPData *webp, stk_error *err)
{
	if (*mux)
		return STK_OK;
	if (!(*mux = WebPMuxCreate(webp, 0)))
		return stk__fail(err, STK_ERR_ENCODE, "WebP: libwebp cannot reopen its own output");
	return STK_OK;
}

stk_status stk__webp_finish(stk_status s, WebPMux *mux, WebPData *webp, stk_buf *out,
                            stk_error *err)
{
	WebPData assembled = { NULL, 0 };
	if (s == STK_OK && mux) {
		WebPMuxError e = WebPMuxAssemble(mux, &assembled);
		s = e == WEBP_MUX_OK ? take_output(&assembled, out, err)
		                     : stk__webp_mux_fail(err, e, "assembling the file");
	} else if (s == STK_OK) {
		s = take_output(webp, out, err);
	}
	WebPMuxDelete(mux);
	WebPDataClear(&assembled);
	WebPDataClear(webp);
	return s;
}

/* Encodes the frames into a WebP file (*webp) or, for all keyframes, into
 * frames of *mux. */
static stk_status image_frame(void *user, uint32_t i, const uint8_t **rgba, uint32_t *ms,
                              stk_error *err)
{
	const stk_image *img = user;
	(void)err;
	if (rgba)
		*rgba = stk_image_frame_rgba_const(img, i);
	*ms = stk_image_frame_duration(img, i);
	return STK_OK;
}

static stk_status encode_frames(const stk_image *img, const stk_encode_options *opt,
                                const WebPConfig *cfg, WebPData *webp, WebPMux *mux,
                                stk_error *err)
{
	stk__frame_source src = { stk_image_width(img), stk_image_height(img),
	                          stk_image_frame_count(img), stk_image_plays(img),
	                          (void *)img, image_frame, NULL, NULL };
	if (src.n == 1)
		return stk__webp_encode_rgba(stk_image_frame_rgba_const(img, 0), src.w, src.h, cfg,
		                             0, webp, err);
	if (opt->webp_all_keyframes)
		return stk__webp_mux_keyframes(&src, cfg, mux, err);
	return stk__webp_encode_anim(&src, cfg, webp, err);
}

stk_status stk__webp_encode(const stk_image *img, const stk_encode_options *opt,
                            stk_buf *out, stk_error *err)
{
	WebPConfig cfg;
	WebPData webp = { NULL, 0 };
	WebPMux *mux = NULL;
	bool keyframes = opt->webp_all_keyframes && stk_image_frame_count(img) > 1;
	stk_status s;

	STK_TRY(check_image(img, err));
	STK_TRY(make_config(opt, &cfg, err));
	if (keyframes && !(mux = WebPMuxNew()))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	s = encode_frames(img, opt, &cfg, &webp, mux, err);
	if (s == STK_OK && has_meta(img, opt))
		s = stk__webp_reopen(&mux, &webp, err);
	if (s == STK_OK && mux)
		s = mux_metadata(img, opt, mux, err);
	return stk__webp_finish(s, mux, &webp, out, err);
}
