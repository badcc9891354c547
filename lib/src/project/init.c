/*
 * init.c - stk_project_init(): a new pack project (stickerpack.json, art/,
 * a README for the illustrator), optionally adopting a folder of art: one
 * sticker per image file or frames folder, in name order, copied into
 * art/, emojis guessed from the file names.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "project_internal.h"

static const char readme[] =
	"# Sticker art\n\n"
	"Put one file per sticker in `art/`: PNG (with transparency), APNG, GIF,\n"
	"WebP or JPEG, or a folder of numbered PNG frames for an animation\n"
	"(`wave/0001.png`, `wave/0002.png`, ...; its frame rate is the sticker's\n"
	"`fps` in `stickerpack.json`).\n\n"
	"- Draw big: at least 512x512 pixels; the build scales down for each store.\n"
	"- Leave the background transparent; the build trims empty borders and adds\n"
	"  each store's margin.\n"
	"- Keep animations short (at most 3 seconds plays everywhere) and loops smooth.\n"
	"- Name files after what they show (`grinning-cat.png`): `stickerkit init --from`\n"
	"  guesses emojis from the names.\n\n"
	"Then list each sticker in `stickerpack.json` with its emojis\n"
	"(see `man 5 stickerkit-manifest`) and run `stickerkit build`.\n";

static bool art_name(const char *name, bool dir)
{
	static const char *const exts[] = { ".png", ".apng", ".gif", ".webp", ".jpg", ".jpeg" };
	if (name[0] == '.')
		return false;
	if (dir)
		return true;
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

static stk_status copy_file(const char *from, const char *to, stk_error *err)
{
	stk_buf b = { 0 };
	STK_TRY(stk_read_file(from, STK_DEFAULT_MAX_INPUT_BYTES, &b, err));
	stk_status s = stk_write_file_atomic(to, b.data, b.len, err);
	stk_buf_release(&b);
	return s;
}

/* A frames folder: its files (one level). */
static stk_status copy_folder(const char *from, const char *to, stk_error *err)
{
	STK_TRY(stk__mkdirs(to, err));
	DIR *d = opendir(from);
	if (!d) {
		stk__fail_errno(err, STK_ERR_IO, errno, "cannot open folder");
		stk__error_set_file(err, from);
		return STK_ERR_IO;
	}
	stk_status s = STK_OK;
	struct dirent *de;
	while (s == STK_OK && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *a = stk__path_join(from, de->d_name), *b = stk__path_join(to, de->d_name);
		struct stat st;
		if (!a || !b)
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		else if (stat(a, &st) == 0 && S_ISREG(st.st_mode))
			s = copy_file(a, b, err);
		free(a);
		free(b);
	}
	closedir(d);
	return s;
}

/* A regular file or folder whose name says art. */
static bool is_art(void *user, const char *from, const char *name)
{
	(void)user;
	char *p = stk__path_join(from, name);
	struct stat st;
	bool ok = p && stat(p, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) &&
	          art_name(name, S_ISDIR(st.st_mode));
	free(p);
	return ok;
}

/* The art of `from`, sorted, as malloc'd names; dirs[i] says a folder. */
static stk_status list_art(const char *from, char ***names, bool **dirs, size_t *n,
                           stk_error *err)
{
	*dirs = NULL;
	stk_status s = stk__dir_names(from, is_art, NULL, names, n, err);
	if (s != STK_OK) {
		stk__error_set_file(err, from);
		return s;
	}
	if (*n && !(*dirs = calloc(*n, sizeof **dirs)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < *n; i++) {
		char *p = stk__path_join(from, (*names)[i]);
		struct stat st;
		(*dirs)[i] = p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
		free(p);
	}
	return STK_OK;
}

static stk_status adopt(const char *dir, const char *from, json_t *stickers, stk_error *err)
{
	char **names;
	bool *dirs;
	size_t n;
	stk_status s = list_art(from, &names, &dirs, &n, err);
	for (size_t i = 0; s == STK_OK && i < n; i++) {
		char rel[1024];
		snprintf(rel, sizeof rel, "art/%s", names[i]);
		char *src = stk__path_join(from, names[i]), *dst = stk__path_join(dir, rel);
		if (!src || !dst)
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		else
			s = dirs[i] ? copy_folder(src, dst, err) : copy_file(src, dst, err);
		free(src);
		free(dst);
		if (s != STK_OK)
			break;
		json_t *e = json_object();
		json_object_set_new(e, "file", json_string(rel));
		json_t *emojis = json_array();
		const char *guess = stk_emoji_guess(names[i]);
		if (guess)
			json_array_append_new(emojis, json_string(guess));
		json_object_set_new(e, "emojis", emojis);
		json_array_append_new(stickers, e);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dirs);
	return s;
}

/* An identifier from a name: lower-case letters and digits, '_' between. */
static void identifier_from(const char *name, char *out, size_t size)
{
	size_t n = 0;
	bool sep = false;
	for (const unsigned char *p = (const unsigned char *)name; *p && n + 2 < size; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')) {
			if (sep && n)
				out[n++] = '_';
			out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			sep = false;
		} else {
			sep = true;
		}
	}
	if (!n)
		n = (size_t)snprintf(out, size, "pack");
	out[n < size ? n : size - 1] = '\0';
}

stk_status stk_project_init(const char *dir, const char *name, const char *from,
                            size_t *count, stk_error *err)
{
	if (count)
		*count = 0;
	char *manifest = stk__path_join(dir, STK_MANIFEST_NAME);
	char *art = stk__path_join(dir, "art");
	char *readme_path = stk__path_join(dir, "art/README.md");
	stk_status s = manifest && art && readme_path ? STK_OK
	               : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	struct stat st;
	if (s == STK_OK && stat(manifest, &st) == 0) {
		s = stk__fail(err, STK_ERR_INVALID_ARG, "a pack project is already there");
		stk__error_set_file(err, manifest);
	}
	if (s == STK_OK)
		s = stk__mkdirs(art, err);
	char base[256], id[128];
	const char *slash = strrchr(dir, '/');
	snprintf(base, sizeof base, "%s", slash && slash[1] ? slash + 1 : dir);
	if (!name)
		name = strcmp(base, ".") == 0 ? "My stickers" : base;
	identifier_from(name, id, sizeof id);
	json_t *doc = json_object(), *stickers = json_array();
	json_object_set_new(doc, "identifier", json_string(id));
	json_object_set_new(doc, "name", json_string(name));
	json_object_set_new(doc, "publisher", json_string(""));
	json_object_set_new(doc, "targets", json_pack("[s,s,s,s]", "whatsapp", "telegram",
	                                              "signal", "line"));
	if (s == STK_OK && from)
		s = adopt(dir, from, stickers, err);
	if (count)
		*count = json_array_size(stickers);
	json_object_set_new(doc, "stickers", stickers);
	char *text = s == STK_OK ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	if (s == STK_OK && !text)
		s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK) {
		size_t len = strlen(text);
		text[len] = '\0';
		s = stk_write_file_atomic(readme_path, readme, strlen(readme), err);
		if (s == STK_OK) {
			char *full = malloc(len + 2);
			if (!full) {
				s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
			} else {
				memcpy(full, text, len);
				full[len] = '\n';
				s = stk_write_file_atomic(manifest, full, len + 1, err);
				free(full);
			}
		}
	}
	free(text);
	free(manifest);
	free(art);
	free(readme_path);
	return s;
}
