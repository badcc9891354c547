/*
 * gif_enc.c - GIF encoding: giflib writes, libimagequant picks colours.
 *
 * One global palette serves every frame.  Frames that use few enough
 * colours in all keep them exactly; otherwise libimagequant builds one
 * palette from a histogram of every frame and remaps each frame with
 * dithering.  GIF alpha is binary: alpha < 128 becomes the transparent
 * index.  Each frame is cropped to its opaque pixels and disposed to
 * background (which browsers clear to transparent), so every frame shows
 * on its own, as the model's full-canvas frames do.
 */
#include <stdlib.h>
#include <string.h>
#include <gif_lib.h>
#include <libimagequant.h>
#include "internal.h"

#define GIF_MAX_SIDE 65535u
#define OPAQUE_MIN   128       /* alpha at or above this is opaque */
#define SET_BITS     10        /* colour set: 1024 slots for at most 256 keys */
#define SET_SLOTS    (1u << SET_BITS)
#define SET_EMPTY    0xffffffffu

/* The colours of the output: RGB entries and the transparent index. */
struct palette {
	GifColorType colors[256];
	int count;
	int transparent;   /* index, or -1 when no pixel is transparent */
};

/* Distinct opaque colours, 0xBBGGRR keys, in order of first use. */
struct colour_set {
	uint32_t key[SET_SLOTS];
	uint8_t index[SET_SLOTS];
	int count;
};

/* How frames become indices: exactly through the set, or by remapping. */
struct mapper {
	struct palette pal;
	struct colour_set *set;   /* lossless when non-NULL */
	liq_attr *attr;
	liq_result *res;
	uint8_t *scratch;         /* one frame with binary alpha, for liq */
	bool opaque_entry[256];
};

struct writer {
	stk_buf *out;
	size_t cap;
	stk_status status;
	stk_error *err;
};

