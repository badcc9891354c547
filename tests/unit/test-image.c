/* test-image.c - the image model, the decoder framework and timelines. */
#include "tap.h"
#include "internal.h"

static void test_model(void)
{
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);

	is_int(stk_image_new(0, 5, &img, &err), STK_ERR_INVALID_ARG, "empty canvas refused");
	ok(img == NULL, "no image on failure");
	is_int(stk_image_new(3, 2, &img, &err), STK_OK, "new 3x2");
	is_int(stk_image_frame_count(img), 0, "no frames yet");
	is_int(stk_image_add_frame(img, NULL, 0, 40, &err), STK_OK, "transparent frame");
	is_int(stk_image_alpha(img), STK_ALPHA_BINARY, "all-transparent is binary alpha");

	uint8_t px[2][4 * 4]; /* stride 16 > 12 */
	memset(px, 255, sizeof px);
	px[1][3] = 128;
	is_int(stk_image_add_frame(img, &px[0][0], 16, 60, &err), STK_OK, "frame with stride");
	const uint8_t *f = stk_image_frame_rgba_const(img, 1);
	is_int(f[12 + 3], 128, "stride respected when copying");
	is_int(stk_image_duration(img), 100, "durations add up");
	is_int(stk_image_alpha(img), STK_ALPHA_PARTIAL, "partial alpha found");

	is_int(stk_image_set_metadata(img, STK_META_EXIF, (const uint8_t *)"Exif", 4, &err),
	       STK_OK, "set exif");
	stk_image *c = NULL;
	is_int(stk_image_clone(img, &c, &err), STK_OK, "clone");
	const uint8_t *m;
	size_t mlen;
	ok(stk_image_metadata(c, STK_META_EXIF, &m, &mlen) && mlen == 4 && !memcmp(m, "Exif", 4),
	   "clone keeps metadata");
	ok(memcmp(stk_image_frame_rgba_const(c, 1), f, 3 * 2 * 4) == 0, "clone keeps pixels");
	stk_image_free(c);
	stk_image_free(img);
	stk_image_free(NULL);
}

static void test_timeline(void)
{
	stk__timeline t = { 0, 0 };
	uint64_t total = 0;
	int min = 1000, max = 0;
	for (int i = 0; i < 24; i++) {
		uint32_t ms = stk__timeline_next(&t, 1000.0 / 24);
		total += ms;
		min = (int)ms < min ? (int)ms : min;
		max = (int)ms > max ? (int)ms : max;
	}
	is_int(total, 1000, "24 frames at 24 fps last exactly 1000 ms");
	ok(min == 41 && max == 42, "frames are 41 or 42 ms (got %d..%d)", min, max);
}

static void test_limits(void)
{
	stk_decode_options opt;
	stk__decoder d;
	stk_error err;
	stk_decode_options_init(&opt);
	memset(&d, 0, sizeof d);
	d.opt = &opt;
	stk_error_init(&err);
	is_int(stk__dec_canvas(&d, 100000, 100000, &err), STK_ERR_LIMIT,
	       "100000x100000 refused before allocating");
	is_int(stk__dec_canvas(&d, 20000, 20000, &err), STK_ERR_LIMIT, "400 MP refused");
	opt.max_frames = 2;
	is_int(stk__dec_check_frame_count(&d, 3, &err), STK_ERR_LIMIT, "frame count limit");
	is_int(stk__dec_canvas(&d, 2, 2, &err), STK_OK, "small canvas accepted");
	uint8_t px[16] = { 0 };
	is_int(stk__dec_emit(&d, px, 10, &err), STK_OK, "frame 1");
	is_int(stk__dec_emit(&d, px, 10, &err), STK_OK, "frame 2");
	is_int(stk__dec_emit(&d, px, 10, &err), STK_ERR_LIMIT, "frame 3 over max_frames");
	stk_image_free(d.img);
}

static stk_status ignore_frame(void *user, const stk_image *h, uint32_t i, const uint8_t *px,
                               uint32_t ms, stk_error *err)
{
	(void)user; (void)h; (void)i; (void)px; (void)ms; (void)err;
	return STK_OK;
}

static void test_stream_limit(void)
{
	stk_decode_options opt;
	stk__decoder d;
	stk_error err;
	uint8_t px[16] = { 0 };
	stk_decode_options_init(&opt);
	opt.max_total_bytes = 32; /* two 2x2 frames */
	memset(&d, 0, sizeof d);
	d.opt = &opt;
	d.fn = ignore_frame;
	stk_error_init(&err);
	is_int(stk__dec_canvas(&d, 2, 2, &err), STK_OK, "stream canvas");
	is_int(stk__dec_emit(&d, px, 10, &err), STK_OK, "streamed frame 1");
	is_int(stk__dec_emit(&d, px, 10, &err), STK_OK, "streamed frame 2");
	is_int(stk__dec_emit(&d, px, 10, &err), STK_ERR_LIMIT,
	       "streamed frames count against max_total_bytes too");
	stk_image_free(d.img);
}

