/*
 * convert_profile.c - a store's conversion settings read from its profile:
 * the rules of the roles sticker, sticker.static and sticker.animated
 * (stk_convert_options_profile() in stk/convert.h lists which checks).
 *
 * A still is checked by validate against role sticker.static and the roles
 * it inherits from, an animation against sticker.animated and its parents:
 * a "kind" here is that chain of roles, as profile/ draws it
 * (stk__role_chain(), the inheritance validate uses too).  A kind's own
 * rule overrides its parents'; bounds are the stricter of all the kind's
 * rules, since validate checks every one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"
#include "profile_internal.h"

/* The roles one kind is checked against: its own first, then its parents. */
struct kind {
	const char *what;           /* "stills", "animations" */
	bool anim;
	const stk__role *roles[STK_ROLE_DEPTH];
	size_t n;                   /* roles the profile defines along the chain */
	bool video;                 /* roles[0] is sticker.video: its match formats
	                               are its formats when it has no formats rule */
};

static void kind_init(struct kind *k, const stk_profile *p, const char *what, bool anim,
                      const char *role)
{
	k->what = what;
	k->anim = anim;
	k->n = stk__role_chain(p, role, k->roles, STK_ROLE_DEPTH);
	k->video = false;
}

struct canvas {
	stk_size_mode mode;
	uint32_t width, height;
	bool even;
};

static bool has_role(const struct kind *k)
{
	return k->n > 0;
}

static const stk__rule *role_rule(const stk_profile *p, const stk__role *role, size_t i)
{
	return i < role->n_rules ? &p->rules[role->first_rule + i] : NULL;
}

/* The first rule with check c: the kind's own role, then sticker. */
static const stk__rule *find(const stk_profile *p, const struct kind *k, stk__check c)
{
	for (size_t r = 0; r < k->n; r++) {
		const stk__role *role = k->roles[r];
		for (size_t i = 0; i < role->n_rules; i++) {
			const stk__rule *rule = role_rule(p, role, i);
			if (rule->ck->check == c && !rule->pub.field)
				return rule;
		}
	}
	return NULL;
}

/* The tightest bound of all the kind's rules with check c: the smallest
 * value (upper) or the largest (lower); 0 when there is none. */
static double bound(const stk_profile *p, const struct kind *k, stk__check c, bool upper)
{
	double v = 0;
	bool have = false;
	for (size_t r = 0; r < k->n; r++) {
		const stk__role *role = k->roles[r];
		for (size_t i = 0; i < role->n_rules; i++) {
			const stk__rule *rule = role_rule(p, role, i);
			if (rule->ck->check != c || rule->pub.field)
				continue;
			if (!have || (upper ? rule->num < v : rule->num > v))
				v = rule->num;
			have = true;
		}
	}
	return v;
}

/* A rule's value as a whole number, saturated. */
static uint32_t u32(double v)
{
	return v >= UINT32_MAX ? UINT32_MAX : v > 0 ? (uint32_t)v : 0;
}

static uint32_t upper_u32(const stk_profile *p, const struct kind *k, stk__check c)
{
	return u32(bound(p, k, c, true));
}

static uint32_t lower_u32(const stk_profile *p, const struct kind *k, stk__check c)
{
	return u32(bound(p, k, c, false));
}

/* A boolean check: the kind's own rule, else sticker's, else false. */
static bool flag(const stk_profile *p, const struct kind *k, stk__check c)
{
	const stk__rule *r = find(p, k, c);
	return r && r->num != 0;
}

/* ---- formats ---- */

static bool lists(const stk__rule *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->strs[i], name) == 0)
			return true;
	return false;
}

/* Whether every formats rule of the kind allows this format. */
static bool allowed_by_all(const stk_profile *p, const struct kind *k, const char *name)
{
	for (size_t r = 0; r < k->n; r++) {
		const stk__role *role = k->roles[r];
		for (size_t i = 0; i < role->n_rules; i++) {
			const stk__rule *rule = role_rule(p, role, i);
			if (rule->ck->check == STK_CK_FORMATS && !lists(rule, name))
				return false;
		}
	}
	return true;
}

/* A format we write for this kind, by its profile name (never JPEG: we
 * do not write it); UNKNOWN otherwise. */
