/* build.c - `stickerkit build`: a pack project (stickerpack.json) for every
 * store it names, in parallel and incrementally; see stickerkit-build(1). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "progress.h"

struct args {
	struct cli_project project;
	const char *report;
	bool no_cache, watch;
	struct cli_decode decode;
};

static const char *const usage[] = {
	"stickerkit build [-C DIR] [--target NAME]... [-j N] [-o OUTDIR]",
	"                 [--report FILE.json] [--no-cache] [--quiet] [--watch]",
	NULL,
};

static const struct cli_opt opts[] = {
	CLI_PROJECT_OPTS(struct args, project, "build",
	                 "write under OUTDIR/<target>/ (default: DIR/dist)"),
	{ .name = "report", .type = CLI_FILE, .arg = "FILE", .field = offsetof(struct args, report),
	  .help = "write the build report as JSON to FILE" },
	{ .name = "no-cache", .type = CLI_FLAG, .field = offsetof(struct args, no_cache),
	  .help = "encode everything, neither reading nor writing the cache" },
	{ .name = "watch", .type = CLI_FLAG, .field = offsetof(struct args, watch),
	  .help = "rebuild and refresh the live preview (OUTDIR/preview) whenever a source or "
	  "the manifest changes, until Ctrl-C" },
	CLI_DECODE_LIMIT_OPTS(struct args, decode),
	{ NULL },
};

static int run(int argc, char **argv);

const struct cli_cmd cli_build = {
	.name = "build", .summary = "build a pack project for every store it names",
	.usage = usage, .opts = opts, .run = run,
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static bool cancelled(void *user)
{
	return stop_signal != 0;
}

struct progress {
	bool tty, quiet;
	struct timespec start;
	struct cli_progress line;   /* the shared progress line, on a terminal */
};

static double elapsed(const struct progress *p)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9;
}

/* The progress line on a terminal; one line per finished output otherwise.
 * Called one at a time (the library serialises it). */
static void on_progress(const stk_progress *ev, void *user)
{
	struct progress *p = user;
	if (p->quiet)
		return;
	if (p->tty) {
		char stage[32];
		snprintf(stage, sizeof stage, "%.1fs,", elapsed(p));
		p->line.what = ev->output;
		cli_progress_update(&p->line, stage, ev->done, ev->total, "done");
	} else {
		fprintf(stderr, "[%llu/%llu] %s%s\n", (unsigned long long)ev->done,
		        (unsigned long long)ev->total, ev->output,
		        ev->cached ? " (cached)" : "");
		fflush(stderr);
	}
}

/* v with `decimals` decimals and a suffix, or "-" when not known. */
static void print_number(char *buf, size_t size, double v, int decimals, const char *suffix,
                         bool have)
{
	if (have)
		snprintf(buf, size, "%.*f%s", decimals, v, suffix);
	else
		snprintf(buf, size, "-");
}

/* The summary table: one line per output. */
static void print_summary(const stk_build_result *r)
{
	printf("%-10s %-34s %9s %9s %5s %7s %5s %7s %6s\n", "target", "output", "bytes",
	       "budget", "use", "quality", "fps", "encodes", "ssim");
	for (size_t i = 0; i < stk_build_row_count(r); i++) {
		const stk_build_row *w = stk_build_get_row(r, i);
		char budget[24], use[16], q[16], fps[16], ssim[16];
		print_number(budget, sizeof budget, (double)w->budget, 0, "", w->budget > 0);
		print_number(use, sizeof use, w->budget ? 100.0 * (double)w->bytes / (double)w->budget
		             : 0, 0, "%", w->budget > 0);
		if (w->lossless)
			snprintf(q, sizeof q, "lossless");
		else
			print_number(q, sizeof q, w->quality, 0, "", true);
		print_number(fps, sizeof fps, w->fps, 1, "", w->fps > 0);
		print_number(ssim, sizeof ssim, w->ssim, 4, "", w->ssim >= 0);
		char enc[16];
		snprintf(enc, sizeof enc, "%s", w->cached ? "cached" : "");
		if (!w->cached)
			snprintf(enc, sizeof enc, "%u", w->encodes);
		printf("%-10s %-34s %9llu %9s %5s %7s %5s %7s %6s\n", w->target, w->output,
		       (unsigned long long)w->bytes, budget, use, q, fps, enc, ssim);
	}
}

static int write_report(const struct args *a, const stk_build_result *r)
{
	stk_buf json = { 0 };
	stk_error err;
	stk_error_init(&err);
	stk_status s = stk_build_report_json(r, &json, &err);
	if (s == STK_OK) {
		char *text = malloc(json.len + 1);
		if (!text) {
			stk_buf_release(&json);
			return EXIT_INTERNAL;
		}
		memcpy(text, json.data, json.len);
		text[json.len] = '\n';
		s = stk_write_file_atomic(a->report, text, json.len + 1, &err);
		free(text);
	}
	stk_buf_release(&json);
	return s == STK_OK ? EXIT_OK : cli_report(&cli_build, &err);
}

/* Findings of every target, as validate prints them; with -q only the
 * errors, one line each. */
static void print_findings(const stk_build_result *r)
{
	for (size_t i = 0; i < stk_build_target_count(r); i++) {
		const stk_report *rep = stk_build_target_report(r, i);
		if (!stk_report_count(rep))
			continue;
		if (cli_verbosity < 0) {
			for (size_t k = 0; k < stk_report_count(rep); k++) {
				const stk_finding *f = stk_report_get(rep, k);
				if (f->severity == STK_SEVERITY_ERROR)
					fprintf(stderr, "stickerkit build: %s: %s: error %s: %s\n",
					        stk_build_target(r, i), f->file, f->rule, f->message);
			}
			continue;
		}
		stk_buf text = { 0 };
		if (stk_report_write(rep, STK_REPORT_TEXT, 0, &text, NULL) == STK_OK)
			fprintf(stderr, "%s: validation of what was built:\n%.*s", stk_build_target(r, i),
			        (int)text.len, (const char *)text.data);
		stk_buf_release(&text);
	}
}

