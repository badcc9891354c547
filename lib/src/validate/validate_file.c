/*
 * validate_file.c - checks on one file's facts: format, canvas, bytes,
 * frames and timing, container facts, and the art-director checks on the
 * pixels.  Each check either passes or emits one finding (per-feature
 * checks may emit several).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "validate_internal.h"

struct fc {
	const stk__ctx *c;
	const stk__rule *r;
	const stk__subject *s;
	stk_error *err;
};

static stk_status emit(const struct fc *f, int frame, const char *value, const char *limit)
{
	return stk__emit(f->c, f->r, f->s->file, frame, value, limit, f->err);
}

static stk_status emit_u(const struct fc *f, int frame, uint64_t value)
{
	char v[32];
	snprintf(v, sizeof v, "%llu", (unsigned long long)value);
	return emit(f, frame, v, NULL);
}

static bool in_strs(const stk__rule *r, const char *s, bool nocase)
{
	for (size_t i = 0; i < r->n; i++)
		if (nocase ? strcasecmp(r->strs[i], s) == 0 : strcmp(r->strs[i], s) == 0)
			return true;
	return false;
}

static bool in_nums(const stk__rule *r, double v, double tolerance)
{
	for (size_t i = 0; i < r->n; i++)
		if (fabs(r->nums[i] - v) <= tolerance)
			return true;
	return false;
}

/* ---- format and canvas ---- */

static stk_status ck_extension(const struct fc *f)
{
	const char *dot = strrchr(f->s->name, '.');
	if (strcmp(f->s->file, "-") == 0)
		return STK_OK; /* standard input has no name to judge */
	for (size_t i = 0; i < f->r->n; i++) {
		size_t n = strlen(f->s->name), m = strlen(f->r->strs[i]);
		if (n >= m && strcasecmp(f->s->name + n - m, f->r->strs[i]) == 0)
			return STK_OK;
	}
	return emit(f, -1, dot ? dot : "(none)", NULL);
}

/* Names are judged where they matter, in a pack: a loose file is named
 * when it is packed. */
static stk_status ck_file_names(const struct fc *f)
{
	if (!f->s->in_pack)
		return STK_OK;
	for (size_t i = 0; i < f->r->n; i++)
		if (stk__name_matches(f->r->strs[i], f->s->name))
			return STK_OK;
	return emit(f, -1, f->s->name, NULL);
}

static stk_status ck_size(const struct fc *f)
{
	const stk__subject *s = f->s;
	char v[48];
	snprintf(v, sizeof v, "%ux%u", s->width, s->height);
	uint32_t lo = s->width < s->height ? s->width : s->height;
	uint32_t hi = s->width < s->height ? s->height : s->width;
	uint32_t n = (uint32_t)f->r->num;
	bool bad = false;
	switch (f->r->ck->check) {
	case STK_CK_SIZES: bad = !in_strs(f->r, v, true); break;
	case STK_CK_ONE_SIDE: bad = hi != n || lo > n; break;
	case STK_CK_MIN_LONG_SIDE: bad = hi < n; break;
	case STK_CK_SQUARE:
		bad = (s->width == s->height) != (bool)f->r->num;
		return bad ? emit(f, -1, v, f->r->num ? "square" : "not square") : STK_OK;
	case STK_CK_EVEN_SIDES:
		bad = (s->width % 2 == 0 && s->height % 2 == 0) != (bool)f->r->num;
		return bad ? emit(f, -1, v, f->r->num ? "even sides" : "odd sides") : STK_OK;
	default: break;
	}
	return bad ? emit(f, -1, v, NULL) : STK_OK;
}

static stk_status ck_side(const struct fc *f)
{
	bool width = f->r->ck->check == STK_CK_WIDTH || f->r->ck->check == STK_CK_MIN_WIDTH ||
	             f->r->ck->check == STK_CK_MAX_WIDTH;
	uint32_t v = width ? f->s->width : f->s->height;
	double n = f->r->num;
	bool bad;
	switch (f->r->ck->check) {
	case STK_CK_WIDTH: case STK_CK_HEIGHT: bad = v != n; break;
	case STK_CK_MIN_WIDTH: case STK_CK_MIN_HEIGHT: bad = v < n; break;
	default: bad = v > n; break;
	}
	return bad ? emit_u(f, -1, v) : STK_OK;
}

/* ---- timing ---- */

