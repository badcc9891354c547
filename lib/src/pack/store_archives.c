/*
 * store_archives.c - what each store's submission archive holds, read
 * from a built target folder (stickerkit-build(1)'s OUTDIR/<target>/).
 *
 * A target folder holds one pack, or one folder per pack (a split) that
 * each become their own archive, named <pack>-<profile id>.zip:
 *
 *   whatsapp   <pack>-whatsapp.wastickers per pack (title.txt, author.txt,
 *              tray.png, the WebP stickers), and <identifier>-whatsapp.zip:
 *              the sample apps' assets (contents.json + one folder a pack)
 *   line       main.png, tab.png and the numbered stickers only; 20 MB
 *   wechat,    the images and metadata.json plus checklist.txt (what to
 *   kakaotalk  paste into the form), as a folder and as a ZIP
 *   imessage   an asset catalog: Stickers.xcstickers/Contents.json and the
 *              pack as "Sticker Pack.stickerpack", zipped and as a folder
 *   others     the pack folder as it is (signal's manifest.json,
 *              metadata.json with emojis, keywords, names and tags)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "pack_internal.h"

#define LINE_MAX_ZIP (20u * 1000u * 1000u)

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

/* 1 folder, 0 regular file; a link or a device is an error. */
static stk_status kind(const char *path, int *is_dir, stk_error *err)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return stk__fail_errno(err, STK_ERR_IO, errno, "cannot read %s", path);
	if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
		return stk__fail(err, STK_ERR_IO, "%s is not a regular file or folder", path);
	*is_dir = S_ISDIR(st.st_mode);
	return STK_OK;
}

/* Adds dir's files under prefix (recursively), skipping those skip() names. */
static stk_status add_tree(stk__zip_out *z, const char *dir, const char *prefix,
                           bool (*skip)(const char *name), stk_error *err)
{
	char **names;
	size_t n;
	STK_TRY(stk__dir_names(dir, NULL, NULL, &names, &n, err));
	stk_status s = STK_OK;
	for (size_t i = 0; s == STK_OK && i < n; i++) {
		char *path = join(dir, names[i]);
		char *name = prefix[0] ? join(prefix, names[i]) : strdup(names[i]);
		int is_dir = 0;
		if (!path || !name)
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		else if ((s = kind(path, &is_dir, err)) != STK_OK)
			;
		else if (is_dir)
			s = add_tree(z, path, name, skip, err);
		else if (!skip || !skip(names[i]))
			s = stk__zip_out_add_file(z, name, path, err);
		free(path);
		free(name);
	}
	stk__dir_names_free(names, n);
	return s;
}

/* ---- the list of archives ---- */

void stk__store_archives_release(stk__store_archives *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->a[i].file);
		free(list->a[i].folder);
		free(list->a[i].pack);
		stk__zip_out_free(list->a[i].entries);
		stk__zip_out_free(list->a[i].folder_entries);
	}
	free(list->a);
	memset(list, 0, sizeof *list);
}

