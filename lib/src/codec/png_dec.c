/*
 * png_dec.c - PNG decoding (APNG frames: apng_dec.c).
 *
 * A structure pass walks every chunk first: lengths inside the file, every
 * CRC, IHDR first, IEND present.  The canvas (and so the pixel limit) is
 * settled as soon as IHDR is read, before anything large is allocated.
 * Pixels then come from libpng, fed a small PNG rebuilt in memory (IHDR,
 * PLTE, tRNS, IDAT, IEND): stills and APNG frames take the same path, and
 * libpng never sees the ancillary chunks we interpret ourselves.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include <zlib.h>
#include "png_chunks.h"
#include "stk_limits.h"

/* Cap on inflated metadata (ICC, XMP) and on chunks libpng buffers. */
#define PNG_META_MAX STK_LIMIT_META_INFLATE_BYTES

static const uint8_t png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* ---- chunk walker ---- */

void stk__png_walk_init(stk__png_walk *w, const uint8_t *data, size_t len, bool check_crc)
{
	w->data = data;
	w->len = len;
	w->pos = sizeof png_signature;
	w->check_crc = check_crc;
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	w->check_crc = false; /* lets a fuzzer reach the parsers behind the CRC */
#endif
}

const char *stk__png_type_name(uint32_t type, char *out)
{
	out[0] = (char)(type >> 24);
	out[1] = (char)(type >> 16);
	out[2] = (char)(type >> 8);
	out[3] = (char)type;
	out[4] = '\0';
	return out;
}

static bool is_letter(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

stk_status stk__png_next(stk__png_walk *w, stk__png_chunk *c, stk_error *err)
{
	char name[5];
	size_t left = w->len - w->pos;
	const uint8_t *p = w->data + w->pos;

	if (left == 0)
		return stk__fail(err, STK_ERR_CORRUPT,
		                 "PNG: file ends without an IEND chunk (truncated?)");
	if (left < 8)
		return stk__fail(err, STK_ERR_CORRUPT,
		                 "PNG: file ends inside a chunk header (truncated?)");
	c->len = stk__png_u32(p);
	c->type = stk__png_u32(p + 4);
	c->data = p + 8;
	if (!is_letter(p[4]) || !is_letter(p[5]) || !is_letter(p[6]) || !is_letter(p[7]))
		return stk__fail(err, STK_ERR_CORRUPT,
		                 "PNG: chunk type 0x%08x at byte %zu is not four letters",
		                 (unsigned)c->type, w->pos + 4);
	stk__png_type_name(c->type, name);
	if (c->len > STK__PNG_MAX_CHUNK)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: %s chunk length %u is over 2^31-1",
		                 name, (unsigned)c->len);
	if ((size_t)c->len + 12 > left)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: file ends inside the %s chunk "
		                 "(truncated?)", name);
	if (w->check_crc) {
		uLong crc = crc32(0L, p + 4, (uInt)c->len + 4);
		if (crc != stk__png_u32(p + 8 + c->len))
			return stk__fail(err, STK_ERR_CORRUPT, "PNG: CRC error in %s chunk", name);
	}
	w->pos += (size_t)c->len + 12;
	return STK_OK;
}

/* ---- small PNG streams for libpng ---- */

static void put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static stk_status put_chunk(stk__png_stream *s, uint32_t type, const uint8_t *data,
                            uint32_t len, stk_error *err)
{
	uint8_t head[8], tail[4];
	put_u32(head, len);
	put_u32(head + 4, type);
	uLong crc = crc32(0L, head + 4, 4);
	if (len)
		crc = crc32(crc, data, len);
	put_u32(tail, (uint32_t)crc);
	STK_TRY(stk__buf_append(&s->buf, &s->cap, head, sizeof head, err));
	STK_TRY(stk__buf_append(&s->buf, &s->cap, data, len, err));
	return stk__buf_append(&s->buf, &s->cap, tail, sizeof tail, err);
}

