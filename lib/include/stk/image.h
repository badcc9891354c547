/*
 * stk/image.h - the image model.
 *
 * An stk_image is a canvas (width x height) and zero or more frames.  Every
 * frame is a full-canvas, straight-alpha RGBA8 buffer (rows of width*4
 * bytes, no padding) with a duration in milliseconds: decoders composite
 * animation frames (disposal and blending applied), so later stages never
 * see partial frames.  The image also carries the play count and what the
 * source file was (stk_source_info) and its EXIF/XMP/ICC metadata.
 *
 * Ownership: stk_image_new()/stk_image_decode() hand the caller an image to
 * release with stk_image_free().  Pointers returned by getters are borrowed
 * and valid until the image is freed or changed.
 */
#ifndef STK_IMAGE_H
#define STK_IMAGE_H

#include "stk/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stk_image stk_image;

typedef enum stk_format {
	STK_FORMAT_UNKNOWN = 0,
	STK_FORMAT_PNG,
	STK_FORMAT_APNG,
	STK_FORMAT_GIF,
	STK_FORMAT_WEBP,
	STK_FORMAT_JPEG,
	STK_FORMAT_FRAMES_FOLDER,
	STK_FORMAT_LOTTIE,     /* Lottie JSON (rendered with rlottie) */
	STK_FORMAT_TGS,        /* Telegram animated sticker: gzipped Lottie */
	STK_FORMAT_WEBM,       /* WEBM / Matroska video */
	STK_FORMAT_MP4,        /* ISO media: MP4, M4V */
	STK_FORMAT_MOV,        /* QuickTime */
} stk_format;

typedef enum stk_alpha {
	STK_ALPHA_NONE = 0,    /* every pixel opaque */
	STK_ALPHA_BINARY,      /* only fully opaque and fully transparent */
	STK_ALPHA_PARTIAL,     /* some pixels partly transparent */
} stk_alpha;

typedef enum stk_color_type {
	STK_COLOR_UNKNOWN = 0,
	STK_COLOR_GRAY,
	STK_COLOR_GRAY_ALPHA,
	STK_COLOR_RGB,
	STK_COLOR_RGBA,
	STK_COLOR_PALETTE,
	STK_COLOR_YCBCR,
	STK_COLOR_CMYK,
} stk_color_type;

typedef enum stk_webp_kind {
	STK_WEBP_NONE = 0,     /* not a WebP */
	STK_WEBP_LOSSY,
	STK_WEBP_LOSSLESS,
	STK_WEBP_MIXED,        /* animation with lossy and lossless frames */
} stk_webp_kind;

typedef enum stk_meta_kind {
	STK_META_EXIF = 0,
	STK_META_XMP,
	STK_META_ICC,
	STK_META_COUNT
} stk_meta_kind;

/* Facts about the file an image was decoded from. */
typedef struct stk_source_info {
	stk_format format;
	uint64_t bytes;             /* size of the encoded input */
	stk_color_type color_type;
	int bit_depth;              /* bits per sample in the source */
	bool interlaced;            /* PNG Adam7, GIF interlace, progressive JPEG */
	bool has_gamma;             /* PNG gAMA / sRGB chunk */
	bool icc_converted;         /* a non-sRGB ICC profile was converted to sRGB */
	stk_alpha alpha;            /* of the decoded pixels, over all frames */
	stk_webp_kind webp_kind;
	uint32_t webp_keyframes;    /* frames decodable on their own (WebP) */
	uint32_t declared_frames;   /* frame count the container declares */
	char codec[24];             /* video and Lottie sources: "h264", "vp9",
	                               "lottie", ...; "" for images */
	bool has_audio;             /* videos: an audio stream (ignored) */
	double fps;                 /* videos and Lottie: the declared frame rate, 0 unknown */
} stk_source_info;

/* Creates an image with a canvas and no frames. */
STK_API STK_NODISCARD stk_status stk_image_new(uint32_t width, uint32_t height,
                                               stk_image **out, stk_error *err);
/* Accepts NULL. */
STK_API void stk_image_free(stk_image *img);

STK_API uint32_t stk_image_width(const stk_image *img);
STK_API uint32_t stk_image_height(const stk_image *img);
STK_API uint32_t stk_image_frame_count(const stk_image *img);

/* Play count: 0 = forever, N = played N times in all. */
STK_API uint32_t stk_image_plays(const stk_image *img);
STK_API void stk_image_set_plays(stk_image *img, uint32_t plays);

/* Appends a frame.  `rgba` is width*height*4 bytes with rows `stride` bytes
 * apart (0 means width*4); NULL adds a fully transparent frame. */
STK_API STK_NODISCARD stk_status stk_image_add_frame(stk_image *img,
	const uint8_t *rgba, size_t stride, uint32_t duration_ms, stk_error *err);

/* Appends a frame and hands its pixel buffer to the image: `rgba` must come
 * from malloc() and hold width*height*4 bytes.  On failure it is freed. */
STK_API STK_NODISCARD stk_status stk_image_add_frame_take(stk_image *img,
	uint8_t *rgba, uint32_t duration_ms, stk_error *err);

/* Frame pixels (width*4 bytes per row), or NULL when i is out of range. */
STK_API uint8_t *stk_image_frame_rgba(stk_image *img, uint32_t i);
STK_API const uint8_t *stk_image_frame_rgba_const(const stk_image *img, uint32_t i);

STK_API uint32_t stk_image_frame_duration(const stk_image *img, uint32_t i);
STK_API void stk_image_set_frame_duration(stk_image *img, uint32_t i, uint32_t ms);
/* Sum of all frame durations. */
STK_API uint64_t stk_image_duration(const stk_image *img);

/* WebP sources: whether frame i was a keyframe in the file. */
STK_API bool stk_image_frame_is_keyframe(const stk_image *img, uint32_t i);

/* What the source was; never NULL (zeroed for a new image). */
STK_API const stk_source_info *stk_image_source(const stk_image *img);
STK_API void stk_image_set_source(stk_image *img, const stk_source_info *src);

/* Alpha kind of the current pixels over all frames (computed). */
STK_API stk_alpha stk_image_alpha(const stk_image *img);

/* Metadata blobs.  get returns false when absent. set copies the bytes;
 * len 0 removes the blob. */
STK_API bool stk_image_metadata(const stk_image *img, stk_meta_kind kind,
                                const uint8_t **data, size_t *len);
STK_API STK_NODISCARD stk_status stk_image_set_metadata(stk_image *img,
	stk_meta_kind kind, const uint8_t *data, size_t len, stk_error *err);

/* Deep copy (frames, source facts, metadata). */
STK_API STK_NODISCARD stk_status stk_image_clone(const stk_image *img,
                                                 stk_image **out, stk_error *err);

/* "png", "apng", "gif", "webp", "jpeg", "frames-folder", "lottie", "tgs",
 * "webm", "mp4", "mov", "unknown". */
STK_API const char *stk_format_name(stk_format f);
/* "none", "binary", "partial". */
STK_API const char *stk_alpha_name(stk_alpha a);
/* "gray", "gray+alpha", "rgb", "rgba", "palette", "ycbcr", "cmyk", "unknown". */
STK_API const char *stk_color_type_name(stk_color_type c);
/* "lossy", "lossless", "mixed", or NULL for STK_WEBP_NONE. */
STK_API const char *stk_webp_kind_name(stk_webp_kind k);

#ifdef __cplusplus
}
#endif
#endif
