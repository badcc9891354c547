/*
 * build_jobs.c - one job of a build: a sticker or a store image for one
 * pack of one target.  Its cache key is the hash of everything that makes
 * its bytes; a sound cache entry is copied out and nothing is encoded.
 * Otherwise the source is decoded (once per build, shared by every job
 * that uses it, freed after the last) and converted with the store's
 * profile and the manifest's art options, and the result is cached and
 * written, each through a temporary file and a rename.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "convert_internal.h"
#include "project_internal.h"

const char *stk__format_ext(stk_format f)
{
	return f == STK_FORMAT_APNG ? "png" : stk_format_name(f);
}

/* "sticker 3 (whatsapp): message", the file being the source. */
static stk_status sticker_error(stk_build_result *b, size_t si, const char *target,
                                stk_error *err)
{
	if (!err)
		return STK_ERR_INTERNAL;
	char msg[sizeof err->msg + 64], where[48] = "";
	if (target)
		snprintf(where, sizeof where, " (%s)", target);
	if (si < b->m->n_stickers)
		snprintf(msg, sizeof msg, "sticker %zu%s: %s", si + 1, where, err->msg);
	else
		snprintf(msg, sizeof msg, "%s%s", err->msg, where);
	size_t n = strlen(msg) < sizeof err->msg ? strlen(msg) : sizeof err->msg - 1;
	memcpy(err->msg, msg, n);
	err->msg[n] = '\0';
	snprintf(err->file, sizeof err->file, "%s", b->sources[si].path);
	return err->code;
}

static stk_status count_frame(void *user, const stk_image *header, uint32_t index,
                              const uint8_t *rgba, uint32_t duration_ms, stk_error *err)
{
	(*(uint32_t *)user)++;
	return STK_OK;
}

static stk_decode_options decode_for(const stk_build_result *b, size_t si)
{
	stk_decode_options d = b->opt.decode;
	if (si < b->m->n_stickers && b->m->stickers[si].fps > 0)
		d.folder_fps = b->m->stickers[si].fps;
	return d;
}

stk_status stk__source_probe(stk_build_result *b, stk__source *src, stk_error *err)
{
	size_t si = (size_t)(src - b->sources);
	stk__hash h;
	stk__hash_init(&h);
	if (stk__source_hash(src->path, b->opt.decode.max_input_bytes, &h, err) != STK_OK)
		return sticker_error(b, si, NULL, err);
	stk__hash_hex(&h, src->hash);
	char key[64];
	snprintf(key, sizeof key, "probe-%s", src->hash);
	stk_buf none = { 0 };
	stk__cache_meta meta;
	if (!b->opt.no_cache && stk__cache_get(b->cache_dir, key, &none, &meta)) {
		stk_buf_release(&none);
		src->frames = meta.frames;
		src->probed = true;
		return STK_OK;
	}
	stk_decode_options d = decode_for(b, si);
	uint32_t frames = 0;
	stk_image *header = NULL;
	if (stk_image_load_frames(src->path, &d, count_frame, &frames, &header, err) != STK_OK)
		return sticker_error(b, si, NULL, err);
	stk_image_free(header);
	src->frames = frames;
	src->probed = true;
	if (si < b->m->n_stickers && b->m->stickers[si].animated == 1 && frames < 2) {
		stk__fail(err, STK_ERR_INVALID_ARG, "\"animated\" is true but the art has one frame");
		return sticker_error(b, si, NULL, err);
	}
	memset(&meta, 0, sizeof meta);
	meta.frames = frames;
	return b->opt.no_cache ? STK_OK : stk__cache_put(b->cache_dir, key, (const uint8_t *)"", 0,
	                                                 &meta, err);
}

static void hash_art(stk__hash *h, const stk__art *a)
{
	if (!a) {
		stk__hash_str(h, NULL);
		return;
	}
	for (size_t i = 0; i < a->n; i++) {
		stk__hash_str(h, a->name[i]);
		stk__hash_str(h, a->value[i]);
	}
	stk__hash_update(h, &a->trim, sizeof a->trim);
	stk__hash_update(h, &a->quality, sizeof a->quality);
	stk__hash_str(h, a->duration_policy);
}