stk_status stk__png_stream_begin(stk__png_stream *s, const stk__png_file *f, uint32_t w,
                                 uint32_t h, stk_error *err)
{
	uint8_t ihdr[13];
	put_u32(ihdr, w);
	put_u32(ihdr + 4, h);
	ihdr[8] = f->depth;
	ihdr[9] = f->color;
	ihdr[10] = 0;
	ihdr[11] = 0;
	ihdr[12] = f->interlace;
	s->buf.len = 0;
	STK_TRY(stk__buf_append(&s->buf, &s->cap, png_signature, sizeof png_signature, err));
	STK_TRY(put_chunk(s, STK__PNG_IHDR, ihdr, sizeof ihdr, err));
	/* A PLTE in an RGB file is only a suggestion; only palette images need it. */
	if (f->color == PNG_COLOR_TYPE_PALETTE && f->plte.data)
		STK_TRY(put_chunk(s, STK__PNG_PLTE, f->plte.data, f->plte.len, err));
	if (f->trns.data && !(f->color & PNG_COLOR_MASK_ALPHA))
		STK_TRY(put_chunk(s, STK__PNG_tRNS, f->trns.data, f->trns.len, err));
	return STK_OK;
}

stk_status stk__png_stream_add(stk__png_stream *s, const uint8_t *data, uint32_t len,
                               stk_error *err)
{
	return put_chunk(s, STK__PNG_IDAT, data, len, err);
}

stk_status stk__png_stream_end(stk__png_stream *s, stk_error *err)
{
	return put_chunk(s, STK__PNG_IEND, NULL, 0, err);
}

void stk__png_stream_free(stk__png_stream *s)
{
	stk_buf_release(&s->buf);
	s->cap = 0;
}

/* ---- libpng from memory ---- */

struct png_reader {
	jmp_buf jmp;
	char msg[200];
	const uint8_t *data;
	size_t len, pos;
};

static void on_png_error(png_structp png, png_const_charp msg)
{
	struct png_reader *r = png_get_error_ptr(png);
	snprintf(r->msg, sizeof r->msg, "%s", msg ? msg : "libpng error");
	longjmp(r->jmp, 1);
}

/* The library never prints; libpng's warnings are about things it fixes. */
static void on_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void read_mem(png_structp png, png_bytep out, size_t n)
{
	struct png_reader *r = png_get_io_ptr(png);
	if (n > r->len - r->pos)
		png_error(png, "unexpected end of data");
	memcpy(out, r->data + r->pos, n);
	r->pos += n;
}

/* Every colour type and bit depth to straight RGBA8. */
static void set_rgba8_transforms(png_structp png, png_infop info)
{
	int color = png_get_color_type(png, info);
	png_set_expand(png);     /* palette -> RGB, gray < 8 bits -> 8, tRNS -> alpha */
	png_set_scale_16(png);   /* round(v * 255 / 65535), not truncation */
	png_set_gray_to_rgb(png);
	if (!(color & PNG_COLOR_MASK_ALPHA) && !png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
	png_set_interlace_handling(png);
}

/* Runs libpng under its error handler; false (message in r) when it
 * failed.  Its own function so no local of the setjmp frame changes. */
static bool read_rows(struct png_reader *r, png_structp png, png_infop info, uint32_t w,
                      uint32_t h, png_bytep *rows)
{
	if (setjmp(r->jmp))
		return false;
	png_set_read_fn(png, r, read_mem);
	/* Defence in depth: the structure pass already checked all of this. */
	png_set_user_limits(png, w, h);
	png_set_chunk_malloc_max(png, PNG_META_MAX);
	png_set_chunk_cache_max(png, 64);
	png_read_info(png, info);
	if (png_get_image_width(png, info) != w || png_get_image_height(png, info) != h)
		png_error(png, "image size changed between passes");
	set_rgba8_transforms(png, info);
	png_read_update_info(png, info);
	if (png_get_rowbytes(png, info) != (size_t)w * 4)
		png_error(png, "unexpected row layout after RGBA conversion");
	png_read_image(png, rows);
	png_read_end(png, NULL);
	return true;
}

static stk_status libpng_fail(const char *msg, stk_error *err)
{
	if (strstr(msg, "memory"))
		return stk__fail(err, STK_ERR_NOMEM, "PNG: %s", msg);
	return stk__fail(err, STK_ERR_CORRUPT, "PNG: %s", msg);
}

stk_status stk__png_decode_stream(const stk__png_file *f, const stk__png_stream *s,
                                  uint32_t w, uint32_t h, uint8_t *rgba, size_t stride,
                                  stk_error *err)
{
	struct png_reader r;
	png_bytep *rows = malloc((size_t)h * sizeof *rows);
	if (!rows)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (uint32_t y = 0; y < h; y++)
		rows[y] = rgba + (size_t)y * stride;
	r.msg[0] = '\0';
	r.data = s->buf.data;
	r.len = s->buf.len;
	r.pos = 0;
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, on_png_error,
	                                         on_png_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		free(rows);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	bool ok = read_rows(&r, png, info, w, h, rows);
	png_destroy_read_struct(&png, &info, NULL);
	free(rows);
	if (!ok)
		return libpng_fail(r.msg, err);
	if (f->icc) {
		for (uint32_t y = 0; y < h; y++)
			stk__icc_apply(f->icc, rgba + (size_t)y * stride, w);
	}
	return STK_OK;
}

/* ---- structure pass ---- */

static stk_status check_depth(uint8_t color, uint8_t depth, stk_error *err)
{
	bool ok;
	switch (color) {
	case 0: ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16; break;
	case 3: ok = depth == 1 || depth == 2 || depth == 4 || depth == 8; break;
	case 2: case 4: case 6: ok = depth == 8 || depth == 16; break;
	default:
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: IHDR colour type %u is unknown", color);
	}
	if (!ok)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: IHDR bit depth %u is invalid for "
		                 "colour type %u", depth, color);
	return STK_OK;
}

