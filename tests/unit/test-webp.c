/* test-webp.c - the WebP decoder and encoder against the corpus and round trips. */
#include <errno.h>
#include <math.h>
#include <unistd.h>
#include <lcms2.h>
#include "tap.h"
#include "corpus.h"
#include "internal.h"

/* ---- helpers ---- */

static stk_status load_corpus(const char *rel, const stk_decode_options *opt, stk_image **img,
                              stk_error *err)
{
	char path[1024];
	return stk_image_load(corpus_path(path, sizeof path, rel), opt, img, err);
}

static stk_status decode_buf(const stk_buf *b, const stk_decode_options *opt, stk_image **img,
                             stk_error *err)
{
	return stk_image_decode(b->data, b->len, opt, img, err);
}

static void enc_opts(stk_encode_options *o, bool lossless, float quality)
{
	stk_encode_options_init(o);
	o->format = STK_FORMAT_WEBP;
	o->lossless = lossless;
	o->quality = quality;
}

/* Deterministic pseudo-random bytes (xorshift). */
static uint32_t rnd_state = 2463534242u;
static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

/* A frame with opaque, partly transparent and fully transparent pixels;
 * the transparent ones hold arbitrary RGB ("dirty" alpha). */
static void fill_dirty(uint8_t *px, uint32_t w, uint32_t h, uint32_t seed)
{
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			uint8_t *p = px + ((size_t)y * w + x) * 4;
			uint32_t r = rnd();
			p[0] = (uint8_t)(x * 7 + seed * 31);
			p[1] = (uint8_t)(y * 5 + seed * 17);
			p[2] = (uint8_t)r;
			p[3] = (x + seed) % 5 == 0 ? 0 : (y % 7 == 0 ? (uint8_t)(r >> 8) : 255);
		}
}

static stk_image *make_anim(uint32_t w, uint32_t h, uint32_t n, const uint32_t *ms,
                            uint32_t plays)
{
	stk_image *img = NULL;
	stk_error err;
	if (stk_image_new(w, h, &img, &err) != STK_OK)
		return NULL;
	uint8_t *px = malloc((size_t)w * h * 4);
	for (uint32_t i = 0; i < n; i++) {
		fill_dirty(px, w, h, i);
		if (stk_image_add_frame(img, px, 0, ms[i], &err) != STK_OK)
			abort();
	}
	free(px);
	stk_image_set_plays(img, plays);
	return img;
}

static bool same_pixels(const stk_image *a, uint32_t ia, const stk_image *b, uint32_t ib)
{
	size_t n = (size_t)stk_image_width(a) * stk_image_height(a) * 4;
	return stk_image_width(a) == stk_image_width(b) &&
	       stk_image_height(a) == stk_image_height(b) &&
	       memcmp(stk_image_frame_rgba_const(a, ia), stk_image_frame_rgba_const(b, ib), n) == 0;
}

static double psnr(const uint8_t *a, const uint8_t *b, size_t n)
{
	double se = 0;
	for (size_t i = 0; i < n; i++) {
		double d = (double)a[i] - b[i];
		se += d * d;
	}
	if (se == 0)
		return 99;
	return 10 * log10(255.0 * 255.0 / (se / (double)n));
}

/* ---- the corpus, by MANIFEST.tsv ---- */

struct stream_count {
	uint32_t frames;
	uint64_t ms;
};

static stk_status count_frame(void *user, const stk_image *header, uint32_t index,
                              const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	struct stream_count *c = user;
	(void)header; (void)rgba; (void)err;
	if (index != c->frames)
		return STK_ERR_INTERNAL;
	c->frames++;
	c->ms += ms;
	return STK_OK;
}

