/*
 * sheet.c - contact sheets: a pack's stickers in a grid of cells, drawn
 * twice side by side, once on a chat's light background and once on its
 * dark one, with the pack's icon at its real size above each grid.
 *
 * The layout is a pure function of the cell count, the cell side and the
 * icon size (stk__sheet_plan()), so a reader of the PNG can find every
 * cell again: stickerkit-preview(1) states it.  Stickers are fitted into
 * their cell by the frame fitter (the library's resampler) and laid over
 * the background with the outline's compositor, stk__paint_under().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "art_internal.h"

/* The sheet may not outgrow what decoders accept by default. */
#define MAX_SIDE 16384u

static const uint8_t MARKER[4] = { 0xe0, 0x1b, 0x24, 0xff };  /* findings */

stk_status stk__sheet_plan(stk__sheet *s, uint32_t n, uint32_t cell, uint32_t icon_w,
                           uint32_t icon_h, const uint8_t light[4], const uint8_t dark[4],
                           stk_error *err)
{
	memset(s, 0, sizeof *s);
	if (cell == 0 || cell > 2048)
		return stk__fail(err, STK_ERR_INVALID_ARG, "sheet: cell side %u is out of range "
		                 "(1..2048)", cell);
	s->n = n;
	s->cell = cell;
	s->gap = STK__SHEET_GAP;
	s->cols = n < STK__SHEET_COLS ? (n ? n : 1) : STK__SHEET_COLS;
	s->rows = n ? (n + s->cols - 1) / s->cols : 0;
	s->icon_w = icon_w;
	s->icon_h = icon_h;
	s->grid_y = s->gap + (icon_h ? icon_h + s->gap : 0);
	uint64_t grid_w = s->gap + (uint64_t)s->cols * (cell + s->gap);
	uint64_t icon_row = (uint64_t)icon_w + 2 * s->gap;
	uint64_t pw = grid_w > icon_row ? grid_w : icon_row;
	uint64_t ph = s->grid_y + (uint64_t)s->rows * (cell + s->gap);
	if (2 * pw > MAX_SIDE || ph > MAX_SIDE)
		return stk__fail(err, STK_ERR_LIMIT, "sheet: %u stickers at %u px make a sheet of "
		                 "%llux%llu, over %u px", n, cell, (unsigned long long)(2 * pw),
		                 (unsigned long long)ph, MAX_SIDE);
	s->panel_w = (uint32_t)pw;
	s->panel_h = (uint32_t)ph;
	s->width = 2 * s->panel_w;
	s->height = s->panel_h;
	memcpy(s->bg[0], light, 4);
	memcpy(s->bg[1], dark, 4);
	s->bg[0][3] = s->bg[1][3] = 255;
	return STK_OK;
}

stk_rect stk__sheet_cell(const stk__sheet *s, uint32_t i, int panel)
{
	stk_rect r = {
		panel * s->panel_w + s->gap + (i % s->cols) * (s->cell + s->gap),
		s->grid_y + (i / s->cols) * (s->cell + s->gap),
		s->cell, s->cell,
	};
	return r;
}

stk_rect stk__sheet_icon(const stk__sheet *s, int panel)
{
	stk_rect r = { panel * s->panel_w + s->gap, s->gap, s->icon_w, s->icon_h };
	return r;
}

stk_rect stk__sheet_marker(const stk__sheet *s, uint32_t i, int panel)
{
	stk_rect c = stk__sheet_cell(s, i, panel);
	uint32_t d = s->gap - 4;
	stk_rect r = { c.x + c.w - d, c.y - d - 2, d, d };
	return r;
}

void stk__sheet_clear(const stk__sheet *s, uint8_t *canvas)
{
	for (uint32_t y = 0; y < s->height; y++) {
		uint8_t *row = canvas + (size_t)y * s->width * 4;
		for (uint32_t x = 0; x < s->width; x++)
			memcpy(row + (size_t)x * 4, s->bg[x >= s->panel_w], 4);
	}
}

void stk__sheet_blit(const stk__sheet *s, uint8_t *canvas, stk_rect at, const uint8_t *rgba)
{
	for (uint32_t y = 0; y < at.h && at.y + y < s->height; y++) {
		uint8_t *dst = canvas + ((size_t)(at.y + y) * s->width + at.x) * 4;
		const uint8_t *src = rgba + (size_t)y * at.w * 4;
		for (uint32_t x = 0; x < at.w && at.x + x < s->width; x++) {
			uint8_t p[4];
			memcpy(p, src + (size_t)x * 4, 4);
			/* the sticker over the opaque canvas: the same compositor
			 * that lays the die-cut stroke under the art */
			stk__paint_under(p, dst + (size_t)x * 4, 1.0f);
			memcpy(dst + (size_t)x * 4, p, 4);
		}
	}
}

void stk__sheet_mark(const stk__sheet *s, uint8_t *canvas, uint32_t i)
{
	for (int panel = 0; panel < 2; panel++) {
		stk_rect r = stk__sheet_marker(s, i, panel);
		double c = (r.w - 1) / 2.0, rad = r.w / 2.0;
		for (uint32_t y = 0; y < r.h; y++)
			for (uint32_t x = 0; x < r.w; x++) {
				double d = hypot(x - c, y - c);
				double cov = rad - d + 0.5;
				if (cov <= 0)
					continue;
				uint8_t *p = canvas + ((size_t)(r.y + y) * s->width + r.x + x) * 4;
				uint8_t m[4];
				memcpy(m, MARKER, 4);
				m[3] = (uint8_t)(255 * (cov > 1 ? 1 : cov) + 0.5);
				stk__paint_under(m, p, 1.0f);
				memcpy(p, m, 4);
			}
	}
}

stk_status stk__sheet_fitter(const stk__sheet *s, uint32_t w, uint32_t h,
                             stk_frame_fitter **out, stk_error *err)
{
	stk_resize_options o;
	stk_resize_options_init(&o);
	o.mode = STK_SIZE_CANVAS;
	o.width = o.height = s->cell;
	o.fit = STK_FIT_CONTAIN;
	o.filter = STK_FILTER_LANCZOS3;
	return stk_frame_fitter_new(w, h, NULL, &o, out, err);
}
