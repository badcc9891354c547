/*
 * zip_read.c - ZIP sticker packs (.wastickers, LINE ZIPs) read from memory.
 *
 * Two passes over the archive with libarchive: the first checks every
 * entry's name, type and declared size without inflating anything, so a
 * hostile name or a link refuses the whole archive before the caller sees
 * a byte; the second inflates each file into a buffer that never grows
 * past the caps (declared sizes are not trusted) and hands it on.
 * libarchive turns '\' into '/' and ends names at a NUL byte, so those two
 * are looked for in the central directory's raw names first.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include "pack_internal.h"

struct limits {
	uint32_t max_entries;
	uint64_t max_entry_bytes, max_total_bytes;
	uint32_t max_ratio;         /* 0: no ratio cap */
	size_t archive_bytes;
};

/* ---- entry names ---- */

/* A set of names (open addressing, FNV-1a), to find duplicates in O(n). */
struct name_set {
	char **slot;
	size_t cap, count;
};

static size_t hash_name(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

static char **find_slot(char **slot, size_t cap, const char *name)
{
	size_t i = hash_name(name) & (cap - 1);
	while (slot[i] && strcmp(slot[i], name) != 0)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static stk_status set_grow(struct name_set *set, stk_error *err)
{
	size_t ncap = set->cap ? set->cap * 2 : 64;
	char **nslot = calloc(ncap, sizeof *nslot);
	if (!nslot)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < set->cap; i++)
		if (set->slot[i])
			*find_slot(nslot, ncap, set->slot[i]) = set->slot[i];
	free(set->slot);
	set->slot = nslot;
	set->cap = ncap;
	return STK_OK;
}

/* Adds name, taking ownership of it, unless it is there already (*dup). */
static stk_status set_add(struct name_set *set, char *name, bool *dup, stk_error *err)
{
	if ((set->count + 1) * 2 > set->cap)
		STK_TRY(set_grow(set, err));
	char **slot = find_slot(set->slot, set->cap, name);
	*dup = *slot != NULL;
	if (!*dup) {
		*slot = name;
		set->count++;
	}
	return STK_OK;
}

static void set_free(struct name_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
}

/* Refuses names that could point outside the pack or confuse a reader:
 * absolute, drive letters, backslashes, control characters, and empty,
 * "." or ".." components.  name has its leading "./" and a directory's
 * trailing '/' already removed. */
static stk_status check_name(const char *name, stk_error *err)
{
	if (!name[0])
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: an entry has an empty name");
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return stk__fail(err, STK_ERR_CORRUPT, "ZIP: an entry name holds a control "
			                 "character");
	if (name[0] == '/' || (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') &&
	                      name[1] == ':'))
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s has an absolute path", name);
	if (strchr(name, '\\'))
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s has a backslash in its name",
		                 name);
	for (const char *part = name; part; ) {
		const char *slash = strchr(part, '/');
		size_t n = slash ? (size_t)(slash - part) : strlen(part);
		if (n == 2 && part[0] == '.' && part[1] == '.')
			return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s has a \"..\" component "
			                 "(path traversal)", name);
		if (n == 0 || (n == 1 && part[0] == '.'))
			return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s has an empty or \".\" "
			                 "component", name);
		part = slash ? slash + 1 : NULL;
	}
	return STK_OK;
}

/* The normalised, checked name of an entry as a malloc'd string. */
static stk_status entry_name(struct archive_entry *e, bool is_dir, char **out,
                             stk_error *err)
{
	const char *raw = archive_entry_pathname_utf8(e);
	if (!raw)
		raw = archive_entry_pathname(e);
	if (!raw)
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: an entry has no readable name");
	while (raw[0] == '.' && raw[1] == '/')
		raw += 2;
	char *name = strdup(raw);
	if (!name)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	size_t n = strlen(name);
	if (is_dir && n > 0 && name[n - 1] == '/')
		name[n - 1] = '\0';
	stk_status s = check_name(name, err);
	if (s != STK_OK) {
		free(name);
		return s;
	}
	*out = name;
	return STK_OK;
}

/* ---- raw names in the central directory ---- */