static void job_key(const stk_build_result *b, const stk__job *j, char out[33])
{
	const stk_manifest *m = b->m;
	const stk__target *t = &b->targets[j->target];
	const stk__pack_plan *pk = &t->packs[j->pack];
	stk__hash h;
	stk__hash_init(&h);
	stk__hash_str(&h, stk_version());
	stk__hash_str(&h, t->id);
	stk__hash_str(&h, t->rules_hash);
	stk__hash_str(&h, j->role);
	stk__hash_str(&h, b->sources[j->source].hash);
	stk__hash_update(&h, &j->first_frame, sizeof j->first_frame);
	stk__hash_update(&h, &j->width, sizeof j->width);
	stk__hash_update(&h, &j->height, sizeof j->height);
	stk__hash_update(&h, &j->max_bytes, sizeof j->max_bytes);
	stk_decode_options d = decode_for(b, j->source);
	stk__hash_update(&h, &d.max_pixels, sizeof d.max_pixels);
	stk__hash_update(&h, &d.max_frames, sizeof d.max_frames);
	stk__hash_update(&h, &d.max_total_bytes, sizeof d.max_total_bytes);
	stk__hash_update(&h, &d.folder_fps, sizeof d.folder_fps);
	hash_art(&h, &m->art);
	hash_art(&h, stk__manifest_override(m, t->id));
	if (j->sticker != SIZE_MAX) {
		const stk__sticker *st = &m->stickers[j->sticker];
		hash_art(&h, &st->art);
		stk__hash_update(&h, &st->fps, sizeof st->fps);
		/* What goes into WhatsApp's EXIF. */
		stk__hash_str(&h, pk->id);
		stk__hash_str(&h, pk->name);
		stk__hash_str(&h, m->publisher);
		stk__hash_str(&h, st->accessibility_text);
		for (size_t e = 0; e < j->n_emojis; e++)
			stk__hash_str(&h, j->emojis[e]);
	}
	stk__hash_hex(&h, out);
}

static stk_status sticker_options(stk_build_result *b, const stk__job *j,
                                  stk_convert_options *o, stk_wa_metadata *wa,
                                  stk_error *err)
{
	const stk_manifest *m = b->m;
	const stk__target *t = &b->targets[j->target];
	const stk__sticker *st = &m->stickers[j->sticker];
	stk_convert_options_init(o);
	STK_TRY(stk_convert_options_profile(o, t->p, err));
	o->fit = true;
	/* A pack goes to stores with different length limits: by default an
	 * animation too long for one is played faster there (the timing note
	 * says so), not refused; "duration_policy" in the manifest overrides. */
	o->duration_policy = STK_DURATION_SPEEDUP;
	o->resize.trim = true;
	o->resize.margin = t->rules.margin;
	STK_TRY(stk__art_apply(&m->art, &o->resize, o, err));
	STK_TRY(stk__art_apply(stk__manifest_override(m, t->id), &o->resize, o, err));
	STK_TRY(stk__art_apply(&st->art, &o->resize, o, err));
	if (st->fps > 0)
		o->max_fps = st->fps;
	if (strcmp(t->id, "whatsapp") == 0) {
		const stk__pack_plan *pk = &t->packs[j->pack];
		memset(wa, 0, sizeof *wa);
		wa->pack_id = pk->id;
		wa->pack_name = pk->name;
		wa->publisher = m->publisher ? m->publisher : "";
		wa->emojis = j->emojis;
		wa->n_emojis = j->n_emojis;
		wa->accessibility_text = st->accessibility_text;
		o->whatsapp = wa;
	} else {
		o->strip_metadata = true;
	}
	return STK_OK;
}

static stk_status image_options(stk_build_result *b, const stk__job *j,
                                stk_convert_options *o, stk_error *err)
{
	const stk__target *t = &b->targets[j->target];
	stk_convert_options_init(o);
	o->format = STK_FORMAT_PNG;
	o->fit = true;
	STK_TRY(stk__art_apply(&b->m->art, &o->resize, o, err));
	STK_TRY(stk__art_apply(stk__manifest_override(b->m, t->id), &o->resize, o, err));
	o->resize.mode = STK_SIZE_CANVAS;
	o->resize.width = j->width;
	o->resize.height = j->height;
	o->resize.fit = STK_FIT_CONTAIN;
	o->resize.trim = true;
	o->resize.margin = 0;
	o->max_bytes = o->max_bytes_anim = j->max_bytes;
	o->strip_metadata = true;
	return STK_OK;
}

