/*
 * preview.c - the preview model and its writing: targets and their
 * stickers as the caller describes them; at write time each sticker is
 * read once (its frames fitted into a sheet cell as they are decoded, so
 * no full-size animation is held) and checked against its target's
 * profile, then the sheets and the page are written.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "preview_internal.h"
#include "art_internal.h"
#include "stk/convert.h"

/* Fitted frames one sticker may hold for the animated sheet. */
#define MAX_CELL_BYTES (256u << 20)

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

void stk_preview_sticker_init(stk_preview_sticker *s)
{
	memset(s, 0, sizeof *s);
	s->quality = s->ssim = -1;
	s->encodes = -1;
}

void stk_preview_options_init(stk_preview_options *opt)
{
	memset(opt, 0, sizeof *opt);
	stk_decode_options_init(&opt->decode);
}

stk_status stk_preview_new(const char *name, const char *publisher, stk_preview **out,
                           stk_error *err)
{
	stk_preview *pv = calloc(1, sizeof *pv);
	if (!pv || (name && !(pv->name = strdup(name))) ||
	    (publisher && !(pv->publisher = strdup(publisher)))) {
		stk_preview_free(pv);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	*out = pv;
	return STK_OK;
}

static void free_frames(stk__pv_sticker *s)
{
	for (uint32_t i = 0; i < s->nframes; i++)
		free(s->cells[i]);
	free(s->cells);
	free(s->ms);
	s->cells = NULL;
	s->ms = NULL;
	s->nframes = 0;
}

static void free_sticker(stk__pv_sticker *s)
{
	free(s->file);
	free(s->emojis);
	free(s->href);
	free_frames(s);
	for (size_t i = 0; i < s->nfindings; i++)
		free(s->findings[i]);
	free(s->findings);
}

void stk_preview_free(stk_preview *pv)
{
	if (!pv)
		return;
	for (size_t i = 0; i < pv->n; i++) {
		stk__pv_target *t = &pv->t[i];
		for (size_t j = 0; j < t->n; j++)
			free_sticker(&t->st[j]);
		free(t->st);
		free(t->icon);
		free(t->icon_href);
		free(t->icon_rgba);
	}
	free(pv->t);
	free(pv->name);
	free(pv->publisher);
	free(pv);
}

stk_status stk_preview_add_target(stk_preview *pv, const stk_profile *p, const char *icon,
                                  stk_error *err)
{
	if (!pv || !p)
		return stk__fail(err, STK_ERR_INVALID_ARG, "preview: no profile for the target");
	for (size_t i = 0; i < pv->n; i++)
		if (strcmp(stk_profile_id(pv->t[i].p), stk_profile_id(p)) == 0)
			return stk__fail(err, STK_ERR_INVALID_ARG, "preview: target %s given twice",
			                 stk_profile_id(p));
	STK_GROW(pv->t, pv->cap, pv->n + 1, 4, err);
	stk__pv_target *t = &pv->t[pv->n];
	memset(t, 0, sizeof *t);
	t->p = p;
	if (icon && !(t->icon = strdup(icon)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_preview_store_look(stk_profile_id(p), t->light, t->dark, &t->px, &t->look_source);
	stk_convert_options co;
	stk_error ignored;
	stk_convert_options_init(&co);
	if (stk_convert_options_profile(&co, p, &ignored) == STK_OK) {
		t->budget_still = co.max_bytes;
		t->budget_anim = co.max_bytes_anim ? co.max_bytes_anim : co.max_bytes;
	}
	pv->n++;
	return STK_OK;
}

stk_status stk_preview_add_sticker(stk_preview *pv, const stk_preview_sticker *s,
                                   stk_error *err)
{
	if (!pv || !pv->n || !s || !s->file)
		return stk__fail(err, STK_ERR_INVALID_ARG, "preview: a sticker needs a target "
		                 "and a file");
	stk__pv_target *t = &pv->t[pv->n - 1];
	STK_GROW(t->st, t->cap, t->n + 1, 16, err);
	stk__pv_sticker *d = &t->st[t->n];
	memset(d, 0, sizeof *d);
	d->file = strdup(s->file);
	d->emojis = dup_or_null(s->emojis);
	if (!d->file || (s->emojis && !d->emojis)) {
		free_sticker(d);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	d->budget = s->budget;
	d->quality = s->quality;
	d->ssim = s->ssim;
	d->encodes = s->encodes;
	d->cached = s->cached;
	d->lossless = s->lossless;
	t->n++;
	return STK_OK;
}

/* ---- reading one sticker ---- */

struct fit_ctx {
	const stk__sheet *sheet;
	stk__pv_sticker *s;
	stk_frame_fitter *fitter;
	size_t cap;
	uint64_t bytes;
};

static stk_status take_frame(void *user, const stk_image *header, uint32_t index,
                             const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	(void)index;
	struct fit_ctx *c = user;
	stk__pv_sticker *s = c->s;
	size_t cell = (size_t)c->sheet->cell * c->sheet->cell * 4;
	if (!c->fitter) {
		s->width = stk_image_width(header);
		s->height = stk_image_height(header);
		STK_TRY(stk__sheet_fitter(c->sheet, s->width, s->height, &c->fitter, err));
	}
	if (c->bytes + cell > MAX_CELL_BYTES)
		return stk__fail(err, STK_ERR_LIMIT, "too many frames to preview (over %u MiB "
		                 "at the sheet's size)", MAX_CELL_BYTES >> 20);
	if (s->nframes == c->cap) { /* two arrays of one capacity */
		size_t cap_cells = c->cap, cap_ms = c->cap;
		STK_GROW(s->cells, cap_cells, s->nframes + 1, 8, err);
		STK_GROW(s->ms, cap_ms, s->nframes + 1, 8, err);
		c->cap = cap_cells;
	}
	uint8_t *px = malloc(cell);
	if (!px)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status st = stk_frame_fitter_run(c->fitter, rgba, px, err);
	if (st != STK_OK) {
		free(px);
		return st;
	}
	s->cells[s->nframes] = px;
	s->ms[s->nframes++] = ms;
	c->bytes += cell;
	return STK_OK;
}

/* The 64-bit FNV-1a hash, folded over everything the preview shows. */
static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static stk_status add_finding(stk__pv_sticker *s, stk_severity sev, const char *rule,
                              const char *msg, stk_error *err)
{
	size_t cap = s->nfindings; /* no capacity kept: a sticker has few */
	STK_GROW(s->findings, cap, s->nfindings + 1, 1, err);
	char **f = s->findings;
	size_t len = strlen(rule) + strlen(msg) + 16;
	if (!(f[s->nfindings] = malloc(len)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	snprintf(f[s->nfindings++], len, "%s %s: %s", stk_severity_name(sev), rule, msg);
	if (sev == STK_SEVERITY_ERROR)
		s->errors++;
	else
		s->warnings++;
	return STK_OK;
}

static stk_status check(const stk__pv_target *t, stk__pv_sticker *s,
                        const stk_decode_options *dopt, stk_error *err)
{
	stk_report *r = NULL;
	stk_validate_options vo;
	stk_validate_options_init(&vo);
	vo.decode = *dopt;
	STK_TRY(stk_report_new(stk_profile_id(t->p), &r, err));
	stk_status st = stk_validate_path(t->p, s->file, &vo, r, err);
	for (size_t i = 0; st == STK_OK && i < stk_report_count(r); i++) {
		const stk_finding *f = stk_report_get(r, i);
		if (s->readable || strcmp(f->rule, STK_RULE_UNREADABLE) != 0)
			st = add_finding(s, f->severity, f->rule, f->message, err);
	}
	stk_report_free(r);
	return st;
}

/* Reads a sticker's bytes (for its size and the stamp) and fits its
 * frames; a file that does not decode becomes a finding, not an error. */
static stk_status read_sticker(const stk__sheet *sheet, const stk__pv_target *t,
                               stk__pv_sticker *s, const stk_decode_options *dopt,
                               uint64_t *hash, stk_error *err)
{
	struct fit_ctx c = { sheet, s, NULL, 0, 0 };
	stk_image *header = NULL;
	stk_error why;
	stk_status st;
	struct stat sb;
	free_frames(s);
	if (stat(s->file, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		st = stk_image_load_frames(s->file, dopt, take_frame, &c, &header, &why);
		s->bytes = 0;
	} else {
		stk_buf buf = { 0 };
		st = stk_read_file(s->file, dopt->max_input_bytes, &buf, &why);
		if (st == STK_OK) {
			s->bytes = buf.len;
			*hash = fnv(*hash, buf.data, buf.len);
			st = stk_image_decode_frames(buf.data, buf.len, dopt, take_frame, &c,
			                             &header, &why);
		}
		stk_buf_release(&buf);
	}
	stk_frame_fitter_free(c.fitter);
	*hash = fnv(*hash, (const uint8_t *)s->file, strlen(s->file) + 1);
	if (st == STK_ERR_NOMEM) {
		stk_image_free(header);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	s->readable = st == STK_OK && s->nframes > 0;
	if (s->readable) {
		s->format = stk_format_name(stk_image_source(header)->format);
		s->plays = stk_image_plays(header);
	} else {
		free_frames(s);
		STK_TRY(add_finding(s, STK_SEVERITY_ERROR, STK_RULE_UNREADABLE,
		                    st == STK_OK ? "no frames" : why.msg, err));
	}
	stk_image_free(header);
	if (!s->budget)
		s->budget = s->nframes > 1 ? t->budget_anim : t->budget_still;
	return check(t, s, dopt, err);
}

static stk_status read_icon(stk__pv_target *t, const stk_decode_options *dopt,
                            uint64_t *hash, stk_error *err)
{
	stk_image *img = NULL;
	stk_buf buf = { 0 };
	stk_error why;
	free(t->icon_rgba);
	t->icon_rgba = NULL;
	t->icon_w = t->icon_h = 0;
	if (!t->icon)
		return STK_OK;
	if (stk_read_file(t->icon, dopt->max_input_bytes, &buf, &why) == STK_OK) {
		*hash = fnv(*hash, buf.data, buf.len);
		if (stk_image_decode(buf.data, buf.len, dopt, &img, &why) != STK_OK)
			img = NULL;
	}
	stk_buf_release(&buf);
	/* an icon too big for the sheet is left out of it (the page shows it) */
	if (img && stk_image_width(img) <= 1024 && stk_image_height(img) <= 1024) {
		size_t n = (size_t)stk_image_width(img) * stk_image_height(img) * 4;
		if (!(t->icon_rgba = malloc(n))) {
			stk_image_free(img);
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		}
		memcpy(t->icon_rgba, stk_image_frame_rgba_const(img, 0), n);
		t->icon_w = stk_image_width(img);
		t->icon_h = stk_image_height(img);
	}
	stk_image_free(img);
	return STK_OK;
}

/* ---- paths ---- */

char *stk__pv_join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *p = malloc(len);
	if (p)
		snprintf(p, len, "%s/%s", dir, name);
	return p;
}

/* `file` as a link from the folder `from` (both made absolute): "../a/b.webp". */
static char *relative(const char *from, const char *file)
{
	char a[PATH_MAX], b[PATH_MAX];
	if (!realpath(from, a) || !realpath(file, b))
		return strdup(file);
	size_t i = 0, last = 0, ups = 0;
	if (strcmp(a, "/") != 0) {
		while (a[i] && a[i] == b[i]) {
			if (a[i] == '/')
				last = i;
			i++;
		}
		if (!a[i] && b[i] == '/')
			last = i;   /* file is inside from */
		if (a[last])
			for (const char *q = a + last; *q; q++)
				ups += *q == '/';
	}
	const char *rest = b + last + 1;
	size_t len = ups * 3 + strlen(rest) + 1;
	char *out = malloc(len);
	if (!out)
		return NULL;
	out[0] = 0;
	for (size_t k = 0; k < ups; k++)
		strcat(out, "../");
	strcat(out, rest);
	return out;
}

static stk_status make_dir(const char *dir, stk_error *err)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return stk__fail(err, STK_ERR_WRITE, "%s: path too long", dir);
	for (char *q = path + 1; ; q++) {
		if (*q != '/' && *q)
			continue;
		char c = *q;
		*q = 0;
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			stk__fail_errno(err, STK_ERR_WRITE, errno, "cannot create the folder");
			stk__error_set_file(err, path);
			return STK_ERR_WRITE;
		}
		*q = c;
		if (!c)
			break;
	}
	return STK_OK;
}

/* ---- writing ---- */

static stk_status write_target(stk__pv_target *t, const char *outdir,
                               const stk_preview_options *opt, uint64_t *hash,
                               stk_error *err)
{
	STK_TRY(read_icon(t, &opt->decode, hash, err));
	if (t->icon) {
		free(t->icon_href);
		if (!(t->icon_href = relative(outdir, t->icon)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	stk__sheet sheet;
	STK_TRY(stk__sheet_plan(&sheet, (uint32_t)t->n, t->px, t->icon_w, t->icon_h,
	                        t->light, t->dark, err));
	for (size_t i = 0; i < t->n; i++) {
		stk__pv_sticker *s = &t->st[i];
		STK_TRY(read_sticker(&sheet, t, s, &opt->decode, hash, err));
		if (opt->progress) {
			stk_progress pr = { .stage = "drawing", .done = i + 1, .total = t->n,
			                    .unit = "stickers", .target = stk_profile_id(t->p),
			                    .file = s->file };
			opt->progress(&pr, opt->progress_user);
		}
		free(s->href);
		if (!(s->href = relative(outdir, s->file)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	return stk__pv_write_sheets(t, outdir, !opt->no_animated_sheet, err);
}

/* Whether `path` is a file the preview reads: a sticker or an icon. */
static bool is_input(const stk_preview *pv, const char *path)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (stk_same_file(path, pv->t[i].icon))
			return true;
		for (size_t j = 0; j < pv->t[i].n; j++)
			if (stk_same_file(path, pv->t[i].st[j].file))
				return true;
	}
	return false;
}

/* Fails when outdir/name is a file the preview reads. */
static stk_status refuse_input(const stk_preview *pv, const char *outdir, const char *name,
                               stk_error *err)
{
	char *path = stk__pv_join(outdir, name);
	if (!path)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = STK_OK;
	if (is_input(pv, path))
		s = stk__fail(err, STK_ERR_INVALID_ARG, "'%s' is an input of the preview: refusing "
		              "to write over it (choose another folder)", path);
	free(path);
	return s;
}

/* Before anything is written: none of the preview's own files may
 * replace a sticker or icon it shows. */
static stk_status refuse_inputs(const stk_preview *pv, const char *outdir, stk_error *err)
{
	STK_TRY(refuse_input(pv, outdir, "index.html", err));
	STK_TRY(refuse_input(pv, outdir, "stamp.js", err));
	for (size_t i = 0; i < pv->n; i++)
		for (int k = 0; k < 2; k++) {
			char name[256];
			snprintf(name, sizeof name, "sheet-%s.%s", stk_profile_id(pv->t[i].p),
			         k ? "webp" : "png");
			STK_TRY(refuse_input(pv, outdir, name, err));
		}
	return STK_OK;
}

stk_status stk_preview_write(stk_preview *pv, const char *outdir,
                             const stk_preview_options *opt, char stamp_out[17],
                             stk_error *err)
{
	stk_preview_options defaults;
	if (!opt) {
		stk_preview_options_init(&defaults);
		opt = &defaults;
	}
	if (!pv || !outdir)
		return stk__fail(err, STK_ERR_INVALID_ARG, "preview: no preview or folder");
	STK_TRY(refuse_inputs(pv, outdir, err));
	STK_TRY(make_dir(outdir, err));
	uint64_t hash = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < pv->n; i++)
		STK_TRY(write_target(&pv->t[i], outdir, opt, &hash, err));
	char stamp[17];
	snprintf(stamp, sizeof stamp, "%016llx", (unsigned long long)hash);
	STK_TRY(stk__pv_write_html(pv, outdir, opt->stamp ? opt->stamp : stamp, opt->live, err));
	if (stamp_out)
		snprintf(stamp_out, 17, "%s", opt->stamp ? opt->stamp : stamp);
	return STK_OK;
}
