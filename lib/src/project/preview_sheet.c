/*
 * preview_sheet.c - a target's contact sheets.
 *
 * sheet-<id>.png shows every sticker's first frame (the still stores
 * show).  sheet-<id>.webp plays every animation in its cell on one
 * timeline: the sheet changes wherever any animation changes frame, each
 * animation runs at its own frame durations and stops on its last frame
 * after its play count, and the sheet is as long as the longest finite
 * animation or the least common multiple of the looping ones (capped),
 * so looping cells come round together.  Changes closer than MIN_STEP
 * are merged: browsers slow frames of 10 ms and less to 100 ms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "preview_internal.h"
#include "art_internal.h"
#include "webp_enc.h"

#define MIN_STEP    20      /* ms */
#define MAX_LENGTH  30000   /* ms of sheet animation at most */
#define LCM_CAP     20000   /* looping cells share a period up to this */

static stk_status write_file(const char *outdir, const char *name, const char *ext,
                             const void *data, size_t len, stk_error *err)
{
	char file[256];
	snprintf(file, sizeof file, "sheet-%s.%s", name, ext);
	char *path = stk__pv_join(outdir, file);
	if (!path)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status st = stk_write_file_atomic(path, data, len, err);
	free(path);
	return st;
}

/* Backgrounds, icons, markers and (unless skip_animated) every sticker's
 * first frame. */
static void draw_base(const stk__sheet *sh, const stk__pv_target *t, uint8_t *canvas,
                      bool skip_animated)
{
	stk__sheet_clear(sh, canvas);
	for (int panel = 0; panel < 2; panel++) {
		if (t->icon_rgba)
			stk__sheet_blit(sh, canvas, stk__sheet_icon(sh, panel), t->icon_rgba);
		for (uint32_t i = 0; i < t->n; i++) {
			const stk__pv_sticker *s = &t->st[i];
			if (s->readable && !(skip_animated && s->nframes > 1))
				stk__sheet_blit(sh, canvas, stk__sheet_cell(sh, i, panel), s->cells[0]);
		}
	}
	for (uint32_t i = 0; i < t->n; i++)
		if (t->st[i].nfindings)
			stk__sheet_mark(sh, canvas, i);
}

static stk_status write_png(const stk__sheet *sh, const stk__pv_target *t,
                            const char *outdir, stk_error *err)
{
	stk_image *img = NULL;
	stk_buf png = { 0 };
	STK_TRY(stk_image_new(sh->width, sh->height, &img, err));
	stk_status st = stk_image_add_frame(img, NULL, 0, 0, err);
	if (st == STK_OK) {
		draw_base(sh, t, stk_image_frame_rgba(img, 0), false);
		stk_encode_options eo;
		stk_encode_options_init(&eo);
		eo.format = STK_FORMAT_PNG;
		eo.png_palette = 0;
		st = stk_image_encode(img, &eo, &png, err);
	}
	if (st == STK_OK)
		st = write_file(outdir, stk_profile_id(t->p), "png", png.data, png.len, err);
	stk_buf_release(&png);
	stk_image_free(img);
	return st;
}

/* ---- the animated sheet ---- */

struct anim {
	uint32_t cell;      /* sticker index */
	uint64_t length;    /* one play, ms */
	uint32_t plays;
};

struct timeline {
	const stk__sheet *sh;
	const stk__pv_target *t;
	struct anim *a;
	size_t na;
	uint32_t *at;       /* frame start times */
	size_t n;
	uint64_t total;
	uint8_t *base, *canvas;
};

static uint64_t sheet_length(const struct anim *a, size_t na)
{
	uint64_t lcm = 1, longest = 0, finite = 0;
	for (size_t i = 0; i < na; i++) {
		if (a[i].plays) {
			if (a[i].length * a[i].plays > finite)
				finite = a[i].length * a[i].plays;
			continue;
		}
		if (a[i].length > longest)
			longest = a[i].length;
		if (lcm <= LCM_CAP)
			lcm = lcm / stk__gcd(lcm, a[i].length) * a[i].length;
	}
	uint64_t loop = longest ? (lcm <= LCM_CAP ? lcm : longest) : 0;
	uint64_t total = loop > finite ? loop : finite;
	return total < MAX_LENGTH ? total : MAX_LENGTH;
}

