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
 * format kept, no budget); stk_convert_options_profile() fills in a
 * store's settings from its profile (stk/profile.h: the rules of the roles
 * sticker, sticker.static and sticker.animated).  The same input and
 * options always give the same bytes.
 *
 * The report is a caller-owned struct; its strings are fixed arrays.
 */
#ifndef STK_CONVERT_H
#define STK_CONVERT_H

#include "stk/codec.h"
#include "stk/profile.h"
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

/* How an animation's frames are timed. */
typedef enum stk_frame_timing {
	STK_FRAME_TIMING_SOURCE = 0, /* the source's durations (after the timing rules) */
	STK_FRAME_TIMING_STEP,       /* one constant rate: every frame lasts a whole
	                                number of one step, a hold is one longer frame */
	STK_FRAME_TIMING_CONSTANT,   /* one duration for every frame: holds become
	                                repeated frames */
} stk_frame_timing;

#define STK_CONVERT_MAX_DURATIONS 16

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
	/* Animations' own canvas, when it differs from stills' (LINE: stills
	 * at most 370x320, animations at most 320x270): mode and size as in
	 * `resize`, whose other settings apply to both.  anim_width 0 = the
	 * same canvas for both. */
	stk_size_mode anim_mode;
	uint32_t anim_width, anim_height;
	/* Kinds of input refused with STK_ERR_UNSUPPORTED (a store with no
	 * format for them that we write). */
	bool no_still, no_anim;
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
	bool loop_forever;          /* write "forever" whatever the source says */
	uint32_t max_plays;         /* at most this many plays, 0 = no bound (LINE: 4);
	                               forever is more than any number */
	uint32_t max_play_time_ms;  /* plays x one play's duration at most this
	                               (0 = none); bounds the play count */
	/* One play must last one of these (LINE: 1000, 2000, 3000, 4000 ms);
	 * the timeline is scaled to the nearest.  ndurations 0 = any. */
	uint32_t durations[STK_CONVERT_MAX_DURATIONS];
	uint32_t ndurations;
	bool all_keyframes;         /* animated WebP: every frame a keyframe */
	stk_frame_timing frame_timing; /* WhatsApp: STK_FRAME_TIMING_STEP */
	uint32_t min_step_ms;       /* STK_FRAME_TIMING_STEP: the finest step where
	                               durations differ (WhatsApp: 33); 0 = 20 ms */
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
	/* TGS pass-through (Telegram): a TGS source within all of these is
	 * written as it is, not rendered (0 = no bound); one outside them is
	 * rendered and converted as any animation, and the notes say why. */
	bool keep_tgs;
	uint32_t tgs_width, tgs_height;   /* exact canvas */
	double tgs_fps[4];          /* the frame rates taken, tgs_nfps 0 = any */
	uint32_t tgs_nfps;
	double tgs_max_fps;
	uint32_t tgs_max_duration_ms, tgs_max_frames;
	uint64_t tgs_max_bytes;
	bool tgs_plain;             /* none of the Lottie features Telegram forbids */
	/* Progress: frames read, then every encode of the search (NULL = none). */
	stk_progress_fn *progress;
	void *progress_user;
	/* Every format a store takes for each kind, as bits (1u << stk_format;
	 * PNG for stills, APNG for animations); 0 = still_format/anim_format
	 * only.  With choose_format a kind with several is encoded in each
	 * and the best result is kept (fitting first, then the higher SSIM,
	 * then the smaller file); the notes say which and why. */
	uint32_t still_formats, anim_formats;
	bool choose_format;
	/* Consecutive frames that are the same after fitting (and
	 * stabilising) are merged into one held frame before the timing
	 * rules (art animated "on twos"); keep_repeats keeps them apart. */
	bool keep_repeats;
	/* Pixel art: a small source (at most 128 px a side) of at most 256
	 * colours that the canvas enlarges 4 times or more is fitted with
	 * STK_FILTER_PIXEL instead of resize.filter (default true; the notes
	 * say so).  Callers whose user named a filter turn it off. */
	bool auto_pixel;
	uint32_t padding[5];
} stk_convert_options;

/* One encode the search made. */
typedef struct stk_convert_probe {
	float quality;
	bool lossless;
	float alpha_quality;
	int colors;                 /* palette outputs, else 0 */
	double fps;                 /* animations, else 0 */
	uint64_t bytes;
	bool whole;                 /* false: a calibration encode (one frame, a
	                               clip or a sample of the frames) */
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
	bool fitted;                /* the art was fitted to the store's canvas */
	stk_filter filter;          /* the filter that fitted it (STK_FILTER_PIXEL:
	                             * pixel art enlarged by a whole number) */
	uint32_t frames;
	uint64_t duration_ms;
	uint32_t source_frames;
	uint64_t source_duration_ms;
	uint64_t bytes;             /* output size (the smallest reached on failure) */
	uint64_t budget;            /* 0 when there was none */
	uint32_t encodes;           /* whole encodes made */
	uint32_t calibration_encodes; /* partial encodes made for animations */
	double ms;                  /* wall time of the conversion */
	double ssim;                /* worse of dark and light backgrounds; -1 = not measured */
	bool fits;                  /* a result within budget (and min_ssim) was found */
	char timing[256];           /* what timing normalisation did, "" if nothing */
	char notes[256];            /* fallbacks taken (alpha quality, frame rate) */
	uint32_t nprobes;
	stk_convert_probe probes[STK_CONVERT_MAX_PROBES];
} stk_convert_report;

