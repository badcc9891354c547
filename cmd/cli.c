/* cli.c - option tables to getopt_long, help text, numbers, error exits,
 * where profiles are found. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "stk-profile-dirs.h"

char *cli_optarg;
int cli_optind = 1;

void cli_reset(void)
{
	optind = 0; /* glibc: 0 re-initialises the parser fully */
	cli_optind = 1;
}

#define MAX_OPTS 64

int cli_next(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct option longs[MAX_OPTS + 2];
	/* No leading '+': GNU getopt permutes, so options may follow operands. */
	char shorts[MAX_OPTS * 2 + 4] = "h";
	size_t n = 0, s = 1;

	for (const struct cli_opt *o = cmd->opts; o && o->name && n < MAX_OPTS; o++, n++) {
		longs[n] = (struct option){ o->name, o->has_arg, NULL, o->key };
		if (o->key < 256) {
			shorts[s++] = (char)o->key;
			if (o->has_arg)
				shorts[s++] = ':';
		}
	}
	longs[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	longs[n] = (struct option){ NULL, 0, NULL, 0 };
	shorts[s] = '\0';

	opterr = 0;
	int c = getopt_long(argc, argv, shorts, longs, NULL);
	cli_optarg = optarg;
	cli_optind = optind;
	if (c == 'h') {
		cli_print_help(cmd, stdout);
	} else if (c == '?') {
		if (optopt && optopt < 256)
			cli_usage_error(cmd, "option '-%c' %s", optopt,
			                strchr(shorts, optopt) ? "needs a value" : "is unknown");
		else
			cli_usage_error(cmd, "option '%s' is unknown or needs a value",
			                argv[optind - 1]);
	}
	return c;
}

void cli_print_help(const struct cli_cmd *cmd, FILE *out)
{
	for (const char *const *u = cmd->usage; *u; u++)
		fprintf(out, "%s %s\n", u == cmd->usage ? "usage:" : "      ", *u);
	fprintf(out, "\n%s\n\noptions:\n", cmd->summary);
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++) {
		char left[64];
		if (o->key < 256)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->key, o->name,
			         o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
			         o->arg ? o->arg : "");
		fprintf(out, "  %-28s %s\n", left, o->help);
	}
	fprintf(out, "  %-28s %s\n", "-h, --help", "show this help");
	fprintf(out, "\nSee 'man stickerkit-%s' for details.\n", cmd->name);
}

int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "stickerkit %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'stickerkit %s --help'.\n", cmd->name);
	return EXIT_USAGE;
}

bool cli_parse_u64(const struct cli_cmd *cmd, const char *opt, const char *s,
                   uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *end || errno || s[0] == '-' || v < min || v > max) {
		cli_usage_error(cmd, "--%s wants a whole number from %llu to %llu, not '%s'", opt,
		                (unsigned long long)min, (unsigned long long)max, s);
		return false;
	}
	*out = v;
	return true;
}

bool cli_parse_double(const struct cli_cmd *cmd, const char *opt, const char *s,
                      double min, double max, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v < min || v > max) {
		cli_usage_error(cmd, "--%s wants a number from %g to %g, not '%s'", opt, min, max, s);
		return false;
	}
	*out = v;
	return true;
}

int cli_exit_status(stk_status s)
{
	switch (s) {
	case STK_OK:
		return EXIT_OK;
	case STK_ERR_INVALID_ARG:
		return EXIT_USAGE;
	case STK_ERR_IO:
	case STK_ERR_FORMAT:
	case STK_ERR_CORRUPT:
	case STK_ERR_LIMIT:
	case STK_ERR_UNSUPPORTED:
	case STK_ERR_PROFILE:
		return EXIT_INPUT;
	case STK_ERR_WRITE:
	case STK_ERR_ENCODE:
	case STK_ERR_BUDGET:
	case STK_ERR_ARCHIVE:
		return EXIT_OUTPUT;
	case STK_ERR_NOMEM:
	case STK_ERR_INTERNAL:
		return EXIT_INTERNAL;
	}
	return EXIT_INTERNAL;
}

int cli_report(const struct cli_cmd *cmd, const stk_error *err)
{
	char line[1200];
	fprintf(stderr, "stickerkit %s: %s\n", cmd->name, stk_error_format(err, line, sizeof line));
	return cli_exit_status(err->code);
}

bool cli_decode_option(const struct cli_cmd *cmd, int key, const char *arg,
                       stk_decode_options *opt, int *status)
{
	uint64_t v = 0;
	double d = 0;
	bool ok = true;
	switch (key) {
	case OPT_MAX_PIXELS:
		ok = cli_parse_u64(cmd, "max-pixels", arg, 1, UINT64_MAX / 8, &v);
		opt->max_pixels = v;
		break;
	case OPT_MAX_FRAMES:
		ok = cli_parse_u64(cmd, "max-frames", arg, 1, 1000000, &v);
		opt->max_frames = (uint32_t)v;
		break;
	case OPT_MAX_MEMORY:
		ok = cli_parse_u64(cmd, "max-memory", arg, 1, 1u << 20, &v);
		opt->max_total_bytes = v << 20;
		break;
	case OPT_FPS:
		ok = cli_parse_double(cmd, "fps", arg, 0.01, 1000, &d);
		opt->folder_fps = d;
		break;
	default:
		return false;
	}
	*status = ok ? EXIT_OK : EXIT_USAGE;
	return true;
}

const char *cli_opt_name(const struct cli_cmd *cmd, int key)
{
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		if (o->key == key)
			return o->name;
	return "";
}

bool cli_is_resize_option(int key)
{
	return key >= OPT_RESIZE_FIRST && key <= OPT_RESIZE_LAST;
}

void cli_profile_dirs(const char *dirs[4])
{
	size_t n = 0;
	const char *env = getenv("STK_PROFILE_DIR");
	if (env && *env)
		dirs[n++] = env;
	dirs[n++] = STK_PROFILE_DIR_INSTALLED;
	dirs[n++] = STK_PROFILE_DIR_SOURCE;
	dirs[n] = NULL;
}
