/*
 * manifest.c - stickerpack.json, read strictly: every object against its
 * key table (json_strict.h), every emoji against Unicode's data, so a
 * mistake is one error at its line and column and nothing gets built.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "project_internal.h"

static const stk__jkey top_keys[] = {
	{ "identifier", STK_J_STRING, true },
	{ "name", STK_J_STRING, true },
	{ "publisher", STK_J_STRING, false },
	{ "version", STK_J_STRING, false },
	{ "email", STK_J_STRING, false },
	{ "links", STK_J_OBJECT, false },
	{ "tray", STK_J_STRING, false },
	{ "cover", STK_J_STRING, false },
	{ "icon", STK_J_STRING, false },
	{ "art", STK_J_OBJECT, false },
	{ "overrides", STK_J_OBJECT, false },
	{ "targets", STK_J_ARRAY, true },
	{ "stickers", STK_J_ARRAY, true },
	{ NULL, STK_J_ANY, false },
};

static const stk__jkey link_keys[] = {
	{ "website", STK_J_STRING, false },
	{ "privacy_policy", STK_J_STRING, false },
	{ "license_agreement", STK_J_STRING, false },
	{ "play_store", STK_J_STRING, false },
	{ "app_store", STK_J_STRING, false },
	{ NULL, STK_J_ANY, false },
};

static const stk__jkey sticker_keys[] = {
	{ "file", STK_J_STRING, true },
	{ "emojis", STK_J_ARRAY, true },
	{ "keywords", STK_J_ARRAY, false },
	{ "name", STK_J_STRING, false },
	{ "accessibility_text", STK_J_STRING, false },
	{ "fps", STK_J_NUMBER, false },
	{ "animated", STK_J_BOOL, false },
	{ "art", STK_J_OBJECT, false },
	{ "targets", STK_J_ARRAY, false },
	{ NULL, STK_J_ANY, false },
};

char *stk__path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir[0] || strcmp(dir, ".") == 0)
		return strdup(rel);
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", rel);
	return p;
}

stk_status stk__mkdirs(const char *dir, stk_error *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s", dir);
	for (char *p = path + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(path, 0777) != 0 && errno != EEXIST) {
				stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot make the folder");
				stk__error_set_file(err, path);
				return STK_ERR_WRITE;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	return STK_OK;
}

/* Store ids are profile ids: lower-case letters, digits and '-'. */
static bool store_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* Letters, digits, '_', '-', '.' (what every store's identifiers allow). */
static bool identifier_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 100)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

static stk_status read_targets(stk__jwalk *w, json_t *arr, const char *key,
                               const char ***out, size_t *n)
{
	STK_TRY(stk__jwalk_strings(w, arr, key, true, out, n));
	stk__jwalk_push_key(w, key);
	stk_status s = STK_OK;
	for (size_t i = 0; s == STK_OK && i < *n; i++) {
		stk__jwalk_push_index(w, i);
		if (!store_id((*out)[i]))
			s = stk__jwalk_fail(w, NULL, "\"%s\" is not a store id (a profile id such as "
			                    "whatsapp, telegram, signal, line)", (*out)[i]);
		for (size_t j = 0; s == STK_OK && j < i; j++)
			if (strcmp((*out)[i], (*out)[j]) == 0)
				s = stk__jwalk_fail(w, NULL, "\"%s\" is listed twice", (*out)[i]);
		stk__jwalk_pop(w);
	}
	stk__jwalk_pop(w);
	return s;
}

static stk_status read_emojis(stk__jwalk *w, json_t *arr, stk__sticker *st)
{
	STK_TRY(stk__jwalk_strings(w, arr, "emojis", false, &st->emojis, &st->n_emojis));
	stk__jwalk_push_key(w, "emojis");
	stk_status s = STK_OK;
	for (size_t i = 0; s == STK_OK && i < st->n_emojis; i++) {
		const char *q = NULL;
		stk__jwalk_push_index(w, i);
		switch (stk_emoji_check(st->emojis[i], &q)) {
		case STK_EMOJI_OK: break;
		case STK_EMOJI_UNQUALIFIED:
			s = stk__jwalk_fail(w, NULL, "\"%s\" is not fully qualified; write \"%s\"",
			                    st->emojis[i], q ? q : "its form with U+FE0F");
			break;
		case STK_EMOJI_COMPONENT:
			s = stk__jwalk_fail(w, NULL, "\"%s\" is a component (a skin tone or hair), "
			                    "not an emoji by itself", st->emojis[i]);
			break;
		default:
			s = stk__jwalk_fail(w, NULL, "\"%s\" is not one emoji (Unicode %s)",
			                    st->emojis[i], stk_emoji_data_version());
		}
		for (size_t j = 0; s == STK_OK && j < i; j++)
			if (strcmp(st->emojis[i], st->emojis[j]) == 0)
				s = stk__jwalk_fail(w, NULL, "\"%s\" is listed twice", st->emojis[i]);
		stk__jwalk_pop(w);
	}
	stk__jwalk_pop(w);
	return s;
}

