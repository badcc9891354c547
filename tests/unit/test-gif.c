/*
 * test-gif.c - the GIF decoder (corpus, broken files, synthetic GIFs built
 * here with giflib) and the GIF encoder (round trips through the decoder).
 */
#include <math.h>
#include <time.h>
#include <gif_lib.h>
#include "tap.h"
#include "corpus.h"
#include "internal.h"

/* ---- helpers ---- */

/* A corpus file as an stk_buf (stk_buf_release() frees it); empty when missing. */
static stk_buf read_corpus(const char *rel)
{
	stk_buf b = { 0 };
	b.data = corpus_read(rel, &b.len);
	if (!b.data)
		tap_diag("cannot read %s", rel);
	return b;
}

static uint32_t px(const stk_image *img, uint32_t f, uint32_t x, uint32_t y)
{
	const uint8_t *p = stk_image_frame_rgba_const(img, f) +
	                   ((size_t)y * stk_image_width(img) + x) * 4;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Letters for colours in synthetic GIFs and expected canvases. */
static uint32_t letter_rgba(char c)
{
	switch (c) {
	case 'R': return 0xff0000ffu;
	case 'G': return 0x00ff00ffu;
	case 'B': return 0x0000ffffu;
	case 'W': return 0xffffffffu;
	case 'K': return 0x000000ffu;
	case 'Y': return 0xffff00ffu;
	case 'C': return 0x00ffffffu;
	case 'M': return 0xff00ffffu;
	default:  return 0;  /* '.': transparent */
	}
}

/* Colour table orders: frame data letters index GLOBAL_ORDER, where '.'
 * is index 7 (magenta in the table). */
#define GLOBAL_ORDER "RGBWKYCM"
#define INDEX_ORDER  "RGBWKYC."
#define LOCAL_ORDER  "CYKWBGRM"

static ColorMapObject *make_map(const char *order)
{
	GifColorType c[8];
	for (int i = 0; i < 8; i++) {
		uint32_t v = letter_rgba(order[i]);
		c[i] = (GifColorType){ v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff };
	}
	return GifMakeMapObject(8, c);
}

struct gbuf {
	uint8_t *data;
	size_t len, cap;
};

static void gbuf_raw(struct gbuf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->data = realloc(b->data, b->cap);
		if (!b->data)
			abort();
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static int gbuf_write(GifFileType *g, const GifByteType *p, int n)
{
	gbuf_raw(g->UserData, p, (size_t)n);
	return n;
}

struct sframe {
	int x, y, w, h;
	const char *px;      /* w*h letters of INDEX_ORDER */
	int disposal;
	int delay_cs;
	int transparent;     /* index, -1 for none */
	bool interlace;
	bool local;          /* local colour table LOCAL_ORDER */
};

static void put_rows(GifFileType *g, const struct sframe *f)
{
	static const int start[4] = { 0, 4, 2, 1 }, step[4] = { 8, 8, 4, 2 };
	GifPixelType row[64];
	for (int pass = 0; pass < (f->interlace ? 4 : 1); pass++) {
		int y0 = f->interlace ? start[pass] : 0, dy = f->interlace ? step[pass] : 1;
		for (int y = y0; y < f->h; y += dy) {
			for (int x = 0; x < f->w; x++)
				row[x] = (GifPixelType)(strchr(INDEX_ORDER, f->px[y * f->w + x]) -
				                        INDEX_ORDER);
			EGifPutLine(g, row, f->w);
		}
	}
}

/* Builds a GIF in memory; loop < 0 writes no NETSCAPE extension.  `xmp`
 * (or NULL) goes in an XMP application extension, raw as Adobe lays it. */
static struct gbuf build_gif(int sw, int sh, int loop, const struct sframe *f, int n,
                             const char *xmp)
{
	struct gbuf b = { 0 };
	int e;
	GifFileType *g = EGifOpen(&b, gbuf_write, &e);
	ColorMapObject *gmap = make_map(GLOBAL_ORDER), *lmap = make_map(LOCAL_ORDER);
	EGifSetGifVersion(g, true);
	EGifPutScreenDesc(g, sw, sh, 8, 0, gmap);
	if (loop >= 0) {
		const GifByteType sub[3] = { 1, loop & 0xff, loop >> 8 };
		EGifPutExtensionLeader(g, APPLICATION_EXT_FUNC_CODE);
		EGifPutExtensionBlock(g, 11, "NETSCAPE2.0");
		EGifPutExtensionBlock(g, 3, sub);
		EGifPutExtensionTrailer(g);
	}
	if (xmp) {
		EGifPutExtensionLeader(g, APPLICATION_EXT_FUNC_CODE);
		EGifPutExtensionBlock(g, 11, "XMP DataXMP");
		gbuf_raw(&b, xmp, strlen(xmp));
		uint8_t magic[258];
		magic[0] = 1;
		for (int i = 0; i < 256; i++)
			magic[1 + i] = (uint8_t)(255 - i);
		magic[257] = 0;
		gbuf_raw(&b, magic, sizeof magic);
	}
	for (int i = 0; i < n; i++) {
		GraphicsControlBlock gcb = { f[i].disposal, false, f[i].delay_cs,
		                             f[i].transparent };
		GifByteType ext[4];
		EGifGCBToExtension(&gcb, ext);
		EGifPutExtension(g, GRAPHICS_EXT_FUNC_CODE, 4, ext);
		EGifPutImageDesc(g, f[i].x, f[i].y, f[i].w, f[i].h, f[i].interlace,
		                 f[i].local ? lmap : NULL);
		put_rows(g, &f[i]);
	}
	EGifCloseFile(g, &e);
	GifFreeMapObject(gmap);
	GifFreeMapObject(lmap);
	return b;
}

static stk_image *decode_gbuf(const struct gbuf *b, const char *what)
{
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_decode(b->data, b->len, NULL, &img, &err) != STK_OK)
		tap_diag("%s: %s", what, err.msg);
	return img;
}

/* Compares frame f with rows of letters (w*h chars, '.' transparent). */
static void expect_frame(const stk_image *img, uint32_t f, const char *want,
                         const char *what)
{
	if (!img || f >= stk_image_frame_count(img)) {
		ok(0, "%s: frame %u missing", what, f);
		return;
	}
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++)
			if (px(img, f, x, y) != letter_rgba(want[y * w + x])) {
				ok(0, "%s", what);
				tap_diag("  frame %u pixel (%u,%u) is %08x, want '%c'", f, x, y,
				         px(img, f, x, y), want[y * w + x]);
				return;
			}
	ok(1, "%s", what);
}