/* A new archive <pack>-<profile><ext> at the end of the list. */
static stk_status add_archive(stk__store_archives *list, const char *pack, const char *profile,
                              const char *ext, stk__store_archive **out, stk_error *err)
{
	if (list->n == list->cap) {
		size_t ncap = list->cap ? list->cap * 2 : 4;
		stk__store_archive *na = realloc(list->a, ncap * sizeof *na);
		if (!na)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		list->a = na;
		list->cap = ncap;
	}
	stk__store_archive *a = &list->a[list->n];
	memset(a, 0, sizeof *a);
	size_t n = strlen(pack) + strlen(profile) + strlen(ext) + 2;
	a->file = malloc(n);
	a->pack = strdup(pack);
	if (!a->file || !a->pack) {
		free(a->file);
		free(a->pack);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	snprintf(a->file, n, "%s-%s%s", pack, profile, ext);
	stk_status s = stk__zip_out_new(&a->entries, err);
	if (s != STK_OK) {
		free(a->file);
		free(a->pack);
		return s;
	}
	list->n++;
	*out = a;
	return STK_OK;
}

stk_status stk__store_folder_copy(stk__store_archive *a, const char *ext, stk_error *err)
{
	size_t n = strlen(a->file) + strlen(ext) + 1;
	const char *dot = strrchr(a->file, '.');
	size_t stem = dot ? (size_t)(dot - a->file) : strlen(a->file);
	if (!(a->folder = malloc(n)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	snprintf(a->folder, n, "%.*s%s", (int)stem, a->file, ext);
	return STK_OK;
}

/* ---- the stores ---- */

static bool is_image_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcmp(dot, ".png") || !strcmp(dot, ".webp") || !strcmp(dot, ".gif") ||
	               !strcmp(dot, ".apng") || !strcmp(dot, ".jpg") || !strcmp(dot, ".tgs") ||
	               !strcmp(dot, ".webm"));
}

static bool not_an_image(const char *name)
{
	return !is_image_name(name);
}

static stk_status line_pack(const char *dir, const char *pack, stk__store_archives *list,
                            stk_error *err)
{
	stk__store_archive *a;
	STK_TRY(add_archive(list, pack, "line", ".zip", &a, err));
	STK_TRY(add_tree(a->entries, dir, "", not_an_image, err));
	if (stk__zip_out_bytes(a->entries) > LINE_MAX_ZIP)
		return stk__fail(err, STK_ERR_LIMIT, "%s: the images add up to %llu bytes, over "
		                 "LINE's 20 MB for one ZIP", a->file,
		                 (unsigned long long)stk__zip_out_bytes(a->entries));
	return STK_OK;
}

static stk_status plain_pack(const char *dir, const char *pack, const char *profile,
                             stk__store_archives *list, stk_error *err)
{
	stk__store_archive *a;
	STK_TRY(add_archive(list, pack, profile, ".zip", &a, err));
	return add_tree(a->entries, dir, "", NULL, err);
}

/* An upload folder and its ZIP: the images, metadata.json and a checklist. */
static stk_status form_pack(const char *dir, const char *pack, const char *profile,
                            stk__store_archives *list, stk_error *err)
{
	stk__store_archive *a;
	STK_TRY(add_archive(list, pack, profile, ".zip", &a, err));
	STK_TRY(add_tree(a->entries, dir, "", NULL, err));
	stk_buf text = { 0 };
	STK_TRY(stk__store_checklist(dir, profile, &text, err));
	stk_status s = stk__zip_out_add(a->entries, "checklist.txt", text.data, text.len, err);
	stk_buf_release(&text);
	STK_TRY(s);
	STK_TRY(stk__store_folder_copy(a, "", err));
	STK_TRY(stk__zip_out_new(&a->folder_entries, err));
	for (size_t i = 0; i < stk__zip_out_count(a->entries); i++) {
		const uint8_t *data;
		size_t len;
		const char *name = stk__zip_out_entry(a->entries, i, &data, &len);
		STK_TRY(stk__zip_out_add(a->folder_entries, name, data, len, err));
	}
	return STK_OK;
}

/* An Xcode asset catalog around one built .stickerpack folder. */
static stk_status imessage_pack(const char *dir, const char *pack, stk__store_archives *list,
                                stk_error *err)
{
	static const char catalog[] = "{\n  \"info\" : {\n    \"author\" : \"xcode\",\n"
	                              "    \"version\" : 1\n  }\n}\n";
	stk__store_archive *a;
	STK_TRY(add_archive(list, pack, "imessage", ".zip", &a, err));
	STK_TRY(stk__zip_out_add(a->entries, "Stickers.xcstickers/Contents.json", catalog,
	                         sizeof catalog - 1, err));
	STK_TRY(add_tree(a->entries, dir, "Stickers.xcstickers/Sticker Pack.stickerpack", NULL,
	                 err));
	STK_TRY(stk__store_folder_copy(a, ".xcstickers", err));
	STK_TRY(stk__zip_out_new(&a->folder_entries, err));
	STK_TRY(stk__zip_out_add(a->folder_entries, "Contents.json", catalog, sizeof catalog - 1,
	                         err));
	return add_tree(a->folder_entries, dir, "Sticker Pack.stickerpack", NULL, err);
}

static stk_status one_pack(const char *dir, const char *pack, const char *profile,
                           stk__store_archives *list, stk_error *err)
{
	if (!strcmp(profile, "line"))
		return line_pack(dir, pack, list, err);
	if (!strcmp(profile, "wechat") || !strcmp(profile, "kakaotalk"))
		return form_pack(dir, pack, profile, list, err);
	if (!strcmp(profile, "imessage"))
		return imessage_pack(dir, pack, list, err);
	return plain_pack(dir, pack, profile, list, err);
}

/* The pack folders of a target: the folder itself when it holds the
 * stickers, else each subfolder (a split: <target>/<pack>/). iMessage's
 * packs are always <pack>.stickerpack/ folders. */
static stk_status each_pack(const char *dir, const char *identifier, const char *profile,
                            stk__store_archives *list, stk_error *err)
{
	char **names;
	size_t n;
	STK_TRY(stk__dir_names(dir, NULL, NULL, &names, &n, err));
	bool imessage = !strcmp(profile, "imessage"), flat = false;
	for (size_t i = 0; !imessage && i < n; i++)
		flat = flat || is_image_name(names[i]);
	stk_status s = STK_OK;
	size_t packs = 0;
	if (flat)
		s = one_pack(dir, identifier, profile, list, err), packs = 1;
	for (size_t i = 0; !flat && s == STK_OK && i < n; i++) {
		char *path = join(dir, names[i]);
		int is_dir = 0;
		if (!path) {
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
			break;
		}
		s = kind(path, &is_dir, err);
		size_t len = strlen(names[i]);
		bool ok = is_dir && (!imessage || (len > 12 &&
		                     !strcmp(names[i] + len - 12, ".stickerpack")));
		if (s == STK_OK && ok) {
			if (imessage)
				names[i][len - 12] = '\0';
			s = one_pack(path, names[i], profile, list, err);
			packs++;
		}
		free(path);
	}
	stk__dir_names_free(names, n);
	if (s == STK_OK && !packs)
		s = stk__fail(err, STK_ERR_IO, "%s holds no built pack", dir);
	return s;
}

stk_status stk__store_archives_plan(const char *target_dir, const char *profile,
                                    const char *identifier, stk__store_archives *list,
                                    stk_error *err)
{
	memset(list, 0, sizeof *list);
	stk_status s = !strcmp(profile, "whatsapp")
	               ? stk__store_whatsapp(target_dir, identifier, list, err)
	               : each_pack(target_dir, identifier, profile, list, err);
	if (s != STK_OK)
		stk__store_archives_release(list);
	return s;
}

stk_status stk__store_new_archive(stk__store_archives *list, const char *pack,
                                  const char *profile, const char *ext,
                                  stk__store_archive **out, stk_error *err)
{
	return add_archive(list, pack, profile, ext, out, err);
}

stk_status stk__store_add_tree(stk__zip_out *z, const char *dir, const char *prefix,
                               stk_error *err)
{
	return add_tree(z, dir, prefix, NULL, err);
}
