/* validate.c - `stickerkit validate`: check stickers and packs against a store. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"

enum {
	OPT_PROFILE = 'p',
	OPT_FORMAT = 'f',
	OPT_STRICT = 's',
	OPT_ROLE = 1100,
	OPT_LIST = 1101,
};

static const char *const usage[] = {
	"stickerkit validate [--profile NAME|FILE] [--format text|json|github|junit] [--strict] PATH...",
	"stickerkit validate --list-profiles",
	NULL,
};

static const struct cli_opt opts[] = {
	{ "profile", OPT_PROFILE, 1, "NAME|FILE", "store profile: a name (whatsapp, telegram, ...) or a profile file (default: guessed from the pack, else whatsapp)" },
	{ "format", OPT_FORMAT, 1, "FORMAT", "text (default), json, github (workflow annotations) or junit (XML)" },
	{ "strict", OPT_STRICT, 0, NULL, "count warnings as errors for the exit status" },
	{ "role", OPT_ROLE, 1, "ROLE", "check loose files in this role of the profile (e.g. emoji, tray)" },
	{ "list-profiles", OPT_LIST, 0, NULL, "list the profiles found and exit" },
	CLI_DECODE_OPTS,
	{ NULL, 0, 0, NULL, NULL },
};

const struct cli_cmd cli_validate = {
	"validate", "check stickers and whole packs against a store's rules", usage, opts,
};

struct args {
	const char *profile;
	const char *role;
	stk_report_format format;
	bool strict;
	bool list;
	stk_decode_options decode;
};

static int parse(int argc, char **argv, struct args *a)
{
	int c, status = EXIT_OK;
	while ((c = cli_next(&cli_validate, argc, argv)) != -1) {
		switch (c) {
		case 'h': return -1;
		case '?': return EXIT_USAGE;
		case OPT_PROFILE: a->profile = cli_optarg; break;
		case OPT_ROLE: a->role = cli_optarg; break;
		case OPT_STRICT: a->strict = true; break;
		case OPT_LIST: a->list = true; break;
		case OPT_FORMAT:
			if (!stk_report_format_from_name(cli_optarg, &a->format))
				return cli_usage_error(&cli_validate, "--format wants text, json, github "
				                       "or junit, not '%s'", cli_optarg);
			break;
		default:
			if (cli_decode_option(&cli_validate, c, cli_optarg, &a->decode, &status) &&
			    status != EXIT_OK)
				return status;
			break;
		}
	}
	return EXIT_OK;
}

static bool listed(char **seen, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(seen[i], name) == 0)
			return true;
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Profile names in the folders, without duplicates; the first folder wins. */
static size_t find_profiles(const char *const *dirs, char **names, size_t max)
{
	size_t n = 0;
	for (size_t d = 0; dirs[d]; d++) {
		DIR *dp = opendir(dirs[d]);
		struct dirent *de;
		while (dp && (de = readdir(dp)) != NULL && n < max) {
			size_t len = strlen(de->d_name);
			if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
				continue;
			char name[256];
			snprintf(name, sizeof name, "%.*s", (int)(len - 5), de->d_name);
			if (!listed(names, n, name) && (names[n] = strdup(name)) != NULL)
				n++;
		}
		if (dp)
			closedir(dp);
	}
	qsort(names, n, sizeof *names, by_name);
	return n;
}

/* One line per profile: name, store, confidence. */
static int list_profiles(const char *const *dirs)
{
	char *names[256];
	int status = EXIT_OK;
	size_t n = find_profiles(dirs, names, 256);
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
		free(names[i]);
	}
	return status;
}

/* --profile, else what the first pack that says tells, else whatsapp. */
static int open_profile(const struct args *a, char **paths, int npaths,
                        const char *const *dirs, stk_profile **out)
{
	const char *name = a->profile;
	for (int i = 0; !name && i < npaths; i++)
		if ((name = stk_validate_guess_profile(paths[i])) != NULL)
			fprintf(stderr, "stickerkit validate: using the %s profile (from %s; "
			        "--profile picks another)\n", name, paths[i]);
	stk_error err;
	stk_error_init(&err);
	if (stk_profile_open(name ? name : "whatsapp", dirs, out, &err) != STK_OK)
		return cli_report(&cli_validate, &err);
	return EXIT_OK;
}

/* Unreadable inputs also go to stderr: machine formats own stdout. */
static void report_unreadable(const stk_report *r)
{
	for (size_t i = 0; i < stk_report_count(r); i++) {
		const stk_finding *f = stk_report_get(r, i);
		if (strcmp(f->rule, STK_RULE_UNREADABLE) == 0)
			fprintf(stderr, "stickerkit validate: %s: %s\n", f->file, f->message);
	}
}

static int run(const struct args *a, stk_profile *p, char **paths, int npaths)
{
	stk_report *r = NULL;
	stk_error err;
	stk_validate_options vopt;
	stk_buf out = { 0 };
	stk_error_init(&err);
	stk_validate_options_init(&vopt);
	vopt.decode = a->decode;
	vopt.role = a->role;
	stk_status s = stk_report_new(stk_profile_id(p), &r, &err);
	for (int i = 0; s == STK_OK && i < npaths; i++)
		s = stk_validate_path(p, paths[i], &vopt, r, &err);
	unsigned flags = a->strict ? STK_REPORT_STRICT : 0;
	if (s == STK_OK)
		s = stk_report_write(r, a->format, flags, &out, &err);
	int status;
	if (s != STK_OK) {
		status = cli_report(&cli_validate, &err);
	} else {
		fwrite(out.data, 1, out.len, stdout);
		if (a->format == STK_REPORT_JSON)
			putchar('\n');
		if (a->format != STK_REPORT_TEXT)
			report_unreadable(r);
		size_t failures = stk_report_errors(r) + (a->strict ? stk_report_warnings(r) : 0);
		status = stk_report_unreadable(r) ? EXIT_INPUT : failures ? EXIT_FINDINGS : EXIT_OK;
	}
	stk_buf_release(&out);
	stk_report_free(r);
	return status;
}

int cmd_validate(int argc, char **argv)
{
	struct args a = { NULL, NULL, STK_REPORT_TEXT, false, false, { 0 } };
	const char *dirs[4];
	stk_decode_options_init(&a.decode);
	int status = parse(argc, argv, &a);
	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	cli_profile_dirs(dirs);
	if (a.list)
		return list_profiles(dirs);
	int npaths = argc - cli_optind;
	if (npaths < 1)
		return cli_usage_error(&cli_validate, "no file or folder given");
	stk_profile *p = NULL;
	if ((status = open_profile(&a, argv + cli_optind, npaths, dirs, &p)) != EXIT_OK)
		return status;
	if (a.role && !stk_profile_has_role(p, a.role)) {
		status = cli_usage_error(&cli_validate, "the %s profile has no role '%s'",
		                         stk_profile_id(p), a.role);
	} else {
		status = run(&a, p, argv + cli_optind, npaths);
	}
	stk_profile_free(p);
	return status;
}
