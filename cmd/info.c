/* info.c - `stickerkit info`: what a file really is. */
#include <stdio.h>
#include "cmd.h"

enum { OPT_JSON = 'j' };

static const char *const usage[] = {
	"stickerkit info [--json] [--fps N] [--max-pixels N] FILE|FOLDER...",
	NULL,
};

static const struct cli_opt opts[] = {
	{ "json", OPT_JSON, 0, NULL, "print JSON: one object, or an array for several files" },
	CLI_DECODE_OPTS,
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_cmd cli_info = {
	"info", "show format, size, frames, timing, alpha and metadata of images",
	usage, opts,
};

int cmd_info(int argc, char **argv)
{
	stk_decode_options dopt;
	bool json = false;
	int c, status = EXIT_OK;

	stk_decode_options_init(&dopt);
	while ((c = cli_next(&cli_info, argc, argv)) != -1) {
		if (c == 'h')
			return EXIT_OK;
		if (c == '?')
			return EXIT_USAGE;
		if (c == OPT_JSON)
			json = true;
		else if (cli_decode_option(&cli_info, c, cli_optarg, &dopt, &status)) {
			if (status != EXIT_OK)
				return status;
		}
	}
	int nfiles = argc - cli_optind;
	if (nfiles < 1)
		return cli_usage_error(&cli_info, "no file given");

	bool array = json && nfiles > 1;
	int printed = 0;
	if (array)
		printf("[\n");
	for (int i = cli_optind; i < argc; i++) {
		stk_image *img = NULL;
		stk_error err;
		stk_buf text = { 0 };
		stk_error_init(&err);
		stk_status s = stk_image_load(argv[i], &dopt, &img, &err);
		if (s == STK_OK)
			s = json ? stk_info_json(img, argv[i], &text, &err)
			         : stk_info_text(img, argv[i], &text, &err);
		if (s != STK_OK) {
			int e = cli_report(&cli_info, &err);
			if (e > status)
				status = e;
		} else {
			if (array && printed)
				printf(",\n");
			printf(json ? "%.*s" : "%.*s", (int)text.len, (const char *)text.data);
			if (!array)
				printf("\n");
			printed++;
		}
		stk_buf_release(&text);
		stk_image_free(img);
	}
	if (array)
		printf("\n]\n");
	return status;
}