static void check_manifest_row(const struct corpus_row *r)
{
	const char *rel = r->path;
	size_t len = 0;
	uint8_t *data = corpus_read(rel, &len);
	stk_error err;
	stk_image *hdr = NULL;
	struct stream_count c = { 0, 0 };

	if (!data) {
		ok(0, "%s: read: %s", rel, strerror(errno));
		return;
	}
	stk_error_init(&err);
	stk_status s = stk_image_decode_frames(data, len, NULL, count_frame, &c, &hdr, &err);
	free(data);
	if (!ok(s == STK_OK, "%s decodes (streamed)", rel)) {
		tap_diag("%s", err.msg);
		return;
	}
	const stk_source_info *src = stk_image_source(hdr);
	stk_webp_kind want = strstr(r->notes, "lossless") ? STK_WEBP_LOSSLESS : STK_WEBP_LOSSY;
	is_int(stk_image_width(hdr), r->width, "%s width", rel);
	is_int(stk_image_height(hdr), r->height, "%s height", rel);
	is_int(c.frames, r->frames, "%s frame count", rel);
	is_int(src->declared_frames, r->frames, "%s declared frames", rel);
	is_int(c.ms, r->duration_ms, "%s total duration", rel);
	is_int(src->webp_kind, want, "%s is %s", rel, stk_webp_kind_name(want));
	is_int(src->format, STK_FORMAT_WEBP, "%s format", rel);
	ok(src->webp_keyframes >= 1 && src->webp_keyframes <= c.frames,
	   "%s keyframes %u of %u", rel, src->webp_keyframes, c.frames);
	bool alpha = strstr(r->notes, "alpha flag") || strstr(r->notes, "VP8L alpha");
	is_int(src->color_type, alpha ? STK_COLOR_RGBA : STK_COLOR_RGB,
	       "%s colour type", rel);
	stk_image_free(hdr);
}

static void check_broken_row(const char *rel)
{
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status s = load_corpus(rel, NULL, &img, &err);
	ok(s == STK_ERR_CORRUPT && img == NULL, "%s refused as corrupt (%s)", rel,
	   stk_status_name(s));
	ok(err.msg[0] != '\0' && strchr(err.msg, '\n') == NULL, "%s: one-line message: %s",
	   rel, err.msg);
}

struct webp_counts {
	int good, broken;
};

static bool check_row(const struct corpus_row *r, void *user)
{
	struct webp_counts *n = user;
	if (strcmp(r->format, "webp") != 0)
		return true;
	if (strcmp(r->kind, "broken") == 0) {
		check_broken_row(r->path);
		n->broken++;
	} else {
		check_manifest_row(r);
		n->good++;
	}
	return true;
}

static void test_manifest(void)
{
	struct webp_counts n = { 0, 0 };
	if (!ok(corpus_each(check_row, &n) >= 0, "read MANIFEST.tsv"))
		return;
	ok(n.good >= 7, "manifest lists %d good WebP files", n.good);
	is_int(n.broken, 3, "manifest lists 3 broken WebP files");
}

static void test_broken_messages(void)
{
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	(void)load_corpus("broken/webp_riff_size_corrupt.webp", NULL, &img, &err);
	ok(strstr(err.msg, "RIFF size") != NULL, "bad RIFF size named: %s", err.msg);
	(void)load_corpus("broken/webp_truncated.webp", NULL, &img, &err);
	ok(strstr(err.msg, "truncated") != NULL, "truncation named: %s", err.msg);
	(void)load_corpus("broken/webp_vp8_payload_garbage.webp", NULL, &img, &err);
	ok(strstr(err.msg, "decode") != NULL, "garbage payload fails in decoding: %s", err.msg);
}

/* Keyframes kept on the image when frames are kept. */
static void test_kept_keyframes(void)
{
	stk_image *img = NULL;
	stk_error err;
	if (!ok(load_corpus("animated/emote_QIP-pidgin_cx_gif2webp.webp", NULL, &img, &err) ==
	        STK_OK, "gif2webp emote decodes"))
		return;
	uint32_t kf = 0, n = stk_image_frame_count(img);
	for (uint32_t i = 0; i < n; i++)
		kf += stk_image_frame_is_keyframe(img, i);
	is_int(kf, stk_image_source(img)->webp_keyframes, "keyframe marks match the count");
	ok(stk_image_frame_is_keyframe(img, 0), "frame 0 is a keyframe");
	ok(kf < n, "gif2webp emote has inter frames (%u of %u keyframes)", kf, n);
	is_int(stk_image_plays(img), 0, "loops forever");
	stk_image_free(img);
}

