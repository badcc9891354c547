/*
 * test-fitter.c - stk_frame_fitter against stk_image_resize(): the same
 * pixels for corpus stills and for every frame of corpus animations (with
 * and without a trim union box), the layout of stk_resize_plan(), reuse
 * over different frames, and the refusals.
 */
#include "corpus.h"
#include "tap.h"
#include "art_internal.h"
#include "resize_opts.h"

static stk_image *load(const char *rel)
{
	char path[1024];
	stk_image *img = NULL;
	stk_error err;
	if (stk_image_load(corpus_path(path, sizeof path, rel), NULL, &img, &err) != STK_OK) {
		tap_diag("%s: %s", rel, err.msg);
		return NULL;
	}
	return img;
}

static size_t frame_bytes(const stk_image *img)
{
	return (size_t)stk_image_width(img) * stk_image_height(img) * 4;
}

/* The first differing pixel of two RGBA buffers of npix pixels, or -1. */
static long first_diff(const uint8_t *a, const uint8_t *b, size_t npix)
{
	for (size_t i = 0; i < npix; i++)
		if (memcmp(a + i * 4, b + i * 4, 4) != 0)
			return (long)i;
	return -1;
}

/* The union of the frames' alpha boxes, as stk_image_resize() measures it
 * for trim: each frame keyed first when the options key. */
static bool union_box(const stk_image *img, const stk_resize_options *o, stk_rect *box)
{
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	uint8_t *keyed = malloc(frame_bytes(img));
	bool have = false;
	stk_error err;
	for (uint32_t i = 0; keyed && i < stk_image_frame_count(img); i++) {
		const uint8_t *src = stk_image_frame_rgba_const(img, i);
		stk_rect b;
		if (o->key) {
			memcpy(keyed, src, frame_bytes(img));
			if (stk__key_frame(keyed, w, h, o->key_color, o->key_tolerance, &err) != STK_OK)
				abort();
			src = keyed;
		}
		if (!stk_alpha_bounds(src, w, h, o->trim_threshold, &b))
			continue;
		if (have) {
			uint32_t x1 = b.x + b.w > box->x + box->w ? b.x + b.w : box->x + box->w;
			uint32_t y1 = b.y + b.h > box->y + box->h ? b.y + b.h : box->y + box->h;
			box->x = b.x < box->x ? b.x : box->x;
			box->y = b.y < box->y ? b.y : box->y;
			box->w = x1 - box->x;
			box->h = y1 - box->y;
		} else {
			*box = b;
		}
		have = true;
	}
	free(keyed);
	return have;
}

/* Fits every frame of img with one fitter and compares each with the
 * same frame of stk_image_resize(img); trim comes from the options, as
 * the box for the fitter.  Returns the number of frames that differ, or
 * -1 when something could not run. */
static int compare_with_resize(const stk_image *img, const stk_resize_options *o,
                               const char *what)
{
	stk_image *want = NULL;
	stk_frame_fitter *f = NULL;
	stk_error err;
	stk_rect box;
	const stk_rect *art = o->trim && union_box(img, o, &box) ? &box : NULL;
	int bad = 0;
	if (stk_image_resize(img, o, &want, &err) != STK_OK) {
		tap_diag("%s: resize: %s", what, err.msg);
		return -1;
	}
	if (stk_frame_fitter_new(stk_image_width(img), stk_image_height(img), art, o, &f, &err)
	    != STK_OK) {
		tap_diag("%s: fitter: %s", what, err.msg);
		stk_image_free(want);
		return -1;
	}
	if (stk_frame_fitter_width(f) != stk_image_width(want) ||
	    stk_frame_fitter_height(f) != stk_image_height(want)) {
		tap_diag("%s: fitter %ux%u, resize %ux%u", what, stk_frame_fitter_width(f),
		         stk_frame_fitter_height(f), stk_image_width(want), stk_image_height(want));
		bad = -1;
	}
	size_t npix = frame_bytes(want) / 4;
	uint8_t *dst = malloc(npix * 4);
	for (uint32_t i = 0; bad >= 0 && i < stk_image_frame_count(img); i++) {
		memset(dst, 0xab, npix * 4); /* every byte must be written */
		if (stk_frame_fitter_run(f, stk_image_frame_rgba_const(img, i), dst, &err) != STK_OK) {
			tap_diag("%s: frame %u: %s", what, i, err.msg);
			bad = -1;
			break;
		}
		long d = first_diff(dst, stk_image_frame_rgba_const(want, i), npix);
		if (d >= 0 && bad++ < 2) {
			const uint8_t *g = dst + d * 4, *w = stk_image_frame_rgba_const(want, i) + d * 4;
			tap_diag("%s: frame %u pixel %ld: fitter %u,%u,%u,%u resize %u,%u,%u,%u", what,
			         i, d, g[0], g[1], g[2], g[3], w[0], w[1], w[2], w[3]);
		}
	}
	free(dst);
	stk_frame_fitter_free(f);
	stk_image_free(want);
	return bad;
}

