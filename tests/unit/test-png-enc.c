/* test-png-enc.c - the PNG and APNG encoder: colour types, exact round
 * trips through libpng, metadata chunks, APNG structure and playback. */
#include <time.h>
#include <png.h>
#include <zlib.h>
#include <lcms2.h>
#include "tap.h"
#include "corpus.h"
#include "internal.h"

/* ---- reading what we wrote ---- */

struct chunk {
	char type[5];
	const uint8_t *data;
	uint32_t len;
	bool crc_ok;
};

struct chunks {
	struct chunk *c;
	int n;
	bool sig_ok;     /* PNG signature, then chunks to the last byte */
};

static uint32_t get32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void put32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static struct chunks parse(const stk_buf *b)
{
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	struct chunks cs = { NULL, 0, false };
	size_t pos = 8;
	if (b->len < 8 || memcmp(b->data, sig, 8) != 0)
		return cs;
	while (b->len - pos >= 12) {
		uint32_t len = get32(b->data + pos);
		if (len > b->len - pos - 12)
			return cs;
		cs.c = realloc(cs.c, (size_t)(cs.n + 1) * sizeof *cs.c);
		struct chunk *c = &cs.c[cs.n++];
		memcpy(c->type, b->data + pos + 4, 4);
		c->type[4] = '\0';
		c->data = b->data + pos + 8;
		c->len = len;
		uLong crc = crc32(0L, b->data + pos + 4, len + 4);
		c->crc_ok = crc == get32(b->data + pos + 8 + len);
		pos += 12 + (size_t)len;
	}
	cs.sig_ok = pos == b->len;
	return cs;
}

static int count(const struct chunks *cs, const char *type)
{
	int n = 0;
	for (int i = 0; i < cs->n; i++)
		n += strcmp(cs->c[i].type, type) == 0;
	return n;
}

static const struct chunk *find(const struct chunks *cs, const char *type)
{
	for (int i = 0; i < cs->n; i++)
		if (strcmp(cs->c[i].type, type) == 0)
			return &cs->c[i];
	return NULL;
}

static int index_of(const struct chunks *cs, const char *type)
{
	for (int i = 0; i < cs->n; i++)
		if (strcmp(cs->c[i].type, type) == 0)
			return i;
	return -1;
}

/* IHDR colour type (byte 9) or bit depth (byte 8); -1 without IHDR. */
static int ihdr_byte(const stk_buf *b, int at)
{
	struct chunks cs = parse(b);
	const struct chunk *h = find(&cs, "IHDR");
	int v = h && h->len == 13 ? h->data[at] : -1;
	free(cs.c);
	return v;
}

/* Decodes with libpng's simplified API into RGBA8; NULL on failure. */
static uint8_t *png_rgba(const uint8_t *data, size_t len, uint32_t *w, uint32_t *h)
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&im, data, len))
		return NULL;
	im.format = PNG_FORMAT_RGBA;
	uint8_t *px = malloc(PNG_IMAGE_SIZE(im));
	if (!px || !png_image_finish_read(&im, NULL, px, 0, NULL)) {
		free(px);
		png_image_free(&im);
		return NULL;
	}
	*w = im.width;
	*h = im.height;
	return px;
}

/* Round trip through libpng: same size and exactly the same RGBA bytes. */
static bool png_exact(const stk_buf *b, const stk_image *img)
{
	uint32_t w = 0, h = 0;
	uint8_t *px = png_rgba(b->data, b->len, &w, &h);
	bool same = px && w == stk_image_width(img) && h == stk_image_height(img) &&
	            memcmp(px, stk_image_frame_rgba_const(img, 0), (size_t)w * h * 4) == 0;
	free(px);
	return same;
}

/* ---- a small APNG player: dispose NONE / blend SOURCE, all we write ---- */

static void add_chunk(stk_buf *b, size_t *cap, const char *type, const uint8_t *d,
                      uint32_t len)
{
	uint8_t h[8], crc[4];
	put32(h, len);
	memcpy(h + 4, type, 4);
	uLong c = crc32(crc32(0L, h + 4, 4), d, len);
	put32(crc, (uint32_t)c);
	if (stk__buf_append(b, cap, h, 8, NULL) || stk__buf_append(b, cap, d, len, NULL) ||
	    stk__buf_append(b, cap, crc, 4, NULL))
		abort();
}

/* A standalone PNG of one frame: IHDR with the region's size, the file's
 * PLTE and tRNS, the frame's data as IDAT. */
