/*
 * pack_read.c - what a path holds, as packs of files: a sticker file, a
 * frames folder (numbered frames), a folder of stickers, a built WhatsApp
 * folder, or a .wastickers/.zip archive.  Files are listed, not read: the
 * caller reads each from the vfs when it needs it, so a pack of big
 * animations never sits in memory at once.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "pack_internal.h"

const char *stk__base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* ---- the listing ---- */

/* A zeroed new last element of *arr (holding n of *cap), or NULL. */
static void *new_slot(void **arr, size_t elem, size_t n, size_t *cap, stk_error *err)
{
	void *g = stk__grow_array(*arr, elem, n + 1, cap, 8);
	if (!g) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	*arr = g;
	return memset((char *)g + n * elem, 0, elem);
}

static char *dup_or_fail(const char *s, stk_error *err)
{
	char *d = strdup(s);
	if (!d)
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return d;
}

stk__pack_loose *stk__pack_add_loose(stk__pack_source *ps, stk__loose_kind kind,
                                     const char *label, const char *name, stk_error *err)
{
	stk__pack_loose *l = new_slot((void **)&ps->loose, sizeof *l, ps->n_loose,
	                              &ps->cap_loose, err);
	if (!l || !(l->label = dup_or_fail(label, err)))
		return NULL;
	l->kind = kind;
	l->name = name ? name : stk__base_name(l->label);
	ps->n_loose++;
	return l;
}

stk__pack_listing *stk__pack_add_listing(stk__pack_source *ps, const char *label,
                                         stk_error *err)
{
	stk__pack_listing *pl = new_slot((void **)&ps->packs, sizeof *pl, ps->n_packs,
	                                 &ps->cap_packs, err);
	if (!pl || !(pl->label = dup_or_fail(label, err)))
		return NULL;
	ps->n_packs++;
	return pl;
}

stk__pack_file *stk__pack_add_file(stk__pack_listing *pl, const char *label, const char *name,
                                   stk_error *err)
{
	stk__pack_file *f = new_slot((void **)&pl->files, sizeof *f, pl->n, &pl->cap, err);
	if (!f || !(f->label = dup_or_fail(label, err)))
		return NULL;
	if (!(f->name = dup_or_fail(name ? name : label, err))) {
		free(f->label);
		return NULL;
	}
	pl->n++;
	return f;
}

void stk__pack_source_release(stk__pack_source *ps)
{
	for (size_t i = 0; i < ps->n_loose; i++) {
		free(ps->loose[i].label);
		json_decref(ps->loose[i].doc);
	}
	for (size_t i = 0; i < ps->n_packs; i++) {
		stk__pack_listing *pl = &ps->packs[i];
		for (size_t j = 0; j < pl->n; j++) {
			free(pl->files[j].label);
			free(pl->files[j].name);
			free(pl->files[j].source);
			json_decref(pl->files[j].meta);
		}
		free(pl->files);
		free(pl->label);
		json_decref(pl->meta);
	}
	free(ps->loose);
	free(ps->packs);
	stk__vfs_release(&ps->vfs);
	memset(ps, 0, sizeof *ps);
}

static stk_status add_unreadable(stk__pack_source *ps, const char *path, const stk_error *why,
                                 stk_error *err)
{
	stk__pack_loose *l = stk__pack_add_loose(ps, STK_LOOSE_UNREADABLE, path, NULL, err);
	if (!l)
		return STK_ERR_NOMEM;
	l->has_error = true;
	l->error = *why;
	return STK_OK;
}

/* ---- a plain folder or archive of stickers ---- */

static bool sticker_name(const char *name)
{
	static const char *const exts[] = {
		".png", ".apng", ".gif", ".webp", ".jpg", ".jpeg", ".tgs", ".webm",
	};
	const char *dot = strrchr(name, '.');
	if (!dot || name[0] == '.' || strchr(name, '/'))
		return false;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

/* title.txt and author.txt (the .wastickers convention), trimmed. */
static stk_status read_text(const stk__vfs *v, const char *name, json_t **out, stk_error *err)
{
	stk_buf b = { 0 };
	*out = NULL;
	if (!stk__vfs_exists(v, name))
		return STK_OK;
	stk_error e;
	stk_error_init(&e);
	if (stk__vfs_read_side(v, name, &b, &e) != STK_OK)
		return STK_OK; /* the pack's name is then unknown */
	size_t start = 0, end = b.len;
	while (start < end && strchr(" \t\r\n", b.data[start]))
		start++;
	while (end > start && strchr(" \t\r\n", b.data[end - 1]))
		end--;
	*out = json_stringn((const char *)b.data + start, end - start);
	if (!*out) /* not UTF-8: the length checks still get a value */
		*out = json_string("?");
	stk_buf_release(&b);
	return *out ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
}

static bool has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), m = strlen(ext);
	return n > m && strcasecmp(path + n - m, ext) == 0;
}

/* A .wastickers always names its pack in title.txt and author.txt, so a
 * missing one is a missing field (JSON null); a plain folder says nothing
 * about its name unless it has one of them. */
