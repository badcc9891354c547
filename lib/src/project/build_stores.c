/*
 * build_stores.c - each store's own files beside the stickers, then the
 * store's validation of what was written.
 *
 *   whatsapp   contents.json (the sample apps' format) beside one folder
 *              per pack identifier
 *   signal     manifest.json (signal-cli's upload format)
 *   imessage   <id>.stickerpack/Contents.json and one <NN>.sticker/
 *              folder per sticker (an Xcode asset catalog's sticker pack)
 *   others     metadata.json: the pack's fields and its stickers (file,
 *              emojis, keywords, name, tags, description), what a person
 *              pastes into the store's form
 *
 * With several packs in a store other than WhatsApp each pack folder has
 * its own file, and <target>/metadata.json lists the packs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "project_internal.h"

static void set_str(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

static json_t *strings(const char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* The jobs of one pack in position order: stickers, then store images. */
static size_t pack_jobs(stk_build_result *b, size_t ti, size_t pi, stk__job **out)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n_jobs; i++)
		if (b->jobs[i].target == ti && b->jobs[i].pack == pi)
			out[n++] = &b->jobs[i];
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0; k--) {
			stk__job *x = out[k - 1], *y = out[k];
			bool xs = x->sticker != SIZE_MAX, ys = y->sticker != SIZE_MAX;
			bool swap = (ys && !xs) || (xs == ys && (xs ? x->position > y->position
			                                            : strcmp(x->role, y->role) > 0));
			if (!swap)
				break;
			out[k - 1] = y;
			out[k] = x;
		}
	return n;
}

/* The part of a job's output inside its pack's folder. */
static const char *in_pack(const stk__pack_plan *pk, const stk__job *j)
{
	return j->output + strlen(pk->folder) + 1;
}

static const stk__job *find_role(stk__job **jobs, size_t n, const char *role)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(jobs[i]->role, role) == 0)
			return jobs[i];
	return NULL;
}

static stk_status write_json(stk_build_result *b, const char *rel, json_t *doc,
                             stk_error *err)
{
	char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	char *path = stk__path_join(b->outdir, rel);
	stk_status s = text && path ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK) {
		size_t len = strlen(text);
		char *nl = realloc(text, len + 2);
		if (!nl) {
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		} else {
			text = nl;
			text[len] = '\n';
			text[len + 1] = '\0';
			stk_buf old = { 0 };
			bool same = stk_read_file(path, len + 2, &old, NULL) == STK_OK &&
			            old.len == len + 1 && memcmp(old.data, text, len + 1) == 0;
			stk_buf_release(&old);
			if (!same)
				s = stk_write_file_atomic(path, text, len + 1, err);
		}
	}
	free(text);
	free(path);
	return s;
}

static json_t *wa_pack(stk_build_result *b, const stk__pack_plan *pk, stk__job **jobs,
                       size_t n)
{
	const stk_manifest *m = b->m;
	json_t *o = json_object();
	set_str(o, "identifier", pk->id);
	set_str(o, "name", pk->name);
	set_str(o, "publisher", m->publisher ? m->publisher : "");
	const stk__job *tray = find_role(jobs, n, "tray");
	set_str(o, "tray_image_file", tray ? in_pack(pk, tray) : "");
	set_str(o, "image_data_version", m->version ? m->version : "1");
	json_object_set_new(o, "avoid_cache", json_false());
	set_str(o, "publisher_email", m->email ? m->email : "");
	set_str(o, "publisher_website", m->website ? m->website : "");
	set_str(o, "privacy_policy_website", m->privacy_policy ? m->privacy_policy : "");
	set_str(o, "license_agreement_website", m->license_agreement ? m->license_agreement : "");
	json_object_set_new(o, "animated_sticker_pack", json_boolean(pk->animated));
	json_t *st = json_array();
	for (size_t i = 0; i < n; i++) {
		if (jobs[i]->sticker == SIZE_MAX)
			continue;
		const stk__sticker *s = &m->stickers[jobs[i]->sticker];
		json_t *e = json_object();
		set_str(e, "image_file", in_pack(pk, jobs[i]));
		json_object_set_new(e, "emojis", strings(jobs[i]->emojis, jobs[i]->n_emojis));
		set_str(e, "accessibility_text", s->accessibility_text);
		json_array_append_new(st, e);
	}
	json_object_set_new(o, "stickers", st);
	return o;
}

