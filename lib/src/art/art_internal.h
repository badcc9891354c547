/*
 * art_internal.h - pixel work on frames (art/), shared between its files
 * and with the layers above; never installed.
 *
 * resample.c  premultiplied separable resampling of one frame
 * key.c       border flood fill that makes a background colour transparent
 * outline.c   the die-cut stroke (Euclidean distance transform)
 * geometry.c  the layout and the alpha bounding box
 * trim.c      the union of the frames' art boxes (resize, convert, validate)
 * fitter.c    the per-frame pipeline (stk_frame_fitter)
 * resize.c    the public whole-image entry points over it
 * stabilise.c temporal-noise stabilisation, changed-area fractions
 * ssim.c      SSIM of stickers over dark and light backgrounds
 * sheet.c     contact sheets: cells on a light and a dark background
 */
#ifndef STK_ART_INTERNAL_H
#define STK_ART_INTERNAL_H

#include "internal.h"
#include "stk/resize.h"

/* Maps the source rectangle (x, y, w, h) of a src_w x src_h frame onto a
 * dst_w x dst_h image.  Taps that fall outside the source frame are left
 * out and the rest renormalised (the frame's edge is not extended). */
typedef struct stk__resample_spec {
	uint32_t src_w, src_h;
	double x, y, w, h;
	uint32_t dst_w, dst_h;
	stk_filter filter;
} stk__resample_spec;

/* Weights and scratch rows for one geometry, reused for every frame. */
typedef struct stk__resampler stk__resampler;

stk_status stk__resampler_new(const stk__resample_spec *spec, stk__resampler **out,
                              stk_error *err);
/* Resamples straight RGBA src (rows src_stride bytes apart) into straight
 * RGBA dst (dst_w x dst_h, rows dst_stride bytes apart).  Cannot fail:
 * all memory was taken by stk__resampler_new(). */
void stk__resampler_run(stk__resampler *r, const uint8_t *src, size_t src_stride,
                        uint8_t *dst, size_t dst_stride);
void stk__resampler_free(stk__resampler *r);

/* Box pre-shrink factors chosen for a spec (exposed for tests). */
void stk__resampler_shrink(const stk__resampler *r, uint32_t *kx, uint32_t *ky);

/* Makes the key colour transparent where it is connected to the frame's
 * border (4-neighbours, largest channel difference <= tolerance), and
 * unmixes it from the ring of pixels around that region (soft edges). */
stk_status stk__key_frame(uint8_t *rgba, uint32_t w, uint32_t h, const uint8_t key[4],
                          uint8_t tolerance, stk_error *err);

/* The same with the fill's scratch (a mask and a stack) for w x h frames
 * taken once: stk__keyer_apply() cannot fail. */
typedef struct stk__keyer stk__keyer;

stk_status stk__keyer_new(uint32_t w, uint32_t h, stk__keyer **out, stk_error *err);
void stk__keyer_apply(stk__keyer *k, uint8_t *rgba, const uint8_t key[4], uint8_t tolerance);
void stk__keyer_free(stk__keyer *k);

/* Die-cut stroke for w x h frames: scratch for the distance transform. */
typedef struct stk__outliner stk__outliner;

stk_status stk__outliner_new(uint32_t w, uint32_t h, double width, const uint8_t color[4],
                             stk__outliner **out, stk_error *err);
/* Draws the stroke under the art of a straight RGBA frame, in place. */
void stk__outliner_apply(stk__outliner *o, uint8_t *rgba);
void stk__outliner_free(stk__outliner *o);

/* Straight RGBA pixel p over `color` at coverage cov (0..1), in place:
 * the stroke under the art, or the background under everything. */
void stk__paint_under(uint8_t *p, const uint8_t color[4], float cov);

/* ---- fitter.c: the steps of stk_frame_fitter_run(), for the callers
 * that need them apart ---- */

enum {
	/* Where the layout maps the source pixel for pixel, copy instead of
	 * resampling (convert's shortcut).  Not the same bytes as resampling
	 * for every filter: Mitchell softens even at 1:1. */
	STK__FIT_COPY_1TO1 = 1u << 0,
};

/* stk_frame_fitter_new() with flags (STK__FIT_*). */
stk_status stk__fitter_new(uint32_t src_w, uint32_t src_h, const stk_rect *art,
                           const stk_resize_options *opt, unsigned flags,
                           stk_frame_fitter **out, stk_error *err);
/* The source frame as the later steps read it: keyed into the fitter's
 * scratch (valid until the next call) when keying, else src itself. */
const uint8_t *stk__fitter_key(stk_frame_fitter *f, const uint8_t *src);
/* Resamples (or copies) an already keyed source frame onto dst, cleared
 * first, then strokes and flattens.  Colour under fully transparent
 * pixels is left as those steps make it (stk_image_resize() keeps it). */