static stk_status flat_meta(stk__pack_listing *pl, const stk__vfs *v, stk_error *err)
{
	json_t *title = NULL, *author = NULL;
	bool wastickers = v->archive && has_ext(v->root, ".wastickers");
	STK_TRY(read_text(v, "title.txt", &title, err));
	stk_status s = read_text(v, "author.txt", &author, err);
	if (s == STK_OK && (title || author || wastickers)) {
		pl->meta = json_object();
		if (!pl->meta)
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		else {
			json_object_set_new(pl->meta, "name", title ? json_incref(title)
			                    : wastickers ? json_null() : json_string(""));
			json_object_set_new(pl->meta, "publisher", author ? json_incref(author)
			                    : wastickers ? json_null() : json_string(""));
		}
	}
	json_decref(title);
	json_decref(author);
	return s;
}

static stk_status read_flat(stk__pack_source *ps, stk__vfs *v, stk_error *err)
{
	char label[4096];
	stk__pack_listing *pl = stk__pack_add_listing(ps, v->root, err);
	if (!pl)
		return STK_ERR_NOMEM;
	STK_TRY(flat_meta(pl, v, err));
	stk__vfs_sort(v);
	for (size_t i = 0; i < v->n; i++) {
		const char *name = v->e[i].name;
		if (!sticker_name(name))
			continue;
		stk__pack_file *f = stk__pack_add_file(pl, stk__vfs_label(v, name, label, sizeof label),
		                                       stk__base_name(name), err);
		if (!f)
			return STK_ERR_NOMEM;
		if (!(f->source = strdup(name)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	return STK_OK;
}

/* ---- one path ---- */

static stk_status read_pack(stk__pack_source *ps, stk__vfs *v, stk_error *err)
{
	if (stk__vfs_exists(v, "contents.json"))
		return stk__pack_read_whatsapp(ps, v, err);
	return read_flat(ps, v, err);
}

static stk_status read_archive(stk__pack_source *ps, stk__vfs *v, stk_error *err)
{
	stk_error e;
	stk_error_init(&e);
	stk_status s = stk__vfs_load_archive(v, &e);
	if (s == STK_ERR_NOMEM) {
		if (err)
			*err = e;
		return s;
	}
	if (s != STK_OK)
		return add_unreadable(ps, v->root, &e, err);
	return read_pack(ps, v, err);
}

static stk_status add_single(stk__pack_source *ps, const char *path, stk__loose_kind kind,
                             stk_error *err)
{
	return stk__pack_add_loose(ps, kind, path, NULL, err) ? STK_OK : STK_ERR_NOMEM;
}

stk_status stk__pack_source_read(stk__pack_source *ps, const char *path,
                                 const stk_decode_options *opt, stk_error *err)
{
	struct stat st;
	stk__vfs *v = &ps->vfs;
	memset(v, 0, sizeof *v);
	v->opt = opt;
	if (strcmp(path, "-") != 0 && stat(path, &st) != 0) {
		stk_error e;
		stk_error_init(&e);
		stk__fail_errno(&e, STK_ERR_IO, errno, "cannot open");
		return add_unreadable(ps, path, &e, err);
	}
	bool folder = strcmp(path, "-") != 0 && S_ISDIR(st.st_mode);
	bool contents = !folder && strcmp(stk__base_name(path), "contents.json") == 0;
	if (contents)
		v->root = strndup(path, (size_t)(stk__base_name(path) - path));
	else
		v->root = strdup(path);
	if (!v->root)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (contents && !v->root[0]) {
		free(v->root);
		if (!(v->root = strdup(".")))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	if (folder) {
		/* Read as info and convert read it: numbered frames are one animation. */
		if (stk__folder_is_frames(path))
			return add_single(ps, path, STK_LOOSE_FRAMES, err);
		stk_error e;
		stk_error_init(&e);
		if (stk__vfs_list_dir(v, &e) != STK_OK)
			return add_unreadable(ps, path, &e, err);
		return read_pack(ps, v, err);
	}
	if (contents)
		return stk__pack_read_whatsapp(ps, v, err);
	if (has_ext(path, ".wastickers") || has_ext(path, ".zip"))
		return read_archive(ps, v, err);
	return add_single(ps, path, STK_LOOSE_FILE, err);
}

/* ---- which store a path is for ---- */

static bool ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), m = strlen(ext);
	return n >= m && strcasecmp(s + n - m, ext) == 0;
}

static const char *guess_file(const char *name)
{
	if (strcmp(name, "contents.json") == 0 || ends_with(name, ".wastickers"))
		return "whatsapp";
	if (ends_with(name, ".tgs") || ends_with(name, ".webm"))
		return "telegram";
	return NULL;
}

struct seen {
	bool contents, wa_text, tgs, main, tab, signal;
};

static const char *guess_dir(const char *path)
{
	DIR *dp = opendir(path);
	struct seen s = { false, false, false, false, false, false };
	struct dirent *de;
	if (!dp)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		const char *n = de->d_name;
		s.contents |= strcmp(n, "contents.json") == 0;
		s.wa_text |= strcmp(n, "title.txt") == 0 || strcmp(n, "author.txt") == 0;
		s.tgs |= ends_with(n, ".tgs") || ends_with(n, ".webm");
		s.main |= strcasecmp(n, "main.png") == 0;
		s.tab |= strcasecmp(n, "tab.png") == 0;
		s.signal |= strcmp(n, "manifest.json") == 0;
	}
	closedir(dp);
	if (s.contents || s.wa_text)
		return "whatsapp";
	if (s.tgs)
		return "telegram";
	if (s.main && s.tab)
		return "line";
	if (s.signal)
		return "signal";
	return NULL;
}

const char *stk__pack_guess_store(const char *path)
{
	struct stat st;
	if (!path)
		return NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return guess_dir(path);
	return guess_file(stk__base_name(path));
}