static void test_stills(void)
{
	static const struct {
		const char *file;
		const char *kv[12];
	} cases[] = {
		{ "static/rgba_2000x1600_centred_fox.png", { NULL } },
		{ "static/rgba_2000x1600_centred_fox.png",
		  { "trim", "", "margin", "16", "outline", "8", NULL } },
		{ "static/dirty_transparent_rgb_1024x1024_merperson.png",
		  { "size", "300x200", "fit", "cover", "filter", "mitchell", NULL } },
		{ "static/white_bg_rgb_1024x1024_alien.png",
		  { "key", "white", "trim", "", "outline", "4:#ff000080", NULL } },
		{ "static/touches_border_trimmed_clown-face.png",
		  { "max-size", "400x300", "even", "", "background", "#336699", NULL } },
		{ "static/rgba_64x64_tiny_penguin.png",
		  { "side", "300", "filter", "nearest", "gravity", "top-left", NULL } },
		/* 1:1, where a softening filter still resamples */
		{ "static/rgba_512x512_exact_frog.png", { "filter", "mitchell", NULL } },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char what[256];
		snprintf(what, sizeof what, "%s", cases[c].file);
		for (const char *const *kv = cases[c].kv; *kv; kv += 2)
			snprintf(what + strlen(what), sizeof what - strlen(what), " --%s%s%s", kv[0],
			         *kv[1] ? " " : "", kv[1]);
		stk_image *img = load(cases[c].file);
		if (!img) {
			ok(1, "%s # SKIP not in the corpus", what);
			continue;
		}
		stk_resize_options o = opts(cases[c].kv);
		is_int(compare_with_resize(img, &o, what), 0, "still: fitter = stk_image_resize: %s",
		       what);
		stk_image_free(img);
	}
}

static void test_animations(void)
{
	static const char *files[] = {
		"animated/bounce_hamster_1024.gif",        /* 24 frames, moving art */
		"animated/emote_QIP-pidgin_az.gif",        /* 36 small frames, upscaled */
	};
	static const char *const sets[][8] = {
		{ NULL },
		{ "trim", "", NULL },
		{ "trim", "", "margin", "5%", "outline", "6", NULL },
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		stk_image *img = load(files[i]);
		if (!img) {
			ok(1, "%s # SKIP not in the corpus", files[i]);
			continue;
		}
		ok(stk_image_frame_count(img) > 1, "%s is an animation (%u frames)", files[i],
		   stk_image_frame_count(img));
		for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
			stk_resize_options o = opts(sets[s]);
			is_int(compare_with_resize(img, &o, files[i]), 0,
			       "every frame fitted one by one = stk_image_resize of the animation: "
			       "%s%s%s", files[i], o.trim ? " with the union box" : "",
			       o.outline > 0 ? ", margin, outline" : "");
		}
		stk_image_free(img);
	}
}