static void art_init(stk__art *a)
{
	memset(a, 0, sizeof *a);
	a->trim = -1;
	a->quality = -1;
}

static stk_status read_art(stk__jwalk *w, json_t *obj, stk__art *art)
{
	json_t *v = json_object_get(obj, "art");
	if (!v)
		return STK_OK;
	stk__jwalk_push_key(w, "art");
	stk_status s = stk__art_read(w, v, art);
	stk__jwalk_pop(w);
	return s;
}

static stk_status read_sticker(stk__jwalk *w, json_t *o, size_t i, void *user)
{
	stk_manifest *m = user;
	stk__sticker *st = &m->stickers[i];
	art_init(&st->art);
	st->animated = -1;
	STK_TRY(stk__jwalk_keys(w, o, sticker_keys, "a sticker"));
	st->file = stk__json_str(o, "file");
	if (!st->file[0])
		return stk__jwalk_fail(w, "file", "the file is empty");
	STK_TRY(read_emojis(w, json_object_get(o, "emojis"), st));
	json_t *kw = json_object_get(o, "keywords");
	if (kw)
		STK_TRY(stk__jwalk_strings(w, kw, "keywords", false, &st->keywords, &st->n_keywords));
	st->name = stk__json_str(o, "name");
	st->accessibility_text = stk__json_str(o, "accessibility_text");
	json_t *fps = json_object_get(o, "fps");
	if (fps) {
		st->fps = json_number_value(fps);
		if (!(st->fps >= 0.1 && st->fps <= 1000))
			return stk__jwalk_fail(w, "fps", "fps must be 0.1..1000, not %g", st->fps);
	}
	json_t *anim = json_object_get(o, "animated");
	if (anim)
		st->animated = json_is_true(anim);
	json_t *targets = json_object_get(o, "targets");
	if (targets)
		STK_TRY(read_targets(w, targets, "targets", &st->targets, &st->n_targets));
	for (size_t t = 0; t < st->n_targets; t++) {
		size_t k = 0;
		while (k < m->n_targets && strcmp(m->targets[k], st->targets[t]) != 0)
			k++;
		if (k == m->n_targets) {
			stk__jwalk_push_key(w, "targets");
			stk__jwalk_push_index(w, t);
			stk_status s = stk__jwalk_fail(w, NULL, "\"%s\" is not one of the pack's "
			                               "targets", st->targets[t]);
			stk__jwalk_pop(w);
			stk__jwalk_pop(w);
			return s;
		}
	}
	STK_TRY(read_art(w, o, &st->art));
	if (!(st->path = stk__path_join(m->dir, st->file)))
		return stk__fail(w->err, STK_ERR_NOMEM, "out of memory");
	if (!st->name) {
		const char *slash = strrchr(st->file, '/');
		const char *base = slash && slash[1] ? slash + 1 : st->file;
		if (!(st->default_name = strdup(base)))
			return stk__fail(w->err, STK_ERR_NOMEM, "out of memory");
		char *dot = strrchr(st->default_name, '.');
		if (dot && dot != st->default_name)
			*dot = '\0';
		st->name = st->default_name;
	}
	return STK_OK;
}

