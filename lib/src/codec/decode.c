/* decode.c - format sniffing, shared limits and the decoder framework. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "stk_limits.h"

void stk_decode_options_init(stk_decode_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->max_pixels = STK_DEFAULT_MAX_PIXELS;
	opt->max_frames = STK_DEFAULT_MAX_FRAMES;
	opt->max_total_bytes = STK_DEFAULT_MAX_TOTAL_BYTES;
	opt->max_input_bytes = STK_DEFAULT_MAX_INPUT_BYTES;
	opt->max_held_bytes = STK_DEFAULT_MAX_HELD_BYTES;
	opt->max_entries = STK_DEFAULT_MAX_ENTRIES;
	opt->folder_fps = 0;
}

stk_format stk_format_sniff(const uint8_t *d, size_t len)
{
	static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	if (len >= 8 && memcmp(d, png_sig, 8) == 0)
		return STK_FORMAT_PNG;
	if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
		return STK_FORMAT_GIF;
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return STK_FORMAT_WEBP;
	if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return STK_FORMAT_JPEG;
	if (len >= 2 && d[0] == 0x1f && d[1] == 0x8b)
		return STK_FORMAT_TGS;           /* gzip: the only gzip we read is TGS */
	if (len >= 4 && memcmp(d, "\x1a\x45\xdf\xa3", 4) == 0)
		return STK_FORMAT_WEBM;          /* EBML: WEBM or Matroska */
	if (len >= 12 && memcmp(d + 4, "ftyp", 4) == 0)
		return memcmp(d + 8, "qt  ", 4) == 0 ? STK_FORMAT_MOV : STK_FORMAT_MP4;
	size_t i = 0;
	while (i < len && i < 64 && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
		i++;
	if (i < len && d[i] == '{')
		return STK_FORMAT_LOTTIE;        /* JSON: the only JSON image is Lottie */
	return STK_FORMAT_UNKNOWN;
}

/* ---- the framework format decoders call ---- */

stk_status stk__dec_canvas(stk__decoder *d, uint32_t w, uint32_t h, stk_error *err)
{
	if (d->img)
		return stk__fail(err, STK_ERR_INTERNAL, "canvas set twice");
	if (w == 0 || h == 0)
		return stk__fail(err, STK_ERR_CORRUPT, "image size %ux%u has no pixels", w, h);
	if ((uint64_t)w * h > d->opt->max_pixels)
		return stk__fail(err, STK_ERR_LIMIT,
		                 "image is %ux%u (%.1f megapixels), over the limit of %.1f "
		                 "megapixels (see --max-pixels)", w, h, (double)w * h / 1e6,
		                 (double)d->opt->max_pixels / 1e6);
	return stk_image_new(w, h, &d->img, err);
}

stk_status stk__dec_check_frame_count(stk__decoder *d, uint64_t declared, stk_error *err)
{
	if (declared > d->opt->max_frames)
		return stk__fail(err, STK_ERR_LIMIT, "%llu frames declared, over the limit of %u",
		                 (unsigned long long)declared, d->opt->max_frames);
	return STK_OK;
}

static stk_status check_emit(stk__decoder *d, const uint8_t *rgba, size_t *bytes,
                             stk_error *err)
{
	if (!d->img)
		return stk__fail(err, STK_ERR_INTERNAL, "frame before canvas");
	uint32_t w = stk_image_width(d->img), h = stk_image_height(d->img);
	if (d->frames_emitted >= d->opt->max_frames)
		return stk__fail(err, STK_ERR_LIMIT, "more than %u frames", d->opt->max_frames);
	stk__rgba_size(w, h, bytes);
	stk_alpha a = stk__alpha_of(rgba, (size_t)w * h);
	if (a > d->src.alpha)
		d->src.alpha = a;
	return STK_OK;
}

static uint64_t held_limit(const stk__decoder *d)
{
	return d->opt->max_held_bytes ? d->opt->max_held_bytes : STK_DEFAULT_MAX_HELD_BYTES;
}

