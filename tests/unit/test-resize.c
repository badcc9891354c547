/* test-resize.c - resize options and the layout, checked to the pixel. */
#include "tap.h"
#include "art_internal.h"
#include "resize_opts.h"

static stk_resize_layout plan(uint32_t w, uint32_t h, const stk_rect *art,
                              const char *const *kv)
{
	stk_resize_options o = opts(kv);
	stk_resize_layout l;
	stk_error err;
	memset(&l, 0, sizeof l);
	if (stk_resize_plan(w, h, art, &o, &l, &err) != STK_OK)
		tap_diag("plan %ux%u: %s", w, h, err.msg);
	return l;
}

/* The art box lies inside the canvas less pad on every side. */
static bool inside_pad(const stk_resize_layout *l, uint32_t pad)
{
	return l->art.x >= pad && l->art.y >= pad && l->art.x + l->art.w <= l->width - pad &&
	       l->art.y + l->art.h <= l->height - pad;
}

static void test_options(void)
{
	stk_resize_options o;
	stk_error err;
	stk_resize_options_init(&o);
	is_int(o.width, 512, "default canvas 512 wide");
	is_int(o.height, 512, "default canvas 512 high");
	is_int(o.filter, STK_FILTER_LANCZOS3, "default filter lanczos3");
	is_int(stk_resize_option_set(&o, "size", "370x320", &err), STK_OK, "size 370x320");
	ok(o.mode == STK_SIZE_CANVAS && o.width == 370 && o.height == 320, "size sets the canvas");
	is_int(stk_resize_option_set(&o, "max-size", "370x320", &err), STK_OK, "max-size");
	is_int(o.mode, STK_SIZE_AT_MOST, "max-size mode");
	is_int(stk_resize_option_set(&o, "side", "512", &err), STK_OK, "side 512");
	ok(o.mode == STK_SIZE_SIDE && o.width == 512, "side mode");
	is_int(stk_resize_option_set(&o, "margin", "5%", &err), STK_OK, "margin 5%");
	ok(o.margin == 5 && o.margin_percent, "margin in percent");
	is_int(stk_resize_option_set(&o, "outline", "8:red", &err), STK_OK, "outline 8:red");
	ok(o.outline == 8 && o.outline_color[0] == 255 && o.outline_color[1] == 0, "outline red");
	is_int(stk_resize_option_set(&o, "key", "#00ff00:10%", &err), STK_OK, "key green 10%");
	ok(o.key && o.key_color[1] == 255 && o.key_color[0] == 0 && o.key_tolerance == 26,
	   "key colour and tolerance (10%% = 26 levels), got %u", o.key_tolerance);
	is_int(stk_resize_option_set(&o, "gravity", "bottom-right", &err), STK_OK, "gravity");
	is_int(o.gravity, STK_GRAVITY_BOTTOM_RIGHT, "gravity bottom-right");
	is_int(stk_resize_option_set(&o, "trim-threshold", "16", &err), STK_OK, "threshold");
	ok(o.trim && o.trim_threshold == 16, "trim-threshold implies trim");

	stk_resize_options before = o;
	is_int(stk_resize_option_set(&o, "size", "512", &err), STK_ERR_INVALID_ARG, "size 512 refused");
	ok(strstr(err.msg, "--size") && strstr(err.msg, "'512'"), "message names option and value: %s",
	   err.msg);
	is_int(stk_resize_option_set(&o, "size", "0x10", &err), STK_ERR_INVALID_ARG, "0 wide refused");
	is_int(stk_resize_option_set(&o, "fit", "stretch", &err), STK_ERR_INVALID_ARG, "bad fit");
	is_int(stk_resize_option_set(&o, "margin", "60%", &err), STK_ERR_INVALID_ARG, "60% margin");
	is_int(stk_resize_option_set(&o, "margin", "-1", &err), STK_ERR_INVALID_ARG, "negative margin");
	is_int(stk_resize_option_set(&o, "key", "#12345:3", &err), STK_ERR_INVALID_ARG, "bad colour");
	is_int(stk_resize_option_set(&o, "key", "white:300", &err), STK_ERR_INVALID_ARG, "tolerance 300");
	is_int(stk_resize_option_set(&o, "nonsense", "1", &err), STK_ERR_INVALID_ARG, "unknown option");
	ok(memcmp(&o, &before, sizeof o) == 0, "options unchanged by failures");

	uint8_t c[4];
	is_int(stk_color_parse("#abc", c, &err), STK_OK, "#abc");
	ok(c[0] == 0xaa && c[1] == 0xbb && c[2] == 0xcc && c[3] == 255, "#abc is #aabbccff");
	is_int(stk_color_parse("#11223344", c, &err), STK_OK, "#rrggbbaa");
	ok(c[0] == 0x11 && c[3] == 0x44, "#11223344");
	is_int(stk_color_parse("Transparent", c, &err), STK_OK, "names ignore case");
	is_int(c[3], 0, "transparent has alpha 0");
	is_int(stk_color_parse("#ggg", c, &err), STK_ERR_INVALID_ARG, "#ggg refused");

	stk_resize_options_init(&o);
	o.even = true;
	o.width = 511;
	is_int(stk_resize_options_check(&o, &err), STK_ERR_INVALID_ARG, "even with an odd size");
	is_str(stk_filter_name(STK_FILTER_MITCHELL), "mitchell", "filter name");
}