/* The first frame whose duration is out of bounds. */
static stk_status ck_frame_duration(const struct fc *f)
{
	const stk_image *img = f->s->img;
	if (!img || !f->s->animated)
		return STK_OK;
	bool min = f->r->ck->check == STK_CK_MIN_FRAME_DURATION;
	uint32_t n = stk__image_frames_known(img);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t d = stk__image_known_ms(img, i);
		if (min ? d < f->r->num : d > f->r->num)
			return emit_u(f, (int)i, d);
	}
	return STK_OK;
}

static stk_status ck_duration(const struct fc *f)
{
	const stk__subject *s = f->s;
	if (!s->animated)
		return STK_OK;
	uint64_t d = s->duration_ms;
	bool bad;
	switch (f->r->ck->check) {
	case STK_CK_MIN_DURATION: bad = d < f->r->num; break;
	case STK_CK_MAX_DURATION: bad = d > f->r->num; break;
	default: bad = !in_nums(f->r, (double)d, 0.5); break;
	}
	return bad ? emit_u(f, -1, d) : STK_OK;
}

static stk_status ck_frames(const struct fc *f)
{
	const stk__subject *s = f->s;
	if (s->frames == 0)
		return STK_OK; /* unknown (a WEBM without a frame rate) */
	bool bad = f->r->ck->check == STK_CK_MIN_FRAMES ? s->frames < f->r->num
	                                                 : s->frames > f->r->num;
	return bad ? emit_u(f, -1, s->frames) : STK_OK;
}

static stk_status ck_fps(const struct fc *f)
{
	const stk__subject *s = f->s;
	if (!s->animated || s->fps <= 0)
		return STK_OK;
	bool bad = f->r->ck->check == STK_CK_MAX_FPS ? s->fps > f->r->num + 0.01
	                                              : !in_nums(f->r, s->fps, 0.01);
	char v[32];
	snprintf(v, sizeof v, "%.4g", s->fps);
	return bad ? emit(f, -1, v, NULL) : STK_OK;
}

static stk_status ck_plays(const struct fc *f)
{
	const stk__subject *s = f->s;
	if (!s->animated || s->tgs || s->webm)
		return STK_OK; /* TGS and WEBM loop in the player */
	char v[32];
	snprintf(v, sizeof v, "%u", s->plays);
	const char *shown = s->plays == 0 ? "forever" : v;
	switch (f->r->ck->check) {
	case STK_CK_LOOP_FOREVER:
		return (s->plays == 0) != (bool)f->r->num
		       ? emit(f, -1, shown, f->r->num ? "forever" : "a fixed number of plays") : STK_OK;
	case STK_CK_MIN_PLAYS:
		return s->plays != 0 && s->plays < f->r->num ? emit(f, -1, shown, NULL) : STK_OK;
	case STK_CK_MAX_PLAYS:
		return s->plays == 0 || s->plays > f->r->num ? emit(f, -1, shown, NULL) : STK_OK;
	default:
		if (s->plays == 0)
			return STK_OK; /* max-plays says whether forever is allowed */
		return (uint64_t)s->plays * s->duration_ms > f->r->num
		       ? emit_u(f, -1, (uint64_t)s->plays * s->duration_ms) : STK_OK;
	}
}

/* ---- kind of content ---- */

static stk_status ck_alpha(const struct fc *f)
{
	const stk__subject *s = f->s;
	bool has;
	if (s->img)
		has = s->px.alpha != STK_ALPHA_NONE;
	else if (s->webm)
		has = s->webm->has_alpha;
	else
		return STK_OK; /* TGS is vector art on a transparent canvas */
	return has != (bool)f->r->num
	       ? emit(f, -1, has ? "transparent" : "opaque", has ? "opaque" : "transparent")
	       : STK_OK;
}

static stk_status ck_webm(const struct fc *f)
{
	const stk__webm_info *w = f->s->webm;
	if (!w)
		return STK_OK;
	if (f->r->ck->check == STK_CK_CODECS)
		return in_strs(f->r, w->video_codec, false) ? STK_OK
		       : emit(f, -1, w->video_codec[0] ? w->video_codec : "none", NULL);
	if (w->has_audio == (bool)f->r->num)
		return STK_OK;
	return emit(f, -1, w->has_audio ? "an audio track" : "no audio track",
	            w->has_audio ? "no audio track" : "an audio track");
}

static stk_status ck_tgs_features(const struct fc *f)
{
	const stk__tgs_info *t = f->s->tgs;
	if (!t)
		return STK_OK;
	for (unsigned b = 0; b < STK_TGS_FEATURE_COUNT; b++) {
		const char *name = stk__tgs_feature_name(b);
		if (!(t->features & (1u << b)) || !in_strs(f->r, name, true))
			continue;
		char v[160];
		snprintf(v, sizeof v, "%s (at %s)", name,
		         t->feature_where[b][0] ? t->feature_where[b] : "?");
		STK_TRY(emit(f, -1, v, NULL));
	}
	return STK_OK;
}

