/*
 * test-png.c - the PNG and APNG decoder: every PNG in the corpus against
 * MANIFEST.tsv, the broken files, and small PNGs built here (with libpng,
 * or chunk by chunk for APNG) to check pixels exactly.
 */
#include <math.h>
#include <time.h>
#include <png.h>
#include <zlib.h>
#include "tap.h"
#include "corpus.h"
#include "internal.h"

/* ---- byte buffers and hand-made chunks ---- */

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static void put(struct buf *b, const void *data, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	if (n && data)
		memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void chunk(struct buf *b, const char *type, const void *data, size_t len)
{
	uint8_t head[8], crc[4];
	be32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	uLong c = crc32(0, head + 4, 4);
	if (len) /* crc32() with a NULL buffer returns the initial value */
		c = crc32(c, data, (uInt)len);
	be32(crc, (uint32_t)c);
	put(b, head, 8);
	put(b, data, len);
	put(b, crc, 4);
}

static void signature(struct buf *b)
{
	put(b, "\x89PNG\r\n\x1a\n", 8);
}

static void ihdr(struct buf *b, uint32_t w, uint32_t h, int depth, int color)
{
	uint8_t d[13] = { 0 };
	be32(d, w);
	be32(d + 4, h);
	d[8] = (uint8_t)depth;
	d[9] = (uint8_t)color;
	chunk(b, "IHDR", d, sizeof d);
}

/* Offset of the nth chunk of a type, or 0. */
static size_t find_chunk(const struct buf *b, const char *type, int nth)
{
	for (size_t pos = 8; pos + 12 <= b->len;) {
		uint32_t len = (uint32_t)b->p[pos] << 24 | (uint32_t)b->p[pos + 1] << 16 |
		               (uint32_t)b->p[pos + 2] << 8 | b->p[pos + 3];
		if (memcmp(b->p + pos + 4, type, 4) == 0 && nth-- == 0)
			return pos;
		pos += 12 + (size_t)len;
	}
	return 0;
}

/* Recomputes the CRC of the chunk at pos after a test changed it. */
static void fix_crc(struct buf *b, size_t pos)
{
	uint32_t len = (uint32_t)b->p[pos] << 24 | (uint32_t)b->p[pos + 1] << 16 |
	               (uint32_t)b->p[pos + 2] << 8 | b->p[pos + 3];
	be32(b->p + pos + 8 + len, (uint32_t)crc32(0, b->p + pos + 4, len + 4));
}

/* Filter-0 scanlines of an RGBA8 image, zlib-compressed. */
static void rgba_zlib(struct buf *out, const uint8_t *rgba, uint32_t w, uint32_t h)
{
	struct buf raw = { 0 };
	for (uint32_t y = 0; y < h; y++) {
		put(&raw, "", 1);
		put(&raw, rgba + (size_t)y * w * 4, (size_t)w * 4);
	}
	uLongf n = compressBound(raw.len);
	out->len = 0;
	put(out, NULL, n);
	if (compress2(out->p, &n, raw.p, raw.len, 9) != Z_OK)
		abort();
	out->len = n;
	free(raw.p);
}

/* ---- APNG built chunk by chunk ---- */

enum { NONE = 0, BACKGROUND = 1, PREVIOUS = 2 };
enum { SOURCE = 0, OVER = 1 };

struct aframe {
	uint32_t w, h, x, y;
	uint16_t num, den;
	uint8_t dispose, blend;
	const uint8_t *rgba;
};

static void put_fctl(struct buf *b, uint32_t *seq, const struct aframe *f)
{
	uint8_t d[26];
	be32(d, (*seq)++);
	be32(d + 4, f->w);
	be32(d + 8, f->h);
	be32(d + 12, f->x);
	be32(d + 16, f->y);
	be16(d + 20, f->num);
	be16(d + 22, f->den);
	d[24] = f->dispose;
	d[25] = f->blend;
	chunk(b, "fcTL", d, sizeof d);
}

static void put_data(struct buf *b, bool fdat, uint32_t *seq, const uint8_t *rgba,
                     uint32_t w, uint32_t h)
{
	struct buf z = { 0 }, d = { 0 };
	rgba_zlib(&z, rgba, w, h);
	if (fdat) {
		uint8_t s[4];
		be32(s, (*seq)++);
		put(&d, s, 4);
	}
	put(&d, z.p, z.len);
	chunk(b, fdat ? "fdAT" : "IDAT", d.p, d.len);
	free(z.p);
	free(d.p);
}

/* An RGBA8 APNG; `hidden` is a default image that is not a frame. */
static void make_apng(struct buf *b, uint32_t cw, uint32_t ch, uint32_t declared,
                      uint32_t plays, const uint8_t *hidden, const struct aframe *fr, int n)
{
	uint8_t actl[8];
	uint32_t seq = 0;
	b->len = 0;
	signature(b);
	ihdr(b, cw, ch, 8, 6);
	be32(actl, declared);
	be32(actl + 4, plays);
	chunk(b, "acTL", actl, 8);
	if (hidden)
		put_data(b, false, &seq, hidden, cw, ch);
	for (int i = 0; i < n; i++) {
		put_fctl(b, &seq, &fr[i]);
		put_data(b, i > 0 || hidden, &seq, fr[i].rgba, fr[i].w, fr[i].h);
	}
	chunk(b, "IEND", NULL, 0);
}

/* ---- stills written with libpng ---- */

struct still {
	uint32_t w, h;
	int color, depth;
	bool interlace;
	const uint8_t *raw;       /* packed rows in PNG byte order */
	const png_color *pal;
	int npal;
	const uint8_t *trns;      /* palette alpha */
	int ntrns;
	const png_color_16 *key;  /* gray / RGB colour key */
};

static void write_cb(png_structp png, png_bytep data, size_t n)
{
	put(png_get_io_ptr(png), data, n);
}

static void flush_cb(png_structp png)
{
	(void)png;
}

static int channels_of(int color)
{
	switch (color) {
	case PNG_COLOR_TYPE_GRAY_ALPHA: return 2;
	case PNG_COLOR_TYPE_RGB: return 3;
	case PNG_COLOR_TYPE_RGBA: return 4;
	}
	return 1;
}

static size_t row_bytes(const struct still *s)
{
	return ((size_t)s->w * (size_t)channels_of(s->color) * (size_t)s->depth + 7) / 8;
}

static void write_png(struct buf *b, const struct still *s)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_bytep *rows = malloc(s->h * sizeof *rows);
	if (!png || !info || !rows || setjmp(png_jmpbuf(png)))
		abort();
	b->len = 0;
	png_set_write_fn(png, b, write_cb, flush_cb);
	png_set_IHDR(png, info, s->w, s->h, s->depth, s->color,
	             s->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (s->pal)
		png_set_PLTE(png, info, s->pal, s->npal);
	if (s->trns || s->key)
		png_set_tRNS(png, info, s->trns, s->ntrns, s->key);
	png_write_info(png, info);
	for (uint32_t y = 0; y < s->h; y++)
		rows[y] = (png_bytep)(uintptr_t)(s->raw + y * row_bytes(s));
	png_write_image(png, rows);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(rows);
}

/* ---- decoding helpers ---- */

static stk_image *decode(const struct buf *b, stk_status *st, stk_error *err)
{
	stk_image *img = NULL;
	stk_error_init(err);
	*st = stk_image_decode(b->p, b->len, NULL, &img, err);
	return img;
}

static const uint8_t *px(stk_image *img, uint32_t frame, uint32_t x, uint32_t y)
{
	const uint8_t *f = img ? stk_image_frame_rgba_const(img, frame) : NULL;
	if (!f || x >= stk_image_width(img) || y >= stk_image_height(img))
		return NULL;
	return f + ((size_t)y * stk_image_width(img) + x) * 4;
}

static void is_px(const uint8_t *p, int r, int g, int b, int a, const char *what)
{
	if (!ok(p && p[0] == r && p[1] == g && p[2] == b && p[3] == a, "%s", what) && p)
		tap_diag("  got %d,%d,%d,%d want %d,%d,%d,%d", p[0], p[1], p[2], p[3], r, g, b, a);
}

/* ---- corpus against MANIFEST.tsv ---- */

static void check_good(const struct corpus_row *r)
{
	size_t len = 0;
	uint8_t *data = corpus_read(r->path, &len);
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status st = data ? stk_image_decode(data, len, NULL, &img, &err) : STK_ERR_IO;
	if (!ok(st == STK_OK, "%s decodes", r->path)) {
		tap_diag("  %s: %s", stk_status_name(st), err.msg);
		free(data);
		return;
	}
	is_int(stk_image_width(img), r->width, "%s width", r->path);
	is_int(stk_image_height(img), r->height, "%s height", r->path);
	is_int(stk_image_frame_count(img), r->frames, "%s frames", r->path);
	is_int(stk_image_duration(img), r->duration_ms, "%s duration", r->path);
	is_str(stk_format_name(stk_image_source(img)->format), r->format, "%s format", r->path);
	stk_image_free(img);
	free(data);
}

static void check_broken(const struct corpus_row *r)
{
	size_t len = 0;
	uint8_t *data = corpus_read(r->path, &len);
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status st = data ? stk_image_decode(data, len, NULL, &img, &err) : STK_ERR_IO;
	bool bomb = strstr(r->path, "bomb") != NULL;
	bool png_named = strstr(r->path, "/png_") || strstr(r->path, "/apng_");
	if (bomb)
		is_int(st, STK_ERR_LIMIT, "%s refused as over the limit", r->path);
	else if (png_named)
		ok(st == STK_ERR_CORRUPT || st == STK_ERR_LIMIT, "%s refused as corrupt (%s)",
		   r->path, stk_status_name(st));
	else
		ok(st != STK_OK, "%s refused (%s)", r->path, stk_status_name(st));
	ok(err.msg[0] && !strchr(err.msg, '\n'), "%s: one-line message: %s", r->path, err.msg);
	stk_image_free(img);
	free(data);
}

/* A few frames of the frames folder are enough. */
static bool wanted(const struct corpus_row *r)
{
	if (!strstr(r->path, "frames_bounce_hamster/"))
		return true;
	return strstr(r->path, "/0001.png") || strstr(r->path, "/0012.png") ||
	       strstr(r->path, "/0024.png");
}

struct png_counts {
	int good, broken;
};

static bool check_row(const struct corpus_row *r, void *user)
{
	struct png_counts *n = user;
	if (!wanted(r) || r->path[strlen(r->path) - 1] == '/')
		return true;
	const char *base = strrchr(r->path, '/') ? strrchr(r->path, '/') + 1 : r->path;
	bool is_png = !strcmp(r->format, "png") || !strcmp(r->format, "apng");
	/* broken/frames_mismatched_sizes/ holds good PNGs; the
	 * .gif named PNG is good too. */
	bool broken_png = !strcmp(r->kind, "broken") && strstr(base, ".png") &&
	                  (!strncmp(base, "png_", 4) || !strncmp(base, "apng_", 5) ||
	                   strstr(r->format, "unparseable"));
	if (broken_png) {
		check_broken(r);
		n->broken++;
	} else if (is_png) {
		check_good(r);
		n->good++;
	}
	return true;
}

static void test_corpus(void)
{
	struct png_counts n = { 0, 0 };
	if (!ok(corpus_each(check_row, &n) >= 0, "MANIFEST.tsv readable"))
		return;
	ok(n.good >= 30 && n.broken >= 11, "manifest rows checked: %d good, %d broken", n.good,
	   n.broken);
}

/* ---- pixel formats ---- */

static void test_gray_depths(void)
{
	static const uint8_t g1[] = { 0x40 };        /* 0 1 0 0 */
	static const uint8_t g2[] = { 0x1b };        /* 0 1 2 3 */
	static const uint8_t g4[] = { 0x5f, 0x00 };  /* 5 15 0 0 */
	struct still s = { 4, 1, PNG_COLOR_TYPE_GRAY, 1, false, g1, NULL, 0, NULL, 0, NULL };
	struct buf b = { 0 };
	stk_status st;
	stk_error err;

	write_png(&b, &s);
	stk_image *img = decode(&b, &st, &err);
	is_int(st, STK_OK, "1-bit gray decodes");
	is_px(px(img, 0, 1, 0), 255, 255, 255, 255, "1-bit gray 1 -> 255");
	is_px(px(img, 0, 0, 0), 0, 0, 0, 255, "1-bit gray 0 -> 0");
	is_int(stk_image_source(img)->bit_depth, 1, "bit depth 1 reported");
	is_int(stk_image_source(img)->color_type, STK_COLOR_GRAY, "gray reported");
	stk_image_free(img);

	s.depth = 2;
	s.raw = g2;
	write_png(&b, &s);
	img = decode(&b, &st, &err);
	is_px(px(img, 0, 1, 0), 85, 85, 85, 255, "2-bit gray 1 -> 85");
	is_px(px(img, 0, 2, 0), 170, 170, 170, 255, "2-bit gray 2 -> 170");
	stk_image_free(img);

	s.depth = 4;
	s.raw = g4;
	write_png(&b, &s);
	img = decode(&b, &st, &err);
	is_px(px(img, 0, 0, 0), 85, 85, 85, 255, "4-bit gray 5 -> 85");
	is_px(px(img, 0, 1, 0), 255, 255, 255, 255, "4-bit gray 15 -> 255");
	stk_image_free(img);
	free(b.p);
}

/* 16-bit samples go to 8 bits as round(v * 255 / 65535), the nearest
 * 8-bit value, not v >> 8 (truncation gives 0xFF00 -> 255, 0x00FF -> 0). */
static unsigned round16(unsigned v)
{
	return (v * 255 + 32767) / 65535;
}

static void test_16bit_rounding(void)
{
	uint8_t *raw = malloc(256 * 256 * 2);
	for (unsigned v = 0; v < 65536; v++)
		be16(raw + v * 2, (uint16_t)v);
	struct still s = { 256, 256, PNG_COLOR_TYPE_GRAY, 16, false, raw, NULL, 0, NULL, 0, NULL };
	struct buf b = { 0 };
	stk_status st;
	stk_error err;
	write_png(&b, &s);
	stk_image *img = decode(&b, &st, &err);
	is_int(st, STK_OK, "16-bit gray with every value decodes");
	const uint8_t *f = stk_image_frame_rgba_const(img, 0);
	unsigned bad = 0;
	for (unsigned v = 0; v < 65536; v++)
		bad += f[v * 4] != round16(v) || f[v * 4 + 1] != round16(v) || f[v * 4 + 3] != 255;
	is_int(bad, 0, "all 65536 16-bit values round to the nearest 8-bit value");
	is_int(f[0x7F80 * 4], 127, "0x7F80 -> 127 (32640/257 = 127.004)");
	is_int(f[0x00FF * 4], 1, "0x00FF -> 1 (truncation would give 0)");
	is_int(f[0xFF00 * 4], 254, "0xFF00 -> 254 (truncation would give 255)");
	is_int(f[0x0080 * 4], 0, "0x0080 -> 0");
	is_int(f[0x0081 * 4], 1, "0x0081 -> 1");
	is_int(stk_image_source(img)->bit_depth, 16, "bit depth 16 reported");
	stk_image_free(img);

	/* RGBA16: every channel rounds on its own. */
	static const uint8_t rgba16[] = { 0x7F, 0x80, 0x00, 0xFF, 0xFF, 0x00, 0x80, 0x81 };
	struct still s2 = { 1, 1, PNG_COLOR_TYPE_RGBA, 16, false, rgba16, NULL, 0, NULL, 0, NULL };
	write_png(&b, &s2);
	img = decode(&b, &st, &err);
	is_px(px(img, 0, 0, 0), 127, 1, 254, 128, "RGBA16 channels round independently");
	stk_image_free(img);
	free(b.p);
	free(raw);
}

static void test_transparency(void)
{
	struct buf b = { 0 };
	stk_status st;
	stk_error err;

	/* RGB colour key. */
	static const uint8_t rgb[] = { 0, 255, 0, 10, 20, 30, 0, 255, 1 };
	png_color_16 key = { 0, 0, 255, 0, 0 };
	struct still s = { 3, 1, PNG_COLOR_TYPE_RGB, 8, false, rgb, NULL, 0, NULL, 0, &key };
	write_png(&b, &s);
	stk_image *img = decode(&b, &st, &err);
	is_int(st, STK_OK, "RGB + tRNS decodes");
	is_px(px(img, 0, 0, 0), 0, 255, 0, 0, "tRNS key colour is transparent");
	is_px(px(img, 0, 1, 0), 10, 20, 30, 255, "other colour opaque");
	is_px(px(img, 0, 2, 0), 0, 255, 1, 255, "near-key colour opaque");
	is_int(stk_image_source(img)->alpha, STK_ALPHA_BINARY, "colour key gives binary alpha");
	stk_image_free(img);

	/* RGB16 colour key compares all 16 bits. */
	static const uint8_t rgb16[] = { 0x12, 0x34, 0, 0, 0, 0, 0x12, 0x35, 0, 0, 0, 0 };
	png_color_16 key16 = { 0, 0x1234, 0, 0, 0 };
	struct still s16 = { 2, 1, PNG_COLOR_TYPE_RGB, 16, false, rgb16, NULL, 0, NULL, 0,
	                     &key16 };
	write_png(&b, &s16);
	img = decode(&b, &st, &err);
	is_int(px(img, 0, 0, 0)[3], 0, "RGB16 key: exact match transparent");
	is_int(px(img, 0, 1, 0)[3], 255, "RGB16 key: off by one in the low byte opaque");
	stk_image_free(img);

	/* Gray colour key. */
	static const uint8_t gray[] = { 7, 8 };
	png_color_16 gkey = { 0, 0, 0, 0, 7 };
	struct still sg = { 2, 1, PNG_COLOR_TYPE_GRAY, 8, false, gray, NULL, 0, NULL, 0, &gkey };
	write_png(&b, &sg);
	img = decode(&b, &st, &err);
	is_px(px(img, 0, 0, 0), 7, 7, 7, 0, "gray key transparent");
	is_px(px(img, 0, 1, 0), 8, 8, 8, 255, "gray non-key opaque");
	stk_image_free(img);

	/* Gray + alpha. */
	static const uint8_t ga[] = { 100, 50, 200, 255 };
	struct still sa = { 2, 1, PNG_COLOR_TYPE_GRAY_ALPHA, 8, false, ga, NULL, 0, NULL, 0,
	                    NULL };
	write_png(&b, &sa);
	img = decode(&b, &st, &err);
	is_px(px(img, 0, 0, 0), 100, 100, 100, 50, "gray+alpha keeps alpha");
	is_px(px(img, 0, 1, 0), 200, 200, 200, 255, "gray+alpha opaque pixel");
	is_int(stk_image_source(img)->color_type, STK_COLOR_GRAY_ALPHA, "gray+alpha reported");
	stk_image_free(img);

	/* Palette + tRNS shorter than the palette. */
	static const png_color pal[3] = { { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 } };
	static const uint8_t palpha[2] = { 0, 128 };
	static const uint8_t idx[] = { 0, 1, 2 };
	struct still sp = { 3, 1, PNG_COLOR_TYPE_PALETTE, 8, false, idx, pal, 3, palpha, 2, NULL };
	write_png(&b, &sp);
	img = decode(&b, &st, &err);
	is_px(px(img, 0, 0, 0), 255, 0, 0, 0, "palette entry 0 alpha 0");
	is_px(px(img, 0, 1, 0), 0, 255, 0, 128, "palette entry 1 alpha 128");
	is_px(px(img, 0, 2, 0), 0, 0, 255, 255, "palette entry past tRNS is opaque");
	is_int(stk_image_source(img)->color_type, STK_COLOR_PALETTE, "palette reported");
	stk_image_free(img);

	/* 2-bit palette. */
	static const uint8_t idx2[] = { 0x24 }; /* 0 2 1 0 */
	struct still sp2 = { 4, 1, PNG_COLOR_TYPE_PALETTE, 2, false, idx2, pal, 3, NULL, 0, NULL };
	write_png(&b, &sp2);
	img = decode(&b, &st, &err);
	is_px(px(img, 0, 1, 0), 0, 0, 255, 255, "2-bit palette index 2");
	is_px(px(img, 0, 2, 0), 0, 255, 0, 255, "2-bit palette index 1");
	stk_image_free(img);
	free(b.p);
}

/* Adam7 and plain files of the same pixels decode the same. */
static void check_interlace(struct still *s, const char *what)
{
	struct buf b = { 0 };
	stk_status st1, st2;
	stk_error err;
	s->interlace = false;
	write_png(&b, s);
	stk_image *plain = decode(&b, &st1, &err);
	s->interlace = true;
	write_png(&b, s);
	stk_image *adam7 = decode(&b, &st2, &err);
	if (ok(st1 == STK_OK && st2 == STK_OK, "%s: both decode", what)) {
		size_t n = (size_t)s->w * s->h * 4;
		ok(memcmp(stk_image_frame_rgba_const(plain, 0), stk_image_frame_rgba_const(adam7, 0),
		          n) == 0, "%s: Adam7 gives the same pixels", what);
		ok(stk_image_source(adam7)->interlaced && !stk_image_source(plain)->interlaced,
		   "%s: interlaced reported", what);
	}
	stk_image_free(plain);
	stk_image_free(adam7);
	free(b.p);
}

static void test_interlace(void)
{
	uint8_t raw[13 * 11 * 8];
	for (size_t i = 0; i < sizeof raw; i++)
		raw[i] = (uint8_t)(i * 37 + (i >> 3));
	static const png_color pal[2] = { { 9, 8, 7 }, { 200, 100, 50 } };
	struct still s = { 13, 11, PNG_COLOR_TYPE_RGBA, 8, false, raw, NULL, 0, NULL, 0, NULL };
	check_interlace(&s, "RGBA8 13x11");
	struct still s16 = { 7, 5, PNG_COLOR_TYPE_RGB, 16, false, raw, NULL, 0, NULL, 0, NULL };
	check_interlace(&s16, "RGB16 7x5");
	struct still sp = { 9, 9, PNG_COLOR_TYPE_PALETTE, 1, false, raw, pal, 2, NULL, 0, NULL };
	check_interlace(&sp, "1-bit palette 9x9");
	struct still s1 = { 1, 1, PNG_COLOR_TYPE_GRAY_ALPHA, 8, false, raw, NULL, 0, NULL, 0,
	                    NULL };
	check_interlace(&s1, "gray+alpha 1x1");
}

/* ---- metadata ---- */

static void test_metadata(void)
{
	static const uint8_t px1[4] = { 1, 2, 3, 255 };
	static const char xmp[] = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>";
	static const uint8_t exif[] = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0 };
	struct buf b = { 0 }, z = { 0 }, itxt = { 0 };
	stk_status st;
	stk_error err;
	const uint8_t *m;
	size_t mlen;

	signature(&b);
	ihdr(&b, 1, 1, 8, 6);
	chunk(&b, "eXIf", exif, sizeof exif);
	put(&itxt, "XML:com.adobe.xmp\0\0\0\0\0", 22);
	put(&itxt, xmp, strlen(xmp));
	chunk(&b, "iTXt", itxt.p, itxt.len);
	chunk(&b, "sRGB", "\0", 1);
	rgba_zlib(&z, px1, 1, 1);
	chunk(&b, "IDAT", z.p, z.len);
	chunk(&b, "IEND", NULL, 0);
	stk_image *img = decode(&b, &st, &err);
	is_int(st, STK_OK, "PNG with eXIf and XMP decodes: %s", err.msg);
	ok(stk_image_metadata(img, STK_META_EXIF, &m, &mlen) && mlen == sizeof exif &&
	   !memcmp(m, exif, mlen), "eXIf kept as EXIF");
	ok(stk_image_metadata(img, STK_META_XMP, &m, &mlen) && mlen == strlen(xmp) &&
	   !memcmp(m, xmp, mlen), "iTXt XML:com.adobe.xmp kept as XMP");
	ok(stk_image_source(img)->has_gamma, "sRGB chunk counts as gamma information");
	stk_image_free(img);

	/* Compressed iTXt. */
	struct buf cz = { 0 };
	uLongf n = compressBound(strlen(xmp));
	put(&cz, NULL, n);
	compress2(cz.p, &n, (const Bytef *)xmp, strlen(xmp), 9);
	itxt.len = 0;
	put(&itxt, "XML:com.adobe.xmp\0\1\0en\0\0", 24);
	put(&itxt, cz.p, n);
	b.len = 0;
	signature(&b);
	ihdr(&b, 1, 1, 8, 6);
	chunk(&b, "iTXt", itxt.p, itxt.len);
	chunk(&b, "IDAT", z.p, z.len);
	chunk(&b, "IEND", NULL, 0);
	img = decode(&b, &st, &err);
	ok(st == STK_OK && stk_image_metadata(img, STK_META_XMP, &m, &mlen) &&
	   mlen == strlen(xmp) && !memcmp(m, xmp, mlen), "compressed iTXt XMP inflated");
	ok(!stk_image_source(img)->has_gamma, "no gAMA/sRGB: has_gamma false");
	stk_image_free(img);

	/* Broken compressed XMP is refused. */
	size_t pos = find_chunk(&b, "iTXt", 0);
	b.p[pos + 8 + 30] ^= 0x55;
	fix_crc(&b, pos);
	img = decode(&b, &st, &err);
	is_int(st, STK_ERR_CORRUPT, "iTXt with bad zlib data refused: %s", err.msg);
	stk_image_free(img);
	free(b.p);
	free(z.p);
	free(cz.p);
	free(itxt.p);
}

