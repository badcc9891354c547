/*
 * preview_build.c - a preview of what stk_build() made: one target per
 * store built, its icon (the tray, else the cover, the tab, the icon, the
 * main image), and every sticker output with the emojis the store got and
 * the build's figures (bytes against budget, quality, SSIM, encodes,
 * cached).  The profiles are the build's own, so the build result must
 * outlive stk_preview_write().
 */
#include <stdlib.h>
#include <string.h>
#include "preview_internal.h"
#include "project_internal.h"

static const char *const ICON_ROLES[] = { "tray", "cover", "tab", "icon", "main", NULL };

/* The target's icon output, by the roles' preference; NULL when none. */
static const stk__job *icon_job(const stk_build_result *r, size_t ti)
{
	for (const char *const *role = ICON_ROLES; *role; role++)
		for (size_t j = 0; j < r->n_jobs; j++)
			if (r->jobs[j].target == ti && strcmp(r->jobs[j].role, *role) == 0)
				return &r->jobs[j];
	return NULL;
}

static char *emojis_of(const stk__job *job)
{
	size_t len = 1;
	for (size_t i = 0; i < job->n_emojis; i++)
		len += strlen(job->emojis[i]);
	char *s = malloc(len);
	if (!s)
		return NULL;
	s[0] = 0;
	for (size_t i = 0; i < job->n_emojis; i++)
		strcat(s, job->emojis[i]);
	return s;
}

stk_status stk_preview_add_build(stk_preview *pv, const stk_build_result *r, stk_error *err)
{
	if (!pv || !r)
		return stk__fail(err, STK_ERR_INVALID_ARG, "preview: no build to show");
	/* the pack's name and publisher, unless the caller gave its own */
	if ((!pv->name && r->m->name && !(pv->name = strdup(r->m->name))) ||
	    (!pv->publisher && r->m->publisher && !(pv->publisher = strdup(r->m->publisher))))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	for (size_t ti = 0; ti < r->n_targets; ti++) {
		const stk__job *icon = icon_job(r, ti);
		char *icon_path = icon ? stk__pv_join(r->outdir, icon->output) : NULL;
		if (icon && !icon_path)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		stk_status st = stk_preview_add_target(pv, r->targets[ti].p, icon_path, err);
		free(icon_path);
		STK_TRY(st);
		for (size_t j = 0; j < r->n_jobs; j++) {
			const stk__job *job = &r->jobs[j];
			if (job->target != ti || strcmp(job->role, "sticker") != 0)
				continue;
			stk_preview_sticker s;
			stk_preview_sticker_init(&s);
			char *file = stk__pv_join(r->outdir, job->output);
			char *emojis = emojis_of(job);
			if (!file || !emojis) {
				free(file);
				free(emojis);
				return stk__fail(err, STK_ERR_NOMEM, "out of memory");
			}
			s.file = file;
			s.emojis = emojis;
			s.budget = job->row.budget;
			s.quality = job->row.quality;
			s.lossless = job->row.lossless;
			s.ssim = job->row.ssim;
			s.encodes = (int)job->row.encodes;
			s.cached = job->row.cached;
			st = stk_preview_add_sticker(pv, &s, err);
			free(file);
			free(emojis);
			STK_TRY(st);
		}
	}
	return STK_OK;
}
