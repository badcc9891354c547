/* preview.c - `stickerkit preview`: contact sheets and a page of a pack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cmd.h"

enum {
	OPT_OUTPUT = 'o',
	OPT_TARGET = 't',
	OPT_QUIET = 'q',
	OPT_ICON = 1200,
	OPT_NAME,
	OPT_PUBLISHER,
	OPT_NO_ANIMATED,
	OPT_LIVE,
};

static const char *const usage[] = {
	"stickerkit preview [--target NAME|FILE] [-o OUT] [--icon FILE] [--name NAME] [--publisher NAME] [--live] FILE...",
	NULL,
};

static const struct cli_opt opts[] = {
	{ "target", OPT_TARGET, 1, "NAME|FILE", "store profile the stickers are for (default whatsapp)" },
	{ "output", OPT_OUTPUT, 1, "OUT", "folder for index.html and the sheets (default preview)" },
	{ "icon", OPT_ICON, 1, "FILE", "the tray, cover or tab icon, shown at its real size" },
	{ "name", OPT_NAME, 1, "NAME", "the pack's name on the page" },
	{ "publisher", OPT_PUBLISHER, 1, "NAME", "the pack's publisher on the page" },
	{ "no-animated-sheet", OPT_NO_ANIMATED, 0, NULL, "do not write sheet-TARGET.webp" },
	{ "live", OPT_LIVE, 0, NULL, "the page reloads itself when the preview is written again" },
	{ "quiet", OPT_QUIET, 0, NULL, "print nothing on success" },
	CLI_DECODE_OPTS,
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_cmd cli_preview = {
	"preview", "draw a pack on light and dark chats: contact sheets and a page",
	usage, opts,
};

struct args {
	const char *target, *out, *icon, *name, *publisher;
	bool quiet;
	stk_preview_options popt;
};

static int parse(int argc, char **argv, struct args *a)
{
	int c, status = EXIT_OK;
	while ((c = cli_next(&cli_preview, argc, argv)) != -1) {
		switch (c) {
		case 'h': return -1;
		case '?': return EXIT_USAGE;
		case OPT_TARGET: a->target = cli_optarg; break;
		case OPT_OUTPUT: a->out = cli_optarg; break;
		case OPT_ICON: a->icon = cli_optarg; break;
		case OPT_NAME: a->name = cli_optarg; break;
		case OPT_PUBLISHER: a->publisher = cli_optarg; break;
		case OPT_NO_ANIMATED: a->popt.no_animated_sheet = true; break;
		case OPT_LIVE: a->popt.live = true; break;
		case OPT_QUIET: a->quiet = true; break;
		default:
			if (cli_decode_option(&cli_preview, c, cli_optarg, &a->popt.decode, &status) &&
			    status != EXIT_OK)
				return status;
			break;
		}
	}
	return EXIT_OK;
}

/* Missing inputs stop the command before anything is written. */
static int check_exists(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0)
		return EXIT_OK;
	fprintf(stderr, "stickerkit preview: %s: no such file or folder\n", path);
	return EXIT_INPUT;
}

static int run(struct args *a, char **files, int nfiles)
{
	const char *dirs[4];
	stk_profile *p = NULL;
	stk_preview *pv = NULL;
	stk_error err;
	stk_error_init(&err);
	cli_profile_dirs(dirs);
	if (stk_profile_open(a->target, dirs, &p, &err) != STK_OK)
		return cli_report(&cli_preview, &err);
	stk_status s = stk_preview_new(a->name, a->publisher, &pv, &err);
	if (s == STK_OK)
		s = stk_preview_add_target(pv, p, a->icon, &err);
	for (int i = 0; s == STK_OK && i < nfiles; i++) {
		stk_preview_sticker st;
		stk_preview_sticker_init(&st);
		st.file = files[i];
		s = stk_preview_add_sticker(pv, &st, &err);
	}
	char stamp[17];
	if (s == STK_OK)
		s = stk_preview_write(pv, a->out, &a->popt, stamp, &err);
	int status = s == STK_OK ? EXIT_OK : cli_report(&cli_preview, &err);
	if (s == STK_OK && !a->quiet)
		printf("%s/index.html, %s/sheet-%s.png: %d stickers, build %s\n", a->out, a->out,
		       stk_profile_id(p), nfiles, stamp);
	stk_preview_free(pv);
	stk_profile_free(p);
	return status;
}

int cmd_preview(int argc, char **argv)
{
	struct args a = { .target = "whatsapp", .out = "preview" };
	stk_preview_options_init(&a.popt);
	int status = parse(argc, argv, &a);
	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	int nfiles = argc - cli_optind;
	if (nfiles < 1)
		return cli_usage_error(&cli_preview, "no sticker file given");
	for (int i = cli_optind; i < argc; i++)
		if ((status = check_exists(argv[i])) != EXIT_OK)
			return status;
	if (a.icon && (status = check_exists(a.icon)) != EXIT_OK)
		return status;
	return run(&a, argv + cli_optind, nfiles);
}