static uint32_t pixel_key(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

static uint32_t set_slot(const struct colour_set *s, uint32_t key)
{
	uint32_t i = (key * 0x9e3779b1u) >> (32 - SET_BITS);
	while (s->key[i] != SET_EMPTY && s->key[i] != key)
		i = (i + 1) & (SET_SLOTS - 1);
	return i;
}

/* Adds a colour; false once more than `limit` colours are seen. */
static bool set_add(struct colour_set *s, uint32_t key, int limit)
{
	uint32_t i = set_slot(s, key);
	if (s->key[i] == key)
		return true;
	if (s->count >= limit)
		return false;
	s->key[i] = key;
	s->index[i] = (uint8_t)s->count++;
	return true;
}

/* ---- looking at the pixels ---- */

/* Finds whether any pixel is transparent and collects the opaque colours
 * while there are at most `limit`; *fits is false past that. */
static void scan_frames(const stk_image *img, struct colour_set *set, int limit,
                        bool *has_transparent, bool *fits)
{
	size_t npix = (size_t)stk_image_width(img) * stk_image_height(img);
	bool trans = false, ok = true;
	uint32_t last = SET_EMPTY;
	for (uint32_t f = 0; f < stk_image_frame_count(img); f++) {
		const uint8_t *p = stk_image_frame_rgba_const(img, f);
		for (size_t i = 0; i < npix; i++, p += 4) {
			if (p[3] < OPAQUE_MIN) {
				trans = true;
				continue;
			}
			uint32_t key = pixel_key(p);
			if (!ok || key == last)
				continue;
			ok = set_add(set, key, limit);
			last = key;
		}
	}
	*has_transparent = trans;
	*fits = ok;
}

static void binarize_alpha(const uint8_t *src, uint8_t *dst, size_t npix)
{
	for (size_t i = 0; i < npix; i++, src += 4, dst += 4) {
		if (src[3] < OPAQUE_MIN) {
			memset(dst, 0, 4);
		} else {
			memcpy(dst, src, 3);
			dst[3] = 255;
		}
	}
}

/* ---- choosing the palette ---- */

static void exact_palette(struct mapper *m, bool has_transparent)
{
	struct colour_set *s = m->set;
	for (uint32_t i = 0; i < SET_SLOTS; i++) {
		if (s->key[i] == SET_EMPTY)
			continue;
		GifColorType *c = &m->pal.colors[s->index[i]];
		c->Red = s->key[i] & 0xff;
		c->Green = (s->key[i] >> 8) & 0xff;
		c->Blue = (s->key[i] >> 16) & 0xff;
	}
	m->pal.count = s->count;
	m->pal.transparent = has_transparent ? m->pal.count++ : -1;
}

static stk_status liq_fail(liq_error e, const char *what, stk_error *err)
{
	if (e == LIQ_OUT_OF_MEMORY)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return stk__fail(err, STK_ERR_ENCODE, "GIF: %s failed (libimagequant error %d)", what,
	                 (int)e);
}

static stk_status add_histogram(struct mapper *m, liq_histogram *hist, const stk_image *img,
                                stk_error *err)
{
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	for (uint32_t f = 0; f < stk_image_frame_count(img); f++) {
		binarize_alpha(stk_image_frame_rgba_const(img, f), m->scratch, (size_t)w * h);
		liq_image *li = liq_image_create_rgba(m->attr, m->scratch, (int)w, (int)h, 0);
		if (!li)
			return stk__fail(err, STK_ERR_ENCODE, "GIF: libimagequant refused a %ux%u frame",
			                 w, h);
		liq_error e = liq_histogram_add_image(hist, m->attr, li);
		liq_image_destroy(li);
		if (e != LIQ_OK)
			return liq_fail(e, "colour histogram", err);
	}
	return STK_OK;
}

/* Copies liq's palette; the transparent colour is its fully clear entry. */
static stk_status take_liq_palette(struct mapper *m, bool has_transparent, stk_error *err)
{
	const liq_palette *lp = liq_get_palette(m->res);
	m->pal.count = (int)lp->count;
	m->pal.transparent = -1;
	for (int i = 0; i < m->pal.count; i++) {
		const liq_color *c = &lp->entries[i];
		m->pal.colors[i] = (GifColorType){ c->r, c->g, c->b };
		m->opaque_entry[i] = c->a >= OPAQUE_MIN;
		if (!m->opaque_entry[i] && m->pal.transparent < 0)
			m->pal.transparent = i;
	}
	if (has_transparent && m->pal.transparent < 0) {
		if (m->pal.count >= 256)
			return stk__fail(err, STK_ERR_ENCODE, "GIF: no palette entry left for "
			                 "transparency");
		m->pal.colors[m->pal.count] = (GifColorType){ 0, 0, 0 };
		m->pal.transparent = m->pal.count++;
	}
	return STK_OK;
}

/* One palette for all frames from a histogram of all of them; the clear
 * colour is fixed in it, so opaque colours get max_colors - 1 entries. */
static stk_status quantize(struct mapper *m, const stk_image *img, int max_colors,
                           bool has_transparent, stk_error *err)
{
	size_t bytes;
	stk__rgba_size(stk_image_width(img), stk_image_height(img), &bytes);
	m->scratch = malloc(bytes);
	m->attr = liq_attr_create();
	if (!m->scratch || !m->attr)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	liq_error e = liq_set_max_colors(m->attr, max_colors);
	if (e != LIQ_OK)
		return liq_fail(e, "setting the colour count", err);
	liq_histogram *hist = liq_histogram_create(m->attr);
	if (!hist)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = STK_OK;
	if (has_transparent) {
		e = liq_histogram_add_fixed_color(hist, (liq_color){ 0, 0, 0, 0 }, 0);
		if (e != LIQ_OK)
			s = liq_fail(e, "reserving the transparent colour", err);
	}
	if (s == STK_OK)
		s = add_histogram(m, hist, img, err);
	if (s == STK_OK) {
		e = liq_histogram_quantize(hist, m->attr, &m->res);
		if (e != LIQ_OK)
			s = liq_fail(e, "colour quantization", err);
	}
	liq_histogram_destroy(hist);
	if (s != STK_OK)
		return s;
	liq_set_dithering_level(m->res, 1.0f);
	return take_liq_palette(m, has_transparent, err);
}

static stk_status choose_palette(struct mapper *m, const stk_image *img, int max_colors,
                                 stk_error *err)
{
	bool has_transparent, fits;
	m->set = malloc(sizeof *m->set);
	if (!m->set)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memset(m->set->key, 0xff, sizeof m->set->key);
	m->set->count = 0;
	scan_frames(img, m->set, max_colors, &has_transparent, &fits);
	if (fits && m->set->count + (has_transparent ? 1 : 0) <= max_colors) {
		exact_palette(m, has_transparent);
		return STK_OK;
	}
	free(m->set);
	m->set = NULL;
	return quantize(m, img, max_colors, has_transparent, err);
}

static void mapper_free(struct mapper *m)
{
	free(m->set);
	free(m->scratch);
	if (m->res)
		liq_result_destroy(m->res);
	if (m->attr)
		liq_attr_destroy(m->attr);
}

/* ---- frames to indices ---- */

static void map_exact(const struct mapper *m, const uint8_t *rgba, uint8_t *idx,
                      size_t npix)
{
	uint32_t last = SET_EMPTY;
	uint8_t last_index = 0;
	for (size_t i = 0; i < npix; i++, rgba += 4) {
		if (rgba[3] < OPAQUE_MIN) {
			idx[i] = (uint8_t)m->pal.transparent;
			continue;
		}
		uint32_t key = pixel_key(rgba);
		if (key != last) {
			last = key;
			last_index = m->set->index[set_slot(m->set, key)];
		}
		idx[i] = last_index;
	}
}

static uint8_t nearest_opaque(const struct mapper *m, const uint8_t *p)
{
	int best = 0;
	long best_d = -1;
	for (int i = 0; i < m->pal.count; i++) {
		if (!m->opaque_entry[i])
			continue;
		const GifColorType *c = &m->pal.colors[i];
		long dr = c->Red - p[0], dg = c->Green - p[1], db = c->Blue - p[2];
		long d = dr * dr + dg * dg + db * db;
		if (best_d < 0 || d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return (uint8_t)best;
}

static stk_status map_quantized(struct mapper *m, const uint8_t *rgba, uint32_t w,
                                uint32_t h, uint8_t *idx, stk_error *err)
{
	size_t npix = (size_t)w * h;
	binarize_alpha(rgba, m->scratch, npix);
	liq_image *li = liq_image_create_rgba(m->attr, m->scratch, (int)w, (int)h, 0);
	if (!li)
		return stk__fail(err, STK_ERR_ENCODE, "GIF: libimagequant refused a %ux%u frame",
		                 w, h);
	liq_error e = liq_write_remapped_image(m->res, li, idx, npix);
	liq_image_destroy(li);
	if (e != LIQ_OK)
		return liq_fail(e, "remapping", err);
	/* Alpha is decided here, not by the remapper's nearest colour. */
	for (size_t i = 0; i < npix; i++) {
		if (rgba[i * 4 + 3] < OPAQUE_MIN)
			idx[i] = (uint8_t)m->pal.transparent;
		else if (!m->opaque_entry[idx[i]])
			idx[i] = nearest_opaque(m, rgba + i * 4);
	}
	return STK_OK;
}

static stk_status map_frame(struct mapper *m, const stk_image *img, uint32_t f,
                            uint8_t *idx, stk_error *err)
{
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	const uint8_t *rgba = stk_image_frame_rgba_const(img, f);
	if (m->set) {
		map_exact(m, rgba, idx, (size_t)w * h);
		return STK_OK;
	}
	return map_quantized(m, rgba, w, h, idx, err);
}

/* ---- writing ---- */

static int write_out(GifFileType *gif, const GifByteType *buf, int n)
{
	struct writer *wr = gif->UserData;
	if (wr->status != STK_OK || n < 0)
		return 0;
	wr->status = stk__buf_append(wr->out, &wr->cap, buf, (size_t)n, wr->err);
	return wr->status == STK_OK ? n : 0;
}

static stk_status egif_fail(const struct writer *wr, int code, stk_error *err)
{
	if (wr->status != STK_OK)
		return wr->status; /* our write callback already said why */
	if (code == E_GIF_ERR_NOT_ENOUGH_MEM)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	const char *text = GifErrorString(code);
	return stk__fail(err, STK_ERR_ENCODE, "GIF: %s", text ? text : "giflib error");
}

/* giflib's GIF_OK / GIF_ERROR as our status. */
static stk_status egif_check(GifFileType *gif, int r, stk_error *err)
{
	return r == GIF_ERROR ? egif_fail(gif->UserData, gif->Error, err) : STK_OK;
}

/* Smallest box holding every opaque pixel; 1x1 at the origin when none
 * (a GIF image cannot be empty). */
static stk_rect opaque_bounds(const uint8_t *rgba, uint32_t w, uint32_t h)
{
	stk_rect box;
	if (!stk_alpha_bounds(rgba, w, h, OPAQUE_MIN - 1, &box))
		return (stk_rect){ 0, 0, 1, 1 };
	return box;
}

/* Frame delays in centiseconds, rounded on the running total so the
 * animation keeps its length; a nonzero duration lasts at least 1 cs. */
static int next_delay_cs(uint64_t *elapsed_ms, uint64_t *written_cs, uint32_t ms)
{
	*elapsed_ms += ms;
	uint64_t end_cs = (*elapsed_ms + 5) / 10;
	uint64_t cs = end_cs > *written_cs ? end_cs - *written_cs : 0;
	if (ms > 0 && cs == 0)
		cs = 1;
	if (cs > 65535)
		cs = 65535;
	*written_cs += cs;
	return (int)cs;
}

static int put_loop(GifFileType *gif, uint32_t plays)
{
	uint32_t n = plays == 0 ? 0 : plays - 1;
	if (n > 65535)
		n = 65535;
	const GifByteType sub[3] = { 1, n & 0xff, n >> 8 };
	if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
	    EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
	    EGifPutExtensionBlock(gif, 3, sub) == GIF_ERROR)
		return GIF_ERROR;
	return EGifPutExtensionTrailer(gif);
}

static int put_gce(GifFileType *gif, bool animated, int delay_cs, int transparent)
{
	GraphicsControlBlock gcb = {
		.DisposalMode = animated ? DISPOSE_BACKGROUND : DISPOSAL_UNSPECIFIED,
		.UserInputFlag = false,
		.DelayTime = delay_cs,
		.TransparentColor = transparent,
	};
	GifByteType ext[4];
	size_t n = EGifGCBToExtension(&gcb, ext);
	return EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, (int)n, ext);
}

static int put_pixels(GifFileType *gif, uint8_t *idx, uint32_t w, const stk_rect *b)
{
	if (EGifPutImageDesc(gif, (int)b->x, (int)b->y, (int)b->w, (int)b->h, false,
	                     NULL) == GIF_ERROR)
		return GIF_ERROR;
	for (uint32_t y = b->y; y < b->y + b->h; y++)
		if (EGifPutLine(gif, idx + (size_t)y * w + b->x, (int)b->w) == GIF_ERROR)
			return GIF_ERROR;
	return GIF_OK;
}

static int put_header(GifFileType *gif, const stk_image *img, const struct palette *pal)
{
	int size = 1 << GifBitSize(pal->count);
	ColorMapObject *cmap = GifMakeMapObject(size, pal->colors);
	if (!cmap) {
		gif->Error = E_GIF_ERR_NOT_ENOUGH_MEM;
		return GIF_ERROR;
	}
	EGifSetGifVersion(gif, true);
	/* Background = transparent index, for viewers that paint it. */
	int bg = pal->transparent >= 0 ? pal->transparent : 0;
	int r = EGifPutScreenDesc(gif, (int)stk_image_width(img), (int)stk_image_height(img),
	                          8, bg, cmap);
	GifFreeMapObject(cmap);
	if (r == GIF_ERROR)
		return GIF_ERROR;
	if (stk_image_frame_count(img) > 1 && stk_image_plays(img) != 1)
		return put_loop(gif, stk_image_plays(img));
	return GIF_OK;
}

static stk_status write_frames(GifFileType *gif, const stk_image *img, struct mapper *m,
                               uint8_t *idx, stk_error *err)
{
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	uint32_t n = stk_image_frame_count(img);
	bool animated = n > 1;
	uint64_t elapsed_ms = 0, written_cs = 0;
	for (uint32_t f = 0; f < n; f++) {
		STK_TRY(map_frame(m, img, f, idx, err));
		stk_rect box = opaque_bounds(stk_image_frame_rgba_const(img, f), w, h);
		int delay = next_delay_cs(&elapsed_ms, &written_cs,
		                          stk_image_frame_duration(img, f));
		/* A still image needs the extension only for its transparency. */
		if (animated || m->pal.transparent >= 0)
			STK_TRY(egif_check(gif, put_gce(gif, animated, animated ? delay : 0,
			                                m->pal.transparent), err));
		STK_TRY(egif_check(gif, put_pixels(gif, idx, w, &box), err));
	}
	return STK_OK;
}

static stk_status write_gif(const stk_image *img, struct mapper *m, stk_buf *out,
                            stk_error *err)
{
	struct writer wr = { out, 0, STK_OK, err };
	int code = 0;
	GifFileType *gif = EGifOpen(&wr, write_out, &code);
	if (!gif)
		return egif_fail(&wr, code, err);
	uint8_t *idx = malloc((size_t)stk_image_width(img) * stk_image_height(img));
	stk_status s = idx ? egif_check(gif, put_header(gif, img, &m->pal), err)
	                   : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK)
		s = write_frames(gif, img, m, idx, err);
	free(idx);
	/* Closing writes the trailer and frees gif whatever happened before. */
	if (EGifCloseFile(gif, &code) == GIF_ERROR && s == STK_OK)
		s = egif_fail(&wr, code, err);
	if (s == STK_OK && wr.status != STK_OK)
		s = wr.status; /* a write giflib did not check */
	return s;
}

stk_status stk__gif_encode(const stk_image *img, const stk_encode_options *opt,
                           stk_buf *out, stk_error *err)
{
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	if (w > GIF_MAX_SIDE || h > GIF_MAX_SIDE)
		return stk__fail(err, STK_ERR_ENCODE, "GIF: %ux%u is over the format's limit of "
		                 "65535 pixels a side", w, h);
	struct mapper m;
	memset(&m, 0, sizeof m);
	stk_status s = choose_palette(&m, img, opt->max_colors, err);
	if (s == STK_OK)
		s = write_gif(img, &m, out, err);
	mapper_free(&m);
	if (s != STK_OK)
		stk_buf_release(out);
	return s;
}
