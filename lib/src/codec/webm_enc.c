/*
 * webm_enc.c - VP9 WEBM video with alpha, written to memory.
 *
 * libvpx-vp9 (through libavcodec) in constant-quality mode at a fixed
 * crf and speed, one thread, one keyframe; frames converted from RGBA to
 * yuva420p (BT.601, limited range, as players assume when untagged) by
 * libswscale; libavformat's WEBM muxer in bit-exact mode (no random
 * segment or track ids, no dates, no version strings) writes through a
 * seekable memory AVIOContext, so duration and cues are filled in at the
 * end.  Timestamps are milliseconds.
 *
 * Every frame must last the same time, give or take the millisecond a
 * drift-free timeline rounds by (15 fps: 67, 66, 67 ms): the muxer writes
 * no block durations for video, so a reader gives the last frame the
 * average duration, and a long final hold would be cut short.  Encoding
 * from frames refuses uneven durations; stk_image_encode() repeats each
 * frame on the common step of its durations (their greatest common
 * divisor), so the file plays as the image does.
 */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
#include "webm_enc.h"

#define IO_BUFFER 65536

int stk__webm_crf_of(double quality)
{
	double q = quality < 0 ? 0 : quality > 100 ? 100 : quality;
	return (int)lround(STK__WEBM_MAX_CRF * (100 - q) / 100);
}

double stk__webm_quality_of(int crf)
{
	return 100.0 * (STK__WEBM_MAX_CRF - crf) / STK__WEBM_MAX_CRF;
}

/* ---- a seekable memory file ---- */

struct mem_writer {
	stk_buf buf;
	size_t cap, pos;
	bool failed;
};

static int mem_write(void *opaque, uint8_t *data, int n)
{
	struct mem_writer *m = opaque;
	size_t end = m->pos + (size_t)n;
	if (end > m->cap) {
		size_t cap = m->cap ? m->cap : 65536;
		while (cap < end)
			cap *= 2;
		uint8_t *p = realloc(m->buf.data, cap);
		if (!p) {
			m->failed = true;
			return AVERROR(ENOMEM);
		}
		m->buf.data = p;
		m->cap = cap;
	}
	if (m->pos > m->buf.len) /* a seek past the end leaves zeros */
		memset(m->buf.data + m->buf.len, 0, m->pos - m->buf.len);
	memcpy(m->buf.data + m->pos, data, (size_t)n);
	m->pos = end;
	if (end > m->buf.len)
		m->buf.len = end;
	return n;
}

static int64_t mem_seek(void *opaque, int64_t off, int whence)
{
	struct mem_writer *m = opaque;
	int64_t base;
	switch (whence & ~AVSEEK_FORCE) {
	case AVSEEK_SIZE: return (int64_t)m->buf.len;
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)m->pos; break;
	case SEEK_END: base = (int64_t)m->buf.len; break;
	default: return AVERROR(EINVAL);
	}
	if (base + off < 0)
		return AVERROR(EINVAL);
	m->pos = (size_t)(base + off);
	return (int64_t)m->pos;
}

/* ---- the encoder ---- */

struct enc {
	const stk__frame_source *src;
	struct mem_writer mem;
	AVIOContext *io;
	AVFormatContext *oc;
	AVCodecContext *c;
	AVStream *st;
	struct SwsContext *sws;
	AVFrame *frame;
	AVPacket *pkt;
	int64_t *starts;            /* each frame's start, ms */
	uint32_t *ms;               /* and duration */
};

static stk_status av_fail(stk_error *err, int averr, const char *what)
{
	char msg[AV_ERROR_MAX_STRING_SIZE] = "";
	if (averr == AVERROR(ENOMEM))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	av_strerror(averr, msg, sizeof msg);
	return stk__fail(err, STK_ERR_IO, "WEBM: %s (%s)", what, msg);
}