static void test_limits(void)
{
	stk_decode_options opt;
	stk_image *img = NULL;
	stk_error err;
	stk_decode_options_init(&opt);
	opt.max_pixels = 512 * 512;
	is_int(load_corpus("static/webp_lossless_800x800_koala.webp", &opt, &img, &err),
	       STK_ERR_LIMIT, "800x800 over a 512x512 pixel limit");
	stk_decode_options_init(&opt);
	opt.max_frames = 100;
	is_int(load_corpus("animated/long_12s_30fps_hedgehog_512.webp", &opt, &img, &err),
	       STK_ERR_LIMIT, "360 frames over a 100 frame limit");
	ok(strstr(err.msg, "360") != NULL, "declared count named: %s", err.msg);
}

/* ---- round trips ---- */

static void test_lossless_still(void)
{
	stk_image *img = NULL, *back = NULL;
	stk_error err;
	stk_encode_options o;
	stk_buf out = { 0 };
	uint32_t w = 37, h = 23;
	uint8_t *px = malloc((size_t)w * h * 4);

	fill_dirty(px, w, h, 3);
	if (stk_image_new(w, h, &img, &err) != STK_OK ||
	    stk_image_add_frame(img, px, 0, 0, &err) != STK_OK)
		abort();
	free(px);
	enc_opts(&o, true, 50);
	is_int(stk_image_encode(img, &o, &out, &err), STK_OK, "lossless still encodes");
	is_int(decode_buf(&out, NULL, &back, &err), STK_OK, "and decodes");
	if (back) {
		ok(same_pixels(img, 0, back, 0), "pixel-exact, RGB under alpha 0 included");
		is_int(stk_image_source(back)->webp_kind, STK_WEBP_LOSSLESS, "lossless bitstream");
		is_int(stk_image_frame_count(back), 1, "one frame");
	}
	stk_image_free(back);
	stk_buf_release(&out);
	stk_image_free(img);

	/* A real lossless file: decode, encode, decode. */
	img = back = NULL;
	if (load_corpus("static/webp_lossless_800x800_koala.webp", NULL, &img, &err) == STK_OK &&
	    stk_image_encode(img, &o, &out, &err) == STK_OK &&
	    decode_buf(&out, NULL, &back, &err) == STK_OK)
		ok(same_pixels(img, 0, back, 0), "koala lossless round trip is exact");
	else
		ok(0, "koala lossless round trip: %s", err.msg);
	stk_image_free(back);
	stk_buf_release(&out);
	stk_image_free(img);
}

static void test_lossless_anim(void)
{
	static const uint32_t ms[] = { 40, 70, 10, 100, 33, 1 };
	const uint32_t n = sizeof ms / sizeof ms[0];
	stk_image *img = make_anim(48, 31, n, ms, 3), *back = NULL;
	stk_error err;
	stk_encode_options o;
	stk_buf out = { 0 };

	enc_opts(&o, true, 30);
	is_int(stk_image_encode(img, &o, &out, &err), STK_OK, "lossless animation encodes");
	is_int(decode_buf(&out, NULL, &back, &err), STK_OK, "and decodes");
	if (back) {
		is_int(stk_image_frame_count(back), n, "frame count kept");
		is_int(stk_image_plays(back), 3, "plays kept");
		bool durations = true, pixels = true;
		for (uint32_t i = 0; i < n && i < stk_image_frame_count(back); i++) {
			durations = durations && stk_image_frame_duration(back, i) == ms[i];
			pixels = pixels && same_pixels(img, i, back, i);
		}
		ok(durations, "durations kept");
		ok(pixels, "pixels exact in every frame");
		is_int(stk_image_source(back)->webp_kind, STK_WEBP_LOSSLESS, "lossless frames");
	}
	stk_image_free(back);
	stk_buf_release(&out);

	/* plays 0 means forever both ways */
	stk_image_set_plays(img, 0);
	back = NULL;
	if (stk_image_encode(img, &o, &out, &err) == STK_OK &&
	    decode_buf(&out, NULL, &back, &err) == STK_OK)
		is_int(stk_image_plays(back), 0, "plays 0 (forever) kept");
	else
		ok(0, "plays 0 round trip: %s", err.msg);
	stk_image_free(back);
	stk_buf_release(&out);
	stk_image_free(img);
}

