/*
 * validate_input.c - turning what a path holds into subjects and packs.
 * pack/ reads the path (pack_read.c: a sticker file, a frames folder, a
 * folder or archive of stickers, a store layout) into packs of files; this
 * makes each file a subject, read and decoded only when it is checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	stk__vfs_release(&in->vfs);
	memset(in, 0, sizeof *in);
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

/* A sticker file, or a frames folder: one loose subject. */
static stk_status read_single(stk__input *in, const char *path, bool folder,
                              const stk_decode_options *opt, stk_error *err)
{
	stk__subject *s = stk__input_add_loose(in, err);
	if (!s)
		return err ? err->code : STK_ERR_NOMEM;
	STK_TRY(stk__subject_init(s, path, stk__base_name(path), err));
	stk_error e;
	stk_error_init(&e);
	stk_status st;
	if (folder) {
		st = stk__subject_load_folder(s, path, opt, &e);
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

stk_status stk__input_load(const stk__input *in, stk__subject *s, stk_error *err)
{
	if (!s->source)
		return STK_OK;
	stk_status st = stk__vfs_subject(&in->vfs, s->source, s, err);
	free(s->source);
	s->source = NULL;
	return st;
}

static stk_status loose_subject(stk__input *in, const stk__pack_loose *l,
                                const stk_decode_options *opt, stk_error *err)
{
	if (l->kind == STK_LOOSE_FILE || l->kind == STK_LOOSE_FRAMES)
		return read_single(in, l->label, l->kind == STK_LOOSE_FRAMES, opt, err);
	stk__subject *s = stk__input_add_loose(in, err);
	if (!s)
		return err ? err->code : STK_ERR_NOMEM;
	STK_TRY(stk__subject_init(s, l->label, l->name, err));
	if (l->kind == STK_LOOSE_DOCUMENT) {
		s->document = true;
		s->role = "manifest";
		s->meta = json_incref(l->doc);
		s->meta_complete = true;
		if (l->why[0]) { /* over the entry cap: not read further */
			s->unreadable = true;
			snprintf(s->why, sizeof s->why, "%s", l->why);
		}
	} else if (l->has_error) {
		stk__subject_fail(s, &l->error);
	} else {
		s->unreadable = true;
		snprintf(s->why, sizeof s->why, "%s", l->why);
	}
	return STK_OK;
}

static stk_status pack_subjects(stk__input *in, stk__pack_listing *pl, stk_error *err)
{
	stk__pack *pk = stk__input_add_pack(in, pl->label, err);
	if (!pk)
		return err ? err->code : STK_ERR_NOMEM;
	pk->meta = pl->meta;
	pl->meta = NULL;
	pk->meta_complete = pl->meta_complete;
	for (size_t i = 0; i < pl->n; i++) {
		stk__pack_file *f = &pl->files[i];
		stk__subject *s = stk__pack_add(pk, err);
		if (!s)
			return err ? err->code : STK_ERR_NOMEM;
		STK_TRY(stk__subject_init(s, f->label, f->name, err));
		s->role = f->role;
		s->skipped = f->skipped;
		s->meta = f->meta;
		s->meta_complete = f->meta_complete;
		s->source = f->source;
		f->meta = NULL;
		f->source = NULL;
	}
	return STK_OK;
}

stk_status stk__input_read(stk__input *in, const char *path, const stk_decode_options *opt,
                           stk_error *err)
{
	stk__pack_source ps;
	memset(&ps, 0, sizeof ps);
	stk_status s = stk__pack_source_read(&ps, path, opt, err);
	for (size_t i = 0; s == STK_OK && i < ps.n_loose; i++)
		s = loose_subject(in, &ps.loose[i], opt, err);
	for (size_t i = 0; s == STK_OK && i < ps.n_packs; i++)
		s = pack_subjects(in, &ps.packs[i], err);
	/* the subjects' files are read from it later, one at a time */
	in->vfs = ps.vfs;
	memset(&ps.vfs, 0, sizeof ps.vfs);
	stk__pack_source_release(&ps);
	return s;
}

const char *stk_validate_guess_profile(const char *path)
{
	return stk__pack_guess_store(path);
}
