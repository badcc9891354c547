/*
 * png_enc.c - PNG encoding: libpng writes each stream (zlib level 9;
 * unfiltered or all filters, as a quick trial picks) in the colour layout
 * png_palette.c chose; more than one frame, or APNG asked for, goes to
 * apng_enc.c.  Lossless unless quantizing: straight alpha, and the RGB
 * under transparent pixels kept as given.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include "png_enc.h"
#include "stk_limits.h"

/* Where libpng's output and failures go. */
struct sink {
	stk_buf *out;         /* NULL: only count the bytes */
	size_t *cap;
	stk_error *err;
	stk_status status;    /* set when appending failed (err already filled) */
	size_t bytes;
	char msg[200];        /* libpng's message */
};

static void on_error(png_structp png, png_const_charp msg)
{
	struct sink *s = png_get_error_ptr(png);
	snprintf(s->msg, sizeof s->msg, "%s", msg);
	png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png; (void)msg; /* the library never prints */
}

static void on_write(png_structp png, png_bytep data, size_t len)
{
	struct sink *s = png_get_io_ptr(png);
	s->bytes += len;
	if (s->out && stk__buf_append(s->out, s->cap, data, len, s->err) != STK_OK) {
		s->status = STK_ERR_NOMEM;
		png_error(png, "out of memory");
	}
}

static void on_flush(png_structp png)
{
	(void)png;
}

/* Row y of r as libpng takes it: palette indices and RGBA as they are,
 * other layouts converted into buf. */
static const uint8_t *row_for(const stk__png_plan *p, const uint8_t *pixels,
                              stk__png_rect r, uint32_t y, uint8_t *buf)
{
	const uint8_t *src = pixels + ((size_t)(r.y + y) * p->width + r.x) * p->psize;
	switch (p->color_type) {
	case PNG_COLOR_TYPE_GRAY:
		for (uint32_t x = 0; x < r.w; x++)
			buf[x] = src[x * 4];
		return buf;
	case PNG_COLOR_TYPE_GRAY_ALPHA:
		for (uint32_t x = 0; x < r.w; x++) {
			buf[x * 2] = src[x * 4];
			buf[x * 2 + 1] = src[x * 4 + 3];
		}
		return buf;
	case PNG_COLOR_TYPE_RGB:
		for (uint32_t x = 0; x < r.w; x++) {
			buf[x * 3] = src[x * 4];
			buf[x * 3 + 1] = src[x * 4 + 1];
			buf[x * 3 + 2] = src[x * 4 + 2];
		}
		return buf;
	default:
		return src;
	}
}

/* Room for the compressed stream in one IDAT when it is not huge. */
static size_t zbuf_size(const stk__png_plan *p, stk__png_rect r)
{
	size_t raw = ((size_t)r.w * p->channels * p->bit_depth + 7) / 8 + 1;
	raw *= r.h;
	return raw < 8192 ? 8192 : raw > (1u << 20) ? (1u << 20) : raw;
}

static void set_metadata(png_structp png, png_infop info, const stk__png_meta *m)
{
	if (m->icc)
		png_set_iCCP(png, info, "ICC Profile", PNG_COMPRESSION_TYPE_BASE, m->icc,
		             (png_uint_32)m->icc_len);
	else if (m->srgb)
		png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
	if (m->exif)
		png_set_eXIf_1(png, info, (png_uint_32)m->exif_len, (png_bytep)m->exif);
	if (m->xmp) {
		png_text t;
		memset(&t, 0, sizeof t);
		t.compression = PNG_ITXT_COMPRESSION_zTXt;
		t.key = "XML:com.adobe.xmp";
		t.text = m->xmp;
		t.lang = "";
		t.lang_key = "";
		png_set_text(png, info, &t, 1);
	}
}

