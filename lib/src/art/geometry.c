/*
 * geometry.c - where the art goes: the alpha bounding box and the layout
 * (canvas size, the art's box in it, the source rectangle mapped there).
 *
 * Room for the art is the target less `pad` = margin + outline width on
 * every side, so a stroke drawn around the art stays inside the margin.
 * Sizes are whole pixels; leftover pixels go by gravity (centred art has
 * at most one pixel more on the right or bottom).
 */
#include <math.h>
#include "art_internal.h"

bool stk_alpha_bounds(const uint8_t *rgba, uint32_t w, uint32_t h, uint8_t threshold,
                      stk_rect *box)
{
	uint32_t x0 = w, x1 = 0, y0 = h, y1 = 0;
	for (uint32_t y = 0; y < h; y++) {
		const uint8_t *row = rgba + (size_t)y * w * 4;
		uint32_t x = 0;
		while (x < w && row[x * 4 + 3] <= threshold)
			x++;
		if (x == w)
			continue;
		uint32_t last = w - 1;
		while (row[last * 4 + 3] <= threshold)
			last--;
		x0 = x < x0 ? x : x0;
		x1 = last + 1 > x1 ? last + 1 : x1;
		y0 = y < y0 ? y : y0;
		y1 = y + 1;
	}
	if (x0 >= x1)
		return false;
	*box = (stk_rect){ x0, y0, x1 - x0, y1 - y0 };
	return true;
}

/* Share of the leftover room before the art: 0, 1/2 or 1. */
static void gravity_share(stk_gravity g, double *gx, double *gy)
{
	*gx = *gy = 0.5;
	if (g == STK_GRAVITY_LEFT || g == STK_GRAVITY_TOP_LEFT || g == STK_GRAVITY_BOTTOM_LEFT)
		*gx = 0;
	if (g == STK_GRAVITY_RIGHT || g == STK_GRAVITY_TOP_RIGHT || g == STK_GRAVITY_BOTTOM_RIGHT)
		*gx = 1;
	if (g == STK_GRAVITY_TOP || g == STK_GRAVITY_TOP_LEFT || g == STK_GRAVITY_TOP_RIGHT)
		*gy = 0;
	if (g == STK_GRAVITY_BOTTOM || g == STK_GRAVITY_BOTTOM_LEFT ||
	    g == STK_GRAVITY_BOTTOM_RIGHT)
		*gy = 1;
}

static uint32_t clamp_side(double v, uint32_t max)
{
	double r = floor(v + 0.5);
	return r < 1 ? 1 : r > max ? max : (uint32_t)r;
}

/* The working state: the art box, the room, and the result. */
struct plan {
	const stk_resize_options *opt;
	double ax, ay, aw, ah;     /* art box in the source */
	uint32_t pad;
	stk_resize_layout *out;
};

/* Places a dw x dh art box in the room of the canvas by gravity. */
static void place(struct plan *p, uint32_t dw, uint32_t dh)
{
	double gx, gy;
	uint32_t rw = p->out->width - 2 * p->pad, rh = p->out->height - 2 * p->pad;
	gravity_share(p->opt->gravity, &gx, &gy);
	p->out->art = (stk_rect){ p->pad + (uint32_t)floor((rw - dw) * gx),
	                          p->pad + (uint32_t)floor((rh - dh) * gy), dw, dh };
}

/* The pixel filter enlarges by whole numbers only. */
static double whole_scale(const struct plan *p, double s)
{
	return p->opt->filter == STK_FILTER_PIXEL && s > 1 ? floor(s) : s;
}

/* All of the art inside the room, aspect kept. */
static void contain(struct plan *p)
{
	uint32_t rw = p->out->width - 2 * p->pad, rh = p->out->height - 2 * p->pad;
	double s = whole_scale(p, fmin(rw / p->aw, rh / p->ah));
	if (p->opt->no_upscale && s > 1)
		s = 1;
	place(p, clamp_side(p->aw * s, rw), clamp_side(p->ah * s, rh));
	p->out->src_x = p->ax;
	p->out->src_y = p->ay;
	p->out->src_w = p->aw;
	p->out->src_h = p->ah;
}

/* The room filled, aspect kept: the source window shrinks instead. */
static void cover(struct plan *p)
{
	uint32_t rw = p->out->width - 2 * p->pad, rh = p->out->height - 2 * p->pad;
	double s = fmax(rw / p->aw, rh / p->ah), gx, gy;
	if (p->opt->no_upscale && s > 1)
		s = 1;
	uint32_t dw = clamp_side(fmin(rw, p->aw * s), rw), dh = clamp_side(fmin(rh, p->ah * s), rh);
	gravity_share(p->opt->gravity, &gx, &gy);
	place(p, dw, dh);
	p->out->src_w = fmin(p->aw, dw / s);
	p->out->src_h = fmin(p->ah, dh / s);
	p->out->src_x = p->ax + (p->aw - p->out->src_w) * gx;
	p->out->src_y = p->ay + (p->ah - p->out->src_h) * gy;
}