/* ---- streaming: a fitter made in the decoder's callback ---- */

struct stream {
	const stk_resize_options *o;
	stk_frame_fitter *f;
	uint8_t *dst;
	const stk_image *want;
	uint32_t frames, bad;
};

static stk_status on_frame(void *user, const stk_image *hdr, uint32_t index,
                           const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	struct stream *st = user;
	(void)ms;
	if (index == 0) {
		STK_TRY(stk_frame_fitter_new(stk_image_width(hdr), stk_image_height(hdr), NULL,
		                             st->o, &st->f, err));
		st->dst = malloc((size_t)stk_frame_fitter_width(st->f) *
		                 stk_frame_fitter_height(st->f) * 4);
	}
	STK_TRY(stk_frame_fitter_run(st->f, rgba, st->dst, err));
	if (index >= stk_image_frame_count(st->want) ||
	    memcmp(st->dst, stk_image_frame_rgba_const(st->want, index), frame_bytes(st->want)))
		st->bad++;
	st->frames++;
	return STK_OK;
}

static void test_streaming(void)
{
	const char *rel = "animated/bounce_hamster_1024.apng";
	const char *kv[] = { "size", "320x320", "outline", "3", NULL };
	char path[1024];
	stk_resize_options o = opts(kv);
	stk_image *want = NULL, *hdr = NULL;
	stk_error err;
	if (stk_image_load_resized(corpus_path(path, sizeof path, rel), NULL, &o, &want, &err)
	    != STK_OK) {
		ok(1, "%s # SKIP %s", rel, err.msg);
		return;
	}
	struct stream st = { &o, NULL, NULL, want, 0, 0 };
	is_int(stk_image_load_frames(path, NULL, on_frame, &st, &hdr, &err), STK_OK,
	       "decoder callback fits each frame as it comes");
	is_int(st.frames, stk_image_frame_count(want), "every frame seen");
	is_int(st.bad, 0, "each equals stk_image_load_resized()'s frame");
	free(st.dst);
	stk_frame_fitter_free(st.f);
	stk_image_free(hdr);
	stk_image_free(want);
}

/* ---- layout ---- */

static void test_layout(void)
{
	static const struct {
		uint32_t w, h;
		stk_rect art;
		bool trim;
		const char *kv[10];
	} cases[] = {
		{ 2000, 1600, { 0 }, false, { NULL } },
		{ 2000, 1600, { 0 }, false, { "fit", "cover", "size", "400x300", NULL } },
		{ 1000, 1000, { 100, 300, 500, 200 }, true, { "margin", "16", "outline", "8", NULL } },
		{ 800, 1400, { 0 }, false, { "side", "300", "even", "", NULL } },
		{ 64, 64, { 0 }, false, { "max-size", "512x512", "no-upscale", "", NULL } },
		{ 1200, 800, { 0 }, false, { "size", "512x256", "fit", "fill", NULL } },
		{ 513, 512, { 0 }, false, { "gravity", "bottom-right", "margin", "10%", NULL } },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		stk_resize_options o = opts(cases[c].kv);
		const stk_rect *art = cases[c].trim ? &cases[c].art : NULL;
		stk_resize_layout want;
		stk_frame_fitter *f = NULL;
		stk_error err;
		if (stk_resize_plan(cases[c].w, cases[c].h, art, &o, &want, &err) != STK_OK ||
		    stk_frame_fitter_new(cases[c].w, cases[c].h, art, &o, &f, &err) != STK_OK) {
			ok(0, "case %zu: %s", c, err.msg);
			continue;
		}
		const stk_resize_layout *l = stk_frame_fitter_layout(f);
		ok(stk_frame_fitter_width(f) == want.width && stk_frame_fitter_height(f) == want.height,
		   "case %zu: output %ux%u as planned (%ux%u)", c, stk_frame_fitter_width(f),
		   stk_frame_fitter_height(f), want.width, want.height);
		ok(l->width == want.width && l->height == want.height && l->pad == want.pad &&
		   memcmp(&l->art, &want.art, sizeof want.art) == 0 && l->src_x == want.src_x &&
		   l->src_y == want.src_y && l->src_w == want.src_w && l->src_h == want.src_h,
		   "case %zu: layout is stk_resize_plan()'s: art %ux%u+%u+%u from %gx%g+%g+%g",
		   c, l->art.w, l->art.h, l->art.x, l->art.y, l->src_w, l->src_h, l->src_x, l->src_y);
		ok(stk_frame_fitter_scale(f) == want.art.w / want.src_w,
		   "case %zu: scale %g is art width over source width", c, stk_frame_fitter_scale(f));
		stk_frame_fitter_free(f);
	}
}