static stk_status parse_ihdr(stk__png_file *f, const stk__png_chunk *c, stk_error *err)
{
	char name[5];
	if (c->type != STK__PNG_IHDR)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: first chunk is %s, not IHDR",
		                 stk__png_type_name(c->type, name));
	if (c->len != 13)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: IHDR chunk is %u bytes, not 13",
		                 (unsigned)c->len);
	const uint8_t *p = c->data;
	f->width = stk__png_u32(p);
	f->height = stk__png_u32(p + 4);
	f->depth = p[8];
	f->color = p[9];
	f->interlace = p[12];
	if (f->width == 0 || f->height == 0)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: IHDR gives a size of %ux%u (zero "
		                 "pixels)", (unsigned)f->width, (unsigned)f->height);
	if (f->width > STK__PNG_MAX_CHUNK || f->height > STK__PNG_MAX_CHUNK)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: IHDR size %ux%u is over 2^31-1",
		                 (unsigned)f->width, (unsigned)f->height);
	STK_TRY(check_depth(f->color, f->depth, err));
	if (p[10] != 0 || p[11] != 0)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: IHDR compression method %u / filter "
		                 "method %u is unknown", p[10], p[11]);
	if (f->interlace > 1)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: IHDR interlace method %u is unknown",
		                 f->interlace);
	return STK_OK;
}

static stk_color_type color_of(uint8_t color)
{
	switch (color) {
	case 0: return STK_COLOR_GRAY;
	case 2: return STK_COLOR_RGB;
	case 3: return STK_COLOR_PALETTE;
	case 4: return STK_COLOR_GRAY_ALPHA;
	case 6: return STK_COLOR_RGBA;
	}
	return STK_COLOR_UNKNOWN;
}

/* Inflates a zlib stream of metadata, refusing more than PNG_META_MAX. */
static stk_status inflate_meta(const uint8_t *in, size_t len, const char *what,
                               stk_buf *out, stk_error *err)
{
	z_stream z;
	size_t cap = 0;
	int ret = Z_OK;
	stk_status s = STK_OK;

	memset(&z, 0, sizeof z);
	out->data = NULL;
	out->len = 0;
	if (inflateInit(&z) != Z_OK)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	while (ret == Z_OK) {
		if (out->len == cap) {
			if (cap == PNG_META_MAX) {
				s = stk__fail(err, STK_ERR_LIMIT, "PNG: %s inflates to more than %u MiB",
				              what, PNG_META_MAX >> 20);
				break;
			}
			s = stk__grow_capped(&out->data, &cap, 4096, PNG_META_MAX, err);
			if (s != STK_OK)
				break;
		}
		z.next_out = out->data + out->len;
		z.avail_out = (uInt)(cap - out->len);
		ret = inflate(&z, Z_NO_FLUSH);
		out->len = cap - z.avail_out;
	}
	inflateEnd(&z);
	if (s == STK_OK && ret != Z_STREAM_END)
		s = stk__fail(err, STK_ERR_CORRUPT, "PNG: %s holds bad or truncated zlib data", what);
	if (s != STK_OK)
		stk_buf_release(out);
	return s;
}

/* Length of a NUL-terminated keyword at p (1..79 bytes), or 0 if malformed. */
static size_t keyword_len(const uint8_t *p, size_t len)
{
	const uint8_t *nul = memchr(p, 0, len < 80 ? len : 80);
	return nul && nul > p ? (size_t)(nul - p) : 0;
}