static void set_header(png_structp png, png_infop info, const stk__png_plan *p,
                       stk__png_rect r)
{
	png_set_IHDR(png, info, r.w, r.h, p->bit_depth, p->color_type, PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
	if (p->keyed) {
		png_color_16 key;
		memset(&key, 0, sizeof key);
		key.red = p->key[0];
		key.green = p->key[1];
		key.blue = p->key[2];
		key.gray = p->key[0];
		png_set_tRNS(png, info, NULL, 0, &key);
	}
	if (p->color_type != PNG_COLOR_TYPE_PALETTE)
		return;
	png_color plte[256];
	for (int i = 0; i < p->nplte; i++)
		plte[i] = (png_color){ p->plte[i * 3], p->plte[i * 3 + 1], p->plte[i * 3 + 2] };
	png_set_PLTE(png, info, plte, p->nplte);
	if (p->ntrns)
		png_set_tRNS(png, info, p->trns, p->ntrns, NULL);
}

/* The libpng part; everything it may leave behind is freed here. */
static stk_status write_stream(const stk__png_plan *p, const uint8_t *pixels,
                               stk__png_rect r, const stk__png_meta *meta, int filters,
                               int level, uint8_t *rowbuf, struct sink *s)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, s, on_error,
	                                          on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return stk__fail(s->err, STK_ERR_NOMEM, "out of memory");
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		if (s->status != STK_OK)
			return s->status;
		return stk__fail(s->err, STK_ERR_ENCODE, "PNG: %s", s->msg);
	}
	png_set_write_fn(png, s, on_write, on_flush);
	png_set_benign_errors(png, 1); /* an ICC profile libpng dislikes is left out */
	png_set_compression_level(png, level);
	png_set_compression_mem_level(png, 9);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
	png_set_compression_buffer_size(png, zbuf_size(p, r));
	set_header(png, info, p, r);
	if (meta)
		set_metadata(png, info, meta);
	png_write_info(png, info);
	if (p->bit_depth < 8)
		png_set_packing(png);
	for (uint32_t y = 0; y < r.h; y++)
		png_write_row(png, row_for(p, pixels, r, y, rowbuf));
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	return STK_OK;
}

/* Size of the stream at zlib level 1: cheap, and on the corpus it ranks
 * the filter choices as level 9 does. */
static stk_status trial_size(const stk__png_plan *p, const uint8_t *pixels, stk__png_rect r,
                             int filters, uint8_t *rowbuf, size_t *bytes, stk_error *err)
{
	struct sink s = { NULL, NULL, err, STK_OK, 0, "" };
	STK_TRY(write_stream(p, pixels, r, NULL, filters, 1, rowbuf, &s));
	*bytes = s.bytes;
	return STK_OK;
}

/* Filters predict sample values: soft gradients come out smaller filtered,
 * flat sticker art often 10-25% smaller unfiltered, so a trial decides.
 * Palette indices are not values: palettes are never filtered. */
static stk_status pick_filters(const stk__png_plan *p, const uint8_t *pixels,
                               stk__png_rect r, uint8_t *rowbuf, int *filters,
                               stk_error *err)
{
	size_t none, all;
	*filters = PNG_FILTER_NONE;
	if (p->color_type == PNG_COLOR_TYPE_PALETTE)
		return STK_OK;
	STK_TRY(trial_size(p, pixels, r, PNG_FILTER_NONE, rowbuf, &none, err));
	STK_TRY(trial_size(p, pixels, r, PNG_ALL_FILTERS, rowbuf, &all, err));
	if (all < none)
		*filters = PNG_ALL_FILTERS;
	return STK_OK;
}

stk_status stk__png_write(const stk__png_plan *p, const uint8_t *pixels, stk__png_rect r,
                          const stk__png_meta *meta, stk_buf *out, size_t *cap,
                          stk_error *err)
{
	struct sink s = { out, cap, err, STK_OK, 0, "" };
	int filters;
	uint8_t *rowbuf = malloc((size_t)r.w * 4);
	if (!rowbuf)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status st = pick_filters(p, pixels, r, rowbuf, &filters, err);
	if (st == STK_OK)
		st = write_stream(p, pixels, r, meta, filters, 9, rowbuf, &s);
	free(rowbuf);
	return st;
}

