/*
 * cache.c - the build cache: one file per output in
 * OUTDIR/.stickerkit-cache/, named by the hash of everything that makes
 * the output (source bytes, options, profile rules, tool version).  An
 * entry is a header line and the bytes:
 *
 *   stickerkit-cache 1 KEY LEN DATAHASH FORMAT QUALITY LOSSLESS FPS SSIM FRAMES ENCODES BUDGET\n
 *   <LEN bytes>
 *
 * and is trusted only when its key, length and data hash agree; anything
 * else (a torn write from a crash, a foreign file) is removed and rebuilt.
 * Entries are written through stk_write_file_atomic().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "project_internal.h"

#define MAGIC "stickerkit-cache 1 "

/* A frames folder: every file's name and bytes, in name order. */
static stk_status hash_folder(const char *path, uint64_t max_bytes, stk__hash *h,
                              stk_error *err)
{
	char **names = NULL;
	size_t n = 0;
	stk_status s = stk__dir_names(path, NULL, NULL, &names, &n, err);
	if (s != STK_OK) {
		stk__error_set_file(err, path);
		return s;
	}
	for (size_t i = 0; s == STK_OK && i < n; i++) {
		char *p = stk__path_join(path, names[i]);
		stk_buf b = { 0 };
		struct stat st;
		if (!p)
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		else if (stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		         (s = stk_read_file(p, max_bytes, &b, err)) == STK_OK) {
			stk__hash_str(h, names[i]);
			stk__hash_update(h, &b.len, sizeof b.len);
			stk__hash_update(h, b.data, b.len);
		}
		stk_buf_release(&b);
		free(p);
	}
	stk__dir_names_free(names, n);
	return s;
}

stk_status stk__source_hash(const char *path, uint64_t max_bytes, stk__hash *h,
                            stk_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		stk__fail_errno(err, STK_ERR_IO, errno, "cannot open");
		stk__error_set_file(err, path);
		return STK_ERR_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		stk__hash_str(h, "frames-folder");
		return hash_folder(path, max_bytes, h, err);
	}
	stk_buf b = { 0 };
	STK_TRY(stk_read_file(path, max_bytes, &b, err));
	stk__hash_str(h, "file");
	stk__hash_update(h, b.data, b.len);
	stk_buf_release(&b);
	return STK_OK;
}

static void data_hash(const uint8_t *data, size_t len, char out[33])
{
	stk__hash h;
	stk__hash_init(&h);
	stk__hash_update(&h, data, len);
	stk__hash_hex(&h, out);
}

bool stk__cache_get(const char *cache_dir, const char *key, stk_buf *out,
                    stk__cache_meta *meta)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", cache_dir, key);
	stk_buf b = { 0 };
	if (access(path, F_OK) != 0 || stk_read_file(path, 1u << 30, &b, NULL) != STK_OK)
		return false;
	const char *nl = memchr(b.data, '\n', b.len < 512 ? b.len : 512);
	char head[512], k[64], h[64], want[33];
	unsigned long long len = 0, budget = 0;
	int lossless = 0;
	bool ok = false;
	memset(meta, 0, sizeof *meta);
	if (nl && (size_t)(nl - (const char *)b.data) < sizeof head &&
	    memcmp(b.data, MAGIC, strlen(MAGIC)) == 0) {
		size_t hl = (size_t)(nl - (const char *)b.data);
		memcpy(head, b.data, hl);
		head[hl] = '\0';
		ok = sscanf(head + strlen(MAGIC), "%63s %llu %63s %15s %f %d %lf %lf %u %u %llu", k,
		            &len, h, meta->format, &meta->quality, &lossless, &meta->fps, &meta->ssim,
		            &meta->frames, &meta->encodes, &budget) == 11 &&
		     strcmp(k, key) == 0 && len == b.len - hl - 1;
		if (ok) {
			data_hash(b.data + hl + 1, (size_t)len, want);
			ok = strcmp(want, h) == 0;
		}
		if (ok) {
			memmove(b.data, b.data + hl + 1, (size_t)len);
			b.len = (size_t)len;
			meta->lossless = lossless;
			meta->budget = budget;
		}
	}
	if (!ok) {
		stk_buf_release(&b);
		unlink(path); /* never trusted, rebuilt */
		return false;
	}
	*out = b;
	return true;
}

stk_status stk__cache_put(const char *cache_dir, const char *key, const uint8_t *data,
                          size_t len, const stk__cache_meta *meta, stk_error *err)
{
	char head[512], h[33], path[4096];
	data_hash(data, len, h);
	int hl = snprintf(head, sizeof head, MAGIC "%s %zu %s %s %.6g %d %.9g %.9g %u %u %llu\n",
	                  key, len, h, meta->format[0] ? meta->format : "-", (double)meta->quality,
	                  meta->lossless, meta->fps, meta->ssim, meta->frames, meta->encodes,
	                  (unsigned long long)meta->budget);
	uint8_t *all = malloc((size_t)hl + len);
	if (!all)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memcpy(all, head, (size_t)hl);
	memcpy(all + hl, data, len);
	snprintf(path, sizeof path, "%s/%s", cache_dir, key);
	stk_status s = stk_write_file_atomic(path, all, (size_t)hl + len, err);
	free(all);
	return s;
}
