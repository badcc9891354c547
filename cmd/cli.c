/* cli.c - the option rows to getopt_long and into the command's fields:
 * generated keys, typed values with ranges, groups that exclude each
 * other, and messages that tell an unknown option from one that needs a
 * value (with "did you mean"). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

int cli_verbosity;
const struct cli_cmd *cli_current;

static bool quiet, verbose;

/* Rows every command has besides its own (and -h/--help). */
const struct cli_opt cli_common_rows[] = {
	{ .name = "quiet", .letter = 'q', .type = CLI_FLAG, .group = -1,
	  .help = "no progress and no report on standard error, errors only" },
	{ .name = "verbose", .letter = 'v', .type = CLI_FLAG, .group = -1,
	  .help = "say more on standard error (the search's steps)" },
};
#define NCOMMON (sizeof cli_common_rows / sizeof cli_common_rows[0])
const size_t cli_ncommon = NCOMMON;
#define MAX_ROWS 96
#define KEY_BASE 256

/* Row i of the command's rows followed by the common ones. */
static const struct cli_opt *row(const struct cli_cmd *cmd, size_t n_own, size_t i)
{
	return i < n_own ? &cmd->opts[i] : &cli_common_rows[i - n_own];
}

static size_t own_rows(const struct cli_cmd *cmd)
{
	size_t n = 0;
	while (cmd->opts && cmd->opts[n].name)
		n++;
	return n;
}

static bool takes_value(const struct cli_opt *o)
{
	return o->type == CLI_CALL ? o->takes_value : o->type != CLI_FLAG;
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

size_t cli_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), cells[64];
	if (lb >= 63 || la >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		cells[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = cells[0];
		cells[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = cells[j];
			size_t sub = diag + (a[i - 1] != b[j - 1]);
			size_t best = up + 1 < cells[j - 1] + 1 ? up + 1 : cells[j - 1] + 1;
			cells[j] = sub < best ? sub : best;
			diag = up;
		}
	}
	return cells[lb];
}

/* The closest of the names within a third of the word's length, or NULL. */
static const char *closest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = strlen(word) / 3 + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = cli_distance(word, names[i]);
		if (d < best_d || (d == best_d && !best && d <= 2)) {
			best = names[i];
			best_d = d;
		}
	}
	return best;
}

static int unknown_long(const struct cli_cmd *cmd, size_t n, const char *arg)
{
	char word[64];
	const char *names[MAX_ROWS];
	snprintf(word, sizeof word, "%s", arg + 2);
	word[strcspn(word, "=")] = '\0';
	for (size_t i = 0; i < n; i++)
		names[i] = row(cmd, n - NCOMMON, i)->name;
	const char *near = closest(word, names, n);
	if (near)
		return cli_usage_error(cmd, "unknown option '--%s' (did you mean '--%s'?)", word,
		                       near);
	return cli_usage_error(cmd, "unknown option '--%s'", word);
}

/* Which row a failed long argument ("--name" or "--name=v") names exactly. */
static const struct cli_opt *named_row(const struct cli_cmd *cmd, size_t n, const char *arg)
{
	size_t len = strcspn(arg + 2, "=");
	for (size_t i = 0; i < n; i++) {
		const struct cli_opt *o = row(cmd, n - NCOMMON, i);
		if (strlen(o->name) == len && strncmp(o->name, arg + 2, len) == 0)
			return o;
	}
	return NULL;
}

static int bad_option(const struct cli_cmd *cmd, size_t n, char **argv, int code)
{
	const char *arg = argv[optind - 1];
	bool is_long = arg && arg[0] == '-' && arg[1] == '-';
	if (code == ':') {
		if (is_long)
			return cli_usage_error(cmd, "option '%.*s' needs a value (%s VALUE)",
			                       (int)strcspn(arg, "="), arg, arg);
		return cli_usage_error(cmd, "option '-%c' needs a value", optopt);
	}
	if (!is_long)
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	const struct cli_opt *o = named_row(cmd, n, arg);
	if (!o && optopt >= KEY_BASE && (size_t)optopt - KEY_BASE < n)
		o = row(cmd, n - NCOMMON, (size_t)optopt - KEY_BASE); /* an abbreviation */
	if (o && strchr(arg, '='))
		return cli_usage_error(cmd, "option '--%s' takes no value", o->name);
	size_t len = strcspn(arg + 2, "="), prefixed = 0;
	for (size_t i = 0; i < n; i++)
		prefixed += strncmp(row(cmd, n - NCOMMON, i)->name, arg + 2, len) == 0;
	if (prefixed > 1)
		return cli_usage_error(cmd, "option '%.*s' is ambiguous", (int)len + 2, arg);
	return unknown_long(cmd, n, arg);
}

