/*
 * webp_dec.c - WebP stills and animations through libwebp.
 *
 * The container is checked whole before any pixel work: the RIFF size
 * must fit the file and WebPDemux must parse every chunk (state DONE), so
 * a cut file or a lying size field is refused with a clear message instead
 * of being waited for.  The demuxer then gives the canvas (limits checked
 * there), the frame count, the metadata chunks and, per frame, the
 * bitstream kind and the facts the keyframe rule needs.  Stills decode
 * with WebPDecode into our own buffer; animations go through
 * WebPAnimDecoder, which composites (disposal and blending) for us, and
 * each frame is handed on as it comes.
 */
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include "internal.h"

typedef struct webp_dec {
	WebPData data;
	WebPDemuxer *dmx;
	uint32_t width, height;
	uint32_t nframes;
	bool animated;
	uint8_t *keyframe;   /* per frame: decodable on its own */
	stk__icc *icc;       /* non-NULL: convert pixels to sRGB */
} webp_dec;

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* True when the chunks after the RIFF header end exactly where the file
 * does (chunks start at even offsets; a missing final pad byte is
 * tolerated). */
static bool chunks_fill_file(const uint8_t *data, size_t len)
{
	size_t off = 12;
	while (off < len) {
		if (len - off < 8)
			return false;
		uint64_t next = (uint64_t)off + 8 + le32(data + off + 4);
		if (next > len)
			return false;
		off = (size_t)next;
		if ((off & 1) && off < len)
			off++;
	}
	return true;
}

/* A RIFF size past the end of the file is either a cut file or a bad size
 * field on a complete one; tell the two apart for the message. */
static stk_status check_riff_size(const uint8_t *data, size_t len, stk_error *err)
{
	uint32_t riff_size = le32(data + 4);
	uint64_t riff_end = (uint64_t)riff_size + 8;
	if (riff_end <= len)
		return STK_OK;
	if (chunks_fill_file(data, len))
		return stk__fail(err, STK_ERR_CORRUPT, "WebP: RIFF size field says %u bytes but "
		                 "only %zu follow it, and the chunks end there: bad size field",
		                 riff_size, len - 8);
	return stk__fail(err, STK_ERR_CORRUPT, "WebP: file is truncated (%zu of %llu bytes)",
	                 len, (unsigned long long)riff_end);
}

static stk_status open_demux(webp_dec *w, stk_error *err)
{
	WebPDemuxState state = WEBP_DEMUX_PARSE_ERROR;
	w->dmx = WebPDemuxPartial(&w->data, &state);
	if (w->dmx && state == WEBP_DEMUX_DONE)
		return STK_OK;
	WebPDemuxDelete(w->dmx);
	w->dmx = NULL;
	if (state == WEBP_DEMUX_PARSE_ERROR)
		return stk__fail(err, STK_ERR_CORRUPT, "WebP: malformed container (bad chunk "
		                 "layout, sizes or frame geometry)");
	return stk__fail(err, STK_ERR_CORRUPT, "WebP: file is truncated (a chunk runs past "
	                 "the end)");
}

struct prev_frame {
	bool full;      /* covered the whole canvas */
	bool disposed;  /* disposed to background */
	bool keyframe;
};

/* libwebp's rule (anim_decode.c IsKeyFrame): the first frame is a keyframe;
 * so is a frame that covers the canvas and replaces it outright (no alpha
 * or no blending); so is a frame after one disposed to background when
 * that one covered the canvas or was itself a keyframe, as the canvas
 * is then all transparent. */
static bool is_keyframe(const WebPIterator *it, const struct prev_frame *prev,
                        uint32_t cw, uint32_t ch)
{
	bool full = (uint32_t)it->width == cw && (uint32_t)it->height == ch;
	if (it->frame_num == 1)
		return true;
	if (full && (!it->has_alpha || it->blend_method == WEBP_MUX_NO_BLEND))
		return true;
	return prev->disposed && (prev->full || prev->keyframe);
}

static stk_webp_kind merge_kind(stk_webp_kind a, stk_webp_kind b)
{
	if (a == STK_WEBP_NONE)
		return b;
	return a == b ? a : STK_WEBP_MIXED;
}