/* The summary, notes, findings and report of a finished build. */
static int report_build(const struct args *a, const stk_build_result *r,
                        const struct progress *prog)
{
	int status = EXIT_OK;
	if (cli_verbosity >= 0)
		print_summary(r);
	for (size_t i = 0; cli_verbosity >= 0 && i < stk_build_note_count(r); i++)
		fprintf(stderr, "stickerkit build: note: %s\n", stk_build_note(r, i));
	print_findings(r);
	if (cli_verbosity >= 0)
		fprintf(stderr, "stickerkit build: %zu outputs (%zu encoded, %zu of them on another "
		        "target's fitted frames; %zu from the cache) in %s, %.1fs\n",
		        stk_build_row_count(r), stk_build_encoded(r), stk_build_fits_shared(r),
		        stk_build_row_count(r) - stk_build_encoded(r), stk_build_outdir(r),
		        elapsed(prog));
	if (stk_build_errors(r)) {
		fprintf(stderr, "stickerkit build: %zu validation error%s in what was built\n",
		        stk_build_errors(r), stk_build_errors(r) == 1 ? "" : "s");
		status = EXIT_FINDINGS;
	}
	if (a->report) {
		int rs = write_report(a, r);
		if (status == EXIT_OK)
			status = rs;
	}
	return status;
}

/* build --watch: the loop is the library's (stk_build_watch); each round
 * is reported here. */
struct watch_ctx {
	const struct args *a;
	struct progress *prog;
};

static void on_round(void *user, const stk_build_result *r, stk_status st,
                     const stk_error *err, const char *stamp)
{
	struct watch_ctx *w = user;
	cli_progress_end(&w->prog->line);
	if (r) {
		report_build(w->a, r, w->prog);
		if (*stamp)
			fprintf(stderr, "stickerkit build: preview %s/preview/index.html, build %s\n",
			        stk_build_outdir(r), stamp);
	} else if (st != STK_OK) {
		cli_report(&cli_build, err);
	}
	if (!stop_signal)
		fprintf(stderr, "stickerkit build: watching for changes; Ctrl-C stops\n");
}

static void on_change(void *user, const char *path)
{
	struct watch_ctx *w = user;
	fprintf(stderr, "stickerkit build: changed: %s\n", path);
	clock_gettime(CLOCK_MONOTONIC, &w->prog->start);   /* the next round's time */
	cli_progress_begin(&w->prog->line, "build");
}

static int watch(const struct args *a, stk_build_options *o, struct progress *prog)
{
	struct watch_ctx ctx = { a, prog };
	stk_watch_options wo;
	stk_error err;
	stk_error_init(&err);
	stk_watch_options_init(&wo);
	wo.round = on_round;
	wo.changed = on_change;
	wo.user = &ctx;
	if (stk_build_watch(cli_project_dir(&a->project), o, &wo, &err) != STK_OK)
		return cli_report(&cli_build, &err);
	return EXIT_OK;   /* Ctrl-C is how a watch ends */
}

static int build(struct args *a)
{
	stk_error err;
	stk_error_init(&err);
	stk_manifest *m = NULL;
	if (stk_manifest_load(cli_project_dir(&a->project), &m, &err) != STK_OK)
		return cli_report(&cli_build, &err);
	if (a->report && stk_manifest_uses_file(m, a->report)) {
		stk_manifest_free(m);
		return cli_usage_error(&cli_build, "--report %s is a source of the pack: refusing to "
		                       "write over it", a->report);
	}
	struct progress prog;
	memset(&prog, 0, sizeof prog);
	prog.tty = isatty(STDERR_FILENO) != 0;
	prog.quiet = cli_verbosity < 0;
	clock_gettime(CLOCK_MONOTONIC, &prog.start);
	cli_progress_begin(&prog.line, "build");
	stk_build_options o;
	stk_build_options_init(&o);
	cli_project_apply(&a->project, &o);
	cli_decode_apply(&a->decode, &o.decode);
	o.no_cache = a->no_cache;
	o.progress = on_progress;
	o.progress_user = &prog;
	o.cancelled = cancelled;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (a->watch) {
		stk_manifest_free(m);
		return watch(a, &o, &prog);
	}
	stk_build_result *r = NULL;
	stk_status s = stk_build(m, &o, &r, &err);
	int status = EXIT_OK;
	cli_progress_end(&prog.line);
	if (s != STK_OK) {
		status = cli_report(&cli_build, &err);
	} else {
		status = report_build(a, r, &prog);
	}
	stk_build_result_free(r);
	stk_manifest_free(m);
	if (stop_signal) {
		/* Die of the signal, as the shell expects, once nothing is half-written. */
		fflush(stdout);
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
	}
	return status;
}

static int run(int argc, char **argv)
{
	struct args a;
	memset(&a, 0, sizeof a);
	int first, status = cli_parse(&cli_build, argc, argv, &a, &first);
	if (status != EXIT_OK)
		return status == CLI_HELP ? EXIT_OK : status;
	if (first < argc)
		return cli_usage_error(&cli_build, "unexpected '%s' (the project folder is -C DIR)",
		                       argv[first]);
	return build(&a);
}
