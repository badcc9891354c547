/*
 * test-resize-pixels.c - what resizing does to pixels: filters, no halos
 * from colour under transparency, the outline's width measured on the
 * output, keying that keeps a white interior, flattening, and animations
 * (one layout for all frames, streamed).
 */
#include <math.h>
#include "tap.h"
#include "art_internal.h"
#include "resize_opts.h"

typedef void paint_fn(uint32_t x, uint32_t y, uint8_t px[4]);

static stk_image *make(uint32_t w, uint32_t h, paint_fn *paint)
{
	stk_image *img = NULL;
	stk_error err;
	uint8_t *rgba = malloc((size_t)w * h * 4);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++)
			paint(x, y, rgba + ((size_t)y * w + x) * 4);
	if (stk_image_new(w, h, &img, &err) != STK_OK ||
	    stk_image_add_frame_take(img, rgba, 0, &err) != STK_OK)
		abort();
	return img;
}

static stk_image *resize(const stk_image *img, const char *const *kv)
{
	stk_resize_options o = opts(kv);
	stk_image *out = NULL;
	stk_error err;
	if (stk_image_resize(img, &o, &out, &err) != STK_OK) {
		tap_diag("resize: %s", err.msg);
		return NULL;
	}
	return out;
}

static const uint8_t *pix(const stk_image *img, uint32_t f, uint32_t x, uint32_t y)
{
	return stk_image_frame_rgba_const(img, f) + ((size_t)y * stk_image_width(img) + x) * 4;
}

/* Share of a pixel inside a circle, from 4x4 samples (anti-aliased art). */
static double disc(uint32_t x, uint32_t y, double cx, double cy, double r)
{
	int in = 0;
	for (int i = 0; i < 16; i++) {
		double sx = x + (i % 4 + 0.5) / 4, sy = y + (i / 4 + 0.5) / 4;
		in += (sx - cx) * (sx - cx) + (sy - cy) * (sy - cy) <= r * r;
	}
	return in / 16.0;
}

/* ---- filters ---- */

static void paint_varied(uint32_t x, uint32_t y, uint8_t p[4])
{
	p[3] = (uint8_t)((x * 37 + y * 11) % 256);
	for (int c = 0; c < 3; c++)
		p[c] = p[3] ? (uint8_t)((x * (c + 3) * 29 + y * 7 * (c + 1)) % 256) : 0;
}

static void paint_flat(uint32_t x, uint32_t y, uint8_t p[4])
{
	(void)x, (void)y;
	p[0] = 200, p[1] = 100, p[2] = 50, p[3] = 255;
}

static bool all_equal(const stk_image *img, const uint8_t want[4])
{
	size_t n = (size_t)stk_image_width(img) * stk_image_height(img);
	for (size_t i = 0; i < n; i++)
		if (memcmp(stk_image_frame_rgba_const(img, 0) + i * 4, want, 4) != 0)
			return false;
	return true;
}

static void test_filters(void)
{
	static const char *const names[] = { "lanczos3", "box", "nearest", "mitchell" };
	stk_image *v = make(40, 30, paint_varied);
	for (int i = 0; i < 3; i++) { /* interpolating filters only */
		const char *kv[] = { "size", "40x30", "filter", names[i], NULL };
		stk_image *o = resize(v, kv);
		ok(o && memcmp(stk_image_frame_rgba_const(o, 0), stk_image_frame_rgba_const(v, 0),
		               40 * 30 * 4) == 0, "%s at 1:1 gives the source back", names[i]);
		stk_image_free(o);
	}
	stk_image_free(v);

	stk_image *flat = make(97, 61, paint_flat);
	static const uint8_t want[4] = { 200, 100, 50, 255 };
	for (int i = 0; i < 4; i++) {
		const char *down[] = { "size", "23x17", "fit", "fill", "filter", names[i], NULL };
		const char *up[] = { "size", "301x150", "fit", "fill", "filter", names[i], NULL };
		stk_image *d = resize(flat, down), *u = resize(flat, up);
		ok(d && all_equal(d, want), "%s keeps a flat colour exact going down", names[i]);
		ok(u && all_equal(u, want), "%s keeps a flat colour exact going up", names[i]);
		stk_image_free(d);
		stk_image_free(u);
	}
	stk_image_free(flat);
}

