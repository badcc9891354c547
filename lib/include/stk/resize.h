/*
 * stk/resize.h - preparing artwork for a sticker canvas.
 *
 * Every frame of an image goes through the same steps, with one layout
 * for all frames so an animated character never jumps:
 *
 *   1. key      a flat background colour connected to the canvas border
 *               becomes transparent, with soft edges (optional);
 *   2. trim     the art's alpha bounding box is what gets fitted; for an
 *               animation the union of all frames' boxes (optional);
 *   3. fit      the art is scaled into the target size, less the margin
 *               and the outline width, and placed by gravity;
 *   4. resample a separable filter over premultiplied alpha, so colour
 *               under transparent pixels never bleeds into the result;
 *   5. outline  a die-cut stroke around the silhouette (optional);
 *   6. flatten  onto a background colour (optional).
 *
 * stk_resize_plan() computes the layout alone, from sizes; the other
 * functions do the pixel work.  stk_image_load_resized() streams: frames
 * are resized as the decoder hands them over, so only one source-size
 * frame is held at a time (with trim on an animation the file is decoded
 * twice: once for the union box, once to resize).  A caller with frames
 * of its own (a decoder callback, a pack build) uses an stk_frame_fitter:
 * the layout and the scratch built once, then steps 1 and 3-6 on one
 * frame at a time into a buffer the caller owns.
 *
 * Options are a plain struct set by stk_resize_options_init();
 * stk_resize_option_set() sets one from its command-line spelling, so
 * every command that resizes accepts the same words.
 */
#ifndef STK_RESIZE_H
#define STK_RESIZE_H

#include "stk/codec.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum stk_filter {
	STK_FILTER_LANCZOS3 = 0,  /* sharp; the default */
	STK_FILTER_MITCHELL,      /* softer, no visible ringing */
	STK_FILTER_BOX,           /* area average */
	STK_FILTER_NEAREST,       /* pixel art: no new colours */
	STK_FILTER_PIXEL,         /* pixel art scaled up by a whole number: every
	                             source pixel one square of output pixels,
	                             no new colours (the art may come out a
	                             little smaller than the room) */
} stk_filter;

typedef enum stk_fit {
	STK_FIT_CONTAIN = 0,      /* all of the art, aspect kept, empty sides */
	STK_FIT_COVER,            /* the whole box filled, aspect kept, art cropped */
	STK_FIT_FILL,             /* the whole box filled, aspect ignored */
} stk_fit;

typedef enum stk_size_mode {
	STK_SIZE_CANVAS = 0,      /* canvas exactly width x height */
	STK_SIZE_AT_MOST,         /* canvas as big as the fitted art, at most width x height */
	STK_SIZE_SIDE,            /* the longer side exactly width, the other by aspect */
} stk_size_mode;

typedef enum stk_gravity {
	STK_GRAVITY_CENTER = 0,
	STK_GRAVITY_TOP,
	STK_GRAVITY_BOTTOM,
	STK_GRAVITY_LEFT,
	STK_GRAVITY_RIGHT,
	STK_GRAVITY_TOP_LEFT,
	STK_GRAVITY_TOP_RIGHT,
	STK_GRAVITY_BOTTOM_LEFT,
	STK_GRAVITY_BOTTOM_RIGHT,
} stk_gravity;

/* Alpha at or below this is invisible on any background: trim ignores it. */
#define STK_TRIM_THRESHOLD_DEFAULT 4

