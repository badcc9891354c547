/* convert.c - `stickerkit convert`: a sticker file under a store's byte
 * budget, with the store's settings from its profile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd.h"
#include "progress.h"

#define MAX_EMOJIS 16

static const char *const policies[] = { "fail", "speedup", "trim", "drop-frames", NULL };

struct args {
	stk_convert_options opt;
	stk_decode_options dopt;
	stk_wa_metadata wa;
	const char *emojis[MAX_EMOJIS];
	const char *profile, *output, *report, *input;
	/* explicit values, applied over the profile's */
	uint64_t max_bytes, max_duration, colors;
	double quality, min_quality, fps, min_fps, min_ssim, stabilise;
	int policy;                 /* index in policies[], -1 = the profile's */
	bool lossy, no_alpha, all_keyframes, no_all_keyframes, strip;
	bool frame_step, constant, keep_durations, no_clobber;
	stk_convert_request req;
	stk_profile *prof;          /* the profile's rules, to check the result */
	struct cli_resize resize;
	struct cli_decode decode;
};

/* Rows whose values exclude each other. */
enum { KEYFRAMES = 1, TIMING };

static int add_emoji(void *args, const struct cli_opt *o, const char *value)
{
	struct args *a = args;
	if (a->wa.n_emojis == MAX_EMOJIS)
		return cli_usage_error(&cli_convert, "at most %d --emoji", MAX_EMOJIS);
	a->emojis[a->wa.n_emojis++] = value;
	return EXIT_OK;
}

static const char *const usage[] = {
	"stickerkit convert [--profile NAME|FILE] [--max-bytes SIZE]",
	"                   [--quality Q] [--fps N] [--emoji E]...",
	"                   [--duration-policy fail|speedup|trim|drop-frames]",
	"                   [--pack-id ID --pack-name N --publisher P]",
	"                   [--min-ssim X] [--report FILE.json] [RESIZE OPTIONS]",
	"                   IN -o OUT",
	NULL,
};

