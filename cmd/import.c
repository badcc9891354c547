/* import.c - `stickerkit import`: an existing pack into a pack project. */
#include <stdio.h>
#include "cmd.h"

struct args {
	const char *output;
	uint64_t max_entries, max_entry_bytes, max_total_bytes, max_ratio;
};

static const char *const usage[] = {
	"stickerkit import [--max-entries N] [--max-entry-bytes N]",
	"                  [--max-total-bytes N] [--max-ratio N]",
	"                  FILE|FOLDER -o PACKDIR",
	NULL,
};

static const struct cli_opt opts[] = {
	{ .name = "output", .letter = 'o', .type = CLI_FILE, .arg = "PACKDIR",
	  .field = offsetof(struct args, output),
	  .help = "the new pack project (must not exist, or be empty)" },
	{ .name = "max-entries", .type = CLI_UINT, .arg = "N", .min = 1, .max = 1000000,
	  .field = offsetof(struct args, max_entries),
	  .help = "refuse an input of more than N files (default 1000)" },
	{ .name = "max-entry-bytes", .type = CLI_BYTES, .arg = "N", .min = 1, .max = 17179869184.0,
	  .field = offsetof(struct args, max_entry_bytes),
	  .help = "refuse a file over N bytes, inflated (default 16MiB)" },
	{ .name = "max-total-bytes", .type = CLI_BYTES, .arg = "N", .min = 1, .max = 68719476736.0,
	  .field = offsetof(struct args, max_total_bytes),
	  .help = "refuse an input over N bytes in all, inflated (default 256MiB)" },
	{ .name = "max-ratio", .type = CLI_UINT, .arg = "N", .min = 1, .max = 100000,
	  .field = offsetof(struct args, max_ratio),
	  .help = "refuse a ZIP that inflates more than N times its size (default 200)" },
	{ NULL },
};

static int run(int argc, char **argv);

const struct cli_cmd cli_import = {
	.name = "import",
	.summary = "turn a .wastickers, WhatsApp folder, Signal or Telegram ZIP into a pack project",
	.usage = usage, .opts = opts, .flags = CLI_TAKES_FILES, .run = run,
};

static int run(int argc, char **argv)
{
	struct args a = { 0 };
	int first, status = cli_parse(&cli_import, argc, argv, &a, &first);
	if (status != EXIT_OK)
		return status == CLI_HELP ? EXIT_OK : status;
	if (argc - first != 1)
		return cli_usage_error(&cli_import, argc - first ? "one input only" : "no input given");
	if (!a.output)
		return cli_usage_error(&cli_import, "no pack folder given (-o PACKDIR)");
	stk_import_options opt;
	stk_import_options_init(&opt);
	opt.max_entries = (uint32_t)a.max_entries;
	opt.max_entry_bytes = a.max_entry_bytes;
	opt.max_total_bytes = a.max_total_bytes;
	opt.max_ratio = (uint32_t)a.max_ratio;
	stk_import_summary sum;
	stk_error err;
	stk_error_init(&err);
	if (stk_import(argv[first], a.output, &opt, &sum, &err) != STK_OK)
		return cli_report(&cli_import, &err);
	if (cli_verbosity >= 0)
		printf("%s: %zu stickers (%zu with emojis) from a %s pack, \"%s\"\n", a.output,
		       sum.stickers, sum.with_emojis, sum.kind, sum.name);
	return EXIT_OK;
}
