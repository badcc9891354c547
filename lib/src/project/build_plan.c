/*
 * build_plan.c - what a build makes: for each target its profile and the
 * rules that shape packs (emoji limit, pack size, no mixing, margin),
 * then packs (stills and animations apart where the store forbids mixing,
 * split where there are more than the store's maximum, both noted), then
 * one job per sticker and per store image of each pack, sorted by source
 * so a source's pixels are decoded once and freed early.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "project_internal.h"

stk_status stk__note(stk_build_result *b, stk_error *err, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	size_t cap = b->n_notes; /* no capacity kept: a build has few */
	STK_GROW(b->notes, cap, b->n_notes + 1, 1, err);
	if (!(b->notes[b->n_notes] = strdup(line)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	b->n_notes++;
	return STK_OK;
}

/* A rule's value as a number (a list: its largest). */
static double rule_number(const stk_rule *r)
{
	json_t *v = json_loads(r->value_json, JSON_DECODE_ANY, NULL);
	double x = 0;
	if (json_is_number(v))
		x = json_number_value(v);
	else if (json_is_true(v))
		x = 1;
	else if (json_is_array(v))
		for (size_t i = 0; i < json_array_size(v); i++)
			if (json_number_value(json_array_get(v, i)) > x)
				x = json_number_value(json_array_get(v, i));
	json_decref(v);
	return x;
}

static bool in_role(const char *id, const char *role)
{
	size_t n = strlen(role);
	return strncmp(id, role, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

static void read_rules(stk__target *t)
{
	stk__store_rules *sr = &t->rules;
	stk__hash h;
	stk__hash_init(&h);
	for (size_t i = 0; i < stk_profile_rule_count(t->p); i++) {
		const stk_rule *r = stk_profile_rule(t->p, i);
		stk__hash_str(&h, r->id);
		stk__hash_str(&h, r->role);
		stk__hash_str(&h, r->check);
		stk__hash_str(&h, r->field);
		stk__hash_str(&h, r->value_json);
		if (r->severity != STK_SEVERITY_ERROR && strcmp(r->check, "min-margin") != 0)
			continue;
		if (strcmp(r->role, "pack") == 0) {
			if (strcmp(r->check, "max-stickers") == 0 || strcmp(r->check, "sticker-counts") == 0)
				sr->max_stickers = (size_t)rule_number(r);
			else if (strcmp(r->check, "no-mixing") == 0)
				sr->no_mixing = rule_number(r) != 0;
		} else if (in_role(r->role, "sticker") && strcmp(r->check, "max-count") == 0 &&
		           r->field && strcmp(r->field, "emojis") == 0) {
			size_t n = (size_t)rule_number(r);
			if (!sr->max_emojis || n < sr->max_emojis)
				sr->max_emojis = n;
		} else if (strcmp(r->check, "min-margin") == 0 && !sr->margin) {
			sr->margin = rule_number(r);
		}
	}
	/* signal-cli's manifest.json holds one emoji a sticker. */
	if (strcmp(t->id, "signal") == 0)
		sr->max_emojis = 1;
	stk__hash_hex(&h, t->rules_hash);
}

stk_status stk__plan_targets(stk_build_result *b, stk_error *err)
{
	const stk_manifest *m = b->m;
	const char *const *ids = b->opt.targets ? b->opt.targets : m->targets;
	size_t n = b->opt.targets ? b->opt.n_targets : m->n_targets;
	if (!(b->targets = calloc(n, sizeof *b->targets)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		stk__target *t = &b->targets[b->n_targets++];
		t->id = ids[i];
		for (size_t j = 0; j < i; j++)
			if (strcmp(ids[j], ids[i]) == 0)
				return stk__fail(err, STK_ERR_INVALID_ARG, "target %s given twice", ids[i]);
		stk_status s = stk_profile_open(ids[i], b->opt.profile_dirs, &t->p, err);
		if (s != STK_OK) {
			stk__error_set_file(err, m->path);
			return s;
		}
		read_rules(t);
		STK_TRY(stk_report_new(t->id, &t->report, err));
	}
	return STK_OK;
}

static stk__pack_plan *add_pack(stk__target *t, const stk_manifest *m, bool animated,
                                size_t part, size_t parts, bool split_kind, size_t cap,
                                stk_error *err)
{
	size_t room = t->n_packs; /* no capacity kept: a store has few packs */
	stk__pack_plan *np = stk__grow_array(t->packs, sizeof *np, t->n_packs + 1, &room, 1);
	if (!np) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	t->packs = np;
	stk__pack_plan *pk = &np[t->n_packs++];
	memset(pk, 0, sizeof *pk);
	pk->animated = animated;
	char id[160], name[300];
	snprintf(id, sizeof id, "%s%s", m->identifier, split_kind && animated ? "_animated" : "");
	snprintf(name, sizeof name, "%s%s", m->name, split_kind && animated ? " (animated)" : "");
	if (parts > 1 && part > 0) {
		size_t l = strlen(id);
		snprintf(id + l, sizeof id - l, "_%zu", part + 1);
		l = strlen(name);
		snprintf(name + l, sizeof name - l, " (%zu)", part + 1);
	}
	pk->id = strdup(id);
	pk->name = strdup(name);
	pk->stickers = calloc(cap ? cap : 1, sizeof *pk->stickers);
	if (!pk->id || !pk->name || !pk->stickers) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return pk;
}

/* The folder of each pack: whatsapp/<id>/ always (beside contents.json);
 * elsewhere <target>/ for one pack, <target>/<id>/ for several. */
static stk_status pack_folders(stk__target *t, stk_error *err)
{
	for (size_t i = 0; i < t->n_packs; i++) {
		stk__pack_plan *pk = &t->packs[i];
		char f[512];
		bool sub = strcmp(t->id, "whatsapp") == 0 || t->n_packs > 1;
		if (strcmp(t->id, "imessage") == 0)
			snprintf(f, sizeof f, "%s/%s.stickerpack", t->id, pk->id);
		else
			snprintf(f, sizeof f, "%s%s%s", t->id, sub ? "/" : "", sub ? pk->id : "");
		if (!(pk->folder = strdup(f)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	return STK_OK;
}

/* Stickers into packs of at most the store's maximum; kind ("still ",
 * "animated ", "") is for the note. */
static stk_status split(stk_build_result *b, stk__target *t, const size_t *idx, size_t n,
                        bool animated, bool split_kind, const char *kind, stk_error *err)
{
	if (!n)
		return STK_OK;
	size_t max = t->rules.max_stickers ? t->rules.max_stickers : n;
	size_t parts = (n + max - 1) / max;
	size_t per = (n + parts - 1) / parts; /* even parts: 35 -> 18 + 17 */
	for (size_t part = 0; part < parts; part++) {
		size_t from = part * per, to = from + per < n ? from + per : n;
		stk__pack_plan *pk = add_pack(t, b->m, animated, part, parts, split_kind, to - from,
		                              err);
		if (!pk)
			return err ? err->code : STK_ERR_NOMEM;
		for (size_t i = from; i < to; i++)
			pk->stickers[pk->n++] = idx[i];
	}
	if (parts > 1)
		STK_TRY(stk__note(b, err, "%s: %zu %sstickers are more than the store's %zu a "
		                  "pack: split into %zu packs", t->id, n,
		                  kind, max, parts));
	return STK_OK;
}

/* Whether the store takes this kind of sticker at all (a format we write). */
static bool store_takes(const stk__target *t, bool animated)
{
	stk_convert_options o;
	stk_convert_options_init(&o);
	if (stk_convert_options_profile(&o, t->p, NULL) != STK_OK)
		return false;
	return animated ? !o.no_anim : !o.no_still;
}

static stk_status plan_packs(stk_build_result *b, stk__target *t, stk_error *err)
{
	const stk_manifest *m = b->m;
	size_t *still = calloc(m->n_stickers, sizeof *still);
	size_t *moving = calloc(m->n_stickers, sizeof *moving);
	size_t *all = calloc(m->n_stickers, sizeof *all);
	size_t ns = 0, nm = 0, na = 0, left_out = 0;
	stk_status s = still && moving && all ? STK_OK
	               : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (size_t i = 0; s == STK_OK && i < m->n_stickers; i++) {
		const stk__sticker *st = &m->stickers[i];
		if (!stk__sticker_in_target(st, t->id))
			continue;
		bool animated = b->sources[i].frames > 1 && st->animated != 0;
		if (!store_takes(t, animated)) {
			left_out++;
			continue;
		}
		if (animated)
			moving[nm++] = i;
		else
			still[ns++] = i;
		all[na++] = i;
	}
	if (s == STK_OK && left_out)
		s = stk__note(b, err, "%s: %zu animated sticker%s left out: %s", t->id, left_out,
		              left_out == 1 ? "" : "s",
		              strcmp(t->id, "telegram") == 0
		              ? "Telegram takes animated stickers as video (WEBM), which stickerkit "
		                "does not write yet"
		              : "the store has no animated format stickerkit writes");
	if (s == STK_OK && t->rules.no_mixing) {
		bool both = ns && nm;
		if (both)
			s = stk__note(b, err, "%s: the store does not mix still and animated stickers: "
			              "%zu still and %zu animated go into separate packs", t->id, ns, nm);
		if (s == STK_OK)
			s = split(b, t, still, ns, false, both, "still ", err);
		if (s == STK_OK)
			s = split(b, t, moving, nm, true, both, "animated ", err);
	} else if (s == STK_OK) {
		s = split(b, t, all, na, nm > 0 && ns == 0, false,
		          ns && nm ? "" : nm ? "animated " : "still ", err);
	}
	free(still);
	free(moving);
	free(all);
	if (s == STK_OK && t->n_packs == 0)
		s = stk__fail(err, STK_ERR_INVALID_ARG, "%s: no sticker of the pack can go to this "
		              "store", t->id);
	return s == STK_OK ? pack_folders(t, err) : s;
}

/* ---- jobs ---- */

enum { SRC_TRAY, SRC_COVER, SRC_ICON };

/* The images a store wants beside the stickers, from which source, with
 * their canvas and budget from the rules of `rules_role` (and its parents). */
static const struct store_image {
	const char *store, *role, *rules_role, *file;
	int source;
	bool explicit_only;   /* only when the manifest names the source */
} store_images[] = {
	{ "whatsapp", "tray", "tray", "tray.png", SRC_TRAY, false },
	{ "telegram", "icon", "icon.static", "icon.png", SRC_ICON, false },
	{ "line", "main", "main", "main.png", SRC_COVER, false },
	{ "line", "tab", "tab", "tab.png", SRC_ICON, false },
	{ "wechat", "cover", "cover", "cover.png", SRC_COVER, false },
	{ "wechat", "icon", "icon", "icon.png", SRC_ICON, false },
	{ "wechat", "banner", "banner", "banner.png", SRC_COVER, false },
	{ "kakaotalk", "icon", "icon", "icon.png", SRC_ICON, false },
	{ "signal", "cover", "sticker.static", "cover.png", SRC_COVER, true },
};

static void image_rules(const stk_profile *p, const char *role, stk__job *j)
{
	for (size_t i = 0; i < stk_profile_rule_count(p); i++) {
		const stk_rule *r = stk_profile_rule(p, i);
		if (r->severity != STK_SEVERITY_ERROR || !in_role(role, r->role))
			continue;
		uint64_t v = (uint64_t)rule_number(r);
		if (strcmp(r->check, "width") == 0)
			j->width = (uint32_t)v;
		else if (strcmp(r->check, "height") == 0)
			j->height = (uint32_t)v;
		else if (strcmp(r->check, "max-bytes") == 0 && (!j->max_bytes || v < j->max_bytes))
			j->max_bytes = v;
	}
}

static stk__job *add_job(stk_build_result *b, size_t *cap, stk_error *err)
{
	stk__job *grown = stk__grow_array(b->jobs, sizeof *b->jobs, b->n_jobs + 1, cap, 64);
	if (!grown) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	b->jobs = grown;
	stk__job *j = &b->jobs[b->n_jobs++];
	memset(j, 0, sizeof *j);
	return j;
}

static stk_status set_output(stk__job *j, const char *folder, const char *name, stk_error *err)
{
	size_t n = strlen(folder) + strlen(name) + 2;
	if (!(j->output = malloc(n)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	snprintf(j->output, n, "%s/%s", folder, name);
	return STK_OK;
}

/* The format a store writes for a kind of sticker, from its profile. */
static stk_format sticker_format(const stk__target *t, bool animated)
{
	stk_convert_options o;
	stk_convert_options_init(&o);
	if (stk_convert_options_profile(&o, t->p, NULL) != STK_OK)
		return STK_FORMAT_WEBP;
	stk_format f = animated ? o.anim_format : o.still_format;
	return f != STK_FORMAT_UNKNOWN ? f : o.format != STK_FORMAT_UNKNOWN ? o.format
	       : STK_FORMAT_WEBP;
}

static stk_status sticker_jobs(stk_build_result *b, size_t ti, size_t pi, size_t *cap,
                               stk_error *err)
{
	stk__target *t = &b->targets[ti];
	stk__pack_plan *pk = &t->packs[pi];
	bool imessage = strcmp(t->id, "imessage") == 0;
	size_t cut = 0;
	for (size_t k = 0; k < pk->n; k++) {
		size_t si = pk->stickers[k];
		const stk__sticker *st = &b->m->stickers[si];
		stk__job *j = add_job(b, cap, err);
		if (!j)
			return err ? err->code : STK_ERR_NOMEM;
		j->target = ti;
		j->pack = pi;
		j->source = si;
		j->sticker = si;
		j->position = k + 1;
		j->role = "sticker";
		bool animated = b->sources[si].frames > 1 && st->animated != 0;
		j->first_frame = b->sources[si].frames > 1 && !animated;
		size_t max = t->rules.max_emojis ? t->rules.max_emojis : 24;
		if (max > 24)
			max = 24;
		j->n_emojis = st->n_emojis < max ? st->n_emojis : max;
		cut += st->n_emojis > j->n_emojis;
		for (size_t e = 0; e < j->n_emojis; e++)
			j->emojis[e] = st->emojis[e];
		char name[64];
		const char *ext = stk__format_ext(sticker_format(t, animated));
		if (imessage)
			snprintf(name, sizeof name, "%02zu.sticker/%02zu.%s", k + 1, k + 1, ext);
		else
			snprintf(name, sizeof name, "%02zu.%s", k + 1, ext);
		STK_TRY(set_output(j, pk->folder, name, err));
	}
	if (cut)
		STK_TRY(stk__note(b, err, "%s: %zu sticker%s had more emojis than the store's %zu: "
		                  "the first %zu kept", t->id, cut, cut == 1 ? "" : "s",
		                  t->rules.max_emojis, t->rules.max_emojis));
	return STK_OK;
}

static stk_status image_jobs(stk_build_result *b, size_t ti, size_t pi, size_t *cap,
                             stk_error *err)
{
	stk__target *t = &b->targets[ti];
	stk__pack_plan *pk = &t->packs[pi];
	const stk_manifest *m = b->m;
	const char *given[3] = { m->tray_path, m->cover_path, m->icon_path };
	for (size_t i = 0; i < sizeof store_images / sizeof store_images[0]; i++) {
		const struct store_image *im = &store_images[i];
		if (strcmp(im->store, t->id) != 0 || (im->explicit_only && !given[im->source]))
			continue;
		stk__job *j = add_job(b, cap, err);
		if (!j)
			return err ? err->code : STK_ERR_NOMEM;
		j->target = ti;
		j->pack = pi;
		j->sticker = SIZE_MAX;
		j->role = im->role;
		/* the named source, else the pack's first sticker */
		j->source = given[im->source] ? m->n_stickers + (size_t)im->source : pk->stickers[0];
		j->first_frame = true;
		image_rules(t->p, im->rules_role, j);
		if (!j->width || !j->height)
			return stk__fail(err, STK_ERR_PROFILE, "%s: the profile gives no size for the "
			                 "%s image", t->id, im->role);
		STK_TRY(set_output(j, pk->folder, im->file, err));
	}
	return STK_OK;
}

static int by_source(const void *a, const void *b)
{
	const stk__job *x = a, *y = b;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->target != y->target)
		return x->target < y->target ? -1 : 1;
	return strcmp(x->output, y->output);
}

stk_status stk__plan_jobs(stk_build_result *b, stk_error *err)
{
	size_t cap = 0;
	for (size_t ti = 0; ti < b->n_targets; ti++) {
		STK_TRY(plan_packs(b, &b->targets[ti], err));
		for (size_t pi = 0; pi < b->targets[ti].n_packs; pi++) {
			STK_TRY(sticker_jobs(b, ti, pi, &cap, err));
			STK_TRY(image_jobs(b, ti, pi, &cap, err));
		}
	}
	if (b->n_jobs)
		qsort(b->jobs, b->n_jobs, sizeof *b->jobs, by_source);
	for (size_t i = 0; i < b->n_jobs; i++)
		b->sources[b->jobs[i].source].users++;
	return STK_OK;
}