static void test_all_keyframes(void)
{
	stk_image *img = NULL, *back = NULL;
	stk_error err;
	stk_encode_options o;
	stk_buf out = { 0 };

	if (!ok(load_corpus("animated/emote_QIP-pidgin_cx_gif2webp.webp", NULL, &img, &err) ==
	        STK_OK, "emote decodes"))
		return;
	uint32_t n = stk_image_frame_count(img);
	enc_opts(&o, false, 75);
	o.webp_all_keyframes = true;
	is_int(stk_image_encode(img, &o, &out, &err), STK_OK, "all-keyframes encode");
	is_int(decode_buf(&out, NULL, &back, &err), STK_OK, "and decodes");
	if (back) {
		is_int(stk_image_frame_count(back), n, "frame count kept");
		is_int(stk_image_source(back)->webp_keyframes, n, "every frame a keyframe");
		bool all = true;
		for (uint32_t i = 0; i < n; i++)
			all = all && stk_image_frame_is_keyframe(back, i);
		ok(all, "each frame marked as keyframe");
		is_int(stk_image_duration(back), stk_image_duration(img), "total duration kept");
		is_int(stk_image_plays(back), stk_image_plays(img), "plays kept");
		is_int(stk_image_source(back)->webp_kind, STK_WEBP_LOSSY, "lossy frames");
	}
	stk_image_free(back);
	back = NULL;

	/* Lossless all-keyframes is still exact. */
	stk_buf out2 = { 0 };
	enc_opts(&o, true, 20);
	o.webp_all_keyframes = true;
	if (stk_image_encode(img, &o, &out2, &err) == STK_OK &&
	    decode_buf(&out2, NULL, &back, &err) == STK_OK) {
		bool px = stk_image_frame_count(back) == n;
		for (uint32_t i = 0; px && i < n; i++)
			px = same_pixels(img, i, back, i);
		ok(px, "lossless all-keyframes round trip is exact");
	} else {
		ok(0, "lossless all-keyframes: %s", err.msg);
	}
	stk_image_free(back);
	stk_buf_release(&out2);

	/* The default animation encoder makes inter frames here. */
	back = NULL;
	enc_opts(&o, false, 75);
	if (stk_image_encode(img, &o, &out2, &err) == STK_OK &&
	    decode_buf(&out2, NULL, &back, &err) == STK_OK)
		ok(stk_image_source(back)->webp_keyframes < stk_image_frame_count(back),
		   "default mode uses inter frames (%u keyframes of %u)",
		   stk_image_source(back)->webp_keyframes, stk_image_frame_count(back));
	else
		ok(0, "default animation encode: %s", err.msg);
	stk_image_free(back);
	stk_buf_release(&out2);

	/* Cross-check with webpinfo when it is installed: every frame is a
	 * full-canvas ANMF with the no-blend bit ("Blend: 1") set. */
	char tmpl[] = "/tmp/stk-test-webp-XXXXXX";
	int fd = mkstemp(tmpl);
	if (fd >= 0 && write(fd, out.data, out.len) == (ssize_t)out.len) {
		char cmd[256];
		snprintf(cmd, sizeof cmd, "command -v webpinfo >/dev/null && "
		         "webpinfo '%s' 2>/dev/null | grep -c 'Blend: 1'", tmpl);
		FILE *p = popen(cmd, "r");
		int no_blend = -1;
		if (p && fscanf(p, "%d", &no_blend) == 1)
			is_int(no_blend, n, "webpinfo: every frame has no blending");
		else
			tap_diag("webpinfo not available");
		if (p)
			pclose(p);
	}
	if (fd >= 0) {
		close(fd);
		unlink(tmpl);
	}
	stk_buf_release(&out);
	stk_image_free(img);
}

