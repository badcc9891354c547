/* test-convert-profile.c - stk_convert_options_profile(): every shipped
 * profile with a sticker role gives the settings its JSON states (the
 * expected values below are written out from the files by hand, not
 * derived), profiles from memory without a canvas or a format we write
 * are refused, a kind's own role overrides sticker's, and the settings
 * work end to end: LINE stills and animations on their own canvases, a
 * retimed animation with a bounded play count, and stills-only stores
 * refusing animations. */
#include "tap.h"
#include "corpus.h"
#include "convert_internal.h"
#include "profiles.h"

static stk_status from_memory(const char *json, stk_convert_options *o, stk_error *err)
{
	stk_profile *p = NULL;
	stk_convert_options_init(o);
	stk_status s = stk_profile_load_data(json, strlen(json), "mem.json", &p, err);
	if (s != STK_OK) {
		tap_diag("mem.json: %s", err->msg);
		return s;
	}
	s = stk_convert_options_profile(o, p, err);
	stk_profile_free(p);
	return s;
}

/* What a profile must give, as its JSON says. */
struct want {
	const char *id;
	stk_format still, anim;      /* UNKNOWN: that kind is refused */
	stk_size_mode mode;
	uint32_t w, h;
	stk_size_mode anim_mode;     /* anim_w 0: the same canvas */
	uint32_t anim_w, anim_h;
	bool even;
	uint64_t max_bytes, max_bytes_anim;
	uint32_t min_frame_ms, max_duration_ms, min_frames, max_frames;
	stk_frame_timing timing;
	bool keyframes, loop_forever;
	uint32_t max_plays, max_play_time_ms, ndurations;
	double max_fps;
};

#define U STK_FORMAT_UNKNOWN
#define PNG STK_FORMAT_PNG
#define APNG STK_FORMAT_APNG
#define GIF STK_FORMAT_GIF
#define WEBP STK_FORMAT_WEBP
#define WEBM STK_FORMAT_WEBM
#define EXACT STK_SIZE_CANVAS
#define AT_MOST STK_SIZE_AT_MOST
#define SIDE STK_SIZE_SIDE
#define SRC STK_FRAME_TIMING_SOURCE
#define STEP STK_FRAME_TIMING_STEP

static const struct want wants[] = {
	/* id        still anim  canvas              anim canvas        even  bytes   anim    minf  maxd  frames  timing key  loop  plays  ptime ndur fps */
	{ "whatsapp", WEBP, WEBP, EXACT, 512, 512, EXACT, 0, 0, false, 100000, 500000, 8, 10000, 0, 0, STEP, true, false, 0, 0, 0, 0 },
	{ "signal", PNG, APNG, EXACT, 512, 512, EXACT, 0, 0, false, 300000, 300000, 0, 3000, 0, 0, SRC, false, true, 0, 0, 0, 0 },
	{ "line", PNG, APNG, AT_MOST, 370, 320, AT_MOST, 320, 270, true, 1000000, 300000, 0, 4000, 5, 20, SRC, false, false, 4, 4000, 4, 0 },
	{ "discord", PNG, APNG, EXACT, 320, 320, EXACT, 0, 0, false, 500000, 500000, 0, 5000, 0, 0, SRC, false, false, 0, 0, 0, 0 },
	{ "kakaotalk", PNG, WEBP, EXACT, 360, 360, EXACT, 0, 0, false, 150000, 650000, 50, 0, 0, 24, SRC, false, false, 0, 0, 0, 0 },
	{ "wechat", PNG, GIF, EXACT, 240, 240, EXACT, 0, 0, false, 500000, 500000, 0, 0, 0, 0, SRC, false, true, 0, 0, 0, 0 },
	/* Telegram animations we write are video stickers (TGS is not rendered
	 * back from pixels): WEBM, 256 KB, 3 s, 30 fps; stills' 512 KB is a warning */
	{ "telegram", PNG, WEBM, SIDE, 512, 512, EXACT, 0, 0, false, 512000, 256000, 0, 3000, 0, 0, SRC, false, false, 0, 0, 0, 30 },
	/* 300..618 a side: only the whole 618x618 is sure of the minimum */
	{ "imessage", PNG, APNG, EXACT, 618, 618, EXACT, 0, 0, false, 499999, 499999, 0, 0, 0, 0, SRC, false, false, 0, 0, 0, 0 },
	{ "viber", PNG, U, AT_MOST, 490, 490, EXACT, 0, 0, false, 0, 0, 0, 0, 0, 0, SRC, false, false, 0, 0, 0, 0 },
};

