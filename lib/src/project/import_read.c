/*
 * import_read.c - an import's input, whole, into memory: a ZIP through the
 * pack reader (pack/zip_read.c: names, links, devices, entry count, sizes
 * and ratio capped there) or a folder walked with lstat() under the same
 * caps, where a link or a special file refuses the whole input.  Nothing
 * is written here, so a refusal leaves no trace.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "package_internal.h"

#define FOLDER_DEPTH 3   /* contents.json / <pack> / file, and no deeper */

struct caps {
	const stk_import_options *opt;
	uint64_t total;
	uint32_t entries;
};

static stk_status count(struct caps *c, const char *name, uint64_t bytes, stk_error *err)
{
	if (++c->entries > c->opt->max_entries)
		return stk__fail(err, STK_ERR_LIMIT, "more than %u files", c->opt->max_entries);
	if (bytes > c->opt->max_entry_bytes)
		return stk__fail(err, STK_ERR_LIMIT, "%s is larger than %llu bytes", name,
		                 (unsigned long long)c->opt->max_entry_bytes);
	c->total += bytes;
	if (c->total > c->opt->max_total_bytes)
		return stk__fail(err, STK_ERR_LIMIT, "the files add up to more than %llu bytes",
		                 (unsigned long long)c->opt->max_total_bytes);
	return STK_OK;
}

static stk_status walk(const char *dir, const char *prefix, int depth, struct caps *c,
                       stk__zip_out *files, stk_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return stk__fail_errno(err, STK_ERR_IO, errno, "cannot open folder %s", dir);
	stk_status s = STK_OK;
	struct dirent *de;
	while (s == STK_OK && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')   /* ".", "..", and hidden files are not the pack's */
			continue;
		size_t n = strlen(dir) + strlen(de->d_name) + 2;
		size_t m = strlen(prefix) + strlen(de->d_name) + 2;
		char *path = malloc(n), *name = malloc(m);
		struct stat st;
		if (!path || !name) {
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		} else {
			snprintf(path, n, "%s/%s", dir, de->d_name);
			snprintf(name, m, "%s%s%s", prefix, prefix[0] ? "/" : "", de->d_name);
			if (lstat(path, &st) != 0)
				s = stk__fail_errno(err, STK_ERR_IO, errno, "cannot read %s", path);
			else if (S_ISLNK(st.st_mode))
				s = stk__fail(err, STK_ERR_CORRUPT, "%s is a symbolic link: refused", name);
			else if (S_ISDIR(st.st_mode))
				s = depth + 1 < FOLDER_DEPTH ? walk(path, name, depth + 1, c, files, err)
				  : stk__fail(err, STK_ERR_LIMIT, "%s is nested deeper than a pack goes",
				              name);
			else if (!S_ISREG(st.st_mode))
				s = stk__fail(err, STK_ERR_CORRUPT, "%s is not a regular file: refused",
				              name);
			else if ((s = count(c, name, (uint64_t)st.st_size, err)) == STK_OK)
				s = stk__zip_out_add_file(files, name, path, err);
		}
		free(path);
		free(name);
	}
	closedir(d);
	return s;
}

static stk_status zip_entry(void *user, const char *name, const uint8_t *data, size_t len,
                            stk_error *err)
{
	return stk__zip_out_add(user, name, data, len, err);
}

stk_status stk__import_read(const char *input, const stk_import_options *opt,
                            stk__zip_out *files, bool *is_folder, stk_error *err)
{
	struct stat st;
	if (lstat(input, &st) != 0)
		return stk__fail_errno(err, STK_ERR_IO, errno, "cannot open");
	if (S_ISLNK(st.st_mode) && stat(input, &st) != 0)
		return stk__fail_errno(err, STK_ERR_IO, errno, "cannot open");
	*is_folder = S_ISDIR(st.st_mode);
	if (*is_folder) {
		struct caps c = { opt, 0, 0 };
		return walk(input, "", 0, &c, files, err);
	}
	if (!S_ISREG(st.st_mode))
		return stk__fail(err, STK_ERR_CORRUPT, "not a regular file or folder");
	stk_buf b = { 0 };
	/* A ZIP cannot hold more than its ratio allows, so its own size is capped too. */
	STK_TRY(stk_read_file(input, opt->max_total_bytes, &b, err));
	stk__zip_limits lim = { opt->max_entries, opt->max_entry_bytes, opt->max_total_bytes,
	                        opt->max_ratio };
	stk_status s = stk__zip_read_limited(b.data, b.len, &lim, zip_entry, files, err);
	stk_buf_release(&b);
	return s;
}