static uint8_t *frame_rgba(const struct chunks *cs, const uint8_t *fctl, const stk_buf *data)
{
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	stk_buf b = { NULL, 0 };
	size_t cap = 0;
	uint8_t ihdr[13];
	uint32_t w, h;
	memcpy(ihdr, find(cs, "IHDR")->data, 13);
	memcpy(ihdr, fctl + 4, 8);
	if (stk__buf_append(&b, &cap, sig, 8, NULL))
		abort();
	add_chunk(&b, &cap, "IHDR", ihdr, 13);
	const char *extra[] = { "PLTE", "tRNS" };
	for (int i = 0; i < 2; i++) {
		const struct chunk *c = find(cs, extra[i]);
		if (c)
			add_chunk(&b, &cap, extra[i], c->data, c->len);
	}
	add_chunk(&b, &cap, "IDAT", data->data, (uint32_t)data->len);
	add_chunk(&b, &cap, "IEND", NULL, 0);
	uint8_t *px = png_rgba(b.data, b.len, &w, &h);
	stk_buf_release(&b);
	if (px && (w != get32(fctl + 4) || h != get32(fctl + 8))) {
		free(px);
		px = NULL;
	}
	return px;
}

/* Plays the file; canvases[i] is the canvas after frame i (caller frees). */
static uint8_t **play(const stk_buf *file, uint32_t *nframes)
{
	struct chunks cs = parse(file);
	const struct chunk *ih = find(&cs, "IHDR");
	uint32_t cw = get32(ih->data), ch = get32(ih->data + 4);
	size_t bytes = (size_t)cw * ch * 4;
	uint8_t *canvas = calloc(1, bytes), **out = NULL;
	stk_buf data = { NULL, 0 };
	size_t cap = 0;
	uint32_t n = 0;
	bool bad = false;
	for (int i = 0; i < cs.n && !bad; i++) {
		if (strcmp(cs.c[i].type, "fcTL") != 0)
			continue;
		const uint8_t *f = cs.c[i].data;
		data.len = 0;
		for (int j = i + 1; j < cs.n && strcmp(cs.c[j].type, "fcTL") != 0; j++) {
			if (strcmp(cs.c[j].type, "IDAT") == 0)
				bad |= stk__buf_append(&data, &cap, cs.c[j].data, cs.c[j].len, NULL);
			else if (strcmp(cs.c[j].type, "fdAT") == 0)
				bad |= stk__buf_append(&data, &cap, cs.c[j].data + 4, cs.c[j].len - 4,
				                       NULL);
		}
		uint8_t *px = frame_rgba(&cs, f, &data);
		uint32_t w = get32(f + 4), h = get32(f + 8), x0 = get32(f + 12), y0 = get32(f + 16);
		if (!px || x0 + w > cw || y0 + h > ch || f[24] != 0 || f[25] != 0) {
			free(px);
			bad = true;
			break;
		}
		for (uint32_t y = 0; y < h; y++)
			memcpy(canvas + ((size_t)(y0 + y) * cw + x0) * 4, px + (size_t)y * w * 4,
			       (size_t)w * 4);
		free(px);
		out = realloc(out, (n + 1) * sizeof *out);
		out[n] = malloc(bytes);
		memcpy(out[n++], canvas, bytes);
	}
	free(canvas);
	free(cs.c);
	stk_buf_release(&data);
	if (bad) {
		for (uint32_t i = 0; i < n; i++)
			free(out[i]);
		free(out);
		return NULL;
	}
	*nframes = n;
	return out;
}

static bool played_exact(const stk_buf *file, const stk_image *img)
{
	uint32_t n = 0;
	uint8_t **canv = play(file, &n);
	size_t bytes = (size_t)stk_image_width(img) * stk_image_height(img) * 4;
	bool same = canv && n == stk_image_frame_count(img);
	for (uint32_t i = 0; canv && i < n; i++) {
		same = same && memcmp(canv[i], stk_image_frame_rgba_const(img, i), bytes) == 0;
		free(canv[i]);
	}
	free(canv);
	return same;
}

/* ---- images ---- */

static stk_image *new_image(uint32_t w, uint32_t h)
{
	stk_image *img = NULL;
	if (stk_image_new(w, h, &img, NULL) != STK_OK)
		abort();
	return img;
}

/* Many colours, partial alpha, and coloured RGB under alpha 0. */
static void fill_rgba(uint8_t *px, uint32_t w, uint32_t h, int seed)
{
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			uint8_t *p = px + ((size_t)y * w + x) * 4;
			p[0] = (uint8_t)(x * 3 + seed);
			p[1] = (uint8_t)(y * 5);
			p[2] = (uint8_t)(x * y + seed * 7);
			p[3] = (uint8_t)((x + y) % 3 == 0 ? 0 : x * 4 + y);
		}
}

static void add(stk_image *img, const uint8_t *px, uint32_t ms)
{
	if (stk_image_add_frame(img, px, 0, ms, NULL) != STK_OK)
		abort();
}

static stk_image *rgba_image(uint32_t w, uint32_t h)
{
	stk_image *img = new_image(w, h);
	uint8_t *px = malloc((size_t)w * h * 4);
	fill_rgba(px, w, h, 0);
	add(img, px, 0);
	free(px);
	return img;
}