static stk_format writable(const char *name, bool anim)
{
	static const struct {
		const char *name;
		stk_format f;
		bool still, anim;
	} table[] = {
		{ "png", STK_FORMAT_PNG, true, false },
		{ "apng", STK_FORMAT_APNG, false, true },
		{ "webp", STK_FORMAT_WEBP, true, true },
		{ "gif", STK_FORMAT_GIF, true, true },
		{ "webm", STK_FORMAT_WEBM, true, true },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].name, name) == 0)
			return (anim ? table[i].anim : table[i].still) ? table[i].f
			                                               : STK_FORMAT_UNKNOWN;
	return STK_FORMAT_UNKNOWN;
}

/* The first format of the kind's list we write and every list allows;
 * UNKNOWN when the kind has no formats rule or none fits. */
static stk_format kind_format(const stk_profile *p, const struct kind *k)
{
	const stk__rule *r = find(p, k, STK_CK_FORMATS);
	for (size_t i = 0; r && i < r->n; i++) {
		stk_format f = writable(r->strs[i], k->anim);
		if (f != STK_FORMAT_UNKNOWN && allowed_by_all(p, k, r->strs[i]))
			return f;
	}
	const stk__role *own = k->roles[0];
	for (size_t i = 0; !r && k->video && own && i < own->n_formats; i++) {
		stk_format f = writable(own->match_formats[i], k->anim);
		if (f != STK_FORMAT_UNKNOWN)
			return f;
	}
	return STK_FORMAT_UNKNOWN;
}

/* Every format of the kind's list we write and every list allows, as
 * bits; 0 when the kind has no formats rule. */
static uint32_t kind_formats(const stk_profile *p, const struct kind *k)
{
	const stk__rule *r = find(p, k, STK_CK_FORMATS);
	uint32_t bits = 0;
	for (size_t i = 0; r && i < r->n; i++) {
		stk_format f = writable(r->strs[i], k->anim);
		if (f != STK_FORMAT_UNKNOWN && allowed_by_all(p, k, r->strs[i]))
			bits |= 1u << f;
	}
	return bits;
}

/* Whether the kind can be written: a role takes it, no `animated` rule
 * refuses it, and a format fits. */
static stk_format kind_output(const stk_profile *p, const struct kind *k)
{
	if (!has_role(k))
		return STK_FORMAT_UNKNOWN;
	for (size_t r = 0; r < k->n; r++) {
		const stk__role *role = k->roles[r];
		for (size_t i = 0; i < role->n_rules; i++) {
			const stk__rule *rule = role_rule(p, role, i);
			if (rule->ck->check == STK_CK_ANIMATED && (rule->num != 0) != k->anim)
				return STK_FORMAT_UNKNOWN;
		}
	}
	return kind_format(p, k);
}

/* ---- canvas ---- */

static bool is_canvas_check(stk__check c)
{
	return c == STK_CK_WIDTH || c == STK_CK_HEIGHT || c == STK_CK_MAX_WIDTH ||
	       c == STK_CK_MAX_HEIGHT || c == STK_CK_ONE_SIDE || c == STK_CK_SIZES;
}

/* The role whose canvas rules count: the kind's own if it has any (they
 * replace sticker's as a whole), else sticker. */
static const stk__role *canvas_role(const stk_profile *p, const struct kind *k)
{
	for (size_t r = 0; r < k->n; r++) {
		const stk__role *role = k->roles[r];
		for (size_t i = 0; i < role->n_rules; i++)
			if (is_canvas_check(role_rule(p, role, i)->ck->check))
				return role;
	}
	return NULL;
}

/* The value of the role's first rule with check c (0 when none). */
static uint32_t in_role(const stk_profile *p, const stk__role *role, stk__check c,
                        const stk__rule **out)
{
	for (size_t i = 0; role && i < role->n_rules; i++) {
		const stk__rule *r = role_rule(p, role, i);
		if (r->ck->check == c) {
			if (out)
				*out = r;
			return u32(r->num);
		}
	}
	return 0;
}

/* "512x512" into its sides; false unless both are whole numbers > 0. */
static bool parse_size(const char *s, uint32_t *w, uint32_t *h)
{
	char *end;
	unsigned long a = strtoul(s, &end, 10), b;
	if (end == s || *end != 'x' || a == 0 || a > UINT32_MAX)
		return false;
	s = end + 1;
	b = strtoul(s, &end, 10);
	if (end == s || *end || b == 0 || b > UINT32_MAX)
		return false;
	*w = (uint32_t)a;
	*h = (uint32_t)b;
	return true;
}