/* One pass over the frame headers: bitstream kind, alpha, keyframes. */
static stk_status scan_frames(stk__decoder *d, webp_dec *w, stk_error *err)
{
	WebPIterator it;
	struct prev_frame prev = { false, false, false };
	stk_status s = STK_OK;
	bool alpha = false;

	w->keyframe = calloc(w->nframes, 1);
	if (!w->keyframe)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (!WebPDemuxGetFrame(w->dmx, 1, &it))
		return stk__fail(err, STK_ERR_CORRUPT, "WebP: no image data");
	do {
		uint32_t i = (uint32_t)it.frame_num - 1;
		WebPBitstreamFeatures f;
		if (i >= w->nframes || WebPGetFeatures(it.fragment.bytes, it.fragment.size, &f) !=
		    VP8_STATUS_OK) {
			s = stk__fail_frame(err, STK_ERR_CORRUPT, (int)i,
			                    "WebP: unreadable frame bitstream header");
			break;
		}
		d->src.webp_kind = merge_kind(d->src.webp_kind,
		                              f.format == 2 ? STK_WEBP_LOSSLESS : STK_WEBP_LOSSY);
		alpha = alpha || it.has_alpha;
		bool kf = is_keyframe(&it, &prev, w->width, w->height);
		w->keyframe[i] = kf;
		d->src.webp_keyframes += kf;
		prev.full = (uint32_t)it.width == w->width && (uint32_t)it.height == w->height;
		prev.disposed = it.dispose_method == WEBP_MUX_DISPOSE_BACKGROUND;
		prev.keyframe = kf;
	} while (WebPDemuxNextFrame(&it));
	WebPDemuxReleaseIterator(&it);
	if (alpha || (WebPDemuxGetI(w->dmx, WEBP_FF_FORMAT_FLAGS) & ALPHA_FLAG))
		d->src.color_type = STK_COLOR_RGBA;
	return s;
}

/* EXIF, XMP and ICC chunks, byte for byte; then the colour transform. */
static stk_status read_metadata(stk__decoder *d, webp_dec *w, stk_error *err)
{
	static const struct { const char *fourcc; stk_meta_kind kind; } chunks[] = {
		{ "EXIF", STK_META_EXIF }, { "XMP ", STK_META_XMP }, { "ICCP", STK_META_ICC },
	};
	for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
		WebPChunkIterator ci;
		if (!WebPDemuxGetChunk(w->dmx, chunks[k].fourcc, 1, &ci))
			continue;
		stk_status s = stk_image_set_metadata(d->img, chunks[k].kind, ci.chunk.bytes,
		                                      ci.chunk.size, err);
		WebPDemuxReleaseChunkIterator(&ci);
		STK_TRY(s);
	}
	const uint8_t *icc;
	size_t icc_len;
	if (d->opt->keep_color_space || !stk_image_metadata(d->img, STK_META_ICC, &icc, &icc_len))
		return STK_OK;
	STK_TRY(stk__icc_open(icc, icc_len, &w->icc, err));
	d->src.icc_converted = w->icc != NULL;
	return STK_OK;
}

static const char *status_text(VP8StatusCode st)
{
	switch (st) {
	case VP8_STATUS_OUT_OF_MEMORY: return "out of memory";
	case VP8_STATUS_INVALID_PARAM: return "invalid parameter";
	case VP8_STATUS_BITSTREAM_ERROR: return "corrupt bitstream";
	case VP8_STATUS_UNSUPPORTED_FEATURE: return "unsupported feature";
	case VP8_STATUS_NOT_ENOUGH_DATA: return "bitstream ends early";
	default: break;
	}
	return "decoder error";
}

static stk_status decode_still(stk__decoder *d, webp_dec *w, stk_error *err)
{
	WebPDecoderConfig cfg;
	size_t bytes;
	if (!WebPInitDecoderConfig(&cfg))
		return stk__fail(err, STK_ERR_INTERNAL, "WebP: libwebp version mismatch");
	stk__rgba_size(w->width, w->height, &bytes);
	uint8_t *rgba = malloc(bytes);
	if (!rgba)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u image",
		                 w->width, w->height);
	cfg.output.colorspace = MODE_RGBA;
	cfg.output.is_external_memory = 1;
	cfg.output.u.RGBA.rgba = rgba;
	cfg.output.u.RGBA.stride = (int)w->width * 4;
	cfg.output.u.RGBA.size = bytes;
	VP8StatusCode st = WebPDecode(w->data.bytes, w->data.size, &cfg);
	WebPFreeDecBuffer(&cfg.output);
	if (st != VP8_STATUS_OK) {
		free(rgba);
		return stk__fail(err, st == VP8_STATUS_OUT_OF_MEMORY ? STK_ERR_NOMEM : STK_ERR_CORRUPT,
		                 "WebP: image data does not decode (%s)", status_text(st));
	}
	if ((uint32_t)cfg.output.width != w->width || (uint32_t)cfg.output.height != w->height) {
		free(rgba);
		return stk__fail(err, STK_ERR_CORRUPT, "WebP: image is %dx%d but the canvas is "
		                 "%ux%u", cfg.output.width, cfg.output.height, w->width, w->height);
	}
	if (w->icc)
		stk__icc_apply(w->icc, rgba, (size_t)w->width * w->height);
	return stk__dec_emit_take(d, rgba, 0, err); /* a still is a keyframe */
}

