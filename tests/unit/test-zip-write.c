/* test-zip-write.c - reproducible ZIPs: sorted, fixed dates, read back
 * through the pack reader; and the all-or-nothing folder writer. */
#include <locale.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include "tap.h"
#include "pack_internal.h"

static stk__zip_out *sample(bool reversed)
{
	static const char *names[] = { "title.txt", "b/02.webp", "a.png", "b/01.webp", "ü.txt" };
	stk__zip_out *z = NULL;
	stk_error err;
	if (stk__zip_out_new(&z, &err) != STK_OK)
		abort();
	for (int k = 0; k < 5; k++) {
		int i = reversed ? 4 - k : k;
		char data[64];
		snprintf(data, sizeof data, "contents of %s, %d", names[i], i);
		if (stk__zip_out_add(z, names[i], data, strlen(data), &err) != STK_OK)
			abort();
	}
	return z;
}

/* Entry names in archive order, and the first entry's mtime, via libarchive. */
static void list(const stk_buf *b, char *names, size_t size, time_t *mtime)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	locale_t old = uselocale(utf8);
	archive_read_support_format_zip(a);
	archive_read_open_memory(a, b->data, b->len);
	names[0] = '\0';
	*mtime = 0;
	for (int i = 0; archive_read_next_header(a, &e) == ARCHIVE_OK; i++) {
		if (i == 0)
			*mtime = archive_entry_mtime(e);
		strncat(names, archive_entry_pathname(e), size - strlen(names) - 2);
		strcat(names, " ");
	}
	archive_read_free(a);
	uselocale(old);
	freelocale(utf8);
}

static void test_sorted_and_stable(void)
{
	stk__zip_out *z1 = sample(false), *z2 = sample(true);
	stk_buf b1 = { 0 }, b2 = { 0 }, b3 = { 0 };
	stk_error err;
	is_int(stk__zip_out_build(z1, -1, &b1, &err), STK_OK, "build");
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	mode_t old = umask(077);
	is_int(stk__zip_out_build(z2, -1, &b2, &err), STK_OK, "build, added the other way round");
	umask(old);
	setenv("TZ", "UTC", 1);
	tzset();
	setlocale(LC_ALL, "C");
	ok(b1.len == b2.len && memcmp(b1.data, b2.data, b1.len) == 0,
	   "same bytes whatever the order added, time zone or umask");
	char names[256];
	time_t mtime;
	list(&b1, names, sizeof names, &mtime);
	is_str(names, "a.png b/01.webp b/02.webp title.txt ü.txt ", "entries in name order");
	is_int(mtime, 315532800, "no date: 1980-01-01 00:00:00 (DOS, read as UTC)");

	/* 2023-11-14 22:13:20 UTC; DOS keeps even seconds. */
	is_int(stk__zip_out_build(z1, 1700000000, &b3, &err), STK_OK, "build with an epoch");
	list(&b3, names, sizeof names, &mtime);
	is_int(mtime, 1700000000, "SOURCE_DATE_EPOCH-style date stamped as UTC");
	is_int(stk__zip_out_verify(z1, b3.data, b3.len, &err), STK_OK, "reads back exactly");
	stk_buf_release(&b1);
	stk_buf_release(&b2);
	stk_buf_release(&b3);
	stk__zip_out_free(z1);
	stk__zip_out_free(z2);
}

static void test_verify_catches(void)
{
	stk__zip_out *z = sample(false), *other = sample(false);
	stk_buf b = { 0 };
	stk_error err;
	is_int(stk__zip_out_build(z, -1, &b, &err), STK_OK, "build");
	is_int(stk__zip_out_add(other, "extra.txt", "x", 1, &err), STK_OK, "one entry more");
	is_int(stk__zip_out_verify(other, b.data, b.len, &err), STK_ERR_ARCHIVE,
	       "a missing entry is caught");
	/* The first entry's first deflated byte: after its local header. */
	size_t at = 30 + (b.data[26] | b.data[27] << 8) + (b.data[28] | b.data[29] << 8);
	b.data[at] ^= 0x55;
	stk_status s = stk__zip_out_verify(z, b.data, b.len, &err);
	ok(s != STK_OK, "a flipped byte is caught: %s", err.msg);
	stk_buf_release(&b);
	stk__zip_out_free(z);
	stk__zip_out_free(other);
}

static void test_names(void)
{
	stk__zip_out *z = NULL;
	stk_error err;
	is_int(stk__zip_out_new(&z, &err), STK_OK, "new");
	static const char *bad[] = { "", "/etc/passwd", "../x", "a/../b", "a//b", "a\\b", "./a" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		is_int(stk__zip_out_add(z, bad[i], "x", 1, &err), STK_ERR_INVALID_ARG,
		       "name \"%s\" refused", bad[i]);
	is_int(stk__zip_out_add(z, "a", "x", 1, &err), STK_OK, "a");
	is_int(stk__zip_out_add(z, "a", "y", 1, &err), STK_ERR_INVALID_ARG, "a twice refused");
	stk__zip_out_free(z);
}

static bool file_is(const char *path, const char *want)
{
	stk_buf b = { 0 };
	stk_error err;
	if (stk_read_file(path, 1 << 20, &b, &err) != STK_OK)
		return false;
	bool same = b.len == strlen(want) && memcmp(b.data, want, b.len) == 0;
	stk_buf_release(&b);
	return same;
}

static void test_folder(void)
{
	char root[] = "/tmp/stk-folder-XXXXXX", dir[128], path[192];
	if (!mkdtemp(root))
		abort();
	snprintf(dir, sizeof dir, "%s/out", root);
	stk__zip_out *z = sample(false);
	stk_error err;
	is_int(stk__zip_out_write_folder_ex(z, dir, false, &err), STK_OK, "folder written");
	snprintf(path, sizeof path, "%s/b/02.webp", dir);
	ok(file_is(path, "contents of b/02.webp, 1"), "nested file written");
	is_int(stk__zip_out_write_folder_ex(z, dir, false, &err), STK_ERR_WRITE,
	       "a full folder is not replaced without asking");
	stk__zip_out *small = NULL;
	is_int(stk__zip_out_new(&small, &err), STK_OK, "new");
	is_int(stk__zip_out_add(small, "only.txt", "1", 1, &err), STK_OK, "add");
	is_int(stk__zip_out_write_folder(small, dir, &err), STK_OK, "replaced when asked");
	snprintf(path, sizeof path, "%s/b", dir);
	ok(access(path, F_OK) != 0, "old contents gone");
	snprintf(path, sizeof path, "%s/only.txt", dir);
	ok(file_is(path, "1"), "new contents there");
	/* Nothing is left beside it. */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", root);
	is_int(system(cmd), 0, "no stage or old folder left beside the target");
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	if (system(cmd) != 0)
		tap_diag("cannot remove %s", root);
	stk__zip_out_free(z);
	stk__zip_out_free(small);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_sorted_and_stable();
	test_verify_catches();
	test_names();
	test_folder();
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
