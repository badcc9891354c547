/*
 * video_dec.c - WEBM/Matroska, MP4 and MOV through FFmpeg's libraries:
 * the first video stream decoded one frame at a time, converted to RGBA
 * by libswscale and handed on; audio and every other stream ignored.
 *
 * Timing is the stream's own: each frame lasts until the next one's
 * presentation time (variable frame rates too), the last one its packet
 * duration, or to the stream's end, or one frame at the average rate;
 * milliseconds are rounded on the timeline so the total never drifts.
 * One decoded frame is held back (its duration needs the next one's
 * time), so memory is two canvases and the decoder's own.
 *
 * The container is the one sniffed (never probed: libavformat would try
 * every format it knows on hostile bytes), read from memory through a
 * custom AVIOContext, and only the decoders of a short list may run.
 * VP8/VP9 with an alpha channel (Matroska AlphaMode, libavformat's
 * "alpha_mode" tag) go to libvpx's decoders, which read the alpha side
 * stream; FFmpeg's native ones drop it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>
#include "webm_enc.h"

#define IO_BUFFER 65536
/* Decoders allowed to run on input: what sticker sources are made of. */
#define CODEC_WHITELIST "h264,hevc,vp8,vp9,libvpx,libvpx-vp9,av1,libdav1d,libaom-av1," \
	"mpeg4,prores,mjpeg,png,qtrle,gif"

/* The library never prints: FFmpeg's own log goes nowhere. */
static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;
static void quiet(void) { av_log_set_level(AV_LOG_QUIET); }
void stk__av_quiet(void) { pthread_once(&quiet_once, quiet); }

struct mem_reader {
	const uint8_t *data;
	size_t len, pos;
};

static int mem_read(void *opaque, uint8_t *buf, int n)
{
	struct mem_reader *m = opaque;
	size_t left = m->len - m->pos;
	if (left == 0)
		return AVERROR_EOF;
	size_t k = (size_t)n < left ? (size_t)n : left;
	memcpy(buf, m->data + m->pos, k);
	m->pos += k;
	return (int)k;
}

static int64_t mem_seek(void *opaque, int64_t off, int whence)
{
	struct mem_reader *m = opaque;
	int64_t base;
	switch (whence & ~AVSEEK_FORCE) {
	case AVSEEK_SIZE: return (int64_t)m->len;
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)m->pos; break;
	case SEEK_END: base = (int64_t)m->len; break;
	default: return AVERROR(EINVAL);
	}
	if (off > (int64_t)m->len - base || base + off < 0)
		return AVERROR(EINVAL);
	m->pos = (size_t)(base + off);
	return (int64_t)m->pos;
}

struct video {
	stk__decoder *d;
	struct mem_reader mem;
	AVIOContext *io;
	AVFormatContext *fmt;
	AVCodecContext *dec;
	AVStream *st;
	struct SwsContext *sws;
	AVPacket *pkt;
	AVFrame *frame;
	uint32_t w, h;
	uint8_t *held;              /* the frame waiting for its duration */
	uint8_t *next;              /* the frame being converted */
	bool have_held;
	double held_ms;             /* its presentation time, from the first frame */
	double held_dur_ms;         /* its packet duration, 0 unknown */
	int64_t first_pts;
	bool have_first;
	stk__timeline tl;
	uint32_t index;
};

static stk_status av_fail(stk_error *err, stk_status code, int averr, const char *what)
{
	char msg[AV_ERROR_MAX_STRING_SIZE] = "";
	av_strerror(averr, msg, sizeof msg);
	if (averr == AVERROR(ENOMEM))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return stk__fail(err, code, "video: %s (%s)", what, msg);
}

static const char *format_name(stk_format container)
{
	return container == STK_FORMAT_WEBM ? "matroska" : "mov";
}