/* ---- the art director ---- */

static stk_status ck_first_frame(const struct fc *f)
{
	const stk__pixel_facts *px = &f->s->px;
	if (!f->s->img || !px->have)
		return STK_OK;
	double shown = px->first_visible;
	bool flat = px->first_flat;
	if (shown >= f->r->num && !flat)
		return STK_OK;
	char v[32], lim[32];
	if (flat && shown >= f->r->num)
		snprintf(v, sizeof v, "one flat colour");
	else
		snprintf(v, sizeof v, "%.2f%% visible", shown * 100);
	snprintf(lim, sizeof lim, "%.2f%% visible", f->r->num * 100);
	return emit(f, 0, v, lim);
}

static stk_status ck_margin(const struct fc *f)
{
	const stk__pixel_facts *px = &f->s->px;
	/* Opaque art fills the canvas: transparent-background says so. */
	if (!f->s->img || !px->have || px->alpha == STK_ALPHA_NONE || !px->box)
		return STK_OK;
	uint32_t w = px->w, h = px->h;
	uint32_t m = px->x0;
	m = px->y0 < m ? px->y0 : m;
	m = w - 1 - px->x1 < m ? w - 1 - px->x1 : m;
	m = h - 1 - px->y1 < m ? h - 1 - px->y1 : m;
	return m < f->r->num ? emit_u(f, -1, m) : STK_OK;
}

static stk_status ck_background(const struct fc *f)
{
	const stk__pixel_facts *px = &f->s->px;
	if (!f->s->img || !px->have)
		return STK_OK;
	bool opaque = px->alpha == STK_ALPHA_NONE || px->corners_opaque;
	if (opaque != (bool)f->r->num)
		return STK_OK;
	return emit(f, -1, opaque ? "opaque" : "transparent", opaque ? "transparent" : "opaque");
}

/* Durations that differ only by rounding (41 and 42 ms at 24 fps) are even. */
static stk_status ck_constant(const struct fc *f)
{
	const stk_image *img = f->s->img;
	if (!img || !f->s->animated || !f->r->num)
		return STK_OK;
	uint32_t lo = UINT32_MAX, hi = 0, n = stk__image_frames_known(img);
	int first = -1;
	uint32_t d0 = stk__image_known_ms(img, 0);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t d = stk__image_known_ms(img, i);
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
		if (first < 0 && (d > d0 + 1 || d + 1 < d0))
			first = (int)i;
	}
	if (hi - lo <= 1)
		return STK_OK;
	char v[48];
	snprintf(v, sizeof v, "%u..%u ms", lo, hi);
	return emit(f, first, v, "one duration");
}

/* The first frame whose duration is not a whole number of steps of
 * d_min / parts ms (d_min itself may be 1 ms short: 24 fps is 41 and 42 ms
 * frames; each duration may be 1 ms off), or -1.  0 ms frames are left to
 * min-frame-duration. */
static int first_off_step(const stk_image *img, uint32_t d_min, uint32_t parts)
{
	double lo = (double)d_min / parts, hi = (double)(d_min + 1) / parts;
	for (uint32_t i = 0; i < stk__image_frames_known(img); i++) {
		double d = stk__image_known_ms(img, i);
		double k = floor((d + 1) / lo); /* the most steps that fit */
		if (d > 0 && (k < 1 || k * hi + 1 < d))
			return (int)i;
	}
	return -1;
}

/* One constant rate: every frame lasts the same, or a whole number of one
 * step of at least N ms (a hold is one longer frame, as WebPAnimEncoder
 * writes a constant-rate animation). */
