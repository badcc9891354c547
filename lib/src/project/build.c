/*
 * build.c - stk_build(): read and hash every source (and learn which are
 * animated), plan each target's packs and jobs, run the jobs on the pool,
 * write each store's own files, and validate what was written with the
 * store's profile.  What is shared: a source is read, hashed and probed
 * once per build (its frame count cached by content hash), and decoded at
 * most once, by the first job that misses the cache; every target's jobs
 * then take the same decoded frames.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "project_internal.h"

void stk_build_options_init(stk_build_options *opt)
{
	memset(opt, 0, sizeof *opt);
	stk_decode_options_init(&opt->decode);
}

static stk_status make_sources(stk_build_result *b, stk_error *err)
{
	const stk_manifest *m = b->m;
	b->n_sources = m->n_stickers + 3;
	if (!(b->sources = calloc(b->n_sources, sizeof *b->sources)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < b->n_sources; i++)
		pthread_mutex_init(&b->sources[i].lock, NULL);
	for (size_t i = 0; i < m->n_stickers; i++) {
		b->sources[i].file = m->stickers[i].file;
		b->sources[i].path = m->stickers[i].path;
	}
	const char *files[3] = { m->tray, m->cover, m->icon };
	const char *paths[3] = { m->tray_path, m->cover_path, m->icon_path };
	for (size_t k = 0; k < 3; k++) {
		b->sources[m->n_stickers + k].file = files[k];
		b->sources[m->n_stickers + k].path = paths[k];
	}
	for (size_t i = 0; i < b->n_sources; i++)
		if (b->sources[i].path)
			STK_TRY(stk__source_probe(b, &b->sources[i], err));
	return STK_OK;
}

static stk_status set_dirs(stk_build_result *b, stk_error *err)
{
	b->outdir = b->opt.outdir ? strdup(b->opt.outdir) : stk__path_join(b->m->dir, "dist");
	if (!b->outdir)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	b->cache_dir = stk__path_join(b->outdir, ".stickerkit-cache");
	if (!b->cache_dir)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return stk__mkdirs(b->cache_dir, err);
}

/* Report order: by target, pack, stickers in place, then store images. */
static int by_place(const void *a, const void *b)
{
	const stk__job *x = a, *y = b;
	if (x->target != y->target)
		return x->target < y->target ? -1 : 1;
	if (x->pack != y->pack)
		return x->pack < y->pack ? -1 : 1;
	bool xs = x->sticker != SIZE_MAX, ys = y->sticker != SIZE_MAX;
	if (xs != ys)
		return xs ? -1 : 1;
	if (xs)
		return x->position < y->position ? -1 : x->position > y->position;
	return strcmp(x->role, y->role);
}

stk_status stk_build(const stk_manifest *m, const stk_build_options *opt,
                     stk_build_result **out, stk_error *err)
{
	*out = NULL;
	stk_build_result *b = calloc(1, sizeof *b);
	if (!b)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	pthread_mutex_init(&b->lock, NULL);
	b->m = m;
	if (opt)
		b->opt = *opt;
	else
		stk_build_options_init(&b->opt);
	stk_status s = set_dirs(b, err);
	if (s == STK_OK)
		s = stk__plan_targets(b, err);
	if (s == STK_OK)
		s = make_sources(b, err);
	if (s == STK_OK)
		s = stk__plan_jobs(b, err);
	if (s == STK_OK)
		s = stk__group_jobs(b, err);
	if (s == STK_OK) {
		unsigned jobs = b->opt.jobs ? b->opt.jobs : stk__cpu_count();
		s = stk__pool_run(b->n_units, jobs, stk__run_unit, b, b->opt.cancelled,
		                  b->opt.cancel_user, err);
	}
	if (s == STK_OK && b->n_jobs)
		qsort(b->jobs, b->n_jobs, sizeof *b->jobs, by_place);
	for (size_t i = 0; s == STK_OK && i < b->n_targets; i++)
		s = stk__write_store_files(b, &b->targets[i], err);
	for (size_t i = 0; s == STK_OK && i < b->n_targets; i++)
		stk__clean_target(b, &b->targets[i]);
	for (size_t i = 0; s == STK_OK && i < b->n_targets; i++)
		s = stk__validate_target(b, &b->targets[i], err);
	if (s != STK_OK) {
		stk_build_result_free(b);
		return s;
	}
	*out = b;
	return STK_OK;
}

void stk_build_result_free(stk_build_result *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n_sources; i++) {
		stk_image_free(b->sources[i].img);
		pthread_mutex_destroy(&b->sources[i].lock);
	}
	free(b->sources);
	for (size_t i = 0; i < b->n_targets; i++) {
		stk__target *t = &b->targets[i];
		for (size_t p = 0; p < t->n_packs; p++) {
			free(t->packs[p].id);
			free(t->packs[p].name);
			free(t->packs[p].folder);
			free(t->packs[p].stickers);
		}
		free(t->packs);
		stk_profile_free(t->p);
		stk_report_free(t->report);
	}
	free(b->targets);
	for (size_t i = 0; i < b->n_jobs; i++)
		free(b->jobs[i].output);
	free(b->jobs);
	free(b->units);
	for (size_t i = 0; i < b->n_notes; i++)
		free(b->notes[i]);
	free(b->notes);
	free(b->outdir);
	free(b->cache_dir);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

const char *stk_build_outdir(const stk_build_result *r) { return r->outdir; }
size_t stk_build_row_count(const stk_build_result *r) { return r->n_jobs; }
size_t stk_build_note_count(const stk_build_result *r) { return r->n_notes; }
size_t stk_build_target_count(const stk_build_result *r) { return r->n_targets; }
size_t stk_build_encoded(const stk_build_result *r) { return r->encoded; }
size_t stk_build_fits_shared(const stk_build_result *r) { return r->fits_shared; }

const char *stk_build_note(const stk_build_result *r, size_t i)
{
	return i < r->n_notes ? r->notes[i] : NULL;
}

const char *stk_build_target(const stk_build_result *r, size_t i)
{
	return i < r->n_targets ? r->targets[i].id : NULL;
}

const stk_report *stk_build_target_report(const stk_build_result *r, size_t i)
{
	return i < r->n_targets ? r->targets[i].report : NULL;
}

size_t stk_build_errors(const stk_build_result *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_targets; i++)
		n += stk_report_errors(r->targets[i].report);
	return n;
}

/* Rows in a stable order: by target, then output. */
const stk_build_row *stk_build_get_row(const stk_build_result *r, size_t i)
{
	return i < r->n_jobs ? &r->jobs[i].row : NULL;
}
