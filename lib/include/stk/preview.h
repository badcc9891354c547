/*
 * stk/preview.h - a pack as people will see it, on light and dark chats.
 *
 * A preview is assembled target by target (a store profile, its icon) and
 * sticker by sticker (the file as built, its emojis, its figures), then
 * written into one folder:
 *
 *   sheet-<target>.png   the contact sheet: every sticker at the size the
 *                        store's app shows it, on the store's light and dark
 *                        chat backgrounds side by side, the icon at its
 *                        real size, a marker on stickers with findings;
 *                        animations show their first frame;
 *   sheet-<target>.webp  where the target has animations: the same sheet
 *                        with every animation playing at its own timing
 *                        and play count;
 *   index.html           one page for every target (self-contained but for
 *                        the sticker files it links): name, publisher,
 *                        emojis, bytes against the budget, quality, SSIM,
 *                        findings, a light/dark toggle;
 *   stamp.js             the build stamp, which an open page polls to
 *                        reload itself after a rebuild (live pages).
 *
 * These names are an interface (stickerkit-preview(1) gives the sheet's
 * geometry).  Every file is written through a temporary file and a rename.
 *
 * Ownership: the preview copies the strings it is given; profiles are
 * borrowed and must outlive stk_preview_write().
 */
#ifndef STK_PREVIEW_H
#define STK_PREVIEW_H

#include "stk/codec.h"
#include "stk/profile.h"
#include "stk/project.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stk_preview stk_preview;

/* One sticker as the build made it. */
typedef struct stk_preview_sticker {
	const char *file;     /* the sticker file (required) */
	const char *emojis;   /* UTF-8, or NULL */
	uint64_t budget;      /* bytes allowed; 0: the profile's limit */
	double quality;       /* encoder quality, or < 0 when unknown */
	double ssim;          /* against the source, or < 0 when unknown */
	int encodes;          /* encodes the build tried, or < 0 when unknown */
	bool cached;          /* the build took it from its cache */
	bool lossless;        /* encoded losslessly (quality is then the effort) */
	uint32_t padding[4];
} stk_preview_sticker;

/* Everything unknown: budget from the profile, no quality, SSIM, encodes. */
STK_API void stk_preview_sticker_init(stk_preview_sticker *s);

typedef struct stk_preview_options {
	stk_decode_options decode;    /* limits for reading the stickers */
	const char *stamp;            /* build stamp; NULL: a hash of the files shown */
	bool live;                    /* the page polls stamp.js and reloads on a change */
	bool no_animated_sheet;       /* skip sheet-<target>.webp */
	stk_progress_fn *progress;    /* may be NULL; stage "drawing", one call
	                                 per sticker read (target, file) */
	void *progress_user;
	uint32_t padding[4];
} stk_preview_options;

STK_API void stk_preview_options_init(stk_preview_options *opt);

/* A preview of the pack `name` by `publisher` (either may be NULL). */
STK_API STK_NODISCARD stk_status stk_preview_new(const char *name, const char *publisher,
	stk_preview **out, stk_error *err);
/* Accepts NULL. */
STK_API void stk_preview_free(stk_preview *pv);

/* Starts a target: its profile (borrowed) and its icon file (the tray,
 * cover or tab image; NULL for none).  Two targets with one id are
 * STK_ERR_INVALID_ARG. */
STK_API STK_NODISCARD stk_status stk_preview_add_target(stk_preview *pv,
	const stk_profile *p, const char *icon, stk_error *err);
/* Adds a sticker to the last target added. */
STK_API STK_NODISCARD stk_status stk_preview_add_sticker(stk_preview *pv,
	const stk_preview_sticker *s, stk_error *err);

/* Adds every target of a build: its profile, its icon (the tray, else the
 * cover, tab, icon or main image) and each sticker it wrote with the
 * emojis that store got and the build's figures.  r is borrowed (its
 * profiles are) and must outlive stk_preview_write(). */
STK_API STK_NODISCARD stk_status stk_preview_add_build(stk_preview *pv,
	const stk_build_result *r, stk_error *err);

/*
 * Reads every sticker (validated against its target's profile), draws the
 * sheets and writes the files above into outdir (created if missing).
 * @return STK_ERR_IO naming the file when one cannot be written; a
 * sticker that cannot be decoded is not an error (its cell stays empty
 * and carries the finding).  The stamp written is in *stamp_out (16 hex
 * digits and a NUL) when it is not NULL.
 */
STK_API STK_NODISCARD stk_status stk_preview_write(stk_preview *pv, const char *outdir,
	const stk_preview_options *opt, char stamp_out[17], stk_error *err);

/* The look of a store's chat (stickerkit-preview(1), BACKGROUNDS): its
 * light and dark backgrounds (opaque RGBA) and the side, in CSS pixels,
 * at which its app shows a sticker.  Unknown ids get neutral greys and
 * 160.  The source of the figures in *source. */
STK_API void stk_preview_store_look(const char *id, uint8_t light[4], uint8_t dark[4],
	uint32_t *sticker_px, const char **source);

#ifdef __cplusplus
}
#endif
#endif
