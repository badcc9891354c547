/*
 * cli.h - what every subcommand shares: the command table (typed option
 * rows bound to fields of the command's argument struct), one parser that
 * drives getopt_long, --help and --list-options from those rows, one way
 * to open profiles, number and size parsing, error printing, and the one
 * mapping from library status to exit status.
 *
 * A command declares `struct args { ... }` and a table of rows:
 *   { .name = "quality", .type = CLI_NUMBER, .arg = "Q", .min = 0, .max = 100,
 *     .field = offsetof(struct args, quality), .help = "..." }
 * cli_parse() fills the fields, checks ranges, refuses options of one
 * group given together, and leaves the operands in argv[*first..argc-1].
 * Keys for getopt are generated from row positions; commands never see them.
 */
#ifndef STK_CLI_H
#define STK_CLI_H

#include <stddef.h>
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
	EXIT_INTERRUPTED = 130, /* stopped by SIGINT or SIGTERM (128 + 2) */
};
/* cli_parse()'s answer after printing --help: the command exits 0. */
#define CLI_HELP (-1)

enum cli_type {
	CLI_FLAG,     /* bool field set to true */
	CLI_STRING,   /* const char * field */
	CLI_FILE,     /* const char * field holding a path (completion: files) */
	CLI_PROFILE,  /* const char * field: a profile name or file (completion: names) */
	CLI_UINT,     /* uint64_t field, a whole number in [min, max] */
	CLI_NUMBER,   /* double field, a number in [min, max] */
	CLI_BYTES,    /* uint64_t field: a byte size with units (50k, 1MiB), in
	                 [min, max]; a bare number counts `unit` bytes (default 1) */
	CLI_CHOICE,   /* int field: the index of the value among `choices` */
	CLI_CALL,     /* set() takes the value (repeated, or passed on by name) */
};

struct cli_opt {
	const char *name;     /* long name */
	char letter;          /* short option, or 0 */
	enum cli_type type;
	const char *arg;      /* argument name in help; NULL for flags */
	const char *help;
	size_t field;         /* offsetof() into the command's args */
	double min, max;      /* CLI_UINT, CLI_NUMBER, CLI_BYTES */
	uint64_t unit;        /* CLI_BYTES: the unit of a bare number (0 = bytes) */
	const char *const *choices; /* CLI_CHOICE (and completion); NULL-terminated */
	bool takes_value;     /* CLI_CALL: whether it has an argument */
	/* CLI_CALL: returns EXIT_OK or an exit status (after a message). */
	int (*set)(void *args, const struct cli_opt *o, const char *value);
	int group;            /* rows with the same non-zero group exclude each other */
	bool profile_value;   /* CLI_CALL: the value is a store (completion: names) */
};

/* Per-command flags. */
enum {
	/* The command reads store profiles: its table has a CLI_PROFILE row,
	 * and it opens them with cli_profile_open() (one error policy). */
	CLI_NEEDS_PROFILE = 1 << 0,
	/* Operands are files or folders (for completion). */
	CLI_TAKES_FILES = 1 << 1,
};

/* A command's row in the command table (main.c): drives parsing, `--help`,
 * `--list-options` and the completion scripts. */
struct cli_cmd {
	const char *name;
	const char *summary;
	const char *const *usage;     /* NULL-terminated synopsis lines */
	const struct cli_opt *opts;   /* terminated by { NULL } */
	unsigned flags;
	int (*run)(int argc, char **argv);
};

/* Parses the options of argv (options may follow operands; "--" ends them)
 * into args.  Besides the command's rows every command takes -q/--quiet,
 * -v/--verbose and -h/--help.  Returns EXIT_OK with *first set to the first
 * operand, EXIT_USAGE (reported), or CLI_HELP (help printed). */
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, void *args, int *first);

/* The rows every command has: -q/--quiet, -v/--verbose (then -h/--help). */
extern const struct cli_opt cli_common_rows[];
extern const size_t cli_ncommon;
/* -1 with -q, 1 with -v, else 0: the same on every command. */
extern int cli_verbosity;

void cli_print_help(const struct cli_cmd *cmd, FILE *out);
/* Prints text wrapped to 80 columns, continuation lines indented by
 * `indent`; `at` is the column the cursor is already in. */