/* ---- metadata ---- */

static void icc_profile(bool srgb, stk_buf *out)
{
	cmsHPROFILE p;
	if (srgb) {
		p = cmsCreate_sRGBProfile();
	} else {
		/* Wide-gamut primaries (Adobe RGB-like) under another name. */
		cmsCIExyY white = { 0.3127, 0.3290, 1.0 };
		cmsCIExyYTRIPLE prim = { { 0.64, 0.33, 1.0 }, { 0.21, 0.71, 1.0 },
		                         { 0.15, 0.06, 1.0 } };
		cmsToneCurve *g = cmsBuildGamma(NULL, 2.2);
		cmsToneCurve *curves[3] = { g, g, g };
		p = cmsCreateRGBProfile(&white, &prim, curves);
		cmsMLU *mlu = cmsMLUalloc(NULL, 1);
		cmsMLUsetASCII(mlu, "en", "US", "Wide test profile");
		cmsWriteTag(p, cmsSigProfileDescriptionTag, mlu);
		cmsMLUfree(mlu);
		cmsFreeToneCurve(g);
	}
	cmsUInt32Number n = 0;
	cmsSaveProfileToMem(p, NULL, &n);
	out->data = malloc(n);
	out->len = n;
	cmsSaveProfileToMem(p, out->data, &n);
	cmsCloseProfile(p);
}

static bool meta_equal(const stk_image *img, stk_meta_kind k, const void *want, size_t len)
{
	const uint8_t *d;
	size_t n;
	return stk_image_metadata(img, k, &d, &n) && n == len && memcmp(d, want, n) == 0;
}

static void check_meta_round_trip(stk_image *img, bool animated, bool keyframes,
                                  const char *what)
{
	static const uint8_t exif[] = "II*\0\x08\0\0\0\0\0\0\0\0"; /* 13 odd bytes */
	static const char xmp[] = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>";
	stk_buf icc = { 0 };
	stk_encode_options o;
	stk_buf out = { 0 };
	stk_image *back = NULL;
	stk_error err;

	icc_profile(true, &icc);
	if (stk_image_set_metadata(img, STK_META_EXIF, exif, sizeof exif - 1, &err) != STK_OK ||
	    stk_image_set_metadata(img, STK_META_XMP, (const uint8_t *)xmp, strlen(xmp),
	                           &err) != STK_OK ||
	    stk_image_set_metadata(img, STK_META_ICC, icc.data, icc.len, &err) != STK_OK)
		abort();
	enc_opts(&o, !animated, 75);
	o.webp_all_keyframes = keyframes;
	is_int(stk_image_encode(img, &o, &out, &err), STK_OK, "%s: encode with metadata", what);
	is_int(decode_buf(&out, NULL, &back, &err), STK_OK, "%s: decode", what);
	if (back) {
		ok(meta_equal(back, STK_META_EXIF, exif, sizeof exif - 1), "%s: EXIF exact", what);
		ok(meta_equal(back, STK_META_XMP, xmp, strlen(xmp)), "%s: XMP exact", what);
		ok(meta_equal(back, STK_META_ICC, icc.data, icc.len), "%s: ICC exact", what);
		ok(!stk_image_source(back)->icc_converted, "%s: sRGB profile not converted", what);
		is_int(stk_image_frame_count(back), stk_image_frame_count(img), "%s: frames", what);
	}
	stk_image_free(back);
	stk_buf_release(&out);

	/* keep_metadata off writes none. */
	back = NULL;
	o.keep_metadata = false;
	if (stk_image_encode(img, &o, &out, &err) == STK_OK &&
	    decode_buf(&out, NULL, &back, &err) == STK_OK)
		ok(!stk_image_metadata(back, STK_META_EXIF, NULL, NULL) &&
		   !stk_image_metadata(back, STK_META_XMP, NULL, NULL) &&
		   !stk_image_metadata(back, STK_META_ICC, NULL, NULL),
		   "%s: no metadata without keep_metadata", what);
	else
		ok(0, "%s: encode without metadata: %s", what, err.msg);
	stk_image_free(back);
	stk_buf_release(&out);
	stk_buf_release(&icc);
}