/* Every frame's start and duration (durations only: no pixels). */
static stk_status timeline(struct enc *e, uint64_t *total, stk_error *err)
{
	const stk__frame_source *src = e->src;
	e->starts = malloc(src->n * sizeof *e->starts);
	e->ms = malloc(src->n * sizeof *e->ms);
	if (!e->starts || !e->ms)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	int64_t t = 0;
	uint32_t lo = UINT32_MAX, hi = 0;
	for (uint32_t i = 0; i < src->n; i++) {
		STK_TRY(src->get(src->user, i, NULL, &e->ms[i], err));
		if (e->ms[i] == 0)
			e->ms[i] = 1; /* a block needs a time of its own */
		e->starts[i] = t;
		t += e->ms[i];
		lo = e->ms[i] < lo ? e->ms[i] : lo;
		hi = e->ms[i] > hi ? e->ms[i] : hi;
		if (hi - lo > 1)
			return stk__fail(err, STK_ERR_INVALID_ARG, "WEBM: frame %u lasts %u ms where "
			                 "others last %u ms; a WEBM's frames need one duration "
			                 "(repeat frames on a common step first)", i, e->ms[i],
			                 e->ms[i] == hi ? lo : hi);
	}
	*total = (uint64_t)t;
	return STK_OK;
}

static stk_status open_codec(struct enc *e, const stk__webm_params *p, uint64_t total,
                             stk_error *err)
{
	const AVCodec *codec = avcodec_find_encoder_by_name("libvpx-vp9");
	if (!codec)
		return stk__fail(err, STK_ERR_UNSUPPORTED, "WEBM: this FFmpeg has no libvpx-vp9 "
		                 "encoder");
	e->c = avcodec_alloc_context3(codec);
	if (!e->c)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	AVCodecContext *c = e->c;
	c->width = (int)e->src->w;
	c->height = (int)e->src->h;
	c->pix_fmt = AV_PIX_FMT_YUVA420P;
	c->time_base = (AVRational){ 1, 1000 };
	c->framerate = av_make_q((int)e->src->n * 1000, total ? (int)total : 1);
	c->gop_size = (int)e->src->n + 1;      /* one keyframe: a sticker is short */
	c->bit_rate = 0;                       /* with crf: constant quality */
	c->thread_count = 1;                   /* the same bytes on every machine */
	c->flags |= AV_CODEC_FLAG_BITEXACT;
	c->color_range = AVCOL_RANGE_MPEG;
	c->colorspace = AVCOL_SPC_SMPTE170M;
	c->color_primaries = AVCOL_PRI_SMPTE170M;
	c->color_trc = AVCOL_TRC_SMPTE170M;
	if (e->oc->oformat->flags & AVFMT_GLOBALHEADER)
		c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	AVDictionary *o = NULL;
	av_dict_set_int(&o, "crf", p->crf, 0);
	av_dict_set(&o, "deadline", "good", 0);
	av_dict_set_int(&o, "cpu-used", p->speed, 0);
	av_dict_set_int(&o, "row-mt", 0, 0);
	av_dict_set_int(&o, "tile-columns", 0, 0);
	/* No look-ahead: with yuva420p no alt-ref frames are made here, so the
	 * 25 frames libvpx would queue cost ~50 MB a conversion and change no
	 * byte (the same files on the corpus clips). */
	av_dict_set_int(&o, "lag-in-frames", 0, 0);
	int r = avcodec_open2(c, codec, &o);
	av_dict_free(&o);
	if (r < 0)
		return av_fail(err, r, "cannot open the VP9 encoder");
	return STK_OK;
}

