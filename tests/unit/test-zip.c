/* test-zip.c - the ZIP reader on archives written with libarchive. */
#include <archive.h>
#include <archive_entry.h>
#include "tap.h"
#include "corpus.h"
#include "pack_internal.h"

#define MiB (1u << 20)

struct zentry {
	const char *name;
	const void *data;
	size_t len;
	int type;             /* 0: regular file */
	const char *link;     /* symlink target */
};

/* Writes a ZIP into buf; returns its size. */
static size_t make_zip(uint8_t *buf, size_t cap, const struct zentry *e, size_t n, bool store)
{
	struct archive *a = archive_write_new();
	size_t used = 0;
	archive_write_set_format_zip(a);
	if (store)
		archive_write_zip_set_compression_store(a);
	if (archive_write_open_memory(a, buf, cap, &used) != ARCHIVE_OK)
		abort();
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();
		archive_entry_set_pathname(ae, e[i].name);
		archive_entry_set_filetype(ae, e[i].type ? (unsigned)e[i].type : AE_IFREG);
		archive_entry_set_perm(ae, 0644);
		if (e[i].link)
			archive_entry_set_symlink(ae, e[i].link);
		archive_entry_set_size(ae, e[i].type ? 0 : (la_int64_t)e[i].len);
		if (archive_write_header(a, ae) != ARCHIVE_OK)
			tap_diag("writing %s: %s", e[i].name, archive_error_string(a));
		if (!e[i].type && e[i].len)
			archive_write_data(a, e[i].data, e[i].len);
		archive_entry_free(ae);
	}
	archive_write_close(a);
	archive_write_free(a);
	return used;
}

/* What the callback saw. */
struct seen {
	int count;
	char names[512];
	size_t bytes;
	bool content_ok;
	int stop_after; /* 0: never */
};

static stk_status collect(void *user, const char *name, const uint8_t *data, size_t len,
                          stk_error *err)
{
	struct seen *s = user;
	s->count++;
	if (s->names[0])
		strcat(s->names, ",");
	strncat(s->names, name, sizeof s->names - strlen(s->names) - 1);
	s->bytes += len;
	if (!strcmp(name, "contents.json"))
		s->content_ok = len == 13 && !memcmp(data, "{\"packs\":[]}\n", 13);
	if (s->stop_after && s->count >= s->stop_after)
		return stk__fail(err, STK_ERR_INTERNAL, "stopped by the callback");
	return STK_OK;
}

static uint8_t zbuf[4 * MiB];

static stk_status read_zip(const uint8_t *z, size_t len, uint32_t max_entries,
                           uint64_t max_entry, uint64_t max_total, struct seen *seen,
                           stk_error *err)
{
	memset(seen, 0, sizeof *seen);
	stk_error_init(err);
	return stk__zip_read(z, len, max_entries, max_entry, max_total, collect, seen, err);
}

static void test_good(void)
{
	static uint8_t big[100000];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (uint8_t)(i % 251);
	const struct zentry e[] = {
		{ "./contents.json", "{\"packs\":[]}\n", 13, 0, NULL },
		{ "stickers/", NULL, 0, AE_IFDIR, NULL },
		{ "stickers/1.webp", big, sizeof big, 0, NULL },
		{ "stickers/empty.txt", "", 0, 0, NULL },
		{ "tray.png", "PNG", 3, 0, NULL },
	};
	struct seen seen;
	stk_error err;
	for (int store = 0; store < 2; store++) {
		size_t len = make_zip(zbuf, sizeof zbuf, e, 5, store);
		is_int(read_zip(zbuf, len, 100, MiB, 4 * MiB, &seen, &err), STK_OK,
		       "good %s ZIP read", store ? "stored" : "deflated");
		is_int(seen.count, 4, "four files delivered, the folder skipped");
		is_str(seen.names, "contents.json,stickers/1.webp,stickers/empty.txt,tray.png",
		       "in archive order, leading ./ stripped");
		is_int(seen.bytes, 13 + sizeof big + 3, "whole contents delivered");
		ok(seen.content_ok, "content intact");
	}

	size_t len = make_zip(zbuf, sizeof zbuf, e, 5, false);
	seen.stop_after = 0;
	memset(&seen, 0, sizeof seen);
	seen.stop_after = 2;
	stk_error_init(&err);
	is_int(stk__zip_read(zbuf, len, 100, MiB, 4 * MiB, collect, &seen, &err), STK_ERR_INTERNAL,
	       "the callback's failure stops the read");
	is_int(seen.count, 2, "no entry after the stop");

	is_int(read_zip(zbuf, len, 5, MiB, 4 * MiB, &seen, &err), STK_OK,
	       "exactly max_entries (folders count) accepted");
	is_int(read_zip(zbuf, len, 4, MiB, 4 * MiB, &seen, &err), STK_ERR_LIMIT,
	       "one entry more than max_entries refused");
	is_int(seen.count, 0, "before any entry is delivered");
	is_int(read_zip(zbuf, len, 100, sizeof big, 4 * MiB, &seen, &err), STK_OK,
	       "an entry of exactly max_entry_bytes accepted");
	is_int(read_zip(zbuf, len, 100, sizeof big - 1, 4 * MiB, &seen, &err), STK_ERR_LIMIT,
	       "an entry over max_entry_bytes refused");
	is_int(read_zip(zbuf, len, 100, MiB, sizeof big + 10, &seen, &err), STK_ERR_LIMIT,
	       "a total over max_total_bytes refused");
	ok(strstr(err.msg, "add up") != NULL, "message says total: %s", err.msg);
}