static stk_status read_iccp(stk__decoder *d, const stk__png_chunk *c, stk_error *err)
{
	stk_buf icc;
	size_t k = keyword_len(c->data, c->len);
	if (k == 0 || c->len < k + 2 || c->data[k + 1] != 0)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: iCCP chunk is malformed");
	STK_TRY(inflate_meta(c->data + k + 2, c->len - k - 2, "iCCP profile", &icc, err));
	stk_status s = stk_image_set_metadata(d->img, STK_META_ICC, icc.data, icc.len, err);
	stk_buf_release(&icc);
	return s;
}

static const char xmp_keyword[] = "XML:com.adobe.xmp";

/* iTXt: keyword, NUL, compressed flag, method, language, NUL, translated
 * keyword, NUL, text.  Only the first XMP packet is kept, and only what is
 * kept is inflated: a thousand compressed packets cost one. */
static stk_status read_itxt(stk__decoder *d, const stk__png_chunk *c, stk_error *err)
{
	const uint8_t *p = c->data, *end = c->data + c->len;
	const uint8_t *seen;
	size_t seen_len;
	size_t k = keyword_len(p, c->len);
	if (k != sizeof xmp_keyword - 1 || memcmp(p, xmp_keyword, k) != 0)
		return STK_OK;
	if (stk_image_metadata(d->img, STK_META_XMP, &seen, &seen_len))
		return STK_OK;
	p += k + 1;
	const uint8_t *lang = p + 2 <= end ? memchr(p + 2, 0, (size_t)(end - p - 2)) : NULL;
	const uint8_t *trans = lang ? memchr(lang + 1, 0, (size_t)(end - lang - 1)) : NULL;
	if (!trans || p[0] > 1 || (p[0] == 1 && p[1] != 0))
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: iTXt chunk (XMP) is malformed");
	const uint8_t *text = trans + 1;
	size_t text_len = (size_t)(end - text);
	if (p[0] == 0)
		return stk_image_set_metadata(d->img, STK_META_XMP, text, text_len, err);
	stk_buf xmp;
	STK_TRY(inflate_meta(text, text_len, "iTXt XMP packet", &xmp, err));
	stk_status s = stk_image_set_metadata(d->img, STK_META_XMP, xmp.data, xmp.len, err);
	stk_buf_release(&xmp);
	return s;
}

enum idat_state { BEFORE_IDAT, IN_IDAT, AFTER_IDAT };

static stk_status check_plte(const stk__png_file *f, const stk__png_chunk *c,
                             stk_error *err)
{
	if (c->len == 0 || c->len % 3 != 0 || c->len > 256 * 3)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: PLTE chunk of %u bytes is not 1..256 "
		                 "colours", (unsigned)c->len);
	if (f->color == PNG_COLOR_TYPE_PALETTE && c->len / 3 > (1u << f->depth))
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: PLTE has %u colours, more than %u-bit "
		                 "indexes can reach", (unsigned)c->len / 3, f->depth);
	return STK_OK;
}

/* One chunk after IHDR: records what decoding needs, reads metadata. */
static stk_status scan_chunk(stk__decoder *d, stk__png_file *f, const stk__png_chunk *c,
                             enum idat_state *idat, stk_error *err)
{
	char name[5];
	if (*idat == IN_IDAT && c->type != STK__PNG_IDAT)
		*idat = AFTER_IDAT;
	switch (c->type) {
	case STK__PNG_IDAT:
		if (*idat == AFTER_IDAT)
			return stk__fail(err, STK_ERR_CORRUPT, "PNG: IDAT chunks are not consecutive");
		*idat = IN_IDAT;
		return STK_OK;
	case STK__PNG_IHDR:
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: second IHDR chunk");
	case STK__PNG_PLTE:
		if (f->plte.data || *idat != BEFORE_IDAT)
			return stk__fail(err, STK_ERR_CORRUPT, "PNG: PLTE chunk repeated or after IDAT");
		STK_TRY(check_plte(f, c, err));
		f->plte = *c;
		return STK_OK;
	case STK__PNG_tRNS:
		if (*idat == BEFORE_IDAT && !f->trns.data)
			f->trns = *c;
		return STK_OK;
	case STK__PNG_acTL:
		if (*idat == BEFORE_IDAT && !f->actl.data)
			f->actl = *c;
		return STK_OK;
	case STK__PNG_gAMA:
	case STK__PNG_sRGB:
		d->src.has_gamma = true;
		return STK_OK;
	case STK__PNG_iCCP:
		if (stk_image_metadata(d->img, STK_META_ICC, NULL, NULL))
			return STK_OK; /* the first profile counts */
		return read_iccp(d, c, err);
	case STK__PNG_eXIf:
		if (stk_image_metadata(d->img, STK_META_EXIF, NULL, NULL) || c->len == 0)
			return STK_OK;
		return stk_image_set_metadata(d->img, STK_META_EXIF, c->data, c->len, err);
	case STK__PNG_iTXt:
		return read_itxt(d, c, err);
	}
	/* Bit 5 of the first letter clear: critical, and we cannot skip it. */
	if (!(c->type & 0x20000000u))
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: unknown critical chunk %s",
		                 stk__png_type_name(c->type, name));
	return STK_OK;
}