/* The longer side every output of the canvas is sure to have. */
static uint32_t sure_long_side(const struct canvas *c)
{
	uint32_t s;
	if (c->mode == STK_SIZE_CANVAS)
		s = c->width > c->height ? c->width : c->height;
	else if (c->mode == STK_SIZE_SIDE)
		s = c->width;
	else /* contain at most W x H touches one of the bounds */
		s = c->width < c->height ? c->width : c->height;
	return c->even && c->mode != STK_SIZE_CANVAS ? s & ~1u : s;
}

static stk_status kind_canvas(const stk_profile *p, const struct kind *k, struct canvas *c,
                              stk_error *err)
{
	const stk__role *role = canvas_role(p, k);
	const stk__rule *sizes = NULL;
	uint32_t w = in_role(p, role, STK_CK_WIDTH, NULL);
	uint32_t h = in_role(p, role, STK_CK_HEIGHT, NULL);
	uint32_t mw = in_role(p, role, STK_CK_MAX_WIDTH, NULL);
	uint32_t mh = in_role(p, role, STK_CK_MAX_HEIGHT, NULL);
	uint32_t side = in_role(p, role, STK_CK_ONE_SIDE, NULL);
	in_role(p, role, STK_CK_SIZES, &sizes);
	const char *id = stk_profile_id(p);

	memset(c, 0, sizeof *c);
	if (w && h) {
		*c = (struct canvas){ STK_SIZE_CANVAS, w, h, false };
	} else if (mw && mh) {
		/* at most W x H follows the art's aspect; minimum sides as well
		 * are only sure with the whole W x H */
		bool mins = bound(p, k, STK_CK_MIN_WIDTH, false) > 0 ||
		            bound(p, k, STK_CK_MIN_HEIGHT, false) > 0;
		*c = (struct canvas){ mins ? STK_SIZE_CANVAS : STK_SIZE_AT_MOST, mw, mh, false };
	} else if (side) {
		*c = (struct canvas){ STK_SIZE_SIDE, side, side, false };
	} else if (sizes && parse_size(sizes->strs[0], &w, &h)) {
		*c = (struct canvas){ STK_SIZE_CANVAS, w, h, false };
	} else {
		return stk__fail(err, STK_ERR_PROFILE, "the %s profile gives no canvas for %s "
		                 "(width and height, max-width and max-height, one-side or sizes "
		                 "in role sticker or sticker.%s)", id, k->what,
		                 k->anim ? "animated" : "static");
	}
	if (flag(p, k, STK_CK_SQUARE) && c->width != c->height) {
		uint32_t s = c->width < c->height ? c->width : c->height;
		if (c->mode == STK_SIZE_CANVAS)
			return stk__fail(err, STK_ERR_PROFILE, "the %s profile wants square %s on "
			                 "a %ux%u canvas", id, k->what, c->width, c->height);
		*c = (struct canvas){ STK_SIZE_CANVAS, s, s, false };
	} else if (flag(p, k, STK_CK_SQUARE) && c->mode != STK_SIZE_CANVAS) {
		c->mode = STK_SIZE_CANVAS;
	}
	c->even = flag(p, k, STK_CK_EVEN_SIDES);
	stk_resize_options ro;
	stk_error why;
	stk_resize_options_init(&ro);
	ro.mode = c->mode;
	ro.width = c->width;
	ro.height = c->height;
	ro.even = c->even;
	if (stk_resize_options_check(&ro, &why) != STK_OK)
		return stk__fail(err, STK_ERR_PROFILE, "the %s profile's canvas for %s: %s", id,
		                 k->what, why.msg);
	uint32_t min_long = lower_u32(p, k, STK_CK_MIN_LONG_SIDE);
	if (min_long > sure_long_side(c))
		return stk__fail(err, STK_ERR_PROFILE, "the %s profile's canvas for %s (%s%ux%u) "
		                 "cannot be sure of its min-long-side %u", id, k->what,
		                 c->mode == STK_SIZE_AT_MOST ? "at most " : "", c->width,
		                 c->height, min_long);
	return STK_OK;
}

/* ---- timing and playback ---- */

