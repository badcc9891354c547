/*
 * import_packs.c - what kind of pack an import's files are, and its
 * stickers in the pack's own order with their emojis:
 *
 *   contents.json   a WhatsApp sample-app folder (or its assets zipped):
 *                   every pack in it, in order, emojis from the file
 *   manifest.json   signal-cli's upload manifest: title, author, stickers
 *                   with one emoji each, the cover
 *   metadata.json   stickerkit's Telegram (and other stores') list:
 *                   name, publisher, stickers with emojis and keywords
 *   title.txt or    a .wastickers: stickers in name order, the tray
 *   .wastickers     (tray.png, cover.png, ...), emojis from each WebP's
 *                   WhatsApp EXIF
 *   anything else   a folder or ZIP of stickers, in name order
 *
 * File names in those documents are looked up among the input's files
 * only: a name that is not there is an error, never a path to open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "package_internal.h"

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static const uint8_t *find(const stk__zip_out *files, const char *name, size_t *len)
{
	for (size_t i = 0; name && i < stk__zip_out_count(files); i++) {
		const uint8_t *d;
		if (strcmp(stk__zip_out_entry(files, i, &d, len), name) == 0)
			return d;
	}
	return NULL;
}

static bool sticker_ext(const char *name)
{
	static const char *const exts[] = { ".png", ".apng", ".webp", ".gif", ".tgs", ".webm" };
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

static const char *base(const char *name)
{
	const char *slash = strrchr(name, '/');
	return slash ? slash + 1 : name;
}

/* ---- the model ---- */

void stk__import_pack_release(stk__import_pack *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->st[i].file);
		for (size_t k = 0; k < p->st[i].n_emojis; k++)
			free(p->st[i].emojis[k]);
		free(p->st[i].accessibility_text);
	}
	free(p->st);
	free(p->identifier);
	free(p->name);
	free(p->publisher);
	free(p->tray);
	memset(p, 0, sizeof *p);
}

static stk_status set(char **dst, const char *v, stk_error *err)
{
	if (!v || *dst)
		return STK_OK;
	*dst = strdup(v);
	return *dst ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
}

