/*
 * package.c - `stickerkit package`: builds the pack (incrementally: an
 * up-to-date build encodes nothing) and writes each store's submission
 * archives beside the built target folders.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "progress.h"

struct args {
	struct cli_project project;
	struct cli_decode decode;
};

static const char *const usage[] = {
	"stickerkit package [-C DIR] [--target NAME]... [-j N] [-o OUTDIR]",
	NULL,
};

static const struct cli_opt opts[] = {
	CLI_PROJECT_OPTS(struct args, project, "package",
	                 "the build folder, where the archives go too (default: DIR/dist)"),
	CLI_DECODE_LIMIT_OPTS(struct args, decode),
	{ NULL },
};

static int run(int argc, char **argv);

const struct cli_cmd cli_package = {
	.name = "package",
	.summary = "build a pack and write each store's submission archives, reproducibly",
	.usage = usage, .opts = opts, .run = run,
};

/* SOURCE_DATE_EPOCH (reproducible-builds.org): the archives' entry dates. */
static int source_date_epoch(int64_t *out)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	*out = -1;
	if (!v || !*v)
		return EXIT_OK;
	char *end;
	errno = 0;
	long long t = strtoll(v, &end, 10);
	if (errno || *end || t < 0)
		return cli_usage_error(&cli_package, "SOURCE_DATE_EPOCH is '%s', not a number of "
		                       "seconds", v);
	*out = t;
	return EXIT_OK;
}

static void print_failed(const stk_package_item *it)
{
	stk_buf text = { 0 };
	fprintf(stderr, "stickerkit package: %s not written: it would not pass %s:\n", it->file,
	        it->target);
	if (it->report && stk_report_write(it->report, STK_REPORT_TEXT, 0, &text, NULL) == STK_OK)
		fprintf(stderr, "%.*s", (int)text.len, (const char *)text.data);
	stk_buf_release(&text);
}

static int run_args(const struct args *a)
{
	stk_error err;
	stk_error_init(&err);
	const char *const *dirs = cli_profile_dirs();
	stk_package_options po;
	stk_package_options_init(&po);
	int status = source_date_epoch(&po.source_date_epoch);
	if (status != EXIT_OK)
		return status;
	po.profile_dirs = dirs;
	cli_decode_apply(&a->decode, &po.decode);
	stk_build_options bo;
	stk_build_options_init(&bo);
	cli_project_apply(&a->project, &bo);
	bo.decode = po.decode;

	stk_manifest *m = NULL;
	if (stk_manifest_load(cli_project_dir(&a->project), &m, &err) != STK_OK)
		return cli_report(&cli_package, &err);
	stk_package_result *r = NULL;
	struct cli_progress line;
	cli_progress_begin(&line, "package");
	bo.progress = cli_progress_hear;
	bo.progress_user = &line;
	stk_status s = stk_package(m, &bo, &po, &r, &err);
	cli_progress_end(&line);
	if (s != STK_OK) {
		status = cli_report(&cli_package, &err);
	} else if (stk_package_build_errors(r)) {
		fprintf(stderr, "stickerkit package: the build has %zu validation error%s (see "
		        "'stickerkit build'): nothing packaged\n", stk_package_build_errors(r),
		        stk_package_build_errors(r) == 1 ? "" : "s");
		status = EXIT_FINDINGS;
	} else {
		for (size_t i = 0; i < stk_package_count(r); i++) {
			const stk_package_item *it = stk_package_get(r, i);
			if (!it->written)
				print_failed(it);
			else if (cli_verbosity >= 0)
				printf("%-10s %-48s %9llu bytes, %zu %s\n", it->target, it->file,
				       (unsigned long long)it->bytes, it->entries,
				       it->folder ? "files" : "entries");
		}
		if (stk_package_failed(r)) {
			fprintf(stderr, "stickerkit package: %zu archive%s not written\n",
			        stk_package_failed(r), stk_package_failed(r) == 1 ? "" : "s");
			status = EXIT_FINDINGS;
		}
	}
	stk_package_result_free(r);
	stk_manifest_free(m);
	return status;
}

static int run(int argc, char **argv)
{
	struct args a = { 0 };
	int first, status = cli_parse(&cli_package, argc, argv, &a, &first);
	if (status != EXIT_OK)
		return status == CLI_HELP ? EXIT_OK : status;
	if (first < argc)
		return cli_usage_error(&cli_package, "unexpected '%s' (the project folder is -C DIR)",
		                       argv[first]);
	return run_args(&a);
}