static void test_shipped(void)
{
	for (size_t i = 0; i < sizeof wants / sizeof wants[0]; i++) {
		const struct want *w = &wants[i];
		stk_profile *p = shipped(w->id);
		stk_convert_options o;
		stk_error err;
		stk_error_init(&err);
		stk_convert_options_init(&o);
		if (!ok(p, "%s: loads", w->id))
			continue;
		is_int(stk_convert_options_profile(&o, p, &err), STK_OK, "%s: settings (%s)", w->id,
		       err.msg);
		stk_profile_free(p);
		ok(o.fit, "%s: fitted", w->id);
		is_int(o.no_still ? U : o.still_format, w->still, "%s: still format", w->id);
		is_int(o.no_anim ? U : o.anim_format, w->anim, "%s: animation format", w->id);
		ok(o.no_still == (w->still == U) && o.no_anim == (w->anim == U),
		   "%s: kinds refused", w->id);
		ok(o.resize.mode == w->mode && o.resize.width == w->w &&
		   (w->mode == SIDE || o.resize.height == w->h), "%s: canvas %d %ux%u", w->id,
		   (int)o.resize.mode, o.resize.width, o.resize.height);
		ok(o.anim_width == w->anim_w && (!w->anim_w || (o.anim_mode == w->anim_mode &&
		   o.anim_height == w->anim_h)), "%s: animation canvas %d %ux%u", w->id,
		   (int)o.anim_mode, o.anim_width, o.anim_height);
		is_int(o.resize.even, w->even, "%s: even sides", w->id);
		is_int(o.max_bytes, w->max_bytes, "%s: still budget", w->id);
		is_int(o.max_bytes_anim, w->max_bytes_anim, "%s: animation budget", w->id);
		is_int(o.min_frame_ms, w->min_frame_ms, "%s: shortest frame", w->id);
		is_int(o.max_duration_ms, w->max_duration_ms, "%s: longest play", w->id);
		ok(o.min_frames == w->min_frames && o.max_frames == w->max_frames,
		   "%s: frames %u..%u", w->id, o.min_frames, o.max_frames);
		is_int(o.frame_timing, w->timing, "%s: frame timing", w->id);
		is_int(o.min_step_ms, w->timing == STEP ? 33 : 0, "%s: finest step (30 fps)", w->id);
		is_int(o.all_keyframes, w->keyframes, "%s: all keyframes", w->id);
		is_int(o.loop_forever, w->loop_forever, "%s: loops forever", w->id);
		ok(o.max_plays == w->max_plays && o.max_play_time_ms == w->max_play_time_ms,
		   "%s: plays at most %u, %u ms in all", w->id, o.max_plays, o.max_play_time_ms);
		is_int(o.ndurations, w->ndurations, "%s: durations", w->id);
		ok(o.max_fps == w->max_fps, "%s: frame rate cap %g", w->id, o.max_fps);
	}
	stk_convert_options o;
	stk_profile *p = shipped("line");
	stk_error err;
	stk_convert_options_init(&o);
	if (p && stk_convert_options_profile(&o, p, &err) == STK_OK)
		ok(o.durations[0] == 1000 && o.durations[1] == 2000 && o.durations[2] == 3000 &&
		   o.durations[3] == 4000, "line: whole seconds, 1 to 4");
	else
		ok(0, "line: whole seconds, 1 to 4");
	stk_profile_free(p);

	/* Messenger's profile is about attachments, not stickers */
	p = shipped("messenger");
	stk_error_init(&err);
	if (p)
		is_int(stk_convert_options_profile(&o, p, &err), STK_ERR_PROFILE, "messenger: refused");
	ok(strstr(err.msg, "messenger") && strstr(err.msg, "sticker"), "says why: %s", err.msg);
	stk_profile_free(p);
}

/* One profile after another: nothing of the first is left. */
static void test_reapplied(void)
{
	stk_profile *wa = shipped("whatsapp"), *sig = shipped("signal");
	stk_convert_options o;
	stk_error err;
	stk_convert_options_init(&o);
	o.quality = 80;
	o.resize.margin = 16;
	ok(wa && sig && stk_convert_options_profile(&o, wa, &err) == STK_OK &&
	   stk_convert_options_profile(&o, sig, &err) == STK_OK, "whatsapp, then signal");
	ok(!o.all_keyframes && o.frame_timing == STK_FRAME_TIMING_SOURCE && o.min_frame_ms == 0 &&
	   o.max_bytes == 300000 && o.still_format == STK_FORMAT_PNG, "signal's settings only");
	ok(o.quality == 80 && o.resize.margin == 16, "other options kept");
	stk_profile_free(wa);
	stk_profile_free(sig);
}