/* Plain conversion: size and format kept, no budget, quality ceiling 100.
 * A store whose animated role matches TGS files (Telegram) sets keep_tgs
 * and the tgs_* bounds from that role's rules (width, height, fps,
 * max-duration, max-frames, max-bytes, tgs-features). */
STK_API void stk_convert_options_init(stk_convert_options *opt);

/*
 * Applies a store profile's settings for stickers, from the rules (errors
 * and warnings alike) of its roles sticker, sticker.static (stills) and
 * sticker.animated (animations); a rule of sticker.static or
 * sticker.animated overrides sticker's for that kind, and where both
 * bound the same thing the stricter bound is kept, as validate checks
 * both.  What it takes, by check:
 *
 *   canvas      width+height (exact), max-width+max-height (at most; exact
 *               when min-width/min-height are given too), one-side (the
 *               longer side), sizes (the first), square; even-sides;
 *               min-long-side must be met by the canvas
 *   formats     the first of png, webp, gif for stills and of apng, webp,
 *               gif for animations (all of them in still_formats and
 *               anim_formats); `animated false` (true) in role
 *               sticker means no animations (stills)
 *   budgets     max-bytes
 *   timing      min-frame-duration, max-duration, max-play-time, durations,
 *               min-frames, max-frames, max-fps, frame-step (and its step),
 *               constant-frame-duration
 *   playback    loop-forever, max-plays, max-play-time
 *   WebP        keyframes (every frame a keyframe)
 *
 * Other rules (metadata fields, margins, backgrounds, packs) are not
 * conversion settings and are left to validation.  Every setting above is
 * set, to none where the profile says nothing; the rest of opt (quality,
 * margin, policy, ...) is left as it is.  A kind no format fits is
 * refused (no_still, no_anim).
 * @return STK_ERR_PROFILE naming the profile when it gives no sticker
 * canvas, no format this library writes for either kind, or rules that
 * contradict each other.
 */
STK_API STK_NODISCARD stk_status stk_convert_options_profile(stk_convert_options *opt,
	const stk_profile *p, stk_error *err);

/*
 * The option policy every caller shares (the CLI's convert, the coming
 * build): what a user asked for, settled over a profile's settings.
 * After stk_convert_request_init() every field is "not given".
 */
typedef struct stk_convert_request {
	const char *profile;        /* the profile's name for messages; NULL = none */
	const char *input;          /* paths; "-" = a standard stream, NULL = none */
	const char *output;
	uint64_t max_bytes;         /* 0 = the profile's; with a profile, capped at
	                               its limit for each kind (never raised: the
	                               result must pass validate) */
	uint32_t max_duration_ms;   /* 0 = the profile's */
	double quality, min_quality; /* < 0 = the profile's or the default */
	double max_fps, min_fps;    /* 0 = the profile's or the default */
	int duration_policy;        /* an stk_duration_policy, -1 = the default */
	double min_ssim;            /* 0 = off */
	int stabilise;              /* -1 = auto */
	int colors;                 /* 0 = the default */
	bool lossy, no_alpha_fallback, strip;
	int all_keyframes;          /* 0 or 1, -1 = the profile's */
	int frame_timing;           /* an stk_frame_timing, -1 = the profile's */
	const stk_wa_metadata *whatsapp; /* NULL = none given */
	/* Resize options by stk_resize_option_set() name, applied over the
	 * profile's canvas (a size, max-size or side gives stills and
	 * animations one canvas). */
	size_t nresize;
	const char *const *resize_name, *const *resize_value;
} stk_convert_request;

STK_API void stk_convert_request_init(stk_convert_request *r);

/*
 * opt (from stk_convert_options_init()) gets the profile's settings (p may
 * be NULL), then what r asks for.  The output's extension picks the
 * format, with a profile among those the store takes for each kind; with
 * none (standard output, an unknown extension) choose_format is set when
 * a kind has several.
 * @return STK_ERR_PROFILE when the profile has no usable sticker rules;
 * STK_ERR_INVALID_ARG (message naming the options) for requests that
 * contradict each other, an output named like no format the profile
 * writes or none we know, and an output that is the input (same path, or
 * same device and inode): an input is never written over.
 */
STK_API STK_NODISCARD stk_status stk_convert_settle(stk_convert_options *opt,
	const stk_profile *p, const stk_convert_request *r, stk_error *err);

/* After the conversion: whether r->output's name fits the format written
 * (a store with PNG stills and APNG animations; STK_ERR_INVALID_ARG if not). */
STK_API STK_NODISCARD stk_status stk_convert_check_written(const stk_convert_request *r,
	stk_format written, stk_error *err);

/* "fail", "speedup", "trim", "drop-frames"; and back (false if unknown). */
STK_API const char *stk_duration_policy_name(stk_duration_policy p);
STK_API bool stk_duration_policy_parse(const char *s, stk_duration_policy *out);

/*
 * Converts a file ("-" for standard input) or a folder of frames.  On
 * success out holds the bytes to write.  rep (may be NULL) is filled in
 * on success and on STK_ERR_BUDGET.
 * @return STK_ERR_BUDGET when nothing fits max_bytes (or min_ssim),
 * STK_ERR_LIMIT when the timing rules refuse the animation,
 * STK_ERR_UNSUPPORTED for a still under no_still or an animation under
 * no_anim, the decoder's status for unreadable input.
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
