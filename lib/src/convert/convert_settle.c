/* convert_settle.c - what a caller asked for, settled over a profile's
 * settings, and the checks of the output's name: the option policy the
 * CLI's convert and the coming `build` share (stk/convert.h). */
#include <stdio.h>
#include <string.h>
#include "convert_internal.h"

void stk_convert_request_init(stk_convert_request *r)
{
	memset(r, 0, sizeof *r);
	r->quality = r->min_quality = -1;
	r->stabilise = -1;
	r->duration_policy = -1;
	r->all_keyframes = -1;
	r->frame_timing = -1;
}

static bool sets_canvas_size(const char *name)
{
	return !strcmp(name, "size") || !strcmp(name, "max-size") || !strcmp(name, "side");
}

/* Whether a file named for format `ext` may hold `f` (.png holds APNG). */
static bool same_format(stk_format ext, stk_format f)
{
	bool png = ext == STK_FORMAT_PNG || ext == STK_FORMAT_APNG;
	return ext == f || (png && (f == STK_FORMAT_PNG || f == STK_FORMAT_APNG));
}

static bool several(uint32_t formats)
{
	return formats & (formats - 1);
}

/* "png, webp" from a kind's bits (its one format when there are none). */
static void format_list(uint32_t formats, stk_format one, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	if (!formats)
		formats = 1u << one;
	for (int f = 0; f < 32 && n < size; f++)
		if (formats & 1u << f)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
			                      stk_format_name((stk_format)f));
}

/* "webp", or "png, webp stills and apng animations". */
static const char *profile_formats(const stk_convert_options *o, char *buf, size_t size)
{
	char s[64], a[64];
	format_list(o->still_formats, o->still_format, s, sizeof s);
	format_list(o->anim_formats, o->anim_format, a, sizeof a);
	if (o->no_anim || o->no_still || !strcmp(s, a))
		snprintf(buf, size, "%s", o->no_still ? a : s);
	else
		snprintf(buf, size, "%s stills and %s animations", s, a);
	return buf;
}

static stk_format output_ext(const char *output)
{
	return strcmp(output, "-") ? stk_format_from_path(output) : STK_FORMAT_UNKNOWN;
}

/* The output's extension must agree with the format chosen, and the
 * output must not be the input. */
static stk_status check_output(stk_convert_options *o, const stk_convert_request *r,
                               stk_error *err)
{
	if (!r->output)
		return STK_OK;
	if (stk_same_file(r->input, r->output))
		return stk__fail(err, STK_ERR_INVALID_ARG, "'%s' is the input: refusing to write "
		                 "over it (name another output)", r->output);
	stk_format ext = output_ext(r->output);
	if (!r->profile) {
		if (ext == STK_FORMAT_UNKNOWN && strcmp(r->output, "-") != 0)
			return stk__fail(err, STK_ERR_INVALID_ARG, "cannot tell the format of '%s' "
			                 "(use .webp, .png, .apng or .gif, or --profile)", r->output);
		if (ext == STK_FORMAT_TGS)
			return stk__fail(err, STK_ERR_INVALID_ARG, "TGS is only kept as it is, with a "
			                 "profile that takes it (--profile telegram)");
		o->format = ext == STK_FORMAT_UNKNOWN ? STK_FORMAT_WEBP : ext;
		return STK_OK;
	}
	if (ext == STK_FORMAT_UNKNOWN) {
		/* no choice of the name's: the best of what the store takes */
		o->choose_format = several(o->still_formats) || several(o->anim_formats);
		return STK_OK;
	}
	if (ext == STK_FORMAT_WEBM)
		o->keep_tgs = false; /* a WEBM asked for: a TGS is rendered too */
	if (ext == STK_FORMAT_TGS && o->keep_tgs)
		return STK_OK;
	/* the name's format, for each kind that takes it */
	stk_format still = ext == STK_FORMAT_APNG ? STK_FORMAT_PNG : ext;
	stk_format anim = ext == STK_FORMAT_PNG ? STK_FORMAT_APNG : ext;
	if (!o->no_still && (o->still_formats & 1u << still))
		o->still_format = still;
	if (!o->no_anim && (o->anim_formats & 1u << anim))
		o->anim_format = anim;
	if (!(!o->no_still && same_format(ext, o->still_format)) &&
	    !(!o->no_anim && same_format(ext, o->anim_format))) {
		char what[160];
		return stk__fail(err, STK_ERR_INVALID_ARG, "--profile %s writes %s, not %s ('%s')",
		                 r->profile, profile_formats(o, what, sizeof what),
		                 stk_format_name(ext), r->output);
	}
	return STK_OK;
}