static uint32_t le16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static uint64_t le64(const uint8_t *p)
{
	return le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* The ZIP64 end record, for archives whose 32-bit fields are all ones. */
static bool zip64_central_dir(const uint8_t *d, size_t len, size_t eocd, uint64_t *off,
                              uint64_t *size)
{
	if (eocd < 20 || memcmp(d + eocd - 20, "PK\6\7", 4) != 0)
		return false;
	uint64_t rec = le64(d + eocd - 20 + 8);
	if (rec > len || len - rec < 56 || memcmp(d + rec, "PK\6\6", 4) != 0)
		return false;
	*size = le64(d + rec + 40);
	*off = le64(d + rec + 48);
	return true;
}

/* Finds the central directory from the last end record; false when there
 * is none that makes sense (libarchive then judges the archive alone). */
static bool find_central_dir(const uint8_t *d, size_t len, uint64_t *off, uint64_t *size)
{
	if (len < 22)
		return false;
	size_t stop = len - 22 > 65535 ? len - 22 - 65535 : 0;
	for (size_t i = len - 22; ; i--) {
		if (memcmp(d + i, "PK\5\6", 4) == 0 && le16(d + i + 20) <= len - 22 - i) {
			*size = le32(d + i + 12);
			*off = le32(d + i + 16);
			if ((*size == 0xFFFFFFFF || *off == 0xFFFFFFFF) &&
			    !zip64_central_dir(d, len, i, off, size))
				return false;
			return *off <= len && *size <= len - *off;
		}
		if (i == stop)
			return false;
	}
}

/* Copies n bytes of a raw name for a message, control bytes as '?'. */
static const char *shown_name(const uint8_t *name, size_t n, char *buf, size_t size)
{
	size_t i = 0;
	for (; i < n && i + 1 < size; i++)
		buf[i] = name[i] < 0x20 || name[i] == 0x7f ? '?' : (char)name[i];
	buf[i] = '\0';
	return buf;
}

stk_status stk__zip_central_each(const uint8_t *d, size_t len, stk__zip_central_fn fn,
                                 void *user, stk_error *err)
{
	uint64_t off, size;
	if (!find_central_dir(d, len, &off, &size))
		return STK_OK;
	const uint8_t *p = d + off, *end = d + off + size;
	while (end - p >= 46 && memcmp(p, "PK\1\2", 4) == 0) {
		size_t n = le16(p + 28);
		if ((size_t)(end - p) - 46 < n)
			break;
		size_t skip = 46 + n + le16(p + 30) + le16(p + 32);
		if ((size_t)(end - p) < skip)
			break;
		stk__zip_central c = {
			(size_t)(p - d), p + 46, n, le32(p + 20), le32(p + 24), le32(p + 42),
		};
		STK_TRY(fn(user, &c, err));
		p += skip;
	}
	return STK_OK;
}

/* Names, and each entry's declared compression ratio, from the raw
 * central directory (a bomb's ratio shows before anything is inflated). */
static stk_status check_raw(void *user, const stk__zip_central *c, stk_error *err)
{
	const struct limits *lim = user;
	char buf[128];
	if (memchr(c->name, '\0', c->name_len))
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s has a NUL byte in its name",
		                 shown_name(c->name, c->name_len, buf, sizeof buf));
	if (memchr(c->name, '\\', c->name_len))
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s has a backslash in its name",
		                 shown_name(c->name, c->name_len, buf, sizeof buf));
	if (lim->max_ratio && c->size > STK__ZIP_RATIO_FLOOR &&
	    c->size / lim->max_ratio > c->compressed_size)
		return stk__fail(err, STK_ERR_LIMIT, "ZIP: entry %s would inflate %llu bytes into "
		                 "%llu, more than %u times (a decompression bomb?)",
		                 shown_name(c->name, c->name_len, buf, sizeof buf),
		                 (unsigned long long)c->compressed_size, (unsigned long long)c->size,
		                 (unsigned)lim->max_ratio);
	return STK_OK;
}

/* ---- entries ---- */

/* Regular files and directories only: links and devices could point a
 * later extraction anywhere. */
