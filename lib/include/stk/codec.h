/*
 * stk/codec.h - reading and writing artwork.
 *
 * Decoders work from memory and pick the format by its magic bytes, never
 * by the file name.  All of them share the limits in stk_decode_options, so
 * a hostile header (100000x100000, a 400-megapixel 1-bit bomb, a million
 * frames) is refused before any large allocation, and a frame bomb (a huge
 * canvas with thousands of tiny frames) when what is held at once, or what
 * has been decoded in all, reaches its cap.  stickerkit(1) LIMITS lists
 * every limit and the option that raises it.
 *
 * Streaming: stk_image_decode_frames() hands composited frames one at a
 * time to a callback instead of keeping them, so a caller that resizes or
 * encodes as it goes holds one source frame at a time.
 *
 * Encoders write to memory (stk_buf); stk_write_file_atomic() puts bytes
 * on disk through a temporary file in the same directory and a rename, so
 * an output is either complete or absent.
 */
#ifndef STK_CODEC_H
#define STK_CODEC_H

#include "stk/image.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STK_DEFAULT_MAX_PIXELS      (8192ull * 8192ull)
#define STK_DEFAULT_MAX_FRAMES      10000u
#define STK_DEFAULT_MAX_TOTAL_BYTES (1ull << 30)
#define STK_DEFAULT_MAX_HELD_BYTES  (512ull << 20)
#define STK_DEFAULT_MAX_INPUT_BYTES (512ull << 20)
#define STK_DEFAULT_MAX_ENTRIES     100000u
#define STK_DEFAULT_FOLDER_FPS      24.0

typedef struct stk_decode_options {
	uint64_t max_pixels;       /* per frame (canvas width * height) */
	uint32_t max_frames;
	uint64_t max_total_bytes;  /* decoded RGBA bytes over all frames, kept or streamed,
	                            * or 4096 times the input's bytes when more (bounds
	                            * the work of a decode, not its memory) */
	uint64_t max_input_bytes;  /* encoded input size */
	double folder_fps;         /* frames folder timing when no timing.json; 0 = default */
	bool keep_color_space;     /* do not convert non-sRGB ICC profiles to sRGB */
	uint64_t max_held_bytes;   /* RGBA held at once: kept frames plus two (the canvas,
	                            * the frame handed on), streamed too; 0 = default */
	uint32_t max_entries;      /* files in a folder, packs or stickers listed; 0 = default */
	uint32_t padding[3];
} stk_decode_options;

STK_API void stk_decode_options_init(stk_decode_options *opt);

/* Sniffs the format from the first bytes (PNG is reported as PNG even
 * when it turns out to be an APNG). */
STK_API stk_format stk_format_sniff(const uint8_t *data, size_t len);

/* Decodes a whole file held in memory. */
STK_API STK_NODISCARD stk_status stk_image_decode(const uint8_t *data, size_t len,
	const stk_decode_options *opt, stk_image **out, stk_error *err);

/* Called once per composited frame, in order.  `rgba` is the full canvas
 * (width*4 bytes a row) and only valid during the call.  `index` is the
 * frame number.  Returning non-STK_OK stops decoding with that status. */
typedef stk_status (*stk_frame_fn)(void *user, const stk_image *header,
	uint32_t index, const uint8_t *rgba, uint32_t duration_ms, stk_error *err);

/* Decodes like stk_image_decode() but gives each frame to `fn` instead of
 * keeping it.  *header_out receives the image with canvas, plays, source
 * facts and metadata and no frames. */
STK_API STK_NODISCARD stk_status stk_image_decode_frames(const uint8_t *data,
	size_t len, const stk_decode_options *opt, stk_frame_fn fn, void *user,
	stk_image **header_out, stk_error *err);

/* Reads a file ("-" for standard input) or a folder of numbered PNG frames
 * and decodes it.  Errors name the path in err->file. */
STK_API STK_NODISCARD stk_status stk_image_load(const char *path,
	const stk_decode_options *opt, stk_image **out, stk_error *err);

/* stk_image_load() with a frame callback, as stk_image_decode_frames(). */
STK_API STK_NODISCARD stk_status stk_image_load_frames(const char *path,
	const stk_decode_options *opt, stk_frame_fn fn, void *user,
	stk_image **header_out, stk_error *err);

/* Reads a file, "-" or a frames folder as stk_image_load() does but keeps
 * no frame: the image it gives has the canvas, plays, source facts and
 * metadata and no frames (stk_image_frame_count() is 0), and knows each
 * frame's duration and keyframe flag, so stk_info_json() and
 * stk_info_text() describe it as fully as the decoded image, in the memory
 * of one or two frames whatever the frame count.  A header from
 * stk_image_decode_frames() or stk_image_load_frames() knows as much. */
STK_API STK_NODISCARD stk_status stk_image_load_header(const char *path,
	const stk_decode_options *opt, stk_image **out, stk_error *err);

/* ---- encoding ---- */

typedef struct stk_encode_options {
	stk_format format;    /* PNG (APNG when more than one frame), APNG, GIF, WEBP,
	                         WEBM (VP9 with alpha; quality 100 - crf * 100 / 63,
	                         method as the speed; a still is a 1 s loop) */
	bool lossless;        /* WebP: lossless VP8L */
	float quality;        /* WebP lossy quality, or lossless effort, 0..100 */
	int method;           /* WebP method 0..6 */
	float alpha_quality;  /* WebP alpha plane quality 0..100 */
	int png_palette;      /* PNG: -1 palette when it is lossless (<= 256 RGBA
	                         colours), 0 never, 1 quantize to a palette */
	int max_colors;       /* GIF / PNG palette quantization, 2..256 */
	bool keep_metadata;   /* write the image's EXIF/XMP/ICC where the format can */
	bool webp_all_keyframes; /* animated WebP: every frame a keyframe */
	bool webp_sharp_yuv;  /* lossy WebP: slower, sharper RGB to YUV conversion */
	uint32_t padding[4];
} stk_encode_options;

STK_API void stk_encode_options_init(stk_encode_options *opt);

/* Encodes an image to memory.  On success out holds the file's bytes. */
STK_API STK_NODISCARD stk_status stk_image_encode(const stk_image *img,
	const stk_encode_options *opt, stk_buf *out, stk_error *err);

/* Picks an output format from a file name's extension (.png .apng .gif
 * .webp .webm); STK_FORMAT_UNKNOWN when there is none we write. */
STK_API stk_format stk_format_from_path(const char *path);

/* ---- files ---- */

/* Reads a whole file ("-" for stdin), refusing more than max_bytes. */
STK_API STK_NODISCARD stk_status stk_read_file(const char *path, uint64_t max_bytes,
	stk_buf *out, stk_error *err);

/* Writes bytes to path through a temporary file and rename ("-" writes to
 * standard output). */
STK_API STK_NODISCARD stk_status stk_write_file_atomic(const char *path,
	const void *data, size_t len, stk_error *err);

/* The same, but an existing path is left alone: STK_ERR_WRITE with
 * sys_errno EEXIST, decided atomically (the temporary file is linked into
 * place, never renamed over). */
STK_API STK_NODISCARD stk_status stk_write_file_new(const char *path,
	const void *data, size_t len, stk_error *err);

/* Whether two paths name one file: the same path, or the same device and
 * inode (a hard link, a symlink, "./x").  "-" is never a file. */
STK_API bool stk_same_file(const char *a, const char *b);

#ifdef __cplusplus
}
#endif
#endif