static void test_corpus(void)
{
	static const struct { const char *file, *says; } cases[] = {
		{ "broken/zip_path_traversal.zip", "traversal" },
		{ "broken/zip_absolute_path.zip", "absolute" },
	};
	for (size_t i = 0; i < 2; i++) {
		char path[1024];
		size_t len = 0;
		uint8_t *z = corpus_read(cases[i].file, &len);
		if (!ok(z != NULL, "read %s", corpus_path(path, sizeof path, cases[i].file)))
			continue;
		struct seen seen;
		stk_error err;
		is_int(read_zip(z, len, 100, MiB, 4 * MiB, &seen, &err), STK_ERR_CORRUPT,
		       "%s refused", cases[i].file);
		ok(strstr(err.msg, cases[i].says) != NULL, "message: %s", err.msg);
		is_int(seen.count, 0, "no entry delivered before the refusal");
		free(z);
	}
}

static void test_bad_names(void)
{
	static const struct { const char *name, *why; stk_status want; } cases[] = {
		{ "a/../../b.png", "dot-dot component", STK_ERR_CORRUPT },
		{ "..", "bare dot-dot", STK_ERR_CORRUPT },
		{ "/etc/passwd", "absolute", STK_ERR_CORRUPT },
		{ "C:/x.png", "drive letter", STK_ERR_CORRUPT },
		{ "a//b.png", "empty component", STK_ERR_CORRUPT },
		{ "a/./b.png", "dot component", STK_ERR_CORRUPT },
		{ "a\033[2Jb.png", "control character", STK_ERR_CORRUPT },
		{ "..a/b..png", "dots inside names", STK_OK },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct zentry e[] = {
			{ "ok.png", "x", 1, 0, NULL },
			{ cases[i].name, "y", 1, 0, NULL },
		};
		size_t len = make_zip(zbuf, sizeof zbuf, e, 2, false);
		struct seen seen;
		stk_error err;
		stk_status s = read_zip(zbuf, len, 100, MiB, MiB, &seen, &err);
		is_int(s, cases[i].want, "%s: %s", cases[i].why, s ? err.msg : "accepted");
		if (s)
			is_int(seen.count, 0, "%s: nothing delivered", cases[i].why);
	}

	/* libarchive would show these as "a/b.png" and "a": the raw names are checked. */
	const struct zentry raw[] = {
		{ "ok.png", "x", 1, 0, NULL },
		{ "..\\..\\evil.png", "y", 1, 0, NULL },
	};
	size_t len = make_zip(zbuf, sizeof zbuf, raw, 2, false);
	struct seen seen;
	stk_error err;
	is_int(read_zip(zbuf, len, 100, MiB, MiB, &seen, &err), STK_ERR_CORRUPT,
	       "backslash name refused");
	ok(strstr(err.msg, "backslash") != NULL, "message: %s", err.msg);
	const struct zentry nul[] = { { "a#b.png", "x", 1, 0, NULL } };
	len = make_zip(zbuf, sizeof zbuf, nul, 1, true);
	for (size_t i = 0; i + 7 <= len; i++)
		if (!memcmp(zbuf + i, "a#b.png", 7))
			zbuf[i + 1] = '\0';
	is_int(read_zip(zbuf, len, 100, MiB, MiB, &seen, &err), STK_ERR_CORRUPT,
	       "NUL in a name refused");
	ok(strstr(err.msg, "NUL") != NULL, "message: %s", err.msg);
	const struct zentry utf8[] = { { "stickers/\xc3\xa9t\xc3\xa9.webp", "x", 1, 0, NULL } };
	len = make_zip(zbuf, sizeof zbuf, utf8, 1, false);
	is_int(read_zip(zbuf, len, 100, MiB, MiB, &seen, &err), STK_OK, "UTF-8 name read (%s)",
	       err.msg);
	is_str(seen.names, "stickers/\xc3\xa9t\xc3\xa9.webp", "UTF-8 name delivered as written");

	const struct zentry dup[] = {
		{ "a.png", "x", 1, 0, NULL },
		{ "b.png", "y", 1, 0, NULL },
		{ "./a.png", "z", 1, 0, NULL },
	};
	len = make_zip(zbuf, sizeof zbuf, dup, 3, false);
	is_int(read_zip(zbuf, len, 100, MiB, MiB, &seen, &err), STK_ERR_CORRUPT,
	       "a.png and ./a.png are duplicates");
	ok(strstr(err.msg, "a.png") && strstr(err.msg, "more than once"), "message: %s", err.msg);
	is_int(seen.count, 0, "nothing delivered");

	const struct zentry link[] = {
		{ "ok.png", "x", 1, 0, NULL },
		{ "evil.png", NULL, 0, AE_IFLNK, "/etc/passwd" },
	};
	len = make_zip(zbuf, sizeof zbuf, link, 2, false);
	is_int(read_zip(zbuf, len, 100, MiB, MiB, &seen, &err), STK_ERR_CORRUPT, "symlink refused");
	ok(strstr(err.msg, "link") != NULL, "message: %s", err.msg);
}

