/*
 * build_watch.c - stk_build_watch(): build, preview, wait for a source or
 * the manifest to change, and again, until cancelled.
 *
 * Each round reads the manifest again (it may have changed), builds
 * (incremental: only what changed is encoded), writes a live preview (its
 * page reloads itself when the stamp changes) and watches the manifest and
 * every source it names.  A round that fails (a manifest with a typo, art
 * that does not decode) is reported and the watch goes on: the next save
 * may fix it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "preview_internal.h"
#include "project_internal.h"
#include "stk/watch.h"

#define SETTLE_MS 300

static stk_status watch_sources(stk_watcher *w, const char *project, const stk_manifest *m,
                                stk_error *err)
{
	if (!m) {
		/* no manifest read: wait for it (in the folder, when given one) */
		struct stat sb;
		if (stat(project, &sb) != 0 || !S_ISDIR(sb.st_mode))
			return stk_watcher_add(w, project, err);
		char *path = stk__pv_join(project, STK_MANIFEST_NAME);
		if (!path)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		stk_status st = stk_watcher_add(w, path, err);
		free(path);
		return st;
	}
	STK_TRY(stk_watcher_add(w, m->path, err));
	for (size_t i = 0; i < m->n_stickers; i++)
		STK_TRY(stk_watcher_add(w, m->stickers[i].path, err));
	const char *extra[3] = { m->tray_path, m->cover_path, m->icon_path };
	for (int i = 0; i < 3; i++)
		if (extra[i])
			STK_TRY(stk_watcher_add(w, extra[i], err));
	return STK_OK;
}

/* One round: build and preview; what went wrong goes to the callback. */
static stk_status round_once(const char *project, const stk_build_options *bopt,
                             const stk_watch_options *wopt, stk_manifest **m_out,
                             stk_error *err)
{
	stk_manifest *m = NULL;
	stk_build_result *r = NULL;
	stk_preview *pv = NULL;
	stk_error why;
	char stamp[17] = "";
	stk_error_init(&why);
	stk_status st = stk_manifest_load(project, &m, &why);
	if (st == STK_OK)
		st = stk_build(m, bopt, &r, &why);
	if (st == STK_OK && !(bopt->cancelled && bopt->cancelled(bopt->cancel_user))) {
		char *dir = wopt->preview_dir ? strdup(wopt->preview_dir)
		                              : stk__pv_join(stk_build_outdir(r), "preview");
		stk_preview_options po;
		stk_preview_options_init(&po);
		po.decode = bopt->decode;
		po.live = true;
		if (!dir)
			st = stk__fail(&why, STK_ERR_NOMEM, "out of memory");
		if (st == STK_OK)
			st = stk_preview_new(m->name, m->publisher, &pv, &why);
		if (st == STK_OK)
			st = stk_preview_add_build(pv, r, &why);
		if (st == STK_OK)
			st = stk_preview_write(pv, dir, &po, stamp, &why);
		free(dir);
	}
	if (wopt->round)
		wopt->round(wopt->user, st == STK_OK ? r : NULL, st, &why, stamp);
	stk_preview_free(pv);
	stk_build_result_free(r);
	*m_out = m;
	/* only running out of memory ends the watch */
	if (st == STK_ERR_NOMEM) {
		*err = why;
		return st;
	}
	return STK_OK;
}

void stk_watch_options_init(stk_watch_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->settle_ms = SETTLE_MS;
}

stk_status stk_build_watch(const char *project, const stk_build_options *bopt,
                           const stk_watch_options *wopt, stk_error *err)
{
	stk_watch_options defaults;
	if (!wopt) {
		stk_watch_options_init(&defaults);
		wopt = &defaults;
	}
	for (;;) {
		stk_manifest *m = NULL;
		stk_watcher *w = NULL;
		size_t changed = 0;
		stk_status st = round_once(project, bopt, wopt, &m, err);
		if (st == STK_OK)
			st = stk_watcher_new(&w, err);
		if (st == STK_OK)
			st = watch_sources(w, project, m, err);
		stk_manifest_free(m);
		if (st == STK_OK && !(bopt->cancelled && bopt->cancelled(bopt->cancel_user)))
			st = stk_watcher_wait(w, wopt->settle_ms, bopt->cancelled, bopt->cancel_user,
			                      &changed, err);
		for (size_t i = 0; st == STK_OK && wopt->changed && i < changed; i++)
			wopt->changed(wopt->user, stk_watcher_changed(w, i));
		stk_watcher_free(w);
		if (st != STK_OK || changed == 0)
			return st;   /* an error, or cancelled */
	}
}