static stk_status kind_timing(const stk_profile *p, const struct kind *k,
                              stk_convert_options *o, stk_error *err)
{
	const char *id = stk_profile_id(p);
	o->min_frame_ms = lower_u32(p, k, STK_CK_MIN_FRAME_DURATION);
	o->max_play_time_ms = upper_u32(p, k, STK_CK_MAX_PLAY_TIME);
	o->max_duration_ms = upper_u32(p, k, STK_CK_MAX_DURATION);
	if (o->max_play_time_ms && (!o->max_duration_ms ||
	                            o->max_play_time_ms < o->max_duration_ms))
		o->max_duration_ms = o->max_play_time_ms; /* at least one play */
	o->min_frames = lower_u32(p, k, STK_CK_MIN_FRAMES);
	o->max_frames = upper_u32(p, k, STK_CK_MAX_FRAMES);
	if (o->max_frames && o->min_frames > o->max_frames)
		return stk__fail(err, STK_ERR_PROFILE, "the %s profile wants at least %u and at "
		                 "most %u frames", id, o->min_frames, o->max_frames);
	o->max_fps = bound(p, k, STK_CK_MAX_FPS, true);
	o->frame_timing = flag(p, k, STK_CK_CONSTANT_FRAME_DURATION) ? STK_FRAME_TIMING_CONSTANT
	                  : flag(p, k, STK_CK_FRAME_STEP) ? STK_FRAME_TIMING_STEP
	                  : STK_FRAME_TIMING_SOURCE;
	o->min_step_ms = o->frame_timing == STK_FRAME_TIMING_STEP
	                 ? lower_u32(p, k, STK_CK_FRAME_STEP) : 0;
	o->all_keyframes = flag(p, k, STK_CK_KEYFRAMES);
	o->loop_forever = flag(p, k, STK_CK_LOOP_FOREVER);
	o->max_plays = upper_u32(p, k, STK_CK_MAX_PLAYS);
	if (o->loop_forever && o->max_plays)
		return stk__fail(err, STK_ERR_PROFILE, "the %s profile wants animations to loop "
		                 "forever and at most %u times", id, o->max_plays);
	o->ndurations = 0;
	const stk__rule *d = find(p, k, STK_CK_DURATIONS);
	for (size_t i = 0; d && i < d->n; i++) {
		uint32_t ms = u32(round(d->nums[i]));
		if (ms == 0 || (o->max_duration_ms && ms > o->max_duration_ms))
			continue; /* can never be met; the others can */
		if (o->ndurations == STK_CONVERT_MAX_DURATIONS)
			return stk__fail(err, STK_ERR_PROFILE, "the %s profile lists more than %d "
			                 "durations", id, STK_CONVERT_MAX_DURATIONS);
		o->durations[o->ndurations++] = ms;
	}
	if (d && !o->ndurations)
		return stk__fail(err, STK_ERR_PROFILE, "none of the %s profile's durations is "
		                 "within its maximum of %u ms", id, o->max_duration_ms);
	return STK_OK;
}

/* ---- TGS pass-through ---- */

/* The animated role matching TGS files (Telegram's): a valid TGS source is
 * kept as it is; its bounds are that role's rules. */
static void tgs_settings(const stk_profile *p, stk_convert_options *o)
{
	const stk__role *role = stk__profile_role(p, "sticker.animated");
	o->keep_tgs = false;
	o->tgs_width = o->tgs_height = o->tgs_max_duration_ms = o->tgs_max_frames = 0;
	o->tgs_max_fps = 0;
	o->tgs_nfps = 0;
	o->tgs_max_bytes = 0;
	o->tgs_plain = false;
	for (size_t i = 0; role && i < role->n_formats; i++)
		o->keep_tgs |= strcmp(role->match_formats[i], "tgs") == 0;
	if (!o->keep_tgs)
		return;
	struct kind k = { "TGS animations", true, { role }, 1, false };
	o->tgs_width = in_role(p, role, STK_CK_WIDTH, NULL);
	o->tgs_height = in_role(p, role, STK_CK_HEIGHT, NULL);
	o->tgs_max_duration_ms = upper_u32(p, &k, STK_CK_MAX_DURATION);
	o->tgs_max_frames = upper_u32(p, &k, STK_CK_MAX_FRAMES);
	o->tgs_max_bytes = upper_u32(p, &k, STK_CK_MAX_BYTES);
	o->tgs_plain = find(p, &k, STK_CK_TGS_FEATURES) != NULL;
	const stk__rule *fps = find(p, &k, STK_CK_FPS);
	for (size_t i = 0; fps && i < fps->n && i < 4; i++)
		o->tgs_fps[o->tgs_nfps++] = fps->nums[i];
	o->tgs_max_fps = bound(p, &k, STK_CK_MAX_FPS, true);
}