static void paint_ramp(uint32_t x, uint32_t y, uint8_t p[4])
{
	(void)y;
	p[0] = p[1] = p[2] = (uint8_t)floor(x * 255.0 / 2047 + 0.5);
	p[3] = 255;
}

/* A linear ramp survives a 4x reduction (box pre-shrink by 2, then
 * Lanczos by 2) with every output centred where it should be. */
static void test_ramp(void)
{
	stk__resample_spec spec = { 2048, 16, 0, 0, 2048, 16, 512, 4, STK_FILTER_LANCZOS3 };
	stk__resampler *r = NULL;
	stk_error err;
	uint32_t kx = 0, ky = 0;
	is_int(stk__resampler_new(&spec, &r, &err), STK_OK, "resampler 2048 -> 512");
	stk__resampler_shrink(r, &kx, &ky);
	ok(kx == 2 && ky == 2, "4x reduction: box pre-shrink by 2 each way (got %u, %u)", kx, ky);
	stk__resampler_free(r);

	stk_image *ramp = make(2048, 16, paint_ramp);
	const char *kv[] = { "size", "512x4", "fit", "fill", NULL };
	stk_image *o = resize(ramp, kv);
	double worst = 0;
	for (uint32_t x = 4; o && x < 508; x++) {
		double want = ((x + 0.5) * 4 - 0.5) * 255 / 2047;
		double d = fabs(pix(o, 0, x, 2)[0] - want);
		worst = d > worst ? d : worst;
	}
	ok(o && worst <= 1.0, "ramp reproduced within 1 level (worst %.2f)", worst);
	stk_image_free(o);
	stk_image_free(ramp);
}

static void paint_checker(uint32_t x, uint32_t y, uint8_t p[4])
{
	static const uint8_t c[4][4] = { { 255, 0, 0, 255 }, { 0, 255, 0, 255 },
	                                 { 0, 0, 255, 128 }, { 10, 20, 30, 0 } };
	memcpy(p, c[(x + 2 * y) % 4], 4);
	if (p[3] == 0)
		memset(p, 0, 4);
}

static void test_nearest_box(void)
{
	stk_image *src = make(4, 4, paint_checker);
	const char *kv[] = { "size", "32x32", "filter", "nearest", NULL };
	stk_image *o = resize(src, kv);
	bool blocks = o != NULL;
	for (uint32_t y = 0; blocks && y < 32; y++)
		for (uint32_t x = 0; x < 32; x++)
			blocks &= memcmp(pix(o, 0, x, y), pix(src, 0, x / 8, y / 8), 4) == 0;
	ok(blocks, "nearest 8x: exact 8x8 blocks of the source pixels");
	stk_image_free(o);

	const char *b[] = { "size", "2x2", "filter", "box", NULL };
	o = resize(src, b);
	/* block (0,0): red, green, (0,0,255,128), transparent -> premultiplied mean */
	const uint8_t *p = o ? pix(o, 0, 0, 0) : NULL;
	double a = (255 + 255 + 128 + 0) / 4.0;
	ok(p && p[3] == (uint8_t)floor(a + 0.5) && p[0] == (uint8_t)floor(255 * 255 / 4.0 / a + 0.5) &&
	   p[2] == (uint8_t)floor(255 * 128 / 4.0 / a + 0.5),
	   "box 2x averages premultiplied: got %u,%u,%u,%u", p ? p[0] : 0, p ? p[1] : 0,
	   p ? p[2] : 0, p ? p[3] : 0);
	stk_image_free(o);
	stk_image_free(src);
}

/* ---- halos ---- */

static void paint_dirty(uint32_t x, uint32_t y, uint8_t p[4])
{
	double a = disc(x, y, 32, 32, 20);
	p[0] = a > 0 ? 0 : 255;
	p[1] = 0;
	p[2] = 255;
	p[3] = (uint8_t)(a * 255 + 0.5);
}

static void zero_transparent(stk_image *img)
{
	uint8_t *p = stk_image_frame_rgba(img, 0);
	size_t n = (size_t)stk_image_width(img) * stk_image_height(img);
	for (size_t i = 0; i < n; i++)
		if (p[i * 4 + 3] == 0)
			memset(p + i * 4, 0, 4);
}