#define HEAD "{\"profile\": 1, \"id\": \"mem\", \"name\": \"Mem\", \"confidence\": \"low\", " \
             "\"roles\": ["
#define RULE(id, check, value) "{\"id\": \"mem." id "\", \"severity\": \"error\", " \
             "\"check\": \"" check "\", \"value\": " value ", \"message\": \"m\", " \
             "\"fix\": \"f\", \"source\": \"s\"}"
#define ROLE(id, match, ...) "{\"id\": \"" id "\", \"name\": \"" id "\"" match \
             ", \"rules\": [" __VA_ARGS__ "]}"
#define STILL ", \"match\": {\"animated\": false}"
#define ANIM ", \"match\": {\"animated\": true}"

static void test_refused(void)
{
	stk_convert_options o;
	stk_error err;
	const char *no_canvas = HEAD ROLE("sticker", "",
		RULE("f", "formats", "[\"png\"]") "," RULE("b", "max-bytes", "1000")) "]}";
	stk_error_init(&err);
	is_int(from_memory(no_canvas, &o, &err), STK_ERR_PROFILE, "no canvas: refused");
	ok(strstr(err.msg, "mem") && strstr(err.msg, "canvas"), "says so: %s", err.msg);

	const char *jpeg = HEAD ROLE("sticker", "",
		RULE("f", "formats", "[\"jpeg\", \"tgs\"]") "," RULE("w", "width", "100") ","
		RULE("h", "height", "100")) "]}";
	stk_error_init(&err);
	is_int(from_memory(jpeg, &o, &err), STK_ERR_PROFILE, "only JPEG and TGS: refused");
	ok(strstr(err.msg, "mem") && strstr(err.msg, "format"), "says so: %s", err.msg);

	const char *no_formats = HEAD ROLE("sticker", "",
		RULE("w", "width", "100") "," RULE("h", "height", "100")) "]}";
	is_int(from_memory(no_formats, &o, &err), STK_ERR_PROFILE, "no formats rule: refused");

	const char *no_role = HEAD ROLE("emoji", "",
		RULE("f", "formats", "[\"png\"]") "," RULE("w", "width", "100") ","
		RULE("h", "height", "100")) "]}";
	is_int(from_memory(no_role, &o, &err), STK_ERR_PROFILE, "no sticker role: refused");

	const char *short_side = HEAD ROLE("sticker", "",
		RULE("f", "formats", "[\"png\"]") "," RULE("w", "max-width", "320") ","
		RULE("h", "max-height", "200") "," RULE("l", "min-long-side", "270")) "]}";
	stk_error_init(&err);
	is_int(from_memory(short_side, &o, &err), STK_ERR_PROFILE,
	       "at most 320x200 cannot be sure of a 270 long side");
	ok(strstr(err.msg, "min-long-side"), "says so: %s", err.msg);

	const char *odd = HEAD ROLE("sticker", "",
		RULE("f", "formats", "[\"png\"]") "," RULE("w", "width", "101") ","
		RULE("h", "height", "100") "," RULE("e", "even-sides", "true")) "]}";
	is_int(from_memory(odd, &o, &err), STK_ERR_PROFILE, "even sides on 101x100: refused");
}