static void test_metadata(void)
{
	static const uint32_t ms[] = { 50, 60, 70 };
	stk_image *img = make_anim(20, 18, 1, ms, 0);
	check_meta_round_trip(img, false, false, "still");
	stk_image_free(img);
	img = make_anim(20, 18, 3, ms, 2);
	check_meta_round_trip(img, true, false, "animation");
	stk_image_free(img);
	img = make_anim(20, 18, 3, ms, 2);
	check_meta_round_trip(img, true, true, "all keyframes");
	stk_image_free(img);
}

/* A wide-gamut profile converts the pixels; the converted image is written
 * without the profile, or it would be converted twice. */
static void test_icc_conversion(void)
{
	static const uint32_t ms[] = { 0 };
	stk_image *img = make_anim(16, 16, 1, ms, 0), *back = NULL, *again = NULL;
	stk_buf icc = { 0 }, out = { 0 }, out2 = { 0 };
	stk_encode_options o;
	stk_decode_options dopt;
	stk_error err;

	icc_profile(false, &icc);
	if (stk_image_set_metadata(img, STK_META_ICC, icc.data, icc.len, &err) != STK_OK)
		abort();
	enc_opts(&o, true, 50);
	is_int(stk_image_encode(img, &o, &out, &err), STK_OK, "wide-gamut still encodes");
	is_int(decode_buf(&out, NULL, &back, &err), STK_OK, "and decodes");
	if (back) {
		ok(stk_image_source(back)->icc_converted, "pixels converted to sRGB");
		ok(!same_pixels(img, 0, back, 0), "converted pixels differ");
		ok(meta_equal(back, STK_META_ICC, icc.data, icc.len), "profile kept on the image");
		if (stk_image_encode(back, &o, &out2, &err) == STK_OK &&
		    decode_buf(&out2, NULL, &again, &err) == STK_OK)
			ok(!stk_image_metadata(again, STK_META_ICC, NULL, NULL) &&
			   !stk_image_source(again)->icc_converted && same_pixels(back, 0, again, 0),
			   "re-encode drops the converted profile, pixels unchanged");
		else
			ok(0, "re-encode: %s", err.msg);
	}
	stk_image_free(again);
	stk_image_free(back);
	back = NULL;

	stk_decode_options_init(&dopt);
	dopt.keep_color_space = true;
	if (decode_buf(&out, &dopt, &back, &err) == STK_OK)
		ok(!stk_image_source(back)->icc_converted && same_pixels(img, 0, back, 0),
		   "keep_color_space leaves pixels alone");
	else
		ok(0, "keep_color_space decode: %s", err.msg);
	stk_image_free(back);
	stk_buf_release(&out);
	stk_buf_release(&out2);

	/* The same in an animation, where frames come from the anim decoder. */
	static const uint32_t two[] = { 40, 40 };
	stk_image *anim = make_anim(16, 16, 2, two, 0);
	back = NULL;
	if (stk_image_set_metadata(anim, STK_META_ICC, icc.data, icc.len, &err) == STK_OK &&
	    stk_image_encode(anim, &o, &out, &err) == STK_OK &&
	    decode_buf(&out, NULL, &back, &err) == STK_OK)
		ok(stk_image_source(back)->icc_converted && stk_image_frame_count(back) == 2 &&
		   !same_pixels(anim, 0, back, 0) && !same_pixels(anim, 1, back, 1),
		   "animation frames converted to sRGB");
	else
		ok(0, "wide-gamut animation: %s", err.msg);
	stk_image_free(back);
	stk_image_free(anim);
	stk_buf_release(&out);
	stk_buf_release(&icc);
	stk_image_free(img);
}