static void test_icc(void)
{
	stk_decode_options keep;
	stk_decode_options_init(&keep);
	keep.keep_color_space = true;
	const char *files[2] = { "static/icc_adobergb_1024x1024_exploding-head.png",
	                         "static/icc_srgb_300dpi_text_1024x1024_smiling-face-with-"
	                         "sunglasses.png" };
	for (int i = 0; i < 2; i++) {
		size_t len;
		uint8_t *data = corpus_read(files[i], &len);
		stk_image *conv = NULL, *kept = NULL;
		stk_error err;
		bool adobe = i == 0;
		if (!ok(data && stk_image_decode(data, len, NULL, &conv, &err) == STK_OK &&
		        stk_image_decode(data, len, &keep, &kept, &err) == STK_OK,
		        "%s decodes both ways", files[i])) {
			free(data);
			continue;
		}
		ok(stk_image_metadata(conv, STK_META_ICC, NULL, NULL), "%s: ICC profile kept",
		   files[i]);
		is_int(stk_image_source(conv)->icc_converted, adobe, "%s: icc_converted", files[i]);
		is_int(stk_image_source(kept)->icc_converted, 0, "%s: keep_color_space: not "
		       "converted", files[i]);
		int same = memcmp(stk_image_frame_rgba_const(conv, 0),
		                  stk_image_frame_rgba_const(kept, 0), 1024 * 1024 * 4) == 0;
		is_int(same, !adobe, "%s: pixels %s", files[i], adobe ? "converted" : "unchanged");
		stk_image_free(conv);
		stk_image_free(kept);
		free(data);
	}
}