static stk_status add_emoji(stk__import_sticker *s, const char *e, stk_error *err)
{
	if (!e || !e[0] || s->n_emojis >= STK__IMPORT_MAX_EMOJIS)
		return STK_OK;
	if (!(s->emojis[s->n_emojis] = strdup(e)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	s->n_emojis++;
	return STK_OK;
}

/* A sticker named `name` among the files (missing is an error). */
static stk_status add_sticker(stk__import_pack *p, const stk__zip_out *files, const char *name,
                              stk__import_sticker **out, stk_error *err)
{
	size_t len;
	if (!name || !find(files, name, &len))
		return stk__fail(err, STK_ERR_CORRUPT, "the pack names a sticker \"%s\" that is not "
		                 "in it", name ? name : "");
	if (!sticker_ext(name))
		return stk__fail(err, STK_ERR_CORRUPT, "%s is not a sticker image", name);
	STK_GROW(p->st, p->cap, p->n + 1, 32, err);
	stk__import_sticker *s = &p->st[p->n];
	memset(s, 0, sizeof *s);
	if (!(s->file = strdup(name)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	p->n++;
	*out = s;
	return STK_OK;
}

static stk_status emojis_from(stk__import_sticker *s, json_t *arr, stk_error *err)
{
	json_t *v;
	size_t i;
	if (json_is_string(arr))
		return add_emoji(s, json_string_value(arr), err);
	json_array_foreach(arr, i, v)
		STK_TRY(add_emoji(s, json_string_value(v), err));
	return STK_OK;
}

/* ---- the formats ---- */

static stk_status read_json(const stk__zip_out *files, const char *name, json_t **out,
                            stk_error *err)
{
	size_t len;
	const uint8_t *d = find(files, name, &len);
	json_error_t je;
	*out = d ? json_loadb((const char *)d, len, JSON_REJECT_DUPLICATES, &je) : NULL;
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return stk__fail(err, STK_ERR_CORRUPT, "%s: %s", name,
		                 d ? "not a JSON object" : "missing");
	}
	return STK_OK;
}

/* WhatsApp's contents.json: each pack's files are <identifier>/<file>. */
static stk_status from_contents(stk__import_pack *p, const stk__zip_out *files, stk_error *err)
{
	json_t *doc;
	STK_TRY(read_json(files, "contents.json", &doc, err));
	json_t *packs = json_object_get(doc, "sticker_packs"), *pk;
	size_t i;
	stk_status s = json_array_size(packs) ? STK_OK
	             : stk__fail(err, STK_ERR_CORRUPT, "contents.json: no sticker_packs");
	json_array_foreach(packs, i, pk) {
		const char *id = str(pk, "identifier");
		if (s != STK_OK)
			break;
		if (!id || !id[0] || strchr(id, '/') || strstr(id, "..")) {
			s = stk__fail(err, STK_ERR_CORRUPT, "contents.json: pack %zu has no usable "
			              "identifier", i + 1);
			break;
		}
		s = set(&p->identifier, id, err);
		if (s == STK_OK)
			s = set(&p->name, str(pk, "name"), err);
		if (s == STK_OK)
			s = set(&p->publisher, str(pk, "publisher"), err);
		char name[1024];
		if (s == STK_OK && str(pk, "tray_image_file") && !p->tray) {
			snprintf(name, sizeof name, "%s/%s", id, str(pk, "tray_image_file"));
			s = set(&p->tray, name, err);
		}
		json_t *st;
		size_t k;
		json_array_foreach(json_object_get(pk, "stickers"), k, st) {
			stk__import_sticker *is;
			if (s != STK_OK)
				break;
			const char *f = str(st, "image_file");
			snprintf(name, sizeof name, "%s/%s", id, f ? f : "");
			s = f && !strchr(f, '/') ? add_sticker(p, files, name, &is, err)
			  : stk__fail(err, STK_ERR_CORRUPT, "contents.json: a sticker of %s has no plain "
			              "image_file", id);
			if (s == STK_OK)
				s = emojis_from(is, json_object_get(st, "emojis"), err);
			if (s == STK_OK)
				s = set(&is->accessibility_text, str(st, "accessibility_text"), err);
		}
	}
	json_decref(doc);
	return s;
}

/* signal-cli's manifest.json, or stickerkit's metadata.json (Telegram,
 * Discord, ...): the same shape with "emoji" or "emojis". */
static stk_status from_list(stk__import_pack *p, const stk__zip_out *files, const char *doc_name,
                            stk_error *err)
{
	json_t *doc;
	STK_TRY(read_json(files, doc_name, &doc, err));
	bool signal = !strcmp(doc_name, "manifest.json");
	stk_status s = set(&p->name, str(doc, signal ? "title" : "name"), err);
	if (s == STK_OK)
		s = set(&p->publisher, str(doc, signal ? "author" : "publisher"), err);
	if (s == STK_OK && !signal)
		s = set(&p->identifier, str(doc, "identifier"), err);
	json_t *cover = json_object_get(doc, signal ? "cover" : "images");
	const char *tray = signal ? str(cover, "file") : str(cover, "icon");
	if (s == STK_OK && tray && find(files, tray, &(size_t){ 0 }))
		s = set(&p->tray, tray, err);
	json_t *arr = json_object_get(doc, "stickers"), *st;
	if (s == STK_OK && !json_array_size(arr))
		s = stk__fail(err, STK_ERR_CORRUPT, "%s: no stickers", doc_name);
	size_t i;
	json_array_foreach(arr, i, st) {
		stk__import_sticker *is;
		if (s != STK_OK)
			break;
		s = add_sticker(p, files, str(st, "file"), &is, err);
		if (s == STK_OK)
			s = emojis_from(is, json_object_get(st, signal ? "emoji" : "emojis"), err);
		if (s == STK_OK && !signal && str(st, "description") && str(st, "description")[0])
			s = set(&is->accessibility_text, str(st, "description"), err);
	}
	/* Signal lists its cover among the images only when it is its own file. */
	if (s == STK_OK && signal && p->tray)
		for (size_t k = 0; k < p->n; k++)
			if (!strcmp(p->st[k].file, p->tray)) {
				free(p->tray);
				p->tray = NULL;
				break;
			}
	json_decref(doc);
	return s;
}

static bool tray_name(const char *name)
{
	const char *b = base(name);
	return !strcasecmp(b, "tray.png") || !strcasecmp(b, "cover.png") ||
	       !strcasecmp(b, "tray.webp") || !strncasecmp(b, "tray_", 5) ||
	       !strncasecmp(b, "tray-", 5) || !strcasecmp(b, "icon.png");
}

/* The trimmed text of a one-line file, or NULL. */
static char *text_file(const stk__zip_out *files, const char *name)
{
	size_t len;
	const uint8_t *d = find(files, name, &len);
	if (!d)
		return NULL;
	while (len && strchr(" \t\r\n", d[len - 1]))
		len--;
	while (len && strchr(" \t\r\n", d[0]))
		d++, len--;
	return strndup((const char *)d, len);
}

/* A .wastickers or a plain folder/ZIP: the top level's images in name
 * order; emojis from each WebP's WhatsApp EXIF. */
static stk_status from_flat(stk__import_pack *p, const stk__zip_out *files, stk_error *err)
{
	p->name = text_file(files, "title.txt");
	p->publisher = text_file(files, "author.txt");
	stk_status s = STK_OK;
	for (size_t i = 0; s == STK_OK && i < stk__zip_out_count(files); i++) {
		const char *name = stk__zip_out_entry(files, i, NULL, NULL);
		if (strchr(name, '/') || !sticker_ext(name))
			continue;
		if (tray_name(name) && !p->tray) {
			s = set(&p->tray, name, err);
			continue;
		}
		stk__import_sticker *is;
		s = add_sticker(p, files, name, &is, err);
	}
	if (s == STK_OK && !p->n)
		s = stk__fail(err, STK_ERR_CORRUPT, "no stickers in it (PNG, APNG, WebP, GIF, TGS "
		              "or WEBM at the top level)");
	return s;
}

/* Emojis a WebP carries in its WhatsApp EXIF, for stickers that have none;
 * the pack's name and publisher too when nothing else gave them. */
static stk_status exif_emojis(stk__import_pack *p, const stk__zip_out *files, stk_error *err)
{
	for (size_t i = 0; i < p->n; i++) {
		stk__import_sticker *s = &p->st[i];
		size_t len;
		const uint8_t *d = find(files, s->file, &len);
		stk_buf json = { 0 };
		stk_error e;
		if (s->n_emojis || stk_wa_webp_metadata(d, len, &json, &e) != STK_OK)
			continue;
		json_t *o = json_loadb((const char *)json.data, json.len, 0, NULL);
		stk_buf_release(&json);
		stk_status st = emojis_from(s, json_object_get(o, "emojis"), err);
		if (st == STK_OK)
			st = set(&p->name, str(o, "sticker-pack-name"), err);
		if (st == STK_OK)
			st = set(&p->publisher, str(o, "sticker-pack-publisher"), err);
		if (st == STK_OK)
			st = set(&s->accessibility_text, str(o, "accessibility-text"), err);
		json_decref(o);
		STK_TRY(st);
	}
	return STK_OK;
}

stk_status stk__import_recognise(const stk__zip_out *files, bool wastickers,
                                 stk__import_pack *p, stk_error *err)
{
	size_t len;
	stk_status s;
	memset(p, 0, sizeof *p);
	if (find(files, "contents.json", &len)) {
		snprintf(p->kind, sizeof p->kind, "whatsapp-folder");
		s = from_contents(p, files, err);
	} else if (find(files, "manifest.json", &len)) {
		snprintf(p->kind, sizeof p->kind, "signal");
		s = from_list(p, files, "manifest.json", err);
	} else if (find(files, "metadata.json", &len)) {
		snprintf(p->kind, sizeof p->kind, "stickerkit-metadata");
		s = from_list(p, files, "metadata.json", err);
	} else {
		bool wa = wastickers || find(files, "title.txt", &len) || find(files, "author.txt", &len);
		snprintf(p->kind, sizeof p->kind, "%s", wa ? "wastickers" : "stickers");
		s = from_flat(p, files, err);
	}
	if (s == STK_OK)
		s = exif_emojis(p, files, err);
	if (s != STK_OK)
		stk__import_pack_release(p);
	return s;
}

const uint8_t *stk__import_file(const stk__zip_out *files, const char *name, size_t *len)
{
	return find(files, name, len);
}