static stk_status ck_frame_step(const struct fc *f)
{
	const stk_image *img = f->s->img;
	uint32_t finest = (uint32_t)f->r->num;
	if (!img || !f->s->animated || finest < 1)
		return STK_OK;
	uint32_t d_min = UINT32_MAX, d_max = 0, n = stk__image_frames_known(img);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t d = stk__image_known_ms(img, i);
		d_min = d && d < d_min ? d : d_min;
		d_max = d > d_max ? d : d_max;
	}
	if (d_max <= d_min + 1)
		return STK_OK; /* one duration (or none but 0 ms frames) */
	int first = d_min >= finest ? first_off_step(img, d_min, 1) : 0;
	for (uint32_t parts = 2; first >= 0 && parts <= 256 && d_min / parts >= finest; parts++)
		if (first_off_step(img, d_min, parts) < 0)
			first = -1;
	if (first < 0)
		return STK_OK;
	char v[64], limit[64];
	snprintf(limit, sizeof limit, "whole steps of %u ms or more", finest);
	if (d_min < finest) { /* too fine a step: the first of the shortest frames */
		while (stk__image_known_ms(img, (uint32_t)first) != d_min)
			first++;
		snprintf(v, sizeof v, "%u ms frames among %u ms ones", d_min, d_max);
	} else {
		snprintf(v, sizeof v, "%u ms, with %u ms frames",
		         stk__image_known_ms(img, (uint32_t)first), d_min);
	}
	return emit(f, first, v, limit);
}

static stk_status ck_keyframes(const struct fc *f)
{
	const stk_image *img = f->s->img;
	if (!img || !f->s->animated || !f->r->num || stk_image_source(img)->webp_kind == STK_WEBP_NONE)
		return STK_OK;
	for (uint32_t i = 0; i < stk__image_frames_known(img); i++)
		if (!stk__image_known_keyframe(img, i))
			return emit(f, (int)i, "not a keyframe", "every frame a keyframe");
	return STK_OK;
}

/* The profile's bounds on a sticker's emojis (its emojis-min/max rules on
 * the manifest's "emojis"), else WhatsApp's 1 to 3. */
static void emoji_bounds(const stk_profile *p, size_t *lo, size_t *hi)
{
	*lo = 1;
	*hi = 3;
	for (size_t i = 0; i < p->n_rules; i++) {
		const stk__rule *r = &p->rules[i];
		if (!r->pub.field || strcmp(r->pub.field, "emojis") != 0)
			continue;
		if (r->ck->check == STK_CK_MIN_COUNT)
			*lo = (size_t)r->num;
		else if (r->ck->check == STK_CK_MAX_COUNT)
			*hi = (size_t)r->num;
	}
}

/* What WhatsApp reads from a forwarded sticker: a pack id, name and
 * publisher, and the emojis it is listed under. */
static stk_status exif_contents(const struct fc *f, json_t *meta)
{
	static const char *const keys[] = {
		"sticker-pack-id", "sticker-pack-name", "sticker-pack-publisher",
	};
	char v[160], lim[64];
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		json_t *k = json_object_get(meta, keys[i]);
		if (json_is_string(k) && json_string_length(k))
			continue;
		snprintf(v, sizeof v, "no %s", keys[i]);
		STK_TRY(emit(f, -1, v, "a non-empty string"));
	}
	size_t lo, hi, n = 0;
	emoji_bounds(f->c->p, &lo, &hi);
	json_t *e = json_object_get(meta, "emojis");
	if (e && !json_is_array(e))
		return emit(f, -1, "emojis is not an array", "an array of emojis");
	for (size_t i = 0; i < json_array_size(e); i++)
		n += json_is_string(json_array_get(e, i)) &&
		     json_string_length(json_array_get(e, i)) > 0;
	if (n >= lo && n <= hi)
		return STK_OK;
	snprintf(v, sizeof v, "%zu emoji%s", n, n == 1 ? "" : "s");
	snprintf(lim, sizeof lim, "%zu to %zu emojis", lo, hi);
	return emit(f, -1, v, lim);
}

static stk_status ck_exif(const struct fc *f)
{
	const stk_image *img = f->s->img;
	const uint8_t *x;
	size_t len;
	if (!img || stk_image_source(img)->format != STK_FORMAT_WEBP)
		return STK_OK; /* the metadata only travels in WebP */
	bool has = stk_image_metadata(img, STK_META_EXIF, &x, &len);
	if (f->r->ck->check == STK_CK_EXIF)
		return has != (bool)f->r->num
		       ? emit(f, -1, has ? "present" : "missing", has ? "absent" : "present") : STK_OK;
	if (!has || !f->r->num)
		return STK_OK;
	stk_buf json = { 0 };
	stk_error e;
	stk_error_init(&e);
	stk_status s = stk_wa_exif_parse(x, len, &json, &e);
	if (s == STK_ERR_NOMEM)
		return stk__fail(f->err, s, "out of memory");
	if (s != STK_OK)
		return emit(f, -1, e.msg, "TIFF with tag 0x5741 holding a JSON object");
	json_t *meta = json_loadb((const char *)json.data, json.len, 0, NULL);
	stk_buf_release(&json);
	s = meta ? exif_contents(f, meta) : stk__fail(f->err, STK_ERR_NOMEM, "out of memory");
	json_decref(meta);
	return s;
}