/* ---- APNG compositing ---- */

static const uint8_t RED[4] = { 255, 0, 0, 255 }, GREEN[4] = { 0, 255, 0, 255 },
                     BLUE[4] = { 0, 0, 255, 255 };

static uint8_t *fill(uint32_t npix, const uint8_t c[4])
{
	static uint8_t bufs[8][16 * 16 * 4];
	static int next;
	uint8_t *p = bufs[next++ % 8];
	for (uint32_t i = 0; i < npix; i++)
		memcpy(p + i * 4, c, 4);
	return p;
}

/* Frame 0 red 3x3, frame 1 blue 1x1 at 1,1 (dispose d1), frame 2 green 1x1
 * at 0,0: frame 2 shows what frame 1's disposal left at 1,1. */
static stk_image *dispose_case(uint8_t d0, uint8_t d1, stk_status *st)
{
	struct aframe fr[3] = {
		{ 3, 3, 0, 0, 1, 10, d0, SOURCE, fill(9, RED) },
		{ 1, 1, 1, 1, 1, 10, d1, SOURCE, fill(1, BLUE) },
		{ 1, 1, 0, 0, 1, 10, NONE, SOURCE, fill(1, GREEN) },
	};
	struct buf b = { 0 };
	stk_error err;
	make_apng(&b, 3, 3, 3, 0, NULL, fr, 3);
	stk_image *img = decode(&b, st, &err);
	free(b.p);
	return img;
}

