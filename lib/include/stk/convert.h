/*
 * stk/convert.h - turning artwork into a sticker file under a store's
 * byte budget, at the best quality that fits.
 *
 * stk_convert_file() reads a file (or a folder of frames), streams its
 * frames through the canvas fit, normalises an animation's timing, and
 * encodes.  For WebP it tries lossless first, then a lossy quality ceiling,
 * then searches quality (and, for animations, frame rate) until the output
 * fits opt->max_bytes; every encode made is counted in the report.  Output
 * never goes over the budget: when nothing fits the call fails with
 * STK_ERR_BUDGET and the report says the smallest size reached.
 *
 * Timing rules run before any encoding and never silently: frames shorter
 * than the store's minimum are merged with the next ones (the timeline is
 * kept), and an animation longer than the maximum is handled by the
 * duration policy (fail, speed up, trim, or drop frames evenly).  What was
 * done is written in the report's `timing` text.
 *
 * Options: stk_convert_options_init() gives a plain conversion (size and
 * format kept, no budget); stk_convert_options_store() fills in a store's
 * settings ("whatsapp", "signal", "line", "discord", "kakao", "wechat").  The same input and options always give the same bytes.
 *
 * The report is a caller-owned struct; its strings are fixed arrays.
 */
#ifndef STK_CONVERT_H
#define STK_CONVERT_H

#include "stk/codec.h"
#include "stk/resize.h"
#include "stk/whatsapp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What to do with an animation longer than max_duration_ms. */
typedef enum stk_duration_policy {
	STK_DURATION_FAIL = 0,    /* refuse it (STK_ERR_LIMIT) */
	STK_DURATION_SPEEDUP,     /* play it faster: every duration scaled down */
	STK_DURATION_TRIM,        /* cut it at the limit */
	STK_DURATION_DROP_FRAMES, /* drop frames evenly, keeping the others' durations */
} stk_duration_policy;

typedef struct stk_convert_options {
	/* Output format; STK_FORMAT_UNKNOWN keeps WebP.  still_format and
	 * anim_format let a store use PNG for stills and APNG or GIF for
	 * animations; UNKNOWN means `format`. */
	stk_format format;
	stk_format still_format, anim_format;
	/* Canvas: with `fit` every frame goes through `resize` (stk/resize.h:
	 * canvas size, contain/cover, margin, trim, ...); without it the
	 * source size is kept. */
	bool fit;
	stk_resize_options resize;
	/* Byte budgets, 0 = none.  max_bytes_anim 0 = max_bytes. */
	uint64_t max_bytes, max_bytes_anim;
	/* Quality ceiling 0..100 for lossy encodes; the search never goes
	 * above it.  Default 100. */
	float quality;
	float min_quality;          /* the search floor, default 0 */
	bool allow_lossless;        /* try lossless WebP first (default true) */
	bool allow_alpha_fallback;  /* lower alpha quality when nothing else fits
	                               (default true; reported) */
	/* Animation. */
	double max_fps;             /* frame rate cap, 0 = keep the source's */
	double min_fps;             /* the frame-rate lever stops here (default 4) */
	uint32_t min_frame_ms;      /* shorter frames are merged (0 = none) */
	uint32_t max_duration_ms;   /* longer animations go to duration_policy (0 = none) */
	stk_duration_policy duration_policy;
	uint32_t min_frames, max_frames; /* frame count bounds, 0 = none (LINE: 5..20) */
	uint32_t plays;             /* play count to write; 0 = the source's */
	bool all_keyframes;         /* animated WebP: every frame a keyframe */
	bool constant_frame_duration; /* one duration for every frame: holds become
	                               repeated frames (WhatsApp: on) */
	int stabilise;              /* temporal-noise threshold in levels; -1 auto
	                               (default), 0 off */
	/* Quality gate: fail below this SSIM (0 = off). */
	double min_ssim;
	bool measure_ssim;          /* compute the report's ssim (default true) */
	/* WhatsApp sticker metadata to write (WebP only); NULL keeps a source's
	 * WhatsApp EXIF.  strip_metadata drops all metadata. */
	const stk_wa_metadata *whatsapp;
	bool strip_metadata;
	/* Palette outputs (PNG/APNG/GIF): most colours to try first. */
	int max_colors;
	uint32_t padding[8];
} stk_convert_options;