static void test_override(void)
{
	stk_convert_options o;
	stk_error err;
	const char *json = HEAD
		ROLE("sticker", "",
		     RULE("f", "formats", "[\"gif\", \"png\", \"apng\", \"webp\"]") ","
		     RULE("w", "width", "512") "," RULE("h", "height", "512") ","
		     RULE("b", "max-bytes", "100000") "," RULE("k", "keyframes", "true") ","
		     RULE("l", "loop-forever", "true")) ","
		ROLE("sticker.static", STILL,
		     RULE("sf", "formats", "[\"jpeg\", \"webp\", \"png\"]") ","
		     RULE("sb", "max-bytes", "50000") "," RULE("s1", "one-side", "256")) ","
		ROLE("sticker.animated", ANIM,
		     RULE("af", "formats", "[\"apng\"]") "," RULE("ab", "max-bytes", "200000") ","
		     RULE("ak", "keyframes", "false") "," RULE("am", "max-frames", "30") ","
		     RULE("am2", "max-frames", "24") "," RULE("fd", "min-frame-duration", "20")) "]}";
	stk_error_init(&err);
	is_int(from_memory(json, &o, &err), STK_OK, "loads (%s)", err.msg);
	is_int(o.still_format, STK_FORMAT_WEBP, "stills: sticker.static's first we write, webp");
	is_int(o.anim_format, STK_FORMAT_APNG, "animations: sticker.animated's apng");
	ok(o.resize.mode == STK_SIZE_SIDE && o.resize.width == 256,
	   "stills: sticker.static's canvas replaces sticker's");
	ok(o.anim_mode == STK_SIZE_CANVAS && o.anim_width == 512 && o.anim_height == 512,
	   "animations: sticker's canvas");
	is_int(o.max_bytes, 50000, "stills: the stricter budget, sticker.static's");
	is_int(o.max_bytes_anim, 100000, "animations: the stricter budget, sticker's");
	ok(!o.all_keyframes, "keyframes: sticker.animated's false overrides");
	ok(o.loop_forever, "loop-forever: from sticker");
	is_int(o.max_frames, 24, "two max-frames rules: the smaller");
	is_int(o.min_frame_ms, 20, "min-frame-duration");

	const char *step = HEAD ROLE("sticker", "",
		RULE("f", "formats", "[\"webp\"]") "," RULE("w", "width", "64") ","
		RULE("h", "height", "64") "," RULE("s", "frame-step", "40")) "]}";
	is_int(from_memory(step, &o, &err), STK_OK, "frame-step loads");
	ok(o.frame_timing == STK_FRAME_TIMING_STEP && o.min_step_ms == 40,
	   "frame-step: one rate, holds merged, steps of 40 ms or more");
	const char *both = HEAD ROLE("sticker", "",
		RULE("f", "formats", "[\"webp\"]") "," RULE("w", "width", "64") ","
		RULE("h", "height", "64") "," RULE("s", "frame-step", "40") ","
		RULE("c", "constant-frame-duration", "true")) "]}";
	is_int(from_memory(both, &o, &err), STK_OK, "both timing rules load");
	is_int(o.frame_timing, STK_FRAME_TIMING_CONSTANT, "constant-frame-duration is the "
	       "stricter and wins");

	const char *animated_false = HEAD ROLE("sticker", "",
		RULE("f", "formats", "[\"png\", \"apng\"]") "," RULE("w", "max-width", "300") ","
		RULE("h", "max-height", "300") "," RULE("a", "animated", "false") ","
		RULE("sq", "square", "true")) "]}";
	is_int(from_memory(animated_false, &o, &err), STK_OK, "animated false");
	ok(o.no_anim && !o.no_still && o.still_format == STK_FORMAT_PNG, "stills only");
	ok(o.resize.mode == STK_SIZE_CANVAS && o.resize.width == 300 && o.resize.height == 300,
	   "square: at most 300x300 becomes exactly 300x300");
}

/* A w x h image of `frames` frames of `ms` each: a moving disc. */
static stk_image *disc(uint32_t w, uint32_t h, uint32_t frames, uint32_t ms)
{
	stk_image *img = NULL;
	stk_error err;
	uint8_t *px = malloc((size_t)w * h * 4);
	if (!px || stk_image_new(w, h, &img, &err) != STK_OK)
		abort();
	for (uint32_t f = 0; f < frames; f++) {
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w; x++) {
				uint8_t *p = px + ((size_t)y * w + x) * 4;
				double dx = x - w / 2.0 - f * 2.0, dy = y - h / 2.0;
				bool in = dx * dx + dy * dy < (h / 3.0) * (h / 3.0);
				p[0] = (uint8_t)(x * 3);
				p[1] = (uint8_t)(y * 5);
				p[2] = 90;
				p[3] = in ? 255 : 0;
			}
		if (stk_image_add_frame(img, px, 0, frames > 1 ? ms : 0, &err) != STK_OK)
			abort();
	}
	free(px);
	return img;
}

static stk_image *decoded(const stk_buf *b)
{
	stk_image *img = NULL;
	return stk_image_decode(b->data, b->len, NULL, &img, NULL) == STK_OK ? img : NULL;
}

static bool options_of(const char *id, stk_convert_options *o)
{
	stk_profile *p = shipped(id);
	stk_error err;
	stk_convert_options_init(o);
	bool good = p && stk_convert_options_profile(o, p, &err) == STK_OK;
	stk_profile_free(p);
	return good;
}

