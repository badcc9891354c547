/* test-convert.c - stk_convert_*() end to end on small images: fits and
 * decodes at the store's size, never over budget, the failure says what
 * would fit, WhatsApp EXIF in the 22-byte layout, kept and stripped,
 * byte-identical reruns, the streamed animation encoder matching the
 * codec's, and the report. */
#include <math.h>
#include <jansson.h>
#include "tap.h"
#include "convert_internal.h"

/* A w x h sticker: a disc, moved by `shift` pixels, with optional noise. */
static void disc(uint8_t *px, uint32_t w, uint32_t h, int shift, int noise)
{
	unsigned seed = 1u + (unsigned)shift;
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			uint8_t *p = px + ((size_t)y * w + x) * 4;
			double d = hypot(x - w / 2.0 - shift, y - h / 2.0);
			double a = d < w / 3.0 ? 1 : d < w / 3.0 + 3 ? (w / 3.0 + 3 - d) / 3 : 0;
			seed = seed * 1103515245u + 12345u;
			int n = noise ? (int)((seed >> 16) % (2 * noise + 1)) - noise : 0;
			p[0] = (uint8_t)(128 + 100 * sin(x / 5.0) + n);
			p[1] = (uint8_t)(128 + 100 * cos(y / 7.0));
			p[2] = (uint8_t)((x ^ y) * 2);
			p[3] = (uint8_t)(a * 255 + 0.5);
		}
}

static stk_image *make(uint32_t w, uint32_t h, uint32_t frames, int noise)
{
	stk_image *img = NULL;
	stk_error err;
	uint8_t *px = malloc((size_t)w * h * 4);
	if (stk_image_new(w, h, &img, &err) != STK_OK)
		abort();
	for (uint32_t i = 0; i < frames; i++) {
		disc(px, w, h, (int)i * 3, noise);
		if (stk_image_add_frame(img, px, 0, frames > 1 ? 40 : 0, &err) != STK_OK)
			abort();
	}
	free(px);
	return img;
}

/* The whatsapp profile's settings, from the source tree's profile. */
static void whatsapp(stk_convert_options *o)
{
	char path[1024];
	const char *src = getenv("STK_SOURCE_DIR");
	stk_profile *p = NULL;
	stk_error err;
	snprintf(path, sizeof path, "%s/assets/profiles/whatsapp.json", src ? src : ".");
	stk_convert_options_init(o);
	if (stk_profile_load_file(path, &p, &err) != STK_OK ||
	    stk_convert_options_profile(o, p, &err) != STK_OK) {
		fprintf(stderr, "%s: %s\n", path, err.msg);
		abort();
	}
	stk_profile_free(p);
}

static stk_image *decode(const stk_buf *b)
{
	stk_image *img = NULL;
	stk_error err;
	if (stk_image_decode(b->data, b->len, NULL, &img, &err) != STK_OK)
		return NULL;
	return img;
}