/* Opaque; gray (r == g == b) or coloured, more than 256 colours when coloured. */
static stk_image *opaque_image(uint32_t w, uint32_t h, bool gray, bool alpha)
{
	stk_image *img = new_image(w, h);
	uint8_t *px = malloc((size_t)w * h * 4);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		uint8_t v = (uint8_t)(i * 7);
		px[i * 4] = v;
		px[i * 4 + 1] = gray ? v : (uint8_t)(i / 3);
		px[i * 4 + 2] = gray ? v : (uint8_t)(i >> 8);
		px[i * 4 + 3] = alpha ? (uint8_t)(i * 13) : 255;
	}
	add(img, px, 0);
	free(px);
	return img;
}

/* n colours (n <= 256) including two translucent ones with coloured RGB. */
static stk_image *few_colours(uint32_t w, uint32_t h, int n)
{
	stk_image *img = new_image(w, h);
	uint8_t *px = malloc((size_t)w * h * 4);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		int k = (int)((i / 5) % (size_t)n);
		uint8_t *p = px + i * 4;
		p[0] = (uint8_t)(k * 37);
		p[1] = (uint8_t)(200 - k);
		p[2] = (uint8_t)(k * 11 + 3);
		p[3] = k == 1 ? 0 : k == n - 1 ? 128 : 255;
	}
	add(img, px, 0);
	free(px);
	return img;
}

static stk_status encode(const stk_image *img, const stk_encode_options *opt, stk_buf *out)
{
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_image_encode(img, opt, out, &err);
	if (s != STK_OK)
		tap_diag("encode: %s: %s", stk_status_name(s), err.msg);
	return s;
}

static void check_decoder(const stk_buf *b, const stk_image *img, const char *what);

/* ---- stills ---- */

static void test_rgba(void)
{
	stk_image *img = rgba_image(67, 41);
	stk_buf b = { NULL, 0 };
	is_int(encode(img, NULL, &b), STK_OK, "RGBA encodes");
	is_int(ihdr_byte(&b, 9), PNG_COLOR_TYPE_RGB_ALPHA, "many colours with alpha: RGBA");
	ok(png_exact(&b, img), "RGBA round trip is exact, RGB under alpha 0 included");
	struct chunks cs = parse(&b);
	ok(cs.sig_ok && index_of(&cs, "IHDR") == 0 && index_of(&cs, "IEND") == cs.n - 1,
	   "signature, IHDR first, IEND last");
	ok(count(&cs, "acTL") == 0, "a still has no acTL");
	free(cs.c);

	stk_buf b2 = { NULL, 0 };
	is_int(encode(img, NULL, &b2), STK_OK, "encode again");
	ok(b.len == b2.len && memcmp(b.data, b2.data, b.len) == 0, "byte-identical output");
	stk_buf_release(&b2);
	stk_buf_release(&b);
	stk_image_free(img);
}

static void test_palette(void)
{
	stk_encode_options opt;
	stk_encode_options_init(&opt);
	struct { int colours, depth; } cases[] = { { 2, 1 }, { 3, 2 }, { 16, 4 }, { 17, 8 },
	                                            { 256, 8 } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		stk_image *img = few_colours(40, 33, cases[i].colours);
		stk_buf b = { NULL, 0 };
		is_int(encode(img, &opt, &b), STK_OK, "%d colours encode", cases[i].colours);
		is_int(ihdr_byte(&b, 9), PNG_COLOR_TYPE_PALETTE, "%d colours: palette",
		       cases[i].colours);
		is_int(ihdr_byte(&b, 8), cases[i].depth, "%d colours: depth %d", cases[i].colours,
		       cases[i].depth);
		ok(png_exact(&b, img), "%d colours: exact pixels", cases[i].colours);
		struct chunks cs = parse(&b);
		const struct chunk *plte = find(&cs, "PLTE"), *trns = find(&cs, "tRNS");
		is_int(plte ? (int)plte->len : -1, cases[i].colours * 3, "%d colours: PLTE size",
		       cases[i].colours);
		/* two translucent entries, first in the palette (one when 2 colours) */
		int want = cases[i].colours == 2 ? 1 : 2;
		ok(trns && (int)trns->len == want && trns->data[want - 1] < 255,
		   "%d colours: tRNS trimmed after the translucent entries", cases[i].colours);
		free(cs.c);
		stk_buf_release(&b);
		stk_image_free(img);
	}

	/* png_palette 0: never a palette */
	stk_image *img = few_colours(20, 20, 5);
	stk_buf b = { NULL, 0 };
	opt.png_palette = 0;
	is_int(encode(img, &opt, &b), STK_OK, "no-palette encode");
	is_int(ihdr_byte(&b, 9), PNG_COLOR_TYPE_RGB_ALPHA, "png_palette 0 keeps RGBA");
	ok(png_exact(&b, img), "and exact");
	stk_buf_release(&b);
	stk_image_free(img);
}