#define F(m) .field = offsetof(struct args, m)
static const struct cli_opt opts[] = {
	{ .name = "output", .letter = 'o', .type = CLI_FILE, .arg = "OUT", F(output),
	  .help = "write here ('-' for standard output); the extension picks the format "
	  "(.webp .png .apng .gif .webm), with a profile among those the store takes; without "
	  "one, the best of them" },
	{ .name = "profile", .letter = 'p', .type = CLI_PROFILE, .arg = "NAME|FILE", F(profile),
	  .help = "store profile whose sticker rules set canvas, formats, budgets and timing: "
	  "a name (whatsapp, signal, line, discord, kakaotalk, wechat, imessage, telegram: "
	  "animations as WEBM video; viber: stills only) or a file; the result is checked "
	  "against its rules before it is written (errors: nothing written, exit 1)" },
	{ .name = "max-bytes", .type = CLI_BYTES, .arg = "SIZE", .min = 1, .max = 4294967295.0,
	  F(max_bytes), .help = "byte budget, e.g. 100k or 500KiB (lowers the profile's, never "
	  "raises it: capped at the store's limit)" },
	{ .name = "max-duration", .type = CLI_UINT, .arg = "MS", .min = 1, .max = 4294967295.0,
	  F(max_duration), .help = "longest animation in milliseconds (overrides the profile's; "
	  "longer ones go to --duration-policy)" },
	{ .name = "quality", .type = CLI_NUMBER, .arg = "Q", .min = 0, .max = 100, F(quality),
	  .help = "lossy quality ceiling 0..100 (default 100)" },
	{ .name = "min-quality", .type = CLI_NUMBER, .arg = "Q", .min = 0, .max = 100,
	  F(min_quality), .help = "lowest lossy quality to search (default 0)" },
	{ .name = "fps", .type = CLI_NUMBER, .arg = "N", .min = 0.1, .max = 1000, F(fps),
	  .help = "frame rate cap; frames are merged, the duration kept" },
	{ .name = "min-fps", .type = CLI_NUMBER, .arg = "N", .min = 0.1, .max = 1000, F(min_fps),
	  .help = "lowest frame rate the search may go to (default 4)" },
	{ .name = "duration-policy", .type = CLI_CHOICE, .arg = "P", .choices = policies,
	  F(policy), .help = "too long for the store: fail (default), speedup, trim or "
	  "drop-frames" },
	{ .name = "emoji", .type = CLI_CALL, .arg = "E", .takes_value = true, .set = add_emoji,
	  .help = "WhatsApp metadata: an emoji (repeat for more)" },
	{ .name = "pack-id", .type = CLI_STRING, .arg = "ID", F(wa.pack_id),
	  .help = "WhatsApp metadata: pack id (default: from the pack name)" },
	{ .name = "pack-name", .type = CLI_STRING, .arg = "N", F(wa.pack_name),
	  .help = "WhatsApp metadata: pack name" },
	{ .name = "publisher", .type = CLI_STRING, .arg = "P", F(wa.publisher),
	  .help = "WhatsApp metadata: publisher" },
	{ .name = "strip", .type = CLI_FLAG, F(strip),
	  .help = "write no metadata (a source's WhatsApp EXIF is kept otherwise)" },
	{ .name = "min-ssim", .type = CLI_NUMBER, .arg = "X", .min = 0, .max = 1, F(min_ssim),
	  .help = "fail when the result's SSIM is below X" },
	{ .name = "no-clobber", .letter = 'n', .type = CLI_FLAG, F(no_clobber),
	  .help = "never replace an existing OUT (or --report FILE): leave it and say so" },
	{ .name = "report", .type = CLI_FILE, .arg = "FILE", F(report),
	  .help = "write the report as JSON to FILE" },
	{ .name = "lossy", .type = CLI_FLAG, F(lossy), .help = "do not try lossless WebP first" },
	{ .name = "no-alpha-fallback", .type = CLI_FLAG, F(no_alpha),
	  .help = "never lower the alpha plane's quality to fit" },
	{ .name = "all-keyframes", .type = CLI_FLAG, F(all_keyframes), .group = KEYFRAMES,
	  .help = "animated WebP: every frame a keyframe (the whatsapp profile's default)" },
	{ .name = "no-all-keyframes", .type = CLI_FLAG, F(no_all_keyframes), .group = KEYFRAMES,
	  .help = "animated WebP: keyframes only where the encoder wants them, even if the "
	  "profile asks for all" },
	{ .name = "frame-step", .type = CLI_FLAG, F(frame_step), .group = TIMING,
	  .help = "one constant frame rate, a hold as one frame lasting whole steps (the "
	  "whatsapp profile's default)" },
	{ .name = "constant-frame-duration", .type = CLI_FLAG, F(constant), .group = TIMING,
	  .help = "one duration for every frame, holds as repeated frames" },
	{ .name = "keep-frame-durations", .type = CLI_FLAG, F(keep_durations), .group = TIMING,
	  .help = "keep the source's varying frame durations" },
	{ .name = "stabilise", .type = CLI_NUMBER, .arg = "N", .min = 0, .max = 64, F(stabilise),
	  .help = "temporal-noise threshold in levels (default 3, 0 = off)" },
	{ .name = "colors", .type = CLI_UINT, .arg = "N", .min = 2, .max = 256, F(colors),
	  .help = "PNG/APNG/GIF: most palette colours (default 256)" },
	CLI_RESIZE_ROW("size", "WxH", "canvas exactly W x H (default: the profile's, or the "
	               "source's size)", struct args, resize),
	CLI_RESIZE_OPTS(struct args, resize),
	{ .name = "folder-fps", .type = CLI_NUMBER, .arg = "N", .min = 0.01, .max = 1000,
	  F(decode.fps), .help = "frame rate of a folder of frames without timing.json "
	  "(default 24)" },
	CLI_DECODE_LIMIT_OPTS(struct args, decode),
	{ NULL },
};
#undef F

static int run(int argc, char **argv);

const struct cli_cmd cli_convert = {
	.name = "convert",
	.summary = "encode a sticker under a store's byte budget at the best quality that fits",
	.usage = usage, .opts = opts, .flags = CLI_NEEDS_PROFILE | CLI_TAKES_FILES, .run = run,
};

static int parse(struct args *a, int argc, char **argv)
{
	int first, status = cli_parse(&cli_convert, argc, argv, a, &first);
	if (status != EXIT_OK)
		return status;
	cli_decode_apply(&a->decode, &a->dopt);
	int noperands = argc - first;
	if (noperands != 1)
		return cli_usage_error(&cli_convert, noperands ? "one input at a time"
		                       : "no input given");
	if (!a->output)
		return cli_usage_error(&cli_convert, "no output given (-o OUT)");
	a->input = argv[first];
	return EXIT_OK;
}

