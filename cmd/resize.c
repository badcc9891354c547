/* resize.c - `stickerkit resize`: fit artwork to a sticker canvas. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"

/* Resize options are spelled as the library's stk_resize_option_set()
 * words, so each row's long name is passed on as it is. */
enum {
	OPT_OUTPUT = 'o',
	OPT_SIZE = 's',
	OPT_RESIZE_FIRST = 2000,
	OPT_MAX_SIZE = OPT_RESIZE_FIRST,
	OPT_SIDE,
	OPT_FIT,
	OPT_MARGIN,
	OPT_GRAVITY,
	OPT_TRIM,
	OPT_TRIM_THRESHOLD,
	OPT_EVEN,
	OPT_NO_UPSCALE,
	OPT_OUTLINE,
	OPT_KEY,
	OPT_BACKGROUND,
	OPT_FILTER,
	OPT_RESIZE_LAST = OPT_FILTER,
};

static const char *const usage[] = {
	"stickerkit resize [--size WxH | --max-size WxH | --side N] [--fit MODE]",
	"                  [--margin N[%]] [--gravity POS] [--trim] [--even]",
	"                  [--outline W[:C]] [--key C[:T]] [--background C]",
	"                  [--filter NAME] IN -o OUT",
	NULL,
};

static const struct cli_opt opts[] = {
	{ "output", OPT_OUTPUT, 1, "OUT", "write here; the format follows the extension "
	  "(.png .apng .webp .gif)" },
	{ "size", OPT_SIZE, 1, "WxH", "canvas exactly W x H (default 512x512)" },
	{ "max-size", OPT_MAX_SIZE, 1, "WxH", "canvas as big as the fitted art, at most W x H" },
	{ "side", OPT_SIDE, 1, "N", "longer side exactly N, the other by aspect" },
	{ "fit", OPT_FIT, 1, "MODE", "contain (default), cover or fill, with --size" },
	{ "margin", OPT_MARGIN, 1, "N[%]", "empty border a side, in pixels or % of the "
	  "shorter side" },
	{ "gravity", OPT_GRAVITY, 1, "POS", "center (default), top, bottom, left, right, "
	  "top-left, ..." },
	{ "trim", OPT_TRIM, 0, NULL, "fit the art's alpha bounding box (all frames' union)" },
	{ "trim-threshold", OPT_TRIM_THRESHOLD, 1, "N", "alpha above N counts as art "
	  "(default 0; implies --trim)" },
	{ "even", OPT_EVEN, 0, NULL, "round computed sides down to even numbers" },
	{ "no-upscale", OPT_NO_UPSCALE, 0, NULL, "never enlarge the art" },
	{ "outline", OPT_OUTLINE, 1, "W[:C]", "die-cut stroke W pixels wide (default "
	  "colour white)" },
	{ "key", OPT_KEY, 1, "C[:T]", "make background colour C transparent from the "
	  "border (tolerance T, default 24)" },
	{ "background", OPT_BACKGROUND, 1, "C", "flatten onto colour C" },
	{ "filter", OPT_FILTER, 1, "NAME", "lanczos3 (default), mitchell, box or nearest" },
	CLI_DECODE_OPTS,
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_cmd cli_resize = {
	"resize", "fit artwork to a sticker canvas: trim, margin, outline, key, resample",
	usage, opts,
};

static const char *opt_name(int key)
{
	for (const struct cli_opt *o = opts; o->name; o++)
		if (o->key == key)
			return o->name;
	return "";
}

/* Options go to the library as they are; its message names the problem. */
static int resize_option(int key, const char *arg, stk_resize_options *ropt)
{
	stk_error err;
	stk_error_init(&err);
	if (stk_resize_option_set(ropt, opt_name(key), arg, &err) != STK_OK)
		return cli_usage_error(&cli_resize, "%s", err.msg);
	return EXIT_OK;
}

static int write_image(const stk_image *img, const char *out, stk_format fmt)
{
	stk_encode_options eopt;
	stk_error err;
	stk_buf buf = { NULL, 0 };
	stk_error_init(&err);
	stk_encode_options_init(&eopt);
	eopt.format = fmt;
	stk_status s = stk_image_encode(img, &eopt, &buf, &err);
	if (s == STK_OK)
		s = stk_write_file_atomic(out, buf.data, buf.len, &err);
	stk_buf_release(&buf);
	if (s != STK_OK) {
		if (!err.file[0])
			snprintf(err.file, sizeof err.file, "%s", out);
		return cli_report(&cli_resize, &err);
	}
	return EXIT_OK;
}

/* cli_next() stops at the first operand; the synopsis puts -o after IN,
 * so parsing resumes past each operand (getopt continues from optind). */
static int next_option(int argc, char **argv, const char **in, int *operands)
{
	for (;;) {
		int c = cli_next(&cli_resize, argc, argv);
		if (c != -1 || cli_optind >= argc)
			return c;
		if (strcmp(argv[cli_optind - 1], "--") == 0) {
			*operands += argc - cli_optind;
			*in = argv[cli_optind];
			return -1;
		}
		*in = argv[cli_optind];
		(*operands)++;
		optind = cli_optind + 1;
	}
}

int cmd_resize(int argc, char **argv)
{
	stk_decode_options dopt;
	stk_resize_options ropt;
	const char *in = NULL, *out = NULL;
	int c, operands = 0, status = EXIT_OK;

	stk_decode_options_init(&dopt);
	stk_resize_options_init(&ropt);
	while ((c = next_option(argc, argv, &in, &operands)) != -1) {
		if (c == 'h')
			return EXIT_OK;
		if (c == '?')
			return EXIT_USAGE;
		if (c == OPT_OUTPUT)
			out = cli_optarg;
		else if (c == OPT_SIZE || (c >= OPT_RESIZE_FIRST && c <= OPT_RESIZE_LAST))
			status = resize_option(c, cli_optarg, &ropt);
		else
			cli_decode_option(&cli_resize, c, cli_optarg, &dopt, &status);
		if (status != EXIT_OK)
			return status;
	}
	if (operands != 1)
		return cli_usage_error(&cli_resize, operands ? "one input file at a time"
		                                             : "no input file given");
	if (!out)
		return cli_usage_error(&cli_resize, "no output file given (-o OUT)");
	stk_format fmt = stk_format_from_path(out);
	if (fmt == STK_FORMAT_UNKNOWN)
		return cli_usage_error(&cli_resize, "cannot tell the output format of '%s': use "
		                       ".png, .apng, .webp or .gif", out);

	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_load_resized(in, &dopt, &ropt, &img, &err) != STK_OK)
		return cli_report(&cli_resize, &err);
	status = write_image(img, out, fmt);
	stk_image_free(img);
	return status;
}