static stk_status read_overrides(stk__jwalk *w, json_t *obj, stk_manifest *m)
{
	size_t n = json_object_size(obj);
	if (!n)
		return STK_OK;
	if (!(m->overrides = calloc(n, sizeof *m->overrides)))
		return stk__fail(w->err, STK_ERR_NOMEM, "out of memory");
	const char *k;
	json_t *v;
	stk__jwalk_push_key(w, "overrides");
	stk_status s = STK_OK;
	json_object_foreach(obj, k, v) {
		size_t t = 0;
		while (t < m->n_targets && strcmp(m->targets[t], k) != 0)
			t++;
		if (t == m->n_targets)
			s = stk__jwalk_fail(w, k, "\"%s\" is not one of the pack's targets", k);
		else if (!json_is_object(v))
			s = stk__jwalk_fail(w, k, "the overrides for %s must be an object", k);
		if (s != STK_OK)
			break;
		stk__override *o = &m->overrides[m->n_overrides++];
		o->target = k;
		art_init(&o->art);
		stk__jwalk_push_key(w, k);
		s = stk__art_read(w, v, &o->art);
		stk__jwalk_pop(w);
		if (s != STK_OK)
			break;
	}
	stk__jwalk_pop(w);
	return s;
}

static stk_status read_links(stk__jwalk *w, json_t *obj, stk_manifest *m)
{
	if (!obj)
		return STK_OK;
	stk__jwalk_push_key(w, "links");
	stk_status s = stk__jwalk_keys(w, obj, link_keys, "links");
	stk__jwalk_pop(w);
	m->website = stk__json_str(obj, "website");
	m->privacy_policy = stk__json_str(obj, "privacy_policy");
	m->license_agreement = stk__json_str(obj, "license_agreement");
	m->play_store = stk__json_str(obj, "play_store");
	m->app_store = stk__json_str(obj, "app_store");
	return s;
}

static stk_status source_path(stk_manifest *m, const char *rel, char **out, stk_error *err)
{
	if (!rel)
		return STK_OK;
	return (*out = stk__path_join(m->dir, rel)) ? STK_OK
	       : stk__fail(err, STK_ERR_NOMEM, "out of memory");
}

static stk_status read_doc(stk_manifest *m, stk__jwalk *w, json_t *doc)
{
	STK_TRY(stk__jwalk_keys(w, doc, top_keys, "the manifest"));
	m->identifier = stk__json_str(doc, "identifier");
	if (!identifier_ok(m->identifier))
		return stk__jwalk_fail(w, "identifier", "the identifier \"%s\" must be 1 to 100 "
		                       "letters, digits, '_', '-' or '.'", m->identifier);
	m->name = stk__json_str(doc, "name");
	if (!m->name[0])
		return stk__jwalk_fail(w, "name", "the name is empty");
	m->publisher = stk__json_str(doc, "publisher");
	m->version = stk__json_str(doc, "version");
	m->email = stk__json_str(doc, "email");
	m->tray = stk__json_str(doc, "tray");
	m->cover = stk__json_str(doc, "cover");
	m->icon = stk__json_str(doc, "icon");
	STK_TRY(read_links(w, json_object_get(doc, "links"), m));
	STK_TRY(read_targets(w, json_object_get(doc, "targets"), "targets", &m->targets,
	                     &m->n_targets));
	art_init(&m->art);
	STK_TRY(read_art(w, doc, &m->art));
	json_t *ov = json_object_get(doc, "overrides");
	if (ov)
		STK_TRY(read_overrides(w, ov, m));
	json_t *st = json_object_get(doc, "stickers");
	if (json_array_size(st) == 0)
		return stk__jwalk_fail(w, "stickers", "the pack has no stickers");
	m->n_stickers = json_array_size(st);
	if (!(m->stickers = calloc(m->n_stickers, sizeof *m->stickers)))
		return stk__fail(w->err, STK_ERR_NOMEM, "out of memory");
	STK_TRY(stk__jwalk_objects(w, st, "stickers", "a sticker", read_sticker, m));
	STK_TRY(source_path(m, m->tray, &m->tray_path, w->err));
	STK_TRY(source_path(m, m->cover, &m->cover_path, w->err));
	return source_path(m, m->icon, &m->icon_path, w->err);
}

/* The manifest's file and folder from a path that is either. */
static stk_status locate(stk_manifest *m, const char *path, stk_error *err)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		m->dir = strdup(path);
		m->path = stk__path_join(path, STK_MANIFEST_NAME);
	} else {
		m->path = strdup(path);
		const char *slash = strrchr(path, '/');
		m->dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path))
		               : strdup(".");
	}
	return m->dir && m->path ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
}