/* Largest difference between premultiplied pixels of a and b. */
static int premul_diff(const stk_image *a, const stk_image *b)
{
	int worst = 0;
	size_t n = (size_t)stk_image_width(a) * stk_image_height(a);
	const uint8_t *p = stk_image_frame_rgba_const(a, 0), *q = stk_image_frame_rgba_const(b, 0);
	for (size_t i = 0; i < n * 4; i += 4)
		for (int c = 0; c < 4; c++) {
			int u = c == 3 ? p[i + 3] : (p[i + c] * p[i + 3] + 127) / 255;
			int v = c == 3 ? q[i + 3] : (q[i + c] * q[i + 3] + 127) / 255;
			worst = abs(u - v) > worst ? abs(u - v) : worst;
		}
	return worst;
}

static void halo_check(const stk_image *dirty, const char *what, const char *const *sizes)
{
	stk_image *clean = NULL;
	stk_error err;
	if (stk_image_clone(dirty, &clean, &err) != STK_OK)
		abort();
	zero_transparent(clean);
	for (; *sizes; sizes++) {
		const char *kv[] = { "size", *sizes, NULL };
		stk_image *a = resize(dirty, kv), *b = resize(clean, kv);
		ok(a && b && premul_diff(a, b) <= 1, "%s to %s: same premultiplied pixels as the "
		   "zeroed copy (largest difference %d)", what, *sizes, a && b ? premul_diff(a, b) : -1);
		stk_image_free(a);
		stk_image_free(b);
	}
	stk_image_free(clean);
}

static void test_halo(void)
{
	static const char *const sizes[] = { "23x23", "64x64", "150x150", NULL };
	stk_image *dirty = make(64, 64, paint_dirty);
	halo_check(dirty, "synthetic blue disc over magenta", sizes);
	const char *kv[] = { "size", "23x23", NULL };
	stk_image *o = resize(dirty, kv);
	int red = 0;
	for (uint32_t y = 0; o && y < 23; y++)
		for (uint32_t x = 0; x < 23; x++)
			red = pix(o, 0, x, y)[0] > red ? pix(o, 0, x, y)[0] : red;
	ok(o && red == 0, "no magenta reaches the blue disc's edge (largest red %d)", red);
	stk_image_free(o);
	stk_image_free(dirty);

	char path[1024];
	stk_image *merperson = NULL;
	stk_error err;
	corpus_path(path, sizeof path, "static/dirty_transparent_rgb_1024x1024_merperson.png");
	if (stk_image_load(path, NULL, &merperson, &err) != STK_OK) {
		ok(1, "# SKIP corpus halo test: %s", err.msg);
		return;
	}
	size_t n = 1024 * 1024, dirt = 0;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *p = stk_image_frame_rgba_const(merperson, 0) + i * 4;
		dirt += p[3] == 0 && (p[0] | p[1] | p[2]);
	}
	ok(dirt > 1000, "the corpus file hides colour under %zu transparent pixels", dirt);
	static const char *const corpus_sizes[] = { "512x512", "100x100", "1300x1300", NULL };
	halo_check(merperson, "dirty_transparent merperson", corpus_sizes);
	stk_image_free(merperson);
}

/* ---- outline ---- */

static void paint_red_disc(uint32_t x, uint32_t y, uint8_t p[4])
{
	double a = disc(x, y, 100, 100, 70);
	p[0] = 255, p[1] = 0, p[2] = 0;
	p[3] = (uint8_t)(a * 255 + 0.5);
}

static void paint_big_disc(uint32_t x, uint32_t y, uint8_t p[4])
{
	double a = disc(x, y, 100, 100, 100);
	p[0] = 255, p[1] = 0, p[2] = 0;
	p[3] = (uint8_t)(a * 255 + 0.5);
}

static bool is_art(const uint8_t *p)
{
	return p[3] >= 128 && p[0] > 128 && p[1] < 128;
}

/* Along a ray from the centre: where the stroke's outer edge and the
 * art's edge cross 50%, in pixels from the centre. */