static void test_bounds(void)
{
	uint8_t px[6 * 5 * 4];
	stk_rect b;
	memset(px, 0, sizeof px);
	ok(!stk_alpha_bounds(px, 6, 5, 0, &b), "no art in a transparent frame");
	px[(1 * 6 + 2) * 4 + 3] = 10;   /* (2,1) faint */
	px[(3 * 6 + 4) * 4 + 3] = 200;  /* (4,3) */
	ok(stk_alpha_bounds(px, 6, 5, 0, &b), "art found");
	ok(b.x == 2 && b.y == 1 && b.w == 3 && b.h == 3, "box 3x3+2+1, got %ux%u+%u+%u",
	   b.w, b.h, b.x, b.y);
	ok(stk_alpha_bounds(px, 6, 5, 10, &b) && b.x == 4 && b.y == 3 && b.w == 1 && b.h == 1,
	   "threshold 10 leaves the faint pixel out");
}

static void test_contain(void)
{
	stk_resize_layout l = plan(2000, 1600, NULL, NULL);
	ok(l.width == 512 && l.height == 512, "canvas 512x512");
	ok(l.art.w == 512 && l.art.h == 410, "2000x1600 contained as 512x410, got %ux%u",
	   l.art.w, l.art.h);
	ok(l.art.x == 0 && l.art.y == 51, "centred at +0+51, got +%u+%u", l.art.x, l.art.y);
	ok(l.src_x == 0 && l.src_y == 0 && l.src_w == 2000 && l.src_h == 1600, "whole source");

	const char *m[] = { "margin", "16", "outline", "8", NULL };
	l = plan(2000, 1600, NULL, m);
	is_int(l.pad, 24, "pad = margin 16 + outline 8");
	ok(l.art.w == 464 && l.art.h == 371, "art fits 464x464 room: 464x371, got %ux%u",
	   l.art.w, l.art.h);
	ok(inside_pad(&l, 24), "art box inside margin and outline");
	uint32_t left = l.art.x, right = l.width - l.art.x - l.art.w;
	uint32_t top = l.art.y, bottom = l.height - l.art.y - l.art.h;
	ok(left == right && (bottom == top || bottom == top + 1),
	   "centred: %u/%u left/right, %u/%u top/bottom", left, right, top, bottom);

	const char *pct[] = { "size", "400x200", "margin", "10%", NULL };
	l = plan(100, 100, NULL, pct);
	ok(l.pad == 20 && l.art.w == 160 && l.art.h == 160 && l.art.x == 120 && l.art.y == 20,
	   "10%% of the shorter side: pad 20, art 160x160+120+20, got pad %u %ux%u+%u+%u",
	   l.pad, l.art.w, l.art.h, l.art.x, l.art.y);

	const char *g[] = { "gravity", "bottom-right", "margin", "10", NULL };
	l = plan(2000, 1000, NULL, g);
	ok(l.art.x == 10 && l.art.y + l.art.h == 502 && l.art.w == 492 && l.art.h == 246,
	   "bottom-right: art ends at the margin, got %ux%u+%u+%u", l.art.w, l.art.h, l.art.x,
	   l.art.y);
	const char *tl[] = { "gravity", "top-left", NULL };
	l = plan(1000, 2000, NULL, tl);
	ok(l.art.x == 0 && l.art.y == 0 && l.art.w == 256, "top-left");

	const char *small[] = { "no-upscale", "", NULL };
	l = plan(64, 64, NULL, small);
	ok(l.art.w == 64 && l.art.x == 224 && l.width == 512, "no-upscale keeps 64x64, centred");
	l = plan(64, 64, NULL, NULL);
	ok(l.art.w == 512, "small art is enlarged by default");

	stk_rect box = { 300, 200, 100, 50 };
	l = plan(1000, 1000, &box, NULL);
	ok(l.art.w == 512 && l.art.h == 256 && l.art.y == 128, "trim box fitted: 512x256+0+128");
	ok(l.src_x == 300 && l.src_y == 200 && l.src_w == 100 && l.src_h == 50,
	   "source rectangle is the box");
}

