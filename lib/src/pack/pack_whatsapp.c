/*
 * pack_whatsapp.c - a built WhatsApp folder: contents.json beside one
 * folder per pack identifier (Android sample app's assets layout).  Each
 * pack becomes a pack whose fields are the pack object (with the top-level
 * store links copied in, as the sample app's parser does), its tray a file
 * in role "tray" and its stickers files in "sticker.animated" or
 * "sticker.static" by the pack's animated_sticker_pack flag; the document
 * itself is a loose "manifest".  Names that could climb out of the folder
 * are never opened.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pack_internal.h"
#include "stk_limits.h"

static const char *const copied_links[] = { "android_play_store_link", "ios_app_store_link" };

static bool safe_name(const char *s)
{
	return s && *s && !strstr(s, "..") && !strchr(s, '/') && !strchr(s, '\\');
}

static const char *text_of(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static stk_status unreadable(stk__pack_source *ps, const char *label, const char *why,
                             stk_error *err)
{
	stk__pack_loose *l = stk__pack_add_loose(ps, STK_LOOSE_UNREADABLE, label, "contents.json",
	                                         err);
	if (!l)
		return STK_ERR_NOMEM;
	snprintf(l->why, sizeof l->why, "%.*s", (int)sizeof l->why - 1, why);
	return STK_OK;
}

/* One file of a pack: "<identifier>/<name>", unless a name is unsafe. */
static stk_status add_file(stk__pack_listing *pk, const stk__vfs *v, const char *id,
                           const char *name, const char *role, const char *fallback,
                           stk_error *err)
{
	char rel[2048], label[4096];
	bool safe = safe_name(id) && safe_name(name);
	snprintf(rel, sizeof rel, "%.1000s/%.1000s", id ? id : "", name ? name : "");
	if (safe)
		stk__vfs_label(v, rel, label, sizeof label);
	else
		snprintf(label, sizeof label, "%.2000s/%.2000s", pk->label,
		         name && *name ? name : fallback);
	stk__pack_file *s = stk__pack_add_file(pk, label, name && *name ? name : fallback, err);
	if (!s)
		return STK_ERR_NOMEM;
	s->role = role;
	if (!safe) {
		s->skipped = true;
		return STK_OK;
	}
	if (!(s->source = strdup(rel)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return STK_OK;
}

static stk_status pack_meta(stk__pack_listing *pk, json_t *doc, json_t *pobj, stk_error *err)
{
	pk->meta = json_deep_copy(pobj);
	if (!pk->meta)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	pk->meta_complete = true;
	for (size_t i = 0; i < sizeof copied_links / sizeof copied_links[0]; i++) {
		json_t *link = json_object_get(doc, copied_links[i]);
		if (link && !json_object_get(pk->meta, copied_links[i]))
			json_object_set(pk->meta, copied_links[i], link);
	}
	return STK_OK;
}

static stk_status read_stickers(stk__pack_listing *pk, const stk__vfs *v, const char *id,
                                json_t *pobj, stk_error *err)
{
	bool animated = json_is_true(json_object_get(pobj, "animated_sticker_pack"));
	const char *role = animated ? "sticker.animated" : "sticker.static";
	json_t *stickers = json_object_get(pobj, "stickers");
	for (size_t i = 0; i < json_array_size(stickers); i++) {
		json_t *st = json_array_get(stickers, i);
		char fallback[48];
		snprintf(fallback, sizeof fallback, "(sticker %zu)", i + 1);
		STK_TRY(add_file(pk, v, id, text_of(st, "image_file"), role, fallback, err));
		stk__pack_file *s = &pk->files[pk->n - 1];
		s->meta = json_incref(st);
		s->meta_complete = true;
	}
	return STK_OK;
}

static stk_status read_pack(stk__pack_source *in, const stk__vfs *v, const char *label,
                            json_t *doc, size_t index, stk_error *err)
{
	char plabel[4096];
	json_t *pobj = json_array_get(json_object_get(doc, "sticker_packs"), index);
	if (!json_is_object(pobj)) {
		snprintf(plabel, sizeof plabel, "sticker_packs[%zu] is not an object", index);
		return unreadable(in, label, plabel, err);
	}
	const char *id = text_of(pobj, "identifier");
	if (safe_name(id))
		stk__vfs_label(v, id, plabel, sizeof plabel);
	else
		snprintf(plabel, sizeof plabel, "%.4000s (pack %zu)", label, index + 1);
	stk__pack_listing *pk = stk__pack_add_listing(in, plabel, err);
	if (!pk)
		return STK_ERR_NOMEM;
	STK_TRY(pack_meta(pk, doc, pobj, err));
	const char *tray = text_of(pobj, "tray_image_file");
	if (tray && *tray)
		STK_TRY(add_file(pk, v, id, tray, "tray", "(tray)", err));
	return read_stickers(pk, v, id, pobj, err);
}

static size_t count_stickers(json_t *doc)
{
	json_t *packs = json_object_get(doc, "sticker_packs");
	size_t total = 0;
	for (size_t i = 0; i < json_array_size(packs); i++)
		total += json_array_size(json_object_get(json_array_get(packs, i), "stickers"));
	return total;
}

stk_status stk__pack_read_whatsapp(stk__pack_source *in, const stk__vfs *v, stk_error *err)
{
	char label[4096], why[400];
	stk_buf b = { 0 };
	stk_error e;
	json_error_t je;
	stk_error_init(&e);
	stk__vfs_label(v, "contents.json", label, sizeof label);
	if (stk__vfs_read_side(v, "contents.json", &b, &e) != STK_OK)
		return unreadable(in, label, e.msg, err);
	/* A pack or sticker is an object of a few keys and an emoji list: a cap
	 * on values before parsing keeps a tiny zip of a million "{}" cheap. */
	uint64_t entries = stk__limit_entries(v->opt);
	if (stk__json_precheck(b.data, b.len, 16 * entries + 64, "contents.json", &e) != STK_OK) {
		stk_buf_release(&b);
		return unreadable(in, label, e.msg, err);
	}
	json_t *doc = json_loadb((const char *)b.data, b.len, 0, &je);
	stk_buf_release(&b);
	if (!doc) {
		snprintf(why, sizeof why, "line %d, column %d: %s", je.line, je.column, je.text);
		return unreadable(in, label, why, err);
	}
	if (!json_is_object(doc)) {
		json_decref(doc);
		return unreadable(in, label, "contents.json must hold a JSON object", err);
	}
	stk__pack_loose *m = stk__pack_add_loose(in, STK_LOOSE_DOCUMENT, label, "contents.json",
	                                         err);
	stk_status s = m ? STK_OK : STK_ERR_NOMEM;
	if (m)
		m->doc = json_incref(doc);
	size_t n = json_array_size(json_object_get(doc, "sticker_packs"));
	if (s == STK_OK && (n > entries || count_stickers(doc) > entries)) {
		stk_error_init(&e);
		stk__fail_entries(&e, n > entries ? "sticker_packs" : "the packs' stickers", v->opt);
		json_decref(doc);
		snprintf(m->why, sizeof m->why, "%s", e.msg); /* the document, unread */
		return STK_OK;
	}
	for (size_t i = 0; s == STK_OK && i < n; i++)
		s = read_pack(in, v, label, doc, i, err);
	json_decref(doc);
	return s;
}