typedef struct stk_resize_options {
	stk_size_mode mode;
	uint32_t width, height;    /* the target; STK_SIZE_SIDE uses width only */
	stk_fit fit;               /* STK_SIZE_CANVAS only; the others contain */
	stk_gravity gravity;       /* where the art sits in the room it has */
	double margin;             /* empty border on each side, in pixels ... */
	bool margin_percent;       /* ... or in % of the shorter target side */
	bool trim;                 /* fit the alpha bounding box, not the canvas */
	uint8_t trim_threshold;    /* alpha above this counts as art (default
	                            * STK_TRIM_THRESHOLD_DEFAULT: invisible alpha
	                            * does not widen the box) */
	bool even;                 /* round computed sides down to even numbers */
	bool no_upscale;           /* never enlarge the art */
	stk_filter filter;
	double outline;            /* stroke width in output pixels, 0 = none */
	uint8_t outline_color[4];  /* RGBA, default opaque white */
	bool key;                  /* make the border-connected key colour transparent */
	uint8_t key_color[4];      /* RGB; alpha ignored */
	uint8_t key_tolerance;     /* largest channel difference that still matches */
	bool flatten;              /* composite onto background[] */
	uint8_t background[4];     /* RGBA */
	uint32_t padding[4];
} stk_resize_options;

/* A rectangle of pixels. */
typedef struct stk_rect {
	uint32_t x, y, w, h;
} stk_rect;

/* Where things go, as stk_resize_plan() computes it. */
typedef struct stk_resize_layout {
	uint32_t width, height;    /* the output canvas */
	stk_rect art;              /* where the resampled art lands in the canvas
	                              (the outline, if any, goes around it) */
	double src_x, src_y;       /* the part of the source mapped onto art, */
	double src_w, src_h;       /* in source pixels (fractional with cover) */
	uint32_t pad;              /* margin + outline room on each side */
} stk_resize_layout;

/* Defaults: 512x512 canvas, contain, centred, no margin, Lanczos3, outline
 * white when one is asked for, key tolerance 24. */
STK_API void stk_resize_options_init(stk_resize_options *opt);

/*
 * Sets one option from its command-line spelling (name without dashes):
 *   size WxH, max-size WxH, side N, fit contain|cover|fill, margin N[%],
 *   gravity center|top|bottom|left|right|top-left|top-right|bottom-left|
 *   bottom-right, trim (value ignored), trim-threshold N, even, no-upscale,
 *   filter lanczos3|mitchell|box|nearest, outline W[:COLOR],
 *   key COLOR[:TOLERANCE] (tolerance 0..255 or N%), background COLOR.
 * @return STK_ERR_INVALID_ARG naming the option and value when either is
 * not understood; opt is unchanged then.
 */
STK_API STK_NODISCARD stk_status stk_resize_option_set(stk_resize_options *opt,
	const char *name, const char *value, stk_error *err);

/* Checks option values; what every resize function does on entry. */
STK_API STK_NODISCARD stk_status stk_resize_options_check(const stk_resize_options *opt,
	stk_error *err);

/* Parses a colour: a name (white, black, red, green, blue, yellow, cyan,
 * magenta, gray/grey, transparent), #rgb, #rgba, #rrggbb or #rrggbbaa. */
STK_API STK_NODISCARD stk_status stk_color_parse(const char *s, uint8_t rgba[4],
	stk_error *err);

/* "lanczos3", "mitchell", "box", "nearest", "pixel". */
STK_API const char *stk_filter_name(stk_filter f);

/* The smallest rectangle holding every pixel whose alpha is above
 * threshold (rows width*4 bytes apart).  false when there is none. */
STK_API bool stk_alpha_bounds(const uint8_t *rgba, uint32_t width, uint32_t height,
	uint8_t threshold, stk_rect *box);

/*
 * The layout for a source canvas of src_w x src_h whose art is `art`
 * (NULL: the whole canvas; after trimming, the bounding box).
 * @return STK_ERR_INVALID_ARG when the options leave no room for the art
 * (margin and outline wider than the canvas) or are out of range.
 */
STK_API STK_NODISCARD stk_status stk_resize_plan(uint32_t src_w, uint32_t src_h,
	const stk_rect *art, const stk_resize_options *opt, stk_resize_layout *out,
	stk_error *err);