static void test_still(void)
{
	stk_image *img = make(200, 150, 1, 0);
	stk_convert_options o;
	stk_convert_report rep;
	stk_buf a = { 0 }, b = { 0 };
	stk_error err;
	whatsapp(&o);
	is_int(stk_convert_image(img, &o, &a, &rep, &err), STK_OK, "still converts");
	ok(a.len > 0 && a.len <= 100000 && rep.bytes == a.len && rep.fits, "within 100,000 B");
	ok(rep.lossless && rep.encodes == 1, "lossless fits first: one encode");
	ok(rep.ssim == 1.0, "lossless SSIM is 1 (%.6f)", rep.ssim);
	/* 200 px wide into 512 less the profile's 16 px margins */
	ok(fabs(rep.scale - 480.0 / 200) < 0.01, "scale reported (%.3f)", rep.scale);
	stk_image *d = decode(&a);
	ok(d && stk_image_width(d) == 512 && stk_image_height(d) == 512, "decodes as 512x512");
	ok(d && stk_image_source(d)->format == STK_FORMAT_WEBP, "as WebP");
	stk_image_free(d);
	is_int(stk_convert_image(img, &o, &b, NULL, &err), STK_OK, "again, without a report");
	ok(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "byte-identical rerun");
	stk_buf_release(&b);

	/* a near miss gets the tighter lossless effort before any lossy encode */
	o.max_bytes = a.len - a.len / 20;
	is_int(stk_convert_image(img, &o, &b, &rep, &err), STK_OK, "5%% under the fast size");
	ok(rep.lossless && rep.encodes == 2 && b.len <= o.max_bytes,
	   "lossless at the tighter effort: %zu B, %u encodes", b.len, rep.encodes);
	stk_buf_release(&b);
	o.max_bytes = 100000;

	/* lossy under a budget the lossless result misses */
	o.max_bytes = a.len / 2;
	is_int(stk_convert_image(img, &o, &b, &rep, &err), STK_OK, "lossy under half that");
	ok(b.len <= o.max_bytes && !rep.lossless, "lossy, within budget (%zu <= %llu)", b.len,
	   (unsigned long long)o.max_bytes);
	ok(rep.encodes >= 2 && rep.encodes <= 8 && rep.nprobes == rep.encodes,
	   "%u encodes, all reported", rep.encodes);
	ok(rep.ssim > 0.9 && rep.ssim < 1, "SSIM measured (%.4f)", rep.ssim);
	stk_buf_release(&b);

	/* nothing can fit */
	o.max_bytes = 300;
	is_int(stk_convert_image(img, &o, &b, &rep, &err), STK_ERR_BUDGET, "300 B cannot fit");
	ok(b.data == NULL && b.len == 0, "no output on failure");
	ok(!rep.fits && rep.bytes > 300, "report: smallest size reached (%llu)",
	   (unsigned long long)rep.bytes);
	ok(strstr(err.msg, "smallest encoding reached") && strstr(err.msg, "would fit"),
	   "message: %s", err.msg);
	bool coarser = false;
	for (uint32_t i = 0; i < rep.nprobes; i++)
		coarser |= rep.probes[i].alpha_quality < 100;
	ok(coarser, "coarser alpha planes were tried");

	/* quality gate */
	o.max_bytes = a.len / 3;
	o.min_ssim = 0.99999;
	is_int(stk_convert_image(img, &o, &b, &rep, &err), STK_ERR_BUDGET, "min-ssim refused");
	ok(strstr(err.msg, "SSIM") != NULL, "message names SSIM: %s", err.msg);
	stk_buf_release(&a);
	stk_image_free(img);
}

/* The EXIF chunk's payload in a WebP, or NULL. */
static const uint8_t *exif_chunk(const stk_buf *b, uint32_t *len)
{
	for (size_t off = 12; off + 8 <= b->len;) {
		uint32_t size = b->data[off + 4] | b->data[off + 5] << 8 | b->data[off + 6] << 16 |
		                (uint32_t)b->data[off + 7] << 24;
		if (memcmp(b->data + off, "EXIF", 4) == 0) {
			*len = size;
			return b->data + off + 8;
		}
		off += 8 + size + (size & 1);
	}
	return NULL;
}