/* ---- determinism and lossy quality ---- */

static bool encodes_twice_same(const stk_image *img, const stk_encode_options *o)
{
	stk_buf a = { 0 }, b = { 0 };
	stk_error err;
	bool same = stk_image_encode(img, o, &a, &err) == STK_OK &&
	            stk_image_encode(img, o, &b, &err) == STK_OK && a.len == b.len &&
	            memcmp(a.data, b.data, a.len) == 0;
	stk_buf_release(&a);
	stk_buf_release(&b);
	return same;
}

static void test_determinism(void)
{
	static const uint32_t ms[] = { 40, 40, 40, 40 };
	stk_image *img = make_anim(64, 40, 4, ms, 0);
	stk_encode_options o;
	enc_opts(&o, false, 75);
	ok(encodes_twice_same(img, &o), "lossy animation: two encodes identical");
	o.webp_all_keyframes = true;
	ok(encodes_twice_same(img, &o), "all-keyframes: two encodes identical");
	enc_opts(&o, true, 75);
	ok(encodes_twice_same(img, &o), "lossless animation: two encodes identical");
	stk_image_free(img);

	stk_image *still = NULL;
	stk_error err;
	if (load_corpus("static/webp_lossy_alpha_1024x1024_lion.webp", NULL, &still, &err) ==
	    STK_OK) {
		enc_opts(&o, false, 75);
		ok(encodes_twice_same(still, &o), "lossy still: two encodes identical");
	} else {
		ok(0, "lion: %s", err.msg);
	}
	stk_image_free(still);
}

static void check_lossy(const char *rel, double min_psnr)
{
	stk_image *img = NULL, *back = NULL;
	stk_buf out = { 0 };
	stk_encode_options o;
	stk_error err;
	enc_opts(&o, false, 75);
	if (load_corpus(rel, NULL, &img, &err) != STK_OK ||
	    stk_image_encode(img, &o, &out, &err) != STK_OK ||
	    decode_buf(&out, NULL, &back, &err) != STK_OK) {
		ok(0, "%s q75 round trip: %s", rel, err.msg);
		stk_image_free(img);
		stk_buf_release(&out);
		return;
	}
	is_int(stk_image_width(back), stk_image_width(img), "%s q75: width", rel);
	is_int(stk_image_height(back), stk_image_height(img), "%s q75: height", rel);
	is_int(stk_image_source(back)->webp_kind, STK_WEBP_LOSSY, "%s q75: lossy", rel);
	double p = psnr(stk_image_frame_rgba_const(img, 0), stk_image_frame_rgba_const(back, 0),
	                (size_t)stk_image_width(img) * stk_image_height(img) * 4);
	ok(p >= min_psnr, "%s q75: PSNR %.1f dB >= %.0f (%zu bytes)", rel, p, min_psnr, out.len);
	stk_image_free(back);
	stk_buf_release(&out);
	stk_image_free(img);
}

int main(void)
{
	test_manifest();
	test_broken_messages();
	test_kept_keyframes();
	test_limits();
	test_lossless_still();
	test_lossless_anim();
	test_all_keyframes();
	test_metadata();
	test_icc_conversion();
	test_determinism();
	check_lossy("static/webp_lossy_opaque_768x768_face-with-tears-of-joy.webp", 38);
	return done_testing();
}