static void set_source(stk__decoder *d, const stk__png_file *f)
{
	d->src.format = STK_FORMAT_PNG;
	d->src.color_type = color_of(f->color);
	d->src.bit_depth = f->depth;
	d->src.interlaced = f->interlace != 0;
}

static stk_status scan(stk__decoder *d, stk__png_file *f, stk_error *err)
{
	stk__png_walk w;
	stk__png_chunk c;
	enum idat_state idat = BEFORE_IDAT;

	stk__png_walk_init(&w, f->data, f->len, true);
	STK_TRY(stk__png_next(&w, &c, err));
	STK_TRY(parse_ihdr(f, &c, err));
	/* Limits before any allocation: a 100000x100000 header stops here. */
	STK_TRY(stk__dec_canvas(d, f->width, f->height, err));
	set_source(d, f);
	for (;;) {
		STK_TRY(stk__png_next(&w, &c, err));
		if (c.type == STK__PNG_IEND)
			break;
		STK_TRY(scan_chunk(d, f, &c, &idat, err));
	}
	if (idat == BEFORE_IDAT)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: no IDAT chunk (no image data)");
	if (f->color == PNG_COLOR_TYPE_PALETTE && !f->plte.data)
		return stk__fail(err, STK_ERR_CORRUPT, "PNG: palette image without a PLTE chunk");
	return STK_OK;
}

/* A non-sRGB RGB profile means converting the pixels, unless told not to. */
static stk_status open_icc(stk__decoder *d, stk__png_file *f, stk_error *err)
{
	const uint8_t *icc;
	size_t len;
	if (d->opt->keep_color_space || !stk_image_metadata(d->img, STK_META_ICC, &icc, &len))
		return STK_OK;
	STK_TRY(stk__icc_open(icc, len, &f->icc, err));
	d->src.icc_converted = f->icc != NULL;
	return STK_OK;
}

static stk_status decode_still(stk__decoder *d, const stk__png_file *f, stk_error *err)
{
	stk__png_stream s = { { NULL, 0 }, 0 };
	stk__png_walk w;
	stk__png_chunk c;
	uint8_t *rgba = NULL;
	size_t bytes;

	stk__png_walk_init(&w, f->data, f->len, false);
	stk_status st = stk__png_stream_begin(&s, f, f->width, f->height, err);
	while (st == STK_OK) {
		st = stk__png_next(&w, &c, err);
		if (st != STK_OK || c.type == STK__PNG_IEND)
			break;
		if (c.type == STK__PNG_IDAT)
			st = stk__png_stream_add(&s, c.data, c.len, err);
	}
	if (st == STK_OK)
		st = stk__png_stream_end(&s, err);
	if (st == STK_OK) {
		stk__rgba_size(f->width, f->height, &bytes);
		rgba = malloc(bytes);
		if (!rgba)
			st = stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u image",
			               (unsigned)f->width, (unsigned)f->height);
	}
	if (st == STK_OK)
		st = stk__png_decode_stream(f, &s, f->width, f->height, rgba, (size_t)f->width * 4,
		                            err);
	stk__png_stream_free(&s);
	if (st != STK_OK) {
		free(rgba);
		return st;
	}
	return stk__dec_emit_take(d, rgba, 0, err);
}

stk_status stk__png_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err)
{
	stk__png_file f;
	memset(&f, 0, sizeof f);
	f.data = data;
	f.len = len;
	if (len < sizeof png_signature || memcmp(data, png_signature, sizeof png_signature) != 0)
		return stk__fail(err, STK_ERR_FORMAT, "PNG: bad signature");
	STK_TRY(scan(d, &f, err));
	STK_TRY(open_icc(d, &f, err));
	stk_status s = f.actl.data ? stk__apng_decode(d, &f, err) : decode_still(d, &f, err);
	stk__icc_close(f.icc);
	return s;
}