static void test_cover_fill(void)
{
	const char *c[] = { "fit", "cover", NULL };
	stk_resize_layout l = plan(2000, 1600, NULL, c);
	ok(l.art.x == 0 && l.art.y == 0 && l.art.w == 512 && l.art.h == 512, "cover fills");
	ok(l.src_w == 1600 && l.src_h == 1600 && l.src_x == 200 && l.src_y == 0,
	   "cover crops the centre 1600x1600+200+0, got %gx%g+%g+%g", l.src_w, l.src_h,
	   l.src_x, l.src_y);
	const char *cl[] = { "fit", "cover", "gravity", "left", "margin", "6", NULL };
	l = plan(2000, 1000, NULL, cl);
	ok(l.art.x == 6 && l.art.w == 500 && l.src_x == 0 && l.src_w == 1000,
	   "cover with gravity left keeps the left part inside the margin");
	const char *f[] = { "fit", "fill", "size", "300x100", NULL };
	l = plan(50, 50, NULL, f);
	ok(l.art.w == 300 && l.art.h == 100 && l.src_w == 50, "fill stretches");
}

static void test_side(void)
{
	const char *s[] = { "side", "512", NULL };
	stk_resize_layout l = plan(2000, 400, NULL, s);
	ok(l.width == 512 && l.height == 102, "banner 2000x400, one side 512: 512x102, got %ux%u",
	   l.width, l.height);
	l = plan(800, 1400, NULL, s);
	ok(l.width == 293 && l.height == 512, "portrait 800x1400: 293x512, got %ux%u", l.width,
	   l.height);
	ok(l.art.w == 293 && l.art.h == 512 && l.art.x == 0, "art fills it");
	const char *sm[] = { "side", "512", "margin", "16", "even", "", NULL };
	l = plan(800, 1400, NULL, sm);
	ok(l.height == 512 && l.width % 2 == 0 && l.width <= 512, "one side exactly 512, the "
	   "other even: %ux%u", l.width, l.height);
	ok(inside_pad(&l, 16), "art inside the margin");
	l = plan(1000, 1000, NULL, s);
	ok(l.width == 512 && l.height == 512, "square stays 512x512");
}

static void test_at_most(void)
{
	const char *m[] = { "max-size", "370x320", "even", "", NULL };
	stk_resize_layout l = plan(2000, 1600, NULL, m);
	ok(l.width == 370 && l.height == 296, "2000x1600 at most 370x320: 370x296, got %ux%u",
	   l.width, l.height);
	uint32_t sizes[][2] = { { 1200, 800 }, { 513, 512 }, { 64, 64 }, { 2000, 400 },
	                        { 800, 1400 }, { 371, 321 }, { 7, 1000 } };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		l = plan(sizes[i][0], sizes[i][1], NULL, m);
		ok(l.width <= 370 && l.height <= 320 && l.width % 2 == 0 && l.height % 2 == 0 &&
		   l.width >= 2 && inside_pad(&l, 0),
		   "%ux%u at most 370x320, even: %ux%u, art %ux%u+%u+%u", sizes[i][0], sizes[i][1],
		   l.width, l.height, l.art.w, l.art.h, l.art.x, l.art.y);
		ok(l.width >= 368 || l.height >= 318,
		   "%ux%u uses the room (a side within 2 px of the limit)", sizes[i][0], sizes[i][1]);
	}
	l = plan(513, 512, NULL, m);
	ok(l.width == 320 && l.height == 320 && l.art.w == 320 && l.art.h == 319,
	   "513x512: 321x320 rounded down to 320x320, art refitted 320x319, got %ux%u art %ux%u",
	   l.width, l.height,
	   l.art.w, l.art.h);
	const char *mm[] = { "max-size", "370x320", "margin", "10", NULL };
	l = plan(1200, 800, NULL, mm);
	ok(l.width == 370 && l.height == 253 && l.art.w == 350 && l.art.h == 233 &&
	   inside_pad(&l, 10), "margin is added around the art: %ux%u", l.width, l.height);
	const char *up[] = { "max-size", "370x320", "no-upscale", "", NULL };
	l = plan(100, 50, NULL, up);
	ok(l.width == 100 && l.height == 50, "no-upscale: small art keeps its size");
}

static void test_refusals(void)
{
	stk_resize_options o;
	stk_resize_layout l;
	stk_error err;
	stk_resize_options_init(&o);
	o.margin = 200;
	o.outline = 60;
	is_int(stk_resize_plan(100, 100, NULL, &o, &l, &err), STK_ERR_INVALID_ARG,
	       "margin and outline wider than the canvas");
	ok(strstr(err.msg, "no room") != NULL, "says so: %s", err.msg);
	stk_resize_options_init(&o);
	stk_rect bad = { 90, 0, 20, 10 };
	is_int(stk_resize_plan(100, 100, &bad, &o, &l, &err), STK_ERR_INVALID_ARG,
	       "art box outside the source");
}

int main(void)
{
	test_options();
	test_bounds();
	test_contain();
	test_cover_fill();
	test_side();
	test_at_most();
	test_refusals();
	return done_testing();
}
