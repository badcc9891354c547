/*
 * png_palette.c - the PNG colour layout shared by all frames: an exact
 * palette when there are 256 RGBA colours or fewer, a libimagequant palette
 * when asked to quantize, else gray, gray+alpha, RGB or RGBA by content.
 */
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include <libimagequant.h>
#include "png_enc.h"

#define MAP_BITS 10
#define MAP_SLOTS (1u << MAP_BITS) /* 4x the most colours kept: short probes */
#define MAP_EMPTY 0xffffu

/* Open-addressing set of RGBA values (4 bytes as loaded from memory). */
struct stk__colour_map {
	uint32_t key[MAP_SLOTS];
	uint16_t val[MAP_SLOTS];    /* first-seen order, then palette index */
	uint32_t colours[256];      /* in first-seen order */
	uint32_t n;
};

/* What a pass over all pixels found. */
struct census {
	bool alpha;    /* some alpha below 255 */
	bool colour;   /* some pixel with r, g, b not all equal */
	bool many;     /* more than 256 distinct colours */
	bool partial;  /* some alpha other than 0 and 255 */
	bool mixed;    /* non-opaque pixels of more than one RGBA value */
	uint32_t key;  /* the first non-opaque pixel */
};

static inline uint32_t load_px(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* The slot holding key, or the empty slot where it belongs. */
static inline uint32_t map_slot(const struct stk__colour_map *m, uint32_t key)
{
	uint32_t s = (key * 2654435761u) >> (32 - MAP_BITS);
	while (m->val[s] != MAP_EMPTY && m->key[s] != key)
		s = (s + 1) & (MAP_SLOTS - 1);
	return s;
}

/* Adds key; false when it is a 257th colour. */
static bool map_add(struct stk__colour_map *m, uint32_t key)
{
	uint32_t s = map_slot(m, key);
	if (m->val[s] != MAP_EMPTY)
		return true;
	if (m->n == 256)
		return false;
	m->key[s] = key;
	m->val[s] = (uint16_t)m->n;
	m->colours[m->n++] = key;
	return true;
}

/* Counts one frame's colours; true once nothing more can be learnt. */
static bool census_frame(struct stk__colour_map *m, struct census *c,
                         const uint8_t *rgba, size_t npix)
{
	uint32_t last = ~load_px(rgba);
	for (size_t i = 0; i < npix; i++) {
		const uint8_t *px = rgba + i * 4;
		uint32_t v = load_px(px);
		if (v == last)
			continue; /* runs of one colour are the common case */
		last = v;
		if (px[3] != 255) {
			if (!c->alpha)
				c->key = v;
			c->alpha = true;
			c->partial |= px[3] != 0;
			c->mixed |= v != c->key;
		}
		c->colour |= px[0] != px[1] || px[1] != px[2];
		if (!c->many)
			c->many = !map_add(m, v);
		else if (c->alpha && c->colour && (c->partial || c->mixed))
			return true;
	}
	return false;
}

static int palette_depth(int n)
{
	return n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
}

/* Fills PLTE/tRNS from n RGBA entries, translucent ones first so tRNS
 * ends at the last of them; perm[i] is the new index of entry i. */
static void set_palette(stk__png_plan *p, const uint8_t (*rgba)[4], int n, uint8_t *perm)
{
	int k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			if ((rgba[i][3] == 255) != (pass == 1))
				continue;
			memcpy(p->plte + k * 3, rgba[i], 3);
			p->trns[k] = rgba[i][3];
			if (pass == 0)
				p->ntrns = k + 1;
			perm[i] = (uint8_t)k++;
		}
	p->nplte = n;
}