/* Parses text as the manifest m->path; m->dir is set. */
static stk_status parse(stk_manifest *m, const char *text, size_t len, stk_error *err)
{
	stk__jwalk w;
	STK_TRY(stk__jwalk_open(&w, text, len, m->path, STK_ERR_PROFILE, &m->doc, err));
	if (!json_is_object(m->doc))
		return stk__jwalk_fail(&w, NULL, "the manifest must be a JSON object");
	return read_doc(m, &w, m->doc);
}

stk_status stk__manifest_load_data(const char *text, size_t len, const char *name,
                                   const char *dir, stk_manifest **out, stk_error *err)
{
	*out = NULL;
	stk_manifest *m = calloc(1, sizeof *m);
	if (!m)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = (m->path = strdup(name)) && (m->dir = strdup(dir)) ? STK_OK
	               : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK)
		s = parse(m, text, len, err);
	if (s != STK_OK) {
		stk_manifest_free(m);
		return s;
	}
	*out = m;
	return STK_OK;
}

stk_status stk_manifest_load(const char *path, stk_manifest **out, stk_error *err)
{
	*out = NULL;
	stk_manifest *m = calloc(1, sizeof *m);
	if (!m)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = locate(m, path, err);
	stk_buf text = { 0 };
	if (s == STK_OK)
		s = stk_read_file(m->path, 16u << 20, &text, err);
	if (s == STK_OK)
		s = parse(m, (const char *)text.data, text.len, err);
	stk_buf_release(&text);
	if (s != STK_OK) {
		stk_manifest_free(m);
		return s;
	}
	*out = m;
	return STK_OK;
}

void stk_manifest_free(stk_manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_stickers; i++) {
		stk__sticker *s = &m->stickers[i];
		free(s->emojis);
		free(s->keywords);
		free(s->targets);
		free(s->path);
		free(s->default_name);
	}
	free(m->stickers);
	free(m->overrides);
	free(m->targets);
	free(m->tray_path);
	free(m->cover_path);
	free(m->icon_path);
	json_decref(m->doc);
	free(m->path);
	free(m->dir);
	free(m);
}

const stk__art *stk__manifest_override(const stk_manifest *m, const char *target)
{
	for (size_t i = 0; i < m->n_overrides; i++)
		if (strcmp(m->overrides[i].target, target) == 0)
			return &m->overrides[i].art;
	return NULL;
}

bool stk__sticker_in_target(const stk__sticker *s, const char *target)
{
	if (!s->targets)
		return true;
	for (size_t i = 0; i < s->n_targets; i++)
		if (strcmp(s->targets[i], target) == 0)
			return true;
	return false;
}

const char *stk_manifest_path(const stk_manifest *m) { return m->path; }
const char *stk_manifest_dir(const stk_manifest *m) { return m->dir; }
const char *stk_manifest_identifier(const stk_manifest *m) { return m->identifier; }
const char *stk_manifest_name(const stk_manifest *m) { return m->name; }
size_t stk_manifest_sticker_count(const stk_manifest *m) { return m->n_stickers; }
size_t stk_manifest_target_count(const stk_manifest *m) { return m->n_targets; }

const char *stk_manifest_sticker_file(const stk_manifest *m, size_t i)
{
	return i < m->n_stickers ? m->stickers[i].file : NULL;
}

const char *stk_manifest_target(const stk_manifest *m, size_t i)
{
	return i < m->n_targets ? m->targets[i] : NULL;
}

/* `path` is inside the folder `dir` (a frame folder source). */
static bool in_folder(const char *path, const char *dir)
{
	struct stat st;
	if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return false;
	char parent[4096];
	snprintf(parent, sizeof parent, "%s", path);
	char *slash = strrchr(parent, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(parent, sizeof parent, ".");
	return stk_same_file(parent, dir);
}

static bool is_source(const char *path, const char *source)
{
	return source && (stk_same_file(path, source) || in_folder(path, source));
}

bool stk_manifest_uses_file(const stk_manifest *m, const char *path)
{
	if (!m || !path)
		return false;
	if (is_source(path, m->path) || is_source(path, m->tray_path) ||
	    is_source(path, m->cover_path) || is_source(path, m->icon_path))
		return true;
	for (size_t i = 0; i < m->n_stickers; i++)
		if (is_source(path, m->stickers[i].path))
			return true;
	return false;
}
