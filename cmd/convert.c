/* convert.c - `stickerkit convert`: a sticker file under a store's byte
 * budget, with the store's settings from its profile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"

#define MAX_EMOJIS 16

enum {
	OPT_OUTPUT = 'o',
	OPT_QUALITY = 'q',
	OPT_PROFILE = 'p',
	OPT_CONV_FIRST = 3000,
	OPT_MAX_BYTES = OPT_CONV_FIRST,
	OPT_OUT_FPS,
	OPT_POLICY,
	OPT_EMOJI,
	OPT_PACK_ID,
	OPT_PACK_NAME,
	OPT_PUBLISHER,
	OPT_REPORT,
	OPT_MIN_SSIM,
	OPT_MIN_QUALITY,
	OPT_ALL_KEYFRAMES,
	OPT_NO_ALL_KEYFRAMES,
	OPT_FRAME_STEP,
	OPT_CONSTANT,
	OPT_KEEP_DURATIONS,
	OPT_LOSSY,
	OPT_NO_ALPHA_FALLBACK,
	OPT_STABILISE,
	OPT_STRIP,
	OPT_COLORS,
	OPT_QUIET,
	OPT_FOLDER_FPS,
	OPT_MIN_FPS,
};

static const char *const usage[] = {
	"stickerkit convert [--profile NAME|FILE] [--max-bytes N] [-q Q] [--fps N]",
	"                   [--duration-policy fail|speedup|trim|drop-frames] [--emoji E]...",
	"                   [--pack-id ID --pack-name N --publisher P] [--min-ssim X]",
	"                   [--report FILE.json] [RESIZE OPTIONS] IN -o OUT",
	NULL,
};

static const struct cli_opt opts[] = {
	{ "output", OPT_OUTPUT, 1, "OUT", "write here ('-' for standard output); without a "
	  "profile the format follows the extension (.webp .png .apng .gif)" },
	{ "profile", OPT_PROFILE, 1, "NAME|FILE", "store profile whose sticker rules set canvas, "
	  "formats, budgets and timing: a name (whatsapp, signal, line, discord, kakaotalk, "
	  "wechat, imessage; telegram and viber: stills only) or a file" },
	{ "max-bytes", OPT_MAX_BYTES, 1, "N", "byte budget (overrides the profile's)" },
	{ "quality", OPT_QUALITY, 1, "Q", "lossy quality ceiling 0..100 (default 100)" },
	{ "min-quality", OPT_MIN_QUALITY, 1, "Q", "lowest lossy quality to search (default 0)" },
	{ "fps", OPT_OUT_FPS, 1, "N", "frame rate cap; frames are merged, the duration kept" },
	{ "min-fps", OPT_MIN_FPS, 1, "N", "lowest frame rate the search may go to (default 4)" },
	{ "duration-policy", OPT_POLICY, 1, "P", "too long for the store: fail (default), "
	  "speedup, trim or drop-frames" },
	{ "emoji", OPT_EMOJI, 1, "E", "WhatsApp metadata: an emoji (repeat for more)" },
	{ "pack-id", OPT_PACK_ID, 1, "ID", "WhatsApp metadata: pack id (default: from the "
	  "pack name)" },
	{ "pack-name", OPT_PACK_NAME, 1, "N", "WhatsApp metadata: pack name" },
	{ "publisher", OPT_PUBLISHER, 1, "P", "WhatsApp metadata: publisher" },
	{ "strip", OPT_STRIP, 0, NULL, "write no metadata (a source's WhatsApp EXIF is "
	  "kept otherwise)" },
	{ "min-ssim", OPT_MIN_SSIM, 1, "X", "fail when the result's SSIM is below X" },
	{ "report", OPT_REPORT, 1, "FILE", "write the report as JSON to FILE" },
	{ "quiet", OPT_QUIET, 0, NULL, "no report on standard error" },
	{ "lossy", OPT_LOSSY, 0, NULL, "do not try lossless WebP first" },
	{ "no-alpha-fallback", OPT_NO_ALPHA_FALLBACK, 0, NULL, "never lower the alpha "
	  "plane's quality to fit" },
	{ "all-keyframes", OPT_ALL_KEYFRAMES, 0, NULL, "animated WebP: every frame a "
	  "keyframe (the whatsapp profile's default)" },
	{ "no-all-keyframes", OPT_NO_ALL_KEYFRAMES, 0, NULL, "animated WebP: keyframes "
	  "only where the encoder wants them, even if the profile asks for all" },
	{ "frame-step", OPT_FRAME_STEP, 0, NULL, "one constant frame rate, a hold as one "
	  "frame lasting whole steps (the whatsapp profile's default)" },
	{ "constant-frame-duration", OPT_CONSTANT, 0, NULL, "one duration for every frame, "
	  "holds as repeated frames" },
	{ "keep-frame-durations", OPT_KEEP_DURATIONS, 0, NULL, "keep the source's varying "
	  "frame durations" },
	{ "stabilise", OPT_STABILISE, 1, "N", "temporal-noise threshold in levels (default "
	  "3, 0 = off)" },
	{ "colors", OPT_COLORS, 1, "N", "PNG/APNG/GIF: most palette colours (default 256)" },
	{ "size", OPT_SIZE, 1, "WxH", "canvas exactly W x H (default: the profile's, or "
	  "the source's size)" },
	CLI_RESIZE_OPTS,
	{ "folder-fps", OPT_FOLDER_FPS, 1, "N", "frame rate of a folder of frames without "
	  "timing.json (default 24)" },
	{ "max-pixels", OPT_MAX_PIXELS, 1, "N", "refuse frames over N pixels" },
	{ "max-frames", OPT_MAX_FRAMES, 1, "N", "refuse animations over N frames" },
	{ "max-memory", OPT_MAX_MEMORY, 1, "MIB", "refuse decoding over MIB MiB of frames" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_cmd cli_convert = {
	"convert", "encode a sticker under a store's byte budget at the best quality that fits",
	usage, opts,
};

struct args {
	stk_convert_options opt;
	stk_decode_options dopt;
	stk_wa_metadata wa;
	const char *emojis[MAX_EMOJIS];
	bool want_wa;
	bool resized;               /* a resize option was given */
	const char *profile, *output, *report, *input;
	bool quiet;
	/* explicit values, applied over the profile's */
	uint64_t max_bytes;
	double quality, min_quality, fps, min_fps, min_ssim;
	int stabilise, colors;
	bool have_policy;
	stk_duration_policy policy;
	bool lossy, no_alpha, all_keyframes, no_all_keyframes, strip;
	int timing_flags;          /* how many of the frame timing options */
	stk_frame_timing timing;
	stk_resize_options ropt;
	const char *resize_name[16], *resize_value[16];
	int nresize;
};