static void test_exif(void)
{
	static const uint8_t header[14] = { 0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
	                                    0x01, 0x00, 0x41, 0x57, 0x07, 0x00 };
	const char *emojis[] = { "\xf0\x9f\x98\x80", "\xe2\x9c\xa8" };
	stk_wa_metadata wa = { NULL, "My Pack", "Me", emojis, 2, NULL };
	stk_image *img = make(100, 100, 1, 0);
	stk_convert_options o;
	stk_buf a = { 0 }, b = { 0 }, json = { 0 };
	stk_error err;
	uint32_t len = 0;
	whatsapp(&o);
	o.whatsapp = &wa;
	is_int(stk_convert_image(img, &o, &a, NULL, &err), STK_OK, "with WhatsApp metadata");
	const uint8_t *exif = exif_chunk(&a, &len);
	ok(exif && len > 22 && memcmp(exif, header, 14) == 0, "EXIF: the 22-byte TIFF header");
	ok(exif && exif[18] == 22 && exif[19] == 0 && exif[20] == 0 && exif[21] == 0,
	   "value at offset 22");
	uint32_t count = exif ? exif[14] | exif[15] << 8 | exif[16] << 16 | (uint32_t)exif[17] << 24 : 0;
	is_int(count, len - 22, "count is the JSON's byte length");
	is_int(stk_wa_exif_parse(exif, len, &json, &err), STK_OK, "parses");
	char id[33];
	stk_wa_pack_id("My Pack", id);
	ok(json.data && strstr((char *)json.data, id) && strstr((char *)json.data, emojis[0]),
	   "pack id derived from the name, emojis written");
	stk_buf_release(&json);

	/* kept across a re-encode, dropped by strip */
	stk_image *again = decode(&a);
	stk_convert_options_init(&o);
	o.format = STK_FORMAT_WEBP;
	is_int(stk_convert_image(again, &o, &b, NULL, &err), STK_OK, "re-encode");
	const uint8_t *kept = exif_chunk(&b, &len);
	ok(kept && exif && memcmp(kept, exif, len) == 0, "WhatsApp EXIF kept byte for byte");
	stk_buf_release(&b);
	o.strip_metadata = true;
	is_int(stk_convert_image(again, &o, &b, NULL, &err), STK_OK, "strip");
	ok(exif_chunk(&b, &len) == NULL, "no EXIF after strip");
	stk_buf_release(&b);
	stk_image_free(again);
	stk_buf_release(&a);
	stk_image_free(img);
}

static void test_animation(void)
{
	stk_image *img = make(128, 128, 8, 2);
	stk_convert_options o;
	stk_convert_report rep;
	stk_buf a = { 0 }, b = { 0 };
	stk_error err;
	whatsapp(&o);
	is_int(stk_convert_image(img, &o, &a, &rep, &err), STK_OK, "animation converts");
	ok(a.len <= 500000 && rep.frames >= 1 && rep.duration_ms == 320, "320 ms kept (%llu)",
	   (unsigned long long)rep.duration_ms);
	stk_image *d = decode(&a);
	ok(d && stk_image_width(d) == 512 && stk_image_frame_count(d) > 1, "decodes, animated");
	uint32_t shortest = 100000;
	for (uint32_t i = 0; d && i < stk_image_frame_count(d); i++)
		shortest = stk_image_frame_duration(d, i) < shortest ? stk_image_frame_duration(d, i)
		                                                        : shortest;
	ok(shortest >= 8, "frames >= 8 ms");
	ok(d && stk_image_duration(d) == 320, "320 ms decoded");
	stk_image_free(d);
	is_int(stk_convert_image(img, &o, &b, NULL, &err), STK_OK, "again");
	ok(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "byte-identical rerun");
	stk_buf_release(&b);

	o.max_bytes_anim = a.len * 6 / 10;
	o.allow_lossless = false;
	is_int(stk_convert_image(img, &o, &b, &rep, &err), STK_OK, "tighter budget");
	ok(b.len <= o.max_bytes_anim, "within it (%zu)", b.len);
	ok(rep.encodes <= 4, "%u whole encodes (+%u one-frame)", rep.encodes,
	   rep.calibration_encodes);
	stk_buf_release(&b);
	stk_buf_release(&a);
	stk_image_free(img);
}