static void test_dispose(void)
{
	stk_status st;
	stk_image *img = dispose_case(NONE, NONE, &st);
	if (ok(st == STK_OK && stk_image_frame_count(img) == 3, "dispose NONE: 3 frames")) {
		is_px(px(img, 1, 1, 1), 0, 0, 255, 255, "frame 1 draws blue at 1,1");
		is_px(px(img, 2, 1, 1), 0, 0, 255, 255, "NONE: blue stays");
		is_px(px(img, 2, 0, 0), 0, 255, 0, 255, "frame 2 green at 0,0");
		is_px(px(img, 2, 2, 2), 255, 0, 0, 255, "red elsewhere");
	}
	stk_image_free(img);

	img = dispose_case(NONE, BACKGROUND, &st);
	if (ok(st == STK_OK, "dispose BACKGROUND decodes")) {
		is_px(px(img, 1, 1, 1), 0, 0, 255, 255, "frame 1 shows blue before disposal");
		is_px(px(img, 2, 1, 1), 0, 0, 0, 0, "BACKGROUND: region cleared to transparent");
		is_px(px(img, 2, 2, 1), 255, 0, 0, 255, "BACKGROUND: only the region");
	}
	stk_image_free(img);

	img = dispose_case(NONE, PREVIOUS, &st);
	if (ok(st == STK_OK, "dispose PREVIOUS decodes")) {
		is_px(px(img, 1, 1, 1), 0, 0, 255, 255, "frame 1 shows blue before disposal");
		is_px(px(img, 2, 1, 1), 255, 0, 0, 255, "PREVIOUS: red restored");
	}
	stk_image_free(img);

	/* A first frame's PREVIOUS is BACKGROUND. */
	img = dispose_case(PREVIOUS, NONE, &st);
	if (ok(st == STK_OK, "first frame PREVIOUS decodes")) {
		is_px(px(img, 0, 2, 2), 255, 0, 0, 255, "frame 0 shows red");
		is_px(px(img, 1, 2, 2), 0, 0, 0, 0, "first-frame PREVIOUS acts as BACKGROUND");
		is_px(px(img, 1, 1, 1), 0, 0, 255, 255, "frame 1 blue drawn on the cleared canvas");
	}
	stk_image_free(img);
}