static int number(const char *name, const char *arg, double min, double max, double *out)
{
	return cli_parse_double(&cli_convert, name, arg, min, max, out) ? EXIT_OK : EXIT_USAGE;
}

/* Options that set one value in args; EXIT_OK, EXIT_USAGE, or -1 when key
 * is not one of them. */
static int value_option(struct args *a, int key, const char *arg)
{
	uint64_t v;
	double d;
	switch (key) {
	case OPT_MAX_BYTES:
		if (!cli_parse_u64(&cli_convert, "max-bytes", arg, 1, UINT32_MAX, &v))
			return EXIT_USAGE;
		a->max_bytes = v;
		return EXIT_OK;
	case OPT_QUALITY: return number("quality", arg, 0, 100, &a->quality);
	case OPT_MIN_QUALITY: return number("min-quality", arg, 0, 100, &a->min_quality);
	case OPT_OUT_FPS: return number("fps", arg, 0.1, 1000, &a->fps);
	case OPT_MIN_FPS: return number("min-fps", arg, 0.1, 1000, &a->min_fps);
	case OPT_MIN_SSIM: return number("min-ssim", arg, 0, 1, &a->min_ssim);
	case OPT_STABILISE:
		if (number("stabilise", arg, 0, 64, &d) != EXIT_OK)
			return EXIT_USAGE;
		a->stabilise = (int)d;
		return EXIT_OK;
	case OPT_COLORS:
		if (!cli_parse_u64(&cli_convert, "colors", arg, 2, 256, &v))
			return EXIT_USAGE;
		a->colors = (int)v;
		return EXIT_OK;
	case OPT_FOLDER_FPS: return number("folder-fps", arg, 0.01, 1000, &a->dopt.folder_fps);
	case OPT_POLICY:
		if (!stk_duration_policy_parse(arg, &a->policy))
			return cli_usage_error(&cli_convert, "--duration-policy wants fail, speedup, "
			                       "trim or drop-frames, not '%s'", arg);
		a->have_policy = true;
		return EXIT_OK;
	}
	return -1;
}