/* ---- the corpus ---- */

/* "loop=forever" -> 0, "loop=none" -> 1, "loop=N" -> N + 1 plays. */
static long expected_plays(const char *notes)
{
	const char *l = strstr(notes, "loop=");
	if (!l)
		return -1;
	l += 5;
	if (strncmp(l, "forever", 7) == 0)
		return 0;
	if (strncmp(l, "none", 4) == 0)
		return 1;
	return strtol(l, NULL, 10) + 1;
}

static void check_animated(const struct corpus_row *r)
{
	stk_buf b = read_corpus(r->path);
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_image_decode(b.data, b.len, NULL, &img, &err);
	is_int(s, STK_OK, "%s decodes", r->path);
	if (s != STK_OK) {
		tap_diag("%s", err.msg);
		stk_buf_release(&b);
		return;
	}
	char size[32];
	snprintf(size, sizeof size, "%ux%u", stk_image_width(img), stk_image_height(img));
	is_str(size, r->size, "%s: size", r->path);
	is_int(stk_image_frame_count(img), r->frames, "%s: frames", r->path);
	is_int(stk_image_duration(img), r->duration_ms, "%s: total duration", r->path);
	is_int(stk_image_plays(img), expected_plays(r->notes), "%s: plays", r->path);
	const stk_source_info *src = stk_image_source(img);
	ok(src->format == STK_FORMAT_GIF && src->color_type == STK_COLOR_PALETTE &&
	   src->bit_depth == 8, "%s: source is an 8-bit palette GIF", r->path);
	stk_image_free(img);
	stk_buf_release(&b);
}

static void check_broken(const struct corpus_row *r)
{
	stk_buf b = read_corpus(r->path);
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_image_decode(b.data, b.len, NULL, &img, &err);
	is_int(s, STK_ERR_CORRUPT, "%s fails as corrupt", r->path);
	ok(img == NULL && err.msg[0] && !strchr(err.msg, '\n'),
	   "%s: one-line message: %s", r->path, err.msg);
	stk_buf_release(&b);
}

struct gif_counts {
	int animated, broken;
};