/* The animation decoder owns its canvas: copy when converting colours. */
static stk_status emit_frame(stk__decoder *d, webp_dec *w, const uint8_t *rgba,
                             uint32_t ms, stk_error *err)
{
	if (!w->icc)
		return stk__dec_emit(d, rgba, ms, err);
	size_t bytes;
	stk__rgba_size(w->width, w->height, &bytes);
	uint8_t *copy = malloc(bytes);
	if (!copy)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memcpy(copy, rgba, bytes);
	stk__icc_apply(w->icc, copy, (size_t)w->width * w->height);
	return stk__dec_emit_take(d, copy, ms, err);
}

static stk_status decode_anim(stk__decoder *d, webp_dec *w, stk_error *err)
{
	WebPAnimDecoderOptions o;
	WebPAnimInfo info;
	if (!WebPAnimDecoderOptionsInit(&o))
		return stk__fail(err, STK_ERR_INTERNAL, "WebP: libwebp version mismatch");
	o.color_mode = MODE_RGBA; /* straight alpha, as the image model wants */
	o.use_threads = 0;
	WebPAnimDecoder *ad = WebPAnimDecoderNew(&w->data, &o);
	if (!ad)
		return stk__fail(err, STK_ERR_NOMEM, "WebP: cannot start the animation decoder");
	WebPAnimDecoderGetInfo(ad, &info);
	stk_image_set_plays(d->img, info.loop_count); /* 0 = forever in both */

	stk_status s = STK_OK;
	uint32_t prev_ts = 0;
	for (uint32_t i = 0; s == STK_OK && WebPAnimDecoderHasMoreFrames(ad); i++) {
		uint8_t *buf;
		int ts;
		if (!WebPAnimDecoderGetNext(ad, &buf, &ts)) {
			s = stk__fail_frame(err, STK_ERR_CORRUPT, (int)i,
			                    "WebP: animation frame does not decode");
			break;
		}
		/* Timestamps are end times; unsigned difference stays right even
		 * if libwebp's int sum wrapped. */
		d->not_keyframe = i < w->nframes && !w->keyframe[i];
		s = emit_frame(d, w, buf, (uint32_t)ts - prev_ts, err);
		prev_ts = (uint32_t)ts;
	}
	WebPAnimDecoderDelete(ad);
	return s;
}

static stk_status read_header(stk__decoder *d, webp_dec *w, stk_error *err)
{
	uint32_t flags = WebPDemuxGetI(w->dmx, WEBP_FF_FORMAT_FLAGS);
	w->width = WebPDemuxGetI(w->dmx, WEBP_FF_CANVAS_WIDTH);
	w->height = WebPDemuxGetI(w->dmx, WEBP_FF_CANVAS_HEIGHT);
	w->nframes = WebPDemuxGetI(w->dmx, WEBP_FF_FRAME_COUNT);
	w->animated = (flags & ANIMATION_FLAG) != 0;
	STK_TRY(stk__dec_canvas(d, w->width, w->height, err));
	STK_TRY(stk__dec_check_frame_count(d, w->nframes, err));
	if (w->nframes == 0)
		return stk__fail(err, STK_ERR_CORRUPT, "WebP: file holds no frames");
	d->src.declared_frames = w->nframes;
	return STK_OK;
}

stk_status stk__webp_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err)
{
	webp_dec w = { .data = { data, len } };
	stk_status s;

	d->src.format = STK_FORMAT_WEBP;
	d->src.color_type = STK_COLOR_RGB;
	d->src.bit_depth = 8;
	if (len < 20)
		return stk__fail(err, STK_ERR_CORRUPT, "WebP: file is truncated (%zu bytes)", len);
	STK_TRY(check_riff_size(data, len, err));
	STK_TRY(open_demux(&w, err));
	s = read_header(d, &w, err);
	if (s == STK_OK)
		s = scan_frames(d, &w, err);
	if (s == STK_OK)
		s = read_metadata(d, &w, err);
	if (s == STK_OK)
		s = w.animated ? decode_anim(d, &w, err) : decode_still(d, &w, err);
	stk__icc_close(w.icc);
	free(w.keyframe);
	WebPDemuxDelete(w.dmx);
	return s;
}
