/* resize.c - `stickerkit resize`: fit artwork to a sticker canvas. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"

enum { OPT_OUTPUT = 'o' };

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
	{ "size", 's', 1, "WxH", "canvas exactly W x H (default 512x512)" },
	CLI_RESIZE_OPTS,
	CLI_DECODE_OPTS,
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_cmd cli_resize = {
	"resize", "fit artwork to a sticker canvas: trim, margin, outline, key, resample",
	usage, opts,
};

/* Options go to the library as they are; its message names the problem. */
static int resize_option(int key, const char *arg, stk_resize_options *ropt)
{
	stk_error err;
	stk_error_init(&err);
	if (stk_resize_option_set(ropt, cli_opt_name(&cli_resize, key), arg, &err) != STK_OK)
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

int cmd_resize(int argc, char **argv)
{
	stk_decode_options dopt;
	stk_resize_options ropt;
	const char *in, *out = NULL;
	int c, status = EXIT_OK;

	stk_decode_options_init(&dopt);
	stk_resize_options_init(&ropt);
	while ((c = cli_next(&cli_resize, argc, argv)) != -1) {
		if (c == 'h')
			return EXIT_OK;
		if (c == '?')
			return EXIT_USAGE;
		if (c == OPT_OUTPUT)
			out = cli_optarg;
		else if (c == 's' || cli_is_resize_option(c))
			status = resize_option(c, cli_optarg, &ropt);
		else
			cli_decode_option(&cli_resize, c, cli_optarg, &dopt, &status);
		if (status != EXIT_OK)
			return status;
	}
	int operands = argc - cli_optind;
	if (operands != 1)
		return cli_usage_error(&cli_resize, operands ? "one input file at a time"
		                                             : "no input file given");
	if (!out)
		return cli_usage_error(&cli_resize, "no output file given (-o OUT)");
	in = argv[cli_optind];
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
