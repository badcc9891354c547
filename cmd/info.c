/* info.c - `stickerkit info`: what a file really is. */
#include <stdio.h>
#include "cmd.h"

struct args {
	bool json;
	struct cli_decode decode;
};

static const char *const usage[] = {
	"stickerkit info [--json] [--fps N] [--max-pixels N] FILE|FOLDER...",
	NULL,
};

static const struct cli_opt opts[] = {
	{ .name = "json", .letter = 'j', .type = CLI_FLAG, .field = offsetof(struct args, json),
	  .help = "print JSON: one object, or an array for several files" },
	CLI_DECODE_OPTS(struct args, decode),
	{ NULL },
};

static int run(int argc, char **argv);

const struct cli_cmd cli_info = {
	.name = "info",
	.summary = "show format, size, frames, timing, alpha and metadata of images",
	.usage = usage, .opts = opts, .flags = CLI_TAKES_FILES, .run = run,
};

static int run(int argc, char **argv)
{
	struct args a = { 0 };
	stk_decode_options dopt;
	int first, status = cli_parse(&cli_info, argc, argv, &a, &first);
	if (status != EXIT_OK)
		return status == CLI_HELP ? EXIT_OK : status;
	stk_decode_options_init(&dopt);
	cli_decode_apply(&a.decode, &dopt);
	int nfiles = argc - first;
	if (nfiles < 1)
		return cli_usage_error(&cli_info, "no file given");

	bool array = a.json && nfiles > 1;
	int printed = 0;
	if (array)
		printf("[\n");
	for (int i = first; i < argc; i++) {
		stk_image *img = NULL;
		stk_error err;
		stk_buf text = { 0 };
		stk_error_init(&err);
		stk_status s = stk_image_load_header(argv[i], &dopt, &img, &err);
		if (s == STK_OK)
			s = a.json ? stk_info_json(img, argv[i], &text, &err)
			           : stk_info_text(img, argv[i], &text, &err);
		if (s != STK_OK) {
			int e = cli_report(&cli_info, &err);
			if (e > status)
				status = e;
		} else {
			if (array && printed)
				printf(",\n");
			printf("%.*s", (int)text.len, (const char *)text.data);
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
