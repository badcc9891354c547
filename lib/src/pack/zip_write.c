/*
 * zip_write.c - byte-reproducible ZIP archives with libarchive.
 *
 * What could vary between two runs is pinned: entries are written in
 * bytewise name order whatever order they were added in; every entry has
 * owner 0:0, mode 0644 and deflate level 9; names are UTF-8 under a
 * thread-local C.UTF-8 locale.  libarchive computes the DOS date and time
 * fields with localtime(), so entries are written without a time (which
 * gives the same bytes in every time zone) and the fields are stamped
 * afterwards from the central directory with the requested date as UTC.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <archive.h>
#include <archive_entry.h>
#include "pack_internal.h"

struct zip_item {
	char *name;
	uint8_t *data;
	size_t len;
};

struct stk__zip_out {
	struct zip_item *item;
	size_t n, cap;
	bool sorted;
};

stk_status stk__zip_out_new(stk__zip_out **out, stk_error *err)
{
	*out = calloc(1, sizeof **out);
	return *out ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
}

void stk__zip_out_free(stk__zip_out *z)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->n; i++) {
		free(z->item[i].name);
		free(z->item[i].data);
	}
	free(z->item);
	free(z);
}

/* The names a pack may hold: relative, no empty, "." or ".." parts, no
 * backslashes or control characters (what the reader refuses). */
static bool safe_name(const char *name)
{
	if (!name[0] || name[0] == '/')
		return false;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	for (const char *part = name; part; ) {
		const char *slash = strchr(part, '/');
		size_t n = slash ? (size_t)(slash - part) : strlen(part);
		if (n == 0 || (n == 1 && part[0] == '.') || (n == 2 && !strncmp(part, "..", 2)))
			return false;
		part = slash ? slash + 1 : NULL;
	}
	return true;
}

stk_status stk__zip_out_add(stk__zip_out *z, const char *name, const void *data, size_t len,
                            stk_error *err)
{
	if (!safe_name(name))
		return stk__fail(err, STK_ERR_INVALID_ARG, "archive entry name \"%s\" is not a safe "
		                 "relative path", name);
	for (size_t i = 0; i < z->n; i++)
		if (strcmp(z->item[i].name, name) == 0)
			return stk__fail(err, STK_ERR_INVALID_ARG, "archive entry %s added twice", name);
	if (z->n == z->cap) {
		size_t ncap = z->cap ? z->cap * 2 : 16;
		struct zip_item *ni = realloc(z->item, ncap * sizeof *ni);
		if (!ni)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		z->item = ni;
		z->cap = ncap;
	}
	struct zip_item *it = &z->item[z->n];
	it->name = strdup(name);
	it->data = malloc(len ? len : 1);
	it->len = len;
	if (!it->name || !it->data) {
		free(it->name);
		free(it->data);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	if (len)
		memcpy(it->data, data, len);
	z->n++;
	z->sorted = false;
	return STK_OK;
}

stk_status stk__zip_out_add_file(stk__zip_out *z, const char *name, const char *path,
                                 stk_error *err)
{
	stk_buf b = { 0 };
	STK_TRY(stk_read_file(path, 1ull << 30, &b, err));
	stk_status s = stk__zip_out_add(z, name, b.data, b.len, err);
	stk_buf_release(&b);
	return s;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct zip_item *)a)->name, ((const struct zip_item *)b)->name);
}

static void sort_items(const stk__zip_out *z)
{
	stk__zip_out *m = (stk__zip_out *)z; /* order is not content */
	if (!m->sorted)
		qsort(m->item, m->n, sizeof *m->item, by_name);
	m->sorted = true;
}

size_t stk__zip_out_count(const stk__zip_out *z)
{
	return z->n;
}

const char *stk__zip_out_entry(const stk__zip_out *z, size_t i, const uint8_t **data,
                               size_t *len)
{
	sort_items(z);
	if (i >= z->n)
		return NULL;
	if (data)
		*data = z->item[i].data;
	if (len)
		*len = z->item[i].len;
	return z->item[i].name;
}

uint64_t stk__zip_out_bytes(const stk__zip_out *z)
{
	uint64_t sum = 0;
	for (size_t i = 0; i < z->n; i++)
		sum += z->item[i].len;
	return sum;
}

/* ---- writing ---- */

struct sink {
	stk_buf *out;
	size_t cap;
	stk_error *err;
	stk_status status;
};

static la_ssize_t sink_write(struct archive *a, void *user, const void *buf, size_t n)
{
	struct sink *s = user;
	(void)a;
	if (s->status == STK_OK)
		s->status = stk__buf_append(s->out, &s->cap, buf, n, s->err);
	return s->status == STK_OK ? (la_ssize_t)n : -1;
}

static stk_status lib_fail(struct archive *a, const struct sink *s, const char *what,
                           stk_error *err)
{
	if (s->status != STK_OK)
		return s->status;
	const char *msg = archive_error_string(a);
	return stk__fail(err, STK_ERR_ARCHIVE, "ZIP: %s (%s)", what, msg ? msg : "unknown error");
}

