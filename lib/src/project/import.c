/*
 * import.c - stk_import(): an existing pack into a pack project.
 *
 * Everything happens in memory first: the input is read under caps
 * (import_read.c), recognised (import_packs.c), every sticker decoded
 * once to be sure it is an image, then stickerpack.json and art/ are
 * written as one staged folder renamed into place (pack/folder_write.c).
 * A refusal at any step writes nothing.  Art keeps the pack's own file
 * names (their base names, made safe), in the pack's order.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "package_internal.h"

void stk_import_options_init(stk_import_options *opt)
{
	memset(opt, 0, sizeof *opt);
	stk_decode_options_init(&opt->decode);
}

static void fill_defaults(stk_import_options *o)
{
	if (!o->max_entries)
		o->max_entries = 1000;
	if (!o->max_entry_bytes)
		o->max_entry_bytes = 16ull << 20;
	if (!o->max_total_bytes)
		o->max_total_bytes = 256ull << 20;
	if (!o->max_ratio)
		o->max_ratio = 200;
}

/* An art file name from a pack's: its base name, with anything but
 * letters, digits, '-', '_' and '.' made '_', and no leading dot. */
static void safe_base(const char *name, char *out, size_t size)
{
	const char *slash = strrchr(name, '/');
	const char *b = slash ? slash + 1 : name;
	size_t n = 0;
	for (; *b && n + 1 < size; b++) {
		unsigned char c = (unsigned char)*b;
		bool keep = isalnum(c) || c == '-' || c == '_' || (c == '.' && n > 0);
		out[n++] = keep ? (char)c : '_';
	}
	out[n] = '\0';
}

/* "art/<base>", with "<n>-" in front when two packs' names collide. */
static stk_status art_name(const stk__zip_out *art, const char *name, char *out, size_t size,
                           stk_error *err)
{
	char b[200];
	safe_base(name, b, sizeof b);
	snprintf(out, size, "art/%s", b);
	for (unsigned k = 2; k < 10000; k++) {
		bool taken = false;
		for (size_t i = 0; !taken && i < stk__zip_out_count(art); i++)
			taken = !strcmp(stk__zip_out_entry(art, i, NULL, NULL), out);
		if (!taken)
			return STK_OK;
		snprintf(out, size, "art/%u-%s", k, b);
	}
	return stk__fail(err, STK_ERR_LIMIT, "too many stickers named %s", b);
}

/* The manifest's identifier: the pack's own when it fits
 * stickerpack.json's rule (letters, digits, '_', '-', '.'), else made
 * from the name. */
static void identifier(const stk__import_pack *p, const char *fallback, char *out, size_t size)
{
	const char *src = p->identifier ? p->identifier : p->name ? p->name : fallback;
	size_t n = 0;
	for (const unsigned char *c = (const unsigned char *)src; *c && n + 1 < size && n < 100; c++) {
		if (isalnum(*c) || *c == '_' || *c == '-' || *c == '.')
			out[n++] = p->identifier ? (char)*c : (char)tolower(*c);
		else if (n && out[n - 1] != '_')
			out[n++] = '_';
	}
	while (n && out[n - 1] == '_')
		n--;
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "imported");
}

static const char *default_target(const stk__import_pack *p, const stk__zip_out *files)
{
	if (!strcmp(p->kind, "signal"))
		return "signal";
	if (!strcmp(p->kind, "stickerkit-metadata")) {
		size_t len;
		const uint8_t *d = stk__import_file(files, "metadata.json", &len);
		json_t *o = d ? json_loadb((const char *)d, len, 0, NULL) : NULL;
		const char *t = json_string_value(json_object_get(o, "target"));
		static char target[32];
		snprintf(target, sizeof target, "%s", t && strlen(t) < 32 ? t : "telegram");
		json_decref(o);
		return target;
	}
	return "whatsapp";
}

/* Each sticker must decode: an import of something that is not art is refused. */
static stk_status check_art(const stk__import_pack *p, const stk__zip_out *files,
                            const stk_import_options *opt, stk_error *err)
{
	for (size_t i = 0; i <= p->n; i++) {
		const char *name = i < p->n ? p->st[i].file : p->tray;
		if (!name)
			continue;
		size_t len;
		const uint8_t *d = stk__import_file(files, name, &len);
		const char *dot = strrchr(name, '.');
		if (dot && (!strcasecmp(dot, ".tgs") || !strcasecmp(dot, ".webm")))
			continue; /* kept as they are; validate inspects them */
		stk_image *img = NULL;
		stk_status s = stk_image_decode(d, len, &opt->decode, &img, err);
		stk_image_free(img);
		if (s != STK_OK) {
			char msg[sizeof err->msg];
			snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
			return stk__fail(err, s, "%s: %s", name, msg);
		}
	}
	return STK_OK;
}

