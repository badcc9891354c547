/*
 * build_clean.c - a target's folder holds what this build wrote and
 * nothing else: a sticker dropped from the manifest, or a pack that is no
 * longer split, must not linger where the store's validation (and a
 * person uploading the folder) would take it for part of the pack.  Only
 * OUTDIR/<target>/ is touched, never the cache or anything beside it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "project_internal.h"

static const char *const store_files[] = {
	"contents.json", "manifest.json", "metadata.json", "Contents.json",
};

static bool is_store_file(const char *name)
{
	for (size_t i = 0; i < sizeof store_files / sizeof store_files[0]; i++)
		if (strcmp(name, store_files[i]) == 0)
			return true;
	return false;
}

/* Whether rel (relative to the output folder) is a job's output of this
 * target, or a store file of one of its pack folders or of its own. */
static bool expected(const stk_build_result *b, const stk__target *t, const char *rel,
                     const char *name)
{
	size_t ti = (size_t)(t - b->targets);
	for (size_t i = 0; i < b->n_jobs; i++)
		if (b->jobs[i].target == ti && strcmp(b->jobs[i].output, rel) == 0)
			return true;
	if (!is_store_file(name))
		return false;
	size_t dirlen = (size_t)(name - rel) - 1;
	if (dirlen == strlen(t->id) && strncmp(rel, t->id, dirlen) == 0)
		return true;
	for (size_t p = 0; p < t->n_packs; p++) {
		const char *f = t->packs[p].folder;
		if (strlen(f) == dirlen && strncmp(rel, f, dirlen) == 0)
			return true;
	}
	/* iMessage: each NN.sticker/ folder's own Contents.json */
	for (size_t i = 0; i < b->n_jobs; i++) {
		const char *o = b->jobs[i].output, *slash = strrchr(o, '/');
		if (b->jobs[i].target == ti && slash && (size_t)(slash - o) == dirlen &&
		    strncmp(o, rel, dirlen) == 0)
			return true;
	}
	return false;
}

static void sweep(const stk_build_result *b, const stk__target *t, const char *rel)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", b->outdir, rel);
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char sub[2048], full[4096];
		snprintf(sub, sizeof sub, "%s/%s", rel, de->d_name);
		snprintf(full, sizeof full, "%s/%s", b->outdir, sub);
		struct stat st;
		if (lstat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			sweep(b, t, sub);
			rmdir(full); /* only when empty */
		} else if (!expected(b, t, sub, sub + strlen(rel) + 1)) {
			unlink(full);
		}
	}
	closedir(d);
}

void stk__clean_target(const stk_build_result *b, const stk__target *t)
{
	sweep(b, t, t->id);
}