static double ray_width(const stk_image *o, double dx, double dy, double *outer)
{
	double art = -1, edge = -1;
	for (double t = 0; t < 150; t += 0.25) {
		int x = (int)floor(100 + t * dx), y = (int)floor(100 + t * dy);
		if (x < 0 || y < 0 || x >= 200 || y >= 200) {
			edge = t; /* the canvas ends */
			break;
		}
		const uint8_t *p = pix(o, 0, (uint32_t)x, (uint32_t)y);
		if (art < 0 && !is_art(p))
			art = t;
		if (p[3] < 128) {
			edge = t;
			break;
		}
	}
	*outer = edge;
	return edge - art;
}

static void test_outline(void)
{
	stk_image *src = make(200, 200, paint_red_disc);
	const char *kv[] = { "size", "200x200", "margin", "10", "outline", "8", NULL };
	stk_image *o = resize(src, kv);
	if (!o) {
		ok(0, "outline resize");
		return;
	}
	double outer;
	double w = ray_width(o, -1, 0, &outer);
	ok(fabs(w - 8) <= 1, "stroke is 8 px wide going left (measured %.2f)", w);
	w = ray_width(o, 0, 1, &outer);
	ok(fabs(w - 8) <= 1, "stroke is 8 px wide going down (measured %.2f)", w);
	w = ray_width(o, M_SQRT1_2, -M_SQRT1_2, &outer);
	ok(fabs(w - 8) <= 1.5, "stroke is 8 px wide on the diagonal (measured %.2f)", w);
	const uint8_t *mid = pix(o, 0, (uint32_t)(100 - 57.4 - 4), 100);
	ok(mid[0] == 255 && mid[1] == 255 && mid[2] == 255 && mid[3] == 255,
	   "stroke is opaque white (got %u,%u,%u,%u)", mid[0], mid[1], mid[2], mid[3]);
	stk_rect box = { 0, 0, 0, 0 };
	bool inked = stk_alpha_bounds(stk_image_frame_rgba_const(o, 0), 200, 200, 0, &box);
	ok(inked && box.x >= 10 && box.y >= 10 && box.x + box.w <= 190 && box.y + box.h <= 190,
	   "stroke stays inside the 10 px margin (ink %ux%u+%u+%u)", box.w, box.h, box.x, box.y);
	int soft = 0;
	for (uint32_t x = 0; x < 200; x++)
		for (uint32_t y = 0; y < 200; y++)
			soft += pix(o, 0, x, y)[3] > 0 && pix(o, 0, x, y)[3] < 255;
	ok(soft > 100, "the stroke's outer edge is anti-aliased (%d soft pixels)", soft);
	stk_image_free(o);

	const char *blue[] = { "size", "200x200", "outline", "3:#0000ff", NULL };
	o = resize(src, blue);
	w = o ? ray_width(o, 1, 0, &outer) : 0;
	const uint8_t *s = o ? pix(o, 0, (uint32_t)(100 + outer - 1), 100) : NULL;
	ok(s && s[2] == 255 && s[0] == 0 && fabs(w - 3) <= 1, "3 px blue stroke (%.2f wide, "
	   "got %u,%u,%u,%u)", w, s ? s[0] : 0, s ? s[1] : 0, s ? s[2] : 0, s ? s[3] : 0);
	stk_image_free(o);
	stk_image_free(src);

	/* Art touching the source's edges: the art shrinks so the stroke fits. */
	src = make(200, 200, paint_big_disc);
	const char *edge[] = { "size", "200x200", "outline", "8", "trim", "", NULL };
	o = resize(src, edge);
	w = o ? ray_width(o, -1, 0, &outer) : 0;
	ok(o && fabs(w - 8) <= 1 && outer >= 99 && outer <= 100.5,
	   "art reaching the edge: the whole 8 px stroke fits the canvas (%.2f wide, "
	   "ends %.2f from the centre)", w, outer);
	stk_image_free(o);
	stk_image_free(src);
}

/* ---- keying ---- */

/* A red face with a black outline and white eyes, on white. */
static void paint_face(uint32_t x, uint32_t y, uint8_t p[4])
{
	double ring = disc(x, y, 60, 60, 44), face = disc(x, y, 60, 60, 40);
	double eyes = disc(x, y, 45, 50, 6) + disc(x, y, 75, 50, 6);
	double r = 255 * (1 - ring) + 255 * (face - eyes) + 255 * eyes;
	double g = 255 * (1 - ring) + 255 * eyes, b = g;
	p[0] = (uint8_t)(r + 0.5), p[1] = (uint8_t)(g + 0.5), p[2] = (uint8_t)(b + 0.5);
	p[3] = 255;
}

