/*
 * package.c - stk_package_built(): each built target's store archives
 * (pack/store_archives.c), written reproducibly (pack/zip_write.c), read
 * back byte for byte, and checked by validate with the target's profile
 * while still a temporary file: one that would not pass is never renamed
 * into place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "package_internal.h"

void stk_package_options_init(stk_package_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->source_date_epoch = -1;
	stk_decode_options_init(&opt->decode);
}

struct item {
	stk_package_item pub;
	char *target, *pack, *file;
	stk_report *report;
};

struct stk_package_result {
	struct item *items;
	size_t n, cap;
	size_t build_errors;
};

stk_status stk__package_result_empty(stk_package_result **out, size_t build_errors,
                                     stk_error *err)
{
	if (!(*out = calloc(1, sizeof **out)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	(*out)->build_errors = build_errors;
	return STK_OK;
}

size_t stk_package_build_errors(const stk_package_result *r)
{
	return r ? r->build_errors : 0;
}

void stk_package_result_free(stk_package_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->items[i].target);
		free(r->items[i].pack);
		free(r->items[i].file);
		stk_report_free(r->items[i].report);
	}
	free(r->items);
	free(r);
}

size_t stk_package_count(const stk_package_result *r)
{
	return r ? r->n : 0;
}

const stk_package_item *stk_package_get(const stk_package_result *r, size_t i)
{
	return r && i < r->n ? &r->items[i].pub : NULL;
}

size_t stk_package_failed(const stk_package_result *r)
{
	size_t n = 0;
	for (size_t i = 0; r && i < r->n; i++)
		n += !r->items[i].pub.written;
	return n;
}

static struct item *add_item(stk_package_result *r, const char *target, const char *pack,
                             const char *file, stk_error *err)
{
	struct item *grown = stk__grow_array(r->items, sizeof *r->items, r->n + 1, &r->cap, 16);
	if (!grown) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	r->items = grown;
	struct item *it = &r->items[r->n];
	memset(it, 0, sizeof *it);
	it->target = strdup(target);
	it->pack = strdup(pack);
	it->file = strdup(file);
	if (!it->target || !it->pack || !it->file) {
		free(it->target);
		free(it->pack);
		free(it->file);
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	it->pub.target = it->target;
	it->pub.pack = it->pack;
	it->pub.file = it->file;
	r->n++;
	return it;
}

/* ---- one archive ---- */

struct check {
	const stk_profile *p;
	const stk_package_options *opt;
	stk_report *report;
};

/* validate on the temporary archive: the profile's verdict, before rename. */
static stk_status check_archive(void *user, const char *tmp, stk_error *err)
{
	struct check *c = user;
	stk_validate_options vo;
	stk_validate_options_init(&vo);
	vo.decode = c->opt->decode;
	STK_TRY(stk_validate_path(c->p, tmp, &vo, c->report, err));
	if (stk_report_errors(c->report) || stk_report_unreadable(c->report))
		return stk__fail(err, STK_ERR_BUDGET, "would not pass %s", stk_profile_id(c->p));
	return STK_OK;
}

static stk_status write_archive(const stk__store_archive *a, const char *path,
                                const stk_profile *p, const stk_package_options *opt,
                                struct item *it, stk_error *err)
{
	stk_buf zip = { 0 };
	STK_TRY(stk__zip_out_build(a->entries, opt->source_date_epoch, &zip, err));
	stk_status s = stk__zip_out_verify(a->entries, zip.data, zip.len, err);
	struct check c = { p, opt, NULL };
	if (s == STK_OK)
		s = stk_report_new(stk_profile_id(p), &c.report, err);
	if (s == STK_OK) {
		stk_error e;
		stk_error_init(&e);
		s = stk__write_file_checked(path, zip.data, zip.len, check_archive, &c, &e);
		if (s == STK_ERR_BUDGET) {   /* findings, not an error: reported */
			s = STK_OK;
		} else if (s != STK_OK) {
			if (err)
				*err = e;
		} else {
			it->pub.written = true;
		}
	}
	it->report = c.report;
	it->pub.report = c.report;
	it->pub.bytes = zip.len;
	it->pub.entries = stk__zip_out_count(a->entries);
	stk_buf_release(&zip);
	return s;
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

static stk_status package_target(const char *builddir, const char *outdir,
                                 const char *identifier, const char *target,
                                 const stk_package_options *opt, stk_package_result *r,
                                 stk_error *err)
{
	struct stat st;
	char *dir = join(builddir, target);
	if (!dir)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		stk_status s = stk__fail_errno(err, STK_ERR_IO, errno ? errno : ENOTDIR,
		                               "target %s is not built", target);
		stk__error_set_file(err, dir);
		free(dir);
		return s;
	}
	stk_profile *p = NULL;
	stk__store_archives list;
	stk_status s = stk_profile_open(target, opt->profile_dirs, &p, err);
	if (s == STK_OK)
		s = stk__store_archives_plan(dir, target, identifier, &list, err);
	free(dir);
	if (s != STK_OK) {
		stk_profile_free(p);
		return s;
	}
	for (size_t i = 0; s == STK_OK && i < list.n; i++) {
		const stk__store_archive *a = &list.a[i];
		char *path = join(outdir, a->file);
		struct item *it = path ? add_item(r, target, a->pack, path, err) : NULL;
		if (!it)
			s = path ? (err ? err->code : STK_ERR_NOMEM)
			         : stk__fail(err, STK_ERR_NOMEM, "out of memory");
		if (s == STK_OK)
			s = write_archive(a, path, p, opt, it, err);
		/* The upload folder only beside an archive that passed. */
		if (s == STK_OK && a->folder && it->pub.written) {
			char *fpath = join(outdir, a->folder);
			struct item *fi = fpath ? add_item(r, target, a->pack, fpath, err) : NULL;
			if (!fi)
				s = fpath ? (err ? err->code : STK_ERR_NOMEM)
				          : stk__fail(err, STK_ERR_NOMEM, "out of memory");
			else {
				fi->pub.folder = true;
				fi->pub.entries = stk__zip_out_count(a->folder_entries);
				fi->pub.bytes = stk__zip_out_bytes(a->folder_entries);
				s = stk__zip_out_write_folder(a->folder_entries, fpath, err);
				fi->pub.written = s == STK_OK;
			}
			free(fpath);
		}
		free(path);
	}
	stk__store_archives_release(&list);
	stk_profile_free(p);
	return s;
}

stk_status stk_package_built(const char *builddir, const char *identifier,
                             const char *const *targets, size_t n_targets,
                             const stk_package_options *opt, stk_package_result **out,
                             stk_error *err)
{
	*out = NULL;
	stk_package_options defaults;
	if (!opt) {
		stk_package_options_init(&defaults);
		opt = &defaults;
	}
	if (!identifier || !identifier[0] || strchr(identifier, '/'))
		return stk__fail(err, STK_ERR_INVALID_ARG, "package: no usable pack identifier");
	const char *outdir = opt->outdir ? opt->outdir : builddir;
	if (outdir != builddir && mkdir(outdir, 0777) != 0 && errno != EEXIST) {
		stk_status s = stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot create the folder");
		stk__error_set_file(err, outdir);
		return s;
	}
	stk_package_result *r = calloc(1, sizeof *r);
	if (!r)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = STK_OK;
	for (size_t i = 0; s == STK_OK && i < n_targets; i++)
		s = package_target(builddir, outdir, identifier, targets[i], opt, r, err);
	if (s != STK_OK) {
		stk_package_result_free(r);
		return s;
	}
	*out = r;
	return STK_OK;
}