/* The source's pixels, decoded by the first job that needs them. */
static stk_status source_image(stk_build_result *b, stk__source *src, stk_image **out,
                               stk_error *err)
{
	pthread_mutex_lock(&src->lock);
	stk_status s = STK_OK;
	if (!src->img) {
		stk_decode_options d = decode_for(b, (size_t)(src - b->sources));
		s = stk_image_load(src->path, &d, &src->img, err);
	}
	*out = src->img;
	pthread_mutex_unlock(&src->lock);
	return s;
}

static void source_done(stk__source *src)
{
	pthread_mutex_lock(&src->lock);
	if (src->users && --src->users == 0) {
		stk_image_free(src->img);
		src->img = NULL;
	}
	pthread_mutex_unlock(&src->lock);
}

/* A one-frame copy of the first frame. */
static stk_status first_frame(const stk_image *img, stk_image **out, stk_error *err)
{
	STK_TRY(stk_image_new(stk_image_width(img), stk_image_height(img), out, err));
	stk_status s = stk_image_add_frame(*out, stk_image_frame_rgba_const(img, 0), 0, 0, err);
	if (s == STK_OK)
		stk_image_set_source(*out, stk_image_source(img));
	if (s != STK_OK) {
		stk_image_free(*out);
		*out = NULL;
	}
	return s;
}

static stk_status job_options(stk_build_result *b, const stk__job *j, stk_convert_options *o,
                              stk_wa_metadata *wa, stk_error *err)
{
	return j->sticker != SIZE_MAX ? sticker_options(b, j, o, wa, err)
	                              : image_options(b, j, o, err);
}

/* The unit's shared state: the still made from an animated source and
 * the fit, made by the first job that encodes. */
struct unit {
	stk_image *still;
	stk__fit *fit;
};

static stk_status encode(stk_build_result *b, stk__job *j, struct unit *u, stk_buf *out,
                         stk__cache_meta *meta, stk_error *err)
{
	stk_convert_options o;
	stk_wa_metadata wa;
	STK_TRY(job_options(b, j, &o, &wa, err));
	stk_image *img = NULL;
	STK_TRY(source_image(b, &b->sources[j->source], &img, err));
	if (j->first_frame && stk_image_frame_count(img) > 1 && !u->still)
		STK_TRY(first_frame(img, &u->still, err));
	const stk_image *in = j->first_frame && u->still ? u->still : img;
	if (!u->fit)
		STK_TRY(stk__convert_fit(in, &o, &u->fit, err));
	stk_convert_report rep;
	STK_TRY(stk__convert_fitted(u->fit, in, &o, out, &rep, err));
	memset(meta, 0, sizeof *meta);
	snprintf(meta->format, sizeof meta->format, "%s", stk_format_name(rep.format));
	meta->quality = rep.quality;
	meta->lossless = rep.lossless;
	meta->fps = rep.fps;
	meta->ssim = rep.ssim;
	meta->frames = rep.frames;
	meta->encodes = rep.encodes + rep.calibration_encodes;
	meta->budget = rep.budget;
	return STK_OK;
}

/* Writes data to the output unless it holds exactly these bytes already;
 * never over a file the manifest builds from (an output folder that
 * overlaps the art). */