/* One encode the search made. */
typedef struct stk_convert_probe {
	float quality;
	bool lossless;
	float alpha_quality;
	int colors;                 /* palette outputs, else 0 */
	double fps;                 /* animations, else 0 */
	uint64_t bytes;
	bool whole;                 /* false: a one-frame calibration encode */
} stk_convert_probe;

#define STK_CONVERT_MAX_PROBES 32

typedef struct stk_convert_report {
	stk_format format;          /* what was written */
	uint32_t width, height;
	float quality;              /* lossy quality used (100 for lossless) */
	bool lossless;
	float alpha_quality;
	int colors;                 /* palette outputs: colours used, else 0 */
	double fps;                 /* output frames per second, 0 for a still */
	double scale;               /* art scale from source to output */
	uint32_t frames;
	uint64_t duration_ms;
	uint32_t source_frames;
	uint64_t source_duration_ms;
	uint64_t bytes;             /* output size (the smallest reached on failure) */
	uint64_t budget;            /* 0 when there was none */
	uint32_t encodes;           /* whole encodes made */
	uint32_t calibration_encodes; /* one-frame encodes made for animations */
	double ms;                  /* wall time of the conversion */
	double ssim;                /* worse of dark and light backgrounds; -1 = not measured */
	bool fits;                  /* a result within budget (and min_ssim) was found */
	char timing[256];           /* what timing normalisation did, "" if nothing */
	char notes[256];            /* fallbacks taken (alpha quality, frame rate) */
	uint32_t nprobes;
	stk_convert_probe probes[STK_CONVERT_MAX_PROBES];
} stk_convert_report;

/* Plain conversion: size and format kept, no budget, quality ceiling 100. */
STK_API void stk_convert_options_init(stk_convert_options *opt);

/* Applies a store's built-in settings (canvas, formats, budgets, timing
 * rules): "whatsapp", "signal", "line", "discord", "kakao", "wechat".  STK_ERR_INVALID_ARG for a name it does not know. */
STK_API STK_NODISCARD stk_status stk_convert_options_store(stk_convert_options *opt,
	const char *store, stk_error *err);

/* Names of the built-in store settings, for i = 0, 1, ... until NULL. */
STK_API const char *stk_convert_store_name(size_t i);

/* "fail", "speedup", "trim", "drop-frames"; and back (false if unknown). */
STK_API const char *stk_duration_policy_name(stk_duration_policy p);
STK_API bool stk_duration_policy_parse(const char *s, stk_duration_policy *out);

/*
 * Converts a file ("-" for standard input) or a folder of frames.  On
 * success out holds the bytes to write.  rep (may be NULL) is filled in
 * on success and on STK_ERR_BUDGET.
 * @return STK_ERR_BUDGET when nothing fits max_bytes (or min_ssim),
 * STK_ERR_LIMIT when the timing rules refuse the animation, the decoder's
 * status for unreadable input.
 */
STK_API STK_NODISCARD stk_status stk_convert_file(const char *path,
	const stk_decode_options *dopt, const stk_convert_options *opt,
	stk_buf *out, stk_convert_report *rep, stk_error *err);

/* The same from an image already in memory (not changed). */
STK_API STK_NODISCARD stk_status stk_convert_image(const stk_image *img,
	const stk_convert_options *opt, stk_buf *out, stk_convert_report *rep,
	stk_error *err);

/* The report as one JSON object (keys in stickerkit-convert(1)); `file`
 * and `output` are the names to report (output may be NULL). */
STK_API STK_NODISCARD stk_status stk_convert_report_json(const stk_convert_report *rep,
	const char *file, const char *output, stk_buf *out, stk_error *err);

/* The report as one line for people (plus a line each for timing and
 * notes when set), without a trailing newline. */
STK_API STK_NODISCARD stk_status stk_convert_report_text(const stk_convert_report *rep,
	const char *file, stk_buf *out, stk_error *err);

#ifdef __cplusplus
}
#endif
#endif