static void test_key(void)
{
	stk_image *src = make(120, 120, paint_face);
	const char *kv[] = { "size", "120x120", "key", "white", NULL };
	stk_image *o = resize(src, kv);
	if (!o) {
		ok(0, "key resize");
		return;
	}
	ok(pix(o, 0, 0, 0)[3] == 0 && pix(o, 0, 119, 119)[3] == 0 && pix(o, 0, 60, 8)[3] == 0,
	   "white background keyed out");
	const uint8_t *eye = pix(o, 0, 45, 50);
	ok(eye[0] == 255 && eye[1] == 255 && eye[2] == 255 && eye[3] == 255,
	   "the white eye inside stays opaque white (got %u,%u,%u,%u)", eye[0], eye[1], eye[2],
	   eye[3]);
	ok(pix(o, 0, 60, 75)[3] == 255 && pix(o, 0, 60, 75)[0] == 255, "the face stays red");
	int soft = 0, light = 0;
	for (uint32_t y = 0; y < 120; y++)
		for (uint32_t x = 0; x < 120; x++) {
			const uint8_t *p = pix(o, 0, x, y);
			if (p[3] > 0 && p[3] < 255) {
				soft++;
				light += p[0] > 64 || p[1] > 64 || p[2] > 64;
			}
		}
	ok(soft > 50, "the edge is soft (%d partly transparent pixels)", soft);
	ok(light == 0, "edge pixels are unmixed from white: dark, no white fringe (%d light)",
	   light);
	stk_image_free(o);
	stk_image_free(src);

	char path[1024];
	stk_image *alien = NULL;
	stk_error err;
	corpus_path(path, sizeof path, "static/white_bg_rgb_1024x1024_alien.png");
	if (stk_image_load(path, NULL, &alien, &err) != STK_OK) {
		ok(1, "# SKIP corpus key test: %s", err.msg);
		return;
	}
	/* Its face is light grey (208): a global replace at tolerance 60 would
	 * punch it out; the flood fill stops at the black outline. */
	const char *ka[] = { "size", "256x256", "key", "white:60", NULL };
	o = resize(alien, ka);
	ok(o && pix(o, 0, 0, 0)[3] == 0 && pix(o, 0, 255, 128)[3] == 0, "alien: background gone");
	ok(o && pix(o, 0, 128, 60)[3] == 255 && pix(o, 0, 128, 60)[0] < 230,
	   "alien: the light grey face stays opaque");
	stk_image_free(o);
	stk_image_free(alien);
}

static void test_flatten(void)
{
	stk_image *src = make(64, 64, paint_dirty);
	const char *kv[] = { "size", "32x32", "background", "#ff0000", NULL };
	stk_image *o = resize(src, kv);
	ok(o && stk_image_alpha(o) == STK_ALPHA_NONE, "flattened onto red: opaque");
	ok(o && pix(o, 0, 0, 0)[0] == 255 && pix(o, 0, 0, 0)[2] == 0, "corner is the background");
	ok(o && pix(o, 0, 16, 16)[2] == 255 && pix(o, 0, 16, 16)[0] == 0, "the disc is blue");
	stk_image_free(o);
	stk_image_free(src);
}

/* ---- animations ---- */

static void square(uint8_t *rgba, uint32_t x0, uint32_t y0, uint32_t n, uint8_t r)
{
	for (uint32_t y = y0; y < y0 + n; y++)
		for (uint32_t x = x0; x < x0 + n; x++) {
			uint8_t *p = rgba + ((size_t)y * 100 + x) * 4;
			p[0] = r, p[1] = 80, p[2] = 40, p[3] = 255;
		}
}

/* A still body at (40,40) and a hand that moves: the union box is
 * x 10..85, y 5..75. */
static stk_image *make_animation(void)
{
	static const uint32_t hand[3][2] = { { 10, 20 }, { 80, 70 }, { 45, 5 } };
	stk_image *img = NULL;
	stk_error err;
	if (stk_image_new(100, 100, &img, &err) != STK_OK)
		abort();
	for (int f = 0; f < 3; f++) {
		uint8_t *rgba = calloc(100 * 100, 4);
		square(rgba, 40, 40, 10, 200);
		square(rgba, hand[f][0], hand[f][1], 5, 90);
		if (stk_image_add_frame_take(img, rgba, 40 + 10 * (uint32_t)f, &err) != STK_OK)
			abort();
	}
	stk_image_set_plays(img, 3);
	return img;
}