/* Straight-alpha over, exactly: the result must be the true value rounded. */
static bool over_ok(const uint8_t s[4], const uint8_t d[4], const uint8_t got[4])
{
	double a = s[3] / 255.0, b = d[3] / 255.0, oa = a + b * (1 - a);
	if (fabs(got[3] - oa * 255) > 0.5 + 1e-9)
		return false;
	for (int c = 0; c < 3 && oa > 0; c++) {
		double v = (s[c] * a + d[c] * b * (1 - a)) / oa;
		if (fabs(got[c] - v) > 0.5 + 1e-9)
			return false;
	}
	return true;
}

static void test_blend(void)
{
	static const uint8_t under[4] = { 200, 100, 50, 128 };
	static const uint8_t over[4] = { 10, 20, 30, 64 };
	static const uint8_t clear[4] = { 1, 2, 3, 0 };
	uint8_t top[3 * 4];
	memcpy(top, over, 4);
	memcpy(top + 4, clear, 4);
	memcpy(top + 8, BLUE, 4);
	struct aframe fr[2] = {
		{ 3, 2, 0, 0, 1, 10, NONE, SOURCE, fill(6, under) },
		{ 3, 1, 0, 0, 1, 10, NONE, SOURCE, top },
	};
	struct buf b = { 0 };
	stk_status st;
	stk_error err;

	make_apng(&b, 3, 2, 2, 0, NULL, fr, 2);
	stk_image *img = decode(&b, &st, &err);
	is_int(st, STK_OK, "blend SOURCE decodes");
	is_px(px(img, 1, 0, 0), 10, 20, 30, 64, "SOURCE replaces with the partial pixel");
	is_px(px(img, 1, 1, 0), 1, 2, 3, 0, "SOURCE replaces even with alpha 0");
	is_px(px(img, 1, 0, 1), 200, 100, 50, 128, "SOURCE leaves the rest");
	stk_image_free(img);

	fr[1].blend = OVER;
	make_apng(&b, 3, 2, 2, 0, NULL, fr, 2);
	img = decode(&b, &st, &err);
	is_int(st, STK_OK, "blend OVER decodes");
	/* 64 + 128 * 191/255 = 159.87 -> 160; colours weighted and divided. */
	is_px(px(img, 1, 0, 0), 124, 68, 42, 160, "OVER partial on partial");
	ok(over_ok(over, under, px(img, 1, 0, 0)), "OVER matches the exact formula");
	is_px(px(img, 1, 1, 0), 200, 100, 50, 128, "OVER with alpha 0 keeps the canvas");
	is_px(px(img, 1, 2, 0), 0, 0, 255, 255, "OVER with alpha 255 replaces");
	stk_image_free(img);

	/* Many random pairs against the exact formula. */
	uint8_t a[16 * 16 * 4], c[16 * 16 * 4];
	srand(7);
	for (size_t i = 0; i < sizeof a; i++) {
		a[i] = (uint8_t)rand();
		c[i] = (uint8_t)rand();
	}
	for (size_t i = 0; i < 16 * 16; i += 17)
		a[i * 4 + 3] = 0; /* some onto transparent */
	struct aframe rf[2] = {
		{ 16, 16, 0, 0, 1, 10, NONE, SOURCE, a },
		{ 16, 16, 0, 0, 1, 10, NONE, OVER, c },
	};
	make_apng(&b, 16, 16, 2, 0, NULL, rf, 2);
	img = decode(&b, &st, &err);
	int bad = st == STK_OK ? 0 : -1;
	for (int i = 0; bad >= 0 && i < 256; i++) {
		const uint8_t *g = stk_image_frame_rgba_const(img, 1) + i * 4;
		if (c[i * 4 + 3] == 0)
			bad += memcmp(g, a + i * 4, 4) != 0;
		else
			bad += !over_ok(c + i * 4, a + i * 4, g);
	}
	is_int(bad, 0, "OVER correct for 256 random pixel pairs");
	stk_image_free(img);
	free(b.p);
}

