/*
 * fuzz-decode.c - one fuzz target per decoder, chosen at compile time with
 * -DFUZZ_FORMAT=STK_FORMAT_xxx (or a list, -DFUZZ_FORMATS=A,B: Lottie and
 * TGS share rlottie, the video containers share libavcodec): inputs of
 * other formats are skipped so each fuzzer spends its time in one parser.  Limits are small so the
 * fuzzer finds bugs, not out-of-memory.  Each input is decoded both whole
 * and streamed, and a decoded image is encoded again (lossless PNG) so the
 * encoders see odd shapes and alpha too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stk/stk.h>

static stk_status count_frame(void *user, const stk_image *header, uint32_t index,
                              const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	(void)header; (void)index; (void)rgba; (void)ms; (void)err;
	(*(uint32_t *)user)++;
	return STK_OK;
}

#ifndef FUZZ_FORMATS
#define FUZZ_FORMATS FUZZ_FORMAT
#endif

static bool wanted(stk_format f)
{
	static const stk_format formats[] = { FUZZ_FORMATS };
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (formats[i] == f)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!wanted(stk_format_sniff(data, size)))
		return 0;
	stk_decode_options opt;
	stk_decode_options_init(&opt);
	opt.max_pixels = 1u << 20;
	opt.max_frames = 64;
	opt.max_total_bytes = 64u << 20;

	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_decode(data, size, &opt, &img, &err) == STK_OK) {
		if (stk_image_width(img) * (uint64_t)stk_image_height(img) <= 65536) {
			stk_buf out = { 0 };
			stk_encode_options eo;
			stk_encode_options_init(&eo);
			if (stk_image_encode(img, &eo, &out, &err) == STK_OK)
				stk_buf_release(&out);
		}
		stk_image_free(img);
	}
	uint32_t frames = 0;
	stk_image *header = NULL;
	if (stk_image_decode_frames(data, size, &opt, count_frame, &frames, &header, &err) ==
	    STK_OK)
		stk_image_free(header);
	return 0;
}