/* Kept frames count against what is held at once (with the decoder's
 * canvas beside them): a frame bomb stops at max_held_bytes, while the
 * same frames streamed only meet the decoded total. */
static void test_held_limit(void)
{
	stk_decode_options opt;
	stk__decoder d;
	stk_error err;
	uint8_t px[16] = { 0 };
	stk_decode_options_init(&opt);
	opt.max_held_bytes = 48; /* canvas + two kept 2x2 frames */
	memset(&d, 0, sizeof d);
	d.opt = &opt;
	stk_error_init(&err);
	is_int(stk__dec_canvas(&d, 2, 2, &err), STK_OK, "held: canvas");
	is_int(stk__dec_emit(&d, px, 10, &err), STK_OK, "held: kept frame 1");
	is_int(stk__dec_emit(&d, px, 10, &err), STK_OK, "held: kept frame 2");
	is_int(stk__dec_emit(&d, px, 10, &err), STK_ERR_LIMIT, "held: kept frame 3 refused");
	ok(strstr(err.msg, "--max-memory") != NULL, "names the option: %s", err.msg);
	stk_image_free(d.img);

	memset(&d, 0, sizeof d);
	d.opt = &opt;
	d.fn = ignore_frame;
	is_int(stk__dec_canvas(&d, 2, 2, &err), STK_OK, "held, streamed: canvas");
	stk_status s = STK_OK;
	for (int i = 0; i < 10 && s == STK_OK; i++)
		s = stk__dec_emit(&d, px, 10, &err);
	is_int(s, STK_OK, "held, streamed: ten frames are never held");
	stk_image_free(d.img);
}

/* What is decoded in all may reach 4096 times the input's size when that
 * is more than max_total_bytes (a long clip is not a bomb), and a streamed
 * header knows each frame's timing and keyframe flag without its pixels. */
static void test_stream_scaled(void)
{
	stk_decode_options opt;
	stk__decoder d;
	stk_error err;
	uint8_t px[16] = { 0 };
	stk_decode_options_init(&opt);
	opt.max_total_bytes = 32; /* two 2x2 frames */
	memset(&d, 0, sizeof d);
	d.opt = &opt;
	d.fn = ignore_frame;
	d.src.bytes = 1; /* 4096 bytes decoded: 256 frames */
	stk_error_init(&err);
	is_int(stk__dec_canvas(&d, 2, 2, &err), STK_OK, "scaled: canvas");
	stk_status s = STK_OK;
	uint32_t n = 0;
	for (; n < 300 && s == STK_OK; n++) {
		d.not_keyframe = n % 2 == 1;
		s = stk__dec_emit(&d, px, 10 + n % 3, &err);
	}
	is_int(s, STK_ERR_LIMIT, "scaled: refused in the end");
	is_int(n, 257, "scaled: 256 frames of 16 bytes pass, the 257th is refused");
	ok(strstr(err.msg, "4096 times the input's size (see --max-decoded)") != NULL,
	   "names the option: %s", err.msg);
	is_int(stk_image_frame_count(d.img), 0, "header: no frames kept");
	is_int(stk__image_frames_known(d.img), 256, "header: 256 frames noted");
	is_int(stk__image_known_ms(d.img, 2), 12, "header: frame 2's duration");
	is_int(stk__image_known_duration(d.img), 256 * 10 + 85 * 3, "header: the total");
	ok(stk__image_known_keyframe(d.img, 0) && !stk__image_known_keyframe(d.img, 1),
	   "header: keyframe flags");
	stk_image_free(d.img);
}

static void test_sniff(void)
{
	static const uint8_t png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 };
	is_int(stk_format_sniff(png, sizeof png), STK_FORMAT_PNG, "PNG magic");
	is_int(stk_format_sniff((const uint8_t *)"GIF89a..", 8), STK_FORMAT_GIF, "GIF magic");
	is_int(stk_format_sniff((const uint8_t *)"RIFF\0\0\0\0WEBPVP8 ", 16), STK_FORMAT_WEBP,
	       "WebP magic");
	is_int(stk_format_sniff((const uint8_t *)"\xff\xd8\xff\xe0", 4), STK_FORMAT_JPEG,
	       "JPEG magic");
	is_int(stk_format_sniff((const uint8_t *)"hello", 5), STK_FORMAT_UNKNOWN, "text");
	is_int(stk_format_sniff(NULL, 0), STK_FORMAT_UNKNOWN, "empty");
	is_int(stk_format_from_path("x/y.WebP"), STK_FORMAT_WEBP, "extension, any case");
	is_int(stk_format_from_path("x.d/y"), STK_FORMAT_UNKNOWN, "no extension");
}

int main(void)
{
	test_model();
	test_timeline();
	test_limits();
	test_stream_limit();
	test_held_limit();
	test_stream_scaled();
	test_sniff();
	return done_testing();
}