/* ---- the checks that need no function of their own ---- */

static stk_status ck_formats(const struct fc *f)
{
	return in_strs(f->r, f->s->format, true) ? STK_OK : emit(f, -1, f->s->format, NULL);
}

static stk_status ck_exists(const struct fc *f)
{
	(void)f;
	return STK_OK; /* it was found; a missing file is told in validate.c */
}

static stk_status ck_bytes(const struct fc *f)
{
	bool bad = f->r->ck->check == STK_CK_MIN_BYTES ? f->s->bytes < f->r->num
	                                               : f->s->bytes > f->r->num;
	return bad ? emit_u(f, -1, f->s->bytes) : STK_OK;
}

static stk_status ck_animated(const struct fc *f)
{
	bool want = f->r->num;
	if (f->s->animated == want)
		return STK_OK;
	return emit(f, -1, f->s->animated ? "animated" : "still", want ? "animated" : "still");
}

/* Every file check, indexed by its kind; the unit test holds it complete. */
typedef stk_status (*file_check)(const struct fc *f);
static const file_check file_checks[STK_CK_COUNT] = {
	[STK_CK_FORMATS] = ck_formats,
	[STK_CK_EXTENSIONS] = ck_extension,
	[STK_CK_FILE_NAMES] = ck_file_names,
	[STK_CK_EXISTS] = ck_exists,
	[STK_CK_WIDTH] = ck_side, [STK_CK_HEIGHT] = ck_side,
	[STK_CK_MIN_WIDTH] = ck_side, [STK_CK_MAX_WIDTH] = ck_side,
	[STK_CK_MIN_HEIGHT] = ck_side, [STK_CK_MAX_HEIGHT] = ck_side,
	[STK_CK_SIZES] = ck_size, [STK_CK_ONE_SIDE] = ck_size, [STK_CK_MIN_LONG_SIDE] = ck_size,
	[STK_CK_SQUARE] = ck_size, [STK_CK_EVEN_SIDES] = ck_size,
	[STK_CK_MIN_BYTES] = ck_bytes, [STK_CK_MAX_BYTES] = ck_bytes,
	[STK_CK_MIN_FRAME_DURATION] = ck_frame_duration,
	[STK_CK_MAX_FRAME_DURATION] = ck_frame_duration,
	[STK_CK_MIN_DURATION] = ck_duration, [STK_CK_MAX_DURATION] = ck_duration,
	[STK_CK_DURATIONS] = ck_duration,
	[STK_CK_MIN_FRAMES] = ck_frames, [STK_CK_MAX_FRAMES] = ck_frames,
	[STK_CK_MAX_FPS] = ck_fps, [STK_CK_FPS] = ck_fps,
	[STK_CK_ANIMATED] = ck_animated,
	[STK_CK_ALPHA] = ck_alpha,
	[STK_CK_LOOP_FOREVER] = ck_plays, [STK_CK_MIN_PLAYS] = ck_plays,
	[STK_CK_MAX_PLAYS] = ck_plays, [STK_CK_MAX_PLAY_TIME] = ck_plays,
	[STK_CK_CODECS] = ck_webm, [STK_CK_AUDIO] = ck_webm,
	[STK_CK_TGS_FEATURES] = ck_tgs_features,
	[STK_CK_FIRST_FRAME_VISIBLE] = ck_first_frame,
	[STK_CK_MIN_MARGIN] = ck_margin,
	[STK_CK_TRANSPARENT_BACKGROUND] = ck_background,
	[STK_CK_CONSTANT_FRAME_DURATION] = ck_constant,
	[STK_CK_FRAME_STEP] = ck_frame_step,
	[STK_CK_KEYFRAMES] = ck_keyframes,
	[STK_CK_EXIF] = ck_exif, [STK_CK_EXIF_VALID] = ck_exif,
};

bool stk__file_check_exists(stk__check ck)
{
	return ck < STK_CK_COUNT && file_checks[ck] != NULL;
}

stk_status stk__check_file(const stk__ctx *c, const stk__rule *r, const stk__subject *s,
                           stk_error *err)
{
	struct fc f = { c, r, s, err };
	if (!stk__file_check_exists(r->ck->check))
		return stk__fail(err, STK_ERR_INTERNAL, "check \"%s\" is not about a file",
		                 r->ck->name);
	return file_checks[r->ck->check](&f);
}
