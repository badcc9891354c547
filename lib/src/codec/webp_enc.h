/*
 * webp_enc.h - the WebP frame pipeline webp_enc.c builds on, shared with
 * convert_webp.c, whose frames come from a bounded store instead of an
 * stk_image.  Frames are pulled one at a time from a frame source, so
 * only one picture is alive at once.
 */
#ifndef STK_WEBP_ENC_H
#define STK_WEBP_ENC_H

#include <webp/encode.h>
#include <webp/mux.h>
#include "internal.h"

typedef struct stk__frame_source {
	uint32_t w, h, n, plays;
	void *user;
	/* Frame i's pixels (valid until the next call) and duration; with
	 * rgba NULL only the duration (a hold needs no pixels). */
	stk_status (*get)(void *user, uint32_t i, const uint8_t **rgba, uint32_t *ms,
	                  stk_error *err);
	/* Optional: whether frame i shows the same pixels as frame i - 1 (a
	 * hold), so the keyframe muxer reuses its bitstream; NULL = never. */
	bool (*repeats)(void *user, uint32_t i);
	/* Optional: frame i as the keyframe muxer would encode it, already
	 * made with the same settings (a bitstream the muxer frees); false
	 * when it is not at hand.  NULL = never. */
	bool (*encoded)(void *user, uint32_t i, WebPData *bitstream);
} stk__frame_source;

/* One RGBA frame as a complete still WebP file in *out (WebPDataClear). */
stk_status stk__webp_encode_rgba(const uint8_t *rgba, uint32_t w, uint32_t h,
                                 const WebPConfig *cfg, int frame, WebPData *out,
                                 stk_error *err);
/* All frames through WebPAnimEncoder (sub-rectangles, blending). */
stk_status stk__webp_encode_anim(const stk__frame_source *src, const WebPConfig *cfg,
                                 WebPData *out, stk_error *err);
/* Every frame a full-canvas still in mux, no blending, no disposal. */
stk_status stk__webp_mux_keyframes(const stk__frame_source *src, const WebPConfig *cfg,
                                   WebPMux *mux, stk_error *err);
/* Reopens a finished file as *mux, to add chunks to (a mux already there
 * stays). */
stk_status stk__webp_reopen(WebPMux **mux, const WebPData *webp, stk_error *err);
/* The tail of every WebP encode: mux assembled into out, or without a mux
 * webp copied there; the mux and webp are freed whatever s is, and s (or
 * the first failure) is returned. */
stk_status stk__webp_finish(stk_status s, WebPMux *mux, WebPData *webp, stk_buf *out,
                            stk_error *err);
/* A mux failure as an error record. */
stk_status stk__webp_mux_fail(stk_error *err, WebPMuxError e, const char *what);

#endif