/* ---- the whole ---- */

stk_status stk_convert_options_profile(stk_convert_options *opt, const stk_profile *p,
                                       stk_error *err)
{
	stk__profile_check(p);
	struct kind still, anim, video;
	kind_init(&still, p, "stills", false, stk__sticker_role(false));
	kind_init(&anim, p, "animations", true, stk__sticker_role(true));
	const char *id = stk_profile_id(p);
	kind_init(&video, p, "animations", true, "sticker.video");
	video.video = true;
	/* animations the animated role cannot take (Telegram's TGS) become
	 * video stickers when the store has them */
	if (stk__profile_role(p, "sticker.video") && kind_output(p, &anim) == STK_FORMAT_UNKNOWN)
		anim = video;

	if (!has_role(&still) && !has_role(&anim))
		return stk__fail(err, STK_ERR_PROFILE, "the %s profile has no sticker role "
		                 "(sticker, sticker.static or sticker.animated)", id);
	stk_format sf = kind_output(p, &still), af = kind_output(p, &anim);
	if (sf == STK_FORMAT_UNKNOWN && af == STK_FORMAT_UNKNOWN)
		return stk__fail(err, STK_ERR_PROFILE, "the %s profile names no sticker format "
		                 "convert writes (png, apng, gif or webp)", id);
	struct canvas sc = { 0 }, ac = { 0 };
	if (sf != STK_FORMAT_UNKNOWN)
		STK_TRY(kind_canvas(p, &still, &sc, err));
	if (af != STK_FORMAT_UNKNOWN)
		STK_TRY(kind_canvas(p, &anim, &ac, err));

	/* everything set below, so no setting of an earlier call is left */
	stk_convert_options o = *opt;
	const struct canvas *both = sf != STK_FORMAT_UNKNOWN ? &sc : &ac;
	o.still_format = sf;
	o.anim_format = af;
	o.format = sf != STK_FORMAT_UNKNOWN ? sf : af;
	o.no_still = sf == STK_FORMAT_UNKNOWN;
	o.no_anim = af == STK_FORMAT_UNKNOWN;
	o.still_formats = o.no_still ? 0 : kind_formats(p, &still) | 1u << sf;
	o.anim_formats = o.no_anim ? 0 : kind_formats(p, &anim) | 1u << af;
	o.choose_format = false;
	o.fit = true;
	o.resize.mode = both->mode;
	o.resize.width = both->width;
	o.resize.height = both->height;
	o.resize.even = sc.even || ac.even;
	o.anim_mode = STK_SIZE_CANVAS;
	o.anim_width = o.anim_height = 0;
	if (!o.no_still && !o.no_anim &&
	    (ac.mode != sc.mode || ac.width != sc.width || ac.height != sc.height)) {
		o.anim_mode = ac.mode;
		o.anim_width = ac.width;
		o.anim_height = ac.height;
	}
	/* the art kept clear of the edge the store asks for (a warning rule:
	 * art that touches the edge gets cut off in the chat) */
	double ms = bound(p, &still, STK_CK_MIN_MARGIN, false);
	double ma = bound(p, &anim, STK_CK_MIN_MARGIN, false);
	o.resize.margin = ms > ma ? ms : ma;
	o.resize.margin_percent = false;
	stk_error why;
	if (stk_resize_options_check(&o.resize, &why) != STK_OK)
		return stk__fail(err, STK_ERR_PROFILE, "the %s profile's canvas: %s (even sides "
		                 "apply to stills and animations alike)", id, why.msg);
	o.max_bytes = upper_u32(p, o.no_still ? &anim : &still, STK_CK_MAX_BYTES);
	o.max_bytes_anim = o.no_anim ? 0 : upper_u32(p, &anim, STK_CK_MAX_BYTES);
	if (o.no_anim) {
		o.min_frame_ms = o.max_duration_ms = o.max_play_time_ms = 0;
		o.min_frames = o.max_frames = o.max_plays = o.ndurations = 0;
		o.max_fps = 0;
		o.all_keyframes = o.loop_forever = false;
		o.frame_timing = STK_FRAME_TIMING_SOURCE;
		o.min_step_ms = 0;
	} else {
		STK_TRY(kind_timing(p, &anim, &o, err));
	}
	tgs_settings(p, &o);
	*opt = o;
	return STK_OK;
}