/* The streamed animation encoder writes what the codec writes. */
static void test_stream_matches_codec(void)
{
	stk_image *img = make(64, 64, 5, 0);
	stk__frames *fs;
	stk__timing plan;
	stk__timing_rules none = { 0 };
	uint32_t ms[5];
	stk_error err;
	stk__frames_new(64, 64, 0, &fs, &err);
	for (uint32_t i = 0; i < 5; i++) {
		ms[i] = 40;
		stk__frames_push(fs, stk_image_frame_rgba_const(img, i), 40, NULL, &err);
	}
	stk__timing_plan(ms, 5, &none, &plan, &err);
	for (int keyframes = 0; keyframes < 2; keyframes++) {
		stk__anim_src src = { fs, &plan, 64, 64, 0, NULL, 0, NULL, NULL, 0 };
		stk__webp_params p = { 70, false, 100, 4, keyframes };
		stk_encode_options eo;
		stk_buf mine = { 0 }, theirs = { 0 };
		stk_encode_options_init(&eo);
		eo.format = STK_FORMAT_WEBP;
		eo.quality = 70;
		eo.webp_all_keyframes = keyframes;
		is_int(stk__webp_anim_encode(&src, &p, &mine, &err), STK_OK, "streamed encode");
		is_int(stk_image_encode(img, &eo, &theirs, &err), STK_OK, "codec encode");
		ok(mine.len == theirs.len && memcmp(mine.data, theirs.data, mine.len) == 0,
		   "same bytes (%s)", keyframes ? "all keyframes" : "WebPAnimEncoder");
		if (keyframes) {
			stk_image *d = decode(&mine);
			ok(d && stk_image_source(d)->webp_keyframes == 5, "every frame a keyframe");
			stk_image_free(d);
			/* frames 1 and 3 taken from an encode of just those two */
			stk__tframe two[2] = { plan.f[1], plan.f[3] };
			stk__timing sub = { .f = two, .n = 2, .total_ms = 80 };
			uint32_t at[2] = { 1, 3 };
			stk__anim_src part = { fs, &sub, 64, 64, 0, NULL, 0, NULL, NULL, 0 };
			stk_buf sample = { 0 }, reused = { 0 };
			is_int(stk__webp_anim_encode(&part, &p, &sample, &err), STK_OK, "sample encode");
			src.reuse = &sample;
			src.reuse_at = at;
			src.nreuse = 2;
			is_int(stk__webp_anim_encode(&src, &p, &reused, &err), STK_OK, "with reuse");
			ok(reused.len == mine.len && memcmp(reused.data, mine.data, mine.len) == 0,
			   "reusing a sample's frames gives the same bytes");
			stk_buf_release(&sample);
			stk_buf_release(&reused);
			/* and they are really taken: from a rougher sample, a smaller file */
			stk__webp_params rough = p;
			rough.quality = 5;
			is_int(stk__webp_anim_encode(&part, &rough, &sample, &err), STK_OK, "rough");
			is_int(stk__webp_anim_encode(&src, &p, &reused, &err), STK_OK, "reuse it");
			ok(reused.len < mine.len, "the sample's frames are in it (%zu < %zu)", reused.len,
			   mine.len);
			stk_buf_release(&sample);
			stk_buf_release(&reused);
		}
		stk_buf_release(&mine);
		stk_buf_release(&theirs);
	}
	stk__timing_release(&plan);
	stk__frames_free(fs);
	stk_image_free(img);
}

static void test_report(void)
{
	static const char *const keys[] = { "quality", "fps", "scale", "lossless", "bytes",
	                                    "budget", "encodes", "ms", "ssim", NULL };
	stk_image *img = make(80, 80, 1, 0);
	stk_convert_options o;
	stk_convert_report rep;
	stk_buf out = { 0 }, text = { 0 };
	stk_error err;
	whatsapp(&o);
	is_int(stk_convert_image(img, &o, &out, &rep, &err), STK_OK, "convert");
	is_int(stk_convert_report_json(&rep, "in.png", "out.webp", &text, &err), STK_OK, "json");
	json_error_t jerr;
	json_t *j = json_loadb((const char *)text.data, text.len, 0, &jerr);
	ok(j != NULL, "report is JSON");
	int missing = 0;
	for (int i = 0; keys[i]; i++)
		missing += json_object_get(j, keys[i]) == NULL;
	is_int(missing, 0, "every interface key is there");
	ok(json_integer_value(json_object_get(j, "budget")) == 100000, "budget 100000");
	json_decref(j);
	stk_buf_release(&text);
	is_int(stk_convert_report_text(&rep, "in.png", &text, &err), STK_OK, "text");
	ok(text.data && strstr((char *)text.data, "in.png: webp 512x512") &&
	   strstr((char *)text.data, "of 100000"), "text: %.*s", (int)text.len, (char *)text.data);
	stk_buf_release(&text);
	stk_buf_release(&out);
	stk_image_free(img);
}

