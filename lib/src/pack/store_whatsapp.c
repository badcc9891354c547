/*
 * store_whatsapp.c - WhatsApp's two submission shapes from a built
 * whatsapp/ folder (contents.json beside one folder per pack):
 *
 *   <pack>-whatsapp.wastickers   one per pack: title.txt, author.txt (the
 *                                community convention, one line each),
 *                                tray.png and the stickers, which carry
 *                                their emojis in their EXIF
 *   <identifier>-whatsapp.zip    contents.json and the pack folders, as
 *                                the Android and iOS sample apps' assets
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "pack_internal.h"

static const char *str_field(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A file name from contents.json: one plain name, as the sample apps'
 * parsers demand (no "/" and no ".."). */
static bool plain_name(const char *s)
{
	return s && s[0] && !strchr(s, '/') && !strchr(s, '\\') && !strstr(s, "..");
}

static stk_status add_line(stk__zip_out *z, const char *name, const char *text,
                           stk_error *err)
{
	size_t n = strlen(text);
	char *line = malloc(n + 2);
	if (!line)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memcpy(line, text, n);
	line[n] = '\n';
	stk_status s = stk__zip_out_add(z, name, line, n + 1, err);
	free(line);
	return s;
}

static stk_status add_pack_file(stk__zip_out *z, const char *dir, const char *id,
                                const char *file, const char *as, stk_error *err)
{
	if (!plain_name(file))
		return stk__fail(err, STK_ERR_CORRUPT, "contents.json: pack %s names a file \"%s\" "
		                 "that is not a plain file name", id, file ? file : "");
	size_t n = strlen(dir) + strlen(id) + strlen(file) + 3;
	char *path = malloc(n);
	if (!path)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	snprintf(path, n, "%s/%s/%s", dir, id, file);
	stk_status s = stk__zip_out_add_file(z, as ? as : file, path, err);
	free(path);
	return s;
}

static stk_status wastickers(const char *dir, json_t *pack, stk__store_archives *list,
                             stk_error *err)
{
	const char *id = str_field(pack, "identifier");
	if (!plain_name(id))
		return stk__fail(err, STK_ERR_CORRUPT, "contents.json: a pack has no usable "
		                 "identifier");
	stk__store_archive *a;
	STK_TRY(stk__store_new_archive(list, id, "whatsapp", ".wastickers", &a, err));
	const char *name = str_field(pack, "name"), *publisher = str_field(pack, "publisher");
	STK_TRY(add_line(a->entries, "title.txt", name ? name : "", err));
	STK_TRY(add_line(a->entries, "author.txt", publisher ? publisher : "", err));
	STK_TRY(add_pack_file(a->entries, dir, id, str_field(pack, "tray_image_file"), "tray.png",
	                      err));
	json_t *stickers = json_object_get(pack, "stickers"), *st;
	size_t i;
	json_array_foreach(stickers, i, st)
		STK_TRY(add_pack_file(a->entries, dir, id, str_field(st, "image_file"), NULL, err));
	return STK_OK;
}

stk_status stk__store_whatsapp(const char *dir, const char *identifier,
                               stk__store_archives *list, stk_error *err)
{
	size_t n = strlen(dir) + 16;
	char *path = malloc(n);
	if (!path)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	snprintf(path, n, "%s/contents.json", dir);
	json_error_t je;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	stk_status s = STK_OK;
	json_t *packs = doc ? json_object_get(doc, "sticker_packs") : NULL;
	if (!json_is_array(packs) || !json_array_size(packs))
		s = stk__fail(err, STK_ERR_CORRUPT, "%s: no sticker_packs (%s)", path,
		              doc ? "not in the file" : je.text);
	json_t *pack;
	size_t i;
	json_array_foreach(packs, i, pack)
		if (s == STK_OK)
			s = wastickers(dir, pack, list, err);
	/* The sample apps' assets: contents.json and every pack's folder. */
	stk__store_archive *a = NULL;
	if (s == STK_OK)
		s = stk__store_new_archive(list, identifier, "whatsapp", ".zip", &a, err);
	if (s == STK_OK)
		s = stk__zip_out_add_file(a->entries, "contents.json", path, err);
	json_array_foreach(packs, i, pack) {
		const char *id = str_field(pack, "identifier");
		if (s != STK_OK)
			break;
		char *sub = malloc(strlen(dir) + strlen(id) + 2);
		if (!sub) {
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
			break;
		}
		sprintf(sub, "%s/%s", dir, id);
		s = stk__store_add_tree(a->entries, sub, id, err);
		free(sub);
	}
	json_decref(doc);
	free(path);
	return s;
}