static void test_apng_timing(void)
{
	struct aframe fr[24];
	struct buf b = { 0 };
	stk_status st;
	stk_error err;
	for (int i = 0; i < 24; i++)
		fr[i] = (struct aframe){ 1, 1, 0, 0, 1, 24, NONE, SOURCE, fill(1, i % 2 ? RED : BLUE) };
	make_apng(&b, 1, 1, 24, 3, NULL, fr, 24);
	stk_image *img = decode(&b, &st, &err);
	is_int(st, STK_OK, "24-frame APNG decodes");
	is_int(stk_image_duration(img), 1000, "24 frames of 1/24 s last exactly 1000 ms");
	ok(stk_image_frame_duration(img, 0) >= 41 && stk_image_frame_duration(img, 0) <= 42,
	   "each frame 41 or 42 ms");
	is_int(stk_image_plays(img), 3, "num_plays 3");
	is_int(stk_image_source(img)->format, STK_FORMAT_APNG, "format apng");
	is_int(stk_image_source(img)->declared_frames, 24, "declared frames");
	stk_image_free(img);

	/* delay_den 0 means 1/100 s. */
	fr[0].num = 5;
	fr[0].den = 0;
	fr[1].num = 0;
	fr[1].den = 0;
	make_apng(&b, 1, 1, 2, 0, NULL, fr, 2);
	img = decode(&b, &st, &err);
	is_int(stk_image_frame_duration(img, 0), 50, "5/0 s = 5/100 s = 50 ms");
	is_int(stk_image_frame_duration(img, 1), 0, "delay 0 stays 0 ms");
	is_int(stk_image_plays(img), 0, "num_plays 0 = forever");
	stk_image_free(img);
	free(b.p);
}

static void test_hidden_default(void)
{
	struct aframe fr[2] = {
		{ 2, 2, 0, 0, 1, 10, NONE, SOURCE, fill(4, GREEN) },
		{ 1, 1, 1, 1, 1, 10, NONE, SOURCE, fill(1, BLUE) },
	};
	struct buf b = { 0 };
	stk_status st;
	stk_error err;
	make_apng(&b, 2, 2, 2, 0, fill(4, RED), fr, 2);
	stk_image *img = decode(&b, &st, &err);
	is_int(st, STK_OK, "APNG with a hidden default image decodes");
	is_int(stk_image_frame_count(img), 2, "hidden default image is not a frame");
	is_px(px(img, 0, 0, 0), 0, 255, 0, 255, "first frame is the first fcTL frame");
	is_px(px(img, 1, 1, 1), 0, 0, 255, 255, "second frame drawn");
	stk_image_free(img);

	/* With a hidden default image the first frame may be partial. */
	fr[0] = (struct aframe){ 1, 1, 1, 0, 1, 10, NONE, SOURCE, fill(1, GREEN) };
	make_apng(&b, 2, 2, 2, 0, fill(4, RED), fr, 2);
	img = decode(&b, &st, &err);
	is_int(st, STK_OK, "partial first frame after a hidden default image decodes");
	is_px(px(img, 0, 0, 0), 0, 0, 0, 0, "canvas starts transparent black");
	stk_image_free(img);
	free(b.p);
}

static void expect_fail(const struct buf *b, stk_status want, const char *what)
{
	stk_status st;
	stk_error err;
	stk_image *img = decode(b, &st, &err);
	if (!ok(st == want && err.msg[0], "%s: %s", what, err.msg))
		tap_diag("  got %s, want %s", stk_status_name(st), stk_status_name(want));
	stk_image_free(img);
}

