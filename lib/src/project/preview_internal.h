/*
 * preview_internal.h - the preview's files in project/ (never installed).
 *
 * preview.c         the model (targets, stickers), reading and checking
 *                   the stickers, writing the folder
 * preview_sheet.c   the contact sheet PNG and the animated sheet WebP
 * preview_html.c    index.html and stamp.js
 * preview_stores.c  each store's chat backgrounds and sticker size
 * preview_build.c   a preview of what stk_build() made
 * watch.c           stk_watcher: waiting for sources to change (inotify)
 * build_watch.c     stk_build_watch(): build, preview, wait, again
 */
#ifndef STK_PREVIEW_INTERNAL_H
#define STK_PREVIEW_INTERNAL_H

#include "internal.h"
#include "stk/preview.h"
#include "stk/validate.h"

/* One sticker: what the caller said, what reading it found, and its frames
 * already fitted into a sheet cell (cell x cell RGBA each). */
typedef struct stk__pv_sticker {
	char *file, *emojis;
	char *href;                 /* the file relative to the output folder */
	uint64_t bytes, budget;
	double quality, ssim;
	int encodes;
	bool cached, lossless;
	/* read when writing */
	bool readable;
	const char *format;         /* stk_format_name() */
	uint32_t width, height, plays;
	uint32_t nframes;
	uint8_t **cells;            /* nframes fitted frames */
	uint32_t *ms;               /* their durations */
	char **findings;            /* "error whatsapp.sticker.max-bytes: message" */
	size_t nfindings;
	size_t errors, warnings;
} stk__pv_sticker;

typedef struct stk__pv_target {
	const stk_profile *p;
	char *icon, *icon_href;
	uint32_t icon_w, icon_h;
	uint8_t *icon_rgba;         /* its first frame, NULL when unreadable or none */
	stk__pv_sticker *st;
	size_t n, cap;
	uint8_t light[4], dark[4];
	uint32_t px;                /* the cell side: the size the app shows */
	const char *look_source;
	uint64_t budget_still, budget_anim;
	bool animated_sheet;        /* sheet-<id>.webp written */
} stk__pv_target;

struct stk_preview {
	char *name, *publisher;
	stk__pv_target *t;
	size_t n, cap;
};

/* preview_sheet.c: draws and writes sheet-<id>.png (and .webp when the
 * target animates and `animated`) into outdir. */
stk_status stk__pv_write_sheets(stk__pv_target *t, const char *outdir, bool animated,
                                stk_error *err);

/* preview_html.c */
stk_status stk__pv_write_html(const stk_preview *pv, const char *outdir, const char *stamp,
                              bool live, stk_error *err);

/* A path in outdir, joined with '/'; NULL when it does not fit. */
char *stk__pv_join(const char *dir, const char *name);

#endif
