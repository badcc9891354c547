/*
 * convert_options.c - conversion options, the stores' built-in settings
 * (until store profiles provide them), and policy names.
 *
 * Budgets are the stores' limits read conservatively: WhatsApp's validator
 * allows 100 KiB / 500 KiB but iOS rejected 506,190 B (peers.md §0), so
 * 100,000 / 500,000 B; Signal says 300 KiB and means it (307200 B).
 */
#include <string.h>
#include "convert_internal.h"

void stk_convert_options_init(stk_convert_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->format = STK_FORMAT_UNKNOWN;
	stk_resize_options_init(&opt->resize);
	opt->quality = 100;
	opt->min_quality = 0;
	opt->allow_lossless = true;
	opt->allow_alpha_fallback = true;
	opt->min_fps = 4;
	opt->stabilise = -1;
	opt->measure_ssim = true;
	opt->max_colors = 256;
}

struct store {
	const char *name;
	stk_format still, anim;
	stk_size_mode mode;
	uint32_t width, height;
	bool even;
	uint64_t still_bytes, anim_bytes;
	uint32_t min_frame_ms, max_duration_ms;
	uint32_t min_frames, max_frames;
	bool constant;              /* one frame duration */
};

static const struct store stores[] = {
	/* 512x512 WebP; >= 8 ms frames, <= 10 s (platforms.md §1); one frame
	 * duration: iPhone WhatsApp refused variable ones (peers.md §c.1) */
	{ "whatsapp", STK_FORMAT_WEBP, STK_FORMAT_WEBP, STK_SIZE_CANVAS, 512, 512, false,
	  100000, 500000, 8, 10000, 0, 0, true },
	/* 512x512, PNG stills, looping APNG, 300 KiB, <= 3 s (platforms.md §3) */
	{ "signal", STK_FORMAT_PNG, STK_FORMAT_APNG, STK_SIZE_CANVAS, 512, 512, false,
	  307200, 307200, 0, 3000, 0, 0, false },
	/* APNG <= 320x270, even sides, 5-20 frames, <= 4 s, <= 300 KB (platforms.md LINE) */
	{ "line", STK_FORMAT_PNG, STK_FORMAT_APNG, STK_SIZE_AT_MOST, 320, 270, true,
	  1000000, 300000, 0, 4000, 5, 20, false },
	/* 320x320 PNG/APNG <= 512 KiB, <= 5 s */
	{ "discord", STK_FORMAT_PNG, STK_FORMAT_APNG, STK_SIZE_CANVAS, 320, 320, false,
	  524288, 524288, 0, 5000, 0, 0, false },
	/* 360x360 PNG <= 150 KB; GIF animations <= 2 MB, <= 5 s (sticker-convert) */
	{ "kakao", STK_FORMAT_PNG, STK_FORMAT_GIF, STK_SIZE_CANVAS, 360, 360, false,
	  150000, 2000000, 0, 5000, 0, 0, false },
	/* 240x240, GIF for animations, <= 500 KB (platforms-more.md §1.1) */
	{ "wechat", STK_FORMAT_PNG, STK_FORMAT_GIF, STK_SIZE_CANVAS, 240, 240, false,
	  500000, 500000, 0, 0, 0, 0, false },
};
#define NSTORES (sizeof stores / sizeof stores[0])

const char *stk_convert_store_name(size_t i)
{
	return i < NSTORES ? stores[i].name : NULL;
}

stk_status stk_convert_options_store(stk_convert_options *opt, const char *name,
                                     stk_error *err)
{
	for (size_t i = 0; i < NSTORES; i++) {
		const struct store *s = &stores[i];
		if (strcmp(s->name, name) != 0)
			continue;
		opt->still_format = s->still;
		opt->anim_format = s->anim;
		opt->format = s->still;
		opt->fit = true;
		opt->resize.mode = s->mode;
		opt->resize.width = s->width;
		opt->resize.height = s->height;
		opt->resize.even = s->even;
		opt->max_bytes = s->still_bytes;
		opt->max_bytes_anim = s->anim_bytes;
		opt->min_frame_ms = s->min_frame_ms;
		opt->max_duration_ms = s->max_duration_ms;
		opt->min_frames = s->min_frames;
		opt->max_frames = s->max_frames;
		opt->constant_frame_duration = s->constant;
		return STK_OK;
	}
	return stk__fail(err, STK_ERR_INVALID_ARG, "no built-in settings for the store '%s' "
	                 "(known: whatsapp, signal, line, discord, kakao, wechat)", name);
}

static const char *const policy_names[] = { "fail", "speedup", "trim", "drop-frames" };

const char *stk_duration_policy_name(stk_duration_policy p)
{
	return (unsigned)p < 4 ? policy_names[p] : "fail";
}

bool stk_duration_policy_parse(const char *s, stk_duration_policy *out)
{
	for (unsigned i = 0; i < 4; i++)
		if (strcmp(s, policy_names[i]) == 0) {
			*out = (stk_duration_policy)i;
			return true;
		}
	return false;
}
