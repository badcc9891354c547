/* validate.c - `stickerkit validate`: check stickers and packs against a store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "progress.h"

static const char *const formats[] = { "text", "json", "github", "junit", NULL };

struct args {
	const char *profile;
	const char *role;
	int format;        /* index in formats[] */
	bool strict;
	bool list;
	struct cli_decode decode;
};

static const char *const usage[] = {
	"stickerkit validate [--profile NAME|FILE]",
	"                    [--format text|json|github|junit] [--strict] PATH...",
	"stickerkit validate --list-profiles",
	NULL,
};

static const struct cli_opt opts[] = {
	{ .name = "profile", .letter = 'p', .type = CLI_PROFILE, .arg = "NAME|FILE",
	  .field = offsetof(struct args, profile),
	  .help = "store profile: a name (whatsapp, telegram, ...) or a profile file "
	  "(default: guessed from the pack, else whatsapp)" },
	{ .name = "format", .letter = 'f', .type = CLI_CHOICE, .arg = "FORMAT",
	  .choices = formats, .field = offsetof(struct args, format),
	  .help = "text (default), json, github (workflow annotations) or junit (XML)" },
	{ .name = "strict", .letter = 's', .type = CLI_FLAG, .field = offsetof(struct args, strict),
	  .help = "count warnings as errors for the exit status" },
	{ .name = "role", .type = CLI_STRING, .arg = "ROLE", .field = offsetof(struct args, role),
	  .help = "check loose files in this role of the profile (e.g. emoji, tray)" },
	{ .name = "list-profiles", .type = CLI_FLAG, .field = offsetof(struct args, list),
	  .help = "list the profiles found and exit" },
	CLI_DECODE_OPTS(struct args, decode),
	{ NULL },
};

static int run(int argc, char **argv);

const struct cli_cmd cli_validate = {
	.name = "validate",
	.summary = "check stickers and whole packs against a store's rules",
	.usage = usage, .opts = opts, .flags = CLI_NEEDS_PROFILE | CLI_TAKES_FILES, .run = run,
};

/* One line per profile: name, store, confidence.  None found is an error:
 * an install that lost its data must not look like a store-less world. */
static int list_profiles(void)
{
	char *names[256];
	int status = EXIT_OK;
	const char *const *dirs = cli_profile_dirs();
	size_t n = stk_profile_list(dirs, names, 256);
	if (n == 0) {
		fprintf(stderr, "stickerkit validate: no profiles found (looked in");
		for (size_t i = 0; dirs[i]; i++)
			fprintf(stderr, "%s %s", i ? "," : "", dirs[i]);
		fprintf(stderr, "); set STK_PROFILE_DIR to a folder of profiles\n");
		return EXIT_INPUT;
	}
	for (size_t i = 0; i < n; i++) {
		stk_profile *p = NULL;
		stk_error err;
		stk_error_init(&err);
		if (stk_profile_open(names[i], dirs, &p, &err) != STK_OK)
			status = cli_report(&cli_validate, &err);
		else
			printf("%-12s %-20s %s\n", names[i], stk_profile_name(p),
			       stk_profile_confidence(p));
		stk_profile_free(p);
	}
	stk_profile_names_free(names, n);
	return status;
}

/* --profile, else what the first pack that says tells, else whatsapp. */
static int open_profile(const struct args *a, char **paths, int npaths, stk_profile **out)
{
	const char *name = a->profile;
	for (int i = 0; !name && i < npaths; i++)
		if ((name = stk_validate_guess_profile(paths[i])) != NULL && cli_verbosity >= 0)
			fprintf(stderr, "stickerkit validate: using the %s profile (from %s; "
			        "--profile picks another)\n", name, paths[i]);
	if (!name) {
		name = "whatsapp";
		if (cli_verbosity >= 0)
			fprintf(stderr, "stickerkit validate: using the whatsapp profile (nothing in "
			        "the input names a store; --profile picks another)\n");
	}
	return cli_profile_open(&cli_validate, name, a->profile ? "--profile" : "profile", out);
}

/* Unreadable inputs also go to stderr, in every format: a script piping
 * stdout away still sees them (stickerkit-validate(1), EXIT STATUS). */
static void report_unreadable(const stk_report *r)
{
	for (size_t i = 0; i < stk_report_count(r); i++) {
		const stk_finding *f = stk_report_get(r, i);
		if (strcmp(f->rule, STK_RULE_UNREADABLE) == 0)
			fprintf(stderr, "stickerkit validate: %s: %s\n", f->file, f->message);
	}
}

/* Files checked, on the progress line; with -v each file's name. */
static void on_progress(const stk_progress *p, void *user)
{
	struct cli_progress *line = user;
	if (p->step && cli_verbosity > 0) {
		cli_progress_end(line);
		fprintf(stderr, "stickerkit validate: checked %s\n", p->step);
	}
	cli_progress_update(line, p->stage, p->done, p->total, p->unit);
}

static int check(const struct args *a, stk_profile *p, char **paths, int npaths)
{
	stk_report *r = NULL;
	stk_error err;
	stk_validate_options vopt;
	stk_buf out = { 0 };
	stk_error_init(&err);
	stk_validate_options_init(&vopt);
	cli_decode_apply(&a->decode, &vopt.decode);
	vopt.role = a->role;
	struct cli_progress line;
	cli_progress_begin(&line, "validate");
	vopt.progress = on_progress;
	vopt.progress_user = &line;
	stk_report_format format = STK_REPORT_TEXT;
	stk_status s = stk_report_format_from_name(formats[a->format], &format)
	               ? stk_report_new(stk_profile_id(p), &r, &err)
	               : STK_ERR_INTERNAL;
	for (int i = 0; s == STK_OK && i < npaths; i++)
		s = stk_validate_path(p, paths[i], &vopt, r, &err);
	cli_progress_end(&line);
	unsigned flags = a->strict ? STK_REPORT_STRICT : 0;
	if (format == STK_REPORT_TEXT && cli_colour_stdout())
		flags |= STK_REPORT_COLOUR;
	if (s == STK_OK)
		s = stk_report_write(r, format, flags, &out, &err);
	int status;
	if (s != STK_OK) {
		status = cli_report(&cli_validate, &err);
	} else {
		fwrite(out.data, 1, out.len, stdout);
		if (format == STK_REPORT_JSON)
			putchar('\n');
		report_unreadable(r);
		size_t failures = stk_report_errors(r) + (a->strict ? stk_report_warnings(r) : 0);
		status = stk_report_unreadable(r) ? EXIT_INPUT : failures ? EXIT_FINDINGS : EXIT_OK;
	}
	stk_buf_release(&out);
	stk_report_free(r);
	return status;
}

static int run(int argc, char **argv)
{
	struct args a = { 0 };
	int first, status = cli_parse(&cli_validate, argc, argv, &a, &first);
	if (status != EXIT_OK)
		return status == CLI_HELP ? EXIT_OK : status;
	if (a.list)
		return list_profiles();
	int npaths = argc - first;
	if (npaths < 1)
		return cli_usage_error(&cli_validate, "no file or folder given");
	stk_profile *p = NULL;
	if ((status = open_profile(&a, argv + first, npaths, &p)) != EXIT_OK)
		return status;
	if (a.role && !stk_profile_has_role(p, a.role)) {
		status = cli_usage_error(&cli_validate, "the %s profile has no role '%s'",
		                         stk_profile_id(p), a.role);
	} else {
		status = check(&a, p, argv + first, npaths);
	}
	stk_profile_free(p);
	return status;
}