static int wrong_choice(const struct cli_cmd *cmd, const struct cli_opt *o, const char *v)
{
	char list[256] = "";
	size_t n = 0;
	while (o->choices[n])
		n++;
	for (size_t i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
		         i == 0 ? "" : i + 1 == n ? " or " : ", ", o->choices[i]);
	const char *near = closest(v, o->choices, n);
	if (near)
		return cli_usage_error(cmd, "--%s wants %s, not '%s' (did you mean '%s'?)", o->name,
		                       list, v, near);
	return cli_usage_error(cmd, "--%s wants %s, not '%s'", o->name, list, v);
}

/* Puts one value into its field. */
static int set_value(const struct cli_cmd *cmd, const struct cli_opt *o, void *args,
                     const char *v)
{
	void *field = (char *)args + o->field;
	char *end;
	errno = 0;
	switch (o->type) {
	case CLI_FLAG:
		*(bool *)field = true;
		return EXIT_OK;
	case CLI_STRING:
	case CLI_FILE:
	case CLI_PROFILE:
		*(const char **)field = v;
		return EXIT_OK;
	case CLI_UINT: {
		unsigned long long u = strtoull(v, &end, 10);
		if (!*v || *end || errno || v[0] == '-' || u < o->min || u > o->max)
			return cli_usage_error(cmd, "--%s wants a whole number from %.0f to %.0f, "
			                       "not '%s'", o->name, o->min, o->max, v);
		*(uint64_t *)field = u;
		return EXIT_OK;
	}
	case CLI_NUMBER: {
		double d = strtod(v, &end);
		if (!*v || *end || errno || !isfinite(d) || d < o->min || d > o->max)
			return cli_usage_error(cmd, "--%s wants a number from %g to %g, not '%s'",
			                       o->name, o->min, o->max, v);
		*(double *)field = d;
		return EXIT_OK;
	}
	case CLI_BYTES: {
		uint64_t b;
		if (!cli_parse_bytes(v, o->unit ? o->unit : 1, &b) || b < o->min || b > o->max)
			return cli_usage_error(cmd, "--%s wants a size from %.0f to %.0f bytes (a "
			                       "number with k, M, Ki, MiB, ...), not '%s'", o->name,
			                       o->min, o->max, v);
		*(uint64_t *)field = b;
		return EXIT_OK;
	}
	case CLI_CHOICE:
		for (int i = 0; o->choices[i]; i++)
			if (strcmp(o->choices[i], v) == 0) {
				*(int *)field = i;
				return EXIT_OK;
			}
		return wrong_choice(cmd, o, v);
	case CLI_CALL:
		return o->set(args, o, v);
	}
	return EXIT_INTERNAL;
}

/* The common rows bind to cli.c's own flags, not to the command's args. */
static void *target(const struct cli_opt *o, void *args)
{
	if (o == &cli_common_rows[0])
		return (char *)&quiet - o->field;
	if (o == &cli_common_rows[1])
		return (char *)&verbose - o->field;
	return args;
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, void *args, int *first)
{
	struct option longs[MAX_ROWS + 2];
	char shorts[MAX_ROWS * 2 + 4] = ":h";
	const struct cli_opt *given_in_group[MAX_ROWS] = { 0 };
	size_t own = own_rows(cmd), n = own + NCOMMON, s = 2;
	if (n > MAX_ROWS)
		return cli_usage_error(cmd, "internal: too many options");
	for (size_t i = 0; i < n; i++) {
		const struct cli_opt *o = row(cmd, own, i);
		longs[i] = (struct option){ o->name, takes_value(o), NULL, (int)(KEY_BASE + i) };
		if (o->letter) {
			shorts[s++] = o->letter;
			if (takes_value(o))
				shorts[s++] = ':';
		}
	}
	longs[n] = (struct option){ "help", no_argument, NULL, 'h' };
	longs[n + 1] = (struct option){ NULL, 0, NULL, 0 };
	shorts[s] = '\0';

	optind = 0; /* glibc: 0 re-initialises the parser fully */
	opterr = 0;
	quiet = verbose = false;
	cli_current = cmd;
	int c;
	/* No leading '+': GNU getopt permutes, so options may follow operands. */
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == 'h') {
			cli_print_help(cmd, stdout);
			return CLI_HELP;
		}
		if (c == '?' || c == ':')
			return bad_option(cmd, n, argv, c);
		size_t i = n;
		if (c >= KEY_BASE)
			i = (size_t)c - KEY_BASE;
		else
			for (size_t j = 0; j < n; j++)
				if (row(cmd, own, j)->letter == c)
					i = j;
		if (i >= n)
			return cli_usage_error(cmd, "internal: option key %d", c);
		const struct cli_opt *o = row(cmd, own, i);
		for (size_t j = 0; o->group && j < n; j++) {
			const struct cli_opt *other = given_in_group[j];
			if (other && other != o && other->group == o->group)
				return cli_usage_error(cmd, "--%s and --%s together: give one",
				                       other->name, o->name);
		}
		given_in_group[i] = o;
		int status = set_value(cmd, o, target(o, args), optarg);
		if (status != EXIT_OK)
			return status;
	}
	cli_verbosity = quiet ? -1 : verbose ? 1 : 0;
	*first = optind;
	return EXIT_OK;
}