uint64_t stk__decoded_limit(const stk__decoder *d)
{
	uint64_t floor = d->opt->max_total_bytes, n = d->src.bytes;
	uint64_t scaled = n > UINT64_MAX / STK_LIMIT_DECODED_PER_BYTE
	                  ? UINT64_MAX : n * STK_LIMIT_DECODED_PER_BYTE;
	return scaled > floor ? scaled : floor;
}

/* Two limits, one on memory and one on work.  What is held at once: the
 * frames kept so far plus two frames, the decoder's canvas and the frame
 * handed on (a streamed decode keeps none, so only those two count), within
 * max_held_bytes; a frame bomb kept in memory stops there.  What is made in
 * all, kept or streamed: every frame counts against the larger of
 * max_total_bytes and STK_LIMIT_DECODED_PER_BYTE times the input's bytes,
 * so a long clip decodes whatever its length while a frame bomb (a huge
 * canvas, thousands of tiny frames, a few kilobytes) stops after a second
 * or so of work. */
static stk_status check_kept(stk__decoder *d, size_t bytes, stk_error *err)
{
	uint64_t limit = stk__decoded_limit(d);
	if (d->bytes_decoded + bytes > limit)
		return stk__fail(err, STK_ERR_LIMIT, "decoded frames exceed %llu MiB in all, the "
		                 "larger of --max-decoded and %u times the input's size (see "
		                 "--max-decoded)", (unsigned long long)(limit >> 20),
		                 STK_LIMIT_DECODED_PER_BYTE);
	if (d->bytes_kept + 2 * (uint64_t)bytes > held_limit(d))
		return stk__fail(err, STK_ERR_LIMIT, "frames held in memory would exceed %llu MiB "
		                 "at frame %u (see --max-memory)",
		                 (unsigned long long)(held_limit(d) >> 20), d->frames_emitted + 1);
	d->bytes_decoded += bytes;
	if (!d->fn)
		d->bytes_kept += bytes;
	return STK_OK;
}

/* The keyframe flag of the frame being emitted (a decoder that knows says
 * so in d->not_keyframe just before), reset for the next. */
static bool take_keyframe(stk__decoder *d)
{
	bool key = !d->not_keyframe;
	d->not_keyframe = false;
	return key;
}

stk_status stk__dec_emit(stk__decoder *d, const uint8_t *rgba, uint32_t duration_ms,
                         stk_error *err)
{
	size_t bytes;
	STK_TRY(check_emit(d, rgba, &bytes, err));
	STK_TRY(check_kept(d, bytes, err));
	uint32_t index = d->frames_emitted++;
	bool key = take_keyframe(d);
	if (d->fn) {
		STK_TRY(stk__image_note_frame(d->img, duration_ms, key, err));
		return d->fn(d->user, d->img, index, rgba, duration_ms, err);
	}
	STK_TRY(stk_image_add_frame(d->img, rgba, 0, duration_ms, err));
	stk__image_set_keyframe(d->img, index, key);
	return STK_OK;
}

stk_status stk__dec_emit_take(stk__decoder *d, uint8_t *rgba, uint32_t duration_ms,
                              stk_error *err)
{
	size_t bytes;
	stk_status s;
	if (d->fn) {
		s = stk__dec_emit(d, rgba, duration_ms, err);
		free(rgba);
		return s;
	}
	s = check_emit(d, rgba, &bytes, err);
	if (s == STK_OK)
		s = check_kept(d, bytes, err);
	if (s != STK_OK) {
		free(rgba);
		return s;
	}
	uint32_t index = d->frames_emitted++;
	bool key = take_keyframe(d);
	STK_TRY(stk_image_add_frame_take(d->img, rgba, duration_ms, err));
	stk__image_set_keyframe(d->img, index, key);
	return STK_OK;
}

/* ---- public entry points ---- */