static bool same_frames(const stk_image *a, const stk_image *b)
{
	if (!a || !b || stk_image_frame_count(a) != stk_image_frame_count(b) ||
	    stk_image_width(a) != stk_image_width(b) || stk_image_height(a) != stk_image_height(b))
		return false;
	for (uint32_t i = 0; i < stk_image_frame_count(a); i++)
		if (memcmp(stk_image_frame_rgba_const(a, i), stk_image_frame_rgba_const(b, i),
		           (size_t)stk_image_width(a) * stk_image_height(a) * 4) != 0 ||
		    stk_image_frame_duration(a, i) != stk_image_frame_duration(b, i))
			return false;
	return true;
}

static void test_animation(void)
{
	stk_image *anim = make_animation();
	const char *kv[] = { "size", "512x512", "trim", "", NULL };
	stk_resize_options o = opts(kv);
	stk_resize_layout lay;
	stk_error err;
	stk_rect uni = { 10, 5, 75, 70 };
	is_int(stk_resize_plan(100, 100, &uni, &o, &lay, &err), STK_OK, "plan for the union box");
	stk_image *out = resize(anim, kv);
	if (!out) {
		ok(0, "animation resize");
		stk_image_free(anim);
		return;
	}
	is_int(stk_image_frame_count(out), 3, "3 frames out");
	ok(stk_image_frame_duration(out, 0) == 40 && stk_image_frame_duration(out, 2) == 60,
	   "durations kept");
	is_int(stk_image_plays(out), 3, "play count kept");
	stk_rect b, all = { 0, 0, 0, 0 };
	for (uint32_t f = 0; f < 3; f++) {
		if (!stk_alpha_bounds(stk_image_frame_rgba_const(out, f), 512, 512, 0, &b))
			continue;
		if (all.w == 0)
			all = b;
		uint32_t x1 = b.x + b.w > all.x + all.w ? b.x + b.w : all.x + all.w;
		uint32_t y1 = b.y + b.h > all.y + all.h ? b.y + b.h : all.y + all.h;
		all.x = b.x < all.x ? b.x : all.x;
		all.y = b.y < all.y ? b.y : all.y;
		all.w = x1 - all.x;
		all.h = y1 - all.y;
	}
	ok(all.x == lay.art.x && all.y == lay.art.y && all.w == lay.art.w && all.h == lay.art.h,
	   "union of the frames' ink is the union box's place: %ux%u+%u+%u (plan %ux%u+%u+%u)",
	   all.w, all.h, all.x, all.y, lay.art.w, lay.art.h, lay.art.x, lay.art.y);
	/* The body, (40,40)..(50,50) in the source, maps to the same pixels. */
	double s = lay.art.w / 75.0;
	uint32_t bx = lay.art.x + (uint32_t)((40 - 10) * s) + 2, by = lay.art.y + (uint32_t)((40 - 5) * s) + 2;
	bool still = true;
	for (uint32_t f = 1; f < 3; f++)
		for (uint32_t y = by; y < by + (uint32_t)(10 * s) - 4; y++)
			still &= memcmp(pix(out, 0, bx, y), pix(out, f, bx, y), (size_t)(10 * s - 4) * 4) == 0;
	ok(still, "the still body does not move between frames");

	/* The same through the streaming decoder. */
	stk_buf apng = { NULL, 0 };
	stk_encode_options eo;
	stk_encode_options_init(&eo);
	eo.format = STK_FORMAT_APNG;
	if (stk_image_encode(anim, &eo, &apng, &err) != STK_OK) {
		ok(1, "# SKIP streaming tests: %s", err.msg);
	} else {
		stk_image *streamed = NULL;
		is_int(stk_image_decode_resized(apng.data, apng.len, NULL, &o, &streamed, &err),
		       STK_OK, "streamed resize of the APNG");
		ok(same_frames(out, streamed), "streaming (two passes for the union box) gives the "
		   "same frames as in memory");
		is_int(streamed ? stk_image_plays(streamed) : 0, 3, "play count from the file");
		stk_image_free(streamed);

		/* Resized frames are kept, and count against what is held at
		 * once: 3 x 1 MiB is over 2 MiB, 3 x 16 KiB is not. */
		stk_decode_options d;
		stk_image *big = NULL;
		stk_decode_options_init(&d);
		d.max_held_bytes = 2u << 20;
		is_int(stk_image_decode_resized(apng.data, apng.len, &d, &o, &big, &err),
		       STK_ERR_LIMIT, "512x512 results over a 2 MiB limit refused");
		ok(big == NULL && strstr(err.msg, "resized"), "no image, and says why: %s", err.msg);
		const char *small[] = { "size", "64x64", "trim", "", NULL };
		stk_resize_options so = opts(small);
		is_int(stk_image_decode_resized(apng.data, apng.len, &d, &so, &big, &err), STK_OK,
		       "64x64 results fit");
		is_int(big ? stk_image_frame_count(big) : 0, 3, "with every frame");
		stk_image_free(big);
		stk_buf_release(&apng);
	}
	stk_image_free(out);
	stk_image_free(anim);

	stk_image *empty = NULL;
	if (stk_image_new(4, 4, &empty, &err) != STK_OK)
		abort();
	is_int(stk_image_resize(empty, &o, &out, &err), STK_ERR_INVALID_ARG, "no frames refused");
	stk_image_free(empty);
}