static void test_direct_types(void)
{
	stk_encode_options opt;
	stk_encode_options_init(&opt);
	struct { bool gray, alpha; int palette, want; const char *what; } cases[] = {
		{ true, false, 0, PNG_COLOR_TYPE_GRAY, "gray opaque" },
		{ true, true, 0, PNG_COLOR_TYPE_GRAY_ALPHA, "gray with alpha" },
		{ false, false, -1, PNG_COLOR_TYPE_RGB, "RGB opaque" },
		{ true, false, -1, PNG_COLOR_TYPE_PALETTE, "gray, 256 levels or fewer, default" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		stk_image *img = opaque_image(301, 7, cases[i].gray, cases[i].alpha);
		stk_buf b = { NULL, 0 };
		opt.png_palette = cases[i].palette;
		is_int(encode(img, &opt, &b), STK_OK, "%s encodes", cases[i].what);
		is_int(ihdr_byte(&b, 9), cases[i].want, "%s: colour type %d", cases[i].what,
		       cases[i].want);
		ok(png_exact(&b, img), "%s: exact", cases[i].what);
		stk_buf_release(&b);
		stk_image_free(img);
	}
}

/* Binary alpha, every transparent pixel (10, 20, 30, 0). */
static stk_image *keyed_image(bool gray, bool taken)
{
	const uint32_t w = 300, h = 5;
	stk_image *img = opaque_image(w, h, gray, false);
	uint8_t *px = stk_image_frame_rgba(img, 0);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		uint8_t *p = px + i * 4;
		if (!gray && p[0] == 10 && p[1] == 20 && p[2] == 30)
			p[0] = 11;
		if (gray && p[0] == 10)
			p[0] = p[1] = p[2] = 11;
		if (i % 7 == 0)
			memcpy(p, gray ? "\x0a\x0a\x0a\0" : "\x0a\x14\x1e\0", 4);
	}
	if (taken)
		memcpy(px, gray ? "\x0a\x0a\x0a\xff" : "\x0a\x14\x1e\xff", 4);
	return img;
}

/* libpng refuses rows over a million pixels: its error comes back. */
static void test_libpng_error(void)
{
	stk_image *img = new_image(1000001, 1);
	stk_buf b = { (uint8_t *)"x", 1 };
	stk_error err;
	stk_error_init(&err);
	add(img, NULL, 0);
	is_int(stk_image_encode(img, NULL, &b, &err), STK_ERR_ENCODE, "libpng error reported");
	ok(strncmp(err.msg, "PNG: ", 5) == 0 && strlen(err.msg) > 5, "with libpng's message (%s)",
	   err.msg);
	ok(b.data == NULL && b.len == 0, "and no output");
	stk_image_free(img);
}