bool cli_parse_bytes(const char *s, uint64_t unit, uint64_t *out)
{
	static const struct { const char *suffix; uint64_t mult; } units[] = {
		{ "", 0 }, { "B", 1 },
		{ "k", 1000 }, { "K", 1000 }, { "kB", 1000 }, { "KB", 1000 },
		{ "M", 1000000 }, { "MB", 1000000 }, { "G", 1000000000 }, { "GB", 1000000000 },
		{ "Ki", 1024 }, { "KiB", 1024 }, { "Mi", 1 << 20 }, { "MiB", 1 << 20 },
		{ "Gi", 1 << 30 }, { "GiB", 1 << 30 },
	};
	char *end;
	errno = 0;
	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return false;
	double v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return false;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(end, units[i].suffix) != 0)
			continue;
		double bytes = v * (double)(units[i].mult ? units[i].mult : unit);
		if (bytes >= 18446744073709551615.0 || bytes != floor(bytes))
			return false;
		*out = (uint64_t)bytes;
		return true;
	}
	return false;
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
	case STK_ERR_CANCELLED:
		return EXIT_INTERRUPTED;
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

int cli_project_add_target(void *args, const struct cli_opt *o, const char *value)
{
	struct cli_project *p = (struct cli_project *)((char *)args + o->field);
	if (p->n_targets == CLI_MAX_TARGETS)
		return cli_usage_error(cli_current, "at most %d --target", CLI_MAX_TARGETS);
	p->targets[p->n_targets++] = value;
	return EXIT_OK;
}

const char *cli_project_dir(const struct cli_project *p)
{
	return p->dir ? p->dir : ".";
}

void cli_project_apply(const struct cli_project *p, stk_build_options *o)
{
	o->outdir = p->outdir;
	o->targets = p->n_targets ? p->targets : NULL;
	o->n_targets = p->n_targets;
	o->jobs = (unsigned)p->jobs;
	o->profile_dirs = cli_profile_dirs();
}

void cli_decode_apply(const struct cli_decode *d, stk_decode_options *opt)
{
	if (d->max_pixels)
		opt->max_pixels = d->max_pixels;
	if (d->max_frames)
		opt->max_frames = (uint32_t)d->max_frames;
	if (d->max_memory)
		opt->max_held_bytes = d->max_memory;
	if (d->max_decoded)
		opt->max_total_bytes = d->max_decoded;
	if (d->max_entries)
		opt->max_entries = (uint32_t)d->max_entries;
	if (d->fps > 0)
		opt->folder_fps = d->fps;
}

int cli_resize_set(void *args, const struct cli_opt *o, const char *value)
{
	struct cli_resize *r = (struct cli_resize *)((char *)args + o->field);
	stk_error err;
	stk_error_init(&err);
	if (!value)
		value = "";
	if (stk_resize_option_set(&r->opt, o->name, value, &err) != STK_OK)
		return cli_usage_error(cli_current, "%s", err.msg);
	if (r->n == CLI_RESIZE_MAX)
		return cli_usage_error(cli_current, "too many resize options");
	r->name[r->n] = o->name;
	r->value[r->n++] = value;
	return EXIT_OK;
}
