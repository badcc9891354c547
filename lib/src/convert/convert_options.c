/*
 * convert_options.c - conversion options and policy names.  A store's
 * settings come from its profile (convert_profile.c).
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
	opt->auto_pixel = true;
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