static json_t *manifest(const stk__import_pack *p, const char *id, const char *fallback_name,
                        const char *target, const char *tray, char (*art)[256])
{
	json_t *o = json_object();
	json_object_set_new(o, "identifier", json_string(id));
	json_object_set_new(o, "name", json_string(p->name && p->name[0] ? p->name : fallback_name));
	if (p->publisher && p->publisher[0])
		json_object_set_new(o, "publisher", json_string(p->publisher));
	if (tray)
		json_object_set_new(o, "tray", json_string(tray));
	json_object_set_new(o, "targets", json_pack("[s]", target));
	json_t *arr = json_array();
	for (size_t i = 0; i < p->n; i++) {
		json_t *e = json_object(), *em = json_array();
		json_object_set_new(e, "file", json_string(art[i]));
		for (size_t k = 0; k < p->st[i].n_emojis; k++) {
			json_t *v = json_string(p->st[i].emojis[k]);
			if (v)
				json_array_append_new(em, v);
		}
		json_object_set_new(e, "emojis", em);
		json_t *a11y = p->st[i].accessibility_text ? json_string(p->st[i].accessibility_text)
		                                           : NULL;
		if (a11y)
			json_object_set_new(e, "accessibility_text", a11y);
		json_array_append_new(arr, e);
	}
	json_object_set_new(o, "stickers", arr);
	return o;
}

/* The project's files: art/ in the pack's order, then stickerpack.json. */
static stk_status project_files(const stk__import_pack *p, const stk__zip_out *files,
                                const char *fallback, stk__zip_out *out, stk_error *err)
{
	char (*art)[256] = calloc(p->n ? p->n : 1, sizeof *art);
	char tray[256], id[128];
	if (!art)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = STK_OK;
	for (size_t i = 0; s == STK_OK && i <= p->n; i++) {
		const char *name = i < p->n ? p->st[i].file : p->tray;
		if (!name)
			continue;
		char *dst = i < p->n ? art[i] : tray;
		size_t len;
		const uint8_t *d = stk__import_file(files, name, &len);
		s = art_name(out, name, dst, 256, err);
		if (s == STK_OK)
			s = stk__zip_out_add(out, dst, d, len, err);
	}
	identifier(p, fallback, id, sizeof id);
	json_t *m = s == STK_OK ? manifest(p, id, fallback, default_target(p, files),
	                                   p->tray ? tray : NULL, art) : NULL;
	char *text = m ? json_dumps(m, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	if (s == STK_OK && !text)
		s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK) {
		size_t n = strlen(text);
		text[n] = '\n'; /* json_dumps leaves room for its NUL: reuse it */
		s = stk__zip_out_add(out, STK__MANIFEST_NAME, text, n + 1, err);
	}
	free(text);
	json_decref(m);
	free(art);
	return s;
}

static bool ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), m = strlen(ext);
	return n >= m && strcasecmp(s + n - m, ext) == 0;
}

/* The input's name without folder and extension: the pack's name when
 * it gives none. */
static void input_stem(const char *input, char *out, size_t size)
{
	size_t n = strlen(input);
	while (n > 1 && input[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && input[start - 1] != '/')
		start--;
	size_t end = n;
	for (size_t i = n; i > start; i--)
		if (input[i - 1] == '.') {
			end = i - 1;
			break;
		}
	if (end == start)
		end = n;
	snprintf(out, size, "%.*s", (int)(end - start), input + start);
}

stk_status stk_import(const char *input, const char *packdir, const stk_import_options *opt,
                      stk_import_summary *summary, stk_error *err)
{
	stk_import_options o;
	if (opt)
		o = *opt;
	else
		stk_import_options_init(&o);
	fill_defaults(&o);
	stk__zip_out *files = NULL, *out = NULL;
	stk__import_pack p;
	bool folder = false;
	char stem[256];
	memset(&p, 0, sizeof p);
	input_stem(input, stem, sizeof stem);
	STK_TRY(stk__zip_out_new(&files, err));
	stk_status s = stk__import_read(input, &o, files, &folder, err);
	if (s == STK_OK)
		s = stk__import_recognise(files, !folder && ends_with(input, ".wastickers"), &p, err);
	if (s == STK_OK)
		s = check_art(&p, files, &o, err);
	if (s != STK_OK)
		stk__error_set_file(err, input);
	if (s == STK_OK)
		s = stk__zip_out_new(&out, err);
	if (s == STK_OK)
		s = project_files(&p, files, stem, out, err);
	if (s == STK_OK)
		s = stk__zip_out_write_folder_ex(out, packdir, false, err);
	if (s == STK_OK && summary) {
		memset(summary, 0, sizeof *summary);
		snprintf(summary->kind, sizeof summary->kind, "%s", p.kind);
		snprintf(summary->name, sizeof summary->name, "%s", p.name ? p.name : stem);
		summary->stickers = p.n;
		for (size_t i = 0; i < p.n; i++)
			summary->with_emojis += p.st[i].n_emojis > 0;
	}
	stk__import_pack_release(&p);
	stk__zip_out_free(files);
	stk__zip_out_free(out);
	return s;
}