static stk_status run_decoder(stk__decoder *d, const uint8_t *data, size_t len,
                              stk_error *err)
{
	if (len > d->opt->max_input_bytes)
		return stk__fail(err, STK_ERR_LIMIT, "file is %zu bytes, over the limit of %llu",
		                 len, (unsigned long long)d->opt->max_input_bytes);
	d->src.bytes = len;
	switch (stk_format_sniff(data, len)) {
	case STK_FORMAT_PNG:  return stk__png_decode(d, data, len, err);
	case STK_FORMAT_GIF:  return stk__gif_decode(d, data, len, err);
	case STK_FORMAT_WEBP: return stk__webp_decode(d, data, len, err);
	case STK_FORMAT_JPEG: return stk__jpeg_decode(d, data, len, err);
	case STK_FORMAT_TGS:  return stk__tgs_decode(d, data, len, err);
	case STK_FORMAT_LOTTIE: return stk__lottie_decode(d, data, len, err);
	case STK_FORMAT_WEBM:
	case STK_FORMAT_MP4:
	case STK_FORMAT_MOV:
		return stk__video_decode(d, stk_format_sniff(data, len), data, len, err);
	default: break;
	}
	if (len == 0)
		return stk__fail(err, STK_ERR_FORMAT, "empty file (0 bytes)");
	return stk__fail(err, STK_ERR_FORMAT,
	                 "not an image we read (not PNG, APNG, GIF, WebP, JPEG, Lottie, TGS, "
	                 "WEBM, MP4 or MOV by its first bytes)");
}

/* Runs a decoder, then settles the result: frames present, source copied. */
static stk_status finish(stk__decoder *d, stk_status s, stk_image **out, stk_error *err)
{
	if (s == STK_OK && (!d->img || d->frames_emitted == 0))
		s = stk__fail(err, STK_ERR_CORRUPT, "no image data");
	if (s != STK_OK) {
		stk_image_free(d->img);
		return s;
	}
	d->src.declared_frames = d->src.declared_frames ? d->src.declared_frames
	                                                : d->frames_emitted;
	stk_image_set_source(d->img, &d->src);
	*out = d->img;
	return STK_OK;
}

static void decoder_init(stk__decoder *d, const stk_decode_options *opt,
                         stk_decode_options *defaults, stk_frame_fn fn, void *user)
{
	if (!opt) {
		stk_decode_options_init(defaults);
		opt = defaults;
	}
	memset(d, 0, sizeof *d);
	d->opt = opt;
	d->fn = fn;
	d->user = user;
}

stk_status stk_image_decode_frames(const uint8_t *data, size_t len,
                                   const stk_decode_options *opt, stk_frame_fn fn,
                                   void *user, stk_image **out, stk_error *err)
{
	stk__decoder d;
	stk_decode_options defaults;
	*out = NULL;
	decoder_init(&d, opt, &defaults, fn, user);
	return finish(&d, run_decoder(&d, data, len, err), out, err);
}

stk_status stk_image_decode(const uint8_t *data, size_t len, const stk_decode_options *opt,
                            stk_image **out, stk_error *err)
{
	return stk_image_decode_frames(data, len, opt, NULL, NULL, out, err);
}

stk_status stk_image_load_frames(const char *path, const stk_decode_options *opt,
                                 stk_frame_fn fn, void *user, stk_image **out,
                                 stk_error *err)
{
	stk__decoder d;
	stk_decode_options defaults;
	struct stat st;
	stk_status s;

	*out = NULL;
	decoder_init(&d, opt, &defaults, fn, user);
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		s = finish(&d, stk__folder_decode(&d, path, err), out, err);
	} else {
		stk_buf buf = { 0 };
		s = stk_read_file(path, d.opt->max_input_bytes, &buf, err);
		if (s == STK_OK)
			s = finish(&d, run_decoder(&d, buf.data, buf.len, err), out, err);
		stk_buf_release(&buf);
	}
	if (s != STK_OK)
		stk__error_set_file(err, path);
	return s;
}

stk_status stk_image_load(const char *path, const stk_decode_options *opt, stk_image **out,
                          stk_error *err)
{
	return stk_image_load_frames(path, opt, NULL, NULL, out, err);
}