static bool check_row(const struct corpus_row *r, void *user)
{
	struct gif_counts *n = user;
	if (strncmp(r->path, "animated/", 9) == 0 && strcmp(r->format, "gif") == 0) {
		check_animated(r);
		n->animated++;
	} else if (strncmp(r->path, "broken/gif_", 11) == 0) {
		check_broken(r);
		n->broken++;
	}
	return true;
}

static void test_corpus(void)
{
	struct gif_counts n = { 0, 0 };
	if (!ok(corpus_each(check_row, &n) >= 0, "MANIFEST.tsv opens"))
		return;
	ok(n.animated >= 8 && n.broken >= 3, "manifest lists %d animated and %d broken GIFs",
	   n.animated, n.broken);

	stk_buf b = read_corpus("broken/gif_zero_frames.gif");
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_image_decode(b.data, b.len, NULL, &img, &err);
	ok(s == STK_ERR_CORRUPT && img == NULL, "zero frames: fails");
	is_str(err.msg, "GIF: no image in the file", "zero frames: the message says so");
	stk_buf_release(&b);

	b = read_corpus("broken/png_content_named.gif");
	is_int(stk_format_sniff(b.data, b.len), STK_FORMAT_PNG,
	       "png_content_named.gif sniffs as PNG, never reaches the GIF decoder");
	stk_buf_release(&b);
}

/* Every prefix of a file fails: no half frame passes as success. */
static void check_prefixes(const uint8_t *data, size_t len, const char *what)
{
	size_t bad = len;
	for (size_t n = 6; n < len && bad == len; n++) {
		stk_image *img = NULL;
		stk_error err;
		stk_error_init(&err);
		if (stk_image_decode(data, n, NULL, &img, &err) != STK_ERR_CORRUPT || !err.msg[0]) {
			bad = n;
			stk_image_free(img);
		}
	}
	ok(bad == len, "%s: every truncation (6..%zu bytes) is corrupt%s", what, len - 1,
	   bad == len ? "" : " (not at some length)");
	if (bad != len)
		tap_diag("  first bad prefix length %zu", bad);
}

static void test_truncation(void)
{
	stk_buf b = read_corpus("animated/emote_dmogdotorg_yahoo_pray.gif");
	check_prefixes(b.data, b.len, "yahoo_pray");
	stk_buf_release(&b);
}

