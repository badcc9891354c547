/*
 * validate_input.c - turning a path into subjects and packs: a sticker
 * file, a frames folder (with timing.json), a folder of stickers, a built
 * WhatsApp folder, or a .wastickers/.zip archive.  Folders and archives
 * are read through one small interface (stk__vfs), so a pack reads the
 * same whether it is unpacked or not.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "stk_limits.h"
#include "validate_internal.h"

/* ---- the input's containers ---- */

/* One more element in *v (holding n of *cap), or false. */
static bool grow_one(void **v, size_t n, size_t *cap, size_t elem)
{
	void *nv = stk__grow_array(*v, elem, n + 1, cap, 8);
	if (nv)
		*v = nv;
	return nv != NULL;
}

stk__subject *stk__input_add_loose(stk__input *in, stk_error *err)
{
	if (!grow_one((void **)&in->loose, in->n_loose, &in->cap_loose, sizeof *in->loose)) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	stk__subject *s = &in->loose[in->n_loose++];
	memset(s, 0, sizeof *s);
	return s;
}

stk__pack *stk__input_add_pack(stk__input *in, const char *file, stk_error *err)
{
	if (!grow_one((void **)&in->packs, in->n_packs, &in->cap_packs, sizeof *in->packs)) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	stk__pack *pk = &in->packs[in->n_packs];
	memset(pk, 0, sizeof *pk);
	if (!(pk->file = strdup(file))) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	in->n_packs++;
	return pk;
}

stk__subject *stk__pack_add(stk__pack *pk, stk_error *err)
{
	if (!grow_one((void **)&pk->items, pk->n, &pk->cap, sizeof *pk->items)) {
		stk__fail(err, STK_ERR_NOMEM, "out of memory");
		return NULL;
	}
	stk__subject *s = &pk->items[pk->n++];
	memset(s, 0, sizeof *s);
	return s;
}

static void vfs_release(stk__vfs *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->e[i].name);
		free(v->e[i].data);
	}
	free(v->e);
	free(v->root);
	memset(v, 0, sizeof *v);
}

void stk__input_release(stk__input *in)
{
	for (size_t i = 0; i < in->n_loose; i++)
		stk__subject_release(&in->loose[i]);
	for (size_t i = 0; i < in->n_packs; i++) {
		stk__pack *pk = &in->packs[i];
		for (size_t j = 0; j < pk->n; j++)
			stk__subject_release(&pk->items[j]);
		free(pk->items);
		free(pk->file);
		json_decref(pk->meta);
	}
	free(in->loose);
	free(in->packs);
	vfs_release(&in->vfs);
	memset(in, 0, sizeof *in);
}

/* ---- folders and archives ---- */

static int by_name(const void *a, const void *b)
{
	return strcmp(((const stk__vfs_entry *)a)->name, ((const stk__vfs_entry *)b)->name);
}

/* Archive entries are sorted by name once read: a lookup is a bsearch, so
 * a manifest naming 100000 stickers stays linear. */
static const stk__vfs_entry *vfs_find(const stk__vfs *v, const char *name)
{
	stk__vfs_entry key = { (char *)name, NULL, 0 };
	return v->n ? bsearch(&key, v->e, v->n, sizeof *v->e, by_name) : NULL;
}

const char *stk__vfs_label(const stk__vfs *v, const char *name, char *buf, size_t size)
{
	size_t n = strlen(v->root);
	const char *sep = v->archive ? ":" : (n && v->root[n - 1] == '/') ? "" : "/";
	snprintf(buf, size, "%s%s%s", v->root, sep, name);
	return buf;
}

/* A folder's entry exists when it is there and not a folder: a link, FIFO,
 * device or socket exists too, and reading it says what it is (never
 * following the link nor blocking; see stk__open_regular()). */
bool stk__vfs_exists(const stk__vfs *v, const char *name)
{
	char path[4096];
	struct stat st;
	if (v->archive)
		return vfs_find(v, name) != NULL;
	return lstat(stk__vfs_label(v, name, path, sizeof path), &st) == 0 && !S_ISDIR(st.st_mode);
}

static stk_status vfs_read_capped(const stk__vfs *v, const char *name, uint64_t max,
                                  stk_buf *out, stk_error *err)
{
	char path[4096];
	out->data = NULL;
	out->len = 0;
	if (!v->archive)
		return stk__read_file_mode(stk__vfs_label(v, name, path, sizeof path), max,
		                           STK__OPEN_ENTRY, out, err);
	const stk__vfs_entry *e = vfs_find(v, name);
	if (!e)
		return stk__fail_errno(err, STK_ERR_IO, ENOENT, "not in the archive");
	if (e->len > max)
		return stk__fail(err, STK_ERR_LIMIT, "%s is %zu bytes, over the limit of %llu",
		                 name, e->len, (unsigned long long)max);
	out->data = malloc(e->len ? e->len : 1);
	if (!out->data)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	memcpy(out->data, e->data, e->len);
	out->len = e->len;
	return STK_OK;
}