static int wa_option(struct args *a, int key, const char *arg)
{
	switch (key) {
	case OPT_EMOJI:
		if (a->wa.n_emojis == MAX_EMOJIS)
			return cli_usage_error(&cli_convert, "at most %d --emoji", MAX_EMOJIS);
		a->emojis[a->wa.n_emojis++] = arg;
		break;
	case OPT_PACK_ID: a->wa.pack_id = arg; break;
	case OPT_PACK_NAME: a->wa.pack_name = arg; break;
	case OPT_PUBLISHER: a->wa.publisher = arg; break;
	default: return -1;
	}
	a->want_wa = true;
	return EXIT_OK;
}

static int flag_option(struct args *a, int key, const char *arg)
{
	switch (key) {
	case OPT_OUTPUT: a->output = arg; break;
	case OPT_PROFILE: a->profile = arg; break;
	case OPT_REPORT: a->report = arg; break;
	case OPT_QUIET: a->quiet = true; break;
	case OPT_LOSSY: a->lossy = true; break;
	case OPT_NO_ALPHA_FALLBACK: a->no_alpha = true; break;
	case OPT_ALL_KEYFRAMES: a->all_keyframes = true; break;
	case OPT_NO_ALL_KEYFRAMES: a->no_all_keyframes = true; break;
	case OPT_FRAME_STEP: a->timing = STK_FRAME_TIMING_STEP; a->timing_flags++; break;
	case OPT_CONSTANT: a->timing = STK_FRAME_TIMING_CONSTANT; a->timing_flags++; break;
	case OPT_KEEP_DURATIONS: a->timing = STK_FRAME_TIMING_SOURCE; a->timing_flags++; break;
	case OPT_STRIP: a->strip = true; break;
	default: return -1;
	}
	return EXIT_OK;
}

/* Resize options are checked now, applied after the profile's canvas. */
static int resize_option(struct args *a, int key, const char *arg)
{
	stk_error err;
	stk_error_init(&err);
	const char *name = cli_opt_name(&cli_convert, key);
	if (stk_resize_option_set(&a->ropt, name, arg ? arg : "", &err) != STK_OK)
		return cli_usage_error(&cli_convert, "%s", err.msg);
	if (a->nresize == 16)
		return cli_usage_error(&cli_convert, "too many resize options");
	a->resize_name[a->nresize] = name;
	a->resize_value[a->nresize++] = arg ? arg : "";
	a->resized = true;
	return EXIT_OK;
}

static int parse(struct args *a, int argc, char **argv)
{
	int c, status = EXIT_OK;
	while ((c = cli_next(&cli_convert, argc, argv)) != -1) {
		if (c == 'h')
			return -1;
		if (c == '?')
			return EXIT_USAGE;
		if (cli_is_resize_option(c))
			status = resize_option(a, c, cli_optarg);
		else if ((status = value_option(a, c, cli_optarg)) < 0 &&
		         (status = wa_option(a, c, cli_optarg)) < 0 &&
		         (status = flag_option(a, c, cli_optarg)) < 0 &&
		         !cli_decode_option(&cli_convert, c, cli_optarg, &a->dopt, &status))
			status = EXIT_USAGE;
		if (status != EXIT_OK)
			return status;
	}
	int noperands = argc - cli_optind;
	if (noperands != 1)
		return cli_usage_error(&cli_convert, noperands ? "one input at a time"
		                       : "no input given");
	if (!a->output)
		return cli_usage_error(&cli_convert, "no output given (-o OUT)");
	a->input = argv[cli_optind];
	return EXIT_OK;
}