static stk_status put_output(const stk_manifest *m, const char *path, const stk_buf *data,
                             stk_error *err)
{
	if (stk_manifest_uses_file(m, path))
		return stk__fail(err, STK_ERR_INVALID_ARG, "'%s' is a source of the pack: refusing "
		                 "to write over it (choose another output folder)", path);
	stk_buf old = { 0 };
	if (stk_read_file(path, data->len + 1, &old, NULL) == STK_OK && old.len == data->len &&
	    memcmp(old.data, data->data, data->len) == 0) {
		stk_buf_release(&old);
		return STK_OK;
	}
	stk_buf_release(&old);
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		STK_TRY(stk__mkdirs(dir, err));
	}
	return stk_write_file_atomic(path, data->data, data->len, err);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static stk_status run_job(stk_build_result *b, size_t index, struct unit *u, stk_error *err)
{
	stk__job *j = &b->jobs[index];
	double t0 = now_ms();
	char key[33];
	job_key(b, j, key);
	stk_buf out = { 0 };
	stk__cache_meta meta;
	bool cached = !b->opt.no_cache && stk__cache_get(b->cache_dir, key, &out, &meta);
	stk_status s = STK_OK;
	bool shared = u->fit != NULL;
	if (!cached) {
		s = encode(b, j, u, &out, &meta, err);
		if (s == STK_OK && !b->opt.no_cache)
			s = stk__cache_put(b->cache_dir, key, out.data, out.len, &meta, err);
	}
	source_done(&b->sources[j->source]);
	char *path = s == STK_OK ? stk__path_join(b->outdir, j->output) : NULL;
	if (s == STK_OK && !path)
		s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK)
		s = put_output(b->m, path, &out, err);
	free(path);
	if (s != STK_OK) {
		stk_buf_release(&out);
		return sticker_error(b, j->source, b->targets[j->target].id, err);
	}
	const stk__target *t = &b->targets[j->target];
	stk_build_row *r = &j->row;
	r->target = t->id;
	r->pack = t->packs[j->pack].id;
	r->role = j->role;
	r->file = b->sources[j->source].file;
	r->output = j->output;
	/* the cached metadata names the format: map it back to the static name */
	r->format = stk_format_name(STK_FORMAT_UNKNOWN);
	for (int f = STK_FORMAT_PNG; f <= STK_FORMAT_MOV; f++)
		if (strcmp(stk_format_name((stk_format)f), meta.format) == 0)
			r->format = stk_format_name((stk_format)f);
	r->animated = meta.frames > 1;
	r->bytes = out.len;
	r->budget = meta.budget;
	r->quality = meta.quality;
	r->lossless = meta.lossless;
	r->fps = meta.fps;
	r->encodes = cached ? 0 : meta.encodes;
	r->ssim = meta.ssim;
	r->cached = cached;
	r->ms = now_ms() - t0;
	stk_buf_release(&out);

	pthread_mutex_lock(&b->lock);
	b->done++;
	b->encoded += !cached;
	b->fits_shared += !cached && shared;
	if (b->opt.progress) {
		stk_progress pr = { .stage = "building", .done = b->done, .total = b->n_jobs,
		                    .unit = "outputs", .target = t->id, .file = r->file,
		                    .output = r->output, .cached = cached };
		b->opt.progress(&pr, b->opt.progress_user);
	}
	pthread_mutex_unlock(&b->lock);
	return STK_OK;
}

/* Whether job k may use job l's fit: one source, one kind of input, and
 * options that fit alike. */
static stk_status fits_alike(stk_build_result *b, size_t k, size_t l, bool *alike,
                             stk_error *err)
{
	const stk__job *x = &b->jobs[k], *y = &b->jobs[l];
	*alike = false;
	if (x->source != y->source || x->first_frame != y->first_frame)
		return STK_OK;
	stk_convert_options ox, oy;
	stk_wa_metadata wx, wy;
	STK_TRY(job_options(b, x, &ox, &wx, err));
	STK_TRY(job_options(b, y, &oy, &wy, err));
	*alike = stk__convert_same_fit(&ox, &oy);
	return STK_OK;
}

stk_status stk__group_jobs(stk_build_result *b, stk_error *err)
{
	free(b->units);
	b->units = NULL;
	b->n_units = 0;
	if (!b->n_jobs)
		return STK_OK;
	if (!(b->units = malloc(b->n_jobs * sizeof *b->units)))
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	/* jobs are sorted by source: a group's jobs are in one run */
	size_t run = 0;
	for (size_t k = 0; k < b->n_jobs; k++) {
		if (b->jobs[k].source != b->jobs[run].source)
			run = k;
		b->jobs[k].leader = k;
		for (size_t l = run; l < k; l++) {
			bool alike;
			if (b->jobs[l].leader != l)
				continue;
			STK_TRY(fits_alike(b, k, l, &alike, err));
			if (alike) {
				b->jobs[k].leader = l;
				break;
			}
		}
		if (b->jobs[k].leader == k)
			b->units[b->n_units++] = k;
	}
	return STK_OK;
}

stk_status stk__run_unit(void *user, size_t unit, stk_error *err)
{
	stk_build_result *b = user;
	size_t lead = b->units[unit];
	struct unit u = { NULL, NULL };
	stk_status s = STK_OK;
	for (size_t k = lead; s == STK_OK && k < b->n_jobs &&
	     b->jobs[k].source == b->jobs[lead].source; k++)
		if (b->jobs[k].leader == lead)
			s = run_job(b, k, &u, err);
	stk__fit_free(u.fit);
	stk_image_free(u.still);
	return s;
}