static stk_status open_container(struct video *v, stk_format container, stk_error *err)
{
	uint8_t *buf = av_malloc(IO_BUFFER);
	if (!buf)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	v->io = avio_alloc_context(buf, IO_BUFFER, 0, &v->mem, mem_read, NULL, mem_seek);
	if (!v->io) {
		av_free(buf);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	v->fmt = avformat_alloc_context();
	if (!v->fmt)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	v->fmt->pb = v->io;
	v->fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
	v->fmt->codec_whitelist = av_strdup(CODEC_WHITELIST);
	v->fmt->format_whitelist = av_strdup("matroska,webm,mov,mp4,m4a,3gp,3g2,mj2");
	v->fmt->protocol_whitelist = av_strdup("none");
	const AVInputFormat *in = av_find_input_format(format_name(container));
	int r = avformat_open_input(&v->fmt, NULL, in, NULL);
	if (r < 0) {
		v->fmt = NULL; /* freed by avformat_open_input */
		return av_fail(err, STK_ERR_CORRUPT, r, "cannot read the container");
	}
	r = avformat_find_stream_info(v->fmt, NULL);
	if (r < 0)
		return av_fail(err, STK_ERR_CORRUPT, r, "cannot read the streams");
	return STK_OK;
}

/* VP8/VP9 with alpha: libvpx's decoders, which decode the alpha side stream. */
static const AVCodec *pick_decoder(const AVStream *st)
{
	const AVCodecParameters *par = st->codecpar;
	const AVDictionaryEntry *alpha = av_dict_get(st->metadata, "alpha_mode", NULL, 0);
	if (alpha && strcmp(alpha->value, "0") != 0) {
		const AVCodec *c = NULL;
		if (par->codec_id == AV_CODEC_ID_VP9)
			c = avcodec_find_decoder_by_name("libvpx-vp9");
		else if (par->codec_id == AV_CODEC_ID_VP8)
			c = avcodec_find_decoder_by_name("libvpx");
		if (c)
			return c;
	}
	return avcodec_find_decoder(par->codec_id);
}

static void note_source(struct video *v)
{
	stk_source_info *src = &v->d->src;
	const AVCodecParameters *par = v->st->codecpar;
	src->color_type = STK_COLOR_YCBCR;
	src->bit_depth = 8;
	const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(par->format);
	if (desc) {
		src->bit_depth = desc->comp[0].depth;
		if (desc->flags & AV_PIX_FMT_FLAG_RGB)
			src->color_type = desc->flags & AV_PIX_FMT_FLAG_ALPHA ? STK_COLOR_RGBA
			                                                       : STK_COLOR_RGB;
	}
	snprintf(src->codec, sizeof src->codec, "%s", avcodec_get_name(par->codec_id));
	AVRational r = v->st->avg_frame_rate.num > 0 ? v->st->avg_frame_rate : v->st->r_frame_rate;
	src->fps = r.num > 0 && r.den > 0 ? av_q2d(r) : 0;
	for (unsigned i = 0; i < v->fmt->nb_streams; i++)
		if (v->fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
			src->has_audio = true;
	if (v->st->nb_frames > 0 && v->st->nb_frames <= UINT32_MAX)
		src->declared_frames = (uint32_t)v->st->nb_frames;
}

static stk_status open_decoder(struct video *v, stk_error *err)
{
	int si = av_find_best_stream(v->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
	if (si < 0)
		return stk__fail(err, STK_ERR_CORRUPT, "video: no video stream");
	v->st = v->fmt->streams[si];
	for (unsigned i = 0; i < v->fmt->nb_streams; i++)
		if ((int)i != si)
			v->fmt->streams[i]->discard = AVDISCARD_ALL;
	const AVCodecParameters *par = v->st->codecpar;
	if (par->width <= 0 || par->height <= 0)
		return stk__fail(err, STK_ERR_CORRUPT, "video: the stream has no frame size");
	v->w = (uint32_t)par->width;
	v->h = (uint32_t)par->height;
	STK_TRY(stk__dec_canvas(v->d, v->w, v->h, err));
	note_source(v);
	if (v->st->nb_frames > 0)
		STK_TRY(stk__dec_check_frame_count(v->d, (uint64_t)v->st->nb_frames, err));
	const AVCodec *codec = pick_decoder(v->st);
	if (!codec)
		return stk__fail(err, STK_ERR_UNSUPPORTED, "video: no decoder for %s",
		                 avcodec_get_name(par->codec_id));
	v->dec = avcodec_alloc_context3(codec);
	if (!v->dec)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	int r = avcodec_parameters_to_context(v->dec, par);
	if (r >= 0) {
		v->dec->pkt_timebase = v->st->time_base;
		v->dec->codec_whitelist = av_strdup(CODEC_WHITELIST);
		r = avcodec_open2(v->dec, codec, NULL);
	}
	if (r < 0)
		return av_fail(err, STK_ERR_UNSUPPORTED, r, "cannot open the decoder");
	size_t bytes;
	stk__rgba_size(v->w, v->h, &bytes);
	v->held = malloc(bytes);
	v->next = malloc(bytes);
	v->pkt = av_packet_alloc();
	v->frame = av_frame_alloc();
	if (!v->held || !v->next || !v->pkt || !v->frame)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return STK_OK;
}

static int sws_space(enum AVColorSpace cs)
{
	switch (cs) {
	case AVCOL_SPC_BT709: return SWS_CS_ITU709;
	case AVCOL_SPC_BT2020_NCL:
	case AVCOL_SPC_BT2020_CL: return SWS_CS_BT2020;
	case AVCOL_SPC_FCC: return SWS_CS_FCC;
	case AVCOL_SPC_SMPTE240M: return SWS_CS_SMPTE240M;
	default: return SWS_CS_DEFAULT;
	}
}

/* The decoded frame as straight RGBA on the canvas (a frame of another
 * size is scaled onto it). */
static stk_status convert(struct video *v, const AVFrame *f, stk_error *err)
{
	if (f->width <= 0 || f->height <= 0)
		return stk__fail(err, STK_ERR_CORRUPT, "video: a frame has no size");
	v->sws = sws_getCachedContext(v->sws, f->width, f->height, f->format, (int)v->w,
	                              (int)v->h, AV_PIX_FMT_RGBA, SWS_BICUBIC | SWS_ACCURATE_RND |
	                              SWS_FULL_CHR_H_INT, NULL, NULL, NULL);
	if (!v->sws)
		return stk__fail(err, STK_ERR_UNSUPPORTED, "video: cannot convert %s frames to RGBA",
		                 av_get_pix_fmt_name(f->format) ? av_get_pix_fmt_name(f->format)
		                                                : "these");
	const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(f->format);
	if (desc && !(desc->flags & AV_PIX_FMT_FLAG_RGB)) {
		const int *coef = sws_getCoefficients(sws_space(f->colorspace));
		sws_setColorspaceDetails(v->sws, coef, f->color_range == AVCOL_RANGE_JPEG,
		                         sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
	}
	uint8_t *dst[4] = { v->next, NULL, NULL, NULL };
	int stride[4] = { (int)v->w * 4, 0, 0, 0 };
	sws_scale(v->sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, dst, stride);
	if (!desc || !(desc->flags & AV_PIX_FMT_FLAG_ALPHA)) {
		for (size_t i = 3; i < (size_t)v->w * v->h * 4; i += 4)
			v->next[i] = 255;
	} else {
		for (size_t i = 0; i < (size_t)v->w * v->h * 4; i += 4)
			if (v->next[i + 3] == 0)
				memset(v->next + i, 0, 4);
	}
	return STK_OK;
}

static stk_status emit_held(struct video *v, double end_ms, stk_error *err)
{
	uint32_t ms = stk__timeline_next(&v->tl, end_ms - v->held_ms);
	stk_status s = stk__dec_emit(v->d, v->held, ms, err);
	if (s != STK_OK && err && err->frame < 0)
		err->frame = (int)v->index;
	v->index++;
	v->have_held = false;
	return s;
}

static double ms_of(const struct video *v, int64_t ts)
{
	return (double)(ts - v->first_pts) * av_q2d(v->st->time_base) * 1000.0;
}

/* A decoded frame: the held one gets its duration and goes on, this one
 * is held.  Frames that do not move time forward are dropped. */
static stk_status on_decoded(struct video *v, const AVFrame *f, stk_error *err)
{
	int64_t pts = f->best_effort_timestamp;
	if (pts == AV_NOPTS_VALUE) {
		if (!v->have_held)
			pts = v->have_first ? v->first_pts : 0;
		else /* no time stamp: one packet duration, or 1/25 s, after the last */
			pts = AV_NOPTS_VALUE;
	}
	if (!v->have_first && pts != AV_NOPTS_VALUE) {
		v->first_pts = pts;
		v->have_first = true;
	}
	double at = pts != AV_NOPTS_VALUE ? ms_of(v, pts)
	          : v->held_ms + (v->held_dur_ms > 0 ? v->held_dur_ms : 40);
	if (v->have_held && at <= v->held_ms)
		return STK_OK;
	STK_TRY(convert(v, f, err));
	if (v->have_held)
		STK_TRY(emit_held(v, at, err));
	uint8_t *t = v->held;
	v->held = v->next;
	v->next = t;
	v->have_held = true;
	v->held_ms = at;
	v->held_dur_ms = f->pkt_duration > 0
		? (double)f->pkt_duration * av_q2d(v->st->time_base) * 1000.0 : 0;
	return STK_OK;
}

/* The last frame's end: its packet duration, else the stream's end, else
 * one frame at the average rate, else 1/25 s. */
static double last_end(const struct video *v)
{
	if (v->held_dur_ms > 0)
		return v->held_ms + v->held_dur_ms;
	if (v->st->duration > 0 && v->st->duration != AV_NOPTS_VALUE) {
		int64_t start = v->st->start_time != AV_NOPTS_VALUE ? v->st->start_time : v->first_pts;
		double end = ms_of(v, start + v->st->duration);
		if (end > v->held_ms)
			return end;
	}
	double fps = v->d->src.fps;
	return v->held_ms + (fps > 0 && fps < 1000 ? 1000.0 / fps : 40);
}

/* A truncated file ends early without an error from the demuxer: the
 * frames must reach the video's declared duration (the stream's own, or
 * the file's when it has no other stream), give or take two frames. */
static stk_status check_complete(const struct video *v, double end_ms, stk_error *err)
{
	double declared = 0;
	if (v->st->duration > 0 && v->st->duration != AV_NOPTS_VALUE)
		declared = (double)v->st->duration * av_q2d(v->st->time_base) * 1000.0;
	else if (v->fmt->nb_streams == 1 && v->fmt->duration > 0)
		declared = (double)v->fmt->duration / (AV_TIME_BASE / 1000);
	double fps = v->d->src.fps, frame = fps > 0 && fps < 1000 ? 1000.0 / fps : 100;
	double slack = 2 * frame > 100 ? 2 * frame : 100;
	if (declared > 0 && end_ms + slack < declared)
		return stk__fail(err, STK_ERR_CORRUPT, "video: truncated: the frames last %.0f ms "
		                 "of the %.0f ms the container declares", end_ms, declared);
	return STK_OK;
}

static stk_status receive(struct video *v, stk_error *err)
{
	for (;;) {
		int r = avcodec_receive_frame(v->dec, v->frame);
		if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
			return STK_OK;
		if (r < 0)
			return av_fail(err, STK_ERR_CORRUPT, r, "cannot decode a frame");
		stk_status s = on_decoded(v, v->frame, err);
		av_frame_unref(v->frame);
		STK_TRY(s);
	}
}

static stk_status decode_all(struct video *v, stk_error *err)
{
	int r;
	while ((r = av_read_frame(v->fmt, v->pkt)) >= 0) {
		if (v->pkt->stream_index == v->st->index) {
			r = avcodec_send_packet(v->dec, v->pkt);
			av_packet_unref(v->pkt);
			if (r < 0 && r != AVERROR(EAGAIN))
				return av_fail(err, STK_ERR_CORRUPT, r, "cannot decode a frame");
			STK_TRY(receive(v, err));
		} else {
			av_packet_unref(v->pkt);
		}
	}
	if (r != AVERROR_EOF)
		return av_fail(err, STK_ERR_CORRUPT, r, "the file is truncated or corrupt");
	r = avcodec_send_packet(v->dec, NULL);
	if (r < 0 && r != AVERROR_EOF)
		return av_fail(err, STK_ERR_CORRUPT, r, "cannot decode a frame");
	STK_TRY(receive(v, err));
	if (!v->have_held)
		return stk__fail(err, STK_ERR_CORRUPT, "video: no frame decodes");
	STK_TRY(check_complete(v, last_end(v), err));
	return emit_held(v, last_end(v), err);
}

static void video_close(struct video *v)
{
	sws_freeContext(v->sws);
	av_frame_free(&v->frame);
	av_packet_free(&v->pkt);
	avcodec_free_context(&v->dec);
	avformat_close_input(&v->fmt);
	if (v->io) {
		av_freep(&v->io->buffer);
		avio_context_free(&v->io);
	}
	free(v->held);
	free(v->next);
}

stk_status stk__video_decode(stk__decoder *d, stk_format container, const uint8_t *data,
                             size_t len, stk_error *err)
{
	struct video v;
	memset(&v, 0, sizeof v);
	v.d = d;
	v.mem = (struct mem_reader){ data, len, 0 };
	d->src.format = container;
	stk__av_quiet();
	stk_status s = open_container(&v, container, err);
	if (s == STK_OK)
		s = open_decoder(&v, err);
	if (s == STK_OK)
		s = decode_all(&v, err);
	video_close(&v);
	return s;
}