static int by_time(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

static stk_status push(struct timeline *tl, size_t *cap, uint64_t ms, stk_error *err)
{
	if (ms >= tl->total)
		return STK_OK;
	STK_GROW(tl->at, *cap, tl->n + 1, 256, err);
	tl->at[tl->n++] = (uint32_t)ms;
	return STK_OK;
}

/* Every moment some cell changes frame, sorted, near ones merged. */
static stk_status plan_times(struct timeline *tl, stk_error *err)
{
	size_t cap = 0;
	STK_TRY(push(tl, &cap, 0, err));
	for (size_t k = 0; k < tl->na; k++) {
		const struct anim *a = &tl->a[k];
		const stk__pv_sticker *s = &tl->t->st[a->cell];
		for (uint64_t play = 0; play * a->length < tl->total; play++) {
			if (a->plays && play >= a->plays)
				break;
			uint64_t t0 = play * a->length;
			for (uint32_t f = 0; f < s->nframes && t0 < tl->total; f++) {
				STK_TRY(push(tl, &cap, t0, err));
				t0 += s->ms[f];
			}
		}
	}
	qsort(tl->at, tl->n, sizeof *tl->at, by_time);
	size_t keep = 1;
	for (size_t i = 1; i < tl->n; i++)
		if (tl->at[i] >= tl->at[keep - 1] + MIN_STEP && tl->at[i] + MIN_STEP <= tl->total)
			tl->at[keep++] = tl->at[i];
	tl->n = keep;
	return STK_OK;
}

/* Which frame of animation a shows at ms into the sheet. */
static uint32_t frame_at(const struct anim *a, const stk__pv_sticker *s, uint64_t ms)
{
	if (a->plays && ms >= a->length * a->plays)
		return s->nframes - 1;
	uint64_t local = ms % a->length, t0 = 0;
	for (uint32_t f = 0; f < s->nframes; f++) {
		t0 += s->ms[f];
		if (local < t0)
			return f;
	}
	return s->nframes - 1;
}

static stk_status get_frame(void *user, uint32_t i, const uint8_t **rgba, uint32_t *ms,
                            stk_error *err)
{
	(void)err;
	struct timeline *tl = user;
	uint64_t end = i + 1 < tl->n ? tl->at[i + 1] : tl->total;
	*ms = (uint32_t)(end - tl->at[i]);
	if (!rgba)
		return STK_OK;
	memcpy(tl->canvas, tl->base, (size_t)tl->sh->width * tl->sh->height * 4);
	for (size_t k = 0; k < tl->na; k++) {
		const stk__pv_sticker *s = &tl->t->st[tl->a[k].cell];
		uint32_t f = frame_at(&tl->a[k], s, tl->at[i]);
		for (int panel = 0; panel < 2; panel++)
			stk__sheet_blit(tl->sh, tl->canvas, stk__sheet_cell(tl->sh, tl->a[k].cell, panel),
			                s->cells[f]);
	}
	*rgba = tl->canvas;
	return STK_OK;
}

static stk_status encode_anim(struct timeline *tl, const char *outdir, stk_error *err)
{
	WebPConfig cfg;
	if (!WebPConfigInit(&cfg))
		return stk__fail(err, STK_ERR_INTERNAL, "WebP: libwebp version mismatch");
	cfg.quality = 80;
	cfg.method = 2;      /* a preview: speed over the last bytes */
	cfg.thread_level = 0;
	bool finite = false;
	for (size_t k = 0; k < tl->na; k++)
		finite |= tl->a[k].plays != 0;
	stk__frame_source src = {
		.w = tl->sh->width, .h = tl->sh->height, .n = (uint32_t)tl->n,
		/* with a finite animation the sheet plays once, so that one is
		 * seen to stop; otherwise it loops like its cells */
		.plays = finite ? 1 : 0,
		.user = tl, .get = get_frame,
	};
	WebPData webp;
	WebPDataInit(&webp);
	STK_TRY(stk__webp_encode_anim(&src, &cfg, &webp, err));
	stk_status st = write_file(outdir, stk_profile_id(tl->t->p), "webp", webp.bytes,
	                           webp.size, err);
	WebPDataClear(&webp);
	return st;
}

static stk_status write_webp(const stk__sheet *sh, stk__pv_target *t, const char *outdir,
                             stk_error *err)
{
	struct timeline tl = { .sh = sh, .t = t };
	stk_status st = STK_OK;
	size_t npix = (size_t)sh->width * sh->height * 4;
	if (!(tl.a = calloc(t->n ? t->n : 1, sizeof *tl.a)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < t->n; i++) {
		const stk__pv_sticker *s = &t->st[i];
		uint64_t len = 0;
		for (uint32_t f = 0; s->readable && f < s->nframes; f++)
			len += s->ms[f];
		if (s->readable && s->nframes > 1 && len > 0)
			tl.a[tl.na++] = (struct anim){ i, len, s->plays };
	}
	t->animated_sheet = tl.na > 0;
	if (!tl.na) {
		/* no animations: no animated sheet, and none left from before */
		char file[256];
		snprintf(file, sizeof file, "%s/sheet-%s.webp", outdir, stk_profile_id(t->p));
		unlink(file);
		free(tl.a);
		return STK_OK;
	}
	tl.total = sheet_length(tl.a, tl.na);
	tl.base = malloc(npix);
	tl.canvas = malloc(npix);
	if (!tl.base || !tl.canvas)
		st = stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (st == STK_OK)
		st = plan_times(&tl, err);
	if (st == STK_OK) {
		draw_base(sh, t, tl.base, true);
		st = encode_anim(&tl, outdir, err);
	}
	free(tl.a);
	free(tl.at);
	free(tl.base);
	free(tl.canvas);
	return st;
}

stk_status stk__pv_write_sheets(stk__pv_target *t, const char *outdir, bool animated,
                                stk_error *err)
{
	stk__sheet sh;
	STK_TRY(stk__sheet_plan(&sh, (uint32_t)t->n, t->px, t->icon_w, t->icon_h, t->light,
	                        t->dark, err));
	STK_TRY(write_png(&sh, t, outdir, err));
	t->animated_sheet = false;
	return animated ? write_webp(&sh, t, outdir, err) : STK_OK;
}