static json_t *signal_manifest(stk_build_result *b, const stk__pack_plan *pk,
                               stk__job **jobs, size_t n)
{
	json_t *o = json_object();
	set_str(o, "title", pk->name);
	set_str(o, "author", b->m->publisher ? b->m->publisher : "");
	json_t *st = json_array();
	const stk__job *first = NULL;
	for (size_t i = 0; i < n; i++) {
		if (jobs[i]->sticker == SIZE_MAX)
			continue;
		first = first ? first : jobs[i];
		json_t *e = json_object();
		set_str(e, "file", in_pack(pk, jobs[i]));
		set_str(e, "emoji", jobs[i]->n_emojis ? jobs[i]->emojis[0] : "");
		json_array_append_new(st, e);
	}
	/* The cover: its own image when the manifest names one, else the first sticker. */
	const stk__job *cover = find_role(jobs, n, "cover");
	cover = cover ? cover : first;
	json_t *c = json_object();
	set_str(c, "file", cover ? in_pack(pk, cover) : "");
	set_str(c, "emoji", cover && cover->n_emojis ? cover->emojis[0] : "");
	json_object_set_new(o, "cover", c);
	json_object_set_new(o, "stickers", st);
	return o;
}

static void pack_fields(stk_build_result *b, json_t *o, const char *target)
{
	const stk_manifest *m = b->m;
	set_str(o, "target", target);
	set_str(o, "identifier", m->identifier);
	set_str(o, "name", m->name);
	set_str(o, "publisher", m->publisher);
	set_str(o, "version", m->version);
	set_str(o, "email", m->email);
	json_t *l = json_object();
	set_str(l, "website", m->website);
	set_str(l, "privacy_policy", m->privacy_policy);
	set_str(l, "license_agreement", m->license_agreement);
	set_str(l, "play_store", m->play_store);
	set_str(l, "app_store", m->app_store);
	json_object_set_new(o, "links", l);
}

/* metadata.json's stickers; `prefix` is the pack's folder inside the target's. */
static json_t *metadata_stickers(stk_build_result *b, const stk__pack_plan *pk,
                                 stk__job **jobs, size_t n, const char *prefix)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const stk__job *j = jobs[i];
		if (j->sticker == SIZE_MAX)
			continue;
		const stk__sticker *s = &b->m->stickers[j->sticker];
		json_t *e = json_object();
		char file[1024];
		snprintf(file, sizeof file, "%s%s", prefix, in_pack(pk, j));
		set_str(e, "file", file);
		set_str(e, "source", s->file);
		json_object_set_new(e, "emojis", strings(j->emojis, j->n_emojis));
		json_object_set_new(e, "keywords", strings(s->keywords, s->n_keywords));
		set_str(e, "name", s->name);
		/* tags: the keywords, else the emojis' names (Discord's "related emoji") */
		json_t *tags = json_array();
		for (size_t k = 0; k < s->n_keywords; k++)
			json_array_append_new(tags, json_string(s->keywords[k]));
		for (size_t k = 0; !s->n_keywords && k < j->n_emojis; k++) {
			const char *nm = stk_emoji_name(j->emojis[k]);
			if (nm)
				json_array_append_new(tags, json_string(nm));
		}
		json_object_set_new(e, "tags", tags);
		set_str(e, "description", s->accessibility_text ? s->accessibility_text : "");
		json_array_append_new(arr, e);
	}
	return arr;
}

static json_t *metadata(stk_build_result *b, const stk__target *t, const stk__pack_plan *pk,
                        stk__job **jobs, size_t n)
{
	json_t *o = json_object();
	pack_fields(b, o, t->id);
	set_str(o, "pack", pk->id);
	set_str(o, "pack_name", pk->name);
	json_object_set_new(o, "animated", json_boolean(pk->animated));
	json_t *images = json_object();
	for (size_t i = 0; i < n; i++)
		if (jobs[i]->sticker == SIZE_MAX)
			set_str(images, jobs[i]->role, in_pack(pk, jobs[i]));
	json_object_set_new(o, "images", images);
	json_object_set_new(o, "stickers", metadata_stickers(b, pk, jobs, n, ""));
	return o;
}

/* An Xcode sticker pack: the pack's Contents.json and one per sticker. */
static stk_status imessage_pack(stk_build_result *b, const stk__pack_plan *pk,
                                stk__job **jobs, size_t n, stk_error *err)
{
	json_t *o = json_object();
	json_t *info = json_pack("{s:i,s:s}", "version", 1, "author", "stickerkit");
	json_object_set_new(o, "info", info);
	json_object_set_new(o, "properties", json_pack("{s:s}", "grid-size", "regular"));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const stk__job *j = jobs[i];
		const stk__sticker *s = &b->m->stickers[j->sticker];
		char folder[64], rel[1024];
		const char *inner = in_pack(pk, j);
		snprintf(folder, sizeof folder, "%.*s", (int)(strchr(inner, '/') - inner), inner);
		json_array_append_new(arr, json_pack("{s:s}", "filename", folder));
		json_t *sc = json_object();
		json_object_set_new(sc, "info", json_deep_copy(info));
		json_t *props = json_pack("{s:s}", "filename", strchr(inner, '/') + 1);
		if (s->accessibility_text)
			set_str(props, "accessibility-label", s->accessibility_text);
		json_object_set_new(sc, "properties", props);
		snprintf(rel, sizeof rel, "%s/%s/Contents.json", pk->folder, folder);
		STK_TRY(write_json(b, rel, sc, err));
	}
	json_object_set_new(o, "stickers", arr);
	char rel[1024];
	snprintf(rel, sizeof rel, "%s/Contents.json", pk->folder);
	return write_json(b, rel, o, err);
}