stk_status stk__vfs_read(const stk__vfs *v, const char *name, stk_buf *out, stk_error *err)
{
	return vfs_read_capped(v, name, v->opt->max_input_bytes, out, err);
}

stk_status stk__vfs_read_side(const stk__vfs *v, const char *name, stk_buf *out,
                              stk_error *err)
{
	return vfs_read_capped(v, name, STK_LIMIT_SIDE_FILE_BYTES, out, err);
}

stk_status stk__vfs_subject(const stk__vfs *v, const char *name, stk__subject *s,
                            stk_error *err)
{
	stk_buf buf = { 0 };
	stk_error e;
	stk_error_init(&e);
	if (!stk__vfs_exists(v, name)) {
		s->missing = true;
		snprintf(s->why, sizeof s->why, "no such file");
		return STK_OK;
	}
	stk_status st = stk__vfs_read(v, name, &buf, &e);
	if (st == STK_ERR_NOMEM)
		return stk__fail(err, st, "out of memory");
	if (st != STK_OK) {
		stk__subject_fail(s, &e);
		return STK_OK;
	}
	st = stk__subject_decode(s, buf.data, buf.len, v->opt, err);
	stk_buf_release(&buf);
	return st;
}

static stk_status vfs_add(stk__vfs *v, const char *name, const uint8_t *data, size_t len,
                          stk_error *err)
{
	STK_GROW(v->e, v->cap, v->n + 1, 8, err);
	stk__vfs_entry *e = &v->e[v->n];
	e->name = strdup(name);
	e->data = data ? malloc(len ? len : 1) : NULL;
	e->len = len;
	if (!e->name || (data && !e->data)) {
		free(e->name);
		free(e->data);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	if (data)
		memcpy(e->data, data, len);
	v->n++;
	return STK_OK;
}

static stk_status zip_entry(void *user, const char *name, const uint8_t *data, size_t len,
                            stk_error *err)
{
	return vfs_add(user, name, data, len, err);
}

/* The folder's own files (not its subfolders), by name, at most the entry
 * cap of them. */
static stk_status vfs_dir(stk__vfs *v, stk_error *err)
{
	DIR *dp = opendir(v->root);
	if (!dp)
		return stk__fail_errno(err, STK_ERR_IO, errno, "cannot open folder");
	stk_status s = STK_OK;
	struct dirent *de;
	while (s == STK_OK && (de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.' && stk__vfs_exists(v, de->d_name)) {
			if (v->n >= stk__limit_entries(v->opt))
				s = stk__fail_entries(err, "the folder", v->opt);
			else
				s = vfs_add(v, de->d_name, NULL, 0, err);
		}
	closedir(dp);
	return s;
}

/* ---- a plain folder or archive of stickers ---- */

static bool has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), m = strlen(ext);
	return n > m && strcasecmp(path + n - m, ext) == 0;
}

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

/* A .wastickers always names its pack in title.txt and author.txt, so a
 * missing one is a missing field (JSON null); a plain folder says nothing
 * about its name unless it has one of them. */
