/*
 * convert_webp.c - the WebP encodes the budget search makes, where the
 * codec's stk_image_encode() cannot serve: an animation streamed frame by
 * frame from the frame store (stk_image_encode needs every frame in
 * memory at once), and one-frame size calibration.
 *
 * The frames go through webp_enc.c's pipeline (WebPAnimEncoder, or every
 * frame a full-canvas still muxed without blending or disposal), pulled
 * one at a time from the frame store.  With one frame duration asked for, frames
 * WebPAnimEncoder merged are split again into repeats that cost ~40 bytes.
 * Threads stay off: same input, same bytes.
 */
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"
#include "webp_enc.h"

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

stk_status stk__webp_still_size(const uint8_t *rgba, uint32_t w, uint32_t h,
                                const stk__webp_params *p, uint64_t *bytes,
                                uint64_t *alpha_bytes, stk_error *err)
{
	WebPConfig cfg;
	WebPData still;
	STK_TRY(config(p, &cfg, err));
	STK_TRY(stk__webp_encode_rgba(rgba, w, h, &cfg, 0, &still, err));
	*bytes = still.size;
	if (alpha_bytes)
		*alpha_bytes = stk__webp_chunk_bytes(still.bytes, still.size, "ALPH");
	WebPDataClear(&still);
	return STK_OK;
}

/* The frame source over a plan, with the encodes it may reuse. */
struct planned {
	const stk__anim_src *src;
	WebPMux *reuse;             /* src->reuse opened, or NULL */
	uint32_t next;              /* the first reuse_at entry not yet passed */
};

/* Frame i of the plan, from the frame store. */
static stk_status planned_frame(void *user, uint32_t i, const uint8_t **rgba, uint32_t *ms,
                                stk_error *err)
{
	const stk__anim_src *src = ((struct planned *)user)->src;
	*ms = src->plan->f[i].ms;
	return rgba ? stk__frames_get(src->fs, src->plan->f[i].src, rgba, err) : STK_OK;
}

/* Whether planned frame i shows the same source frame as the one before. */
static bool planned_repeat(void *user, uint32_t i)
{
	const stk__anim_src *src = ((struct planned *)user)->src;
	return i > 0 && src->plan->f[i].src == src->plan->f[i - 1].src;
}

/* Planned frame i's bitstream from the reused encode, when it has it
 * (frames are asked for in order, as reuse_at is). */
static bool planned_encoded(void *user, uint32_t i, WebPData *bitstream)
{
	struct planned *pl = user;
	const stk__anim_src *src = pl->src;
	while (pl->next < src->nreuse && src->reuse_at[pl->next] < i)
		pl->next++;
	if (pl->next >= src->nreuse || src->reuse_at[pl->next] != i)
		return false;
	WebPMuxFrameInfo fi;
	if (WebPMuxGetFrame(pl->reuse, pl->next + 1, &fi) != WEBP_MUX_OK)
		return false;
	*bitstream = fi.bitstream;
	return true;
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
		return stk__webp_mux_fail(err, e, "repeating held frames");
	}
	*out = dst;
	return STK_OK;
}

stk_status stk__webp_anim_encode(const stk__anim_src *src, const stk__webp_params *p,
                                 stk_buf *out, stk_error *err)
{
	WebPConfig cfg;
	WebPData webp = { NULL, 0 };
	WebPMux *mux = NULL;
	bool has_exif = src->exif && src->exif->len;
	struct planned pl = { src, NULL, 0 };
	stk__frame_source frames = { src->w, src->h, src->plan->n, src->plays, &pl,
	                             planned_frame, planned_repeat, NULL };
	stk_status s;

	out->data = NULL;
	out->len = 0;
	STK_TRY(config(p, &cfg, err));
	if (p->all_keyframes) {
		if (!(mux = WebPMuxNew()))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		if (src->reuse && src->nreuse) {
			WebPData reuse = { src->reuse->data, src->reuse->len };
			pl.reuse = WebPMuxCreate(&reuse, 0);
			frames.encoded = pl.reuse ? planned_encoded : NULL;
		}
		s = stk__webp_mux_keyframes(&frames, &cfg, mux, err);
		WebPMuxDelete(pl.reuse);
	} else {
		s = stk__webp_encode_anim(&frames, &cfg, &webp, err);
		if (s == STK_OK && src->frame_ms)
			s = split_holds(&webp, src->frame_ms, &mux, err);
		else if (s == STK_OK && has_exif)
			s = stk__webp_reopen(&mux, &webp, err);
	}
	if (s == STK_OK && mux && has_exif) {
		WebPData exif = { src->exif->data, src->exif->len };
		WebPMuxError e = WebPMuxSetChunk(mux, "EXIF", &exif, 1);
		if (e != WEBP_MUX_OK)
			s = stk__webp_mux_fail(err, e, "adding EXIF");
	}
	return stk__webp_finish(s, mux, &webp, out, err);
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
