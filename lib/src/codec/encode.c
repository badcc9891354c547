/* encode.c - encoder options and the dispatch to the format encoders. */
#include <string.h>
#include <strings.h>
#include "internal.h"

void stk_encode_options_init(stk_encode_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->format = STK_FORMAT_PNG;
	opt->quality = 90;
	opt->method = 4;
	opt->alpha_quality = 100;
	opt->png_palette = -1;
	opt->max_colors = 256;
	opt->keep_metadata = true;
}

stk_format stk_format_from_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return STK_FORMAT_UNKNOWN;
	if (strcasecmp(dot, ".png") == 0)
		return STK_FORMAT_PNG;
	if (strcasecmp(dot, ".apng") == 0)
		return STK_FORMAT_APNG;
	if (strcasecmp(dot, ".gif") == 0)
		return STK_FORMAT_GIF;
	if (strcasecmp(dot, ".webp") == 0)
		return STK_FORMAT_WEBP;
	if (strcasecmp(dot, ".webm") == 0)
		return STK_FORMAT_WEBM;
	if (strcasecmp(dot, ".tgs") == 0)
		return STK_FORMAT_TGS;  /* written only as a pass-through (convert) */
	return STK_FORMAT_UNKNOWN;
}

static stk_status check_options(const stk_image *img, const stk_encode_options *o,
                                stk_error *err)
{
	if (stk_image_frame_count(img) == 0)
		return stk__fail(err, STK_ERR_INVALID_ARG, "image has no frames");
	if (!(o->quality >= 0 && o->quality <= 100))
		return stk__fail(err, STK_ERR_INVALID_ARG, "quality %g is not in 0..100",
		                 (double)o->quality);
	if (!(o->alpha_quality >= 0 && o->alpha_quality <= 100))
		return stk__fail(err, STK_ERR_INVALID_ARG, "alpha quality %g is not in 0..100",
		                 (double)o->alpha_quality);
	if (o->method < 0 || o->method > 6)
		return stk__fail(err, STK_ERR_INVALID_ARG, "method %d is not in 0..6", o->method);
	if (o->max_colors < 2 || o->max_colors > 256)
		return stk__fail(err, STK_ERR_INVALID_ARG, "colours %d is not in 2..256",
		                 o->max_colors);
	return STK_OK;
}

stk_status stk_image_encode(const stk_image *img, const stk_encode_options *opt,
                            stk_buf *out, stk_error *err)
{
	stk_encode_options defaults;
	if (!opt) {
		stk_encode_options_init(&defaults);
		opt = &defaults;
	}
	out->data = NULL;
	out->len = 0;
	STK_TRY(check_options(img, opt, err));
	switch (opt->format) {
	case STK_FORMAT_PNG:
	case STK_FORMAT_APNG:
		return stk__png_encode(img, opt, out, err);
	case STK_FORMAT_GIF:
		return stk__gif_encode(img, opt, out, err);
	case STK_FORMAT_WEBP:
		return stk__webp_encode(img, opt, out, err);
	case STK_FORMAT_WEBM:
		return stk__webm_encode(img, opt, out, err);
	default:
		break;
	}
	return stk__fail(err, STK_ERR_INVALID_ARG, "cannot write %s files",
	                 stk_format_name(opt->format));
}