static void fill(struct plan *p)
{
	uint32_t rw = p->out->width - 2 * p->pad, rh = p->out->height - 2 * p->pad;
	if (p->opt->no_upscale)
		place(p, clamp_side(fmin(rw, p->aw), rw), clamp_side(fmin(rh, p->ah), rh));
	else
		place(p, rw, rh);
	p->out->src_x = p->ax;
	p->out->src_y = p->ay;
	p->out->src_w = p->aw;
	p->out->src_h = p->ah;
}

static stk_status check_room(const struct plan *p, uint32_t w, uint32_t h, stk_error *err)
{
	if (w <= 2 * p->pad || h <= 2 * p->pad)
		return stk__fail(err, STK_ERR_INVALID_ARG,
		                 "margin and outline (%u px a side) leave no room for the art "
		                 "in %ux%u", p->pad, w, h);
	return STK_OK;
}

/* Canvas sides that follow the art: the fitted art plus the pad (for
 * STK_SIZE_SIDE the longer side stays exact and no_upscale only keeps the
 * art small), then with `even` rounded down and the art fitted again. */
static stk_status art_sized_canvas(struct plan *p, uint32_t w, uint32_t h, stk_error *err)
{
	bool side = p->opt->mode == STK_SIZE_SIDE;
	uint32_t rw = w - 2 * p->pad, rh = h - 2 * p->pad;
	double s = fmin(rw / p->aw, rh / p->ah);
	if (!side)
		s = whole_scale(p, s);
	if (!side && p->opt->no_upscale && s > 1)
		s = 1;
	p->out->width = clamp_side(p->aw * s, rw) + 2 * p->pad;
	p->out->height = clamp_side(p->ah * s, rh) + 2 * p->pad;
	if (side && p->aw >= p->ah)
		p->out->width = w;
	else if (side)
		p->out->height = h;
	if (p->opt->even) {
		p->out->width -= p->out->width & 1;
		p->out->height -= p->out->height & 1;
		STK_TRY(check_room(p, p->out->width, p->out->height, err));
	}
	contain(p);
	return STK_OK;
}

static stk_status check_art(uint32_t src_w, uint32_t src_h, const stk_rect *a, stk_error *err)
{
	if (src_w == 0 || src_h == 0)
		return stk__fail(err, STK_ERR_INVALID_ARG, "source %ux%u has no pixels",
		                 src_w, src_h);
	if (a && (a->w == 0 || a->h == 0 || a->x > src_w || a->y > src_h ||
	          a->w > src_w - a->x || a->h > src_h - a->y))
		return stk__fail(err, STK_ERR_INVALID_ARG, "art box %ux%u+%u+%u is not inside "
		                 "%ux%u", a->w, a->h, a->x, a->y, src_w, src_h);
	return STK_OK;
}

static uint32_t pad_of(const stk_resize_options *opt)
{
	uint32_t base = opt->mode == STK_SIZE_SIDE ? opt->width
	              : opt->width < opt->height ? opt->width : opt->height;
	double m = opt->margin_percent ? opt->margin * base / 100 : opt->margin;
	return (uint32_t)floor(m + 0.5) + (uint32_t)ceil(opt->outline);
}

stk_status stk_resize_plan(uint32_t src_w, uint32_t src_h, const stk_rect *art,
                           const stk_resize_options *opt, stk_resize_layout *out,
                           stk_error *err)
{
	STK_TRY(stk_resize_options_check(opt, err));
	STK_TRY(check_art(src_w, src_h, art, err));
	struct plan p = { opt, 0, 0, src_w, src_h, pad_of(opt), out };
	if (art) {
		p.ax = art->x;
		p.ay = art->y;
		p.aw = art->w;
		p.ah = art->h;
	}
	out->pad = p.pad;
	uint32_t w = opt->width, h = opt->mode == STK_SIZE_SIDE ? opt->width : opt->height;
	STK_TRY(check_room(&p, w, h, err));
	if (opt->mode == STK_SIZE_AT_MOST || opt->mode == STK_SIZE_SIDE)
		return art_sized_canvas(&p, w, h, err);
	out->width = w;
	out->height = h;
	switch (opt->fit) {
	case STK_FIT_COVER: cover(&p); break;
	case STK_FIT_FILL: fill(&p); break;
	case STK_FIT_CONTAIN: contain(&p); break;
	}
	return STK_OK;
}