static stk_status flat_meta(stk__pack *pk, const stk__vfs *v, stk_error *err)
{
	json_t *title = NULL, *author = NULL;
	bool wastickers = v->archive && has_ext(v->root, ".wastickers");
	STK_TRY(read_text(v, "title.txt", &title, err));
	stk_status s = read_text(v, "author.txt", &author, err);
	if (s == STK_OK && (title || author || wastickers)) {
		pk->meta = json_object();
		if (!pk->meta)
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		else {
			json_object_set_new(pk->meta, "name", title ? json_incref(title)
			                    : wastickers ? json_null() : json_string(""));
			json_object_set_new(pk->meta, "publisher", author ? json_incref(author)
			                    : wastickers ? json_null() : json_string(""));
		}
	}
	json_decref(title);
	json_decref(author);
	return s;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

static stk_status read_flat(stk__input *in, stk__vfs *v, stk_error *err)
{
	char label[4096];
	stk__pack *pk = stk__input_add_pack(in, v->root, err);
	if (!pk)
		return err ? err->code : STK_ERR_NOMEM;
	STK_TRY(flat_meta(pk, v, err));
	qsort(v->e, v->n, sizeof *v->e, by_name);
	for (size_t i = 0; i < v->n; i++) {
		const char *name = v->e[i].name;
		if (!sticker_name(name))
			continue;
		stk__subject *s = stk__pack_add(pk, err);
		if (!s)
			return err ? err->code : STK_ERR_NOMEM;
		STK_TRY(stk__subject_init(s, stk__vfs_label(v, name, label, sizeof label),
		                          base_name(name), err));
		if (!(s->source = strdup(name)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	return STK_OK;
}

/* ---- one path ---- */

static stk_status add_unreadable(stk__input *in, const char *path, const stk_error *why,
                                 stk_error *err)
{
	stk__subject *s = stk__input_add_loose(in, err);
	if (!s)
		return err ? err->code : STK_ERR_NOMEM;
	STK_TRY(stk__subject_init(s, path, base_name(path), err));
	stk__subject_fail(s, why);
	return STK_OK;
}

/* A sticker file, or a frames folder: one loose subject. */
static stk_status read_single(stk__input *in, const char *path, bool folder,
                              const stk_decode_options *opt, stk_error *err)
{
	stk__subject *s = stk__input_add_loose(in, err);
	if (!s)
		return err ? err->code : STK_ERR_NOMEM;
	STK_TRY(stk__subject_init(s, path, base_name(path), err));
	stk_error e;
	stk_error_init(&e);
	stk_status st;
	if (folder) {
		stk_image *img = NULL;
		st = stk_image_load(path, opt, &img, &e);
		if (st == STK_OK)
			stk__subject_set_image(s, img);
	} else {
		stk_buf b = { 0 };
		st = stk_read_file(path, opt->max_input_bytes, &b, &e);
		if (st == STK_OK)
			st = stk__subject_decode(s, b.data, b.len, opt, &e);
		stk_buf_release(&b);
	}
	if (st == STK_ERR_NOMEM) {
		if (err)
			*err = e;
		return st;
	}
	if (st != STK_OK)
		stk__subject_fail(s, &e);
	return STK_OK;
}

static stk_status read_pack(stk__input *in, stk__vfs *v, stk_error *err)
{
	if (stk__vfs_exists(v, "contents.json"))
		return stk__read_wa_manifest(in, v, err);
	return read_flat(in, v, err);
}

static stk_status read_archive(stk__input *in, stk__vfs *v, stk_error *err)
{
	stk_buf b = { 0 };
	stk_error e;
	stk_error_init(&e);
	stk_status s = stk_read_file(v->root, v->opt->max_input_bytes, &b, &e);
	if (s == STK_OK)
		s = stk__read_zip(b.data, b.len, zip_entry, v, &e);
	stk_buf_release(&b);
	if (s == STK_OK)
		qsort(v->e, v->n, sizeof *v->e, by_name); /* for vfs_find() */
	if (s == STK_ERR_NOMEM) {
		if (err)
			*err = e;
		return s;
	}
	if (s != STK_OK)
		return add_unreadable(in, v->root, &e, err);
	return read_pack(in, v, err);
}

stk_status stk__input_load(const stk__input *in, stk__subject *s, stk_error *err)
{
	if (!s->source)
		return STK_OK;
	stk_status st = stk__vfs_subject(&in->vfs, s->source, s, err);
	free(s->source);
	s->source = NULL;
	return st;
}

stk_status stk__input_read(stk__input *in, const char *path, const stk_decode_options *opt,
                           stk_error *err)
{
	struct stat st;
	stk__vfs *v = &in->vfs;
	memset(v, 0, sizeof *v);
	v->opt = opt;
	if (strcmp(path, "-") != 0 && stat(path, &st) != 0) {
		stk_error e;
		stk_error_init(&e);
		stk__fail_errno(&e, STK_ERR_IO, errno, "cannot open");
		return add_unreadable(in, path, &e, err);
	}
	bool folder = strcmp(path, "-") != 0 && S_ISDIR(st.st_mode);
	bool contents = !folder && strcmp(base_name(path), "contents.json") == 0;
	if (contents)
		v->root = strndup(path, (size_t)(base_name(path) - path));
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
			return read_single(in, path, true, opt, err);
		stk_error e;
		stk_error_init(&e);
		if (vfs_dir(v, &e) != STK_OK)
			return add_unreadable(in, path, &e, err);
		return read_pack(in, v, err);
	}
	if (contents)
		return stk__read_wa_manifest(in, v, err);
	if (has_ext(path, ".wastickers") || has_ext(path, ".zip")) {
		v->archive = true;
		return read_archive(in, v, err);
	}
	return read_single(in, path, false, opt, err);
}