static void test_speed(void)
{
	stk_buf b = read_corpus("animated/bounce_hamster_1024.gif");
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	stk_status s = stk_image_decode(b.data, b.len, NULL, &img, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	is_int(s, STK_OK, "bounce_hamster_1024 decodes");
	tap_diag("bounce_hamster_1024.gif: %.1f ms", (t1.tv_sec - t0.tv_sec) * 1e3 +
	         (t1.tv_nsec - t0.tv_nsec) / 1e6);
	stk_image_free(img);
	stk_buf_release(&b);
}

/* ---- synthetic GIFs ---- */

static const char FULL_RED[] = "RRRRRRRRRRRRRRRR";

static void test_disposal(void)
{
	struct sframe f[3] = {
		{ 0, 0, 4, 4, FULL_RED, DISPOSE_DO_NOT, 1, -1, false, false },
		{ 1, 1, 2, 2, "GGGG", DISPOSE_DO_NOT, 2, -1, false, false },
		{ 3, 3, 1, 1, "B", DISPOSE_DO_NOT, 0, -1, false, false },
	};
	struct gbuf b = build_gif(4, 4, 0, f, 3, NULL);
	stk_image *img = decode_gbuf(&b, "disposal 1");
	expect_frame(img, 1, "RRRR" "RGGR" "RGGR" "RRRR", "disposal 1: frame 2 drawn over frame 1");
	expect_frame(img, 2, "RRRR" "RGGR" "RGGR" "RRRB", "disposal 1: frame 2 stays under frame 3");
	if (img) {
		is_int(stk_image_frame_duration(img, 0), 10, "delay 1 cs is 10 ms");
		is_int(stk_image_frame_duration(img, 2), 0, "delay 0 stays 0 ms");
		is_int(stk_image_plays(img), 0, "NETSCAPE loop 0 plays forever");
	}
	stk_image_free(img);
	free(b.data);

	f[1].disposal = DISPOSE_BACKGROUND;
	b = build_gif(4, 4, 2, f, 3, NULL);
	img = decode_gbuf(&b, "disposal 2");
	expect_frame(img, 1, "RRRR" "RGGR" "RGGR" "RRRR", "disposal 2: frame 2 shown");
	expect_frame(img, 2, "RRRR" "R..R" "R..R" "RRRB", "disposal 2: its area cleared to transparent");
	if (img)
		is_int(stk_image_plays(img), 3, "NETSCAPE loop 2 plays 3 times");
	stk_image_free(img);
	free(b.data);

	f[1].disposal = DISPOSE_PREVIOUS;
	b = build_gif(4, 4, -1, f, 3, NULL);
	img = decode_gbuf(&b, "disposal 3");
	expect_frame(img, 1, "RRRR" "RGGR" "RGGR" "RRRR", "disposal 3: frame 2 shown");
	expect_frame(img, 2, "RRRR" "RRRR" "RRRR" "RRRB", "disposal 3: frame 1 restored under it");
	if (img)
		is_int(stk_image_plays(img), 1, "no loop extension plays once");
	stk_image_free(img);
	free(b.data);

	f[1].disposal = 4; /* read as 3, as browsers do */
	b = build_gif(4, 4, -1, f, 3, NULL);
	img = decode_gbuf(&b, "disposal 4");
	expect_frame(img, 2, "RRRR" "RRRR" "RRRR" "RRRB", "disposal 4 restores like 3");
	stk_image_free(img);
	free(b.data);

	/* Restore-previous on the first frame goes back to the empty canvas. */
	struct sframe g[2] = {
		{ 0, 0, 2, 2, "GGGG", DISPOSE_PREVIOUS, 1, -1, false, false },
		{ 3, 3, 1, 1, "B", DISPOSE_DO_NOT, 1, -1, false, false },
	};
	b = build_gif(4, 4, 0, g, 2, NULL);
	img = decode_gbuf(&b, "disposal 3 first");
	expect_frame(img, 1, "...." "...." "...." "...B", "disposal 3 on frame 1 restores transparency");
	stk_image_free(img);
	free(b.data);
}

static void test_transparency_and_tables(void)
{
	/* Index 7 is magenta unless the GCE makes it transparent. */
	struct sframe f[2] = {
		{ 0, 0, 4, 4, FULL_RED, DISPOSE_DO_NOT, 1, -1, false, false },
		{ 0, 0, 4, 4, "GGGG" "G..G" "G..G" "GGGG", DISPOSE_DO_NOT, 1, 7, false, false },
	};
	struct gbuf b = build_gif(4, 4, 0, f, 2, NULL);
	stk_image *img = decode_gbuf(&b, "transparency");
	expect_frame(img, 1, "GGGG" "GRRG" "GRRG" "GGGG", "transparent index keeps what is under it");
	stk_image_free(img);
	free(b.data);

	f[1].transparent = -1;
	b = build_gif(4, 4, 0, f, 2, NULL);
	img = decode_gbuf(&b, "no transparency");
	expect_frame(img, 1, "GGGG" "GMMG" "GMMG" "GGGG", "without the GCE flag index 7 is a colour");
	stk_image_free(img);
	free(b.data);

	struct sframe s = { 0, 0, 4, 1, "RGB.", 0, 0, 7, false, false };
	b = build_gif(4, 1, -1, &s, 1, NULL);
	img = decode_gbuf(&b, "still");
	expect_frame(img, 0, "RGB.", "first frame transparent pixel is alpha 0");
	if (img)
		is_int(stk_image_source(img)->alpha, STK_ALPHA_BINARY, "source alpha is binary");
	stk_image_free(img);
	free(b.data);

	s.local = true;
	s.transparent = -1;
	b = build_gif(4, 1, -1, &s, 1, NULL);
	img = decode_gbuf(&b, "local table");
	expect_frame(img, 0, "CYKM", "local colour table used instead of the global one");
	stk_image_free(img);
	free(b.data);
}

static void test_interlace_and_clipping(void)
{
	/* 2x11 rows of distinct colours exercise all four passes. */
	const char *rows = "RRGGBBWWKKYYCCRRGGBBWW";
	struct sframe f = { 0, 0, 2, 11, rows, 0, 0, -1, false, false };
	struct gbuf plain = build_gif(2, 11, -1, &f, 1, NULL);
	f.interlace = true;
	struct gbuf inter = build_gif(2, 11, -1, &f, 1, NULL);
	stk_image *a = decode_gbuf(&plain, "plain"), *b = decode_gbuf(&inter, "interlaced");
	expect_frame(a, 0, rows, "non-interlaced frame");
	ok(a && b && memcmp(stk_image_frame_rgba_const(a, 0), stk_image_frame_rgba_const(b, 0),
	                    2 * 11 * 4) == 0, "interlaced frame gives the same pixels");
	ok(b && stk_image_source(b)->interlaced && !stk_image_source(a)->interlaced,
	   "interlaced source fact");
	stk_image_free(a);
	stk_image_free(b);
	free(plain.data);
	free(inter.data);

	/* Interlaced and partly off-screen: only the top-left lands. */
	struct sframe c[3] = {
		{ 0, 0, 4, 4, FULL_RED, DISPOSE_DO_NOT, 1, -1, false, false },
		{ 2, 2, 4, 4, "GBWW" "YCWW" "WWWW" "WWWW", DISPOSE_BACKGROUND, 1, -1, true, false },
		{ 9, 0, 4, 4, "WWWWWWWWWWWWWWWW", DISPOSE_DO_NOT, 1, -1, false, false },
	};
	struct gbuf cb = build_gif(4, 4, 0, c, 3, NULL);
	stk_image *img = decode_gbuf(&cb, "clipping");
	expect_frame(img, 1, "RRRR" "RRRR" "RRGB" "RRYC", "frame reaching off the canvas is clipped");
	expect_frame(img, 2, "RRRR" "RRRR" "RR.." "RR..",
	             "off-canvas frame draws nothing; disposal clears the clipped area");
	stk_image_free(img);
	free(cb.data);
}

static void test_no_colour_table(void)
{
	/* Hand-made: 1x1, no global or local table, one pixel of index 0. */
	static const uint8_t gif[] = {
		'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0,
		0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0,
		2, 2, 0x44, 0x01, 0,
		0x3b,
	};
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	is_int(stk_image_decode(gif, sizeof gif, NULL, &img, &err), STK_ERR_CORRUPT,
	       "frame without a colour table is corrupt");
	ok(strstr(err.msg, "colour table") != NULL, "message names it: %s", err.msg);
}

static void test_xmp(void)
{
	const char *xmp = "<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
	                  "<rdf:RDF/></x:xmpmeta><?xpacket end=\"w\"?>";
	struct sframe f = { 0, 0, 2, 1, "RG", 0, 0, -1, false, false };
	struct gbuf b = build_gif(2, 1, -1, &f, 1, xmp);
	stk_image *img = decode_gbuf(&b, "xmp");
	const uint8_t *data = NULL;
	size_t len = 0;
	ok(img && stk_image_metadata(img, STK_META_XMP, &data, &len) && len == strlen(xmp) &&
	   memcmp(data, xmp, len) == 0, "XMP application extension read back");
	expect_frame(img, 0, "RG", "pixels after the XMP extension");
	stk_image_free(img);
	free(b.data);
}

struct collected {
	stk_image *img;   /* frames gathered from the callback */
};

static stk_status collect(void *user, const stk_image *header, uint32_t index,
                          const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	struct collected *c = user;
	if (!c->img)
		STK_TRY(stk_image_new(stk_image_width(header), stk_image_height(header), &c->img,
		                      err));
	if (index != stk_image_frame_count(c->img))
		return stk__fail(err, STK_ERR_INTERNAL, "frame %u out of order", index);
	return stk_image_add_frame(c->img, rgba, 0, ms, err);
}

static bool same_frames(const stk_image *a, const stk_image *b)
{
	uint32_t n = stk_image_frame_count(a);
	size_t bytes = (size_t)stk_image_width(a) * stk_image_height(a) * 4;
	if (n != stk_image_frame_count(b) || stk_image_width(a) != stk_image_width(b) ||
	    stk_image_height(a) != stk_image_height(b))
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (stk_image_frame_duration(a, i) != stk_image_frame_duration(b, i) ||
		    memcmp(stk_image_frame_rgba_const(a, i), stk_image_frame_rgba_const(b, i),
		           bytes) != 0)
			return false;
	return true;
}

static void check_streaming(const uint8_t *data, size_t len, const char *what)
{
	stk_image *whole = NULL, *header = NULL;
	struct collected c = { NULL };
	stk_error err;
	stk_error_init(&err);
	stk_status s1 = stk_image_decode(data, len, NULL, &whole, &err);
	stk_status s2 = stk_image_decode_frames(data, len, NULL, collect, &c, &header, &err);
	ok(s1 == STK_OK && s2 == STK_OK && c.img && same_frames(whole, c.img) &&
	   stk_image_frame_count(header) == 0 && stk_image_plays(header) == stk_image_plays(whole),
	   "%s: streamed frames equal the whole decode", what);
	stk_image_free(whole);
	stk_image_free(header);
	stk_image_free(c.img);
}

static void test_streaming(void)
{
	struct sframe f[3] = {
		{ 0, 0, 4, 4, FULL_RED, DISPOSE_DO_NOT, 1, -1, false, false },
		{ 1, 1, 2, 2, "G.GG", DISPOSE_PREVIOUS, 3, 7, true, false },
		{ 0, 0, 2, 2, "BBBB", DISPOSE_BACKGROUND, 5, -1, false, true },
	};
	struct gbuf b = build_gif(4, 4, 0, f, 3, NULL);
	check_streaming(b.data, b.len, "synthetic");
	check_prefixes(b.data, b.len, "synthetic");
	free(b.data);
	stk_buf cb = read_corpus("animated/emote_QIP-pidgin_bj.gif");
	check_streaming(cb.data, cb.len, "emote_QIP-pidgin_bj");
	stk_buf_release(&cb);

	/* A truncated file fails when streamed too. */
	cb = read_corpus("broken/gif_truncated.gif");
	stk_image *header = NULL;
	struct collected c = { NULL };
	stk_error err;
	stk_error_init(&err);
	is_int(stk_image_decode_frames(cb.data, cb.len, NULL, collect, &c, &header, &err),
	       STK_ERR_CORRUPT, "truncated GIF fails when streamed");
	stk_image_free(c.img);
	stk_buf_release(&cb);
}

/* ---- the encoder ---- */

static stk_image *new_image(uint32_t w, uint32_t h)
{
	stk_image *img = NULL;
	stk_error err;
	if (stk_image_new(w, h, &img, &err) != STK_OK)
		abort();
	return img;
}

static void add_frame(stk_image *img, const uint8_t *rgba, uint32_t ms)
{
	stk_error err;
	if (stk_image_add_frame(img, rgba, 0, ms, &err) != STK_OK)
		abort();
}

static stk_image *round_trip(const stk_image *img, int max_colors, stk_buf *out)
{
	stk_encode_options eo;
	stk_encode_options_init(&eo);
	eo.format = STK_FORMAT_GIF;
	eo.max_colors = max_colors;
	stk_error err;
	stk_error_init(&err);
	stk_image *back = NULL;
	stk_buf tmp = { 0 };
	stk_buf *buf = out ? out : &tmp;
	if (stk_image_encode(img, &eo, buf, &err) != STK_OK) {
		tap_diag("encode: %s", err.msg);
		return NULL;
	}
	if (stk_image_decode(buf->data, buf->len, NULL, &back, &err) != STK_OK)
		tap_diag("decode: %s", err.msg);
	stk_buf_release(&tmp);
	return back;
}

/* Pixels equal; transparent pixels only need alpha 0 on the way back. */
static bool same_binary_pixels(const stk_image *a, const stk_image *b)
{
	size_t npix = (size_t)stk_image_width(a) * stk_image_height(a);
	if (stk_image_frame_count(a) != stk_image_frame_count(b))
		return false;
	for (uint32_t f = 0; f < stk_image_frame_count(a); f++) {
		const uint8_t *p = stk_image_frame_rgba_const(a, f);
		const uint8_t *q = stk_image_frame_rgba_const(b, f);
		for (size_t i = 0; i < npix; i++, p += 4, q += 4) {
			bool same = p[3] == 0 ? q[3] == 0 : memcmp(p, q, 4) == 0;
			if (!same) {
				tap_diag("  frame %u pixel %zu: %02x%02x%02x%02x vs %02x%02x%02x%02x", f,
				         i, p[0], p[1], p[2], p[3], q[0], q[1], q[2], q[3]);
				return false;
			}
		}
	}
	return true;
}

/* A few frames of a moving square in 40 colours with binary alpha; frame
 * 2 is empty (fully transparent). */
static stk_image *sprite_animation(uint32_t plays)
{
	const uint32_t w = 20, h = 16;
	static const uint32_t ms[4] = { 100, 50, 30, 200 };
	stk_image *img = new_image(w, h);
	uint8_t *rgba = calloc((size_t)w * h, 4);
	for (int f = 0; f < 4; f++) {
		memset(rgba, 0, (size_t)w * h * 4);
		for (uint32_t y = 0; f != 2 && y < 8; y++)
			for (uint32_t x = 0; x < 10; x++) {
				uint8_t *p = rgba + ((y + f * 2) * w + x + f * 3) * 4;
				int c = (int)(x * 4 + (y & 3)); /* 40 colours */
				p[0] = (uint8_t)(c * 6);
				p[1] = (uint8_t)(255 - c * 5);
				p[2] = (uint8_t)(c * 37);
				p[3] = (x == 4 && y == 4) ? 0 : 255; /* a hole */
			}
		add_frame(img, rgba, ms[f]);
	}
	free(rgba);
	stk_image_set_plays(img, plays);
	return img;
}

static void test_encode_lossless(void)
{
	static const uint32_t plays[3] = { 0, 1, 3 };
	for (int i = 0; i < 3; i++) {
		stk_image *img = sprite_animation(plays[i]);
		stk_image *back = round_trip(img, 256, NULL);
		ok(back && same_binary_pixels(img, back), "plays %u: pixels survive exactly",
		   plays[i]);
		bool durations = back != NULL;
		for (uint32_t f = 0; back && f < 4; f++)
			durations = durations && stk_image_frame_duration(back, f) ==
			                         stk_image_frame_duration(img, f);
		ok(durations, "plays %u: durations survive", plays[i]);
		if (back)
			is_int(stk_image_plays(back), plays[i], "plays %u survives", plays[i]);
		stk_image_free(back);
		stk_image_free(img);
	}

	/* A still: no delay, plays once, alpha >= 128 opaque. */
	stk_image *img = new_image(3, 1);
	const uint8_t still[12] = { 1, 2, 3, 255, 4, 5, 6, 128, 7, 8, 9, 127 };
	add_frame(img, still, 0);
	stk_image *back = round_trip(img, 256, NULL);
	ok(back && stk_image_frame_count(back) == 1 && stk_image_plays(back) == 1 &&
	   px(back, 0, 0, 0) == 0x010203ffu && px(back, 0, 1, 0) == 0x040506ffu &&
	   px(back, 0, 2, 0) == 0, "still image: alpha 128 opaque, 127 transparent");
	stk_image_free(back);
	stk_image_free(img);
}

static void test_encode_timing(void)
{
	/* 33 ms frames round on the running total: 3, 4, 3 cs = 100 ms. */
	stk_image *img = new_image(2, 2);
	uint8_t rgba[16];
	memset(rgba, 200, sizeof rgba);
	for (int i = 0; i < 3; i++) {
		rgba[0] = (uint8_t)i;
		add_frame(img, rgba, i == 2 ? 34 : 33);
	}
	add_frame(img, rgba, 4);
	stk_image *back = round_trip(img, 256, NULL);
	ok(back && stk_image_frame_duration(back, 0) == 30 &&
	   stk_image_frame_duration(back, 1) == 40 && stk_image_frame_duration(back, 2) == 30,
	   "33+33+34 ms become 30+40+30 ms (no drift)");
	ok(back && stk_image_frame_duration(back, 3) == 10,
	   "a 4 ms frame lasts at least 1 cs");
	stk_image_free(back);
	stk_image_free(img);
}

/* A 64x64 gradient: 4096 colours, far more than fit. */
static stk_image *gradient(bool with_hole)
{
	const uint32_t n = 64;
	stk_image *img = new_image(n, n);
	uint8_t *rgba = malloc(n * n * 4);
	for (uint32_t f = 0; f < 2; f++) {
		for (uint32_t y = 0; y < n; y++)
			for (uint32_t x = 0; x < n; x++) {
				uint8_t *p = rgba + (y * n + x) * 4;
				p[0] = (uint8_t)(x * 4);
				p[1] = (uint8_t)(y * 4);
				p[2] = (uint8_t)((x + y) * 2 + f * 20);
				bool hole = with_hole && (x - 32) * (x - 32) + (y - 32) * (y - 32) < 100;
				p[3] = hole ? 0 : 255;
			}
		add_frame(img, rgba, 80);
	}
	free(rgba);
	return img;
}

static void test_encode_quantized(void)
{
	stk_image *img = gradient(true);
	stk_buf first = { 0 }, second = { 0 };
	stk_image *back = round_trip(img, 256, &first);
	stk_image_free(round_trip(img, 256, &second));
	ok(first.len > 0 && first.len == second.len &&
	   memcmp(first.data, second.data, first.len) == 0,
	   "quantized encode is byte-identical across runs (%zu bytes)", first.len);

	double sum = 0;
	size_t count = 0, alpha_wrong = 0;
	for (uint32_t f = 0; back && f < 2; f++) {
		const uint8_t *p = stk_image_frame_rgba_const(img, f);
		const uint8_t *q = stk_image_frame_rgba_const(back, f);
		for (size_t i = 0; i < 64 * 64; i++, p += 4, q += 4) {
			if ((p[3] == 0) != (q[3] == 0)) {
				alpha_wrong++;
				continue;
			}
			if (p[3] == 0)
				continue;
			for (int c = 0; c < 3; c++)
				sum += abs(p[c] - q[c]);
			count += 3;
		}
	}
	double mae = count ? sum / (double)count : 1e9;
	/* The two frames hold ~8000 colours on two planes; 255 entries give
	 * each one ~32 of them, a cell ~23 levels across in red and green
	 * (4 levels a step).  Uniform cells err by a quarter of their width,
	 * ~6 levels, in those channels and less in blue; dithering trades
	 * some of that for noise.  8 levels (3%) allows for that; a wrong
	 * palette or mapping is off by tens of levels. */
	ok(back && alpha_wrong == 0, "quantized: transparency kept exactly");
	ok(mae < 8.0, "quantized: mean absolute error %.2f < 8 levels", mae);

	/* max_colors is respected (16 including transparency). */
	stk_image *small = round_trip(img, 16, NULL);
	uint32_t seen[32];
	int nseen = 0;
	bool fits = small != NULL;
	for (uint32_t f = 0; small && f < 2 && fits; f++)
		for (uint32_t i = 0; i < 64 * 64 && fits; i++) {
			uint32_t v = px(small, f, i % 64, i / 64);
			int k = 0;
			while (k < nseen && seen[k] != v)
				k++;
			if (k == nseen) {
				if (nseen == 16)
					fits = false;
				else
					seen[nseen++] = v;
			}
		}
	ok(fits, "max_colors 16: at most 16 values (got %d)", nseen);
	stk_image_free(small);
	stk_image_free(back);
	stk_buf_release(&first);
	stk_buf_release(&second);
	stk_image_free(img);

	/* Opaque, no transparency: all 256 entries for colours. */
	img = gradient(false);
	back = round_trip(img, 256, NULL);
	ok(back && stk_image_alpha(back) == STK_ALPHA_NONE, "opaque gradient stays opaque");
	stk_image_free(back);
	stk_image_free(img);
}

static void test_encode_deterministic_lossless(void)
{
	stk_image *img = sprite_animation(0);
	stk_buf a = { 0 }, b = { 0 };
	stk_image_free(round_trip(img, 256, &a));
	stk_image_free(round_trip(img, 256, &b));
	ok(a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
	   "lossless encode is byte-identical across runs");
	stk_buf_release(&a);
	stk_buf_release(&b);
	stk_image_free(img);
}

static void test_encode_corpus(void)
{
	/* Decoded real GIF -> GIF -> decode: the same frames (<= 255 colours). */
	stk_buf b = read_corpus("animated/emote_dmogdotorg_yahoo_dance.gif");
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_decode(b.data, b.len, NULL, &img, &err) == STK_OK) {
		stk_image *back = round_trip(img, 256, NULL);
		ok(back && same_frames(img, back),
		   "yahoo_dance: GIF -> image -> GIF -> image keeps frames and durations");
		if (back)
			is_int(stk_image_plays(back), stk_image_plays(img), "yahoo_dance plays kept");
		stk_image_free(back);
	} else {
		ok(0, "yahoo_dance decodes: %s", err.msg);
	}
	stk_image_free(img);
	stk_buf_release(&b);
}

int main(void)
{
	test_corpus();
	test_truncation();
	test_speed();
	test_disposal();
	test_transparency_and_tables();
	test_interlace_and_clipping();
	test_no_colour_table();
	test_xmp();
	test_streaming();
	test_encode_lossless();
	test_encode_timing();
	test_encode_quantized();
	test_encode_deterministic_lossless();
	test_encode_corpus();
	return done_testing();
}
