/* init.c - `stickerkit init`: a new pack project, optionally adopting a
 * folder of art; see stickerkit-init(1). */
#include <stdio.h>
#include <string.h>
#include "cmd.h"

struct args {
	const char *name, *from;
};

static const char *const usage[] = {
	"stickerkit init [DIR] [--name N] [--from FOLDER]",
	NULL,
};

static const struct cli_opt opts[] = {
	{ .name = "name", .type = CLI_STRING, .arg = "N",
	  .field = offsetof(struct args, name),
	  .help = "the pack's name (default: the folder's name)" },
	{ .name = "from", .letter = 'f', .type = CLI_FILE, .arg = "FOLDER",
	  .field = offsetof(struct args, from),
	  .help = "adopt this folder's art: one sticker per image or frames folder, in name "
	  "order, emojis guessed from the names" },
	{ NULL },
};

static int run(int argc, char **argv);

const struct cli_cmd cli_init = {
	.name = "init", .summary = "start a pack project: stickerpack.json, art/ and a README",
	.usage = usage, .opts = opts, .flags = CLI_TAKES_FILES, .run = run,
};

static int run(int argc, char **argv)
{
	struct args a = { 0 };
	int first, status = cli_parse(&cli_init, argc, argv, &a, &first);
	if (status != EXIT_OK)
		return status == CLI_HELP ? EXIT_OK : status;
	if (argc - first > 1)
		return cli_usage_error(&cli_init, "one folder at a time");
	const char *dir = first < argc ? argv[first] : ".";
	if (a.name && !*a.name)
		return cli_usage_error(&cli_init, "--name is empty");
	stk_error err;
	stk_error_init(&err);
	size_t n = 0;
	if (stk_project_init(dir, a.name, a.from, &n, &err) != STK_OK)
		return cli_report(&cli_init, &err);
	if (cli_verbosity < 0)
		return EXIT_OK;
	printf("made a pack project in %s: %s, art/README.md", dir, STK_MANIFEST_NAME);
	if (a.from)
		printf(", %zu sticker%s from %s", n, n == 1 ? "" : "s", a.from);
	printf("\nnext: fill in the publisher and each sticker's emojis, then run "
	       "'stickerkit build%s%s'\n", strcmp(dir, ".") ? " -C " : "", strcmp(dir, ".") ? dir : "");
	return EXIT_OK;
}