void stk__fitter_place(stk_frame_fitter *f, const uint8_t *keyed, uint8_t *dst);
/* Fully transparent pixels of an RGBA buffer to 0,0,0,0. */
void stk__clear_invisible(uint8_t *rgba, size_t npix);

/* ---- stabilise.c ---- */

/* How much of a frame changed since the previous one. */
typedef struct stk__change {
	double pixels;              /* fraction of pixels that differ */
	double area;                /* fraction of the canvas their bounding box covers */
	double blocks;              /* fraction of 16x16 blocks holding a changed pixel */
	double art;                 /* the same, of the blocks with visible art */
} stk__change;

/* Copies every 8x8 block of cur (w x h) whose pixels are all within
 * `threshold` levels of prev (alpha weighted) from prev, so noise does not
 * count as change (0: no copying), and measures what still differs. */
void stk__stabilise(uint8_t *cur, const uint8_t *prev, uint32_t w, uint32_t h, int threshold,
                    stk__change *out);

/* ---- ssim.c ---- */

#define STK__SSIM_DARK  26   /* #1a1a1a */
#define STK__SSIM_LIGHT 230  /* #e6e6e6 */

/* Mean SSIM of R, G and B (8x8 windows, step 4) of two straight-alpha RGBA
 * images composited over the grey level bg. */
double stk__ssim_over(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h, uint8_t bg);
/* The worse of the dark and light background scores. */
double stk__ssim_sticker(const uint8_t *a, const uint8_t *b, uint32_t w, uint32_t h);

/* ---- sheet.c ---- */

#define STK__SHEET_GAP  16   /* px between cells and around the grid */
#define STK__SHEET_COLS 5    /* cells a row at most */

/* The layout of a contact sheet: two panels side by side (light on the
 * left, dark on the right), each with the icon at (gap, gap) when there is
 * one and then a grid of cell x cell squares, gap apart, starting at
 * (gap, grid_y) in the panel. */
typedef struct stk__sheet {
	uint32_t n, cell, gap, cols, rows;
	uint32_t icon_w, icon_h;     /* 0 x 0: no icon row */
	uint32_t grid_y;
	uint32_t panel_w, panel_h;
	uint32_t width, height;      /* the whole sheet */
	uint8_t bg[2][4];            /* light, dark (opaque) */
} stk__sheet;

stk_status stk__sheet_plan(stk__sheet *s, uint32_t n, uint32_t cell, uint32_t icon_w,
                           uint32_t icon_h, const uint8_t light[4], const uint8_t dark[4],
                           stk_error *err);
/* Cell i's square, the icon's box and cell i's findings marker (a disc in
 * the gap above the cell's top right corner, outside the cell) in panel 0
 * (light) or 1 (dark), in sheet coordinates. */
stk_rect stk__sheet_cell(const stk__sheet *s, uint32_t i, int panel);
stk_rect stk__sheet_icon(const stk__sheet *s, int panel);
stk_rect stk__sheet_marker(const stk__sheet *s, uint32_t i, int panel);
/* Paints both backgrounds over the whole canvas (width x height RGBA). */
void stk__sheet_clear(const stk__sheet *s, uint8_t *canvas);
/* Lays straight RGBA pixels (at.w x at.h, rows at.w*4 apart) over the
 * canvas at `at`; the canvas stays opaque. */
void stk__sheet_blit(const stk__sheet *s, uint8_t *canvas, stk_rect at, const uint8_t *rgba);
/* Draws cell i's findings marker in both panels. */
void stk__sheet_mark(const stk__sheet *s, uint8_t *canvas, uint32_t i);
/* A fitter that puts w x h frames into a cell (contain, centred, Lanczos3). */
stk_status stk__sheet_fitter(const stk__sheet *s, uint32_t w, uint32_t h,
                             stk_frame_fitter **out, stk_error *err);

/* ---- trim.c ---- */

/*
 * Trim's union art box (trim.c): feed every frame to stk__trim_add(); the
 * union of their alpha boxes (alpha above threshold) is t->box once t->have.
 * With key (a resize option set whose key is on), each frame is keyed into
 * the trim's scratch first, and *seen (when not NULL) is the frame as
 * measured.  Release frees the scratch; the box stays.
 */
typedef struct stk__trim {
	uint8_t threshold;
	const stk_resize_options *key;  /* NULL: no keying */
	uint8_t *keyed;
	size_t keyed_bytes;
	bool have;
	stk_rect box;
} stk__trim;

void stk__trim_init(stk__trim *t, uint8_t threshold, const stk_resize_options *key);
stk_status stk__trim_add(stk__trim *t, const uint8_t *rgba, uint32_t w, uint32_t h,
                         const uint8_t **seen, stk_error *err);
void stk__trim_release(stk__trim *t);
/* The union box of all of img's frames (no keying); false when all are empty. */
bool stk__trim_image(const stk_image *img, uint8_t threshold, stk_rect *box);

#endif