static void test_apng_errors(void)
{
	struct aframe fr[2] = {
		{ 2, 2, 0, 0, 1, 10, NONE, SOURCE, fill(4, RED) },
		{ 1, 1, 1, 1, 1, 10, NONE, SOURCE, fill(1, BLUE) },
	};
	struct buf b = { 0 };
	stk_status st;
	stk_error err;

	make_apng(&b, 2, 2, 3, 0, NULL, fr, 2);
	stk_image_free(decode(&b, &st, &err));
	is_int(st, STK_ERR_CORRUPT, "acTL says 3, file has 2: refused");
	is_str(err.msg, "APNG: acTL declares 3 frames but the file has 2", "count message");
	make_apng(&b, 2, 2, 1, 0, NULL, fr, 2);
	expect_fail(&b, STK_ERR_CORRUPT, "acTL says 1, file has 2");

	/* Frame region past the canvas edge. */
	fr[1].x = 2;
	make_apng(&b, 2, 2, 2, 0, NULL, fr, 2);
	expect_fail(&b, STK_ERR_CORRUPT, "fcTL region outside the canvas");
	fr[1].x = 0xffffffffu;
	make_apng(&b, 2, 2, 2, 0, NULL, fr, 2);
	expect_fail(&b, STK_ERR_CORRUPT, "fcTL x offset that overflows");
	fr[1].x = 1;

	/* The default image frame must cover the canvas. */
	fr[0].w = 1;
	make_apng(&b, 2, 2, 2, 0, NULL, fr, 2);
	expect_fail(&b, STK_ERR_CORRUPT, "first (IDAT) frame smaller than the canvas");
	fr[0].w = 2;

	/* Sequence numbers out of order. */
	make_apng(&b, 2, 2, 2, 0, NULL, fr, 2);
	size_t pos = find_chunk(&b, "fcTL", 1);
	be32(b.p + pos + 8, 7);
	fix_crc(&b, pos);
	expect_fail(&b, STK_ERR_CORRUPT, "fcTL sequence number out of order");

	/* Unknown dispose op. */
	make_apng(&b, 2, 2, 2, 0, NULL, fr, 2);
	pos = find_chunk(&b, "fcTL", 1);
	b.p[pos + 8 + 24] = 3;
	fix_crc(&b, pos);
	expect_fail(&b, STK_ERR_CORRUPT, "dispose op 3");

	/* Frame limit checked against acTL before decoding. */
	stk_decode_options opt;
	stk_decode_options_init(&opt);
	opt.max_frames = 1;
	stk_image *img = NULL;
	make_apng(&b, 2, 2, 2, 0, NULL, fr, 2);
	stk_error_init(&err);
	is_int(stk_image_decode(b.p, b.len, &opt, &img, &err), STK_ERR_LIMIT,
	       "acTL over max_frames refused: %s", err.msg);

	/* fcTL with no data after it. */
	uint32_t seq = 0;
	uint8_t actl[8] = { 0, 0, 0, 2, 0, 0, 0, 0 };
	b.len = 0;
	signature(&b);
	ihdr(&b, 2, 2, 8, 6);
	chunk(&b, "acTL", actl, 8);
	put_fctl(&b, &seq, &fr[0]);
	put_data(&b, false, &seq, fr[0].rgba, 2, 2);
	put_fctl(&b, &seq, &fr[1]);
	chunk(&b, "IEND", NULL, 0);
	expect_fail(&b, STK_ERR_CORRUPT, "frame without fdAT");

	/* fdAT with no fcTL after the IDAT. */
	b.len = 0;
	seq = 0;
	actl[3] = 1;
	signature(&b);
	ihdr(&b, 2, 2, 8, 6);
	chunk(&b, "acTL", actl, 8);
	put_fctl(&b, &seq, &fr[0]);
	put_data(&b, false, &seq, fr[0].rgba, 2, 2);
	put_data(&b, true, &seq, fr[0].rgba, 2, 2);
	chunk(&b, "IEND", NULL, 0);
	expect_fail(&b, STK_ERR_CORRUPT, "fdAT outside a frame");
	free(b.p);
}

/* ---- structure errors ---- */