void cli_wrap(FILE *out, const char *text, size_t indent, size_t at);
/* One line per option for completion scripts (stickerkit(1), COMPLETION):
 * "--name<TAB>-x<TAB>kind[<TAB>value,value...]"; kind is flag, value,
 * file, profile or choice. */
void cli_list_options(const struct cli_cmd *cmd, FILE *out);
/* Prints "stickerkit CMD: message" + a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Byte sizes: "500", "50k" (1000), "1M", "64Ki" (1024), "1MiB", "2G";
 * a bare number times `unit`.  False for anything else or an overflow. */
bool cli_parse_bytes(const char *s, uint64_t unit, uint64_t *out);

/* Prints "stickerkit CMD: <file>: <frame>: message" for a library error,
 * with a hint for a missing file, and returns the exit status for it. */
int cli_report(const struct cli_cmd *cmd, const stk_error *err);
int cli_exit_status(stk_status s);

/* Opens a profile by name or file, the one policy of every command: a
 * name no profile folder has is a usage error (2, with "did you mean"),
 * a profile file that cannot be read or is invalid is bad input (3).
 * `what` names the source in messages ("--profile"). */
int cli_profile_open(const struct cli_cmd *cmd, const char *name, const char *what,
                     stk_profile **out);
/* Where profiles are found by name, in order (stickerkit(1), FILES);
 * NULL-terminated, for stk_profile_open(). */
const char *const *cli_profile_dirs(void);

/* Edit distance, for "did you mean". */
size_t cli_distance(const char *a, const char *b);

/* Options that set stk_decode_options, shared by every command that reads
 * images: CLI_DECODE_OPTS(struct args, member) goes into a table, binding
 * to a `struct cli_decode member`; cli_decode_apply() copies what was
 * given into the library's options. */
struct cli_decode {
	uint64_t max_pixels, max_frames, max_memory, max_decoded, max_entries;
	double fps;
};
#define CLI_DECODE_OPTS(S, m) \
	CLI_DECODE_LIMIT_OPTS(S, m), \
	{ .name = "fps", .type = CLI_NUMBER, .arg = "N", .min = 0.01, .max = 1000, \
	  .field = offsetof(S, m.fps), \
	  .help = "frame rate for a folder of frames (default: timing.json, else 24)" }
/* The limits alone (convert's --fps is the output's; its input rate is
 * --folder-fps). */
#define CLI_DECODE_LIMIT_OPTS(S, m) \
	{ .name = "max-pixels", .type = CLI_UINT, .arg = "N", .min = 1, .max = 1e15, \
	  .field = offsetof(S, m.max_pixels), \
	  .help = "refuse frames over N pixels (default 67108864 = 8192x8192)" }, \
	{ .name = "max-frames", .type = CLI_UINT, .arg = "N", .min = 1, .max = 1000000, \
	  .field = offsetof(S, m.max_frames), \
	  .help = "refuse animations over N frames (default 10000)" }, \
	{ .name = "max-memory", .type = CLI_BYTES, .arg = "SIZE", .min = 1 << 20, \
	  .max = 1099511627776.0, .unit = 1 << 20, .field = offsetof(S, m.max_memory), \
	  .help = "refuse holding over SIZE of frames at once (a bare number is MiB; " \
	  "default 512MiB)" }, \
	{ .name = "max-decoded", .type = CLI_BYTES, .arg = "SIZE", .min = 1 << 20, \
	  .max = 17592186044416.0, .unit = 1 << 20, .field = offsetof(S, m.max_decoded), \
	  .help = "refuse decoding over SIZE of frames in all, or 4096 times the input's " \
	  "size when more (a bare number is MiB; default 1GiB)" }, \
	{ .name = "max-entries", .type = CLI_UINT, .arg = "N", .min = 1, .max = 4294967295.0, \
	  .field = offsetof(S, m.max_entries), \
	  .help = "refuse folders and lists over N entries (default 100000)" }
void cli_decode_apply(const struct cli_decode *d, stk_decode_options *opt);

/* Which project and what of it, shared by build and package: -C DIR,
 * --target (repeated), -j N, -o OUTDIR.  CLI_PROJECT_OPTS(S, m, verb,
 * output help) are its rows for a `struct cli_project m` in S;
 * cli_project_apply() puts it into the library's build options. */
