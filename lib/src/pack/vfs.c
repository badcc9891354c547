/*
 * vfs.c - a folder or a ZIP archive as one list of files (stk__vfs), so a
 * pack reads the same whether it is unpacked or not.  A folder lists its
 * own files and reads them when asked; an archive is read whole (with the
 * caps of stk_limits.h) into memory once, its entries sorted by name.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "pack_internal.h"
#include "stk_limits.h"

void stk__vfs_release(stk__vfs *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->e[i].name);
		free(v->e[i].data);
	}
	free(v->e);
	free(v->root);
	memset(v, 0, sizeof *v);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const stk__vfs_entry *)a)->name, ((const stk__vfs_entry *)b)->name);
}

void stk__vfs_sort(stk__vfs *v)
{
	qsort(v->e, v->n, sizeof *v->e, by_name);
}

/* Archive entries are sorted by name once read: a lookup is a bsearch, so
 * a manifest naming 100000 stickers stays linear. */
static const stk__vfs_entry *vfs_find(const stk__vfs *v, const char *name)
{
	stk__vfs_entry key = { (char *)name, NULL, 0 };
	return v->n ? bsearch(&key, v->e, v->n, sizeof *v->e, by_name) : NULL;
}

const char *stk__vfs_label(const stk__vfs *v, const char *name, char *buf, size_t size)
{
	size_t n = strlen(v->root);
	const char *sep = v->archive ? ":" : (n && v->root[n - 1] == '/') ? "" : "/";
	snprintf(buf, size, "%s%s%s", v->root, sep, name);
	return buf;
}

/* A folder's entry exists when it is there and not a folder: a link, FIFO,
 * device or socket exists too, and reading it says what it is (never
 * following the link nor blocking; see stk__open_regular()). */
bool stk__vfs_exists(const stk__vfs *v, const char *name)
{
	char path[4096];
	struct stat st;
	if (v->archive)
		return vfs_find(v, name) != NULL;
	return lstat(stk__vfs_label(v, name, path, sizeof path), &st) == 0 && !S_ISDIR(st.st_mode);
}

static stk_status vfs_read_capped(const stk__vfs *v, const char *name, uint64_t max,
                                  stk_buf *out, stk_error *err)
{
	char path[4096];
	out->data = NULL;
	out->len = 0;
	if (!v->archive)
		return stk__read_file_mode(stk__vfs_label(v, name, path, sizeof path), max,
		                           STK__OPEN_ENTRY, out, err);
	const stk__vfs_entry *e = vfs_find(v, name);
	if (!e)
		return stk__fail_errno(err, STK_ERR_IO, ENOENT, "not in the archive");
	if (e->len > max)
		return stk__fail(err, STK_ERR_LIMIT, "%s is %zu bytes, over the limit of %llu",
		                 name, e->len, (unsigned long long)max);
	out->data = malloc(e->len ? e->len : 1);
	if (!out->data)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memcpy(out->data, e->data, e->len);
	out->len = e->len;
	return STK_OK;
}

stk_status stk__vfs_read(const stk__vfs *v, const char *name, stk_buf *out, stk_error *err)
{
	return vfs_read_capped(v, name, v->opt->max_input_bytes, out, err);
}

stk_status stk__vfs_read_side(const stk__vfs *v, const char *name, stk_buf *out,
                              stk_error *err)
{
	return vfs_read_capped(v, name, STK_LIMIT_SIDE_FILE_BYTES, out, err);
}

static stk_status vfs_add(stk__vfs *v, const char *name, const uint8_t *data, size_t len,
                          stk_error *err)
{
	STK_GROW(v->e, v->cap, v->n + 1, 8, err);
	stk__vfs_entry *e = &v->e[v->n];
	e->name = strdup(name);
	e->data = data ? malloc(len ? len : 1) : NULL;
	e->len = len;
	if (!e->name || (data && !e->data)) {
		free(e->name);
		free(e->data);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	if (data)
		memcpy(e->data, data, len);
	v->n++;
	return STK_OK;
}

static stk_status zip_entry(void *user, const char *name, const uint8_t *data, size_t len,
                            stk_error *err)
{
	return vfs_add(user, name, data, len, err);
}

stk_status stk__vfs_list_dir(stk__vfs *v, stk_error *err)
{
	DIR *dp = opendir(v->root);
	if (!dp)
		return stk__fail_errno(err, STK_ERR_IO, errno, "cannot open folder");
	stk_status s = STK_OK;
	struct dirent *de;
	while (s == STK_OK && (de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.' && stk__vfs_exists(v, de->d_name)) {
			if (v->n >= stk__limit_entries(v->opt))
				s = stk__fail_entries(err, "the folder", v->opt);
			else
				s = vfs_add(v, de->d_name, NULL, 0, err);
		}
	closedir(dp);
	return s;
}

stk_status stk__vfs_load_archive(stk__vfs *v, stk_error *err)
{
	stk_buf b = { 0 };
	v->archive = true;
	stk_status s = stk_read_file(v->root, v->opt->max_input_bytes, &b, err);
	if (s == STK_OK)
		s = stk__zip_read(b.data, b.len, STK_LIMIT_ZIP_ENTRIES, STK_LIMIT_ZIP_ENTRY_BYTES,
		                  STK_LIMIT_ZIP_TOTAL_BYTES, zip_entry, v, err);
	stk_buf_release(&b);
	if (s == STK_OK)
		stk__vfs_sort(v); /* for vfs_find() */
	return s;
}