static stk_status open_muxer(struct enc *e, uint64_t total, stk_error *err)
{
	int r = avformat_alloc_output_context2(&e->oc, NULL, "webm", NULL);
	if (r < 0 || !e->oc)
		return av_fail(err, r, "cannot make a WEBM muxer");
	e->oc->flags |= AVFMT_FLAG_BITEXACT;
	uint8_t *buf = av_malloc(IO_BUFFER);
	if (buf)
		e->io = avio_alloc_context(buf, IO_BUFFER, 1, &e->mem, NULL, mem_write, mem_seek);
	if (!e->io) {
		av_free(buf);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	e->oc->pb = e->io;
	e->st = avformat_new_stream(e->oc, NULL);
	if (!e->st)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	(void)total;
	return STK_OK;
}

static stk_status start(struct enc *e, uint64_t total, stk_error *err)
{
	e->st->time_base = e->c->time_base;
	/* the average rate: the muxer writes it as the track's DefaultDuration */
	e->st->avg_frame_rate = e->c->framerate;
	int r = avcodec_parameters_from_context(e->st->codecpar, e->c);
	if (r >= 0)
		r = avformat_write_header(e->oc, NULL);
	if (r < 0)
		return av_fail(err, r, "cannot write the WEBM header");
	e->frame = av_frame_alloc();
	e->pkt = av_packet_alloc();
	if (!e->frame || !e->pkt)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	e->frame->format = AV_PIX_FMT_YUVA420P;
	e->frame->width = e->c->width;
	e->frame->height = e->c->height;
	r = av_frame_get_buffer(e->frame, 0);
	if (r < 0)
		return av_fail(err, r, "cannot allocate a frame");
	e->sws = sws_getContext(e->c->width, e->c->height, AV_PIX_FMT_RGBA, e->c->width,
	                        e->c->height, AV_PIX_FMT_YUVA420P,
	                        SWS_BICUBIC | SWS_ACCURATE_RND | SWS_BITEXACT, NULL, NULL, NULL);
	if (!e->sws)
		return stk__fail(err, STK_ERR_INTERNAL, "WEBM: no RGBA to yuva420p conversion");
	(void)total;
	return STK_OK;
}

/* The duration of the frame starting at pts (the packets come in order). */
static int64_t duration_at(const struct enc *e, int64_t pts)
{
	uint32_t lo = 0, hi = e->src->n;
	while (hi - lo > 1) {
		uint32_t mid = (lo + hi) / 2;
		if (e->starts[mid] <= pts)
			lo = mid;
		else
			hi = mid;
	}
	return e->ms[lo];
}

static stk_status drain(struct enc *e, stk_error *err)
{
	for (;;) {
		int r = avcodec_receive_packet(e->c, e->pkt);
		if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
			return STK_OK;
		if (r < 0)
			return av_fail(err, r, "VP9 encoding failed");
		e->pkt->duration = duration_at(e, e->pkt->pts);
		av_packet_rescale_ts(e->pkt, e->c->time_base, e->st->time_base);
		e->pkt->stream_index = e->st->index;
		r = av_interleaved_write_frame(e->oc, e->pkt);
		av_packet_unref(e->pkt);
		if (r < 0)
			return av_fail(err, r, "cannot write a WEBM block");
	}
}

static stk_status encode_frame(struct enc *e, uint32_t i, stk_error *err)
{
	const uint8_t *rgba;
	uint32_t ms;
	STK_TRY(e->src->get(e->src->user, i, &rgba, &ms, err));
	int r = av_frame_make_writable(e->frame);
	if (r < 0)
		return av_fail(err, r, "cannot allocate a frame");
	const uint8_t *in[4] = { rgba, NULL, NULL, NULL };
	int stride[4] = { (int)e->src->w * 4, 0, 0, 0 };
	sws_scale(e->sws, in, stride, 0, (int)e->src->h, e->frame->data, e->frame->linesize);
	e->frame->pts = e->starts[i];
	e->frame->pict_type = i == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
	r = avcodec_send_frame(e->c, e->frame);
	if (r < 0)
		return av_fail(err, r, "VP9 encoding failed");
	return drain(e, err);
}

static stk_status finish(struct enc *e, stk_error *err)
{
	int r = avcodec_send_frame(e->c, NULL);
	if (r < 0)
		return av_fail(err, r, "VP9 encoding failed");
	STK_TRY(drain(e, err));
	r = av_write_trailer(e->oc);
	if (r >= 0)
		avio_flush(e->io);
	if (r < 0 || e->mem.failed)
		return e->mem.failed ? stk__fail(err, STK_ERR_NOMEM, "out of memory")
		                     : av_fail(err, r, "cannot finish the WEBM");
	return STK_OK;
}

static void enc_close(struct enc *e)
{
	sws_freeContext(e->sws);
	av_frame_free(&e->frame);
	av_packet_free(&e->pkt);
	avcodec_free_context(&e->c);
	if (e->oc)
		avformat_free_context(e->oc);
	if (e->io) {
		av_freep(&e->io->buffer);
		avio_context_free(&e->io);
	}
	free(e->starts);
	free(e->ms);
}

stk_status stk__webm_encode_frames(const stk__frame_source *src, const stk__webm_params *p,
                                   stk_buf *out, stk_error *err)
{
	struct enc e;
	uint64_t total = 0;
	memset(&e, 0, sizeof e);
	e.src = src;
	out->data = NULL;
	out->len = 0;
	if (src->n == 0 || src->w == 0 || src->h == 0)
		return stk__fail(err, STK_ERR_INVALID_ARG, "WEBM: nothing to encode");
	if (src->w > 16384 || src->h > 16384)
		return stk__fail(err, STK_ERR_INVALID_ARG, "WEBM: %ux%u is larger than VP9 takes",
		                 src->w, src->h);
	stk__av_quiet();
	stk_status s = timeline(&e, &total, err);
	if (s == STK_OK)
		s = open_muxer(&e, total, err);
	if (s == STK_OK)
		s = open_codec(&e, p, total, err);
	if (s == STK_OK)
		s = start(&e, total, err);
	for (uint32_t i = 0; s == STK_OK && i < src->n; i++)
		s = encode_frame(&e, i, err);
	if (s == STK_OK)
		s = finish(&e, err);
	if (s == STK_OK) {
		*out = e.mem.buf;
		e.mem.buf.data = NULL;
	}
	stk_buf_release(&e.mem.buf);
	enc_close(&e);
	return s;
}

/* ---- stk_image_encode() ---- */

/* An image's frames on one step: output frame k shows the source frame
 * whose time span holds k * step. */
struct image_frames {
	const stk_image *img;
	uint32_t step;          /* ms; a still: a 1 s loop; 0: the durations are
	                           even (within 1 ms) and kept */
	uint32_t *ends;         /* source frame i ends at output frame ends[i] */
};

#define MAX_STEPS 20000     /* output frames at most, holds repeated */

static uint32_t duration_of(const stk_image *img, uint32_t i)
{
	uint32_t ms = stk_image_frame_duration(img, i);
	return ms ? ms : 1; /* a block needs a time of its own */
}

/* The common step of the durations and where each source frame ends. */
static stk_status image_steps(struct image_frames *f, uint32_t *steps, stk_error *err)
{
	uint32_t n = stk_image_frame_count(f->img);
	uint32_t lo = UINT32_MAX, hi = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t ms = duration_of(f->img, i);
		lo = ms < lo ? ms : lo;
		hi = ms > hi ? ms : hi;
	}
	f->step = n == 1 ? 1000 : 0;
	for (uint32_t i = 0; n > 1 && hi - lo > 1 && i < n; i++)
		f->step = (uint32_t)stk__gcd(duration_of(f->img, i), f->step);
	if (!(f->ends = malloc(n * sizeof *f->ends)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	uint64_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		k += f->step ? duration_of(f->img, i) / f->step : 1; /* step 0: as they are */
		if (k > MAX_STEPS)
			return stk__fail(err, STK_ERR_LIMIT, "WEBM: the durations share a step of %u ms, "
			                 "which takes over %d frames (give the frames one duration)",
			                 f->step, MAX_STEPS);
		f->ends[i] = (uint32_t)k;
	}
	*steps = (uint32_t)k;
	return STK_OK;
}

static stk_status image_frame(void *user, uint32_t k, const uint8_t **rgba, uint32_t *ms,
                              stk_error *err)
{
	const struct image_frames *f = user;
	uint32_t lo = 0, hi = stk_image_frame_count(f->img) - 1;
	(void)err;
	while (lo < hi) { /* the first frame ending after k */
		uint32_t mid = lo + (hi - lo) / 2;
		if (f->ends[mid] > k)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (rgba)
		*rgba = stk_image_frame_rgba_const(f->img, lo);
	*ms = f->step ? f->step : duration_of(f->img, lo);
	return STK_OK;
}

stk_status stk__webm_encode(const stk_image *img, const stk_encode_options *opt,
                            stk_buf *out, stk_error *err)
{
	struct image_frames f = { img, 0, NULL };
	uint32_t steps = 0;
	stk_status st = image_steps(&f, &steps, err);
	if (st != STK_OK) {
		free(f.ends);
		return st;
	}
	stk__frame_source src = { stk_image_width(img), stk_image_height(img),
	                          steps, 0, &f, image_frame, NULL, NULL };
	stk__webm_params p = { stk__webm_crf_of(opt->quality), opt->method >= 0 &&
	                       opt->method <= 6 ? 6 - opt->method / 2 : 4 };
	st = stk__webm_encode_frames(&src, &p, out, err);
	free(f.ends);
	return st;
}