/* The profile's settings and the options given over them: the library's
 * policy (stk_convert_settle), the profile opened as every command opens
 * it.  A request the library refuses is a usage error. */
static int settle_options(struct args *a)
{
	stk_convert_request *r = &a->req;
	stk_convert_request_init(r);
	r->profile = a->profile;
	r->input = a->input;
	r->output = a->output;
	r->max_bytes = a->max_bytes;
	r->max_duration_ms = (uint32_t)a->max_duration;
	r->quality = a->quality;
	r->min_quality = a->min_quality;
	r->max_fps = a->fps;
	r->min_fps = a->min_fps;
	r->duration_policy = a->policy;
	r->min_ssim = a->min_ssim;
	r->stabilise = (int)a->stabilise;
	r->colors = (int)a->colors;
	r->lossy = a->lossy;
	r->no_alpha_fallback = a->no_alpha;
	r->strip = a->strip;
	if (a->all_keyframes || a->no_all_keyframes)
		r->all_keyframes = a->all_keyframes;
	r->frame_timing = a->frame_step ? STK_FRAME_TIMING_STEP
	                  : a->constant ? STK_FRAME_TIMING_CONSTANT
	                  : a->keep_durations ? STK_FRAME_TIMING_SOURCE : -1;
	if (a->wa.n_emojis || a->wa.pack_id || a->wa.pack_name || a->wa.publisher) {
		a->wa.emojis = a->emojis;
		r->whatsapp = &a->wa;
	}
	r->nresize = (size_t)a->resize.n;
	r->resize_name = a->resize.name;
	r->resize_value = a->resize.value;
	if (a->report && (stk_same_file(a->report, a->input) ||
	                  stk_same_file(a->report, a->output)))
		return cli_usage_error(&cli_convert, "--report '%s' is the input or the output",
		                       a->report);

	stk_profile *p = NULL;
	int status = a->profile ? cli_profile_open(&cli_convert, a->profile, "--profile", &p)
	                        : EXIT_OK;
	if (status != EXIT_OK)
		return status;
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_convert_settle(&a->opt, p, r, &err);
	a->prof = p;
	if (s == STK_ERR_PROFILE)
		return cli_usage_error(&cli_convert, "--profile: %s", err.msg);
	if (s != STK_OK)
		return cli_usage_error(&cli_convert, "%s", err.msg);
	return EXIT_OK;
}

/* -n: an existing output is left alone (and the work skipped). */
static bool kept(const struct args *a, const char *path)
{
	if (!a->no_clobber || !path || strcmp(path, "-") == 0 || access(path, F_OK) != 0)
		return false;
	if (cli_verbosity >= 0)
		fprintf(stderr, "stickerkit convert: %s exists, left as it is (--no-clobber)\n",
		        path);
	return true;
}

static stk_status write_out(const struct args *a, const char *path, const void *data,
                            size_t len, stk_error *err)
{
	return a->no_clobber ? stk_write_file_new(path, data, len, err)
	                     : stk_write_file_atomic(path, data, len, err);
}

static int write_report(struct args *a, const stk_convert_report *rep)
{
	stk_buf json = { 0 };
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_convert_report_json(rep, a->input, a->output, &json, &err);
	if (s == STK_OK) {
		char *text = malloc(json.len + 2);
		if (!text) {
			stk_buf_release(&json);
			fprintf(stderr, "stickerkit convert: out of memory\n");
			return EXIT_INTERNAL;
		}
		memcpy(text, json.data, json.len);
		text[json.len] = '\n';
		s = write_out(a, a->report, text, json.len + 1, &err);
		free(text);
	}
	stk_buf_release(&json);
	return s == STK_OK ? EXIT_OK : cli_report(&cli_convert, &err);
}

static void print_report(const struct args *a, const stk_convert_report *rep)
{
	stk_buf text = { 0 };
	if (cli_verbosity < 0 || stk_convert_report_text(rep, a->input, &text, NULL) != STK_OK)
		return;
	fprintf(stderr, "%.*s\n", (int)text.len, (const char *)text.data);
	stk_buf_release(&text);
}

/* What validate --profile would say of the bytes about to be written
 * (stk_validate_bytes): an error keeps them from being written (exit 1),
 * a warning is said on stderr. */