static void test_structure_errors(void)
{
	static const uint8_t px4[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	struct buf b = { 0 }, z = { 0 }, copy = { 0 };
	stk_status st;
	stk_error err;
	struct aframe fr[2] = {
		{ 2, 2, 0, 0, 1, 10, NONE, SOURCE, fill(4, RED) },
		{ 1, 1, 1, 1, 1, 10, NONE, OVER, fill(1, BLUE) },
	};

	/* Every single flipped byte after the signature is caught. */
	const char *names[2] = { "still", "APNG" };
	for (int k = 0; k < 2; k++) {
		if (k == 0) {
			struct still s = { 2, 2, PNG_COLOR_TYPE_RGBA, 8, false, px4, NULL, 0, NULL, 0,
			                   NULL };
			write_png(&b, &s);
		} else {
			make_apng(&b, 2, 2, 2, 0, NULL, fr, 2);
		}
		stk_image_free(decode(&b, &st, &err));
		is_int(st, STK_OK, "%s: the unflipped file decodes", names[k]);
		int caught = 0, n = 0;
		for (size_t i = 8; i < b.len; i++, n++) {
			copy.len = 0;
			put(&copy, b.p, b.len);
			copy.p[i] ^= 0x01;
			stk_image *img = decode(&copy, &st, &err);
			caught += st != STK_OK && err.msg[0];
			stk_image_free(img);
		}
		is_int(caught, n, "%s: all %d single-byte flips refused", names[k], n);
		int cut = 0;
		for (size_t i = 0; i < b.len; i++) {
			stk_image *img = NULL;
			stk_error_init(&err);
			st = stk_image_decode(b.p, i, NULL, &img, &err);
			cut += st != STK_OK;
			stk_image_free(img);
		}
		is_int(cut, (int)b.len, "%s: every truncation refused", names[k]);
	}

	/* CRC of IDAT changed. */
	write_png(&b, &(struct still){ 2, 2, PNG_COLOR_TYPE_RGBA, 8, false, px4, NULL, 0, NULL,
	                               0, NULL });
	size_t pos = find_chunk(&b, "IDAT", 0);
	uint32_t len = (uint32_t)b.p[pos + 3];
	b.p[pos + 8 + len + 3] ^= 0x80;
	stk_image_free(decode(&b, &st, &err));
	is_str(err.msg, "PNG: CRC error in IDAT chunk", "CRC error named");

	/* Missing IEND. */
	write_png(&b, &(struct still){ 2, 2, PNG_COLOR_TYPE_RGBA, 8, false, px4, NULL, 0, NULL,
	                               0, NULL });
	b.len -= 12;
	stk_image_free(decode(&b, &st, &err));
	is_int(st, STK_ERR_CORRUPT, "missing IEND refused");
	is_str(err.msg, "PNG: file ends without an IEND chunk (truncated?)", "IEND message");

	/* Hand-made files with one defect each (CRCs right). */
	rgba_zlib(&z, px4, 2, 2);
	struct {
		const char *what;
		uint32_t w, h;
		int depth, color;
		const char *extra;
		size_t zcut;
		stk_status want;
	} cases[] = {
		{ "width 0", 0, 2, 8, 6, NULL, 0, STK_ERR_CORRUPT },
		{ "RGB with bit depth 4", 2, 2, 4, 2, NULL, 0, STK_ERR_CORRUPT },
		{ "colour type 5", 2, 2, 8, 5, NULL, 0, STK_ERR_CORRUPT },
		{ "width over 2^31-1", 0x80000000u, 1, 8, 6, NULL, 0, STK_ERR_CORRUPT },
		{ "unknown critical chunk", 2, 2, 8, 6, "ABCD", 0, STK_ERR_CORRUPT },
		{ "palette image without PLTE", 2, 2, 8, 3, NULL, 0, STK_ERR_CORRUPT },
		{ "zlib stream cut short", 2, 2, 8, 6, NULL, 6, STK_ERR_CORRUPT },
		{ "zlib stream with garbage", 2, 2, 8, 6, NULL, 1, STK_ERR_CORRUPT },
		{ "over max_pixels", 9000, 9000, 8, 6, NULL, 0, STK_ERR_LIMIT },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		b.len = 0;
		signature(&b);
		ihdr(&b, cases[i].w, cases[i].h, cases[i].depth, cases[i].color);
		if (cases[i].extra)
			chunk(&b, cases[i].extra, "x", 1);
		struct buf d = { 0 };
		put(&d, z.p, z.len);
		if (cases[i].zcut == 1)
			memset(d.p + 2, 0xff, 4);
		else if (cases[i].zcut)
			d.len -= cases[i].zcut;
		chunk(&b, "IDAT", d.p, d.len);
		chunk(&b, "IEND", NULL, 0);
		expect_fail(&b, cases[i].want, cases[i].what);
		free(d.p);
	}

	/* IDATs split by another chunk. */
	b.len = 0;
	signature(&b);
	ihdr(&b, 2, 2, 8, 6);
	chunk(&b, "IDAT", z.p, 4);
	chunk(&b, "tEXt", "a\0b", 3);
	chunk(&b, "IDAT", z.p + 4, z.len - 4);
	chunk(&b, "IEND", NULL, 0);
	expect_fail(&b, STK_ERR_CORRUPT, "IDAT chunks not consecutive");

	/* Several IDATs in a row are fine, and bytes after IEND are ignored. */
	b.len = 0;
	signature(&b);
	ihdr(&b, 2, 2, 8, 6);
	chunk(&b, "IDAT", z.p, 4);
	chunk(&b, "IDAT", z.p + 4, z.len - 4);
	chunk(&b, "IEND", NULL, 0);
	put(&b, "junk", 4);
	stk_image *img = decode(&b, &st, &err);
	is_int(st, STK_OK, "split IDAT decodes");
	if (img)
		ok(!memcmp(stk_image_frame_rgba_const(img, 0), px4, 16), "split IDAT pixels right");
	stk_image_free(img);
	free(b.p);
	free(z.p);
	free(copy.p);
}

/* ---- streaming ---- */

static stk_status keep_frame(void *user, const stk_image *header, uint32_t index,
                             const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	stk_image **out = user;
	if (!*out)
		STK_TRY(stk_image_new(stk_image_width(header), stk_image_height(header), out, err));
	if (index != stk_image_frame_count(*out))
		return stk__fail(err, STK_ERR_INTERNAL, "frame %u out of order", index);
	return stk_image_add_frame(*out, rgba, 0, ms, err);
}

static void check_streaming(const char *rel)
{
	size_t len;
	uint8_t *data = corpus_read(rel, &len);
	stk_image *whole = NULL, *streamed = NULL, *header = NULL;
	stk_error err;
	if (!ok(data && stk_image_decode(data, len, NULL, &whole, &err) == STK_OK &&
	        stk_image_decode_frames(data, len, NULL, keep_frame, &streamed, &header,
	                                &err) == STK_OK, "%s decodes whole and streamed", rel)) {
		free(data);
		return;
	}
	uint32_t n = stk_image_frame_count(whole);
	is_int(stk_image_frame_count(streamed), n, "%s: same frame count streamed", rel);
	is_int(stk_image_frame_count(header), 0, "%s: header holds no frames", rel);
	is_int(stk_image_plays(header), stk_image_plays(whole), "%s: header has plays", rel);
	size_t bytes = (size_t)stk_image_width(whole) * stk_image_height(whole) * 4;
	int same = 0;
	for (uint32_t i = 0; i < n && i < stk_image_frame_count(streamed); i++)
		same += !memcmp(stk_image_frame_rgba_const(whole, i),
		                stk_image_frame_rgba_const(streamed, i), bytes) &&
		        stk_image_frame_duration(whole, i) == stk_image_frame_duration(streamed, i);
	is_int(same, n, "%s: streamed frames equal the whole decode", rel);
	stk_image_free(whole);
	stk_image_free(streamed);
	stk_image_free(header);
	free(data);
}

static void test_streaming(void)
{
	check_streaming("animated/bounce_hamster_1024.apng");
	check_streaming("animated/short_delay_5ms_lady-beetle_512.png");
}

/* ---- source facts and speed ---- */

static void test_source_facts(void)
{
	struct {
		const char *file;
		stk_color_type color;
		int depth;
		bool gamma;
	} cases[] = {
		{ "static/rgba16_1024x1024_vampire.png", STK_COLOR_RGBA, 16, true },
		{ "static/palette_trns_800x800_mage.png", STK_COLOR_PALETTE, 8, true },
		{ "static/gray_opaque_512x512_face-screaming-in-fear.png", STK_COLOR_GRAY, 8, true },
		{ "static/white_bg_rgb_1024x1024_alien.png", STK_COLOR_RGB, 8, true },
		{ "static/rgba_512x512_exact_frog.png", STK_COLOR_RGBA, 8, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		uint8_t *data = corpus_read(cases[i].file, &len);
		stk_image *img = NULL;
		stk_error err;
		if (ok(data && stk_image_decode(data, len, NULL, &img, &err) == STK_OK, "%s",
		       cases[i].file)) {
			const stk_source_info *s = stk_image_source(img);
			ok(s->color_type == cases[i].color && s->bit_depth == cases[i].depth &&
			   s->has_gamma == cases[i].gamma && s->bytes == len,
			   "%s: %s %d-bit, gamma %d", cases[i].file, stk_color_type_name(s->color_type),
			   s->bit_depth, s->has_gamma);
		}
		stk_image_free(img);
		free(data);
	}
	size_t len;
	uint8_t *data = corpus_read("static/interlaced_1024x1024_robot.png", &len);
	stk_image *img = NULL;
	stk_error err;
	ok(data && stk_image_decode(data, len, NULL, &img, &err) == STK_OK &&
	   stk_image_source(img)->interlaced, "interlaced corpus file reported interlaced");
	stk_image_free(img);
	free(data);
}

int main(void)
{
	test_corpus();
	test_gray_depths();
	test_16bit_rounding();
	test_transparency();
	test_interlace();
	test_metadata();
	test_icc();
	test_dispose();
	test_blend();
	test_apng_timing();
	test_hidden_default();
	test_apng_errors();
	test_structure_errors();
	test_streaming();
	test_source_facts();
	return done_testing();
}