stk_status stk_convert_check_written(const stk_convert_request *r, stk_format written,
                                     stk_error *err)
{
	stk_format ext = r->output ? output_ext(r->output) : STK_FORMAT_UNKNOWN;
	if (!r->profile || ext == STK_FORMAT_UNKNOWN || same_format(ext, written))
		return STK_OK;
	return stk__fail(err, STK_ERR_INVALID_ARG, "--profile %s writes %s for this input, not "
	                 "%s ('%s')", r->profile, stk_format_name(written),
	                 stk_format_name(ext), r->output);
}

static stk_status apply_resize(stk_convert_options *o, const stk_convert_request *r,
                               stk_error *err)
{
	if (!r->nresize)
		return STK_OK;
	o->fit = true;
	for (size_t i = 0; i < r->nresize; i++) {
		stk_status s = stk_resize_option_set(&o->resize, r->resize_name[i],
		                                     r->resize_value[i], err);
		if (s != STK_OK)
			return s == STK_ERR_INVALID_ARG ? s : stk__fail(err, STK_ERR_INVALID_ARG,
			                                                "%s", err->msg);
		if (sets_canvas_size(r->resize_name[i]))
			o->anim_width = 0; /* one canvas, the one asked for */
		if (!strcmp(r->resize_name[i], "filter"))
			o->auto_pixel = false; /* the filter asked for, whatever the art */
	}
	return STK_OK;
}

/* The budget asked for, at most the store's (0 = none). */
static uint64_t capped(uint64_t asked, uint64_t store)
{
	return store && asked > store ? store : asked;
}

stk_status stk_convert_settle(stk_convert_options *o, const stk_profile *p,
                              const stk_convert_request *r, stk_error *err)
{
	stk_status s;
	if (p && (s = stk_convert_options_profile(o, p, err)) != STK_OK)
		return s;
	if ((s = apply_resize(o, r, err)) != STK_OK)
		return s;
	if (r->max_bytes) {
		/* a budget of one's own may be lower than the store's, never
		 * higher: what is written must pass validate with the profile */
		o->max_bytes = capped(r->max_bytes, p ? o->max_bytes : 0);
		o->max_bytes_anim = capped(r->max_bytes, p ? (o->max_bytes_anim ? o->max_bytes_anim
		                                                                : o->max_bytes) : 0);
	}
	if (r->max_duration_ms)
		o->max_duration_ms = r->max_duration_ms;
	if (r->quality >= 0)
		o->quality = (float)r->quality;
	if (r->min_quality >= 0)
		o->min_quality = (float)r->min_quality;
	if (o->min_quality > o->quality)
		return stk__fail(err, STK_ERR_INVALID_ARG, "--min-quality %g is above the quality "
		                 "ceiling %g", (double)o->min_quality, (double)o->quality);
	if (r->max_fps > 0)
		o->max_fps = r->max_fps;
	if (r->min_fps > 0)
		o->min_fps = r->min_fps;
	if (r->duration_policy >= 0)
		o->duration_policy = (stk_duration_policy)r->duration_policy;
	o->min_ssim = r->min_ssim;
	if (r->stabilise >= 0)
		o->stabilise = r->stabilise;
	if (r->colors)
		o->max_colors = r->colors;
	o->allow_lossless = !r->lossy;
	o->allow_alpha_fallback = !r->no_alpha_fallback;
	if (r->all_keyframes >= 0)
		o->all_keyframes = r->all_keyframes != 0;
	if (r->frame_timing >= 0)
		o->frame_timing = (stk_frame_timing)r->frame_timing;
	o->strip_metadata = r->strip;
	if (r->whatsapp) {
		if (r->strip)
			return stk__fail(err, STK_ERR_INVALID_ARG, "--strip and WhatsApp metadata "
			                 "together");
		o->whatsapp = r->whatsapp;
	}
	return check_output(o, r, err);
}