static void test_colour_key(void)
{
	stk_encode_options opt;
	stk_encode_options_init(&opt);
	opt.png_palette = 0;
	struct { bool gray, taken; int want; const char *what; } cases[] = {
		{ false, false, PNG_COLOR_TYPE_RGB, "RGB with a colour key" },
		{ true, false, PNG_COLOR_TYPE_GRAY, "gray with a colour key" },
		{ false, true, PNG_COLOR_TYPE_RGB_ALPHA, "key colour also opaque: RGBA" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		stk_image *img = keyed_image(cases[i].gray, cases[i].taken);
		stk_buf b = { NULL, 0 };
		is_int(encode(img, &opt, &b), STK_OK, "%s encodes", cases[i].what);
		is_int(ihdr_byte(&b, 9), cases[i].want, "%s: colour type %d", cases[i].what,
		       cases[i].want);
		struct chunks cs = parse(&b);
		const struct chunk *t = find(&cs, "tRNS");
		if (cases[i].taken)
			ok(!t, "%s: no tRNS", cases[i].what);
		else
			ok(t && t->len == (cases[i].gray ? 2u : 6u) && t->data[1] == 10,
			   "%s: tRNS holds the key", cases[i].what);
		free(cs.c);
		ok(png_exact(&b, img), "%s: exact", cases[i].what);
		check_decoder(&b, img, cases[i].what);
		stk_buf_release(&b);
		stk_image_free(img);
	}
}

static void test_quantize(void)
{
	stk_encode_options opt;
	stk_encode_options_init(&opt);
	opt.png_palette = 1;
	opt.max_colors = 16;
	stk_image *img = rgba_image(64, 64);
	stk_buf b = { NULL, 0 }, b2 = { NULL, 0 };
	is_int(encode(img, &opt, &b), STK_OK, "quantized encode");
	is_int(ihdr_byte(&b, 9), PNG_COLOR_TYPE_PALETTE, "quantized: palette");
	struct chunks cs = parse(&b);
	const struct chunk *plte = find(&cs, "PLTE");
	ok(plte && plte->len <= 16 * 3, "quantized: at most max_colors entries");
	free(cs.c);
	uint32_t w, h;
	uint8_t *px = png_rgba(b.data, b.len, &w, &h);
	ok(px && w == 64 && h == 64, "quantized output decodes");
	is_int(encode(img, &opt, &b2), STK_OK, "quantize again");
	ok(b.len == b2.len && memcmp(b.data, b2.data, b.len) == 0,
	   "quantized output is byte-identical");
	free(px);
	stk_buf_release(&b);
	stk_buf_release(&b2);
	stk_image_free(img);

	/* few enough colours: the exact palette, not libimagequant's */
	img = few_colours(30, 30, 12);
	is_int(encode(img, &opt, &b), STK_OK, "quantize with 12 colours");
	ok(png_exact(&b, img), "12 colours under max_colors 16 stay exact");
	stk_buf_release(&b);
	stk_image_free(img);
}

static bool has_blob(const stk_image *img, stk_meta_kind k, const void *want, size_t len)
{
	const uint8_t *d;
	size_t n;
	return stk_image_metadata(img, k, &d, &n) && n == len && memcmp(d, want, len) == 0;
}

static void check_decoded_metadata(const stk_buf *b, const uint8_t *exif, size_t exif_len,
                                   const char *xmp)
{
	stk_image *d = NULL;
	stk_status s = stk_image_decode(b->data, b->len, NULL, &d, NULL);
	if (s == STK_ERR_UNSUPPORTED) {
		ok(1, "metadata read back # SKIP decoder not built");
		return;
	}
	ok(s == STK_OK && has_blob(d, STK_META_EXIF, exif, exif_len) &&
	   has_blob(d, STK_META_XMP, xmp, strlen(xmp)), "stk_image_decode reads EXIF and XMP back");
	stk_image_free(d);
}

static cmsHPROFILE icc_profile(bool gray, uint8_t **data, size_t *len)
{
	cmsToneCurve *g = cmsBuildGamma(NULL, 2.2);
	cmsCIExyY white = { 0.3127, 0.3290, 1.0 };
	cmsHPROFILE p = gray ? cmsCreateGrayProfile(&white, g) : cmsCreate_sRGBProfile();
	cmsUInt32Number n = 0;
	cmsSaveProfileToMem(p, NULL, &n);
	*data = malloc(n);
	cmsSaveProfileToMem(p, *data, &n);
	*len = n;
	cmsFreeToneCurve(g);
	return p;
}

static void test_metadata(void)
{
	static const uint8_t exif[] = "Exif\0\0MM\0\x2a\0\0\0\x08\0\0";
	static const char xmp[] = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>stk</x:xmpmeta>";
	uint8_t *icc;
	size_t icc_len;
	cmsCloseProfile(icc_profile(false, &icc, &icc_len));
	stk_image *img = rgba_image(16, 16);
	stk_source_info src = *stk_image_source(img);
	if (stk_image_set_metadata(img, STK_META_EXIF, exif, sizeof exif - 1, NULL) ||
	    stk_image_set_metadata(img, STK_META_XMP, (const uint8_t *)xmp, strlen(xmp), NULL) ||
	    stk_image_set_metadata(img, STK_META_ICC, icc, icc_len, NULL))
		abort();

	stk_buf b = { NULL, 0 };
	is_int(encode(img, NULL, &b), STK_OK, "encode with metadata");
	struct chunks cs = parse(&b);
	const struct chunk *c = find(&cs, "eXIf");
	ok(c && c->len == sizeof exif - 7 && memcmp(c->data, "MM", 2) == 0,
	   "EXIF in eXIf, without the Exif prefix");
	c = find(&cs, "iTXt");
	ok(c && c->len > 19 && memcmp(c->data, "XML:com.adobe.xmp", 18) == 0 && c->data[18] == 1,
	   "XMP in iTXt XML:com.adobe.xmp, compressed (read back below)");
	ok(count(&cs, "iCCP") == 1 && count(&cs, "sRGB") == 0, "ICC profile in iCCP");
	ok(index_of(&cs, "iCCP") < index_of(&cs, "IDAT") &&
	   index_of(&cs, "eXIf") < index_of(&cs, "IDAT"), "metadata before the image data");
	ok(png_exact(&b, img), "pixels unchanged by metadata");
	free(cs.c);
	check_decoded_metadata(&b, exif + 6, sizeof exif - 7, xmp);
	stk_buf_release(&b);

	src.icc_converted = true;
	stk_image_set_source(img, &src);
	is_int(encode(img, NULL, &b), STK_OK, "encode converted source");
	cs = parse(&b);
	ok(count(&cs, "sRGB") == 1 && count(&cs, "iCCP") == 0,
	   "icc_converted: sRGB chunk, not the original profile");
	free(cs.c);
	stk_buf_release(&b);

	stk_encode_options opt;
	stk_encode_options_init(&opt);
	opt.keep_metadata = false;
	is_int(encode(img, &opt, &b), STK_OK, "encode without metadata");
	cs = parse(&b);
	ok(!count(&cs, "eXIf") && !count(&cs, "iTXt") && !count(&cs, "iCCP") &&
	   !count(&cs, "sRGB"), "keep_metadata false writes none");
	free(cs.c);
	stk_buf_release(&b);

	/* XMP carried over is bounded: past 64 KiB it is dropped, so a small
	 * PNG whose packet inflates to megabytes stays small when rewritten. */
	size_t big_len = (64u << 10) + 1;
	char *big = malloc(big_len);
	if (!big)
		abort();
	memset(big, 'x', big_len);
	if (stk_image_set_metadata(img, STK_META_XMP, (const uint8_t *)big, big_len, NULL))
		abort();
	is_int(encode(img, NULL, &b), STK_OK, "encode with 64 KiB + 1 of XMP");
	cs = parse(&b);
	ok(!count(&cs, "iTXt") && b.len < 8192, "XMP over 64 KiB dropped (%zu bytes out)", b.len);
	free(cs.c);
	free(big);
	stk_buf_release(&b);
	stk_image_free(img);

	/* An RGB profile cannot go on a gray PNG: stay RGB and keep it. */
	img = opaque_image(300, 3, true, false);
	if (stk_image_set_metadata(img, STK_META_ICC, icc, icc_len, NULL))
		abort();
	opt.keep_metadata = true;
	opt.png_palette = 0;
	is_int(encode(img, &opt, &b), STK_OK, "gray pixels, RGB profile");
	cs = parse(&b);
	ok(ihdr_byte(&b, 9) == PNG_COLOR_TYPE_RGB && count(&cs, "iCCP") == 1,
	   "gray pixels with an RGB profile are written as RGB with iCCP");
	free(cs.c);
	stk_buf_release(&b);
	stk_image_free(img);
	free(icc);

	/* A gray profile needs a gray PNG, even where a palette would fit. */
	cmsCloseProfile(icc_profile(true, &icc, &icc_len));
	img = opaque_image(300, 3, true, false);
	if (stk_image_set_metadata(img, STK_META_ICC, icc, icc_len, NULL))
		abort();
	opt.png_palette = -1;
	is_int(encode(img, &opt, &b), STK_OK, "gray pixels, gray profile");
	cs = parse(&b);
	ok(ihdr_byte(&b, 9) == PNG_COLOR_TYPE_GRAY && count(&cs, "iCCP") == 1,
	   "gray profile: gray PNG with iCCP");
	free(cs.c);
	stk_buf_release(&b);
	stk_image_free(img);
	free(icc);
}

/* ---- APNG ---- */

/* Three frames: a change inside (10,5)-(19,14), then no change at all. */
static stk_image *anim(bool palette)
{
	const uint32_t w = 48, h = 32;
	stk_image *img = new_image(w, h);
	uint8_t *px = malloc((size_t)w * h * 4);
	if (palette) {
		stk_image *f = few_colours(w, h, 7);
		memcpy(px, stk_image_frame_rgba_const(f, 0), (size_t)w * h * 4);
		stk_image_free(f);
	} else {
		fill_rgba(px, w, h, 1);
	}
	add(img, px, 100);
	for (uint32_t y = 5; y < 15; y++)
		for (uint32_t x = 10; x < 20; x++) {
			uint8_t *p = px + ((size_t)y * w + x) * 4;
			uint8_t *q = px + ((size_t)(y + 10) * w + x + 20) * 4;
			memcpy(p, q, 4); /* a colour the image already has */
			p[3] ^= palette ? 0 : 0x55;
		}
	add(img, px, 0);
	add(img, px, 70000);
	stk_image_set_plays(img, 3);
	free(px);
	return img;
}

/* acTL, sequence numbers, CRCs, fcTL per frame; fctl[] gets each fcTL. */
static void check_structure(const stk_buf *b, uint32_t frames, uint32_t plays,
                            const char *what, const uint8_t **fctl)
{
	struct chunks cs = parse(b);
	bool crcs = cs.n > 0;
	for (int i = 0; i < cs.n; i++)
		crcs = crcs && cs.c[i].crc_ok;
	ok(cs.sig_ok && crcs, "%s: signature, chunk lengths and every CRC valid", what);
	const struct chunk *actl = find(&cs, "acTL");
	ok(actl && actl->len == 8 && get32(actl->data) == frames && get32(actl->data + 4) == plays,
	   "%s: acTL %u frames, %u plays", what, frames, plays);
	ok(index_of(&cs, "acTL") < index_of(&cs, "IDAT") &&
	   index_of(&cs, "fcTL") < index_of(&cs, "IDAT"), "%s: acTL and fcTL before IDAT", what);
	is_int(count(&cs, "fcTL"), frames, "%s: one fcTL per frame", what);
	uint32_t seq = 0, nf = 0;
	bool seq_ok = true, data_ok = true;
	int idat_at = index_of(&cs, "IDAT");
	for (int i = 0; i < cs.n; i++) {
		bool fc = strcmp(cs.c[i].type, "fcTL") == 0, fd = strcmp(cs.c[i].type, "fdAT") == 0;
		if (fc && nf < frames)
			fctl[nf++] = cs.c[i].data;
		if (fd && i < idat_at)
			data_ok = false;
		if (strcmp(cs.c[i].type, "IDAT") == 0 && nf != 1)
			data_ok = false;
		if (fc || fd)
			seq_ok = seq_ok && cs.c[i].len >= 4 && get32(cs.c[i].data) == seq++;
	}
	ok(seq_ok, "%s: sequence numbers 0, 1, 2, ... over fcTL and fdAT", what);
	ok(data_ok, "%s: frame 0 in IDAT, later frames in fdAT", what);
	free(cs.c); /* fctl[] points into b, not into cs */
}

static uint32_t delay_ms(const uint8_t *fctl)
{
	uint32_t num = (uint32_t)fctl[20] << 8 | fctl[21];
	uint32_t den = (uint32_t)fctl[22] << 8 | fctl[23];
	return num * 1000 / (den ? den : 100);
}

static bool rect_is(const uint8_t *f, uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
	return get32(f + 4) == w && get32(f + 8) == h && get32(f + 12) == x &&
	       get32(f + 16) == y;
}

static void check_decoder(const stk_buf *b, const stk_image *img, const char *what)
{
	stk_image *d = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_image_decode(b->data, b->len, NULL, &d, &err);
	if (s == STK_ERR_UNSUPPORTED) {
		ok(1, "%s: stk_image_decode round trip # SKIP decoder not built", what);
		return;
	}
	is_int(s, STK_OK, "%s: stk_image_decode reads it", what);
	if (s != STK_OK) {
		tap_diag("%s", err.msg);
		return;
	}
	uint32_t n = stk_image_frame_count(img);
	size_t bytes = (size_t)stk_image_width(img) * stk_image_height(img) * 4;
	bool same = stk_image_frame_count(d) == n && stk_image_width(d) == stk_image_width(img) &&
	            stk_image_height(d) == stk_image_height(img);
	bool times = same;
	for (uint32_t i = 0; same && i < n; i++) {
		same = memcmp(stk_image_frame_rgba_const(d, i), stk_image_frame_rgba_const(img, i),
		              bytes) == 0;
		times = times && stk_image_frame_duration(d, i) == stk_image_frame_duration(img, i);
	}
	ok(same, "%s: decoded frames are exact", what);
	ok(times, "%s: decoded durations match", what);
	is_int(stk_image_plays(d), stk_image_plays(img), "%s: decoded plays match", what);
	stk_image_free(d);
}

static void test_apng(bool palette)
{
	const char *what = palette ? "palette APNG" : "RGBA APNG";
	stk_image *img = anim(palette);
	stk_buf b = { NULL, 0 }, b2 = { NULL, 0 };
	const uint8_t *fctl[3] = { NULL, NULL, NULL };
	is_int(encode(img, NULL, &b), STK_OK, "%s encodes", what);
	is_int(ihdr_byte(&b, 9), palette ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB_ALPHA,
	       "%s: colour type", what);
	check_structure(&b, 3, 3, what, fctl);
	ok(fctl[2] && rect_is(fctl[0], 0, 0, 48, 32), "%s: frame 0 covers the canvas", what);
	ok(fctl[2] && rect_is(fctl[1], 10, 5, 10, 10), "%s: frame 1 is the changed region",
	   what);
	ok(fctl[2] && rect_is(fctl[2], 0, 0, 1, 1), "%s: unchanged frame is 1x1", what);
	ok(fctl[2] && delay_ms(fctl[0]) == 100 && delay_ms(fctl[1]) == 0 &&
	   delay_ms(fctl[2]) == 70000, "%s: delays 100, 0, 70000 ms", what);
	ok(played_exact(&b, img), "%s: played frames are exact", what);
	ok(png_exact(&b, img), "%s: plain PNG readers see frame 0", what);
	is_int(encode(img, NULL, &b2), STK_OK, "%s encodes again", what);
	ok(b.len == b2.len && memcmp(b.data, b2.data, b.len) == 0, "%s: byte-identical", what);
	check_decoder(&b, img, what);
	stk_buf_release(&b);
	stk_buf_release(&b2);
	stk_image_free(img);
}

static void test_apng_single(void)
{
	stk_encode_options opt;
	stk_encode_options_init(&opt);
	opt.format = STK_FORMAT_APNG;
	static const char xmp[] = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>";
	stk_image *img = rgba_image(20, 10);
	stk_image_set_frame_duration(img, 0, 250);
	if (stk_image_set_metadata(img, STK_META_XMP, (const uint8_t *)xmp, strlen(xmp), NULL) ||
	    stk_image_set_metadata(img, STK_META_EXIF, (const uint8_t *)"II*\0\x08\0\0\0\0\0",
	                           10, NULL))
		abort();
	stk_buf b = { NULL, 0 };
	const uint8_t *fctl[1] = { NULL };
	is_int(encode(img, &opt, &b), STK_OK, "1-frame APNG encodes");
	check_structure(&b, 1, 0, "1-frame APNG", fctl);
	ok(fctl[0] && delay_ms(fctl[0]) == 250, "1-frame APNG: delay");
	ok(played_exact(&b, img), "1-frame APNG: exact");
	struct chunks cs = parse(&b);
	int data = index_of(&cs, "IDAT");
	ok(index_of(&cs, "eXIf") > 0 && index_of(&cs, "eXIf") < data &&
	   index_of(&cs, "iTXt") > 0 && index_of(&cs, "iTXt") < data,
	   "1-frame APNG: metadata chunks before the image data");
	free(cs.c);
	check_decoder(&b, img, "1-frame APNG");
	stk_buf_release(&b);
	stk_image_free(img);
}

static void test_apng_quantized(void)
{
	stk_encode_options opt;
	stk_encode_options_init(&opt);
	opt.png_palette = 1;
	opt.max_colors = 32;
	stk_image *img = anim(false);
	stk_buf b = { NULL, 0 }, b2 = { NULL, 0 };
	const uint8_t *fctl[3] = { NULL, NULL, NULL };
	is_int(encode(img, &opt, &b), STK_OK, "quantized APNG encodes");
	is_int(ihdr_byte(&b, 9), PNG_COLOR_TYPE_PALETTE, "quantized APNG: one palette");
	check_structure(&b, 3, 3, "quantized APNG", fctl);
	uint32_t n = 0;
	uint8_t **canv = play(&b, &n);
	ok(canv && n == 3, "quantized APNG plays");
	for (uint32_t i = 0; canv && i < n; i++)
		free(canv[i]);
	free(canv);
	is_int(encode(img, &opt, &b2), STK_OK, "quantized APNG again");
	ok(b.len == b2.len && memcmp(b.data, b2.data, b.len) == 0,
	   "quantized APNG: byte-identical");
	stk_buf_release(&b);
	stk_buf_release(&b2);
	stk_image_free(img);
}

/* ---- real art ---- */

static stk_image *load_png(const char *rel)
{
	size_t len;
	uint8_t *data = corpus_read(rel, &len);
	if (!data)
		return NULL;
	uint32_t w, h;
	uint8_t *px = png_rgba(data, len, &w, &h);
	free(data);
	if (!px)
		return NULL;
	stk_image *img = new_image(w, h);
	if (stk_image_add_frame_take(img, px, 100, NULL))
		abort();
	stk_source_info src = *stk_image_source(img);
	src.bytes = len;
	stk_image_set_source(img, &src);
	return img;
}

/* CPU time: builds run in parallel on this machine. */
static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void test_corpus(void)
{
	static const char *files[] = {
		"static/rgba_512x512_exact_frog.png",
		"static/palette_trns_800x800_mage.png",
		"static/gray_opaque_512x512_face-screaming-in-fear.png",
		"static/dirty_transparent_rgb_1024x1024_merperson.png",
		"static/white_bg_rgb_1024x1024_alien.png",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		stk_image *img = load_png(files[i]);
		if (!img) {
			ok(1, "%s # SKIP not in the corpus", files[i]);
			continue;
		}
		stk_buf b = { NULL, 0 };
		double t0 = now_ms();
		stk_status s = encode(img, NULL, &b);
		double t1 = now_ms();
		is_int(s, STK_OK, "%s encodes", files[i]);
		ok(png_exact(&b, img), "%s: exact round trip", files[i]);
		tap_diag("%s: %llu -> %zu bytes (colour type %d, depth %d), %.1f ms CPU", files[i],
		         (unsigned long long)stk_image_source(img)->bytes, b.len, ihdr_byte(&b, 9),
		         ihdr_byte(&b, 8), t1 - t0);
		stk_buf_release(&b);
		stk_image_free(img);
	}
}

/* Animations through the project's decoders and back. */
static void test_corpus_anim(void)
{
	static const char *files[] = {
		"animated/short_delay_5ms_lady-beetle_512.png",
		"animated/emote_dmogdotorg_yahoo_dance.gif",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[1024];
		stk_image *img = NULL;
		stk_status s = stk_image_load(corpus_path(path, sizeof path, files[i]), NULL, &img,
		                              NULL);
		if (s != STK_OK) {
			ok(1, "%s # SKIP cannot load it (%s)", files[i], stk_status_name(s));
			continue;
		}
		stk_buf b = { NULL, 0 };
		double t0 = now_ms();
		is_int(encode(img, NULL, &b), STK_OK, "%s encodes", files[i]);
		double t1 = now_ms();
		tap_diag("%s: %u frames, %llu -> %zu bytes, %.0f ms CPU", files[i],
		         stk_image_frame_count(img),
		         (unsigned long long)stk_image_source(img)->bytes, b.len, t1 - t0);
		ok(played_exact(&b, img), "%s: played frames are exact", files[i]);
		check_decoder(&b, img, files[i]);
		stk_buf_release(&b);
		stk_image_free(img);
	}
}

int main(void)
{
	test_rgba();
	test_palette();
	test_direct_types();
	test_colour_key();
	test_libpng_error();
	test_quantize();
	test_metadata();
	test_apng(false);
	test_apng(true);
	test_apng_single();
	test_apng_quantized();
	test_corpus();
	test_corpus_anim();
	return done_testing();
}