static stk_status check_type(struct archive_entry *e, bool *is_dir, stk_error *err)
{
	const char *name = archive_entry_pathname(e);
	mode_t type = archive_entry_filetype(e);
	if (archive_entry_hardlink(e) || archive_entry_symlink(e) || type == AE_IFLNK)
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s is a link", name ? name : "?");
	if (type != AE_IFREG && type != AE_IFDIR)
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s is not a regular file or "
		                 "folder", name ? name : "?");
	if (archive_entry_is_encrypted(e))
		return stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s is encrypted",
		                 name ? name : "?");
	*is_dir = type == AE_IFDIR;
	return STK_OK;
}

/* Declared sizes refuse an obvious bomb early; the real check is on read. */
static stk_status check_declared(struct archive_entry *e, const char *name,
                                 const struct limits *lim, uint64_t *total, stk_error *err)
{
	if (!archive_entry_size_is_set(e) || archive_entry_size(e) < 0)
		return STK_OK;
	uint64_t size = (uint64_t)archive_entry_size(e);
	if (size > lim->max_entry_bytes)
		return stk__fail(err, STK_ERR_LIMIT, "ZIP: entry %s is larger than %llu bytes", name,
		                 (unsigned long long)lim->max_entry_bytes);
	*total += size;
	if (*total > lim->max_total_bytes)
		return stk__fail(err, STK_ERR_LIMIT, "ZIP: entries add up to more than %llu bytes",
		                 (unsigned long long)lim->max_total_bytes);
	return STK_OK;
}

static stk_status archive_fail(struct archive *a, const char *what, stk_error *err)
{
	const char *msg = archive_error_string(a);
	return stk__fail(err, STK_ERR_CORRUPT, "ZIP: %s (%s)", what, msg ? msg : "unknown error");
}

/* Reads the current entry into *buf (reused between entries), refusing it
 * as soon as it passes max bytes, whatever its header said. */
static stk_status read_data(struct archive *a, const char *name, uint64_t max,
                            uint8_t **buf, size_t *cap, size_t *len, stk_error *err)
{
	size_t limit = max < SIZE_MAX - 1 ? (size_t)max + 1 : SIZE_MAX;
	*len = 0;
	while (*len < limit) {
		if (*len == *cap)
			STK_TRY(stk__grow_capped(buf, cap, 65536, limit, err));
		size_t end = *cap < limit ? *cap : limit;
		la_ssize_t n = archive_read_data(a, *buf + *len, end - *len);
		if (n < 0)
			return archive_fail(a, "cannot read an entry", err);
		if (n == 0)
			return STK_OK;
		*len += (size_t)n;
	}
	return stk__fail(err, STK_ERR_LIMIT, "ZIP: entry %s inflates to more than %llu bytes",
	                 name, (unsigned long long)max);
}

struct pass {
	const struct limits *lim;
	stk__zip_entry_fn fn; /* NULL: the checking pass, data is skipped */
	void *user;
	uint8_t *buf;
	size_t cap;
	uint64_t total_read;
	locale_t caller_locale; /* for the callback; 0: unchanged */
};

static stk_status deliver(struct archive *a, struct pass *p, const char *name,
                          stk_error *err)
{
	static const uint8_t empty[1];
	uint64_t total_left = p->lim->max_total_bytes - p->total_read;
	uint64_t max = p->lim->max_entry_bytes < total_left ? p->lim->max_entry_bytes
	                                                      : total_left;
	size_t len;
	stk_status s = read_data(a, name, max, &p->buf, &p->cap, &len, err);
	if (s == STK_ERR_LIMIT && max < p->lim->max_entry_bytes)
		return stk__fail(err, STK_ERR_LIMIT, "ZIP: entries add up to more than %llu bytes",
		                 (unsigned long long)p->lim->max_total_bytes);
	STK_TRY(s);
	p->total_read += len;
	/* The whole archive's ratio: declared sizes can lie, inflated bytes cannot. */
	if (p->lim->max_ratio && p->total_read > STK__ZIP_RATIO_FLOOR &&
	    p->total_read / p->lim->max_ratio > p->lim->archive_bytes)
		return stk__fail(err, STK_ERR_LIMIT, "ZIP: %zu bytes inflate to more than %llu, "
		                 "over %u times (a decompression bomb?)", p->lim->archive_bytes,
		                 (unsigned long long)p->total_read, (unsigned)p->lim->max_ratio);
	locale_t ours = uselocale(p->caller_locale);
	s = p->fn(p->user, name, len ? p->buf : empty, len, err);
	uselocale(ours);
	return s;
}