/* Whether a file named for format `ext` may hold `f` (.png holds APNG). */
static bool same_format(stk_format ext, stk_format f)
{
	bool png = ext == STK_FORMAT_PNG || ext == STK_FORMAT_APNG;
	return ext == f || (png && (f == STK_FORMAT_PNG || f == STK_FORMAT_APNG));
}

/* "webp", or "png stills and apng animations". */
static const char *profile_formats(const stk_convert_options *o, char *buf, size_t size)
{
	if (o->no_anim || o->no_still || o->still_format == o->anim_format)
		snprintf(buf, size, "%s", stk_format_name(o->format));
	else
		snprintf(buf, size, "%s stills and %s animations", stk_format_name(o->still_format),
		         stk_format_name(o->anim_format));
	return buf;
}

/* The output's extension must agree with the format chosen. */
static int check_output(struct args *a)
{
	stk_format ext = strcmp(a->output, "-") ? stk_format_from_path(a->output)
	                                        : STK_FORMAT_UNKNOWN;
	stk_convert_options *o = &a->opt;
	if (!a->profile) {
		if (ext == STK_FORMAT_UNKNOWN && strcmp(a->output, "-") != 0)
			return cli_usage_error(&cli_convert, "cannot tell the format of '%s' (use "
			                       ".webp, .png, .apng or .gif, or --profile)", a->output);
		o->format = ext == STK_FORMAT_UNKNOWN ? STK_FORMAT_WEBP : ext;
		return EXIT_OK;
	}
	if (ext == STK_FORMAT_UNKNOWN)
		return EXIT_OK;
	if (!(!o->no_still && same_format(ext, o->still_format)) &&
	    !(!o->no_anim && same_format(ext, o->anim_format))) {
		char what[64];
		return cli_usage_error(&cli_convert, "--profile %s writes %s, not %s ('%s')",
		                       a->profile, profile_formats(o, what, sizeof what),
		                       stk_format_name(ext), a->output);
	}
	return EXIT_OK;
}

/* The profile's settings, found as validate finds profiles.  A name that
 * is not there, or a profile convert cannot use, is a usage error; a
 * profile file that cannot be read is bad input. */
static int apply_profile(struct args *a)
{
	const char *dirs[4];
	stk_profile *p = NULL;
	stk_error err;
	stk_error_init(&err);
	cli_profile_dirs(dirs);
	if (stk_profile_open(a->profile, dirs, &p, &err) != STK_OK)
		return err.code == STK_ERR_PROFILE && !err.file[0]
		       ? cli_usage_error(&cli_convert, "--profile: %s", err.msg)
		       : cli_report(&cli_convert, &err);
	stk_status s = stk_convert_options_profile(&a->opt, p, &err);
	stk_profile_free(p);
	return s == STK_OK ? EXIT_OK : cli_usage_error(&cli_convert, "--profile: %s", err.msg);
}

static bool sets_canvas_size(const char *name)
{
	return !strcmp(name, "size") || !strcmp(name, "max-size") || !strcmp(name, "side");
}

static int settle_options(struct args *a)
{
	stk_convert_options *o = &a->opt;
	stk_error err;
	stk_error_init(&err);
	int status;
	if (a->profile && (status = apply_profile(a)) != EXIT_OK)
		return status;
	if (a->resized) {
		o->fit = true;
		for (int i = 0; i < a->nresize; i++) {
			if (stk_resize_option_set(&o->resize, a->resize_name[i], a->resize_value[i],
			                          &err) != STK_OK)
				return cli_usage_error(&cli_convert, "%s", err.msg);
			if (sets_canvas_size(a->resize_name[i]))
				o->anim_width = 0; /* one canvas, the one asked for */
		}
	}
	if (a->max_bytes)
		o->max_bytes = o->max_bytes_anim = a->max_bytes;
	if (a->quality >= 0)
		o->quality = (float)a->quality;
	if (a->min_quality >= 0)
		o->min_quality = (float)a->min_quality;
	if (o->min_quality > o->quality)
		return cli_usage_error(&cli_convert, "--min-quality %g is above the quality "
		                       "ceiling %g", (double)o->min_quality, (double)o->quality);
	if (a->fps > 0)
		o->max_fps = a->fps;
	if (a->min_fps > 0)
		o->min_fps = a->min_fps;
	if (a->have_policy)
		o->duration_policy = a->policy;
	o->min_ssim = a->min_ssim;
	if (a->stabilise >= 0)
		o->stabilise = a->stabilise;
	if (a->colors)
		o->max_colors = a->colors;
	o->allow_lossless = !a->lossy;
	o->allow_alpha_fallback = !a->no_alpha;
	if (a->all_keyframes && a->no_all_keyframes)
		return cli_usage_error(&cli_convert, "--all-keyframes and --no-all-keyframes "
		                       "together");
	if (a->all_keyframes || a->no_all_keyframes)
		o->all_keyframes = a->all_keyframes;
	if (a->timing_flags > 1)
		return cli_usage_error(&cli_convert, "--frame-step, --constant-frame-duration and "
		                       "--keep-frame-durations: give one");
	if (a->timing_flags)
		o->frame_timing = a->timing;
	o->strip_metadata = a->strip;
	if (a->want_wa) {
		if (a->strip)
			return cli_usage_error(&cli_convert, "--strip and WhatsApp metadata together");
		a->wa.emojis = a->emojis;
		o->whatsapp = &a->wa;
	}
	return check_output(a);
}