static void plan_exact_palette(stk__png_plan *p)
{
	struct stk__colour_map *m = p->map;
	uint8_t rgba[256][4], perm[256];
	for (uint32_t i = 0; i < m->n; i++)
		memcpy(rgba[i], &m->colours[i], 4);
	set_palette(p, (const uint8_t (*)[4])rgba, (int)m->n, perm);
	for (uint32_t s = 0; s < MAP_SLOTS; s++)
		if (m->val[s] != MAP_EMPTY)
			m->val[s] = perm[m->val[s]];
	p->color_type = PNG_COLOR_TYPE_PALETTE;
	p->bit_depth = palette_depth(p->nplte);
}

static void set_liq_palette(stk__png_plan *p, const liq_palette *lp)
{
	uint8_t rgba[256][4];
	for (unsigned i = 0; i < lp->count; i++) {
		rgba[i][0] = lp->entries[i].r;
		rgba[i][1] = lp->entries[i].g;
		rgba[i][2] = lp->entries[i].b;
		rgba[i][3] = lp->entries[i].a;
	}
	p->ntrns = 0;
	set_palette(p, (const uint8_t (*)[4])rgba, (int)lp->count, p->perm);
}

static stk_status liq_fail(stk_error *err, liq_error e, const char *what)
{
	if (e == LIQ_OUT_OF_MEMORY)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return stk__fail(err, STK_ERR_ENCODE, "PNG: quantizing failed (%s, error %d)",
	                 what, (int)e);
}

/* One palette from the histogram of every frame (lossy). */
static stk_status plan_quantized(stk__png_plan *p, const stk_image *img, int colors,
                                 stk_error *err)
{
	uint32_t n = stk_image_frame_count(img);
	liq_histogram *hist = NULL;
	liq_error e = LIQ_OK;
	p->liq_attr = liq_attr_create();
	if (!p->liq_attr)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	liq_set_max_colors(p->liq_attr, colors);
	hist = liq_histogram_create(p->liq_attr);
	if (!hist)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < n && e == LIQ_OK; i++) {
		liq_image *im = liq_image_create_rgba(p->liq_attr, stk_image_frame_rgba_const(img, i),
		                                      (int)p->width, (int)p->height, 0);
		if (!im) {
			e = LIQ_OUT_OF_MEMORY;
			break;
		}
		e = liq_histogram_add_image(hist, p->liq_attr, im);
		liq_image_destroy(im);
	}
	if (e == LIQ_OK)
		e = liq_histogram_quantize(hist, p->liq_attr, &p->liq_res);
	liq_histogram_destroy(hist);
	if (e != LIQ_OK)
		return liq_fail(err, e, "palette");
	liq_set_dithering_level(p->liq_res, 1.0f);
	/* Remapping refines the palette for the image it maps; frames must share
	 * one, so animations keep the palette made from all of them. */
	set_liq_palette(p, liq_get_palette(p->liq_res));
	p->refine = n == 1;
	p->color_type = PNG_COLOR_TYPE_PALETTE;
	p->bit_depth = palette_depth(p->nplte);
	return STK_OK;
}

/* Whether an opaque pixel has the RGB of the transparent ones. */
static bool key_taken(const stk_image *img, const uint8_t key[4])
{
	size_t npix = (size_t)stk_image_width(img) * stk_image_height(img);
	for (uint32_t i = 0; i < stk_image_frame_count(img); i++) {
		const uint8_t *px = stk_image_frame_rgba_const(img, i);
		for (size_t k = 0; k < npix; k++, px += 4)
			if (px[3] == 255 && px[0] == key[0] && px[1] == key[1] && px[2] == key[2])
				return true;
	}
	return false;
}

/* Gray or RGB, with an alpha channel, or with a tRNS colour key when every
 * transparent pixel is one RGBA value that no opaque pixel shares: a
 * quarter (a half for gray) fewer bytes, still exact. */