/* One entry: its header checks, then (second pass) its data. */
static stk_status one_entry(struct archive *a, struct archive_entry *e, struct pass *p,
                            struct name_set *names, uint64_t *declared, stk_error *err)
{
	bool is_dir = false, dup = false;
	char *name = NULL;
	STK_TRY(check_type(e, &is_dir, err));
	STK_TRY(entry_name(e, is_dir, &name, err));
	stk_status s = set_add(names, name, &dup, err);
	if (s == STK_OK && dup)
		s = stk__fail(err, STK_ERR_CORRUPT, "ZIP: entry %s appears more than once", name);
	if (s != STK_OK) {
		free(name);
		return s;
	}
	/* names owns name from here. */
	STK_TRY(check_declared(e, name, p->lim, declared, err));
	if (is_dir || !p->fn)
		return STK_OK;
	return deliver(a, p, name, err);
}

static stk_status run_pass(struct archive *a, struct pass *p, stk_error *err)
{
	struct name_set names = { NULL, 0, 0 };
	struct archive_entry *e;
	uint64_t declared = 0;
	uint32_t count = 0;
	stk_status s = STK_OK;
	int r;
	while (s == STK_OK && (r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		if (r != ARCHIVE_OK)
			s = archive_fail(a, "cannot read an entry header", err);
		else if (count++ >= p->lim->max_entries)
			s = stk__fail(err, STK_ERR_LIMIT, "ZIP: more than %u entries",
			              (unsigned)p->lim->max_entries);
		else
			s = one_entry(a, e, p, &names, &declared, err);
	}
	set_free(&names);
	return s;
}

/* libarchive converts names to the locale's charset, and under "C" any
 * non-ASCII name fails: read under C.UTF-8, for this thread only. */
static locale_t enter_utf8(locale_t *old)
{
	locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (utf8)
		*old = uselocale(utf8);
	return utf8;
}

static void leave_utf8(locale_t utf8, locale_t old)
{
	if (!utf8)
		return;
	uselocale(old);
	freelocale(utf8);
}

static stk_status open_pass(const uint8_t *data, size_t len, struct pass *p, stk_error *err)
{
	struct archive *a = archive_read_new();
	if (!a)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = STK_OK;
	if (archive_read_support_format_zip(a) != ARCHIVE_OK)
		s = archive_fail(a, "ZIP support missing in libarchive", err);
	else if (archive_read_open_memory(a, data, len) != ARCHIVE_OK)
		s = archive_fail(a, "not a ZIP archive", err);
	else
		s = run_pass(a, p, err);
	/* err already holds a copy of archive_error_string(). */
	archive_read_free(a);
	return s;
}

stk_status stk__zip_read_limited(const uint8_t *data, size_t len,
                                 const stk__zip_limits *zl, stk__zip_entry_fn fn, void *user,
                                 stk_error *err)
{
	if (!data || !fn || !zl)
		return stk__fail(err, STK_ERR_INVALID_ARG, "ZIP: no data or no callback");
	struct limits lim = { zl->max_entries, zl->max_entry_bytes, zl->max_total_bytes,
	                      zl->max_ratio, len };
	STK_TRY(stk__zip_central_each(data, len, check_raw, &lim, err));
	locale_t old = (locale_t)0, utf8 = enter_utf8(&old);
	struct pass check = { &lim, NULL, NULL, NULL, 0, 0, old };
	struct pass read = { &lim, fn, user, NULL, 0, 0, old };
	stk_status s = open_pass(data, len, &check, err);
	if (s == STK_OK)
		s = open_pass(data, len, &read, err);
	leave_utf8(utf8, old);
	free(read.buf);
	return s;
}

stk_status stk__zip_read(const uint8_t *data, size_t len, uint32_t max_entries,
                         uint64_t max_entry_bytes, uint64_t max_total_bytes,
                         stk__zip_entry_fn fn, void *user, stk_error *err)
{
	stk__zip_limits zl = { max_entries, max_entry_bytes, max_total_bytes, 0 };
	return stk__zip_read_limited(data, len, &zl, fn, user, err);
}