/* ---- metadata ---- */

/* What the image's ICC profile needs; NONE when it is not written. */
static stk__png_icc icc_kind(const stk_image *img, const stk_encode_options *opt)
{
	const uint8_t *icc;
	size_t len;
	if (!opt->keep_metadata || stk_image_source(img)->icc_converted ||
	    !stk_image_metadata(img, STK_META_ICC, &icc, &len) || len < 132)
		return STK__ICC_NONE;
	if (memcmp(icc + 16, "RGB ", 4) == 0)
		return STK__ICC_RGB;
	if (memcmp(icc + 16, "GRAY", 4) == 0)
		return STK__ICC_GRAY;
	return STK__ICC_NONE; /* CMYK and others cannot describe a PNG */
}

static bool is_gray(int color_type)
{
	return color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA;
}

static stk_status meta_prepare(const stk_image *img, const stk_encode_options *opt,
                               const stk__png_plan *p, stk__png_icc icc,
                               stk__png_meta *m, stk_error *err)
{
	const uint8_t *data;
	size_t len;
	memset(m, 0, sizeof *m);
	if (!opt->keep_metadata)
		return STK_OK;
	/* Converted pixels are sRGB now; the original profile would be wrong. */
	m->srgb = stk_image_source(img)->icc_converted;
	if (icc == STK__ICC_RGB || (icc == STK__ICC_GRAY && is_gray(p->color_type)))
		stk_image_metadata(img, STK_META_ICC, &m->icc, &m->icc_len);
	if (stk_image_metadata(img, STK_META_EXIF, &data, &len)) {
		/* eXIf holds the TIFF stream itself, without JPEG's APP1 prefix. */
		if (len > 6 && memcmp(data, "Exif\0\0", 6) == 0) {
			data += 6;
			len -= 6;
		}
		m->exif = data;
		m->exif_len = len;
	}
	/* XMP carried over is bounded (and written compressed): an 8 KB PNG
	 * whose packet inflates to 8 MB does not become an 8 MB output. */
	if (stk_image_metadata(img, STK_META_XMP, &data, &len) && len <= STK_LIMIT_META_OUT_BYTES &&
	    !memchr(data, 0, len)) {
		m->xmp = malloc(len + 1);
		if (!m->xmp)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		memcpy(m->xmp, data, len);
		m->xmp[len] = '\0';
	}
	return STK_OK;
}

/* ---- entry point ---- */

static stk_status encode_still(const stk_image *img, stk__png_plan *p,
                               const stk__png_meta *meta, stk_buf *out, stk_error *err)
{
	const uint8_t *pixels;
	size_t cap = 0;
	uint8_t *scratch = NULL;
	stk_status s;
	if (p->psize == 1 && !(scratch = malloc((size_t)p->width * p->height)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	s = stk__png_plan_frame(p, img, 0, scratch, &pixels, err);
	if (s == STK_OK)
		s = stk__png_write(p, pixels, (stk__png_rect){ 0, 0, p->width, p->height }, meta,
		                   out, &cap, err);
	free(scratch);
	return s;
}

stk_status stk__png_encode(const stk_image *img, const stk_encode_options *opt,
                           stk_buf *out, stk_error *err)
{
	stk__png_plan plan;
	stk__png_meta meta;
	stk__png_icc icc = icc_kind(img, opt);
	STK_TRY(stk__png_plan_init(&plan, img, opt, icc, err));
	stk_status s = meta_prepare(img, opt, &plan, icc, &meta, err);
	if (s == STK_OK) {
		if (stk_image_frame_count(img) > 1 || opt->format == STK_FORMAT_APNG)
			s = stk__apng_encode(img, &plan, &meta, out, err);
		else
			s = encode_still(img, &plan, &meta, out, err);
	}
	free(meta.xmp);
	stk__png_plan_free(&plan);
	if (s != STK_OK)
		stk_buf_release(out);
	return s;
}