/* Makes every header (local, central, data descriptor) claim 10 bytes
 * uncompressed, as a lying archive would. */
static void understate_sizes(uint8_t *z, size_t len)
{
	for (size_t i = 0; i + 46 <= len; i++) {
		if (!memcmp(z + i, "PK\3\4", 4))
			memcpy(z + i + 22, "\x0a\0\0\0", 4);
		else if (!memcmp(z + i, "PK\1\2", 4))
			memcpy(z + i + 24, "\x0a\0\0\0", 4);
		else if (!memcmp(z + i, "PK\7\x08", 4))
			memcpy(z + i + 12, "\x0a\0\0\0", 4);
	}
}

static void test_lies(void)
{
	static uint8_t zeros[2 * MiB];
	const struct zentry e[] = { { "bomb.bin", zeros, sizeof zeros, 0, NULL } };
	size_t len = make_zip(zbuf, sizeof zbuf, e, 1, false);
	struct seen seen;
	stk_error err;
	ok(len < 16384, "2 MiB of zeros deflate to %zu bytes", len);
	is_int(read_zip(zbuf, len, 100, 4096, MiB, &seen, &err), STK_ERR_LIMIT,
	       "a small deflate bomb refused by its declared size");
	understate_sizes(zbuf, len);
	is_int(read_zip(zbuf, len, 100, 4096, MiB, &seen, &err), STK_ERR_LIMIT,
	       "headers understating the size are not trusted");
	ok(strstr(err.msg, "inflates to more than 4096") && seen.count == 0, "refused on read: %s",
	   err.msg);

	const struct zentry good[] = { { "contents.json", "{\"packs\":[]}\n", 13, 0, NULL } };
	len = make_zip(zbuf, sizeof zbuf, good, 1, true);
	for (size_t i = 0; i + 13 <= len; i++)
		if (!memcmp(zbuf + i, "{\"packs\"", 8))
			zbuf[i + 3] ^= 1;
	is_int(read_zip(zbuf, len, 100, MiB, MiB, &seen, &err), STK_ERR_CORRUPT,
	       "content with a bad CRC refused");
	ok(strstr(err.msg, "CRC") != NULL, "message: %s", err.msg);

	is_int(read_zip((const uint8_t *)"hello, world", 12, 100, MiB, MiB, &seen, &err),
	       STK_ERR_CORRUPT, "not a ZIP refused");
	ok(err.msg[0] != '\0', "with a message: %s", err.msg);
	is_int(read_zip((const uint8_t *)"", 0, 100, MiB, MiB, &seen, &err), STK_ERR_CORRUPT,
	       "empty input refused");
}

/* Every cut of a small archive: any answer but a crash, and a cut in the
 * middle of the data loses it. */
static void test_truncation(void)
{
	const struct zentry e[] = {
		{ "contents.json", "{\"packs\":[]}\n", 13, 0, NULL },
		{ "tray.png", "PNG PNG PNG PNG PNG PNG", 23, 0, NULL },
	};
	size_t len = make_zip(zbuf, sizeof zbuf, e, 2, false);
	int clean = 0;
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		memcpy(copy, zbuf, cut);
		struct seen seen;
		stk_error err;
		stk_status s = read_zip(copy, cut, 100, MiB, MiB, &seen, &err);
		clean += s == STK_OK ? seen.bytes == 36 : s == STK_ERR_CORRUPT && err.msg[0];
		free(copy);
	}
	is_int(clean, (int)len, "every cut gives all the data or a clean error");
}

/* A compression-ratio cap refuses a small archive that inflates hugely,
 * and lets through the same bytes when the cap is off. */
static void test_ratio(void)
{
	size_t n = 8 * MiB;
	uint8_t *zeros = calloc(1, n);
	struct zentry e[] = { { "zeros.webp", zeros, n, 0, NULL } };
	size_t len = make_zip(zbuf, sizeof zbuf, e, 1, false);
	struct seen seen = { 0 };
	stk_error err;
	stk__zip_limits lim = { 10, 16 * MiB, 16 * MiB, 100 };
	is_int(stk__zip_read_limited(zbuf, len, &lim, collect, &seen, &err), STK_ERR_LIMIT,
	       "8 MiB of zeros in %zu bytes refused by a 100x ratio cap", len);
	ok(strstr(err.msg, "times") != NULL, "message says why: %s", err.msg);
	is_int(seen.count, 0, "nothing handed on");
	lim.max_ratio = 0;
	is_int(stk__zip_read_limited(zbuf, len, &lim, collect, &seen, &err), STK_OK,
	       "read without a ratio cap");
	free(zeros);
}

int main(void)
{
	test_good();
	test_corpus();
	test_bad_names();
	test_lies();
	test_truncation();
	test_ratio();
	return done_testing();
}