/* ---- reuse ---- */

static void test_reuse(void)
{
	static const char *files[] = {
		"static/white_bg_rgb_1024x1024_alien.png",
		"static/rgba_1024x1024_grinning-face.png",
		"static/interlaced_1024x1024_robot.png",
	};
	const char *kv[] = { "key", "white", "outline", "6:#202020", "margin", "12",
	                     "background", "#ffffff80", NULL };
	stk_resize_options o = opts(kv);
	stk_image *img[3] = { NULL, NULL, NULL };
	for (int i = 0; i < 3; i++)
		if (!(img[i] = load(files[i])) || stk_image_width(img[i]) != 1024 ||
		    stk_image_height(img[i]) != 1024) {
			ok(1, "# SKIP reuse: %s missing or not 1024x1024", files[i]);
			goto out;
		}
	stk_frame_fitter *shared = NULL;
	stk_error err;
	if (!ok(stk_frame_fitter_new(1024, 1024, NULL, &o, &shared, &err) == STK_OK,
	        "a fitter for 1024x1024 with key, outline, margin and background"))
		goto out;
	size_t bytes = (size_t)512 * 512 * 4;
	uint8_t *got = malloc(bytes), *fresh = malloc(bytes), *first = malloc(bytes);
	bool differ = false;
	/* a, b, c, then a again: nothing of one frame leaks into the next */
	for (int k = 0; k < 4; k++) {
		int i = k % 3;
		stk_frame_fitter *f = NULL;
		memset(got, 0x5a, bytes);
		is_int(stk_frame_fitter_run(shared, stk_image_frame_rgba_const(img[i], 0), got, &err),
		       STK_OK, "reused fitter runs on %s", files[i]);
		if (stk_frame_fitter_new(1024, 1024, NULL, &o, &f, &err) != STK_OK ||
		    stk_frame_fitter_run(f, stk_image_frame_rgba_const(img[i], 0), fresh, &err)
		    != STK_OK)
			abort();
		stk_frame_fitter_free(f);
		is_int(first_diff(got, fresh, bytes / 4), -1,
		       "frame %d (%s) from the reused fitter = from a fresh one", k + 1, files[i]);
		if (k == 0)
			memcpy(first, got, bytes);
		else if (k < 3)
			differ |= memcmp(got, first, bytes) != 0;
	}
	ok(differ, "the three frames give different outputs");
	ok(memcmp(got, first, bytes) == 0, "the first frame again gives the same bytes");
	stk_frame_fitter_free(shared);
	free(got);
	free(fresh);
	free(first);
out:
	for (int i = 0; i < 3; i++)
		stk_image_free(img[i]);
}

/* ---- transparency ---- */

