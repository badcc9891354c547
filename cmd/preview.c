/* preview.c - `stickerkit preview`: contact sheets and a page of a pack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cmd.h"
#include "progress.h"

struct args {
	const char *dir, *target, *out, *icon, *name, *publisher;
	bool no_animated, live;
	struct cli_decode decode;
	stk_preview_options popt;
};

static const char *const usage[] = {
	"stickerkit preview -C DIR [--target NAME] [-o OUT] [--live]",
	"stickerkit preview [--target NAME|FILE] [-o OUT] [--icon FILE]",
	"                   [--name NAME] [--publisher NAME] [--live] FILE...",
	NULL,
};

#define F(m) .field = offsetof(struct args, m)
static const struct cli_opt opts[] = {
	{ .name = "directory", .letter = 'C', .type = CLI_FILE, .arg = "DIR", F(dir),
	  .help = "a pack project: build it (from the cache when nothing changed) and "
	  "preview every target (default OUT: DIR/dist/preview)" },
	{ .name = "target", .letter = 't', .type = CLI_PROFILE, .arg = "NAME|FILE", F(target),
	  .help = "store profile the stickers are for (default whatsapp)" },
	{ .name = "output", .letter = 'o', .type = CLI_FILE, .arg = "OUT", F(out),
	  .help = "folder for index.html and the sheets (default preview)" },
	{ .name = "icon", .type = CLI_FILE, .arg = "FILE", F(icon),
	  .help = "the tray, cover or tab icon, shown at its real size" },
	{ .name = "name", .type = CLI_STRING, .arg = "NAME", F(name),
	  .help = "the pack's name on the page" },
	{ .name = "publisher", .type = CLI_STRING, .arg = "NAME", F(publisher),
	  .help = "the pack's publisher on the page" },
	{ .name = "no-animated-sheet", .type = CLI_FLAG, F(no_animated),
	  .help = "do not write sheet-TARGET.webp" },
	{ .name = "live", .type = CLI_FLAG, F(live),
	  .help = "the page reloads itself when the preview is written again" },
	CLI_DECODE_OPTS(struct args, decode),
	{ NULL },
};
#undef F

static int run_preview(int argc, char **argv);

const struct cli_cmd cli_preview = {
	.name = "preview",
	.summary = "draw a pack on light and dark chats: contact sheets and a page",
	.usage = usage, .opts = opts, .flags = CLI_NEEDS_PROFILE | CLI_TAKES_FILES,
	.run = run_preview,
};

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
	stk_profile *p = NULL;
	stk_preview *pv = NULL;
	stk_error err;
	stk_error_init(&err);
	int status = cli_profile_open(&cli_preview, a->target, "--target", &p);
	if (status != EXIT_OK)
		return status;
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
	struct cli_progress line;
	cli_progress_begin(&line, "preview");
	a->popt.progress = cli_progress_hear;
	a->popt.progress_user = &line;
	if (s == STK_OK)
		s = stk_preview_write(pv, a->out, &a->popt, stamp, &err);
	cli_progress_end(&line);
	status = s == STK_OK ? EXIT_OK : cli_report(&cli_preview, &err);
	if (s == STK_OK && cli_verbosity >= 0)
		printf("%s/index.html, %s/sheet-%s.png: %d stickers, build %s\n", a->out, a->out,
		       stk_profile_id(p), nfiles, stamp);
	stk_preview_free(pv);
	stk_profile_free(p);
	return status;
}

/* -C DIR: what the build makes, every target (or --target) at once. */
static int run_project(struct args *a)
{
	stk_manifest *m = NULL;
	stk_build_result *r = NULL;
	stk_preview *pv = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_manifest_load(a->dir, &m, &err) != STK_OK)
		return cli_report(&cli_preview, &err);
	stk_build_options o;
	stk_build_options_init(&o);
	o.profile_dirs = cli_profile_dirs();
	o.decode = a->popt.decode;
	if (a->target) {
		o.targets = &a->target;
		o.n_targets = 1;
	}
	char stamp[17] = "", out[4096] = "";
	struct cli_progress line;
	cli_progress_begin(&line, "preview");
	o.progress = cli_progress_hear;
	o.progress_user = &line;
	a->popt.progress = cli_progress_hear;
	a->popt.progress_user = &line;
	stk_status s = stk_build(m, &o, &r, &err);
	if (s == STK_OK) {
		snprintf(out, sizeof out, a->out ? "%s" : "%s/preview",
		         a->out ? a->out : stk_build_outdir(r));
		s = stk_preview_new(NULL, NULL, &pv, &err);
	}
	if (s == STK_OK)
		s = stk_preview_add_build(pv, r, &err);
	if (s == STK_OK)
		s = stk_preview_write(pv, out, &a->popt, stamp, &err);
	cli_progress_end(&line);
	int status = s == STK_OK ? EXIT_OK : cli_report(&cli_preview, &err);
	if (s == STK_OK && cli_verbosity >= 0)
		printf("%s/index.html: %zu targets, build %s\n", out, stk_build_target_count(r), stamp);
	stk_preview_free(pv);
	stk_build_result_free(r);
	stk_manifest_free(m);
	return status;
}

static int run_preview(int argc, char **argv)
{
	struct args a = { 0 };
	int first, status = cli_parse(&cli_preview, argc, argv, &a, &first);
	if (status != EXIT_OK)
		return status == CLI_HELP ? EXIT_OK : status;
	stk_preview_options_init(&a.popt);
	cli_decode_apply(&a.decode, &a.popt.decode);
	a.popt.no_animated_sheet = a.no_animated;
	a.popt.live = a.live;
	int nfiles = argc - first;
	if (a.dir) {
		if (nfiles > 0 || a.icon)
			return cli_usage_error(&cli_preview, "-C DIR previews a project: no FILE "
			                       "or --icon with it");
		return run_project(&a);
	}
	if (!a.target)
		a.target = "whatsapp";
	if (!a.out)
		a.out = "preview";
	if (nfiles < 1)
		return cli_usage_error(&cli_preview, "no sticker file given");
	for (int i = first; i < argc; i++)
		if ((status = check_exists(argv[i])) != EXIT_OK)
			return status;
	if (a.icon && (status = check_exists(a.icon)) != EXIT_OK)
		return status;
	return run(&a, argv + first, nfiles);
}
