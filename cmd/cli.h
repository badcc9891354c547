/*
 * cli.h - what every subcommand shares: one option table per command that
 * drives getopt_long and --help, number parsing, error printing, and the
 * one mapping from library status to exit status.
 */
#ifndef STK_CLI_H
#define STK_CLI_H

#include <stdio.h>
#include <stk/stk.h>

/* Exit statuses, documented in stickerkit(1). */
enum {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,  /* ran, and found errors (validation) */
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,     /* bad or unreadable input */
	EXIT_OUTPUT = 4,    /* could not write the output */
	EXIT_INTERNAL = 5,
};

struct cli_opt {
	const char *name;     /* long name */
	int key;              /* short letter, or a value >= 256 for long-only */
	int has_arg;          /* no_argument / required_argument */
	const char *arg;      /* argument name in help, or NULL */
	const char *help;
};

/* A command's description: drives parsing and `--help`. */
struct cli_cmd {
	const char *name;
	const char *summary;
	const char *const *usage;     /* NULL-terminated synopsis lines */
	const struct cli_opt *opts;   /* terminated by { NULL } */
};

/* Calls getopt_long over the command's table (plus -h/--help).  Returns the
 * key of the next option, -1 at the end, or '?' on a usage error (already
 * reported).  Prints help and returns 'h' for -h.  Options may follow the
 * operands (IN -o OUT): getopt moves operands to the end, so after -1 they
 * are argv[cli_optind..argc-1]; "--" ends the options. */
int cli_next(const struct cli_cmd *cmd, int argc, char **argv);
extern char *cli_optarg;
extern int cli_optind;
/* Resets option parsing for a new command. */
void cli_reset(void);

void cli_print_help(const struct cli_cmd *cmd, FILE *out);
/* Prints "stickerkit CMD: message" + a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parses an unsigned number in [min, max]; false (and a message) if not. */
bool cli_parse_u64(const struct cli_cmd *cmd, const char *opt, const char *s,
                   uint64_t min, uint64_t max, uint64_t *out);
bool cli_parse_double(const struct cli_cmd *cmd, const char *opt, const char *s,
                      double min, double max, double *out);

/* Prints "stickerkit: <file>: <frame>: message" for a library error and
 * returns the exit status for it. */
int cli_report(const struct cli_cmd *cmd, const stk_error *err);
int cli_exit_status(stk_status s);

/* Where store profiles are found by name, in order: $STK_PROFILE_DIR (when
 * set), the installed profiles, the source tree's; NULL-terminated, for
 * stk_profile_open(). */
void cli_profile_dirs(const char *dirs[4]);

/* Options that set stk_decode_options, shared by every command that reads
 * images.  CLI_DECODE_OPTS goes into an option table; cli_decode_option()
 * handles one of them (returns false when key is not one). */
enum {
	OPT_MAX_PIXELS = 1000,
	OPT_MAX_FRAMES,
	OPT_MAX_MEMORY,
	OPT_FPS,
};
#define CLI_DECODE_OPTS \
	{ "max-pixels", OPT_MAX_PIXELS, 1, "N", "refuse frames over N pixels (default 67108864 = 8192x8192)" }, \
	{ "max-frames", OPT_MAX_FRAMES, 1, "N", "refuse animations over N frames (default 10000)" }, \
	{ "max-memory", OPT_MAX_MEMORY, 1, "MIB", "refuse decoding over MIB MiB of frames (default 2048)" }, \
	{ "fps", OPT_FPS, 1, "N", "frame rate for a folder of frames (default: timing.json, else 24)" }
bool cli_decode_option(const struct cli_cmd *cmd, int key, const char *arg,
                       stk_decode_options *opt, int *status);

/* The long name of an option key in cmd's table, or "". */
const char *cli_opt_name(const struct cli_cmd *cmd, int key);

/* Options that set stk_resize_options, shared by resize and convert.  The
 * long names are stk_resize_option_set()'s words, so a key goes to the
 * library by its name.  Each command adds its own "size" row (the default
 * differs) with key OPT_SIZE or a short letter. */
enum {
	OPT_RESIZE_FIRST = 1100,
	OPT_SIZE = OPT_RESIZE_FIRST,
	OPT_MAX_SIZE,
	OPT_SIDE,
	OPT_FIT,
	OPT_MARGIN,
	OPT_GRAVITY,
	OPT_TRIM,
	OPT_TRIM_THRESHOLD,
	OPT_EVEN,
	OPT_NO_UPSCALE,
	OPT_OUTLINE,
	OPT_KEY,
	OPT_BACKGROUND,
	OPT_FILTER,
	OPT_RESIZE_LAST = OPT_FILTER,
};
#define CLI_RESIZE_OPTS \
	{ "max-size", OPT_MAX_SIZE, 1, "WxH", "canvas as big as the fitted art, at most W x H" }, \
	{ "side", OPT_SIDE, 1, "N", "longer side exactly N, the other by aspect" }, \
	{ "fit", OPT_FIT, 1, "MODE", "contain (default), cover or fill, with --size" }, \
	{ "margin", OPT_MARGIN, 1, "N[%]", "empty border a side, in pixels or % of the shorter side" }, \
	{ "gravity", OPT_GRAVITY, 1, "POS", "center (default), top, bottom, left, right, top-left, ..." }, \
	{ "trim", OPT_TRIM, 0, NULL, "fit the art's alpha bounding box (all frames' union)" }, \
	{ "trim-threshold", OPT_TRIM_THRESHOLD, 1, "N", "alpha above N counts as art (default 0; implies --trim)" }, \
	{ "even", OPT_EVEN, 0, NULL, "round computed sides down to even numbers" }, \
	{ "no-upscale", OPT_NO_UPSCALE, 0, NULL, "never enlarge the art" }, \
	{ "outline", OPT_OUTLINE, 1, "W[:C]", "die-cut stroke W pixels wide (default colour white)" }, \
	{ "key", OPT_KEY, 1, "C[:T]", "make background colour C transparent from the border (tolerance T, default 24)" }, \
	{ "background", OPT_BACKGROUND, 1, "C", "flatten onto colour C" }, \
	{ "filter", OPT_FILTER, 1, "NAME", "lanczos3 (default), mitchell, box or nearest" }
/* True for the keys of CLI_RESIZE_OPTS and OPT_SIZE. */
bool cli_is_resize_option(int key);

#endif
