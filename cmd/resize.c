/* resize.c - `stickerkit resize`: fit artwork to a sticker canvas. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"

struct args {
	const char *output;
	bool no_clobber;
	struct cli_resize resize;
	struct cli_decode decode;
};

static const char *const usage[] = {
	"stickerkit resize [--size WxH | --max-size WxH | --side N] [--fit MODE]",
	"                  [--margin N[%]] [--gravity POS] [--trim] [--even]",
	"                  [--outline W[:C]] [--key C[:T]] [--background C]",
	"                  [--filter NAME] IN -o OUT",
	NULL,
};

static const struct cli_opt opts[] = {
	{ .name = "output", .letter = 'o', .type = CLI_FILE, .arg = "OUT",
	  .field = offsetof(struct args, output),
	  .help = "write here; the format follows the extension (.png .apng .webp .gif)" },
	{ .name = "no-clobber", .letter = 'n', .type = CLI_FLAG,
	  .field = offsetof(struct args, no_clobber),
	  .help = "never replace an existing OUT: leave it and say so" },
	{ .name = "size", .letter = 's', .type = CLI_CALL, .arg = "WxH", .takes_value = true,
	  .set = cli_resize_set, .field = offsetof(struct args, resize),
	  .help = "canvas exactly W x H (default 512x512)" },
	CLI_RESIZE_OPTS(struct args, resize),
	CLI_DECODE_OPTS(struct args, decode),
	{ NULL },
};

static int run(int argc, char **argv);

const struct cli_cmd cli_resize = {
	.name = "resize",
	.summary = "fit artwork to a sticker canvas: trim, margin, outline, key, resample",
	.usage = usage, .opts = opts, .flags = CLI_TAKES_FILES, .run = run,
};

static int write_image(const stk_image *img, const char *out, stk_format fmt, bool new_only)
{
	stk_encode_options eopt;
	stk_error err;
	stk_buf buf = { NULL, 0 };
	stk_error_init(&err);
	stk_encode_options_init(&eopt);
	eopt.format = fmt;
	stk_status s = stk_image_encode(img, &eopt, &buf, &err);
	if (s == STK_OK)
		s = new_only ? stk_write_file_new(out, buf.data, buf.len, &err)
		             : stk_write_file_atomic(out, buf.data, buf.len, &err);
	stk_buf_release(&buf);
	if (s != STK_OK) {
		if (!err.file[0])
			snprintf(err.file, sizeof err.file, "%s", out);
		return cli_report(&cli_resize, &err);
	}
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	struct args a;
	memset(&a, 0, sizeof a);
	stk_resize_options_init(&a.resize.opt);
	int first, status = cli_parse(&cli_resize, argc, argv, &a, &first);
	if (status != EXIT_OK)
		return status == CLI_HELP ? EXIT_OK : status;
	stk_decode_options dopt;
	stk_decode_options_init(&dopt);
	cli_decode_apply(&a.decode, &dopt);
	int operands = argc - first;
	if (operands != 1)
		return cli_usage_error(&cli_resize, operands ? "one input file at a time"
		                                             : "no input file given");
	if (!a.output)
		return cli_usage_error(&cli_resize, "no output file given (-o OUT)");
	const char *in = argv[first];
	stk_format fmt = stk_format_from_path(a.output);
	if (fmt == STK_FORMAT_UNKNOWN)
		return cli_usage_error(&cli_resize, "cannot tell the output format of '%s': use "
		                       ".png, .apng, .webp or .gif", a.output);

	if (stk_same_file(in, a.output))
		return cli_usage_error(&cli_resize, "'%s' is the input: refusing to write over it "
		                       "(name another output)", a.output);
	if (a.no_clobber && access(a.output, F_OK) == 0) {
		if (cli_verbosity >= 0)
			fprintf(stderr, "stickerkit resize: %s exists, left as it is (--no-clobber)\n",
			        a.output);
		return EXIT_OK;
	}

	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_load_resized(in, &dopt, &a.resize.opt, &img, &err) != STK_OK)
		return cli_report(&cli_resize, &err);
	status = write_image(img, a.output, fmt, a.no_clobber);
	stk_image_free(img);
	return status;
}