static void plan_direct(stk__png_plan *p, const stk_image *img, const struct census *c,
                        stk__png_icc icc)
{
	bool gray = !c->colour && icc != STK__ICC_RGB;
	bool alpha = c->alpha;
	if (alpha && !c->partial && !c->mixed) {
		memcpy(p->key, &c->key, 4);
		p->keyed = !key_taken(img, p->key);
		alpha = !p->keyed;
	}
	if (gray)
		p->color_type = alpha ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY;
	else
		p->color_type = alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB;
	p->channels = (gray ? 1 : 3) + alpha;
	p->bit_depth = 8;
	p->psize = 4;
}

stk_status stk__png_plan_init(stk__png_plan *p, const stk_image *img,
                              const stk_encode_options *opt, stk__png_icc icc,
                              stk_error *err)
{
	struct census c = { false, false, false, false, false, 0 };
	uint32_t n = stk_image_frame_count(img);
	memset(p, 0, sizeof *p);
	p->width = stk_image_width(img);
	p->height = stk_image_height(img);
	p->map = malloc(sizeof *p->map);
	if (!p->map)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memset(p->map->val, 0xff, sizeof p->map->val);
	p->map->n = 0;
	size_t npix = (size_t)p->width * p->height;
	for (uint32_t i = 0; i < n; i++)
		if (census_frame(p->map, &c, stk_image_frame_rgba_const(img, i), npix))
			break;

	/* A gray profile is only valid on a gray PNG, which a palette is not. */
	bool gray_only = icc == STK__ICC_GRAY && !c.colour;
	bool fits = !c.many && (opt->png_palette < 0 || (int)p->map->n <= opt->max_colors);
	if (opt->png_palette != 0 && fits && !gray_only) {
		plan_exact_palette(p);
	} else if (opt->png_palette > 0 && !gray_only) {
		stk_status s = plan_quantized(p, img, opt->max_colors, err);
		if (s != STK_OK) {
			stk__png_plan_free(p);
			return s;
		}
	} else {
		plan_direct(p, img, &c, icc);
		return STK_OK;
	}
	p->channels = 1;
	p->psize = 1;
	return STK_OK;
}

static void map_frame(const struct stk__colour_map *m, const uint8_t *rgba, size_t npix,
                      uint8_t *out)
{
	uint32_t last = ~load_px(rgba);
	uint8_t idx = 0;
	for (size_t i = 0; i < npix; i++) {
		uint32_t v = load_px(rgba + i * 4);
		if (v != last) {
			last = v;
			idx = (uint8_t)m->val[map_slot(m, v)];
		}
		out[i] = idx;
	}
}

static stk_status remap_frame(stk__png_plan *p, const uint8_t *rgba, uint8_t *out,
                              stk_error *err)
{
	size_t npix = (size_t)p->width * p->height;
	liq_image *im = liq_image_create_rgba(p->liq_attr, rgba, (int)p->width,
	                                      (int)p->height, 0);
	if (!im)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	liq_error e = liq_write_remapped_image(p->liq_res, im, out, npix);
	liq_image_destroy(im);
	if (e != LIQ_OK)
		return liq_fail(err, e, "remapping");
	if (p->refine)
		set_liq_palette(p, liq_get_palette(p->liq_res));
	for (size_t i = 0; i < npix; i++)
		out[i] = p->perm[out[i]];
	return STK_OK;
}

stk_status stk__png_plan_frame(stk__png_plan *p, const stk_image *img, uint32_t i,
                               uint8_t *scratch, const uint8_t **pixels, stk_error *err)
{
	const uint8_t *rgba = stk_image_frame_rgba_const(img, i);
	*pixels = rgba;
	if (p->psize == 4)
		return STK_OK;
	*pixels = scratch;
	if (p->liq_res)
		return remap_frame(p, rgba, scratch, err);
	map_frame(p->map, rgba, (size_t)p->width * p->height, scratch);
	return STK_OK;
}

void stk__png_plan_free(stk__png_plan *p)
{
	if (p->liq_res)
		liq_result_destroy(p->liq_res);
	if (p->liq_attr)
		liq_attr_destroy(p->liq_attr);
	free(p->map);
	memset(p, 0, sizeof *p);
}