static void test_line_end_to_end(void)
{
	stk_convert_options o;
	stk_convert_report rep;
	stk_buf out = { 0 };
	stk_error err;
	char path[1024];
	if (!ok(options_of("line", &o), "line settings"))
		return;
	o.measure_ssim = false;

	stk_image *still = disc(600, 400, 1, 0);
	is_int(stk_convert_image(still, &o, &out, &rep, &err), STK_OK, "a still");
	/* 600x400 into 350x300 (10 px margins): 350x233, + margins, even */
	ok(rep.format == STK_FORMAT_PNG && rep.width == 370 && rep.height == 252,
	   "PNG at most 370x320, even: %ux%u", rep.width, rep.height);
	stk_buf_release(&out);
	stk_image_free(still);

	/* 11 frames of 200 ms, as the cry GIF: 2200 ms -> 2000 ms, 2 plays */
	stk_image *anim = disc(600, 400, 11, 200);
	is_int(stk_convert_image(anim, &o, &out, &rep, &err), STK_OK, "an animation");
	/* 600x400 into 300x250: 300x200, + 10 px margins */
	ok(rep.format == STK_FORMAT_APNG && rep.width == 320 && rep.height == 220,
	   "APNG at most 320x270, even: %ux%u", rep.width, rep.height);
	stk_image *d = decoded(&out);
	ok(d && stk_image_duration(d) == 2000, "one play in 2000 ms (%llu)",
	   d ? (unsigned long long)stk_image_duration(d) : 0ULL);
	ok(d && stk_image_plays(d) == 2, "2 plays, 4000 ms in all (%u)", d ? stk_image_plays(d) : 0);
	ok(strstr(rep.timing, "2000 ms") && strstr(rep.timing, "plays 2"), "timing says so: %s",
	   rep.timing);
	stk_image_free(d);
	stk_buf_release(&out);
	stk_image_free(anim);

	/* from files: the kind is known only after frame 0 */
	stk_convert_report r2;
	is_int(stk_convert_file(corpus_path(path, sizeof path,
	                                    "animated/emote_dmogdotorg_msn_cry.gif"),
	                        NULL, &o, &out, &r2, &err), STK_OK, "the cry GIF (%s)", err.msg);
	ok(r2.width == 270 && r2.height == 270 && r2.frames >= 5 && r2.duration_ms == 2000,
	   "270x270 (%ux%u), %u frames, %llu ms", r2.width, r2.height, r2.frames,
	   (unsigned long long)r2.duration_ms);
	stk_buf_release(&out);
	is_int(stk_convert_file(corpus_path(path, sizeof path,
	                                    "static/rgba_1024x1024_grinning-face.png"),
	                        NULL, &o, &out, &r2, &err), STK_OK, "a still PNG (%s)", err.msg);
	ok(r2.width == 320 && r2.height == 320 && r2.format == STK_FORMAT_PNG,
	   "320x320 on the still canvas: %ux%u", r2.width, r2.height);
	stk_buf_release(&out);
}

static void test_kinds_refused(void)
{
	stk_convert_options o;
	stk_buf out = { 0 };
	stk_error err;
	char path[1024];
	if (!ok(options_of("viber", &o), "viber settings"))
		return;
	stk_image *anim = disc(64, 64, 3, 100);
	stk_error_init(&err);
	is_int(stk_convert_image(anim, &o, &out, NULL, &err), STK_ERR_UNSUPPORTED,
	       "viber: an animation is refused");
	ok(strstr(err.msg, "stills only"), "says why: %s", err.msg);
	stk_image_free(anim);
	is_int(stk_convert_file(corpus_path(path, sizeof path,
	                                    "animated/emote_dmogdotorg_msn_cry.gif"),
	                        NULL, &o, &out, NULL, &err), STK_ERR_UNSUPPORTED,
	       "from a file too");
	ok(out.len == 0, "nothing written");

	if (!ok(options_of("telegram", &o), "telegram settings"))
		return;
	stk_image *still = disc(1024, 512, 1, 0);
	stk_convert_report rep;
	o.measure_ssim = false;
	is_int(stk_convert_image(still, &o, &out, &rep, &err), STK_OK, "telegram: a still");
	ok(rep.width == 512 && rep.height == 256, "one side 512: %ux%u", rep.width, rep.height);
	stk_buf_release(&out);
	stk_image_free(still);

	stk_convert_options_init(&o);
	o.no_still = true;
	still = disc(64, 64, 1, 0);
	is_int(stk_convert_image(still, &o, &out, NULL, &err), STK_ERR_UNSUPPORTED,
	       "no_still: a still is refused");
	stk_image_free(still);
}

