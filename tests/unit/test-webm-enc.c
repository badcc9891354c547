/*
 * test-webm-enc.c - the WEBM encoder keeps an animation's timing: frames
 * of uneven durations (a long final hold above all, which FFmpeg's muxer
 * would cut to the average) are repeated on their common step by
 * stk_image_encode(), and the frame-source encoder refuses uneven
 * durations instead of writing a file that plays wrong.
 */
#include <string.h>
#include "tap.h"
#include "internal.h"
#include "webm_enc.h"

#define W 32
#define H 32

static const uint8_t colours[3][3] = { { 220, 30, 30 }, { 30, 200, 30 }, { 30, 30, 220 } };

static stk_image *three_colours(const uint32_t ms[3])
{
	stk_image *img = NULL;
	stk_error err;
	static uint8_t px[W * H * 4];
	if (stk_image_new(W, H, &img, &err) != STK_OK)
		return NULL;
	for (int f = 0; f < 3; f++) {
		for (int i = 0; i < W * H; i++) {
			memcpy(px + i * 4, colours[f], 3);
			px[i * 4 + 3] = 255;
		}
		if (stk_image_add_frame(img, px, 0, ms[f], &err) != STK_OK) {
			stk_image_free(img);
			return NULL;
		}
	}
	return img;
}

/* Which of the three colours the frame playing at time t shows. */
static int colour_at(const stk_image *img, uint32_t t)
{
	uint32_t end = 0;
	for (uint32_t i = 0; i < stk_image_frame_count(img); i++) {
		end += stk_image_frame_duration(img, i);
		if (t < end) {
			const uint8_t *p = stk_image_frame_rgba_const(img, i) + (H / 2 * W + W / 2) * 4;
			int best = 0;
			for (int c = 1; c < 3; c++)
				if (p[c] > p[best])
					best = c;
			return best;
		}
	}
	return -1;
}

static void test_uneven_holds(void)
{
	static const uint32_t ms[3] = { 100, 300, 1200 };
	stk_image *img = three_colours(ms);
	stk_encode_options eo;
	stk_encode_options_init(&eo);
	eo.format = STK_FORMAT_WEBM;
	eo.quality = 90;
	stk_buf out = { 0 };
	stk_error err;
	stk_error_init(&err);
	if (!ok(img != NULL, "made the animation"))
		return;
	is_int(stk_image_encode(img, &eo, &out, &err), STK_OK, "encoded (%s)", err.msg);
	stk_image *back = NULL;
	stk_error_init(&err);
	is_int(stk_image_decode(out.data, out.len, NULL, &back, &err), STK_OK, "decodes (%s)",
	       err.msg);
	if (back) {
		is_int(stk_image_duration(back), 1600, "lasts 100 + 300 + 1200 ms");
		is_int(stk_image_frame_count(back), 16, "16 frames on the 100 ms step");
		is_int(stk_image_frame_duration(back, 15), 100, "the last frame lasts the step");
		is_int(colour_at(back, 50), 0, "red first");
		is_int(colour_at(back, 350), 1, "green from 100 ms");
		is_int(colour_at(back, 450), 2, "blue from 400 ms");
		is_int(colour_at(back, 1550), 2, "blue to the end: the hold is whole");
	}
	stk_image_free(back);
	stk_buf_release(&out);
	stk_image_free(img);
}

struct frames {
	const uint32_t *ms;
	uint8_t px[W * H * 4];
};

static stk_status get(void *user, uint32_t i, const uint8_t **rgba, uint32_t *ms,
                      stk_error *err)
{
	struct frames *f = user;
	(void)err;
	if (rgba)
		*rgba = f->px;
	*ms = f->ms[i];
	return STK_OK;
}

static void test_source_refuses_uneven(void)
{
	static const uint32_t ms[3] = { 40, 40, 1200 };
	static struct frames f;
	f.ms = ms;
	memset(f.px, 128, sizeof f.px);
	stk__frame_source src = { W, H, 3, 0, &f, get, NULL, NULL };
	stk__webm_params p = { 20, 8 };
	stk_buf out = { 0 };
	stk_error err;
	stk_error_init(&err);
	is_int(stk__webm_encode_frames(&src, &p, &out, &err), STK_ERR_INVALID_ARG,
	       "uneven durations refused");
	ok(strstr(err.msg, "frame 2 lasts 1200 ms where others last 40 ms") != NULL, "the message names the frame: %s",
	   err.msg);
	ok(out.data == NULL, "nothing written");
	static const uint32_t drift_free[3] = { 67, 66, 67 }; /* 15 fps to the ms */
	f.ms = drift_free;
	stk_error_init(&err);
	is_int(stk__webm_encode_frames(&src, &p, &out, &err), STK_OK,
	       "a drift-free 15 fps timeline encodes (%s)", err.msg);
	stk_buf_release(&out);
	static const uint32_t even[3] = { 40, 40, 40 };
	f.ms = even;
	stk_error_init(&err);
	is_int(stk__webm_encode_frames(&src, &p, &out, &err), STK_OK, "even durations encode (%s)",
	       err.msg);
	stk_buf_release(&out);
}

int main(void)
{
	test_uneven_holds();
	test_source_refuses_uneven();
	return done_testing();
}