#define CLI_MAX_TARGETS 32
struct cli_project {
	const char *dir, *outdir;
	const char *targets[CLI_MAX_TARGETS];
	size_t n_targets;
	uint64_t jobs;
};
/* --target's setter: .field is the offset of the struct cli_project. */
int cli_project_add_target(void *args, const struct cli_opt *o, const char *value);
#define CLI_PROJECT_OPTS(S, m, verb, output_help) \
	{ .name = "directory", .letter = 'C', .type = CLI_FILE, .arg = "DIR", \
	  .field = offsetof(S, m.dir), \
	  .help = "the project folder (default: the current one)" }, \
	{ .name = "target", .letter = 't', .type = CLI_CALL, .arg = "NAME", .takes_value = true, \
	  .set = cli_project_add_target, .field = offsetof(S, m), .profile_value = true, \
	  .help = verb " this store only (repeat for more; default: the manifest's targets)" }, \
	{ .name = "jobs", .letter = 'j', .type = CLI_UINT, .arg = "N", .min = 1, .max = 256, \
	  .field = offsetof(S, m.jobs), \
	  .help = "encode on N threads (default: the number of processors)" }, \
	{ .name = "output", .letter = 'o', .type = CLI_FILE, .arg = "OUTDIR", \
	  .field = offsetof(S, m.outdir), .help = output_help }
/* The project folder: -C's, else ".". */
const char *cli_project_dir(const struct cli_project *p);
void cli_project_apply(const struct cli_project *p, stk_build_options *o);

/* Options that set stk_resize_options, shared by resize and convert.  The
 * long names are stk_resize_option_set()'s words: each row hands its value
 * to cli_resize_set(), which checks it and records it in the args'
 * `struct cli_resize` (bound by CLI_RESIZE_OPTS(struct args, member)).  Each
 * command adds its own "size" row (the default differs). */
#define CLI_RESIZE_MAX 16
struct cli_resize {
	stk_resize_options opt;         /* the values, checked as they come */
	const char *name[CLI_RESIZE_MAX], *value[CLI_RESIZE_MAX];
	int n;
};
/* The row of one resize option taking a value (or a flag: arg NULL). */
#define CLI_RESIZE_ROW(n, a, h, S, m) \
	{ .name = n, .type = CLI_CALL, .arg = a, .takes_value = (a) != NULL, \
	  .set = cli_resize_set, .field = offsetof(S, m), .help = h }
#define CLI_RESIZE_OPTS(S, m) \
	CLI_RESIZE_ROW("max-size", "WxH", "canvas as big as the fitted art, at most W x H", S, m), \
	CLI_RESIZE_ROW("side", "N", "longer side exactly N, the other by aspect", S, m), \
	CLI_RESIZE_ROW("fit", "MODE", "contain (default), cover or fill, with --size", S, m), \
	CLI_RESIZE_ROW("margin", "N[%]", "empty border a side, in pixels or % of the shorter " \
	               "side", S, m), \
	CLI_RESIZE_ROW("gravity", "POS", "center (default), top, bottom, left, right, " \
	               "top-left, ...", S, m), \
	CLI_RESIZE_ROW("trim", NULL, "fit the art's alpha bounding box (all frames' union)", \
	               S, m), \
	CLI_RESIZE_ROW("trim-threshold", "N", "alpha above N counts as art (default 4; " \
	               "implies --trim)", S, m), \
	CLI_RESIZE_ROW("even", NULL, "round computed sides down to even numbers", S, m), \
	CLI_RESIZE_ROW("no-upscale", NULL, "never enlarge the art", S, m), \
	CLI_RESIZE_ROW("outline", "W[:C]", "die-cut stroke W pixels wide (default colour " \
	               "white)", S, m), \
	CLI_RESIZE_ROW("key", "C[:T]", "make background colour C transparent from the " \
	               "border (tolerance T, default 24)", S, m), \
	CLI_RESIZE_ROW("background", "C", "flatten onto colour C", S, m), \
	CLI_RESIZE_ROW("filter", "NAME", "lanczos3 (default), mitchell, box, nearest or pixel " \
	               "(pixel art enlarged by a whole number)", S, m)
int cli_resize_set(void *args, const struct cli_opt *o, const char *value);

/* The command being run (for messages from shared code), set by main.c. */
extern const struct cli_cmd *cli_current;

#endif