/* Telegram's animations are VP9 WEBM video stickers: one side 512, the
 * frames and timing kept, transparency kept, the same bytes every time. */
static void test_telegram_video(void)
{
	stk_convert_options o;
	stk_convert_report rep;
	stk_buf out = { 0 }, again = { 0 };
	stk_error err;
	if (!ok(options_of("telegram", &o), "telegram settings"))
		return;
	o.measure_ssim = false;
	stk_image *anim = disc(96, 64, 4, 125);
	stk_error_init(&err);
	is_int(stk_convert_image(anim, &o, &out, &rep, &err), STK_OK, "telegram: an animation (%s)",
	       err.msg);
	is_int(rep.format, STK_FORMAT_WEBM, "written as WEBM");
	ok(out.len > 0 && out.len <= 256000, "within 256 KB: %zu bytes", out.len);
	stk_image *back = decoded(&out);
	ok(back != NULL, "the WEBM decodes again");
	if (back) {
		ok(stk_image_width(back) == 512 && stk_image_height(back) == 341,
		   "one side 512: %ux%u", stk_image_width(back), stk_image_height(back));
		is_int(stk_image_frame_count(back), 4, "4 frames");
		is_int(stk_image_duration(back), 500, "500 ms");
		is_int(stk_image_frame_duration(back, 3), 125, "the last frame lasts 125 ms");
		is_int(stk_image_alpha(back), STK_ALPHA_PARTIAL, "transparency kept");
		const uint8_t *px = stk_image_frame_rgba_const(back, 0);
		ok(px[3] == 0 && px[(170 * 512 + 256) * 4 + 3] > 250, "outside clear, disc opaque");
		ok(strcmp(stk_image_source(back)->codec, "vp9") == 0, "VP9: %s",
		   stk_image_source(back)->codec);
	}
	stk_image_free(back);
	is_int(stk_convert_image(anim, &o, &again, NULL, &err), STK_OK, "again");
	ok(again.len == out.len && memcmp(again.data, out.data, out.len) == 0,
	   "the same bytes twice");
	stk_buf_release(&out);
	stk_buf_release(&again);
	stk_image_free(anim);
}

/* Unequal frames (a long final hold, a short last frame) become one frame
 * duration: a WEBM states one for the track, and readers give it to the
 * last frame, so the file read back must last what the report says. */
static void test_telegram_holds(void)
{
	static const uint32_t ms[2][4] = { { 100, 100, 100, 1200 }, { 200, 200, 200, 40 } };
	stk_convert_options o;
	stk_error err;
	if (!ok(options_of("telegram", &o), "telegram settings"))
		return;
	o.measure_ssim = false;
	for (int k = 0; k < 2; k++) {
		stk_convert_report rep;
		stk_buf out = { 0 };
		stk_image *anim = disc(48, 32, 4, 100);
		for (uint32_t i = 0; i < 4; i++)
			stk_image_set_frame_duration(anim, i, ms[k][i]);
		stk_error_init(&err);
		is_int(stk_convert_image(anim, &o, &out, &rep, &err), STK_OK,
		       "last frame %u ms: converted (%s)", ms[k][3], err.msg);
		stk_image *back = decoded(&out);
		ok(back != NULL, "last frame %u ms: decodes again", ms[k][3]);
		if (back) {
			uint32_t n = stk_image_frame_count(back), first = stk_image_frame_duration(back, 0);
			is_int(n, rep.frames, "last frame %u ms: the report's %u frames", ms[k][3],
			       rep.frames);
			is_int(stk_image_duration(back), rep.duration_ms, "and its %u ms",
			       (unsigned)rep.duration_ms);
			uint32_t want = ms[k][0] + ms[k][1] + ms[k][2] + ms[k][3];
			ok(rep.duration_ms <= want && rep.duration_ms + first > want,
			   "%u ms kept within a frame: %u ms", want, (unsigned)rep.duration_ms);
			bool same = true;
			for (uint32_t i = 1; i < n; i++)
				same = same && stk_image_frame_duration(back, i) == first;
			ok(same && first * n == stk_image_duration(back),
			   "every frame %u ms, the last too", first);
		}
		stk_image_free(back);
		stk_buf_release(&out);
		stk_image_free(anim);
	}
}

int main(void)
{
	test_shipped();
	test_reapplied();
	test_refused();
	test_override();
	test_line_end_to_end();
	test_kinds_refused();
	test_telegram_video();
	test_telegram_holds();
	return done_testing();
}
