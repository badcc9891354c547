/*
 * webm_enc.h - VP9 WEBM video (Telegram video stickers) through libvpx in
 * libavcodec and libavformat's WEBM muxer, shared by webm_enc.c's
 * stk_image encoder and convert_video.c's budget search.  Frames come from
 * the same pull-one-at-a-time frame source as the WebP pipeline.
 */
#ifndef STK_WEBM_ENC_H
#define STK_WEBM_ENC_H

#include "webp_enc.h"

#define STK__WEBM_MAX_CRF 63

typedef struct stk__webm_params {
	int crf;        /* libvpx constant quality 0 (best) .. 63 */
	int speed;      /* libvpx cpu-used 0 (slowest) .. 8 */
} stk__webm_params;

/* Encodes src's frames (straight RGBA, each lasting its ms) as VP9 with
 * an alpha channel (yuva420p), no audio, in a WEBM with exact timestamps
 * (milliseconds) and nothing that varies between runs: single-threaded,
 * fixed settings, a bit-exact muxer.  *out is malloc'd. */
stk_status stk__webm_encode_frames(const stk__frame_source *src, const stk__webm_params *p,
                                   stk_buf *out, stk_error *err);

/* The crf of a quality 0..100 (100 is crf 0) and back. */
int stk__webm_crf_of(double quality);
double stk__webm_quality_of(int crf);

/* FFmpeg's log silenced, once per process (the library never prints). */
void stk__av_quiet(void);

#endif