/* Odd sizes, extreme ratios and fractional source rectangles: a flat
 * colour stays flat and nothing reads or writes out of bounds (ASan). */
static void test_random_geometry(void)
{
	uint32_t seed = 12345, bad = 0, runs = 0;
	uint8_t src[64 * 64 * 4], dst[80 * 80 * 4];
	for (size_t i = 0; i < sizeof src; i += 4)
		src[i] = 30, src[i + 1] = 60, src[i + 2] = 90, src[i + 3] = 255;
	for (int i = 0; i < 400; i++) {
		seed = seed * 1103515245 + 12345;
		stk__resample_spec s;
		s.src_w = 1 + (seed >> 8) % 64;
		s.src_h = 1 + (seed >> 16) % 64;
		seed = seed * 1103515245 + 12345;
		s.dst_w = 1 + (seed >> 8) % 80;
		s.dst_h = 1 + (seed >> 16) % 80;
		s.filter = (stk_filter)((seed >> 24) % 4);
		seed = seed * 1103515245 + 12345;
		s.w = s.src_w * (0.25 + 0.75 * ((seed >> 8) % 1000) / 999.0);
		s.h = s.src_h * (0.25 + 0.75 * ((seed >> 18) % 1000) / 999.0);
		s.x = (s.src_w - s.w) * ((seed >> 4) % 7) / 6.0;
		s.y = (s.src_h - s.h) * ((seed >> 12) % 7) / 6.0;
		stk__resampler *r = NULL;
		stk_error err;
		if (stk__resampler_new(&s, &r, &err) != STK_OK) {
			tap_diag("%ux%u -> %ux%u: %s", s.src_w, s.src_h, s.dst_w, s.dst_h, err.msg);
			bad++;
			continue;
		}
		stk__resampler_run(r, src, (size_t)s.src_w * 4, dst, (size_t)s.dst_w * 4);
		stk__resampler_free(r);
		runs++;
		for (size_t p = 0; p < (size_t)s.dst_w * s.dst_h * 4; p += 4)
			if (dst[p] != 30 || dst[p + 1] != 60 || dst[p + 2] != 90 || dst[p + 3] != 255) {
				if (bad++ < 3)
					tap_diag("%s %ux%u (%gx%g+%g+%g) -> %ux%u: pixel %zu is %u,%u,%u,%u",
					         stk_filter_name(s.filter), s.src_w, s.src_h, s.w, s.h, s.x,
					         s.y, s.dst_w, s.dst_h, p / 4, dst[p], dst[p + 1], dst[p + 2],
					         dst[p + 3]);
				break;
			}
	}
	ok(bad == 0 && runs == 400, "400 random geometries keep a flat colour (%u bad)", bad);
}

int main(void)
{
	test_random_geometry();
	test_filters();
	test_ramp();
	test_nearest_box();
	test_halo();
	test_outline();
	test_key();
	test_flatten();
	test_animation();
	return done_testing();
}