static stk_status write_item(struct archive *a, struct archive_entry *e,
                             const struct zip_item *it, const struct sink *s, stk_error *err)
{
	archive_entry_clear(e);
	archive_entry_set_pathname_utf8(e, it->name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_size(e, (la_int64_t)it->len);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		return lib_fail(a, s, "cannot write an entry header", err);
	if (it->len && archive_write_data(a, it->data, it->len) != (la_ssize_t)it->len)
		return lib_fail(a, s, "cannot write an entry", err);
	return STK_OK;
}

static stk_status write_all(const stk__zip_out *z, struct archive *a, struct sink *s,
                            stk_error *err)
{
	if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
	    archive_write_set_options(a, "zip:compression=deflate,zip:compression-level=9,"
	                                 "zip:hdrcharset=UTF-8") != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK)
		return lib_fail(a, s, "cannot set up the ZIP writer", err);
	if (archive_write_open2(a, s, NULL, sink_write, NULL, NULL) != ARCHIVE_OK)
		return lib_fail(a, s, "cannot start the archive", err);
	struct archive_entry *e = archive_entry_new();
	if (!e)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status st = STK_OK;
	for (size_t i = 0; st == STK_OK && i < z->n; i++)
		st = write_item(a, e, &z->item[i], s, err);
	archive_entry_free(e);
	if (st == STK_OK && archive_write_close(a) != ARCHIVE_OK)
		st = lib_fail(a, s, "cannot finish the archive", err);
	return st;
}

/* DOS time (low 16 bits) and date (high 16) of t as UTC, clamped to the
 * DOS range; t < 0 is 1980-01-01 00:00:00. */
static uint32_t dos_stamp(int64_t t)
{
	if (t < 315532800) /* before 1980-01-01 */
		return 0x00210000u;
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || tm.tm_year > 2107 - 1900)
		return 0xff9fbf7du;
	uint32_t date = (uint32_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
	uint32_t time = (uint32_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
	return date << 16 | time;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

struct stamp {
	uint8_t *zip;
	size_t len;
	uint32_t dos;
};

static stk_status stamp_one(void *user, const stk__zip_central *c, stk_error *err)
{
	struct stamp *st = user;
	uint8_t *central = st->zip + c->offset;
	if (c->local_offset > st->len || st->len - c->local_offset < 30 ||
	    memcmp(st->zip + c->local_offset, "PK\3\4", 4) != 0)
		return stk__fail(err, STK_ERR_INTERNAL, "ZIP: the writer's local header is not "
		                 "where its central directory says");
	put_le32(central + 12, st->dos);
	put_le32(st->zip + c->local_offset + 10, st->dos);
	return STK_OK;
}

stk_status stk__zip_out_build(const stk__zip_out *z, int64_t epoch, stk_buf *out,
                              stk_error *err)
{
	out->data = NULL;
	out->len = 0;
	sort_items(z);
	struct archive *a = archive_write_new();
	if (!a)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	struct sink s = { out, 0, err, STK_OK };
	locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0), old = (locale_t)0;
	if (utf8)
		old = uselocale(utf8);
	stk_status st = write_all(z, a, &s, err);
	archive_write_free(a);
	if (utf8) {
		uselocale(old);
		freelocale(utf8);
	}
	struct stamp sp = { out->data, out->len, dos_stamp(epoch) };
	if (st == STK_OK)
		st = stk__zip_central_each(out->data, out->len, stamp_one, &sp, err);
	if (st != STK_OK)
		stk_buf_release(out);
	return st;
}

/* ---- reading back ---- */

struct verify {
	const stk__zip_out *z;
	size_t next;
};

static stk_status verify_one(void *user, const char *name, const uint8_t *data, size_t len,
                             stk_error *err)
{
	struct verify *v = user;
	if (v->next >= v->z->n)
		return stk__fail(err, STK_ERR_ARCHIVE, "ZIP read back: unexpected entry %s", name);
	const struct zip_item *it = &v->z->item[v->next++];
	if (strcmp(it->name, name) != 0)
		return stk__fail(err, STK_ERR_ARCHIVE, "ZIP read back: entry %s where %s was "
		                 "written", name, it->name);
	if (it->len != len || (len && memcmp(it->data, data, len) != 0))
		return stk__fail(err, STK_ERR_ARCHIVE, "ZIP read back: %s differs from what was "
		                 "written (%zu bytes, wrote %zu)", name, len, it->len);
	return STK_OK;
}

stk_status stk__zip_out_verify(const stk__zip_out *z, const uint8_t *zip, size_t len,
                               stk_error *err)
{
	sort_items(z);
	uint64_t total = stk__zip_out_bytes(z), biggest = 0;
	for (size_t i = 0; i < z->n; i++)
		if (z->item[i].len > biggest)
			biggest = z->item[i].len;
	stk__zip_limits lim = { (uint32_t)z->n, biggest, total, 0 };
	struct verify v = { z, 0 };
	STK_TRY(stk__zip_read_limited(zip, len, &lim, verify_one, &v, err));
	if (v.next != z->n)
		return stk__fail(err, STK_ERR_ARCHIVE, "ZIP read back: %zu of %zu entries",
		                 v.next, z->n);
	return STK_OK;
}