static int write_report(struct args *a, const stk_convert_report *rep)
{
	stk_buf json = { 0 };
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_convert_report_json(rep, a->input, a->output, &json, &err);
	if (s == STK_OK) {
		char *text = malloc(json.len + 2);
		if (!text) {
			stk_buf_release(&json);
			fprintf(stderr, "stickerkit convert: out of memory\n");
			return EXIT_INTERNAL;
		}
		memcpy(text, json.data, json.len);
		text[json.len] = '\n';
		s = stk_write_file_atomic(a->report, text, json.len + 1, &err);
		free(text);
	}
	stk_buf_release(&json);
	return s == STK_OK ? EXIT_OK : cli_report(&cli_convert, &err);
}

static void print_report(const struct args *a, const stk_convert_report *rep)
{
	stk_buf text = { 0 };
	if (a->quiet || stk_convert_report_text(rep, a->input, &text, NULL) != STK_OK)
		return;
	fprintf(stderr, "%.*s\n", (int)text.len, (const char *)text.data);
	stk_buf_release(&text);
}

/* A store with one format for stills and another for animations: the
 * output's name must fit the one written (a WebP is not named .png). */
static bool output_fits(const struct args *a, stk_format written)
{
	stk_format ext = strcmp(a->output, "-") ? stk_format_from_path(a->output)
	                                        : STK_FORMAT_UNKNOWN;
	return !a->profile || ext == STK_FORMAT_UNKNOWN || same_format(ext, written);
}

static int run(struct args *a)
{
	stk_convert_report rep;
	stk_buf out = { 0 };
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_convert_file(a->input, &a->dopt, &a->opt, &out, &rep, &err);
	if (s == STK_OK && !output_fits(a, rep.format)) {
		stk_buf_release(&out);
		return cli_usage_error(&cli_convert, "--profile %s writes %s for this input, not "
		                       "%s ('%s')", a->profile, stk_format_name(rep.format),
		                       stk_format_name(stk_format_from_path(a->output)), a->output);
	}
	if (s == STK_OK)
		s = stk_write_file_atomic(a->output, out.data, out.len, &err);
	stk_buf_release(&out);
	int status = EXIT_OK;
	if (s == STK_OK)
		print_report(a, &rep);
	else
		status = cli_report(&cli_convert, &err);
	if (a->report && (s == STK_OK || s == STK_ERR_BUDGET)) {
		int r = write_report(a, &rep);
		if (status == EXIT_OK)
			status = r;
	}
	return status;
}

int cmd_convert(int argc, char **argv)
{
	struct args a;
	memset(&a, 0, sizeof a);
	stk_convert_options_init(&a.opt);
	stk_decode_options_init(&a.dopt);
	stk_resize_options_init(&a.ropt);
	a.quality = a.min_quality = -1;
	a.stabilise = -1;
	int status = parse(&a, argc, argv);
	if (status < 0)
		return EXIT_OK; /* --help */
	if (status == EXIT_OK)
		status = settle_options(&a);
	if (status == EXIT_OK)
		status = run(&a);
	return status;
}