/*
 * A frame fitter: one layout for src_w x src_h frames, planned once by
 * stk_resize_plan(), with the resampler's weights, the outline's and the
 * key's scratch built once; then every frame is fitted without allocating.
 *
 * Trim is the caller's: pass the union of the frames' alpha boxes as `art`
 * (keyed frames' boxes when keying; stk_alpha_bounds() with
 * opt->trim_threshold), or NULL for the whole frame.  opt->trim itself is
 * not looked at.  The pixels are those of stk_image_resize() with the same
 * options and box, except that fully transparent pixels always come out
 * as 0,0,0,0.
 *
 * Ownership: stk_frame_fitter_new() copies opt and art; the caller keeps
 * its own and releases the fitter with stk_frame_fitter_free().  Buffers
 * passed to stk_frame_fitter_run() stay the caller's.
 *
 * Threading: a fitter holds scratch for the frame in flight, so one
 * fitter serves one thread at a time; fitters are independent of each
 * other (one per thread for parallel work).
 */
typedef struct stk_frame_fitter stk_frame_fitter;

/*
 * Plans the layout and builds the fitter (*out; NULL on failure).
 * @return STK_ERR_INVALID_ARG for a source with no pixels, a NULL opt or
 * out, options stk_resize_options_check() refuses, an art box outside the
 * source or options that leave no room (as stk_resize_plan());
 * STK_ERR_LIMIT when a source frame is too big to address;
 * STK_ERR_NOMEM.
 */
STK_API STK_NODISCARD stk_status stk_frame_fitter_new(uint32_t src_w, uint32_t src_h,
	const stk_rect *art, const stk_resize_options *opt, stk_frame_fitter **out,
	stk_error *err);

/* The output canvas: what stk_frame_fitter_run() writes is width x height. */
STK_API uint32_t stk_frame_fitter_width(const stk_frame_fitter *f);
STK_API uint32_t stk_frame_fitter_height(const stk_frame_fitter *f);

/* The layout stk_resize_plan() gave; borrowed, lives as long as f. */
STK_API const stk_resize_layout *stk_frame_fitter_layout(const stk_frame_fitter *f);

/* Output pixels per source pixel across (art.w / src_w of the layout;
 * with STK_FIT_FILL the vertical scale may differ). */
STK_API double stk_frame_fitter_scale(const stk_frame_fitter *f);

/*
 * Fits one frame: src_rgba is straight RGBA, src_w x src_h as the fitter
 * was made, rows src_w*4 bytes apart; dst_rgba receives the whole output
 * canvas (width x height, rows width*4 bytes apart, every byte written).
 * src_rgba is not changed and may not overlap dst_rgba.
 * @return STK_ERR_INVALID_ARG for a NULL argument; nothing else fails.
 */
STK_API STK_NODISCARD stk_status stk_frame_fitter_run(stk_frame_fitter *f,
	const uint8_t *src_rgba, uint8_t *dst_rgba, stk_error *err);

/* Releases a fitter; NULL is ignored. */
STK_API void stk_frame_fitter_free(stk_frame_fitter *f);

/* Resizes every frame of img into a new image (*out), keeping durations,
 * play count, source facts and metadata. */
STK_API STK_NODISCARD stk_status stk_image_resize(const stk_image *img,
	const stk_resize_options *opt, stk_image **out, stk_error *err);

/* Decodes a file held in memory and resizes its frames as they are
 * decoded.  Resized frames held count against dopt->max_held_bytes. */
STK_API STK_NODISCARD stk_status stk_image_decode_resized(const uint8_t *data,
	size_t len, const stk_decode_options *dopt, const stk_resize_options *opt,
	stk_image **out, stk_error *err);

/* The same from a file ("-" for standard input) or a folder of frames;
 * errors name the path in err->file. */
STK_API STK_NODISCARD stk_status stk_image_load_resized(const char *path,
	const stk_decode_options *dopt, const stk_resize_options *opt,
	stk_image **out, stk_error *err);

#ifdef __cplusplus
}
#endif
#endif