static void test_invisible(void)
{
	/* An outline whose colour is all but transparent leaves coverage that
	 * rounds to alpha 0 over its colour: the fitter clears it, resize
	 * keeps it, and the pixels agree elsewhere. */
	const char *kv[] = { "size", "128x128", "outline", "6:#ff804001", NULL };
	stk_resize_options o = opts(kv);
	uint32_t w = 64, h = 64;
	uint8_t *src = calloc((size_t)w * h, 4);
	for (uint32_t y = 20; y < 44; y++)
		for (uint32_t x = 20; x < 44; x++)
			memcpy(src + ((size_t)y * w + x) * 4, (uint8_t[4]){ 30, 90, 200, 255 }, 4);
	stk_image *img = NULL, *want = NULL;
	stk_frame_fitter *f = NULL;
	stk_error err;
	if (stk_image_new(w, h, &img, &err) != STK_OK ||
	    stk_image_add_frame(img, src, (size_t)w * 4, 0, &err) != STK_OK ||
	    stk_image_resize(img, &o, &want, &err) != STK_OK ||
	    stk_frame_fitter_new(w, h, NULL, &o, &f, &err) != STK_OK)
		abort();
	uint8_t *dst = malloc(128 * 128 * 4);
	memset(dst, 0xee, 128 * 128 * 4);
	is_int(stk_frame_fitter_run(f, src, dst, &err), STK_OK, "fit a square with a faint outline");
	const uint8_t *r = stk_image_frame_rgba_const(want, 0);
	uint32_t cleared = 0, dirty = 0, other = 0;
	for (size_t i = 0; i < 128 * 128; i++) {
		const uint8_t *p = dst + i * 4, *q = r + i * 4;
		if (p[3] == 0 && (p[0] | p[1] | p[2]))
			dirty++;
		else if (q[3] == 0 && (q[0] | q[1] | q[2]))
			cleared++;
		else if (memcmp(p, q, 4) != 0)
			other++;
	}
	is_int(dirty, 0, "no colour under alpha 0 in the fitter's output");
	ok(cleared > 0, "resize left colour under alpha 0 that the fitter cleared (%u pixels)",
	   cleared);
	is_int(other, 0, "every other pixel is resize's");
	free(dst);
	free(src);
	stk_frame_fitter_free(f);
	stk_image_free(img);
	stk_image_free(want);
}

/* Convert's shortcut: at 1:1 the internal copy flag copies the art
 * (Mitchell would soften it), the public fitter resamples as resize. */
static void test_copy_flag(void)
{
	const char *kv[] = { "size", "16x16", "filter", "mitchell", NULL };
	stk_resize_options o = opts(kv);
	uint8_t src[16 * 16 * 4], copy[16 * 16 * 4], resampled[16 * 16 * 4];
	for (size_t i = 0; i < sizeof src; i += 4) {
		src[i] = (uint8_t)(i * 7), src[i + 1] = (uint8_t)(i * 13), src[i + 2] = 99;
		src[i + 3] = (i / 4) % 5 ? 255 : 0;
	}
	stk_frame_fitter *c = NULL, *r = NULL;
	stk_error err;
	if (stk__fitter_new(16, 16, NULL, &o, STK__FIT_COPY_1TO1, &c, &err) != STK_OK ||
	    stk_frame_fitter_new(16, 16, NULL, &o, &r, &err) != STK_OK ||
	    stk_frame_fitter_run(c, src, copy, &err) != STK_OK ||
	    stk_frame_fitter_run(r, src, resampled, &err) != STK_OK)
		abort();
	uint8_t want[16 * 16 * 4];
	memcpy(want, src, sizeof want);
	stk__clear_invisible(want, 16 * 16);
	ok(memcmp(copy, want, sizeof want) == 0, "1:1 with the copy flag: the art as it was");
	ok(memcmp(resampled, want, sizeof want) != 0,
	   "1:1 without it: Mitchell resamples, as stk_image_resize() does");
	stk_frame_fitter_free(c);
	stk_frame_fitter_free(r);
}

/* ---- refusals ---- */

static void refused(uint32_t w, uint32_t h, const stk_rect *art, const stk_resize_options *o,
                    bool null_out, stk_status want, const char *needle, const char *what)
{
	stk_frame_fitter *f = (stk_frame_fitter *)&f; /* must come back NULL */
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_frame_fitter_new(w, h, art, o, null_out ? NULL : &f, &err);
	is_int(s, want, "%s refused with %s", what, stk_status_name(want));
	ok(err.code == want && err.msg[0] && (!needle || strstr(err.msg, needle)),
	   "%s: says why: %s", what, err.msg);
	if (!null_out)
		ok(f == NULL, "%s: no fitter", what);
	if (s == STK_OK && !null_out)
		stk_frame_fitter_free(f);
}