static int check_result(const struct args *a, const stk_buf *out)
{
	stk_report *r = NULL;
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_report_new(stk_profile_id(a->prof), &r, &err);
	if (s == STK_OK)
		s = stk_validate_bytes(a->prof, out->data, out->len, a->output, NULL, r, &err);
	if (s != STK_OK) {
		stk_report_free(r);
		return cli_report(&cli_convert, &err);
	}
	size_t errors = stk_report_errors(r);
	for (size_t i = 0; i < stk_report_count(r); i++) {
		const stk_finding *f = stk_report_get(r, i);
		bool error = f->severity == STK_SEVERITY_ERROR;
		if (!error && cli_verbosity < 0)
			continue;
		char frame[32] = "";
		if (f->frame >= 0)
			snprintf(frame, sizeof frame, "frame %d: ", f->frame + 1);
		fprintf(stderr, "stickerkit convert: %s: %s %s: %s%s%s%s%s\n", a->output,
		        error ? "error" : "warning", f->rule, frame, f->message,
		        f->fix ? " (fix: " : "", f->fix ? f->fix : "", f->fix ? ")" : "");
	}
	if (errors)
		fprintf(stderr, "stickerkit convert: %s: not written: the result breaks %zu of "
		        "the %s profile's rules\n", a->output, errors, stk_profile_id(a->prof));
	stk_report_free(r);
	return errors ? EXIT_FINDINGS : EXIT_OK;
}

/* The progress line: frames read, then the search's encodes; with -v
 * every encode of the search on a line of its own. */
static void on_progress(const stk_progress *p, void *user)
{
	struct cli_progress *line = user;
	if (p->step && cli_verbosity > 0) {
		cli_progress_end(line);
		fprintf(stderr, "stickerkit convert: %s: %s\n", line->what, p->step);
	}
	cli_progress_update(line, p->stage, p->done, p->total, p->unit);
}

static int convert(struct args *a)
{
	stk_convert_report rep;
	stk_buf out = { 0 };
	stk_error err;
	stk_error_init(&err);
	if (kept(a, a->output))
		return EXIT_OK;
	struct cli_progress line;
	cli_progress_begin(&line, a->input);
	a->opt.progress = on_progress;
	a->opt.progress_user = &line;
	stk_status s = stk_convert_file(a->input, &a->dopt, &a->opt, &out, &rep, &err);
	cli_progress_end(&line);
	if ((s == STK_OK || s == STK_ERR_BUDGET) && a->max_bytes > rep.budget && rep.budget &&
	    cli_verbosity >= 0)
		fprintf(stderr, "stickerkit convert: --max-bytes %llu is over the %s profile's "
		        "limit for this sticker: capped at its %llu bytes\n",
		        (unsigned long long)a->max_bytes, a->profile, (unsigned long long)rep.budget);
	if (s == STK_OK && stk_convert_check_written(&a->req, rep.format, &err) != STK_OK) {
		stk_buf_release(&out);
		return cli_usage_error(&cli_convert, "%s", err.msg);
	}
	int status = EXIT_OK;
	if (s == STK_OK && a->prof && (status = check_result(a, &out)) != EXIT_OK) {
		stk_buf_release(&out);
		return status;
	}
	if (s == STK_OK)
		s = write_out(a, a->output, out.data, out.len, &err);
	stk_buf_release(&out);
	if (s == STK_OK)
		print_report(a, &rep);
	else
		status = cli_report(&cli_convert, &err);
	if (a->report && (s == STK_OK || s == STK_ERR_BUDGET) && !kept(a, a->report)) {
		int r = write_report(a, &rep);
		if (status == EXIT_OK)
			status = r;
	}
	return status;
}

static int run(int argc, char **argv)
{
	struct args a;
	memset(&a, 0, sizeof a);
	stk_convert_options_init(&a.opt);
	stk_decode_options_init(&a.dopt);
	stk_resize_options_init(&a.resize.opt);
	a.quality = a.min_quality = -1;
	a.stabilise = -1;
	a.policy = -1;
	int status = parse(&a, argc, argv);
	if (status == CLI_HELP)
		return EXIT_OK;
	if (status == EXIT_OK)
		status = settle_options(&a);
	if (status == EXIT_OK)
		status = convert(&a);
	stk_profile_free(a.prof);
	return status;
}