stk_status stk__write_store_files(stk_build_result *b, stk__target *t, stk_error *err)
{
	size_t ti = (size_t)(t - b->targets);
	stk__job **jobs = calloc(b->n_jobs ? b->n_jobs : 1, sizeof *jobs);
	if (!jobs)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = STK_OK;
	bool wa = strcmp(t->id, "whatsapp") == 0;
	json_t *contents = wa ? json_object() : NULL;
	json_t *packs = json_array();
	if (wa) {
		set_str(contents, "android_play_store_link", b->m->play_store ? b->m->play_store : "");
		set_str(contents, "ios_app_store_link", b->m->app_store ? b->m->app_store : "");
	}
	for (size_t pi = 0; s == STK_OK && pi < t->n_packs; pi++) {
		const stk__pack_plan *pk = &t->packs[pi];
		size_t n = pack_jobs(b, ti, pi, jobs);
		char rel[1024];
		if (wa) {
			json_array_append_new(packs, wa_pack(b, pk, jobs, n));
		} else if (strcmp(t->id, "signal") == 0) {
			snprintf(rel, sizeof rel, "%s/manifest.json", pk->folder);
			s = write_json(b, rel, signal_manifest(b, pk, jobs, n), err);
		} else if (strcmp(t->id, "imessage") == 0) {
			s = imessage_pack(b, pk, jobs, n, err);
		} else {
			snprintf(rel, sizeof rel, "%s/metadata.json", pk->folder);
			s = write_json(b, rel, metadata(b, t, pk, jobs, n), err);
			if (t->n_packs > 1) {
				char prefix[256];
				snprintf(prefix, sizeof prefix, "%s/", pk->id);
				json_t *e = json_pack("{s:s,s:s,s:b}", "folder", pk->id, "name", pk->name,
				                      "animated", pk->animated);
				json_object_set_new(e, "stickers", metadata_stickers(b, pk, jobs, n, prefix));
				json_array_append_new(packs, e);
			}
		}
	}
	if (s == STK_OK && wa) {
		json_object_set_new(contents, "sticker_packs", json_incref(packs));
		char rel[256];
		snprintf(rel, sizeof rel, "%s/contents.json", t->id);
		s = write_json(b, rel, contents, err);
		contents = NULL;
	} else if (s == STK_OK && t->n_packs > 1 && json_array_size(packs)) {
		/* Several packs: the target's own list, stickers relative to it. */
		json_t *o = json_object();
		pack_fields(b, o, t->id);
		json_t *all = json_array();
		for (size_t i = 0; i < json_array_size(packs); i++)
			json_array_extend(all, json_object_get(json_array_get(packs, i), "stickers"));
		json_object_set_new(o, "packs", json_incref(packs));
		json_object_set_new(o, "stickers", all);
		char rel[256];
		snprintf(rel, sizeof rel, "%s/metadata.json", t->id);
		s = write_json(b, rel, o, err);
	}
	json_decref(contents);
	json_decref(packs);
	free(jobs);
	return s;
}

bool stk__verdict_path(const stk_build_result *b, const stk__target *t, size_t i,
                       char *path, size_t size)
{
	if (strcmp(t->id, "whatsapp") == 0) {
		if (i > 0)
			return false;
		snprintf(path, size, "%s/%s", b->outdir, t->id);
		return true;
	}
	if (strcmp(t->id, "imessage") == 0) {
		/* Its stickers sit one folder down each: checked one by one. */
		for (size_t k = 0, seen = 0; k < b->n_jobs; k++) {
			if (&b->targets[b->jobs[k].target] != t)
				continue;
			if (seen++ == i) {
				snprintf(path, size, "%s/%s", b->outdir, b->jobs[k].output);
				return true;
			}
		}
		return false;
	}
	if (i >= t->n_packs)
		return false;
	snprintf(path, size, "%s/%s", b->outdir, t->packs[i].folder);
	return true;
}