static void test_refusals(void)
{
	stk_resize_options o = opts(NULL);
	stk_error err, check;
	refused(0, 100, NULL, &o, false, STK_ERR_INVALID_ARG, "no pixels", "0 wide source");
	refused(100, 0, NULL, &o, false, STK_ERR_INVALID_ARG, "no pixels", "0 high source");
	refused(100, 100, NULL, NULL, false, STK_ERR_INVALID_ARG, "options", "NULL options");
	refused(100, 100, NULL, &o, true, STK_ERR_INVALID_ARG, "fitter", "NULL out");
	stk_rect outside = { 50, 50, 60, 10 };
	refused(100, 100, &outside, &o, false, STK_ERR_INVALID_ARG, "art box", "art box outside");
	refused(UINT32_MAX, UINT32_MAX, NULL, &o, false, STK_ERR_LIMIT, "too large",
	        "source too big to address");

	/* options stk_resize_options_check() refuses: the same status and message */
	static const char *bad[] = {
		"0 wide canvas", "margin 60%", "outline -1", "trim threshold 255",
		"unknown filter", "odd size with even",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		stk_resize_options b = opts(NULL);
		switch (i) {
		case 0: b.width = 0; break;
		case 1: b.margin = 60; b.margin_percent = true; break;
		case 2: b.outline = -1; break;
		case 3: b.trim_threshold = 255; break;
		case 4: b.filter = (stk_filter)99; break;
		case 5: b.width = 511; b.even = true; break;
		}
		if (stk_resize_options_check(&b, &check) == STK_OK) {
			ok(0, "%s passes stk_resize_options_check()", bad[i]);
			continue;
		}
		refused(100, 100, NULL, &b, false, check.code, check.msg, bad[i]);
	}
	stk_resize_options room = opts((const char *const[]){ "size", "20x20", "margin", "8",
	                                                        "outline", "3", NULL });
	refused(100, 100, NULL, &room, false, STK_ERR_INVALID_ARG, "no room", "margin + outline");

	/* err may be NULL */
	stk_frame_fitter *f = NULL;
	is_int(stk_frame_fitter_new(0, 0, NULL, &o, &f, NULL), STK_ERR_INVALID_ARG,
	       "NULL err is allowed");

	/* run */
	uint8_t src[8 * 8 * 4] = { 0 }, dst[512 * 512 * 4];
	if (stk_frame_fitter_new(8, 8, NULL, &o, &f, &err) != STK_OK)
		abort();
	is_int(stk_frame_fitter_run(f, NULL, dst, &err), STK_ERR_INVALID_ARG, "run: NULL source");
	ok(strstr(err.msg, "source") != NULL, "run: says why: %s", err.msg);
	is_int(stk_frame_fitter_run(f, src, NULL, &err), STK_ERR_INVALID_ARG, "run: NULL output");
	ok(strstr(err.msg, "output") != NULL, "run: says why: %s", err.msg);
	is_int(stk_frame_fitter_run(NULL, src, dst, &err), STK_ERR_INVALID_ARG, "run: NULL fitter");
	ok(strstr(err.msg, "fitter") != NULL, "run: says why: %s", err.msg);
	is_int(stk_frame_fitter_run(f, src, dst, NULL), STK_OK, "run: NULL err is allowed");
	stk_frame_fitter_free(f);
	stk_frame_fitter_free(NULL);
	ok(1, "stk_frame_fitter_free(NULL) is a no-op");
}

int main(void)
{
	test_refusals();
	test_layout();
	test_copy_flag();
	test_invisible();
	test_stills();
	test_animations();
	test_streaming();
	test_reuse();
	return done_testing();
}