/* SSIM of an encoding of img's first frame, as the report measures it. */
static double ssim_of(const stk_image *img, const stk_buf *b)
{
	stk_image *d = decode(b);
	double s = d ? stk__ssim_sticker(stk_image_frame_rgba_const(img, 0),
	                                 stk_image_frame_rgba_const(d, 0), stk_image_width(img),
	                                 stk_image_height(img)) : -1;
	stk_image_free(d);
	return s;
}

/* Near the top of the quality range, sharp RGB to YUV conversion one step
 * lower is tried and kept when it measures better: the result is never
 * worse than the best plain quality that fits, and here it is better. */
static void test_sharp_yuv(void)
{
	stk_image *img = make(256, 256, 1, 40);
	stk_convert_options o;
	stk_convert_report rep;
	stk_encode_options eo;
	stk_buf out = { 0 }, b = { 0 };
	stk_error err;
	stk_convert_options_init(&o);
	o.format = STK_FORMAT_WEBP;
	o.allow_lossless = false;
	stk_encode_options_init(&eo);
	eo.format = STK_FORMAT_WEBP;
	eo.quality = 95;
	if (stk_image_encode(img, &eo, &b, &err) != STK_OK)
		abort();
	o.max_bytes = b.len + b.len / 50;
	stk_buf_release(&b);
	is_int(stk_convert_image(img, &o, &out, &rep, &err), STK_OK, "converts under %llu B",
	       (unsigned long long)o.max_bytes);
	ok(strstr(rep.notes, "sharp RGB to YUV") != NULL, "sharp YUV kept: %s", rep.notes);
	ok(out.len <= o.max_bytes, "within budget (%zu)", out.len);
	double got = ssim_of(img, &out);
	ok(fabs(got - rep.ssim) < 1e-9, "the report's SSIM is the output's (%.4f)", got);
	double plain = -1;
	for (eo.quality = 100; eo.quality >= 0 && plain < 0; eo.quality -= 1) {
		if (stk_image_encode(img, &eo, &b, &err) != STK_OK)
			abort();
		if (b.len <= o.max_bytes)
			plain = ssim_of(img, &b);
		stk_buf_release(&b);
	}
	ok(got > plain, "better than the best plain quality that fits (%.4f > %.4f at q%g)",
	   got, plain, (double)eo.quality + 1);
	stk_buf_release(&out);
	stk_image_free(img);
}

static void test_options(void)
{
	stk_convert_options o;
	stk_duration_policy p;
	stk_convert_options_init(&o);
	ok(o.format == STK_FORMAT_UNKNOWN && !o.fit && o.max_bytes == 0 && o.quality == 100 &&
	   !o.no_still && !o.no_anim && o.anim_width == 0 && o.ndurations == 0,
	   "plain conversion: format and size kept, no budget");
	ok(stk_duration_policy_parse("drop-frames", &p) && p == STK_DURATION_DROP_FRAMES,
	   "policy names");
	is_str(stk_duration_policy_name(STK_DURATION_SPEEDUP), "speedup", "policy name");
	ok(!stk_duration_policy_parse("slow", &p), "unknown policy");
}

int main(void)
{
	test_still();
	test_sharp_yuv();
	test_exif();
	test_animation();
	test_stream_matches_codec();
	test_report();
	test_options();
	return done_testing();
}
